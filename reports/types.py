"""Types shared by the site builder, the page registry and the page modules.

Nothing here imports a page or the builder, so every page module can import this one and the
builder can import the pages without an import circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl

from reports.hierarchy import Cube, build_cube
from reports.privacy import THRESHOLD

MENYUSUL = "belum tersedia — analisis menyusul"
MENYUSUL_HREF = "index.html#menyusul"  # the summary page's list of analyses not built yet
CUBE_FRAMES = ("unit", "distribusi_predikat", "cakupan_bukti")


@dataclass(frozen=True)
class NavItem:
    """One navigation entry; ``href`` None = page not built yet (shown as "belum tersedia")."""

    key: str
    label: str
    href: str | None


@dataclass(frozen=True)
class Tile:
    """A headline box on the summary page, linking to the page that explains it.

    ``status`` "belum-tersedia" (analysis not built) or "tidak-ada-data" (no data in the
    bundle) greys the tile out; ``alert`` marks a value that needs attention.
    """

    name: str  # data-tile
    label: str
    value: str
    sub: str
    href: str
    status: str | None = None
    alert: bool = False

    @classmethod
    def pending(cls, name: str, label: str) -> Tile:
        """The tile of an analysis not built yet: says so instead of showing a number."""
        return cls(name, label, "Belum tersedia", MENYUSUL, MENYUSUL_HREF, "belum-tersedia")


@dataclass(frozen=True)
class Figure:
    """A figure placed on a page: name (data-figure), safe JSON (figures.figure_json), title."""

    id: str
    json: str
    title: str = ""


@dataclass
class YearView:
    """One year of the dashboard frames, as a page sees it.

    ``frame(name)`` returns that year's rows (without the ``tahun`` column) of a frame the page
    declared; asking for an undeclared frame is an error, so a page's declaration is always the
    truth about what it reads. The suppressed cube is built once per year and shared by pages.
    """

    tahun: int
    frames: Mapping[str, pl.DataFrame]
    aturan_diterapkan: tuple[str, ...] = ()
    ambang: int = THRESHOLD  # smallest count of people shown (see DashboardData.ambang)
    declared: frozenset[str] | None = None  # None: every frame (the site builder itself)
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)

    def frame(self, name: str) -> pl.DataFrame:
        """This year's rows of a declared frame."""
        if self.declared is not None and name not in self.declared:
            raise KeyError(f"frame {name!r} is not among the page's declared frames")
        return self.frames[name]

    def cube(self) -> Cube:
        """The year's suppressed instansi → unit cube (needs the frames in CUBE_FRAMES)."""
        parts = [self.frame(name) for name in CUBE_FRAMES]
        if "cube" not in self._shared:
            self._shared["cube"] = build_cube(*parts, self.tahun, threshold=self.ambang)
        return self._shared["cube"]

    def ada_bukti(self) -> bool:
        """True when the year has accepted bukti_dukung rows and evidence coverage data."""
        rekon = self.frame("rekonsiliasi").filter(pl.col("tabel") == "bukti_dukung")
        rows = int(rekon["diterima"].sum() or 0) if rekon.height else 0
        return rows > 0 and self.cube().people_coverage

    def for_page(self, page: Page) -> YearView:
        """The same year restricted to the frames ``page`` declares (cube shared)."""
        return replace(self, declared=frozenset(page.frames))


def no_tiles(view: YearView) -> list[Tile]:
    """Tiles of a page that puts none on the summary page."""
    return []


@dataclass(frozen=True)
class Page:
    """A dashboard page: one module ``reports/pages/<name>.py`` assigning ``PAGE = Page(...)``.

    * ``key``: ``<body data-page>`` and navigation key; ``label``: Indonesian navigation label
      and title; ``order``: position in the navigation and of its tiles on the summary page.
    * ``frames``: names of the sql/dasbor/*.sql files the page reads (each is read once for the
      whole site: the pipeline reads the union over all pages).
    * ``context(view)``: the template context for one year (a dict; a ``figures`` list of
      :class:`Figure` is placed under the page for site.js to draw; ``files``, a dict of
      relative path -> text, is written beside the pages: data the page script loads lazily).
    * ``tiles(view)``: its tiles on the summary page for one year.
    * ``template``: a Jinja2 file in reports/templates or beside the module (default
      ``<key>.html.j2``); ``file``: the page written (default ``<key>.html``).
    * ``bobot``: how costly the page is to build, relative to the others (the site builder's
      helper process takes the pages that balance the load: reports.site_parallel).
    * ``available=False``: an analysis not built yet: listed as "belum tersedia" in the
      navigation and on the summary page (``uraian`` says what it will show); no file written.
    """

    key: str
    label: str
    order: int
    frames: tuple[str, ...] = ()
    context: Callable[[YearView], dict] | None = None
    tiles: Callable[[YearView], list[Tile]] = no_tiles
    template: str = ""
    file: str = ""
    scripts: tuple[str, ...] = ()  # extra scripts from reports/static (e.g. unit.js)
    plotly: bool = False  # load plotly.js even without server-built figures
    # The plotly.js bundle: "cartesian" (bar, box, scatter, heatmap, …: a third of the size, so
    # a page loads in half the time) or "full" (treemap and every other trace type).
    plotly_traces: str = "cartesian"
    available: bool = True
    uraian: str = ""
    folder: Path | None = None  # set by discovery: the module's folder (templates beside it)
    bobot: float = 1.0  # relative cost of building it (splits the pages over two processes)

    @property
    def template_name(self) -> str:
        return self.template or f"{self.key}.html.j2"

    @property
    def file_name(self) -> str:
        return self.file or f"{self.key}.html"


@dataclass
class DashboardData:
    """Everything the site shows (aggregates only, no personal data).

    ``frames``: every dashboard frame by sql/dasbor name, with a ``tahun`` column for every
    year the warehouse keeps. The site itself reads ``tahun`` (the years), ``bundel`` (bundles
    per year: jalur, diekspor_pada, diabaikan) and ``instansi`` (instansi per year).
    """

    frames: Mapping[str, pl.DataFrame]  # a dict, or frames read on first use (WarehouseFrames)
    dibuat_pada: str  # ISO datetime of the run
    aturan_diterapkan: tuple[str, ...] = ()  # rule ids some producer writes (checked this run)
    # Cells of 1..ambang-1 people are suppressed («<5» for the default 5); the pipeline sets it
    # from KINERJA_AMBANG_SEL (pipelines.settings.small_cell_threshold).
    ambang: int = THRESHOLD

    def years(self) -> list[int]:
        """Every year kept, newest first."""
        years = self.frames["tahun"]["tahun"].drop_nulls().unique().to_list()
        return sorted((int(y) for y in years), reverse=True)

    def year(self, tahun: int) -> YearView:
        """The frames of one year (frames without a ``tahun`` column are given whole), each
        cut when a page first reads it."""
        return YearView(tahun, _YearFrames(self.frames, tahun), self.aturan_diterapkan, self.ambang)


class _YearFrames(Mapping[str, pl.DataFrame]):
    """One year's rows of each frame of ``frames``, cut on first use and kept."""

    def __init__(self, frames: Mapping[str, pl.DataFrame], tahun: int) -> None:
        self._frames, self._tahun = frames, tahun
        self._cut: dict[str, pl.DataFrame] = {}

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in self._cut:
            f = self._frames[name]
            self._cut[name] = f.filter(pl.col("tahun") == self._tahun).drop("tahun") if "tahun" in f.columns else f
        return self._cut[name]

    def __contains__(self, name: object) -> bool:
        return name in self._frames

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)
