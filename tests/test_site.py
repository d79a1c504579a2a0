"""Tests of the dashboard site (reports/site.py, the page registry and pages) and small-cell
suppression."""

from __future__ import annotations

import importlib
import json
import random
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polars as pl
import pytest

import reports.pages
from reports import hierarchy, privacy
from reports.fmt import daftar, format_tanggal
from reports.hierarchy import PERIODS, col
from reports.registry import discover, frames_needed, navigation
from reports.site import STATIC_DIR, build_site
from reports.types import DashboardData, Page
from transforms.contract import ENUMS, RULES

PREDIKAT = ENUMS["predikat"]
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
TAHUN = 2025
PAGES = {
    "index.html": "ringkasan", "unit.html": "unit", "kualitas.html": "kualitas",
    "cascading.html": "cascading", "batas-se.html": "batas-se", "konsistensi.html": "konsistensi",
    "karier.html": "karier",
}  # fmt: skip

# unor_id, nama, induk, kedalaman, pegawai, skp, disetujui, annual predikat counts (SB..SK)
SLEMAN_UNITS = [
    ("SLM-00", "Sekretariat Daerah", None, 0, 40, 40, 38, (6, 25, 7, 2, 0)),
    ("SLM-01", "Dinas Pendidikan", "SLM-00", 1, 120, 118, 110, (20, 70, 22, 6, 2)),
    ("SLM-011", "Bidang Pembinaan SD", "SLM-01", 2, 33, 33, 30, (10, 20, 3, 0, 0)),
    ("SLM-012", XSS_SCRIPT, "SLM-01", 2, 12, 10, 7, (5, 7, 0, 0, 0)),
    ("SLM-02", "Dinas Kesehatan", "SLM-00", 1, 80, 80, 80, (12, 50, 12, 6, 0)),
    ("SLM-021", XSS_IMG, "SLM-02", 2, 3, 3, 3, (1, 2, 0, 0, 0)),
    ("SLM-022", "Puskesmas Depok I", "SLM-02", 2, 25, 25, 20, (5, 15, 5, 0, 0)),
]
BANTUL_UNITS = [
    ("BTL-00", "Sekretariat Daerah", None, 0, 50, 50, 45, (10, 30, 10, 0, 0)),
    ("BTL-01", "Badan Kepegawaian dan Pengembangan SDM", "BTL-00", 1, 30, 30, 30, (6, 18, 6, 0, 0)),
    ("BTL-011", "Bidang Penilaian Kinerja & Penghargaan", "BTL-01", 2, 9, 9, 9, (0, 9, 0, 0, 0)),
    ("BTL-02", "Dinas Pekerjaan Umum", "BTL-00", 1, 60, 55, 50, (8, 36, 10, 6, 0)),
]
KOTA_UNITS = [
    ("YK-00", "Sekretariat Daerah", None, 0, 45, 45, 44, (9, 27, 9, 0, 0)),
    ("YK-01", "Dinas Perhubungan", "YK-00", 1, 35, 35, 35, (7, 21, 7, 0, 0)),
    ("YK-011", "Bidang Lalu Lintas", "YK-01", 2, 20, 20, 20, (5, 10, 5, 0, 0)),
    ("YK-02", "UPT Terminal", "YK-00", 1, 4, 4, 4, (1, 3, 0, 0, 0)),
]
INSTANSI = [
    ("3404", "Pemerintah Kabupaten Sleman", SLEMAN_UNITS),
    ("3402", "Pemerintah Kabupaten Bantul", BANTUL_UNITS),
    ("3471", f"Pemerintah Kota Yogyakarta {XSS_IMG}", KOTA_UNITS),
]
REKONSILIASI = [
    ("unit_kerja", 15, 15, 0),
    ("pegawai", 12345, 12301, 44),
    ("skp", 11987, 11950, 37),
    ("bukti_dukung", 2400, 2397, 3),
    ("penilaian", 45120, 45007, 113),
]
TEMUAN = [
    ("NIP_INVALID", "kritis", 12),
    ("CASCADE_MISSING", "peringatan", 340),
    ("PREDIKAT_MISMATCH", "kritis", 7),
    ("RHK_NOT_CASCADED", "info", 55),
]
KARANTINA = [
    ("pegawai", "NIP_TIDAK_VALID", 40, "NIP tidak valid"),
    ("pegawai", "KUNCI_DUPLIKAT", 4, "Kunci duplikat"),
    ("penilaian", "REFERENSI_TIDAK_ADA", 113, "Merujuk data yang tidak ada"),
]
# bundle name, diekspor_pada, ignored files
BUNDEL = [("ekspor-diy-2026-01", "2026-01-31", ["catatan.txt", XSS_IMG])]

# The year before: Sleman alone, other numbers, two bundles (one named with a payload).
SLEMAN_2024 = [
    ("SLM-00", "Sekretariat Daerah", None, 0, 42, 42, 40, (8, 26, 6, 2, 0)),
    ("SLM-01", "Dinas Pendidikan", "SLM-00", 1, 110, 110, 100, (20, 66, 20, 4, 0)),
    ("SLM-02", "Dinas Kesehatan", "SLM-00", 1, 75, 70, 65, (15, 45, 15, 0, 0)),
]
INSTANSI_2024 = [("3404", "Pemerintah Kabupaten Sleman", SLEMAN_2024)]
REKONSILIASI_2024 = [
    ("unit_kerja", 3, 3, 0),
    ("pegawai", 9876, 9850, 26),
    ("skp", 9001, 8990, 11),
    ("bukti_dukung", 1500, 1500, 0),
    ("penilaian", 30500, 30421, 79),
]
TEMUAN_2024 = [("NIP_INVALID", "kritis", 3), ("CASCADE_MISSING", "peringatan", 21)]
KARANTINA_2024 = [("pegawai", "NIP_TIDAK_VALID", 26, "NIP tidak valid")]
BUNDEL_2024 = [
    ("ekspor-sleman-2025-01", "2025-01-31", []),
    (f"susulan {XSS_SCRIPT}", "2025-02-14T09:30:00", ["lampiran.pdf"]),
]

CAKUPAN_SCHEMA = {
    "instansi_id": pl.String,
    "unor_id": pl.String,
    "periode": pl.String,
    "dilaporkan": pl.Int64,
    "berbukti": pl.Int64,
    "pegawai_melapor": pl.Int64,
}
DISTRIBUSI_SCHEMA = {
    "instansi_id": pl.String,
    "unor_id": pl.String,
    "periode": pl.String,
    "predikat": pl.String,
    "jumlah": pl.Int64,
}
BUNDEL_SCHEMA = {
    "nama": pl.String,
    "diekspor_pada": pl.String,
    "diabaikan": pl.List(pl.String),
}


MUTU_SCHEMA = {
    "instansi_id": pl.String, "instansi_nama": pl.String, "unor_id": pl.String,
    "unor_nama": pl.String, "jumlah_pegawai": pl.Int64, "jumlah_skp": pl.Int64,
    "jumlah_indikator": pl.Int64, "jumlah_realisasi_terisi": pl.Int64,
    "indikator_tak_terukur": pl.Int64, "target_tak_wajar": pl.Int64,
    "realisasi_tanpa_bukti": pl.Int64, "skp_tanpa_utama": pl.Int64,
}  # fmt: skip


def mutu_frames(tahun: int, instansi: list, temuan: list) -> dict[str, pl.DataFrame]:
    """The kualitas page's per-unit frames (mutu_unit, temuan_per_unit, temuan_per_periode):
    4 indikator and 2 filled realisasi per indikator per SKP, a few findings per unit."""
    mutu, per_unit = [], []
    for inst_id, inst_nama, units in instansi:
        for n, (unor_id, nama, _, _, peg, skp, _, _) in enumerate(units):
            ind = 4 * skp
            mutu.append((inst_id, inst_nama, unor_id, nama, peg, skp, ind, 2 * ind,
                         n % 3, n % 2, n, int(n == 1)))  # fmt: skip
            for rule, keparahan, _ in temuan:
                per_unit.append((inst_id, unor_id, rule, keparahan, n + 1))
    periode = [(f"{tahun}-TW{tw}", "EVIDENCE_MISSING", 10 * tw) for tw in (1, 2)]
    return {
        "mutu_unit": pl.DataFrame(mutu, schema=MUTU_SCHEMA, orient="row"),
        "temuan_per_unit": pl.DataFrame(
            per_unit, schema=["instansi_id", "unor_id", "rule", "keparahan", "jumlah"], orient="row"
        ),
        "temuan_per_periode": pl.DataFrame(
            periode, schema=["periode", "rule", "jumlah"], orient="row"
        ),
    }


KESELARASAN_COUNTS = (
    "rhk_utama_wajib", "rhk_utama_terhubung", "sampai_puncak", "kedalaman_total", "langsung",
    "tidak_langsung", "rhk_pimpinan", "rhk_pimpinan_diintervensi",
)  # fmt: skip


def keselarasan_frames(instansi: list) -> dict[str, pl.DataFrame]:
    """The cascading page's frames: per unit one Utama RHK per employee, n % 3 of them unlinked;
    per instansi the same summed as one jenis jabatan; a few cascading findings per unit."""
    unit, jabatan, temuan = [], [], []
    for inst_id, inst_nama, units in instansi:
        total = [0] * len(KESELARASAN_COUNTS)
        for n, (unor_id, nama, _, _, peg, _, _, _) in enumerate(units):
            linked = max(peg - n % 3, 0)
            counts = [peg, linked, linked, 2 * linked, linked, 0, 1, 1]
            total = [a + b for a, b in zip(total, counts, strict=True)]
            unit.append((inst_id, inst_nama, unor_id, nama, peg, *counts))
            if n % 3:
                temuan.append((inst_id, unor_id, "CASCADE_MISSING", n % 3))
        jabatan.append((inst_id, inst_nama, "Pelaksana", sum(u[4] for u in units), *total))
    base = ["instansi_id", "instansi_nama"]
    return {
        "keselarasan_unit": pl.DataFrame(
            unit, schema=[*base, "unor_id", "unor_nama", "jumlah_pegawai", *KESELARASAN_COUNTS],
            orient="row",
        ),
        "keselarasan_jabatan": pl.DataFrame(
            jabatan, schema=[*base, "jenis_jabatan", "jumlah_pegawai", *KESELARASAN_COUNTS],
            orient="row",
        ),
        "temuan_kaskade_unit": pl.DataFrame(
            temuan, schema=["instansi_id", "unor_id", "rule", "jumlah"], orient="row"
        ),
        **kaskade_frames(),
        **konsistensi_frames(),
        **karier_frames(),
    }


def karier_frames() -> dict[str, pl.DataFrame]:
    """The frames of the Karier dan tindak lanjut page, empty (its content is tested on a
    hand-built warehouse: tests/test_karier_page.py)."""
    text, n, f, b = pl.String, pl.Int64, pl.Float64, pl.Boolean
    counts = ("pegawai", "kp_ya", "kp_tidak", "kp_tidak_diketahui", "kp_tidak_berlaku", "tindak_lanjut",
              "jf_angka_kredit", *(f"kotak_{k}" for k in range(1, 10)), "tanpa_kotak", "suksesi")
    riwayat = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang", "dinilai", "dari_siasn")
    return {
        "karier": pl.DataFrame(schema={**dict.fromkeys(("instansi_id", "instansi_nama", "unor_id", "unor_nama",
                                                        "jenis_jabatan"), text), **dict.fromkeys(counts, n)}),
        "karier_riwayat": pl.DataFrame(schema={"instansi_id": text, "instansi_nama": text, "tahun_riwayat": n,
                                               **dict.fromkeys(riwayat, n)}),
        "karier_angka_kredit": pl.DataFrame(schema={"jenjang": text, "pegawai": n, "rata_rata": f,
                                                    **dict.fromkeys(("p10", "p25", "p50", "p75", "p90"), f)}),
        "karier_kotak": pl.DataFrame(schema={"kotak": n, "kinerja": text, "potensi": text, "label": text,
                                             "suksesi": b}),
        "karier_koefisien": pl.DataFrame(schema={"jenjang": text, "koefisien": f, "kepastian": text,
                                                 "sumber": text}),
    }  # fmt: skip


def konsistensi_frames() -> dict[str, pl.DataFrame]:
    """The frames of the two consistency pages, empty (their content is tested on a hand-built
    warehouse: tests/test_konsistensi_pages.py)."""
    text, n, b, f = pl.String, pl.Int64, pl.Boolean, pl.Float64
    unit = {**dict.fromkeys(("instansi_id", "instansi_nama", "unor_id", "unor_nama", "periode",
                             "jenis_jabatan"), text),
            **dict.fromkeys(("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang",
                             "dinilai"), n),
            "predikat_organisasi": text, "sumber_unor_id": text, "sumber_unor_nama": text,
            "jarak": n, "dari_tahunan": b}
    penilai = {**dict.fromkeys(("instansi_id", "instansi_nama", "penilai_kode", "penilai_unor_id",
                                "penilai_unor_nama", "penilai_jenis_jabatan"), text),
               "dinilai": n, "layak": b, "lunak_ditandai": b, "ketat_ditandai": b,
               "tengah_ditandai": b, "tertaut": n,
               **dict.fromkeys(("lunak", "lunak_susut", "tengah_susut", "sd_rating"), f)}
    riwayat = {**dict.fromkeys(("instansi_id", "instansi_nama", "unor_id", "unor_nama", "sumber"), text),
               "tahun_riwayat": n,
               **dict.fromkeys(("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang",
                                "dinilai"), n)}
    periode = {"instansi_id": text, "unor_id": text,
               **dict.fromkeys(("pegawai", "tahunan_di_atas", "tahunan_di_bawah", "sama_akhir"), n)}
    return {"konsistensi_unit": pl.DataFrame(schema=unit),
            "konsistensi_riwayat": pl.DataFrame(schema=riwayat),
            "konsistensi_periode": pl.DataFrame(schema=periode),
            "konsistensi_penilai": pl.DataFrame(schema=penilai)}  # fmt: skip


def kaskade_frames() -> dict[str, pl.DataFrame]:
    """The explorer, formality and achievement frames of the cascading page, empty (their
    content is tested on a hand-built warehouse: tests/test_kaskade_page.py)."""
    text, num, n = pl.String, pl.Float64, pl.Int64
    return {
        "kaskade_rhk": pl.DataFrame(schema=dict.fromkeys(
            ("bundel", "instansi_id", "unor_id", "rhk_id", "induk_id", "status", "jenis",
             "jenis_cascading", "uraian", "jenis_jabatan", "jabatan"), text)),
        "capaian_rhk": pl.DataFrame(schema={
            **dict.fromkeys(("bundel", "rhk_id", "instansi_id", "unor_id", "induk_id"), text),
            "capaian": num}),
        "formalitas_unit": pl.DataFrame(schema={"unor_id": text, "rhk_utama": n,
                                                "salinan_pimpinan": n, "sama_bawahan": n}),
        "formalitas_skp": pl.DataFrame(schema={"unor_id": text, "teks": pl.List(text),
                                               "teks_lalu": pl.List(pl.List(text))}),
    }  # fmt: skip


def year_frames(
    tahun: int,
    instansi: list,
    rekonsiliasi: list,
    temuan: list,
    karantina: list,
    bundel: list,
    *,
    bukti: bool = True,
) -> dict[str, pl.DataFrame]:
    """One year's dashboard frames (without ``tahun``) as the sql/dasbor files give them."""
    unit_rows, dist_rows, cov_rows = [], [], []
    for inst_id, inst_nama, units in instansi:
        for n, (unor_id, nama, induk, depth, peg, skp, ok, counts) in enumerate(units):
            unit_rows.append(
                {
                    "instansi_id": inst_id,
                    "instansi_nama": inst_nama,
                    "unor_id": unor_id,
                    "unor_nama": nama,
                    "unor_induk_id": induk,
                    "kedalaman": depth,
                    "jumlah_pegawai": peg,
                    "jumlah_pegawai_total": peg,
                    "jumlah_skp": skp,
                    "skp_disetujui": ok,
                }
            )
            for p, c in zip(PREDIKAT, counts, strict=True):
                dist_rows.append((inst_id, unor_id, str(tahun), p, c))
                # Quarterly: one fewer employee assessed in TW2 for the first predikat.
                dist_rows.append((inst_id, unor_id, f"{tahun}-TW1", p, c))
                dist_rows.append(
                    (inst_id, unor_id, f"{tahun}-TW2", p, max(c - (p == PREDIKAT[0]), 0))
                )
            year = [0, 0]
            for tw in range(1, 5):
                lapor = peg * 6
                berbukti = lapor - (n + tw) % 4
                year[0] += lapor
                year[1] += berbukti
                cov_rows.append((inst_id, unor_id, f"{tahun}-TW{tw}", lapor, berbukti, peg))
            cov_rows.append((inst_id, unor_id, str(tahun), year[0], year[1], peg))
        for i, p in enumerate(PREDIKAT):
            dist_rows.append((inst_id, None, str(tahun), p, sum(u[7][i] for u in units)))
    rekon = rekonsiliasi if bukti else [r for r in rekonsiliasi if r[0] != "bukti_dukung"]
    first_bundle = bundel[0][0]
    return {
        **mutu_frames(tahun, instansi, temuan),
        **keselarasan_frames(instansi),
        "bundel": pl.DataFrame(bundel, schema=BUNDEL_SCHEMA, orient="row"),
        "instansi": pl.DataFrame(
            [(i, nama) for i, nama, _ in instansi],
            schema=["instansi_id", "instansi_nama"],
            orient="row",
        ),
        "rekonsiliasi": pl.DataFrame(
            rekon, schema=["tabel", "dibaca", "diterima", "dikarantina"], orient="row"
        ),
        "temuan_per_aturan": pl.DataFrame(
            temuan, schema=["rule", "keparahan", "jumlah"], orient="row"
        ),
        "unit": pl.DataFrame(unit_rows),
        "distribusi_predikat": pl.DataFrame(dist_rows, schema=DISTRIBUSI_SCHEMA, orient="row"),
        "cakupan_bukti": pl.DataFrame(
            cov_rows if bukti else [], schema=CAKUPAN_SCHEMA, orient="row"
        ),
        "karantina": pl.DataFrame(
            karantina, schema=["tabel", "kode_alasan", "jumlah", "uraian"], orient="row"
        ),
        "sumber": pl.DataFrame(
            {
                "bundel": [first_bundle, first_bundle],
                "tabel": ["pegawai", "rhk"],
                "berkas": ["pegawai.csv", "rhk.csv"],
                "bentuk": ["csv", "csv"],
                "encoding": ["cp1252", "utf-8"],
                "pemisah": [";", ","],
                "kolom_tambahan": [None, f"keterangan,{XSS_SCRIPT}"],
            }
        ),
    }


def dashboard(years: dict[int, dict[str, pl.DataFrame]]) -> DashboardData:
    """DashboardData of several years: every frame gets its ``tahun`` column, as in the SQL."""
    names = next(iter(years.values())).keys()
    frames = {
        name: pl.concat(
            [f[name].with_columns(pl.lit(y, pl.Int32).alias("tahun")) for y, f in years.items()],
            how="vertical_relaxed",
        )
        for name in names
    }
    frames["tahun"] = pl.DataFrame({"tahun": sorted(years)}, schema={"tahun": pl.Int32})
    return DashboardData(frames=frames, dibuat_pada="2026-02-02T08:15:00")


def make_data(diekspor_pada: str | None = "2026-01-31", *, bukti: bool = True) -> DashboardData:
    """Realistic aggregate frames of one year: 3 instansi, 3-level hierarchy, small cells, XSS."""
    bundel = [(BUNDEL[0][0], diekspor_pada, BUNDEL[0][2])]
    return dashboard(
        {TAHUN: year_frames(TAHUN, INSTANSI, REKONSILIASI, TEMUAN, KARANTINA, bundel, bukti=bukti)}
    )


def two_years() -> DashboardData:
    """2025 as in make_data and 2024 with other numbers."""
    return dashboard(
        {
            2025: year_frames(2025, INSTANSI, REKONSILIASI, TEMUAN, KARANTINA, BUNDEL),
            2024: year_frames(
                2024, INSTANSI_2024, REKONSILIASI_2024, TEMUAN_2024, KARANTINA_2024, BUNDEL_2024
            ),
        }
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], dict[str, str]]:
    out = tmp_path_factory.mktemp("site")
    files = build_site(out, make_data())
    return out, files, {name: (out / name).read_text(encoding="utf-8") for name in PAGES}


@pytest.fixture(scope="module")
def built_two(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("site2")
    build_site(out, two_years())
    return {name: (out / name).read_text(encoding="utf-8") for name in PAGES}


def year_content(page: str, tahun: int) -> str:
    """The content of one year: live (the newest) or inside its <template>."""
    start = page.index(f'<div class="tahun-isi" data-tahun-isi="{tahun}"')
    nxt = page.find('<div class="tahun-isi"', start + 1)
    return page[start : nxt if nxt > 0 else page.index("</main>")]


def unit_payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" data-unit>(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def figure(page: str, name: str) -> dict:
    m = re.search(
        rf'<script type="application/json" data-figure-json="{name}">(.*?)</script>', page, re.S
    )
    assert m, name
    return json.loads(m.group(1))


# --- files, layout, offline --------------------------------------------------------------------


def test_pages_and_assets_written(built) -> None:
    out, files, pages = built
    for name, key in PAGES.items():
        assert out / name in files
        assert pages[name].startswith("<!doctype html>")
        assert f'<body data-page="{key}" data-tahun-awal="2025">' in pages[name]
        assert '<link rel="icon" href="data:,">' in pages[name]
    for name in (
        "plotly.min.js", "plotly-cartesian.min.js", "site.css", "site.js", "xlsx.js", "unit.js",
        "kualitas.js", "cascading.js",
    ):  # fmt: skip
        assert (out / "assets" / name).is_file() and out / "assets" / name in files
    # each bundle once; the cartesian one (a third of the size) wherever no treemap is drawn
    assert sorted(p.name for p in out.rglob("plotly*.js")) == ["plotly-cartesian.min.js", "plotly.min.js"]
    bundles = {name: re.findall(r'<script src="assets/(plotly[^"]*)"', page) for name, page in pages.items()}
    assert bundles["cascading.html"] == ["plotly.min.js"]
    assert {n: b for n, b in bundles.items() if n != "cascading.html"} == {
        n: ["plotly-cartesian.min.js"] for n in pages if n != "cascading.html"
    }


def test_the_cartesian_bundle_is_the_installed_plotly_js_version() -> None:
    """The vendored cartesian bundle must be the plotly.js the installed plotly (Python)
    writes figures for: upgrading plotly means replacing reports/static/plotly-cartesian.min.js
    (npm plotly.js-cartesian-dist-min of the same version)."""
    import plotly

    full = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    cartesian = Path(__file__).parents[1] / "reports" / "static" / "plotly-cartesian.min.js"

    def version(path: Path) -> str:
        head = path.read_text(encoding="utf-8")[:400]
        m = re.search(r"plotly\.js (?:\(cartesian - minified\) )?v(\d+\.\d+\.\d+)", head)
        assert m, head
        return m.group(1)

    assert version(cartesian) == version(full)


def test_links_resolve_and_nothing_remote(built) -> None:
    out, _, pages = built
    for name, page in pages.items():
        assert not re.search(r"https?://", page), name
        for ref in re.findall(r'(?:href|src)="([^"#]*)', page):
            if not ref or ref.startswith(("data:", "../", "data-docs/")):
                continue  # data: icon; ../ = hasil/ folders; data-docs/ = written by the GX check
            assert (out / ref).is_file(), (name, ref)
        # every built page is linked from every page; unbuilt ones are not links
        for item in navigation(discover()):
            if item.href:
                assert f'href="{item.href}"' in page
            else:
                assert f"{item.label} <small>belum tersedia</small></span>" in page
    for js in ("site.js", "unit.js", "xlsx.js", "kualitas.js", "cascading.js"):
        text = (STATIC_DIR / js).read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\"'\s]+", text))
        assert all(u.startswith("http://schemas.openxmlformats.org/") for u in urls), urls
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text


def test_header_shows_data_as_of_and_scope(built) -> None:
    _, _, pages = built
    for page in pages.values():
        assert "Data per <strong>31 Januari 2026</strong>" in page
        assert "3 instansi" in page and "tahun penilaian 2025" in page
        # one year: no selector, the year as plain text
        assert 'data-filter="tahun"' not in page and "Tahun <strong>2025</strong>" in page


def test_footer_names_the_bundles_as_text(built, built_two) -> None:
    for page in built[2].values():
        assert "Sumber: bundel ekspor <strong>ekspor-diy-2026-01</strong> · 3 instansi" in page
        assert "[" not in page.split('<footer class="site-footer">')[1].split("</footer>")[0]
    kualitas = built_two["kualitas.html"]
    footer = kualitas.split('<footer class="site-footer">')[1].split("</footer>")[0]
    assert (
        "Sumber: bundel ekspor <strong>ekspor-sleman-2025-01 dan susulan "
        "&lt;script&gt;alert(1)&lt;/script&gt;</strong> · 1 instansi · "
        "data per 31 Januari 2025 s.d. 14 Februari 2025"
    ) in footer
    assert "{" not in footer and "[" not in footer


def test_daftar() -> None:
    assert daftar([]) == ""
    assert daftar(["a"]) == "a"
    assert daftar(["a", "b"]) == "a dan b"
    assert daftar(["a", "b", "c"]) == "a, b, dan c"


def test_javascript_parses() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node tidak terpasang")
    for js in ("site.js", "unit.js", "xlsx.js", "kualitas.js", "cascading.js"):
        subprocess.run([node, "--check", str(STATIC_DIR / js)], check=True)


# --- escaping ----------------------------------------------------------------------------------


def test_export_text_escaped_everywhere(built) -> None:
    _, _, pages = built
    for name, page in pages.items():
        assert XSS_SCRIPT not in page and XSS_IMG not in page, name
        assert "<img" not in page and "alert(1)</" not in page
        # Every <script> is ours: a JSON block or an asset.
        for tag in re.findall(r"<script[^>]*>", page):
            assert 'type="application/json"' in tag or re.fullmatch(
                r'<script src="assets/[a-z.-]+\.js">', tag
            ), tag
    unit = pages["unit.html"]
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in unit
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in unit
    payload = unit_payload(unit)
    names = [u[1] for i in payload["instansi"] for u in i["units"]]
    assert XSS_SCRIPT in names and XSS_IMG in names  # decoded back to the literal text
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["index.html"]  # instansi name, HTML
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["kualitas.html"]  # extra column
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages["kualitas.html"]  # ignored file


def test_chart_labels_escaped_for_plotly(built) -> None:
    _, _, pages = built
    fig = figure(pages["index.html"], "ringkasan-predikat")
    ticks = fig["layout"]["yaxis"]["ticktext"]
    assert "Pemerintah Kota Yogyakarta &lt;img src=x onerror=alert(1)&gt;" in ticks
    assert all("<" not in t for t in ticks)
    for trace in fig["data"]:
        assert all("<" not in str(cd[0]) for cd in trace["customdata"])


# --- tiles and attention -----------------------------------------------------------------------


def tiles(page: str) -> dict[str, str]:
    return {
        m.group(1): m.group(0)
        for m in re.finditer(r'<a class="tile[^"]*" data-tile="([^"]+)".*?</a>', page, re.S)
    }


def test_tiles_link_to_pages_and_unbuilt_marked(built) -> None:
    out, _, pages = built
    t = tiles(pages["index.html"])
    assert {"pegawai", "skp-disetujui", "cakupan-bukti", "temuan-kritis", "karantina"} <= set(t)
    assert 'data-status="belum-tersedia"' not in pages["index.html"]  # every analysis is built
    assert 'data-status="tidak-ada-data"' in t["karier-kp"]  # no career rows in these frames
    for name, html in t.items():
        href = re.search(r'href="([^"]+)"', html).group(1)
        target, _, anchor = href.partition("#")
        assert (out / (target or "index.html")).is_file()
        if anchor and "=" not in anchor:  # "=": filter state (unit.html#instansi=…)
            assert f'id="{anchor}"' in pages[target or "index.html"], name
    assert ">566<" in t["pegawai"]  # 313 + 149 + 104 employees
    assert "data-status" not in t["pegawai"] and "data-status" not in t["cakupan-bukti"]
    # cascading: 554 of 566 Utama RHK linked; of the 13 units of 5+ employees one is below 90%
    # (BTL-011: 7 of 9); YK-011 at exactly 90% (18 of 20) is not
    assert ">97,9%<" in t["cascading"] and "554 dari 566 RHK Utama" in t["cascading"]
    assert ">1<" in t["cascading-perhatian"] and "dari 13 unit" in t["cascading-perhatian"]
    assert "data-status" not in t["cascading"]


def test_no_evidence_data_says_so(tmp_path: Path) -> None:
    build_site(tmp_path, make_data(bukti=False))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    tile = tiles(index)["cakupan-bukti"]
    assert "tidak ada data bukti dukung dalam bundel" in tile and "0%" not in tile
    assert 'data-figure="ringkasan-cakupan"' not in index
    unit = (tmp_path / "unit.html").read_text(encoding="utf-8")
    assert unit_payload(unit)["bukti"] is False
    assert 'data-figure="unit-cakupan"' not in unit
    assert "tidak ada data bukti dukung dalam bundel" in unit


def test_attention_list(built) -> None:
    _, _, pages = built
    section = pages["index.html"].split('id="perhatian"')[1].split("</section>")[0]
    assert section.index("kritis") < section.index("peringatan")
    assert "temuan kritis" in section and 'href="kualitas.html#temuan"' in section
    assert re.search(
        r'href="unit.html#instansi=\d+&amp;unit=[A-Z-]+\d+&amp;periode=tahunan"', section
    )


# --- tables, pagination, downloads -------------------------------------------------------------


def test_table_conventions(built) -> None:
    _, _, pages = built
    expected = {
        "index.html": ["instansi"],
        "unit.html": ["subunit", "daftar-unit"],
        "kualitas.html": [
            "rekonsiliasi", "karantina", "temuan", "temuan-periode", "mutu-unit", "temuan-unit",
            "berkas",
        ],  # fmt: skip
        "cascading.html": ["keselarasan-unit", "keselarasan-jabatan"],
    }
    for name, tables in expected.items():
        page = pages[name]
        for t in tables:
            assert f'data-table="{t}"' in page
            assert f'data-download="csv" data-for="{t}"' in page
            assert f'data-download="xlsx" data-for="{t}"' in page
        assert '<th scope="col" data-sort>' in page
    unit = pages["unit.html"]
    pager = unit.split('data-pager="daftar-unit"')[1].split("</div>")[0]
    assert "data-pager-prev" in pager and "data-pager-next" in pager
    for f in ("instansi", "unit", "periode"):
        assert f'<select data-filter="{f}">' in unit
    assert unit.count("data-filtered") >= 5
    for fig in ("unit-predikat", "unit-cakupan"):
        assert f'data-figure="{fig}"' in unit


def run_xlsx(tmp_path: Path, rows: list[list]) -> Path:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node tidak terpasang")
    out = tmp_path / "unduhan.xlsx"
    script = (
        f"const x = require({json.dumps(str(STATIC_DIR / 'xlsx.js'))});"
        f"require('fs').writeFileSync({json.dumps(str(out))}, "
        f"x.build({json.dumps(rows)}, 'daftar-unit'));"
    )
    subprocess.run([node, "-e", script], check=True)
    return out


def test_xlsx_writer_output_opens_with_polars(tmp_path: Path) -> None:
    rows = [
        ["Unit kerja", "Pegawai", "% SKP disetujui"],
        [XSS_SCRIPT, 12, 83.5],
        ['Dinas Kesehatan & Sosial "Ñ" 日本 \u0007', "<5", None],
        ["=SUM(A1)", 0, -1.25],
    ]
    path = run_xlsx(tmp_path, rows)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None  # CRC-32 of every part is right
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} <= set(
            zf.namelist()
        )
    df = pl.read_excel(path)
    assert df.columns == rows[0]
    assert df["Unit kerja"].to_list() == [
        XSS_SCRIPT,
        'Dinas Kesehatan & Sosial "Ñ" 日本 ',
        "=SUM(A1)",
    ]
    assert df["Pegawai"].to_list() == ["12", "<5", "0"]
    assert df["% SKP disetujui"].to_list() == [83.5, None, -1.25]


def test_xlsx_many_rows(tmp_path: Path) -> None:
    rows = [["Unit", "Pegawai"]] + [[f"Unit {i}", i] for i in range(3000)]
    df = pl.read_excel(run_xlsx(tmp_path, rows))
    assert df.height == 3000 and df["Pegawai"].sum() == sum(range(3000))


# --- privacy under every filter ----------------------------------------------------------------


def views(payload: dict):
    """Every view unit.js can show per instansi/unit filter: (focus, node row, table rows, list).

    Rows hold every periode, so the periode filter only picks columns of the same rows.
    """
    for inst in payload["instansi"]:
        units = inst["units"]
        kids: dict[int, list[int]] = {i: [] for i in range(-1, len(units))}
        for i, u in enumerate(units):
            kids[u[2]].append(i)
        for focus in range(-1, len(units)):
            node = inst["row"] if focus < 0 else units[focus][4]
            rows = [units[k][4] for k in kids[focus]]
            if focus >= 0 and kids[focus]:
                rows.append(units[focus][5])
            own = [u[5] or u[4] for u in units]
            yield focus, node, rows, own


def test_no_small_count_in_any_view(built) -> None:
    payload = unit_payload(built[2]["unit.html"])
    # Counts of people; evidence columns count realisasi periods and are suppressed by the
    # number of reporting employees behind them instead (checked below).
    people = [col(x) for x in ("pegawai", "skp", "disetujui", "skp_belum")] + [
        col(x, p) for p in PERIODS for x in ("p0", "p1", "p2", "p3", "p4", "belum")
    ]
    n = 0
    for _, node, rows, own in views(payload):
        for row in (node, *rows, *own):
            assert row is not None
            assert not any(isinstance(row[c], int) and 1 <= row[c] <= 4 for c in people)
            for p in PERIODS:  # evidence of a unit with < 5 employees is hidden
                if row[col("pegawai")] == "<5":
                    assert hidden(row[col("lapor", p)])
        n += 1
    assert n > 15


def hidden(v: object) -> bool:
    return not isinstance(v, int)


def test_no_view_reveals_a_hidden_cell_by_subtraction(built) -> None:
    payload = unit_payload(built[2]["unit.html"])
    for per, node, rows, _ in views(payload):
        if not rows:
            continue
        for c in range(hierarchy.WIDTH):  # table column vs. the node total
            cells = [r[c] for r in rows] + [node[c]]
            assert sum(map(hidden, cells)) != 1, (per, c, cells)
        for row in (node, *rows):  # row: predikat + belum = pegawai; disetujui + belum = skp
            for p in PERIODS:
                parts = [row[col(f"p{i}", p)] for i in range(5)] + [row[col("belum", p)]]
                assert sum(map(hidden, [*parts, row[col("pegawai")]])) != 1
                cov = [row[col(x, p)] for x in ("lapor", "bukti", "tanpa")]
                assert sum(map(hidden, cov)) != 1
            skp = [row[col(x)] for x in ("skp", "disetujui", "skp_belum")]
            assert sum(map(hidden, skp)) != 1


def test_three_person_unit_fully_hidden(built) -> None:
    payload = unit_payload(built[2]["unit.html"])
    sleman = next(i for i in payload["instansi"] if i["id"] == "3404")
    row = next(u for u in sleman["units"] if u[1] == XSS_IMG)[4]
    assert row[col("pegawai")] == "<5" and row[col("skp")] == "<5"
    assert row[col("p0", "tahunan")] == "<5" and row[col("p1", "tahunan")] == "<5"
    assert all(hidden(row[col(x, "TW3")]) for x in ("lapor", "bukti", "tanpa"))
    # The lone 4-person unit of Yogyakarta: hidden, and a sibling hidden with it.
    kota = next(i for i in payload["instansi"] if i["id"] == "3471")
    by_name = {u[1]: u[4] for u in kota["units"]}
    assert by_name["UPT Terminal"][col("pegawai")] == "<5"
    direct = next(u for u in kota["units"] if u[0] == "YK-00")[5]
    # The smallest sibling cell (45 placed directly) is hidden with it, published as the range
    # it is known to lie in: 104 - 55 - n, where n (UPT Terminal) is «<5» and the sum of two
    # «<5» predikat cells, so 2 <= n <= 4: 45–47.
    assert direct[col("pegawai")] == "45–47"
    assert by_name["Sekretariat Daerah"][col("pegawai")] == 104


def test_index_uses_the_same_suppression(built) -> None:
    _, _, pages = built
    index = pages["index.html"]
    table = index.split('data-table="instansi"')[1]
    row = next(r for r in table.split("<tr>") if "unit.html#instansi=3471&amp;" in r)
    assert '<td class="num">104</td>' in row  # 45 + 35 + 20 + 4: instansi total shown
    fig = figure(index, "ringkasan-predikat")
    for trace in fig["data"]:
        for cd in trace["customdata"]:
            assert cd[1] is None or not 1 <= cd[1] <= 4


def test_suppress_linear_chain() -> None:
    # total = a + b + c ; a is small -> the smallest shown part is hidden too.
    values = [3, 10, 20, 33]
    status = privacy.suppress_linear(values, [([0, 1, 2], 3)], [0])
    assert status == ["kecil", "komplementer", "tampil", "tampil"]
    # With b also in b + d = e, hiding b would force d or e as well: c (20) is hidden instead,
    # published as 33 - 10 - (1..4) = 19..22.
    values = [3, 10, 20, 33, 7, 17]
    equations = [([0, 1, 2], 3), ([1, 4], 5)]
    status = privacy.suppress_linear(values, equations, [0])
    assert status == ["kecil", "tampil", "komplementer", "tampil", "tampil", "tampil"]
    assert privacy.published_bounds(values, equations, status) == {0: (1, 4), 2: (19, 22)}


# --- kualitas data -----------------------------------------------------------------------------


def test_kualitas_page(built) -> None:
    _, _, pages = built
    page = pages["kualitas.html"]
    rekon = page.split('id="rekonsiliasi"')[1].split("</section>")[0]
    for num in ("12.345", "12.301", "44", "45.120", "45.007", "113"):
        assert f">{num}<" in rekon
    karantina = page.split('id="karantina"')[1].split("</section>")[0]
    assert (
        "NIP_TIDAK_VALID" in karantina and "NIP tidak valid" in karantina and ">157<" in karantina
    )
    temuan = page.split('id="temuan"')[1].split("</section>")[0]
    for rule in RULES:
        assert rule.id in temuan
    assert "NIP tidak 18 digit" in temuan
    table = temuan.split('data-table="temuan"')[1]  # after the "top aturan" highlight
    assert (
        table.index("NIP_INVALID") < table.index("CASCADE_MISSING") < table.index("RHK_NOT_CASCADED")
    )
    assert "belum diperiksa" in temuan  # rules without a built analysis are not shown as 0
    assert "catatan.txt" in page and "keterangan" in page
    for fig in ("kualitas-karantina", "kualitas-temuan"):
        assert figure(page, fig)["data"][0]["x"]


def test_no_personal_columns(built) -> None:
    for page in built[2].values():
        assert not re.search(r"\b\d{18}\b", page)  # no NIP-like numbers


# --- years ---------------------------------------------------------------------------------------


def test_two_years_both_in_the_site_newest_first(built_two) -> None:
    index = built_two["index.html"]
    select = index.split('<select data-filter="tahun">')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d+)">(\d+)</option>', select) == [
        ("2025", "2025"),
        ("2024", "2024"),
    ]
    assert '<body data-page="ringkasan" data-tahun-awal="2025">' in index
    # the newest year is live content; the other waits in a <template>
    live = index.split("<div class=\"tahun-wadah\" data-tahun-wadah data-filtered>")[1]
    assert live.lstrip().startswith('<div class="tahun-isi" data-tahun-isi="2025"')
    assert '<template data-tahun-isi="2024">\n<div class="tahun-isi" data-tahun-isi="2024"' in index
    t25, t24 = tiles(year_content(index, 2025)), tiles(year_content(index, 2024))
    assert ">566<" in t25["pegawai"] and ">227<" in t24["pegawai"]  # 42 + 110 + 75
    assert ">19<" in t25["temuan-kritis"] and ">3<" in t24["temuan-kritis"]
    assert "Ringkasan kinerja ASN 2024" in year_content(index, 2024)
    ticks = figure(year_content(index, 2024), "ringkasan-predikat")["layout"]["yaxis"]["ticktext"]
    assert ticks == ["Dinas Kesehatan", "Dinas Pendidikan"]
    for page in built_two.values():
        assert (
            '<span data-tahun="2024" hidden><span class="brand-scope">Pemerintah Kabupaten Sleman'
            "</span> · tahun penilaian 2024</span>"
        ) in page
        assert '<span data-tahun="2025">Data per <strong>31 Januari 2026</strong></span>' in page
        assert "Data per <strong>31 Januari 2025 s.d. 14 Februari 2025</strong>" in page


def test_two_years_unit_and_kualitas_per_year(built_two) -> None:
    unit = built_two["unit.html"]
    p25, p24 = unit_payload(year_content(unit, 2025)), unit_payload(year_content(unit, 2024))
    assert [i["id"] for i in p25["instansi"]] == ["3402", "3404", "3471"]
    assert [i["id"] for i in p24["instansi"]] == ["3404"]
    assert [u[1] for u in p24["instansi"][0]["units"]] == [
        "Sekretariat Daerah",
        "Dinas Kesehatan",
        "Dinas Pendidikan",
    ]
    assert p24["instansi"][0]["row"][col("pegawai")] == 227
    assert "Triwulan I 2024" in year_content(unit, 2024)
    kualitas = built_two["kualitas.html"]
    k25, k24 = year_content(kualitas, 2025), year_content(kualitas, 2024)
    assert ">9.876<" in k24 and ">30.421<" in k24 and ">9.876<" not in k25
    assert ">12.345<" in k25 and ">12.345<" not in k24
    assert "lampiran.pdf" in k24 and "catatan.txt" not in k24 and "catatan.txt" in k25


def test_page_sees_only_its_declared_frames() -> None:
    view = two_years().year(2024).for_page(
        Page(key="uji", label="Uji", order=1, frames=("rekonsiliasi",))
    )
    assert view.frame("rekonsiliasi")["dibaca"].to_list() == [3, 9876, 9001, 1500, 30500]
    assert "tahun" not in view.frame("rekonsiliasi").columns
    with pytest.raises(KeyError):
        view.frame("unit")
    with pytest.raises(KeyError):
        view.cube()  # the cube reads unit, distribusi_predikat, cakupan_bukti


def test_pipeline_reads_exactly_the_declared_frames_every_year(monkeypatch) -> None:
    from pipelines.assets import reporting

    data, seen = two_years(), []

    class Frames(dict):  # stands in for WarehouseFrames: records the names it is asked for
        def __init__(self, database, names, config=None):
            seen.append(tuple(names))
            super().__init__({n: data.frames[n] for n in names})

    monkeypatch.setattr(reporting, "WarehouseFrames", Frames)
    loaded = reporting.load_dashboard_data("gudang.duckdb")
    assert seen == [
        (
            "tahun", "bundel", "instansi", "unit", "distribusi_predikat", "cakupan_bukti",
            "rekonsiliasi", "temuan_per_aturan", "karantina", "sumber", "temuan_per_periode",
            "mutu_unit", "temuan_per_unit", "konsistensi_unit", "konsistensi_riwayat",
            "konsistensi_periode", "konsistensi_penilai", "keselarasan_unit", "keselarasan_jabatan", "temuan_kaskade_unit", "kaskade_rhk", "formalitas_unit", "formalitas_skp",
            "capaian_rhk", "karier", "karier_riwayat", "karier_angka_kredit", "karier_kotak",
            "karier_koefisien",
        )
    ]  # fmt: skip
    assert loaded.years() == [2025, 2024]  # no newest-year filter
    assert sorted(loaded.frames["unit"]["tahun"].unique().to_list()) == [2024, 2025]


def test_every_declared_frame_has_its_sql_file() -> None:
    import duckdb

    from transforms.marts import dashboard_frame_names, read_dashboard_frames

    assert set(frames_needed(discover())) <= set(dashboard_frame_names())
    with pytest.raises(ValueError, match="uji_tidak_ada"):
        read_dashboard_frames(duckdb.connect(), ["tahun", "uji_tidak_ada"])


# --- page registry -------------------------------------------------------------------------------


def test_registry_pages_in_order() -> None:
    pages = discover()
    assert [(p.key, p.file_name if p.available else None) for p in pages] == [
        ("ringkasan", "index.html"),
        ("unit", "unit.html"),
        ("kualitas", "kualitas.html"),
        ("batas-se", "batas-se.html"),
        ("konsistensi", "konsistensi.html"),
        ("cascading", "cascading.html"),
        ("karier", "karier.html"),
    ]


def test_menyusul_list_from_the_registry(built) -> None:
    section = built[2]["index.html"].split('id="menyusul"')[1].split("</section>")[0]
    assert re.findall(r'data-menyusul="([^"]+)"', section) == []


UJI_PAGE = """
from reports.fmt import angka
from reports.types import Page, Tile


def context(view):
    return {"dibaca": int(view.frame("rekonsiliasi")["dibaca"].sum()),
            "baris": view.frame("uji_baris")["baris"].to_list(), "figures": []}


def tiles(view):
    n = int(view.frame("rekonsiliasi")["dibaca"].sum())
    return [Tile("uji-dibaca", "Baris dibaca (uji)", angka(n), "dari halaman uji", "uji.html")]


PAGE = Page(key="uji", label="Halaman uji", order=25, frames=("rekonsiliasi", "uji_baris"),
            context=context, tiles=tiles)
"""
UJI_TEMPLATE = """<section class="card" id="uji"><h1>Halaman uji {{ tahun }}</h1>
<p data-uji>{{ dibaca|angka }} baris dibaca; {{ baris|join(", ") }}</p></section>
"""
UJI_SEGERA = """
from reports.types import Page, Tile

PAGE = Page(key="uji-segera", label="Analisis uji", order=80, available=False,
            uraian="analisis yang belum dibangun",
            tiles=lambda view: [Tile.pending("uji-segera", "Analisis uji")])
"""


@pytest.fixture
def extra_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Two throwaway page modules (one available with its template, one placeholder) in a
    folder added to the reports.pages package path: no file of the project is touched."""
    folder = tmp_path / "halaman_uji"
    folder.mkdir()
    (folder / "uji_halaman.py").write_text(UJI_PAGE, encoding="utf-8")
    (folder / "uji.html.j2").write_text(UJI_TEMPLATE, encoding="utf-8")
    (folder / "uji_segera.py").write_text(UJI_SEGERA, encoding="utf-8")
    monkeypatch.setattr(reports.pages, "__path__", [*reports.pages.__path__, str(folder)])
    importlib.invalidate_caches()
    yield folder
    for name in ("uji_halaman", "uji_segera"):
        sys.modules.pop(f"reports.pages.{name}", None)


def test_a_page_is_one_module(extra_pages, tmp_path: Path) -> None:
    pages = discover()
    assert [p.key for p in pages] == [
        "ringkasan", "unit", "uji", "kualitas", "batas-se", "konsistensi", "cascading",
        "karier", "uji-segera",
    ]  # fmt: skip
    assert frames_needed(pages) == (
        "tahun", "bundel", "instansi", "unit", "distribusi_predikat", "cakupan_bukti",
        "rekonsiliasi", "temuan_per_aturan", "uji_baris", "karantina", "sumber",
        "temuan_per_periode", "mutu_unit", "temuan_per_unit", "konsistensi_unit",
        "konsistensi_riwayat", "konsistensi_periode", "konsistensi_penilai", "keselarasan_unit",
        "keselarasan_jabatan", "temuan_kaskade_unit", "kaskade_rhk", "formalitas_unit",
        "formalitas_skp", "capaian_rhk", "karier", "karier_riwayat", "karier_angka_kredit",
        "karier_kotak", "karier_koefisien",
    )  # fmt: skip; the pipeline reads the new page's frame too
    data = two_years()
    with pytest.raises(ValueError, match="uji_baris"):
        build_site(tmp_path / "tanpa", data)
    data.frames["uji_baris"] = pl.DataFrame(
        {"tahun": [2025, 2024, 2024], "baris": ["b25", "b24", "c24"]}
    )
    out = tmp_path / "situs"
    files = build_site(out, data)  # discovers the pages itself
    assert sorted(p.name for p in files if p.suffix == ".html") == [
        "batas-se.html", "cascading.html", "index.html", "karier.html", "konsistensi.html",
        "kualitas.html", "uji.html", "unit.html",
    ]  # fmt: skip; no file for the placeholder
    uji = (out / "uji.html").read_text(encoding="utf-8")
    assert '<body data-page="uji" data-tahun-awal="2025">' in uji
    assert "<title>Halaman uji · Dasbor Kinerja ASN 2025</title>" in uji
    assert "<p data-uji>71.867 baris dibaca; b25</p>" in year_content(uji, 2025)
    assert "<p data-uji>50.880 baris dibaca; b24, c24</p>" in year_content(uji, 2024)
    for name in ("index.html", "unit.html", "kualitas.html", "uji.html"):
        page = (out / name).read_text(encoding="utf-8")
        nav = page.split('<nav class="site-nav"')[1].split("</nav>")[0]
        assert re.findall(r">([^<>]+)</a>", nav) == [
            "Ringkasan", "Unit kerja", "Halaman uji", "Kualitas data", "Konsistensi unit",
            "Konsistensi penilai", "Keselarasan kinerja", "Karier dan tindak lanjut",
        ]  # fmt: skip
        assert "Analisis uji <small>belum tersedia</small></span>" in nav
    index = (out / "index.html").read_text(encoding="utf-8")
    for tahun, value in ((2025, "71.867"), (2024, "50.880")):
        content = year_content(index, tahun)
        order = re.findall(r'data-tile="([^"]+)"', content)
        assert order.index("dinilai") < order.index("uji-dibaca") < order.index("temuan-kritis")
        assert f'<span class="tile-value">{value}</span>' in tiles(content)["uji-dibaca"]
        assert 'data-status="belum-tersedia"' in tiles(content)["uji-segera"]
        assert 'data-menyusul="uji-segera"><strong>Analisis uji</strong>' in content


def test_reports_import_no_circle() -> None:
    """reports.* modules (top-level and function-level imports alike) form no import circle."""
    import ast

    root = Path(reports.pages.__file__).resolve().parents[1]
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        name = ".".join(path.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("reports"):
                deps.add(node.module)
                deps |= {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("reports")}
            assert not (isinstance(node, ast.Name) and node.id == "TYPE_CHECKING"), name
        graph[name] = deps
    graph = {k: {d for d in v if d in graph and d != k} for k, v in graph.items()}

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, " -> ".join((*path, node))
        for dep in graph[node]:
            visit(dep, (*path, node))

    for name in graph:
        visit(name, ())


# --- helpers -----------------------------------------------------------------------------------


def test_format_tanggal() -> None:
    assert format_tanggal("2026-01-31") == "31 Januari 2026"
    assert format_tanggal("2026-02-02T08:15:00", with_time=True) == "2 Februari 2026 pukul 08.15"
    assert format_tanggal("Januari 2026") == "Januari 2026"


def test_tree_orphans_and_cycles() -> None:
    units = [
        {"unor_id": "b", "unor_nama": "B", "unor_induk_id": "a", "instansi_id": "i"},
        {"unor_id": "a", "unor_nama": "A", "unor_induk_id": None, "instansi_id": "i"},
        {"unor_id": "o", "unor_nama": "Orphan", "unor_induk_id": "missing", "instansi_id": "i"},
        {"unor_id": "x", "unor_nama": "X", "unor_induk_id": "y", "instansi_id": "i"},
        {"unor_id": "y", "unor_nama": "Y", "unor_induk_id": "x", "instansi_id": "i"},
    ]
    nodes = hierarchy.tree(units)
    assert [n.unor_id for n in nodes] == ["a", "b", "o", "x", "y"]
    assert [(n.parent, n.depth) for n in nodes] == [
        (None, 0), ("a", 1), (None, 0), (None, 0), ("x", 1)
    ]  # fmt: skip


def test_periode_key() -> None:
    assert hierarchy.periode_key("2025", 2025) == "tahunan"
    assert hierarchy.periode_key("2025-TW3", 2025) == "TW3"
    assert hierarchy.periode_key("2024-TW3", 2025) is None


# --- privacy.py --------------------------------------------------------------------------------


def statuses(df: pl.DataFrame, cols: list[str]) -> list[list[str]]:
    return [list(r) for r in df.select(privacy.status_column(c) for c in cols).iter_rows()]


def test_primary_suppression_zero_shown() -> None:
    df = pl.DataFrame({"a": [0, 1, 4, 5, None], "b": [0, 0, 0, 0, 0]})
    out = privacy.suppress(df, ["a"])
    assert out["a__status"].to_list() == ["tampil", "kecil", "kecil", "tampil", "tampil"]
    assert df.columns == ["a", "b"]  # input untouched


def test_row_complement_next_smallest_nonzero() -> None:
    df = pl.DataFrame({"a": [3, 3, 2], "b": [10, 0, 7], "c": [20, 0, 1], "t": [33, 3, 10]})
    out = privacy.suppress(df, ["a", "b", "c"], total="t")
    assert statuses(out, ["a", "b", "c", "t"]) == [
        ["kecil", "komplementer", "tampil", "tampil"],  # b is the next-smallest
        ["kecil", "tampil", "tampil", "kecil"],  # zeros stay; the total is small itself
        ["kecil", "tampil", "kecil", "tampil"],  # two small cells: nothing to add
    ]


def test_row_complement_falls_back_to_total() -> None:
    # Inconsistent row (parts do not add up): the lone small part is protected via the total.
    df = pl.DataFrame({"a": [2], "b": [0], "t": [9]})
    out = privacy.suppress(df, ["a", "b"], total="t")
    assert statuses(out, ["a", "b", "t"]) == [["kecil", "tampil", "komplementer"]]


def test_column_complement_within_group() -> None:
    df = pl.DataFrame(
        {"g": ["x", "x", "x", "y"], "a": [2, 9, 6, 3], "b": [10, 12, 8, 3], "t": [12, 21, 14, 6]}
    )
    out = privacy.suppress(df, ["a", "b"], total="t", group="g")
    st = statuses(out, ["a", "b", "t"])
    # Row 0: a small -> b complement; column a in group x: a=6 complement (smallest of 9, 6);
    # then row 2 has one hidden -> b=8 complement; column b in x now has two hidden.
    assert st[0] == ["kecil", "komplementer", "tampil"]
    assert st[2] == ["komplementer", "komplementer", "tampil"]
    assert st[1] == ["tampil", "tampil", "tampil"]
    # Group y: both parts small; a lone group needs no column complement.
    assert st[3] == ["kecil", "kecil", "tampil"]
    # No lone hidden cell remains in any row or group column.
    for row in st:
        assert sum(s != "tampil" for s in row[:2]) != 1
    for c in range(3):
        assert sum(st[i][c] != "tampil" for i in range(3)) != 1


def test_with_remainder() -> None:
    df = pl.DataFrame({"a": [2, 5], "b": [3, 9], "t": [10, 12]})
    out = privacy.with_remainder(df, ["a", "b"], "t", "rest")
    assert out["rest"].to_list() == [5, 0]


def test_render_and_share() -> None:
    assert privacy.render_count(12345) == "12.345"
    assert privacy.render_count(3, "kecil") == "<5"
    assert privacy.render_count(30, "komplementer") == "x"
    assert privacy.render_count(0) == "0"
    assert privacy.share_text(7, 10) == "70%"
    assert privacy.share_text(7, 10, "tampil", "kecil") == "x"
    assert privacy.share_text(1, 3, digits=1) == "33,3%"
    assert privacy.share_text(0, 0) == "–"
    assert privacy.format_percent(1234.5, 1) == "1.234,5%"


def test_suppression_randomised_invariants() -> None:
    rng = random.Random(3)
    rows = []
    for g in range(6):
        for _ in range(rng.randint(1, 12)):
            parts = [rng.choice([0, 0, 1, 2, 3, 4, 5, 8, 13, 40]) for _ in range(5)]
            rows.append({"g": g, **{f"p{i}": v for i, v in enumerate(parts)}, "t": sum(parts)})
    df = pl.DataFrame(rows)
    cols = [f"p{i}" for i in range(5)]
    out = privacy.suppress(df, cols, total="t", group="g")
    st = out.select(privacy.status_column(c) for c in [*cols, "t"]).rows()
    vals = out.select([*cols, "t"]).rows()
    for s_row, v_row in zip(st, vals, strict=True):
        for s, v in zip(s_row, v_row, strict=True):
            assert (s == "kecil") == (1 <= v <= 4)  # primary exactly the 1-4 cells
        hidden = sum(s != "tampil" for s in s_row[:5])
        assert hidden != 1 or s_row[5] != "tampil"
    for g in out["g"].unique().to_list():
        idx = [i for i, x in enumerate(out["g"].to_list()) if x == g]
        for c in range(6):
            col = [st[i][c] for i in idx]
            hidden = sum(s != "tampil" for s in col)
            # A lone hidden cell may remain only when every other cell of the column is zero.
            if hidden == 1:
                assert all(vals[i][c] == 0 for i in idx if st[i][c] == "tampil")


# --- page weight -------------------------------------------------------------------------------


def large_data(n_instansi: int = 4, n_units: int = 1000) -> DashboardData:
    """Synthetic 4 x 1000 units (a 60,000-employee bundle has ~3,700) in a 3-4 level hierarchy."""
    rng = random.Random(11)
    words = ["Bidang", "Seksi", "Subbagian", "Dinas", "Badan", "UPT", "Puskesmas", "Sekolah"]
    topics = ["Pendidikan", "Kesehatan", "Keuangan", "Perencanaan", "Kepegawaian", "Umum",
              "Pekerjaan Umum", "Perhubungan", "Sosial", "Pertanian"]  # fmt: skip
    tails = ["", "dan Kepegawaian ", "Wilayah ", "Sekolah Dasar ", "Kecamatan "]  # ~30 chars
    unit_rows, dist_rows = [], []
    for i in range(n_instansi):
        inst_id = f"I{i:03d}"
        ids: list[tuple[str, int]] = []
        for j in range(n_units):
            uid = f"{inst_id}-U{j:04d}"
            if j == 0:
                parent, depth = None, 0
            else:
                candidates = [x for x in ids[-60:] if x[1] < 3] or ids[:1]
                parent, pdepth = rng.choice(candidates)
                depth = pdepth + 1
            ids.append((uid, depth))
            peg = rng.choice([0, 2, 3, 6, 9, 14, 22, 35])
            skp = max(peg - rng.randint(0, 2), 0)
            counts = [0] * 5
            for _ in range(max(peg - rng.randint(0, 3), 0)):
                counts[rng.choices(range(5), weights=[20, 60, 12, 6, 2])[0]] += 1
            unit_rows.append(
                {
                    "instansi_id": inst_id,
                    "instansi_nama": f"Pemerintah Kabupaten Contoh {i}",
                    "unor_id": uid,
                    "unor_nama": f"{rng.choice(words)} {rng.choice(topics)} {rng.choice(tails)}{j}",
                    "unor_induk_id": parent,
                    "kedalaman": depth,
                    "jumlah_pegawai": peg,
                    "jumlah_pegawai_total": peg,
                    "jumlah_skp": skp,
                    "skp_disetujui": max(skp - rng.randint(0, 3), 0),
                }
            )
            for p, n in zip(PREDIKAT, counts, strict=True):
                dist_rows.append((inst_id, uid, str(TAHUN), p, n))
    data = make_data()
    year = pl.lit(TAHUN, pl.Int32).alias("tahun")
    data.frames["unit"] = pl.DataFrame(unit_rows).with_columns(year)
    data.frames["instansi"] = (
        data.frames["unit"].select("tahun", "instansi_id", "instansi_nama").unique()
    )
    data.frames["distribusi_predikat"] = pl.DataFrame(
        dist_rows,
        schema=DISTRIBUSI_SCHEMA,
        orient="row",
    ).with_columns(year)
    by_instansi: dict[str, list] = {}
    for r in unit_rows:
        by_instansi.setdefault(r["instansi_id"], []).append(
            (r["unor_id"], r["unor_nama"], None, r["kedalaman"], r["jumlah_pegawai"], 0, 0, ())
        )
    kaskade = keselarasan_frames(
        [(i, f"Pemerintah Kabupaten Contoh {i[1:]}", u) for i, u in by_instansi.items()]
    )
    for name, frame in kaskade.items():
        data.frames[name] = frame.with_columns(year)
    return data


@pytest.mark.slow
def test_page_weight_large_input(tmp_path: Path) -> None:
    build_site(tmp_path, large_data())
    sizes = {name: (tmp_path / name).stat().st_size for name in PAGES}
    assert sizes["index.html"] < 200_000, sizes
    assert sizes["kualitas.html"] < 200_000, sizes
    assert sizes["cascading.html"] < 600_000, sizes  # ~4,000 ranked units, compact JSON
    assert sizes["unit.html"] < 2_500_000, sizes  # ~4,000 units x 5 periods, compact JSON


# --- privacy under the year filter -------------------------------------------------------------


def test_every_year_suppressed_in_every_view(built_two) -> None:
    """Each year's cube is suppressed on its own: no 1-4 person count and no lone hidden cell
    in any instansi/unit/periode view of any year; the 3-person unit of 2025 stays hidden."""
    people = [col(x) for x in ("pegawai", "skp", "disetujui", "skp_belum")] + [
        col(x, p) for p in PERIODS for x in ("p0", "p1", "p2", "p3", "p4", "belum")
    ]
    unit = built_two["unit.html"]
    counted = {}
    for tahun in (2025, 2024):
        payload = unit_payload(year_content(unit, tahun))
        n = 0
        for _, node, rows, own in views(payload):
            for row in (node, *rows, *own):
                assert not any(isinstance(row[c], int) and 1 <= row[c] <= 4 for c in people)
            for c in range(hierarchy.WIDTH) if rows else ():
                assert sum(map(hidden, [r[c] for r in rows] + [node[c]])) != 1, (tahun, c)
            n += 1
        counted[tahun] = n
    assert counted == {2025: 18, 2024: 4}  # views: per instansi one + one per unit
    sleman = next(
        i for i in unit_payload(year_content(unit, 2025))["instansi"] if i["id"] == "3404"
    )
    assert next(u for u in sleman["units"] if u[1] == XSS_IMG)[4][col("pegawai")] == "<5"
    index = built_two["index.html"]
    for tahun in (2025, 2024):
        for trace in figure(year_content(index, tahun), "ringkasan-predikat")["data"]:
            assert all(cd[1] is None or not 1 <= cd[1] <= 4 for cd in trace["customdata"])


def test_helper_process_builds_the_same_site(tmp_path: Path, monkeypatch, built_two) -> None:
    """Two processes (reports.site_parallel, forced on for this small site) write the same
    files, byte for byte, as one: every page, its data files and the assets."""
    from reports import site_parallel

    monkeypatch.setattr(site_parallel, "MIN_ROWS", 0)
    one, two = tmp_path / "satu", tmp_path / "dua"
    data = two_years()
    serial = build_site(one, data)
    parallel = build_site(two, data, workers=2)
    assert sorted(p.relative_to(one) for p in serial) == sorted(p.relative_to(two) for p in parallel)
    assert len(serial) > len(PAGES)
    for p in serial:
        assert (two / p.relative_to(one)).read_bytes() == p.read_bytes(), p.name
    assert (two / "index.html").read_text(encoding="utf-8") == built_two["index.html"]
    sides = site_parallel.split([p for p in discover() if p.available])
    assert sides[0] and sides[1] and not {p.key for p in sides[0]} & {p.key for p in sides[1]}


def test_helper_process_failure_is_raised(tmp_path: Path, monkeypatch) -> None:
    """A page failing in the helper process fails the build with the helper's traceback."""
    from reports import site_parallel

    monkeypatch.setattr(site_parallel, "MIN_ROWS", 0)
    theirs = {p.key for p in site_parallel.split([p for p in discover() if p.available])[1]}
    assert "konsistensi" in theirs  # reads konsistensi_penilai, which no other page reads
    data = two_years()
    data.frames["konsistensi_penilai"] = pl.DataFrame({"tahun": [2025, 2024]})
    with pytest.raises(RuntimeError, match="dashboard helper process failed") as caught:
        build_site(tmp_path, data, workers=2)
    assert "Traceback" in str(caught.value) and "konsistensi" in str(caught.value)


def test_a_large_unit_tree_keeps_each_instansi_in_a_data_script(tmp_path, monkeypatch, built_two) -> None:
    """Above SPLIT_BYTES the page keeps the instansi and their rows; each instansi's units go to
    unit/<tahun>/<k>.js, which hands them to Kinerja.unitMuat: together the same payload."""
    from reports.pages import unit as unit_page

    monkeypatch.setattr(unit_page, "SPLIT_BYTES", 0)
    build_site(tmp_path, two_years())
    page = (tmp_path / "unit.html").read_text(encoding="utf-8")
    for tahun in (2025, 2024):
        whole = unit_payload(year_content(built_two["unit.html"], tahun))
        lean = unit_payload(year_content(page, tahun))
        assert [i["berkas"] for i in lean["instansi"]] == [
            f"unit/{tahun}/{k}.js" for k in range(len(whole["instansi"]))
        ]
        for inst, full in zip(lean["instansi"], whole["instansi"], strict=True):
            assert "units" not in inst and inst["row"] == full["row"] and inst["id"] == full["id"]
            script = (tmp_path / inst["berkas"]).read_text(encoding="utf-8")
            prefix = f'window.Kinerja&&Kinerja.unitMuat&&Kinerja.unitMuat("{inst["berkas"]}",'
            assert script.startswith(prefix) and script.endswith(");\n")
            assert json.loads(script[len(prefix) : -3]) == full["units"]
        assert {k: v for k, v in lean.items() if k != "instansi"} == {
            k: v for k, v in whole.items() if k != "instansi"
        }
    scripts = [p.read_text(encoding="utf-8") for p in (tmp_path / "unit" / "2025").glob("*.js")]
    assert not any("<" in s for s in scripts)  # export text escaped, as in the page
    assert any("\\u003cimg" in s for s in scripts)  # the XSS unit name is among them
