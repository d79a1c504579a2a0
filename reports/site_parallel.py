"""A second process that builds some of the site's pages while the builder builds the rest.

Every page reads the year's suppressed cube, so the builder suppresses it first (one solve,
:mod:`reports.hierarchy`) while the helper starts and receives the frames its pages declare
(frames read from the warehouse on first use, ``transforms.marts.WarehouseFrames``, cross as the
file's name: the helper reads them itself meanwhile, and the builder never reads them at all);
the cube is then sent over and each process builds its share of the pages (their tiles, then,
with every page's tiles known, their rendered years). The pages are split by ``Page.bobot``
(a page's relative cost). The builder writes every file; the helper only computes, so the site
is the same whichever process built a page (tests/test_site.py compares them).

Started with "spawn", never "fork": the builder holds polars and DuckDB threads whose locks a
forked child would inherit in an unknown state (as transforms.restricted_pool).
"""

from __future__ import annotations

import multiprocessing
import traceback
from typing import Any

from reports import registry
from reports.pagebuild import (
    YearBlock,
    environment,
    page_blocks,
    page_tiles,
    pages_in_order,
    site_keys,
)
from reports.types import CUBE_FRAMES, DashboardData, Page, Tile, YearView
from transforms.marts import WarehouseFrames

# Below this many rows of the cube's frames (about 1 per 5 employees) one process builds the
# site: spawning a helper costs more (a kabupaten of 8,000 ASN has about 12,000).
MIN_ROWS = 15_000


def split(pages: list[Page]) -> tuple[list[Page], list[Page]]:
    """(the builder's pages, the helper's): heaviest first, each to the lighter side."""
    sides: tuple[list[Page], list[Page]] = ([], [])
    load = [0.0, 0.0]
    for p in sorted(pages, key=lambda p: -p.bobot):
        side = 0 if load[0] <= load[1] else 1
        sides[side].append(p)
        load[side] += p.bobot
    return sides


class Helper:
    """The helper process and the builder's end of its pipe."""

    def __init__(self, data: DashboardData, pages: list[Page], years: list[int]) -> None:
        self.keys = {p.key for p in pages}
        names = registry.frames_needed(tuple(pages))
        frames = data.frames
        subset = DashboardData(
            frames=frames.subset(names) if isinstance(frames, WarehouseFrames) else {n: frames[n] for n in names},
            dibuat_pada=data.dibuat_pada,
            aturan_diterapkan=data.aturan_diterapkan,
            ambang=data.ambang,
        )
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), name="kinerja-dasbor", daemon=True)
        self._process.start()
        child.close()
        self._conn.send((subset, self.keys, years))

    def share(self, views: dict[int, YearView], heads: dict[int, Any]) -> None:
        """Send each year's cube (suppressed here: every page reads it) and header."""
        self._conn.send(({y: v.cube() for y, v in views.items()}, heads))

    def tiles(self) -> dict[str, dict[int, list[Tile]]]:
        """The helper's pages' tiles."""
        return self._receive()

    def send_tiles(self, by_year: dict[int, list[Tile]]) -> None:
        """Every page's tiles, per year (for its pages that show them)."""
        self._conn.send(by_year)

    def blocks(self) -> dict[str, list[YearBlock]]:
        """The helper's pages, rendered."""
        return self._receive()

    def _receive(self) -> Any:
        """The helper's next result; its failure raised here with its traceback."""
        try:
            kind, payload = self._conn.recv()
        except EOFError:
            self._process.join(timeout=5)
            raise RuntimeError(
                f"dashboard helper process ended unexpectedly (exit code {self._process.exitcode})"
            ) from None
        if kind != "ok":
            raise RuntimeError(f"dashboard helper process failed:\n{payload}")
        return payload

    def close(self) -> None:
        self._conn.close()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


class Alone:
    """No helper: the builder builds every page (the same calls as :class:`Helper`)."""

    keys: frozenset[str] = frozenset()

    def share(self, views: dict[int, YearView], heads: dict[int, Any]) -> None:
        pass

    def tiles(self) -> dict[str, dict[int, list[Tile]]]:
        return {}

    def send_tiles(self, by_year: dict[int, list[Tile]]) -> None:
        pass

    def blocks(self) -> dict[str, list[YearBlock]]:
        return {}

    def close(self) -> None:
        pass


def start(data: DashboardData, pages: tuple[Page, ...], years: list[int], workers: int) -> Helper | Alone:
    """A helper for half of the available pages, or :class:`Alone` to build in one process: one
    worker, a small site, or pages that are not the registry's (the helper finds them by key)."""
    built = [p for p in pages if p.available]
    rows = sum(data.frames[n].height for n in CUBE_FRAMES if n in data.frames)
    if workers < 2 or len(built) < 2 or rows < MIN_ROWS or pages != registry.discover():
        return Alone()
    _, theirs = split(built)
    return Helper(data, theirs, years)


def _serve(conn: Any) -> None:
    """The helper: receive its pages' frames, the cubes and year headers, later every page's
    tiles; send back its pages' tiles, then their rendered years (or what failed)."""
    try:
        data, keys, years = conn.recv()
        if isinstance(data.frames, WarehouseFrames):
            data.frames.load()  # while the builder suppresses the cube
        pages = registry.discover()
        mine = [p for p in pages if p.key in keys]
        views = {y: data.year(y) for y in years}
        cubes, heads = conn.recv()
        for y, cube in cubes.items():
            views[y]._shared["cube"] = cube
        conn.send(("ok", page_tiles(mine, views)))
        env = environment(tuple(p.folder for p in pages if p.folder is not None))
        menyusul = [p for p in pages if not p.available]
        early, late = pages_in_order(env, mine)
        blocks = page_blocks(env, early, views, site_keys(heads, menyusul))
        tiles = conn.recv()  # every page's tiles, per year
        blocks.update(page_blocks(env, late, views, site_keys(heads, menyusul, tiles)))
        conn.send(("ok", blocks))
    except BaseException:
        conn.send(("gagal", traceback.format_exc()))
    finally:
        conn.close()
