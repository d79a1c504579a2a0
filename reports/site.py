"""Static dashboard site builder (offline HTML; Jinja2 templates + Plotly figures).

Pages (all share ``templates/base.html.j2``: header with instansi, tahun and "data per" date
from the bundle manifest, navigation, footer) and ``assets/`` (site.css, site.js, xlsx.js,
unit.js and plotly.min.js copied once from the installed package; nothing is fetched from the
network, so the site works from ``file://`` and from a local http server):

* ``index.html``   – Ringkasan: headline tiles, "perlu perhatian lebih dulu", instansi table.
* ``unit.html``    – Unit kerja: drill-down instansi → unit → sub-unit per periode.
* ``kualitas.html`` – Kualitas data: rekonsiliasi, karantina, temuan, berkas dan kolom.

Conventions (relied on by the browser test suite; keep them stable):

* ``<body data-page="ringkasan|unit|kualitas">``; ``<link rel="icon" href="data:,">``.
* Navigation links every built page; unbuilt pages (cascading, konsistensi, karier) are a
  ``<span class="nav-soon">`` marked "segera" without a link.
* Filters are ``<select data-filter="instansi|unit|periode">`` (unit.html). A change re-renders
  at once and is mirrored in ``location.hash`` (``#instansi=…&unit=…&periode=TW1``), which
  is read again on load/hashchange. Elements whose content follows the filters carry
  ``data-filtered``.
* Tables are ``<table data-table="NAME">`` with sortable ``<th data-sort>`` (click toggles
  ascending/descending, ``aria-sort`` shows the state); paginated tables have a
  ``[data-pager="NAME"]`` element with ``[data-pager-prev]``/``[data-pager-next]`` buttons;
  ``<button data-download="csv|xlsx" data-for="NAME">`` downloads the filtered, sorted rows
  (all pages, not only the visible one). Cells carry ``data-v`` (number for sorting/export).
* Charts: a container ``<div data-figure="NAME">`` drawn by Plotly; its figure JSON (server-
  built pages) sits in ``<script type="application/json" data-figure-json="NAME">``.
* Tiles: ``<a class="tile" data-tile="NAME" href="…">``; analyses not built yet carry
  ``data-status="belum-tersedia"`` and say "belum tersedia — analisis menyusul".
* Export text is escaped everywhere: Jinja autoescape in HTML, :func:`figures.esc` in Plotly
  labels, ``\\u003c``-style escapes in embedded JSON; JS inserts text with ``textContent`` only.

Privacy: only aggregates reach a page and every count comes from one suppressed cube
(:mod:`reports.hierarchy`), so no page or filter combination reveals a cell of 1–4 people.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import plotly
import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from reports import fmt, hierarchy, kualitas, ringkasan, unit_page
from reports.fmt import angka, format_tanggal

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
ASSETS = "assets"

__all__ = ["DashboardData", "build_site", "format_tanggal", "angka"]


@dataclass(frozen=True)
class NavItem:
    """One navigation entry; ``href`` None = page not built yet (shown as "segera")."""

    key: str
    label: str
    href: str | None


NAV: tuple[NavItem, ...] = (
    NavItem("ringkasan", "Ringkasan", "index.html"),
    NavItem("unit", "Unit kerja", "unit.html"),
    NavItem("kualitas", "Kualitas data", "kualitas.html"),
    NavItem("cascading", "Cascading", None),
    NavItem("konsistensi", "Konsistensi penilaian", None),
    NavItem("karier", "Karier", None),
)


def _frame(schema: dict[str, type[pl.DataType] | pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


# Schemas of the mart frames the site reads (also used to build empty frames and test data).
CAKUPAN_SCHEMA: dict[str, type[pl.DataType]] = {
    "instansi_id": pl.String,
    "unor_id": pl.String,
    "periode": pl.String,
    "dilaporkan": pl.Int64,
    "berbukti": pl.Int64,
    "pegawai_melapor": pl.Int64,
}
DISTRIBUSI_SCHEMA: dict[str, type[pl.DataType]] = {
    "instansi_id": pl.String,
    "unor_id": pl.String,
    "periode": pl.String,
    "predikat": pl.String,
    "jumlah": pl.Int64,
}


def empty_cakupan() -> pl.DataFrame:
    """An empty mart.cakupan_bukti (no evidence data)."""
    return _frame(CAKUPAN_SCHEMA)


def empty_karantina() -> pl.DataFrame:
    """An empty mart.karantina_ringkasan."""
    return _frame({"tabel": pl.String, "kode_alasan": pl.String, "jumlah": pl.Int64})


def empty_sumber() -> pl.DataFrame:
    """An empty audit.sumber (how each table was read)."""
    return _frame(
        {
            "tabel": pl.String,
            "berkas": pl.String,
            "bentuk": pl.String,
            "encoding": pl.String,
            "pemisah": pl.String,
            "kolom_tambahan": pl.String,
        }
    )


@dataclass
class DashboardData:
    """Aggregates for the dashboard (no personal data).

    meta: tahun (int), sumber (bundle name), diekspor_pada (str | None, from the manifest),
    dibuat_pada (ISO datetime of the run), jumlah_instansi (int).
    """

    meta: dict
    rekonsiliasi: pl.DataFrame  # tabel, dibaca, diterima, dikarantina
    temuan_per_aturan: pl.DataFrame  # rule, keparahan, jumlah
    # instansi_id, instansi_nama, unor_id, unor_nama, unor_induk_id (null = root), kedalaman,
    # jumlah_pegawai (direct), jumlah_pegawai_total (subtree), jumlah_skp, skp_disetujui
    unit: pl.DataFrame
    # instansi_id, unor_id (null = whole instansi), periode ("2025" or "2025-TW1"..), predikat,
    # jumlah
    distribusi_predikat: pl.DataFrame
    # instansi_id, unor_id, periode, dilaporkan, berbukti, pegawai_melapor (mart.cakupan_bukti)
    cakupan_bukti: pl.DataFrame = field(default_factory=empty_cakupan)
    karantina: pl.DataFrame = field(default_factory=empty_karantina)  # tabel, kode_alasan, jumlah
    sumber: pl.DataFrame = field(default_factory=empty_sumber)  # audit.sumber
    diabaikan: list[str] = field(default_factory=list)  # bundle files that are no contract table
    aturan_diterapkan: tuple[str, ...] = ()  # rule ids some producer writes (checked this run)


@dataclass
class Figure:
    """A figure placed on a page: name (data-figure), safe JSON, title."""

    id: str
    json: str
    title: str = ""


@dataclass
class Page:
    """Shared context of every page (consumed by base.html.j2)."""

    key: str
    title: str
    root: str = ""  # relative prefix to the site root ("" for top-level pages)
    figures: list[Figure] = field(default_factory=list)
    scripts: tuple[str, ...] = ()  # extra page scripts in assets/
    plotly: bool = False  # load plotly.min.js even without server-built figures


def evidence_rows(data: DashboardData) -> int:
    """Accepted bukti_dukung rows (0 when the optional table is absent)."""
    r = data.rekonsiliasi.filter(pl.col("tabel") == "bukti_dukung")
    return int(r["diterima"].sum() or 0) if r.height else 0


def environment() -> Environment:
    """Jinja2 environment of the site: autoescape always on, strict undefined."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["angka"] = angka
    env.filters["sel"] = fmt.cell_text
    env.filters["tanggal"] = format_tanggal
    return env


def site_context(data: DashboardData, page: Page, cube: hierarchy.Cube) -> dict:
    """Context shared by every page (header, navigation, footer)."""
    meta = data.meta
    diekspor = meta.get("diekspor_pada")
    names = [i["nama"] for i in cube.instansi]
    return {
        "page": page,
        "nav": NAV,
        "judul_situs": "Dasbor Kinerja ASN",
        "tahun": meta.get("tahun"),
        "sumber": meta.get("sumber"),
        "jumlah_instansi": len(names),
        "lingkup": names[0] if len(names) == 1 else f"{angka(len(names))} instansi",
        "data_per": format_tanggal(diekspor) if diekspor else None,
        "dibuat_pada": format_tanggal(meta.get("dibuat_pada"), with_time=True),
    }


def copy_assets(out_dir: Path) -> list[Path]:
    """Copy plotly.js (from the installed package) and the static files into out_dir/assets."""
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    plotly_js = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not plotly_js.is_file():
        raise FileNotFoundError(f"plotly.min.js tidak ditemukan di paket plotly: {plotly_js}")
    written = []
    for src in [plotly_js, *sorted(p for p in STATIC_DIR.iterdir() if p.is_file())]:
        dst = assets / src.name
        shutil.copyfile(src, dst)
        written.append(dst)
    return written


def render_page(env: Environment, template: str, context: dict, path: Path) -> Path:
    """Render one template to ``path`` (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(env.get_template(template).render(**context), encoding="utf-8")
    return path


def build_site(out_dir: Path, data: DashboardData) -> list[Path]:
    """Write index.html, unit.html, kualitas.html and assets/; return the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = copy_assets(out_dir)
    env = environment()
    cube = hierarchy.build_cube(
        data.unit, data.distribusi_predikat, data.cakupan_bukti, data.meta.get("tahun")
    )
    has_evidence = evidence_rows(data) > 0 and cube.people_coverage
    pages = (
        ("ringkasan", "Ringkasan", "index.html", ringkasan.context(data, cube, has_evidence), ()),
        (
            "unit",
            "Unit kerja",
            "unit.html",
            unit_page.context(data, cube, has_evidence),
            ("unit.js",),
        ),
        ("kualitas", "Kualitas data", "kualitas.html", kualitas.context(data), ()),
    )
    for key, title, name, context, scripts in pages:
        page = Page(
            key=key,
            title=title,
            figures=context["figures"],
            scripts=scripts,
            plotly=bool(scripts),
        )
        ctx = {**site_context(data, page, cube), **context}
        written.append(render_page(env, f"{key}.html.j2", ctx, out_dir / name))
    return written
