"""Tests of the dashboard site (reports/site.py) and small-cell suppression (reports/privacy.py)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import polars as pl
import pytest

from reports import privacy
from reports.figures import PREDIKAT_COLORS, figure_json
from reports.site import DashboardData, build_site, format_tanggal, hierarchy_order
from transforms.contract import ENUMS

PREDIKAT = ENUMS["predikat"]
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
TAHUN = 2025

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
]
INSTANSI = [
    ("3404", "Pemerintah Kabupaten Sleman", SLEMAN_UNITS),
    ("3402", "Pemerintah Kabupaten Bantul", BANTUL_UNITS),
    ("3471", "Pemerintah Kota Yogyakarta", KOTA_UNITS),
]
REKONSILIASI = [
    ("unit_kerja", 14, 14, 0),
    ("pegawai", 12345, 12301, 44),
    ("skp", 11987, 11950, 37),
    ("penilaian", 45120, 45007, 113),
]


def make_data(diekspor_pada: str | None = "2026-01-31") -> DashboardData:
    """Realistic aggregate frames: 3 instansi, 3-level hierarchy, small cells, XSS names."""
    unit_rows, dist_rows = [], []
    for inst_id, inst_nama, units in INSTANSI:
        totals = {u[0]: u[4] for u in units}
        for unor_id, nama, induk, depth, peg, skp, ok, counts in units:
            subtree = sum(v for k, v in totals.items() if k.startswith(unor_id))
            unit_rows.append(
                {
                    "instansi_id": inst_id,
                    "instansi_nama": inst_nama,
                    "unor_id": unor_id,
                    "unor_nama": nama,
                    "unor_induk_id": induk,
                    "kedalaman": depth,
                    "jumlah_pegawai": peg,
                    "jumlah_pegawai_total": subtree,
                    "jumlah_skp": skp,
                    "skp_disetujui": ok,
                }
            )
            for p, n in zip(PREDIKAT, counts, strict=True):
                dist_rows.append((inst_id, unor_id, str(TAHUN), p, n))
                dist_rows.append((inst_id, unor_id, f"{TAHUN}-TW1", p, n + 1))
        for i, p in enumerate(PREDIKAT):
            dist_rows.append((inst_id, None, str(TAHUN), p, sum(u[7][i] for u in units)))
    return DashboardData(
        meta={
            "tahun": TAHUN,
            "sumber": "ekspor-diy-2026-01",
            "diekspor_pada": diekspor_pada,
            "dibuat_pada": "2026-02-02T08:15:00",
            "jumlah_instansi": len(INSTANSI),
        },
        rekonsiliasi=pl.DataFrame(
            REKONSILIASI, schema=["tabel", "dibaca", "diterima", "dikarantina"], orient="row"
        ),
        temuan_per_aturan=pl.DataFrame(
            {
                "rule": ["NIP_INVALID", "CASCADE_MISSING", "PREDIKAT_MISMATCH", "RHK_NOT_CASCADED"],
                "keparahan": ["kritis", "peringatan", "kritis", "info"],
                "jumlah": [12, 340, 7, 55],
            }
        ),
        unit=pl.DataFrame(unit_rows),
        distribusi_predikat=pl.DataFrame(
            dist_rows,
            schema={
                "instansi_id": pl.String,
                "unor_id": pl.String,
                "periode": pl.String,
                "predikat": pl.String,
                "jumlah": pl.Int64,
            },
            orient="row",
        ),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], str]:
    out = tmp_path_factory.mktemp("site")
    files = build_site(out, make_data())
    return out, files, (out / "index.html").read_text(encoding="utf-8")


def unit_tables(page: str) -> list[list[list]]:
    """Unit-table rows per instansi, as embedded JSON ([kedalaman, nama, cells...])."""
    blobs = re.findall(r'<script type="application/json" id="unit-\d+">(.*?)</script>', page, re.S)
    return [json.loads(b) for b in blobs]


def unit_cells(page: str, name: str) -> list[str]:
    """Displayed cell texts of the unit row named ``name`` (as site.js renders them)."""
    for table in unit_tables(page):
        for row in table:
            if row[1] == name:
                return [f"{c:,}".replace(",", ".") if isinstance(c, int) else c for c in row[2:]]
    raise AssertionError(f"row not found: {name}")


def figure(page: str, fig_id: str) -> dict:
    m = re.search(
        rf'<script type="application/json" data-figure="{fig_id}">(.*?)</script>', page, re.S
    )
    assert m, fig_id
    return json.loads(m.group(1))


# --- files and offline -------------------------------------------------------------------------


def test_files_written(built: tuple[Path, list[Path], str]) -> None:
    out, files, page = built
    assert out / "index.html" in files
    for name in ("plotly.min.js", "site.css", "site.js"):
        assert (out / "assets" / name).is_file()
        assert out / "assets" / name in files
    assert all(f.is_file() for f in files)
    assert page.startswith("<!doctype html>")
    assert (out / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_plotly_copied_once_and_referenced_relatively(built: tuple[Path, list[Path], str]) -> None:
    out, _, page = built
    assert len(list(out.rglob("plotly*.js"))) == 1
    assert page.count('<script src="assets/plotly.min.js"></script>') == 1
    assert '<link rel="stylesheet" href="assets/site.css">' in page
    # Plotly is not inlined into the page.
    assert len(page.encode()) < 200_000


def test_no_network_sources(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "@import" not in page
    css = (built[0] / "assets" / "site.css").read_text()
    assert "http" not in css and "@import" not in css and "url(" not in css


# --- escaping ----------------------------------------------------------------------------------


def test_payloads_only_escaped(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    for bad in ("<script>alert", "<img src=x", "onerror=alert(1)>"):
        assert bad not in page
    # Unit names travel as JSON with <, >, & escaped (rendered later via textContent).
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    # Exactly the expected <script> elements and </script> closers.
    opens = re.findall(r"<script\b", page, re.I)
    closes = re.findall(r"</script", page, re.I)
    # 2 figures + 3 unit tables + plotly.min.js + site.js
    assert len(opens) == len(closes) == 7


def test_figure_json_safe_in_script() -> None:
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(y=["</script><script>alert(1)</script> & <img src=x>"], x=[1]))
    text = figure_json(fig)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["data"][0]["y"][0].startswith("</script>")


def test_instansi_labels_escaped_in_figures(tmp_path: Path) -> None:
    data = make_data()
    data.unit = data.unit.with_columns(
        pl.when(pl.col("instansi_id") == "3471")
        .then(pl.lit("<b>Kota</b> & <img src=x onerror=alert(1)>"))
        .otherwise(pl.col("instansi_nama"))
        .alias("instansi_nama")
    )
    build_site(tmp_path, data)
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<b>Kota" not in page
    ticks = figure(page, "fig-predikat")["layout"]["yaxis"]["ticktext"]
    assert "&lt;b&gt;Kota&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in ticks


# --- content -----------------------------------------------------------------------------------


def test_header_and_labels(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    assert '<html lang="id">' in page
    assert "Data per <strong>31 Januari 2026</strong>" in page
    assert "Pemerintah Kabupaten Sleman" in page
    for label in ("Jumlah pegawai", "SKP disetujui", "Pegawai dinilai tahunan", "Temuan kritis"):
        assert label in page
    assert page.count("Catatan metode:") >= 4
    assert 'aria-current="page"' in page


def test_no_export_date(tmp_path: Path) -> None:
    build_site(tmp_path, make_data(diekspor_pada=None))
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "tanggal ekspor tidak tercatat" in page


def test_tiles(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    pegawai = sum(u[4] for _, _, units in INSTANSI for u in units)
    tiles = re.findall(r'<div class="tile-value">([^<]*)</div>', page)
    assert tiles[0] == f"{pegawai:,}".replace(",", ".")
    assert tiles[4] == "19"  # kritis: NIP_INVALID 12 + PREDIKAT_MISMATCH 7


def test_predikat_order_colours_and_labels(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    fig = figure(page, "fig-predikat")
    names = [t["name"] for t in fig["data"]]
    assert names[:5] == list(PREDIKAT)
    assert names[:5] == [
        "Sangat Baik",
        "Baik",
        "Butuh Perbaikan",
        "Kurang/Misconduct",
        "Sangat Kurang",
    ]
    assert [t["marker"]["color"] for t in fig["data"][:5]] == [PREDIKAT_COLORS[p] for p in PREDIKAT]
    assert fig["layout"]["barmode"] == "stack"
    # Order of the predikat columns in the unit tables.
    head = re.search(r'<table class="data units">.*?</thead>', page, re.S).group(0)
    assert [head.index(f'title="{p}"') for p in PREDIKAT] == sorted(
        head.index(f'title="{p}"') for p in PREDIKAT
    )


def test_annual_only_in_distribution(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    fig = figure(page, "fig-predikat")
    ids = fig["data"][0]["y"]
    kota = ids.index("3471")
    # Kota Yogyakarta: SB 21 of 100 annual predikat (quarterly rows, +1 each, are ignored).
    assert fig["data"][0]["x"][kota] == pytest.approx(21.0)
    assert sum(t["x"][kota] or 0 for t in fig["data"]) == pytest.approx(100.0, abs=0.2)


def test_hierarchy_order_and_indent(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    tables = unit_tables(page)
    # Sections follow the instansi order (by name): Bantul, Sleman, Yogyakarta.
    assert [len(t) for t in tables] == [len(BANTUL_UNITS), len(SLEMAN_UNITS), len(KOTA_UNITS)]
    assert [(k, n) for k, n, *_ in tables[0]] == [
        (0, "Sekretariat Daerah"),
        (1, "Badan Kepegawaian dan Pengembangan SDM"),
        (2, "Bidang Penilaian Kinerja & Penghargaan"),
        (1, "Dinas Pekerjaan Umum"),
    ]
    sleman = [n for _, n, *_ in tables[1]]
    assert sleman == [
        "Sekretariat Daerah",
        "Dinas Kesehatan",
        XSS_IMG,
        "Puskesmas Depok I",
        "Dinas Pendidikan",
        XSS_SCRIPT,
        "Bidang Pembinaan SD",
    ]
    assert "Pemerintah Kabupaten Bantul" in page.split('data-units="unit-0"')[1][:400]


def test_unit_json_has_no_raw_values_of_suppressed_cells(
    built: tuple[Path, list[Path], str],
) -> None:
    _, _, page = built
    for table in unit_tables(page):
        for row in table:
            for cell in row[2:]:
                assert not (isinstance(cell, int) and 1 <= cell <= 4)


def test_small_cells_suppressed_in_unit_table(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    # Unit with 3 employees (1 SB, 2 B): every count is 1-4 and is shown as <5.
    cells = unit_cells(page, XSS_IMG)
    assert cells[:2] == ["<5", "<5"]  # pegawai, SKP
    assert cells[2] == "x"  # approved share hidden
    assert cells[3:] == ["<5", "<5", "0", "0", "0"]
    assert "100%" not in cells


def test_complementary_suppression_in_unit_table(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    # 33 employees: SB 10, B 20, BP 3 -> BP "<5", and SB (next-smallest) hidden as "x".
    cells = unit_cells(page, "Bidang Pembinaan SD")
    assert cells[0] == "33"
    assert cells[3:] == ["x", "20", "<5", "0", "0"]
    assert "10" not in cells and "3" not in cells


def test_derived_percentage_hidden(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    # 10 SKP, 7 approved, 3 not approved: the share (70%) would reveal the 3.
    cells = unit_cells(page, XSS_SCRIPT)
    assert cells[2] == "x"
    # Its employee (12) and SKP (10) counts are the smallest in their Sleman columns, so they
    # also hide the lone "<5" cells of the 3-person unit (column complement within instansi).
    assert cells[:2] == ["x", "x"]
    assert "70%" not in page


def test_suppressed_counts_not_plotted(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    fig = figure(page, "fig-predikat")
    ids = fig["data"][0]["y"]
    sleman = ids.index("3404")
    # Sleman annual SK total = 2 -> suppressed, plus one complementary cell.
    by_name = {t["name"]: t for t in fig["data"]}
    assert by_name["Sangat Kurang"]["x"][sleman] is None
    assert sum(by_name[p]["x"][sleman] is None for p in PREDIKAT) == 2
    assert by_name["Disembunyikan (sel kecil)"]["x"][sleman] > 0
    # No count of 1-4 in any hover customdata.
    for t in fig["data"][:5]:
        for cd in t["customdata"]:
            assert cd[1] is None or not 1 <= cd[1] <= 4


def test_reconciliation_shown(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    section = page[page.index('id="rekonsiliasi"') : page.index('id="temuan"')]
    for num in ("12.345", "12.301", "44", "45.120", "45.007", "113"):
        assert f">{num}<" in section
    assert 'href="../karantina/"' in section
    assert 'href="../rekonsiliasi.csv"' in section
    assert ">69.466<" in section  # total read


def test_findings_with_descriptions(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    section = page[page.index('id="temuan"') :]
    assert "NIP tidak 18 digit" in section
    assert (
        section.index("NIP_INVALID")
        < section.index("CASCADE_MISSING")
        < section.index("RHK_NOT_CASCADED")
    )


def test_no_personal_columns(built: tuple[Path, list[Path], str]) -> None:
    _, _, page = built
    assert not re.search(r"\b\d{18}\b", page)  # no NIP-like numbers


def test_format_tanggal() -> None:
    assert format_tanggal("2026-01-31") == "31 Januari 2026"
    assert format_tanggal("2026-02-02T08:15:00", with_time=True) == "2 Februari 2026 pukul 08.15"
    assert format_tanggal("Januari 2026") == "Januari 2026"


def test_hierarchy_order_orphans_and_cycles() -> None:
    units = [
        {"unor_id": "b", "unor_nama": "B", "unor_induk_id": "a"},
        {"unor_id": "a", "unor_nama": "A", "unor_induk_id": None},
        {"unor_id": "o", "unor_nama": "Orphan", "unor_induk_id": "missing"},
        {"unor_id": "x", "unor_nama": "X", "unor_induk_id": "y"},
        {"unor_id": "y", "unor_nama": "Y", "unor_induk_id": "x"},
    ]
    assert [u["unor_id"] for u in hierarchy_order(units)] == ["a", "b", "o", "x", "y"]


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
    for col in range(3):
        assert sum(st[i][col] != "tampil" for i in range(3)) != 1


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


def large_data(n_instansi: int = 40, n_units: int = 500) -> DashboardData:
    """Synthetic 40 x 500 units with realistic names and a 3-4 level hierarchy."""
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
    data.unit = pl.DataFrame(unit_rows)
    data.meta = {**data.meta, "jumlah_instansi": n_instansi}
    data.distribusi_predikat = pl.DataFrame(
        dist_rows,
        schema={
            "instansi_id": pl.String,
            "unor_id": pl.String,
            "periode": pl.String,
            "predikat": pl.String,
            "jumlah": pl.Int64,
        },  # fmt: skip
        orient="row",
    )
    return data


@pytest.mark.slow
def test_page_weight_large_input(tmp_path: Path) -> None:
    build_site(tmp_path, large_data())
    size = (tmp_path / "index.html").stat().st_size
    assert size < 2_000_000, size
