"""The "Karier dan tindak lanjut" page, karier.csv and the restricted career sheets from a
small hand-built warehouse through the real staging, marts, findings and merge.

tests/conftest.base_rows (KEPALA JPT without appraisal, STAF_A Ahli Pertama Sangat Baik,
STAF_B Pelaksana Butuh Perbaikan, a PPPK Ahli Pertama Kurang/Misconduct without SKP) plus a
unit U3 of 12 JF staff with one SKP each for the whole year and an annual predikat, SIASN
2024 for all but one of them, potensi for all of them:

| k | jenjang | 2025 | 2024 (SIASN) | potensi |
|---|---|---|---|---|
| 0–3 | Ahli Pertama | Baik | Baik | Tinggi |
| 4 | Ahli Pertama | Butuh Perbaikan | Baik | Tinggi |
| 5 | Ahli Pertama | Baik | – | Tinggi |
| 6–9 | Ahli Muda | Baik | Baik | Menengah |
| 10–11 | Ahli Muda | Butuh Perbaikan | Baik | Menengah |

By hand: 16 employees; KP ya 8 (k 0–3, 6–9), tidak 4 (k 4, 10, 11, STAF_B), tidak diketahui 3
(k 5, KEPALA, STAF_A: a year missing), tidak berlaku 1 (PPPK); follow-up 5 (k 4, 10, 11, STAF_B,
PPPK). 9-box: kotak 7 (Baik × Tinggi) 5, kotak 4 (Butuh Perbaikan × Tinggi) 1, kotak 5 (Baik ×
Menengah) 4, kotak 2 (Butuh Perbaikan × Menengah) 2, kotak 9 (STAF_A, Sangat Baik × Tinggi; STAF_A
has potensi Tinggi) 1, tanpa kotak 3; succession pool 6. Angka kredit: Ahli Pertama 7 people
(5 × 12,5; 9,375; STAF_A 18,75: median 12,5), Ahli Muda 6 (4 × 25, 2 × 18,75: median 25, P25 =
18,75 + 0,25 × 6,25 = 20,3125).
"""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta

import polars as pl
import pytest

from reports import privacy
from reports.pages import karier
from reports.registry import discover
from tests.conftest import (
    KEPALA,
    STAF_A,
    base_rows,
    site_from_bundle,
)
from transforms.exports import write_career
from transforms.findings import build_findings
from transforms.restricted_sheets import discover_sheets, load_glossary, sheet_headers

INST = "A5EB03E2"
RATINGS = {
    "Baik": ("Sesuai Ekspektasi", "Sesuai Ekspektasi"),
    "Butuh Perbaikan": ("Di Bawah Ekspektasi", "Sesuai Ekspektasi"),
}
PLAN = ["Baik"] * 4 + ["Butuh Perbaikan", "Baik"] + ["Baik"] * 4 + ["Butuh Perbaikan"] * 2


def nip(k: int) -> str:
    birth = date(1985, 3, 1) + timedelta(days=101 * k)
    return f"{birth:%Y%m%d}201001{1 + k % 2}{1 + k:03d}"


def bundle() -> dict[str, list[dict[str, str]]]:
    rows = base_rows()
    rows["unit_kerja"].append({"unor_id": "U3", "unor_nama": "Seksi Karier <b>Uji</b>", "unor_induk_id": "U1",
                               "nip_kepala": "", "instansi_id": INST, "instansi_nama": "Pemerintah Kabupaten Sleman"})  # fmt: skip
    rows["riwayat_skp"] = []
    rows["potensi"] = [
        {"nip": STAF_A, "tahun": "2025", "kategori_potensi": "Tinggi", "skor_potensi": "80"}
    ]
    for k, predikat in enumerate(PLAN):
        p = nip(k)
        jenjang = "Ahli Pertama" if k < 6 else "Ahli Muda"
        rows["pegawai"].append({"nip": p, "nama": f"Pegawai Karier {k}", "jenis_asn": "PNS", "golongan": "III/b",
                                "jenis_jabatan": "Fungsional", "jabatan": f"Analis SDM Aparatur {jenjang}",
                                "jenjang": jenjang, "unor_id": "U3", "nip_atasan": KEPALA})  # fmt: skip
        rows["skp"].append({"skp_id": f"SKP-K{k}", "nip": p, "tahun": "2025", "periode_mulai": "2025-01-01",
                            "periode_selesai": "2025-12-31", "pendekatan": "Kuantitatif", "nip_penilai": KEPALA,
                            "status": "Disetujui", "tanggal_persetujuan": "2025-01-15"})  # fmt: skip
        hasil, perilaku = RATINGS[predikat]
        rows["penilaian"].append({"nip": p, "tahun": "2025", "periode": "2025", "nip_penilai": KEPALA,
                                  "rating_hasil_kerja": hasil, "rating_perilaku_kerja": perilaku,
                                  "predikat": predikat, "tanggal_penilaian": "2026-01-10"})  # fmt: skip
        if k != 5:
            rows["riwayat_skp"].append({"nip": p, "tahun": "2024", "hasil_kinerja": "Sesuai Ekspektasi",
                                        "perilaku_kerja": "Sesuai Ekspektasi", "predikat": "Baik",
                                        "nip_penilai": KEPALA, "status_penilai": "ASN"})  # fmt: skip
        rows["potensi"].append({"nip": p, "tahun": "2025", "kategori_potensi": "Tinggi" if k < 6 else "Menengah",
                                "skor_potensi": "70"})  # fmt: skip
    # SIASN already holds 2025 for k 0 (the same) and k 1 (different): one disagreement
    rows["riwayat_skp"] += [
        {"nip": nip(0), "tahun": "2025", "hasil_kinerja": "Sesuai Ekspektasi", "perilaku_kerja": "Sesuai Ekspektasi",
         "predikat": "Baik", "nip_penilai": KEPALA, "status_penilai": "ASN"},
        {"nip": nip(1), "tahun": "2025", "hasil_kinerja": "Di Atas Ekspektasi", "perilaku_kerja": "Di Atas Ekspektasi",
         "predikat": "Sangat Baik", "nip_penilai": KEPALA, "status_penilai": "ASN"},
    ]  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def gudang(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("karier")
    page = next(p for p in discover() if p.key == "karier")
    wh, data, out = site_from_bundle(root, bundle(), "uji-karier", build_findings, pages=(page,))
    view = data.year(2025).for_page(page)
    write_career(wh, root / "karier.csv")
    yield {"wh": wh, "view": view, "context": karier.context(view), "tiles": karier.tiles(view),
           "html": (out / "karier.html").read_text(encoding="utf-8"), "csv": root / "karier.csv"}  # fmt: skip
    wh.close()


def test_totals_worked_out_by_hand(gudang) -> None:
    counts = karier._counts(gudang["view"])[0]
    raw = {
        name: counts.system.values[i]
        for name, i in zip(counts.total, range(len(counts.total)), strict=True)
    }
    assert {k: raw[k] for k in ("pegawai", *karier.KP, "tindak_lanjut")} == {
        "pegawai": 16, "kp_ya": 8, "kp_tidak": 4, "kp_tidak_diketahui": 3, "kp_tidak_berlaku": 1, "tindak_lanjut": 5,
    }  # fmt: skip
    assert {k: raw[f"kotak_{k}"] for k in range(1, 10)} == {
        1: 0,
        2: 2,
        3: 0,
        4: 1,
        5: 4,
        6: 0,
        7: 5,
        8: 0,
        9: 1,
    }
    assert (raw["tanpa_kotak"], raw["suksesi"]) == (3, 6)
    shown = counts.total
    # The unit page hides U1 (1 person) and U2 (3) and, with them, the instansi total: so here
    assert gudang["view"].cube().total[0] == "x" and shown["pegawai"] == "x"
    assert (shown["kp_ya"], shown["tindak_lanjut"]) == (8, 5)
    assert shown["kp_tidak"] == shown["kp_tidak_diketahui"] == shown["kp_tidak_berlaku"] == "<5"
    assert shown["kotak_9"] == shown["kotak_5"] == shown["tanpa_kotak"] == "<5"
    # kotak 9 (1) would follow from suksesi (6) − kotak 7 (5) − kotak 8 (0): one of them is hidden
    assert not (isinstance(shown["kotak_7"], int) and isinstance(shown["suksesi"], int))
    fungsional = next(j for j in counts.jabatan if j["nama"] == "Fungsional")
    assert (fungsional["pegawai"], fungsional["kp_ya"]) == (14, 8)
    assert counts.jenjang["Ahli Pertama"] == 7


def test_no_small_count_and_nothing_recoverable(gudang) -> None:
    counts = karier._counts(gudang["view"])[0]
    cells = [*counts.total.values(), *counts.jenjang.values()]
    for rows in (counts.instansi, counts.units, counts.jabatan):
        cells += [
            v for r in rows for k, v in r.items() if k not in ("id", "nama", "instansi", "unor_id")
        ]
    assert not [v for v in cells if isinstance(v, int) and 1 <= v < privacy.THRESHOLD]
    s = counts.system
    assert privacy.recoverable(s.equations, s.status, s.values) == []
    people = set(range(len(s.values))) - s.foreign
    bounds = privacy.published_bounds(s.values, s.equations, s.status, people=people)
    pinned = [
        c for c, (lo, hi) in bounds.items() if hi is not None and lo == hi and s.values[c] > 0
    ]
    assert pinned == []
    u3 = next(u for u in counts.units if u["unor_id"] == "U3")
    assert u3["kp_ya"] == 8 and u3["pegawai"] == "x"  # hidden on the unit page: hidden here
    assert u3["kp_tidak"] == u3["kp_tidak_diketahui"] == "<5"  # 3 and 1
    u1 = next(u for u in counts.units if u["unor_id"] == "U1")
    assert u1["pegawai"] == "<5"  # the head alone, hidden on the unit page too


def test_history_and_angka_kredit(gudang) -> None:
    ctx = gudang["context"]
    ak = {r["jenjang"]: r for r in ctx["angka_kredit"]}
    assert (ak["Ahli Pertama"]["p50"], ak["Ahli Muda"]["p50"], ak["Ahli Muda"]["p25"]) == (
        "12,5",
        "25",
        "20,312",
    )
    assert (ak["Ahli Pertama"]["koefisien"], ak["Ahli Pertama"]["kepastian"]) == ("12,5", "pasti")
    assert ak["Ahli Muda"]["kepastian"] == "praktik umum"
    hist = {h["tahun"]: h for h in ctx["riwayat"]}
    assert hist[2025]["dinilai"] == 15  # 12 + STAF_A, STAF_B, PPPK (KEPALA: no predikat)
    assert hist[2025]["baik"] == 9 and hist[2025]["butuh_perbaikan"] == "<5"
    assert hist[2024]["dinilai"] == 11 and hist[2024]["dari_siasn"] == 11


def test_page_html(gudang) -> None:
    html = gudang["html"]
    assert not re.search(r"\b\d{18}\b", html)  # no NIP
    assert "Pegawai Karier" not in html  # no name
    assert "Seksi Karier &lt;b&gt;Uji&lt;/b&gt;" in html and "<b>Uji</b>" not in html
    assert "Kinerja Sesuai Ekspektasi × Potensi Tinggi" in html
    assert "Syarat 4 tahun dalam pangkat tidak dapat diperiksa" in html
    for table in (
        "karier-jabatan",
        "karier-unit",
        "karier-kotak-instansi",
        "karier-angka-kredit",
        "karier-riwayat",
    ):
        assert f'data-table="{table}"' in html and f'data-download="csv" data-for="{table}"' in html
    tiles = {t.name: t for t in gudang["tiles"]}
    assert tiles["karier-kp"].value == "8" and tiles["karier-tindak-lanjut"].value == "5"


def test_karier_csv(gudang) -> None:
    with gudang["csv"].open(encoding="utf-8", newline="") as f:
        rows = {r["nip"]: r for r in csv.DictReader(f)}
    assert len(rows) == 16
    first = list(next(iter(rows.values())))
    assert first[:12] == ["nip", "instansi_id", "unor_id", "tahun", "predikat", "predikat_tahun_sebelumnya",
                          "memenuhi_predikat_kp", "jenis_jabatan", "jenjang", "bulan_dinilai", "angka_kredit",
                          "kotak_9"]  # fmt: skip
    k0, k4, a = rows[nip(0)], rows[nip(4)], rows[STAF_A]
    assert (k0["predikat"], k0["predikat_tahun_sebelumnya"], k0["memenuhi_predikat_kp"]) == (
        "Baik",
        "Baik",
        "ya",
    )
    assert (k0["angka_kredit"], k0["bulan_dinilai"], k0["kotak_9"]) == ("12.5", "12", "7")
    assert (k4["tindak_lanjut"], k4["tindak_lanjut_mulai"], k4["tindak_lanjut_selesai"]) == (
        "ya", "2026-01-10", "2026-07-09")  # fmt: skip
    assert (a["memenuhi_predikat_kp"], a["kotak_9"], a["angka_kredit"]) == (
        "tidak diketahui",
        "9",
        "18.75",
    )
    assert rows[nip(1)]["selisih_siasn"] == "2025: e-Kinerja Baik, SIASN Sangat Baik"
    head = rows[next(n for n in rows if n.startswith("19750312"))]
    assert (head["angka_kredit"], head["bulan_dinilai"], head["jenjang"]) == ("", "", "")  # not JF


def test_restricted_sheets_declared_and_traceable(gudang) -> None:
    wh = gudang["wh"]
    sheets = {s.file: s for s in discover_sheets()}
    glossary = load_glossary()
    for name in ("terbatas/karier.sql", "terbatas/selisih_siasn.sql"):
        sheet = sheets[name]
        frame = wh.sql(sheet.query).pl()
        headers = sheet_headers(sheet, frame.columns, glossary)
        assert "NIP" in headers and not any("_" in h for h in headers)
    karir = wh.sql(sheets["terbatas/karier.sql"].query).pl()
    assert sheets["terbatas/karier.sql"].name == "Karier dan tindak lanjut"
    assert karir.height == 16
    k0 = karir.filter(pl.col("nama") == "Pegawai Karier 0").row(0, named=True)
    assert (
        k0["rincian_angka_kredit"]
        == "2025-01..12 Ahli Pertama 12,5 × 100 % × 12/12 = 12,5 (Baik, tahunan e-Kinerja)"
    )
    assert (
        k0["predikat"] == "Baik (2025, e-Kinerja)"
        and k0["predikat_tahun_sebelumnya"] == "Baik (2024, SIASN)"
    )
    assert k0["kotak_9"] == "7 — Kinerja Sesuai Ekspektasi × Potensi Tinggi (kelompok suksesi)"
    k4 = karir.filter(pl.col("nama") == "Pegawai Karier 4").row(0, named=True)
    assert k4["tindak_lanjut_selesai"] == "2026-07-09" and "Pasal 57" in k4["konsekuensi"]
    selisih = wh.sql(sheets["terbatas/selisih_siasn.sql"].query).pl()
    assert selisih.select(
        "nama", "tahun_predikat", "predikat_ekinerja", "predikat_siasn"
    ).rows() == [("Pegawai Karier 1", 2025, "Baik", "Sangat Baik")]
