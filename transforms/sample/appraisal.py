"""Penilaian, SIASN history and planted standalone rows (mixin of Generator)."""

from __future__ import annotations

from datetime import date
from json.encoder import encode_basestring as _enc  # type: ignore[attr-defined]

from transforms.contract import ENUMS, PREDIKAT_MATRIX
from transforms.sample import nip as nipmod
from transforms.sample import org, people
from transforms.sample.context import CODES, DATE_POOL, Superior, UnitCtx
from transforms.sample.formats import PREDIKAT_ALIASES, RATING_ALIASES, variant
from transforms.sample.org import ATAS, BAWAH, SESUAI

# A SIASN predikat that disagrees with e-Kinerja's (a value before a correction).
_SIASN_OTHER = {"Sangat Baik": "Baik", "Baik": "Sangat Baik", "Butuh Perbaikan": "Baik",
                "Kurang/Misconduct": "Butuh Perbaikan", "Sangat Kurang": "Butuh Perbaikan"}
_RW_PENILAI = ('"nipNrpPenilai"', '"namaPenilai"', '"penilaiUnorNm"', '"penilaiJabatanNm"',
               '"statusPenilai"')


class AppraisalMixin:
    """Needs Generator state: rng, tahun, nips, dates, tables, key, quotas, counters."""

    def _penilaian(self, ctx: UnitCtx, p: people.Person, sup: Superior, pair: tuple[str, str],
                   evidence: str, defect: str, dup_pending: str) -> str:
        """Write the periodic and annual rows; returns the annual predikat as written."""
        rng, tahun = self.rng, self.tahun
        annual = ""
        mismatch = ""
        if defect == "PREDIKAT_MISMATCH":
            mismatch = f"{tahun}-TW{rng.randint(1, 4)}"
            true = PREDIKAT_MATRIX[pair]
            wrong = self._wrong_predikat(true)
            first = self.kind_i["annual"] == 0
            if (not ctx.annual_mismatch and (first or rng.random() < 0.4)
                    and self._swap_ok(ctx, true, wrong)):
                mismatch = str(tahun)
                ctx.annual_mismatch = True
                self.kind_i["annual"] += 1
        rnd = rng.random
        for periode, pool in self.pen_dates:
            h, pk = pair
            if periode != str(tahun) and evidence.startswith("discord"):
                h = BAWAH if evidence == "discord_low" else ATAS  # quarters follow the evidence
            pred = PREDIKAT_MATRIX[(h, pk)]
            if periode == mismatch:
                wrong = self._wrong_predikat(pred)
                self.key.add("PREDIKAT_MISMATCH", "pegawai", p.nip, periode, "penilaian",
                             f"Predikat '{wrong}' padahal matriks ({h}; {pk}) memberi '{pred}'.")
                pred_txt = wrong
            else:
                pred_txt = variant(pred, PREDIKAT_ALIASES, rng, 0.06)
            if periode == str(tahun):
                annual = wrong if periode == mismatch else pred
            row = (self._nip_text(p.nip, 0.03), tahun, periode, self._nip_text(sup.nip, 0.02),
                   variant(h, RATING_ALIASES, rng, 0.05), variant(pk, RATING_ALIASES, rng, 0.05),
                   pred_txt, pool[int(rnd() * DATE_POOL)])
            self.t_pen.raw(row)
            if dup_pending == "penilaian" and periode.endswith("TW2"):
                self.pending.append((self.t_pen, row, ()))
        if evidence.startswith("discord"):
            self.key.add("RATING_EVIDENCE_DISCORDANT", "pegawai", p.nip, str(tahun), "penilaian",
                         "Rating tahunan " + ("Di Atas Ekspektasi dengan realisasi jauh di bawah target."
                                              if evidence == "discord_low" else
                                              "Di Bawah Ekspektasi padahal target terlampaui."))
        return annual

    @staticmethod
    def _wrong_predikat(true: str) -> str:
        return {"Sangat Baik": "Baik", "Baik": "Sangat Baik", "Butuh Perbaikan": "Baik",
                "Kurang/Misconduct": "Butuh Perbaikan", "Sangat Kurang": "Butuh Perbaikan"}[true]

    @staticmethod
    def _swap_ok(ctx: UnitCtx, true: str, wrong: str) -> bool:
        c = dict(ctx.counts)
        c[true] = c.get(true, 0) - 1
        c[wrong] = c.get(wrong, 0) + 1
        if not org.bounds_ok(c, ctx.unit.org):
            return False
        if ctx.head_pred:
            c[ctx.head_pred] -= 1
            return org.bounds_ok(c, ctx.unit.org)
        return True

    # ------------------------------------------------------------------ riwayat (SIASN)
    def _riwayat(self, ctx: UnitCtx, p: people.Person, sup: Superior | None, annual: str = "") -> None:
        """Two earlier years of SIASN rw-skp22 objects (keys in a fixed order), and for about a
        third of the appraised employees the bundle's year already synced to SIASN: the same
        predikat as e-Kinerja's annual one, a different one for about 1 in 25 of them (a
        disagreement the career views report). Those draw from ``rng_karier``."""
        rng = self.rng
        first = int(p.nip[8:12]) if p.jenis_asn == "PPPK" else self.tahun - 2
        if sup:
            penilai = (sup.nip, sup.nama, sup.unit_nama, sup.jabatan, "ASN")
        else:
            wil = ctx.instansi.wilayah
            kepala = ("Gubernur " + wil.removeprefix("Provinsi ") if wil.startswith("Provinsi")
                      else ("Wali Kota " if wil.startswith("Kota") else "Bupati ")
                      + wil.split(" ", 1)[1])
            penilai = ("", kepala, "", kepala, "NON ASN")
        tail = "".join(f", {k}: {_enc(v)}" for k, v in zip(_RW_PENILAI, penilai, strict=True))
        dinilai = f"{int(p.nip) * 7 % (1 << 64):016X}"
        years = [(t, "") for t in range(max(first, self.tahun - 2), self.tahun)]
        k = self.rng_karier
        if annual and k.random() < 0.35:
            self.career_variations["siasn_tahun_ini"] += 1
            synced = annual
            if k.random() < 0.04:
                synced = _SIASN_OTHER[annual]
                self.career_variations["siasn_berbeda"] += 1
            years.append((self.tahun, synced))
        for tahun, synced in years:
            own = k if synced else rng  # the earlier years keep the main stream as before
            r = 0.0 if synced else rng.random()
            pred = synced or ("Sangat Baik" if r < 0.2 else "Baik" if r < 0.86 else "Butuh Perbaikan"
                              if r < 0.95 else "Kurang/Misconduct" if r < 0.985 else "Sangat Kurang")
            h, pk = org.pair_for(own, pred)
            up = own.random() < 0.5
            self.t_rw.write_raw(
                f'{{"id": "{own.getrandbits(128):032x}", "tahun": {tahun}, "nip": "{p.nip}", '
                f'"pnsDinilaiId": "{dinilai}", '
                f'"hasilKinerja": "{h.upper() if up else h}", "hasilKinerjaNilai": {CODES[h]}, '
                f'"perilakuKerja": "{pk.upper() if up else pk}", '
                f'"perilakuKerjaNilai": {CODES[pk]}, '
                f'"kuadranKinerja": "{pred.upper() if up else pred}", '
                f'"kuadranKinerjaNilai": {ENUMS["predikat"].index(pred) + 1}{tail}}}')

    # ------------------------------------------------------------------ planted standalone rows
    def _standalone(self, ctx: UnitCtx, sup: Superior | None) -> None:
        if sup is None:
            return
        q = self.q
        if self.kind_i["nip"] > 0 and q["NIP_INVALID"].take():
            self._invalid_pegawai(ctx, sup)
        if q["ORPHAN_REFERENCE"].take():
            self._orphan(sup)

    def _invalid_pegawai(self, ctx: UnitCtx, sup: Superior) -> None:
        rng = self.rng
        kinds = nipmod.INVALID_KINDS
        kind = kinds[(self.kind_i["nip"] - 1) % len(kinds)]
        self.kind_i["nip"] += 1
        text = nipmod.unique_invalid(
            kind, lambda: self.nips.pns(1995, 2001, rng.choice((1, 2)), self.tahun), self.invalid_seen
        )
        nama = people._gelar(rng, people._name(rng, ctx.instansi.region, 1), "terampil")
        n = self.t_peg.write((text, nama, "PNS", "II/a", "Pelaksana", "Pengadministrasi Perkantoran",
                              "", ctx.unit.unor_id, sup.nip))
        self.key.add("NIP_INVALID", "row", f"pegawai:{n}", "", "pegawai",
                     f"Pegawai baru tanpa SKP; {nipmod.INVALID_NOTE[kind]}.")

    def _orphan(self, sup: Superior) -> None:
        tahun, d = self.tahun, self.dates
        kind = ("skp", "realisasi", "bukti_dukung", "penilaian")[self.kind_i["orphan"] % 4]
        self.kind_i["orphan"] += 1
        self.ids["orphan"] += 1
        ghost_iki = f"IKI-{tahun}-9{self.ids['orphan']:07d}"
        if kind == "skp":
            nip = self.nips.pns(1980, 1995, 1, tahun)
            n = self.t_skp.write((f"SKP-{tahun}-9{self.ids['orphan']:06d}", nip, tahun,
                                  d.text(date(tahun, 1, 1)), d.text(date(tahun, 12, 31)),
                                  "Kuantitatif", sup.nip, "Draft", "", ""))
            note = f"SKP untuk NIP {nip} yang tidak ada di tabel pegawai."
        elif kind == "realisasi":
            n = self.t_real.write((ghost_iki, f"{tahun}-TW2", "3", "3 Dokumen", "", d.text(date(tahun, 7, 5))))
            note = f"Realisasi untuk indikator {ghost_iki} yang tidak ada."
        elif kind == "bukti_dukung":
            n = self.t_bukti.write((f"BKT-{tahun}-9{self.ids['orphan']:08d}", ghost_iki,
                                    f"{tahun}-TW3", "Berkas", f"Bukti_{ghost_iki}.pdf",
                                    d.text(date(tahun, 10, 6), False)))
            note = f"Bukti dukung untuk indikator {ghost_iki} yang tidak ada."
        else:
            nip = self.nips.pns(1980, 1995, 2, tahun)
            n = self.t_pen.write((nip, tahun, str(tahun), sup.nip, SESUAI, SESUAI, "Baik",
                                  d.text(date(tahun + 1, 1, 20))))
            note = f"Penilaian untuk NIP {nip} yang tidak ada di tabel pegawai."
        self.key.add("ORPHAN_REFERENCE", "row", f"{kind}:{n}", "", kind, note)
