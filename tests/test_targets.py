"""TARGET_UNREALISTIC rules on hand-built indicators (expected values computed by hand)."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.quality.targets import judge_targets

SCHEMA = {
    "uraian": pl.String, "target_teks": pl.String, "target_min": pl.Float64,
    "target_max": pl.Float64, "satuan": pl.String, "pendekatan": pl.String,
    "periode_terisi": pl.Int64, "realisasi_jumlah": pl.Float64, "realisasi_rata": pl.Float64,
    "realisasi_maks": pl.Float64, "periode_maks": pl.String,
}


def one(uraian, target_teks, tmin, tmax, satuan, periods=(), pendekatan="Kuantitatif"):
    vals = [float(v) for v in periods]
    row = {
        "uraian": [uraian], "target_teks": [target_teks], "target_min": [tmin],
        "target_max": [tmax], "satuan": [satuan], "pendekatan": [pendekatan],
        "periode_terisi": [len(vals)], "realisasi_jumlah": [sum(vals) if vals else None],
        "realisasi_rata": [sum(vals) / len(vals) if vals else None],
        "realisasi_maks": [max(vals) if vals else None],
        "periode_maks": [f"2025-TW{vals.index(max(vals)) + 1}" if vals else None],
    }
    return judge_targets(pl.DataFrame(row, schema=SCHEMA)).row(0, named=True)


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("Jumlah laporan yang disusun", "", None, None, "Laporan", (1, 1, 1, 1)), "kosong"),
        (("Jumlah dokumen yang disusun", "0 Dokumen", 0.0, None, "Dokumen", (1, 1, 0, 0)), "nol"),
        (("Persentase laporan sesuai standar", "95–80 %", 95.0, 80.0, "%", (88, 87.5, 90, 89)),
         "terbalik"),
        (("Persentase berkas yang sesuai standar", "120 %", 120.0, None, "%", (90, 95)),
         "persen_target"),
        (("Persentase berkas yang sesuai standar", "90 %", 90.0, None, "%", (150, 140, 150, 145)),
         "persen_realisasi"),
        # additive: 4+4+4+4 = 16 Kegiatan against 3 = 5.33×
        (("Jumlah kegiatan yang dilaksanakan", "3 Kegiatan", 3.0, None, "Kegiatan", (4, 4, 4, 4)),
         "lima_kali"),
        # the target read from the text when the structured column is empty
        (("Jumlah kegiatan yang dilaksanakan", "2 kegiatan", None, None, None, (3, 3, 2, 2)),
         "lima_kali"),
    ],
)
def test_each_problem(args, problem):
    assert one(*args)["masalah_target"] == problem


@pytest.mark.parametrize(
    "args",
    [
        # a level is averaged: 95 % every quarter against a 90 % target is fine
        ("Persentase berkas yang sesuai standar", "90 %", 90.0, None, "%", (95, 95, 95, 95)),
        # days are a level too (average time), not summed: 3 days × 12 months is not 12×
        ("Rata-rata waktu penyelesaian layanan", "3 Hari", 3.0, None, "Hari", [3] * 12),
        # far under target is a performance signal, not a target defect
        ("Jumlah dokumen yang disusun", "10 Dokumen", 10.0, None, "Dokumen", (0, 1, 0, 1)),
        # exactly under 5×: 4.5× (9 against 2)
        ("Jumlah rekomendasi yang diberikan", "2 Rekomendasi", 2.0, None, "Rekomendasi", (3, 2, 2, 2)),
        # zero is the ideal of a measure to minimise
        ("Jumlah temuan BPK atas laporan keuangan", "0 Temuan", 0.0, None, "Temuan", (0, 0)),
        # a growth percentage may exceed 100
        ("Persentase pertumbuhan PAD", "110 %", 110.0, None, "%", (105, 112)),
        # Kualitatif with a verifiable criterion needs no number
        ("Laporan diterima pimpinan tanpa revisi", "Diterima tanpa revisi", None, None, None, (),
         "Kualitatif"),
        # an unmeasurable indicator is INDICATOR_UNMEASURABLE's, not also a missing target
        ("Mendukung kelancaran tugas pimpinan", "Optimal", None, None, None, ()),
        # a range in order, 12 months of 12
        ("Waktu penyelesaian laporan dalam 12 bulan", "12 Bulan", 12.0, None, "Bulan", (3, 3, 3, 3)),
    ],
)
def test_not_flagged(args):
    assert one(*args)["masalah_target"] is None


def test_detail_gives_the_numbers():
    row = one("Jumlah kegiatan yang dilaksanakan", "3 Kegiatan", 3.0, None, "Kegiatan", (4, 4, 4, 4))
    assert row["target_detail"] == (
        "realisasi setahun (jumlah 4 periode) 16 Kegiatan = 5,33× target 3 Kegiatan;"
        " target terlalu rendah atau realisasi salah isi"
    )
    row = one("Persentase laporan sesuai standar", "95–80 %", 95.0, 80.0, "%", (88, 87.5, 90, 89))
    assert row["target_detail"] == (
        "rentang target terbalik: minimum 95 lebih besar dari maksimum 80 %; tukar atau perbaiki batasnya"
    )
