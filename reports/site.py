"""Static dashboard site builder (offline HTML; Jinja2 templates + Plotly figures).

The pages come from the registry (:mod:`reports.registry`: one module per page in
``reports/pages``); this module only lays them out. Every page shares ``templates/base.html.j2``
(header with scope, year selector and "data per" date, navigation, footer) and ``assets/``
(site.css, site.js, xlsx.js, page scripts, and plotly.min.js copied once from the installed
package; nothing is fetched from the network, so the site works from ``file://`` and from a
local http server).

Years: a page template renders ONE year. The builder renders it for every year the warehouse
keeps, newest first: the newest inside ``<div data-tahun-wadah>``, each other year inside a
``<template data-tahun-isi="YYYY">``; site.js swaps the chosen year in (``<select
data-filter="tahun">`` in the header, kept in ``location.hash`` as ``tahun=YYYY``), so only
one year's elements are ever in the document. Header and footer texts of each year are
``[data-tahun]`` elements that site.js shows or hides.

Conventions (relied on by the browser test suite; keep them stable):

* ``<body data-page="KEY" data-tahun-awal="YYYY">``; ``<link rel="icon" href="data:,">``.
* Navigation links every built page; pages not built yet are a ``<span class="nav-soon">``
  marked "belum tersedia" without a link.
* Filters are ``<select data-filter="tahun|instansi|unit|periode">``. A change re-renders at
  once and is mirrored in ``location.hash`` (``#tahun=2024&instansi=…&unit=…&periode=TW1``;
  ``tahun`` is left out for the newest year), which is read again on load/hashchange.
  Elements whose content follows the filters carry ``data-filtered``.
* Tables are ``<table data-table="NAME">`` with sortable ``<th data-sort>`` (click toggles
  ascending/descending, ``aria-sort`` shows the state); paginated tables have a
  ``[data-pager="NAME"]`` element with ``[data-pager-prev]``/``[data-pager-next]`` buttons;
  ``<button data-download="csv|xlsx" data-for="NAME">`` downloads the filtered, sorted rows
  (all pages, not only the visible one). Cells carry ``data-v`` (number for sorting/export).
* Charts: a container ``<div data-figure="NAME">`` drawn by Plotly; its figure JSON (server-
  built pages) sits in ``<script type="application/json" data-figure-json="NAME">`` in the
  same year's content.
* Tiles: ``<a class="tile" data-tile="NAME" href="…">``; analyses not built yet carry
  ``data-status="belum-tersedia"`` and say "belum tersedia — analisis menyusul".
* Data files: a page context may return ``files`` (relative path -> text), written beside the
  pages (e.g. ``kaskade/2025/3.js``, per-unit data the page script loads with a ``<script>``
  element when asked for: ``fetch`` does not work from ``file://``).
* Export text is escaped everywhere: Jinja autoescape in HTML, :func:`figures.esc` in Plotly
  labels, ``\\u003c``-style escapes in embedded JSON; JS inserts text with ``textContent`` only.

Privacy: only aggregates reach a page and every count of people comes from one suppressed cube
per year (:mod:`reports.hierarchy`), so no page or filter combination reveals a cell of 1–4
people (1..ambang-1: ``DashboardData.ambang``, default 5). Years are separate populations and
no figure adds them up, so each year's cube is suppressed on its own.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import plotly
import polars as pl

from reports import registry, site_parallel
from reports.fmt import angka, daftar, format_tanggal
from reports.pagebuild import (
    PACKAGE_DIR,
    environment,
    page_blocks,
    page_tiles,
    pages_in_order,
    site_keys,
    tiles_by_year,
)
from reports.types import DashboardData, Page

STATIC_DIR = PACKAGE_DIR / "static"
ASSETS = "assets"
JUDUL_SITUS = "Dasbor Kinerja ASN"

__all__ = ["build_site", "environment", "year_heads"]


@dataclass(frozen=True)
class YearHead:
    """Header and footer texts of one year."""

    tahun: int
    lingkup: str  # the instansi name, or "N instansi"
    jumlah_instansi: int
    data_per: str | None  # export date(s) of the year's bundles
    sumber: str  # the year's bundle names, as Indonesian text


def year_heads(data: DashboardData, years: list[int]) -> dict[int, YearHead]:
    """Scope, export date and bundle names per year (from the ``instansi`` and ``bundel`` frames)."""
    instansi, bundel = data.frames["instansi"], data.frames["bundel"]
    out = {}
    for y in years:
        names = instansi.filter(pl.col("tahun") == y).sort("instansi_nama", "instansi_id")
        nama = [str(n or i) for i, n in names.select("instansi_id", "instansi_nama").iter_rows()]
        b = bundel.filter(pl.col("tahun") == y)
        dates = sorted({str(d) for d in b["diekspor_pada"].drop_nulls().to_list()})
        shown = list(dict.fromkeys(format_tanggal(d) or d for d in dates[:1] + dates[-1:]))
        out[y] = YearHead(
            tahun=y,
            lingkup=nama[0] if len(nama) == 1 else f"{angka(len(nama))} instansi",
            jumlah_instansi=len(nama),
            data_per=" s.d. ".join(shown) or None,
            sumber=daftar(sorted({str(n) for n in b["nama"].drop_nulls().to_list()})) or "–",
        )
    return out


# plotly.js bundles by Page.plotly_traces: the full one from the installed plotly package, the
# cartesian one (same version, MIT, from npm plotly.js-cartesian-dist-min) in reports/static.
PLOTLY_FILES = {"full": "plotly.min.js", "cartesian": "plotly-cartesian.min.js"}


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


def _check_frames(data: DashboardData, pages: tuple[Page, ...]) -> None:
    missing = [n for n in registry.frames_needed(pages) if n not in data.frames]
    if missing:
        raise ValueError(f"dashboard frames missing: {', '.join(missing)}")


_DATA_FILE = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)*\.js")


def write_data_files(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Write a page's data files (context ``files``: a relative path such as
    ``kaskade/2025/3.js`` -> its text; lower-case names, no ``..``, never a page or asset)."""
    written = []
    for rel, text in sorted(files.items()):
        if not _DATA_FILE.fullmatch(rel) or rel.split("/")[0] == ASSETS:
            raise ValueError(f"page data file outside the data folders: {rel!r}")
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def build_site(
    out_dir: Path, data: DashboardData, pages: tuple[Page, ...] | None = None, *, workers: int = 1
) -> list[Path]:
    """Write every available page of the registry and assets/; return the files written.

    ``workers`` 2 or more: half of the pages are built by a helper process
    (:mod:`reports.site_parallel`) when the site is large enough; the files are the same."""
    pages = registry.discover() if pages is None else pages
    _check_frames(data, pages)
    years = data.years()
    if not years:
        raise ValueError("Gudang data tidak memuat tahun mana pun: dasbor tidak dapat dibuat.")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = copy_assets(out_dir)
    env = environment(tuple(p.folder for p in pages if p.folder is not None))
    views = {y: data.year(y) for y in years}
    heads = year_heads(data, years)
    menyusul = [p for p in pages if not p.available]
    helper = site_parallel.start(data, pages, years, workers)
    try:
        helper.share(views, heads)
        own = [p for p in pages if p.key not in helper.keys]
        tiles = page_tiles(own, views)
        early, late = pages_in_order(env, own)
        blocks = page_blocks(env, early, views, site_keys(heads, menyusul))
        tiles.update(helper.tiles())
        by_year = tiles_by_year(pages, views, tiles)
        helper.send_tiles(by_year)
        blocks.update(page_blocks(env, late, views, site_keys(heads, menyusul, by_year)))
        blocks.update(helper.blocks())
    finally:
        helper.close()
    nav = registry.navigation(pages)
    for page in (p for p in pages if p.available):
        blocks_of = blocks[page.key]
        context = {
            "page": page,
            "root": "",
            "nav": nav,
            "judul_situs": JUDUL_SITUS,
            "years": [heads[y] for y in years],
            "blocks": blocks_of,
            "plotly": PLOTLY_FILES[page.plotly_traces] if page.plotly or any(b.figures for b in blocks_of) else None,
            "dibuat_pada": format_tanggal(data.dibuat_pada, with_time=True),
            "ambang": data.ambang,
        }
        path = out_dir / page.file_name
        path.write_text(env.get_template("base.html.j2").render(**context), encoding="utf-8")
        written.append(path)
        for b in blocks_of:
            written += write_data_files(out_dir, b.files)
    return written
