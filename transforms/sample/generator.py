"""The sample bundle generator: walks each instansi's unit tree depth-first and streams every
table row as it is generated. Memory holds the unit trees and the superior chain only."""

from __future__ import annotations

import json
import math
import random
import shutil
import time
from datetime import date
from pathlib import Path

from transforms.contract import PREDIKAT_MATRIX
from transforms.sample import nip as nipmod
from transforms.sample import org, people, vocab
from transforms.sample.appraisal import AppraisalMixin
from transforms.sample.context import (
    ACHIEVE,
    DATE_POOL,
    EVAL_ROLES,
    INDICATOR_ORDER,
    NILAI_DASAR,
    PERSPEKTIF,
    Progress,
    SampleSummary,
    Superior,
    UnitCtx,
)
from transforms.sample.defects import Quota, employee_targets, unit_targets
from transforms.sample.evidence import EvidenceMixin
from transforms.sample.formats import CASCADING_ALIASES, Dates, variant
from transforms.sample.org import ATAS, BAWAH, SESUAI, Instansi, Unit
from transforms.sample.writers import (
    CsvTable,
    DecoyWriter,
    JsonArray,
    JsonlTable,
    KeyWriter,
    Workbook,
    XlsxSheet,
)

__all__ = ["SampleSummary", "write_sample_bundle"]

# The jenjang before a promotion (a mid-year jenjang change in the sample, docs/sample.md).
LOWER_JENJANG = {"Terampil": "Pemula", "Mahir": "Terampil", "Penyelia": "Mahir",
                 "Ahli Muda": "Ahli Pertama", "Ahli Madya": "Ahli Muda", "Ahli Utama": "Ahli Madya"}


class Generator(EvidenceMixin, AppraisalMixin):
    def __init__(self, out: Path, employees: int, seed: int, tahun: int, instansi: int | None,
                 key_path: Path, progress: Progress | None, decoy_path: Path | None = None) -> None:
        self.out, self.n, self.tahun, self.key_path = out, employees, tahun, key_path
        self.decoy_path = decoy_path or _decoy_path(key_path)
        self.rng = random.Random(seed)
        # Career variations (mid-year jenjang change, SIASN rows of the bundle's year) draw from
        # their own stream, so the rest of the bundle is what the same seed always gave.
        self.rng_karier = random.Random(seed * 1_000_003 + 17)
        self.career_variations = {"jenjang_naik": 0, "siasn_tahun_ini": 0, "siasn_berbeda": 0}
        self.progress = progress
        self.n_instansi = min(40, employees, max(1, instansi if instansi else employees // 2500))
        self.nips = nipmod.NipFactory(self.rng)
        self.dates = Dates(tahun, self.rng)
        self.done = 0
        self.ids = {"skp": 0, "rhk": 0, "iki": 0, "orphan": 0}
        self.n_bukti = 0
        self.periods = [""] + [f"{tahun}-TW{q}" for q in range(1, 5)]
        d = self.dates
        self.q_dates = [[]] + [
            [d.between(date(tahun, 3 * q, 25), date(tahun, 3 * q + 1, 20)) for _ in range(DATE_POOL)]
            for q in (1, 2, 3)] + [
            [d.between(date(tahun, 12, 20), date(tahun + 1, 1, 15)) for _ in range(DATE_POOL)]]
        windows = [(date(tahun, 4, 1), date(tahun, 4, 15)), (date(tahun, 7, 1), date(tahun, 7, 15)),
                   (date(tahun, 10, 1), date(tahun, 10, 15)),
                   (date(tahun + 1, 1, 2), date(tahun + 1, 1, 15)),
                   (date(tahun + 1, 1, 16), date(tahun + 1, 2, 14))]
        self.pen_dates = [(periode, [d.between(lo, hi) for _ in range(DATE_POOL)])
                          for periode, (lo, hi) in zip(self.periods[1:] + [str(tahun)], windows,
                                                       strict=True)]
        self.pending: list[tuple[object, tuple, tuple]] = []
        self.invalid_seen: set[str] = set()
        self.kind_i = {"nip": 0, "dup": 0, "orphan": 0, "tu": 0, "annual": 0}

    # ------------------------------------------------------------------ setup
    def _open(self) -> None:
        o = self.out
        self.t_unit = CsvTable(o, "unit_kerja")
        self.t_peg = CsvTable(o, "pegawai", encoding="cp1252", delimiter=";")
        self.t_skp = CsvTable(o, "skp", encoding="utf-8-sig")
        self.t_rhk = CsvTable(o, "rhk", extra=("keterangan",))
        self.t_iki = CsvTable(o, "indikator", order=INDICATOR_ORDER)
        self.t_real = CsvTable(o, "realisasi")
        self.t_bukti = JsonlTable(o, "bukti_dukung")
        self.t_pen = CsvTable(o, "penilaian")
        self.t_per = CsvTable(o, "perilaku")
        self.book = Workbook(o / "kinerja.xlsx", self.tahun)
        self.t_ko = XlsxSheet(self.book, "kinerja_organisasi")
        self.t_pot = XlsxSheet(self.book, "potensi")
        self.t_rw = JsonArray(o / "riwayat_skp.json")
        self.key = KeyWriter(self.key_path)
        self.decoys = DecoyWriter(self.decoy_path)
        self.tables = [self.t_unit, self.t_peg, self.t_skp, self.t_rhk, self.t_iki, self.t_real,
                       self.t_bukti, self.t_pen, self.t_per, self.t_ko, self.t_pot]

    def _plan(self) -> list[Instansi]:
        rng = self.rng
        base = self.n // self.n_instansi
        sizes = [base] * self.n_instansi
        for i in range(self.n - base * self.n_instansi):
            sizes[i] += 1
        for i in range(0, self.n_instansi - 1, 2):  # vary sizes pairwise, keep the total
            d = int(sizes[i] * rng.uniform(0, 0.2))
            sizes[i] += d
            sizes[i + 1] -= d
        insts = [org.build_instansi(rng, i, s) for i, s in enumerate(sizes)]
        units = sum(len(x.units) for x in insts)
        org.assign_roles(rng, insts, unit_targets(self.n, units))
        for inst in insts:
            org.assign_sizes(rng, inst)
        units = sum(len(x.units) for x in insts)
        t = employee_targets(self.n)
        pool = self.n * 0.5
        q = {rule: Quota(rng, need, pool) for rule, need in t.items()}
        q["RHK_NOT_CASCADED"] = Quota(rng, max(3 if self.n >= 1000 else 1, units // 30),
                                      units * 0.5)
        q["EVIDENCE_MISSING"].pool = pool * 0.5
        q["TARGET_UNREALISTIC"].pool = pool * 0.6
        q["RATING_EVIDENCE_DISCORDANT"].pool = self.n * 0.1
        self.q = q
        return insts

    # ------------------------------------------------------------------ helpers
    def _id(self, kind: str) -> str:
        self.ids[kind] += 1
        n = self.ids[kind]
        if kind == "skp":
            return f"SKP-{self.tahun}-{n:07d}"
        if kind == "rhk":
            return f"RHK-{self.tahun}-{n:08d}"
        return f"IKI-{self.tahun}-{n:08d}"

    def _nip_text(self, nip: str, rate: float = 0.04) -> str:
        r = self.rng.random()
        if r < rate * 0.75:
            return nipmod.grouped(nip)
        if r < rate:
            return nipmod.dotted(nip)
        return nip

    def _flush_pending(self) -> None:
        for writer, row, extra in self.pending:
            n = writer.write(row, extra) if extra else writer.write(row)  # type: ignore[attr-defined]
            table = writer.table  # type: ignore[attr-defined]
            self.key.add("DUPLICATE_KEY", "row", f"{table}:{n}", "", table,
                         "Salinan persis baris sebelumnya (kunci ganda).")
        self.pending.clear()

    # ------------------------------------------------------------------ run
    def run(self) -> SampleSummary:
        started = time.perf_counter()
        insts = self._plan()
        self._open()
        try:
            for inst in insts:
                self._unit(inst, inst.root, None)
            self._flush_pending()
            if len(insts) == 1:
                manifest = {"sumber": "e-kinerja", "tahun": self.tahun,
                            "instansi_id": insts[0].instansi_id,
                            "diekspor_pada": f"{self.tahun + 1}-01-15T08:00:00+07:00"}
                (self.out / "manifest.json").write_text(
                    json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        finally:
            for t in self.tables:
                t.close()
            self.book.close()
            self.t_rw.close()
            self.key.close()
            self.decoys.close()
        if self.progress:
            self.progress("selesai", self.n, self.n)
        rows = {t.table: t.rows for t in self.tables}
        rows["riwayat_skp"] = self.t_rw.rows
        files = sorted(p.name for p in self.out.iterdir())
        defects = {r: self.key.counts.get(r, 0) for r in sorted(self.key.counts)}
        return SampleSummary(self.n, len(insts), rows, files, defects, self.key_path,
                             time.perf_counter() - started, self.decoy_path,
                             {k: self.decoys.counts[k] for k in sorted(self.decoys.counts)},
                             dict(self.career_variations))

    def _unit(self, inst: Instansi, unit: Unit, parent: Superior | None) -> None:
        rng = self.rng
        head_pair, staff = org.plan_unit(rng, unit)
        counts: dict[str, int] = {}
        for h, p, _ in staff:
            pr = PREDIKAT_MATRIX[(h, p)]
            counts[pr] = counts.get(pr, 0) + 1
        head_pred = PREDIKAT_MATRIX[head_pair] if head_pair else None
        if head_pred:
            counts[head_pred] = counts.get(head_pred, 0) + 1
        ctx = UnitCtx(unit, inst, counts, head_pred)
        person = people.head(rng, self.nips, inst.region, unit.head_jenis, unit.head_jabatan,
                             self.tahun)
        self.t_unit.write((unit.unor_id, unit.nama, unit.parent.unor_id if unit.parent else "",
                           inst.instansi_id, inst.nama, self._nip_text(person.nip, 0.03)))
        capaian = {"Istimewa": (104, 115), "Baik": (92, 103.5), "Butuh Perbaikan": (80, 90),
                   "Kurang": (65, 79), "Sangat Kurang": (45, 64)}[unit.org]
        for periode in [str(self.tahun)] + [f"{self.tahun}-TW{i}" for i in range(1, 5)]:
            self.t_ko.write((unit.unor_id, self.tahun, periode, unit.org,
                             round(rng.uniform(*capaian), 2)))
        if unit.role in org.ROLE_RULE:
            rule = org.ROLE_RULE[unit.role]
            note = f"{org.ROLE_NOTE[unit.role]} ({len(staff) + 1} pegawai)"
            if unit.role in EVAL_ROLES:
                self.key.add(rule, "penilai", person.nip, str(self.tahun), "penilaian", note)
            else:
                self.key.add(rule, "unit", unit.unor_id, str(self.tahun), "penilaian", note)
        elif unit.role in org.DECOYS:
            rule, kind, org_predikat, note = org.DECOYS[unit.role]
            self.decoys.add(kind, rule, person.nip, str(self.tahun), unit.unor_id, org_predikat,
                            len(staff) + 1, note)
        subs = len(staff) + len(unit.children)
        head_rhk = self._person(ctx, person, parent, head_pair, "head", subs)
        sup = Superior(person.nip, person.nama, person.jabatan, unit.nama, head_rhk,
                       list(head_rhk), subs, parent.rhk if parent else [])
        for h, p, evidence in staff:
            st = people.staff(rng, self.nips, inst.region, unit.fungsional, self.tahun)
            self._person(ctx, st, sup, (h, p), evidence, 0)
        for child in unit.children:
            self._unit(inst, child, sup)

    # ------------------------------------------------------------------ one employee
    def _defect(self, ctx: UnitCtx, sup: Superior | None, pair: tuple[str, str] | None,
                is_head: bool, must_cover: bool, nip: str) -> str:
        """At most one planted employee-level defect per employee."""
        if sup is None or pair is None:
            return ""
        role = ctx.unit.role
        q = self.q
        hasil = pair[0]
        in_eval = (role in EVAL_ROLES or role in org.DECOYS) and not is_head  # evidence kept clean
        if is_head:
            checks = ("CASCADE_BROKEN", "CASCADE_MISSING")
        elif in_eval:
            return ""
        else:
            checks = ("NIP_INVALID", "DUPLICATE_KEY", "SKP_WITHOUT_UTAMA", "CASCADE_BROKEN",
                      "CASCADE_MISSING", "RATING_EVIDENCE_DISCORDANT", "PREDIKAT_MISMATCH",
                      "EVIDENCE_MISSING", "INDICATOR_UNMEASURABLE", "TARGET_UNREALISTIC")
        for rule in checks:
            if rule == "SKP_WITHOUT_UTAMA" and must_cover:
                continue
            if rule == "NIP_INVALID" and (self.kind_i["nip"] != 0
                                          or not nipmod.excel_detectable(nip)):
                continue  # the xlsx numeric NIP is planted once; the rest are standalone rows
            if rule in ("RATING_EVIDENCE_DISCORDANT", "PREDIKAT_MISMATCH") and role != org.ORDINARY:
                continue
            if rule == "RATING_EVIDENCE_DISCORDANT" and hasil == SESUAI:
                continue
            if rule == "EVIDENCE_MISSING" and hasil == ATAS:
                continue
            if rule == "TARGET_UNREALISTIC" and hasil == BAWAH:
                continue
            if q[rule].take():
                return rule
        return ""

    def _promoted(self, p: people.Person, is_head: bool, defect: str, status: str, role: str) -> str:
        """The lower jenjang of a JF employee promoted on 1 July (two SKP in the year), or "".

        About 1 in 25 ordinary JF staff without a planted defect whose jenjang has a lower one."""
        lower = LOWER_JENJANG.get(p.jenjang, "")
        if is_head or defect or role != org.ORDINARY or not lower or status != "Disetujui":
            return ""
        return lower if self.rng_karier.random() < 0.04 else ""

    def _person(self, ctx: UnitCtx, p: people.Person, sup: Superior | None,
                pair: tuple[str, str] | None, evidence: str, subordinates: int) -> list[str]:
        rng, tahun, unit = self.rng, self.tahun, ctx.unit
        is_head = evidence == "head"
        if is_head:
            evidence = org.LEVEL[pair[0]] if pair else "sesuai"
        status = "Disetujui"
        if not is_head and rng.random() < 0.06:
            status = rng.choice(("Diajukan", "Diajukan", "Draft", "Ditolak"))
        must_cover = bool(sup and len(sup.uncovered) > 5 * (sup.remaining - 1))
        if must_cover:
            status = "Disetujui"
        defect = self._defect(ctx, sup, pair, is_head, must_cover, p.nip)
        covering = status == "Disetujui" and defect != "SKP_WITHOUT_UTAMA"
        dup_table = ""
        if defect == "DUPLICATE_KEY":
            dup_table = ("pegawai", "rhk", "realisasi", "penilaian", "bukti_dukung")[
                self.kind_i["dup"] % 5]
            self.kind_i["dup"] += 1
        if defect == "RATING_EVIDENCE_DISCORDANT":
            evidence = "discord_low" if pair and pair[0] == ATAS else "discord_high"

        # pegawai
        peg_row = (self._nip_text(p.nip), p.nama, p.jenis_asn, p.golongan, p.jenis_jabatan,
                   p.jabatan, p.jenjang, unit.unor_id, self._nip_text(sup.nip, 0.03) if sup else "")
        self.t_peg.write(peg_row)
        if dup_table == "pegawai":
            self.pending.append((self.t_peg, peg_row, ()))

        # skp (a mid-year jenjang change: the year split into two SKP, RHK alternating)
        skp_id = self._id("skp")
        pendekatan = "Kualitatif" if rng.random() < 0.12 else "Kuantitatif"
        d = self.dates
        approved = d.between(date(tahun, 1, 2), date(tahun, 2, 28)) if status == "Disetujui" else ""
        before = self._promoted(p, is_head, defect, status, unit.role)
        end = date(tahun, 6, 30) if before else date(tahun, 12, 31)
        row = (skp_id, self._nip_text(p.nip, 0.02), tahun, d.text(date(tahun, 1, 1)), d.text(end),
               variant(pendekatan, {}, rng, 0.03), self._nip_text(sup.nip, 0.02) if sup else "",
               variant(status, {}, rng, 0.03), approved, before or p.jenjang)
        self.t_skp.write(row)
        skp_ids = [skp_id]
        if before:  # its own id and ISO dates: the main stream and every other id unchanged
            skp_ids.append(f"{skp_id}-2")
            self.t_skp.write((skp_ids[1], *row[1:3], date(tahun, 7, 1).isoformat(),
                              date(tahun, 12, 31).isoformat(), *row[5:9], p.jenjang))
            self.career_variations["jenjang_naik"] += 1

        # rhk
        jpt = p.jenis_jabatan.startswith("JPT")
        if is_head:
            n_utama = rng.randint(4, 5) if jpt else rng.randint(3, 5)
        else:
            n_utama = rng.randint(2, 4)
        if covering and sup:
            n_utama = max(n_utama, min(6, math.ceil(len(sup.uncovered) / max(1, sup.remaining))))
        if defect == "SKP_WITHOUT_UTAMA":
            n_utama = 0
            self.key.add(defect, "skp", skp_id, "", "skp", "SKP hanya memuat RHK Tambahan.")
        rhk_specs: list[tuple[str, str, str, str]] = []  # (jenis, atasan, cascading, flag)
        for _ in range(n_utama):
            atasan = ""
            if sup:
                atasan = sup.uncovered.pop(0) if covering and sup.uncovered else rng.choice(sup.rhk)
            rhk_specs.append(("Utama", atasan, "", ""))
        if defect == "CASCADE_MISSING":
            rhk_specs.append(("Utama", "", "", "CASCADE_MISSING"))
        elif defect == "CASCADE_BROKEN" and sup:
            if sup.parent_rhk and rng.random() < 0.5:
                wrong = rng.choice(sup.parent_rhk)
            else:
                wrong = f"RHK-{tahun - 1}-{rng.randint(1, 9_999_999):08d}"
            rhk_specs.append(("Utama", wrong, "", "CASCADE_BROKEN"))
        not_cascaded = is_head and subordinates >= 3 and self.q["RHK_NOT_CASCADED"].take()
        if not_cascaded:
            rhk_specs.append(("Utama", rng.choice(sup.rhk) if sup else "", "", "RHK_NOT_CASCADED"))
        n_tambahan = rng.choice((0, 0, 1, 1, 2)) if defect != "SKP_WITHOUT_UTAMA" else rng.randint(1, 2)
        rhk_specs += [("Tambahan", "", "", "")] * n_tambahan
        if sup:
            sup.remaining -= 1

        own_rhk: list[str] = []
        level = evidence
        a_lo, a_hi = ACHIEVE.get(level, ACHIEVE["sesuai"])
        plant_iki = defect in ("INDICATOR_UNMEASURABLE", "TARGET_UNREALISTIC")
        missing_done = defect != "EVIDENCE_MISSING"
        dup_pending = dup_table
        for i, (jenis, atasan, _c, flag) in enumerate(rhk_specs):
            rhk_id = self._id("rhk")
            if jenis == "Utama" and flag != "RHK_NOT_CASCADED":
                own_rhk.append(rhk_id)
            elif flag == "RHK_NOT_CASCADED":
                self.key.add("RHK_NOT_CASCADED", "rhk", rhk_id, "", "rhk",
                             "RHK Utama atasan tanpa RHK bawahan yang mengintervensi.")
            if flag in ("CASCADE_MISSING", "CASCADE_BROKEN"):
                note = ("RHK Utama tanpa RHK atasan yang diintervensi." if flag == "CASCADE_MISSING"
                        else f"rhk_atasan_id {atasan} bukan RHK milik SKP penilai.")
                self.key.add(flag, "rhk", rhk_id, "", "rhk", note)
            topic = unit.topic
            if jenis == "Tambahan":
                uraian = rng.choice(vocab.RHK_TAMBAHAN).format(t=topic)
            elif jpt:
                persp = PERSPEKTIF[i % 4]
                uraian = rng.choice(vocab.RHK_JPT[persp]).format(t=topic)
            elif p.jenis_jabatan == "Administrator":
                uraian = rng.choice(vocab.RHK_ADMIN).format(t=topic)
            elif p.jenis_jabatan == "Pengawas":
                uraian = rng.choice(vocab.RHK_PENGAWAS).format(t=topic)
            else:
                uraian = rng.choice(vocab.RHK_STAF).format(t=topic)
            cascading = ""
            if atasan:
                cascading = "Langsung" if rng.random() < 0.7 else "Tidak Langsung"
                cascading = variant(cascading, CASCADING_ALIASES, rng, 0.06)
            perspektif = PERSPEKTIF[i % 4] if jpt and jenis == "Utama" else ""
            keterangan = "Revisi setelah reviu atasan" if rng.random() < 0.03 else ""
            row = (rhk_id, skp_ids[i % len(skp_ids)], jenis, uraian, atasan, cascading, perspektif)
            self.t_rhk.write(row, (keterangan,))
            if dup_pending == "rhk":
                self.pending.append((self.t_rhk, row, (keterangan,)))
                dup_pending = ""
            # indicators
            specs = self._indicator_specs(pendekatan, is_head and rng.random() < 0.3)
            if plant_iki and i == 0:
                specs.append(("PLANT", defect))
            for spec in specs:
                a = rng.uniform(a_lo, a_hi)
                skip = ""
                if not missing_done and spec[0] != "PLANT":
                    skip = f"{tahun}-TW{rng.randint(1, 4)}"
                    missing_done = True
                dup_pending = self._indicator(rhk_id, spec, a, level, p.nip, skip, dup_pending,
                                               topic)

        # penilaian
        annual = ""
        if sup and pair:
            annual = self._penilaian(ctx, p, sup, pair, evidence, defect, dup_pending)
            dup_pending = "" if dup_pending == "penilaian" else dup_pending

        # perilaku, potensi, riwayat
        rnd, fb = rng.random, vocab.PERILAKU_UMPAN_BALIK
        for nd in NILAI_DASAR:
            r = rnd()
            self.t_per.raw((p.nip, tahun, nd, vocab.EKSPEKTASI[nd] if r < 0.8 else "",
                            fb[int(r * 5) % 5]))
        if rng.random() < 0.9 or defect == "NIP_INVALID":
            r = rng.random()
            kat, lo, hi = (("Tinggi", 76, 95) if r < 0.2 else ("Menengah", 56, 75) if r < 0.75
                           else ("Rendah", 35, 55))
            skor = round(rng.uniform(lo, hi), 1)
            if defect == "NIP_INVALID":
                n = self.t_pot.write((nipmod.excel_number(p.nip), tahun, kat, skor))
                self.key.add("NIP_INVALID", "row", f"potensi:{n}", "", "potensi",
                             nipmod.INVALID_NOTE["xlsx_number"])
                self.kind_i["nip"] += 1
            else:
                self.t_pot.write((p.nip, tahun, kat, skor))
        self._riwayat(ctx, p, sup, annual)

        # after the person: pending duplicates and standalone planted rows
        self._flush_pending()
        if not is_head and unit.role not in org.DECOYS:  # no stray rows in a decoy's team
            self._standalone(ctx, sup)
        self.done += 1
        if self.progress and (self.done % max(1, self.n // 100) == 0 or self.done == self.n):
            self.progress("pegawai", self.done, self.n)
        return own_rhk


def write_sample_bundle(out: Path, employees: int, seed: int, tahun: int = 2025,
                        instansi: int | None = None, key_path: Path | None = None,
                        progress: Progress | None = None,
                        decoy_path: Path | None = None) -> SampleSummary:
    """Write a synthetic e-Kinerja export bundle to ``out`` (created; must be empty or absent),
    its ground-truth key of planted defects to ``key_path`` (default: beside the bundle,
    ``<out>.kunci.csv``) and its decoys, which a correct analysis must not flag, to
    ``decoy_path`` (default: beside the key, ``<out>.umpan.csv``)."""
    out = Path(out)
    if employees < 1:
        raise ValueError("Jumlah pegawai minimal 1.")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"Folder keluaran {out} tidak kosong.")
    out.mkdir(parents=True, exist_ok=True)
    key = Path(key_path) if key_path else out.parent / f"{out.name}.kunci.csv"
    decoys = Path(decoy_path) if decoy_path else _decoy_path(key)
    try:
        return Generator(out, employees, seed, tahun, instansi, key, progress, decoys).run()
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        key.unlink(missing_ok=True)
        decoys.unlink(missing_ok=True)
        raise


def _decoy_path(key: Path) -> Path:
    """``ekspor.kunci.csv`` -> ``ekspor.umpan.csv``; any other key name ``x.csv`` -> ``x.umpan.csv``."""
    name = key.name
    if name.endswith(".kunci.csv"):
        return key.with_name(name.removesuffix(".kunci.csv") + ".umpan.csv")
    return key.with_name(f"{key.stem}.umpan.csv")
