"""Building pages without writing them: each page's tiles and its rendered years.

Used by the site builder (:mod:`reports.site`) for the pages it builds itself and by its
helper process (:mod:`reports.site_parallel`) for the others; both build a page the same way,
so the site is the same file for file whichever process built a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, meta
from markupsafe import Markup

from reports import fmt
from reports.fmt import angka, format_tanggal
from reports.types import Figure, Page, Tile, YearView

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"


@dataclass
class YearBlock:
    """One year's rendered content of a page."""

    tahun: int
    html: Markup
    figures: list[Figure] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # the page's data files (path -> text)


def environment(template_dirs: tuple[Path, ...] = ()) -> Environment:
    """Jinja2 environment of the site: autoescape always on, strict undefined.

    Templates are looked up in reports/templates, then in ``template_dirs`` (the folders of
    the page modules, so a page's template may sit beside its module)."""
    env = Environment(
        loader=FileSystemLoader([TEMPLATE_DIR, *dict.fromkeys(template_dirs)]),
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


def uses(env: Environment, template: str, name: str) -> bool:
    """True when ``template`` (or a template it includes, imports or extends) reads ``name``."""
    seen: set[str] = set()
    todo = [template]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        source = env.loader.get_source(env, current)[0] if env.loader else ""
        tree = env.parse(source)
        if name in meta.find_undeclared_variables(tree):
            return True
        todo += [t for t in meta.find_referenced_templates(tree) if t is not None]
    return False


def needs_tiles(env: Environment, page: Page) -> bool:
    """True for a page that shows the tiles of every page (the summary page): it is rendered
    once every page's tiles are known, the others as soon as their own are."""
    return uses(env, page.template_name, "tiles")


def pages_in_order(env: Environment, pages: list[Page]) -> tuple[list[Page], list[Page]]:
    """(available pages rendered as soon as their own tiles are known, those that wait for
    every page's tiles)."""
    built = [p for p in pages if p.available]
    late = [p for p in built if needs_tiles(env, p)]
    return [p for p in built if p not in late], late


def site_keys(
    heads: dict[int, Any], menyusul: list[Page], tiles: dict[int, list[Tile]] | None = None
) -> dict[int, dict]:
    """The site's context keys of each year: tahun, situs (its header), menyusul (the pages not
    built yet) and, for the pages that read them, tiles (every page's tiles of the year)."""
    out: dict[int, dict] = {y: {"tahun": y, "situs": head, "menyusul": menyusul} for y, head in heads.items()}
    if tiles is not None:
        for y in out:
            out[y]["tiles"] = tiles[y]
    return out


def page_tiles(pages: list[Page], views: dict[int, YearView]) -> dict[str, dict[int, list[Tile]]]:
    """page key -> year -> the page's tiles on the summary page."""
    return {p.key: {y: list(p.tiles(v.for_page(p))) for y, v in views.items()} for p in pages}


def tiles_by_year(
    pages: tuple[Page, ...], views: dict[int, YearView], tiles: dict[str, dict[int, list[Tile]]]
) -> dict[int, list[Tile]]:
    """Each year's tiles of every page, in page order."""
    return {y: [t for p in pages for t in tiles[p.key][y]] for y in views}


def page_blocks(
    env: Environment, pages: list[Page], views: dict[int, YearView], shared: dict[int, dict]
) -> dict[str, list[YearBlock]]:
    """page key -> its rendered years (in the order of ``views``); ``shared`` are the site's
    context keys of each year (tahun, situs, tiles, menyusul)."""
    return {p.key: [render_year(env, p, v, shared[y]) for y, v in views.items()] for p in pages}


def render_year(env: Environment, page: Page, view: YearView, shared: dict) -> YearBlock:
    """One year of a page: its template rendered with its context and the site's keys."""
    assert page.context is not None
    context = page.context(view.for_page(page))
    clash = sorted(set(context) & set(shared))
    if clash:
        raise ValueError(f"page {page.key!r} sets site context keys: {', '.join(clash)}")
    html = env.get_template(page.template_name).render(**shared, **context)
    return YearBlock(
        view.tahun, Markup(html), list(context.get("figures", [])), dict(context.get("files", {}))
    )
