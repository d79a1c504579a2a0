"""Indicators, targets, quarterly realisasi and bukti dukung of one RHK (mixin of Generator)."""

from __future__ import annotations

from transforms.sample import vocab
from transforms.sample.context import DATE_POOL, FEEDBACK
from transforms.sample.formats import num_id, variant


class EvidenceMixin:
    """Needs Generator state: rng, tahun, ids, periods, q_dates, tables, key, pending."""

    def _spread(self, total: int) -> list[int]:
        """An additive yearly total split over four quarters."""
        base, rem = divmod(total, 4)
        vals = [base] * 4
        start = int(self.rng.random() * 4)
        for k in range(rem):
            vals[(start + k) % 4] += 1
        return vals

    def _indicator_specs(self, pendekatan: str, money: bool) -> list[tuple]:
        rng = self.rng
        prod = rng.choice(vocab.PRODUCTS)
        if pendekatan == "Kualitatif":
            n = 2 if rng.random() < 0.3 else 1
            return [("Kualitatif", prod)] * n
        specs: list[tuple] = [("Kuantitas", vocab.MONEY if money else prod)]
        r = rng.random()
        if r < 0.62:
            specs.append(("Kualitas", prod))
        if 0.32 < r < 0.62 or r > 0.9:
            specs.append(("Waktu", prod))
        return specs

    def _indicator(self, rhk_id: str, spec: tuple, a: float, level: str, nip: str, skip: str,
                   dup_pending: str, topic: str) -> str:
        rng = self.rng
        iki = self._id("iki")
        aspek, prod = spec
        kind = ""
        if aspek == "PLANT":
            kind = prod
            if kind == "INDICATOR_UNMEASURABLE":
                row = (iki, rhk_id, "", rng.choice(vocab.UNMEASURABLE), "", "", "",
                       rng.choice(vocab.UNMEASURABLE_TARGET))
                self.key.add(kind, "indikator", iki, "", "indikator",
                             "Indikator tanpa ukuran kuantitas/kualitas/waktu/biaya dan tanpa target angka.")
                self.t_iki.write(row)
                quarters = [("", "Telah dilaksanakan")] * 4
                return self._realisasi(iki, quarters, level, nip, skip, dup_pending)
            tu = ("zero", "inverted", "x5", "pct_over", "missing")[self.kind_i["tu"] % 5]
            self.kind_i["tu"] += 1
            return self._target_unrealistic(iki, rhk_id, tu, level, nip, dup_pending)
        if aspek == "Kuantitas":
            noun, satuan = prod[0], prod[1]
            if satuan == "Juta Rupiah":
                t = round(rng.uniform(1000, 9000), 1)
                uraian = f"Jumlah realisasi anggaran {topic} (juta rupiah)"
                total = round(t * min(a, 1.02), 1)
                parts = [round(total * w, 1) for w in (0.2, 0.25, 0.25)]
                parts.append(round(total - sum(parts), 1))
                vals = parts
            else:
                t = rng.randint(prod[3], prod[4])
                uraian = f"Jumlah {noun} {topic} yang {prod[2]}"
                total = round(t * a)
                if a >= 1.1:
                    total = max(total, t + 1)
                elif a < 0.97:
                    total = min(total, t - 1)
                total = max(total, 1)
                vals = self._spread(total)
            row = (iki, rhk_id, variant("Kuantitas", {}, rng, 0.02), uraian, num_id(t), "", satuan,
                   f"{num_id(t)} {satuan}")
            quarters = [(num_id(v), f"{num_id(v)} {satuan}") for v in vals]
        elif aspek == "Kualitas":
            t = rng.choice((80, 85, 90, 95, 100))
            level_v = min(100.0, max(t + 5, t * a) if a >= 1.1 else t * a)
            tmin = "100 %" if t == 100 and rng.random() < 0.5 else num_id(t)
            row = (iki, rhk_id, "Kualitas", f"Persentase {prod[0]} {topic} yang sesuai standar", tmin, "",
                   "%", f"{t} %")
            quarters = []
            for _ in range(4):
                v = min(100.0, round((level_v + rng.uniform(-1.5, 1.5)) * 2) / 2)
                if a < 0.97:
                    v = min(v, t - 0.5)
                elif a >= 1.1:
                    v = max(v, min(100.0, t + 0.5))
                txt = "100 %" if v == 100 and rng.random() < 0.5 else num_id(v)
                quarters.append((txt, f"{num_id(v)} %"))
        elif aspek == "Waktu":
            total = 12 if a >= 0.97 else (11 if a >= 0.85 else max(2, round(12 * a)))
            vals = self._spread(total)
            row = (iki, rhk_id, "Waktu", f"Waktu penyelesaian {prod[0]} {topic} dalam 12 bulan", "12", "",
                   "Bulan", "12 Bulan")
            quarters = [(str(v), f"{v} Bulan") for v in vals]
        else:  # Kualitatif approach
            t = rng.choice((75, 80, 85))
            level_v = min(98.0, t * a)
            row = (iki, rhk_id, "", rng.choice(vocab.KUALITATIF).format(p=prod[0], t=topic),
                   str(t), "", "Nilai", f"Nilai minimal {t}")
            quarters = []
            for _ in range(4):
                v = round(level_v + rng.uniform(-2, 2))
                if a < 0.97:
                    v = min(v, t - 1)
                elif a >= 1.1:
                    v = max(v, t + 1)
                quarters.append((str(v), f"Nilai {v}"))
        self.t_iki.write(row)
        if skip:
            self.key.add("EVIDENCE_MISSING", "indikator", iki, skip, "bukti_dukung",
                         "Realisasi dilaporkan tanpa bukti dukung pada periode ini.")
        return self._realisasi(iki, quarters, level, nip, skip, dup_pending)

    def _target_unrealistic(self, iki: str, rhk_id: str, tu: str, level: str, nip: str,
                            dup_pending: str) -> str:
        rng = self.rng
        if tu == "zero":
            row = (iki, rhk_id, "Kuantitas", "Jumlah dokumen yang disusun", "0", "", "Dokumen",
                   "0 Dokumen")
            quarters = [("1", "1 Dokumen")] * 2 + [("0", "0 Dokumen")] * 2
            note = "Target nol."
        elif tu == "inverted":
            row = (iki, rhk_id, "Kualitas", "Persentase laporan yang sesuai standar", "95", "80",
                   "%", "95–80 %")
            quarters = [(num_id(v), f"{num_id(v)} %") for v in (88, 87.5, 90, 89)]
            note = "Rentang target terbalik (minimum > maksimum)."
        elif tu == "x5":
            t = rng.randint(2, 3)
            row = (iki, rhk_id, "Kuantitas", "Jumlah kegiatan yang dilaksanakan", str(t), "",
                   "Kegiatan", f"{t} Kegiatan")
            quarters = [(str(v), f"{v} Kegiatan") for v in (4, 4, 4, 4)]
            note = f"Realisasi 16 Kegiatan, {16 // t}× target."
        elif tu == "pct_over":
            row = (iki, rhk_id, "Kualitas", "Persentase berkas yang sesuai standar", "90", "", "%",
                   "90 %")
            quarters = [("150 %", "150 %"), ("140", "140 %"), ("150", "150 %"), ("145", "145 %")]
            note = "Realisasi persentase di atas 100 %."
        else:
            row = (iki, rhk_id, "Kuantitas", "Jumlah laporan yang disusun", "", "", "Laporan", "")
            quarters = [("1", "1 Laporan")] * 4
            note = "Target kosong."
        self.t_iki.write(row)
        self.key.add("TARGET_UNREALISTIC", "indikator", iki, "", "indikator", note)
        return self._realisasi(iki, quarters, level, nip, "", dup_pending)

    def _realisasi(self, iki: str, quarters: list[tuple[str, str]], level: str, nip: str,
                   skip: str, dup_pending: str) -> str:
        """Quarterly realisasi rows, each with one or two bukti dukung (hot path)."""
        rnd, bits, tahun = self.rng.random, self.rng.getrandbits, self.tahun
        fb = vocab.UMPAN_BALIK[FEEDBACK.get(level, level)]
        real_rows = []
        bukti_rows = []
        for q, (val, txt) in enumerate(quarters, start=1):
            periode = self.periods[q]
            when = self.q_dates[q][int(rnd() * DATE_POOL)]
            r = rnd()
            real_rows.append((iki, periode, val, txt, fb[int(r * 4.28) % 3] if r < 0.7 else "",
                              when))
            if periode == skip:
                continue
            r = rnd()
            for extra in range(2 if r < 0.08 else 1):
                self.n_bukti += 1
                bid = f"BKT-{tahun}-{self.n_bukti:09d}"
                if (r * 7.3 + extra) % 1 < 0.55:
                    lokasi = f"https://drive.google.com/file/d/{bits(64):016x}/view"
                    bukti_rows.append((bid, iki, periode, "Tautan", lokasi, when))
                else:
                    lokasi = f"Bukti_{periode}_{nip}_{bid[-4:]}.pdf"
                    bukti_rows.append((bid, iki, periode, "Berkas", lokasi, when))
        self.t_real.raw_many(real_rows)
        self.t_bukti.write_plain_many(bukti_rows)
        if dup_pending == "realisasi":
            self.pending.append((self.t_real, real_rows[1], ()))
            dup_pending = ""
        elif dup_pending == "bukti_dukung" and bukti_rows:
            self.pending.append((self.t_bukti, bukti_rows[0], ()))
            dup_pending = ""
        return dup_pending
