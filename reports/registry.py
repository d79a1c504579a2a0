"""The page registry: every module of ``reports.pages`` that assigns ``PAGE = Page(...)``.

Adding a page is adding one module (and its template): navigation, the summary tiles, the
"analisis yang menyusul" list, the files written and the frames the pipeline reads all come
from here.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import replace
from pathlib import Path

from reports.types import NavItem, Page

PACKAGE = "reports.pages"
SITE_FRAMES = ("tahun", "bundel", "instansi")  # read by the site itself (years, header, footer)


def discover(package: str = PACKAGE) -> tuple[Page, ...]:
    """The pages declared in ``package`` (every module with a ``PAGE``), by order then key."""
    pkg = importlib.import_module(package)
    pages: list[Page] = []
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        page = getattr(module, "PAGE", None)
        if isinstance(page, Page):
            pages.append(replace(page, folder=Path(module.__file__ or "").parent))
    pages.sort(key=lambda p: (p.order, p.key))
    _check(pages)
    return tuple(pages)


def _check(pages: list[Page]) -> None:
    for what, values in (
        ("key", [p.key for p in pages]),
        ("file", [p.file_name for p in pages if p.available]),
    ):
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"pages share a {what}: {', '.join(twice)}")
    for p in pages:
        if p.available and p.context is None:
            raise ValueError(f"page {p.key!r} is available but has no context function")


def frames_needed(pages: tuple[Page, ...]) -> tuple[str, ...]:
    """Every dashboard frame the site reads: its own and those of the available pages."""
    names = dict.fromkeys(SITE_FRAMES)
    for p in pages:
        if p.available:
            names.update(dict.fromkeys(p.frames))
    return tuple(names)


def navigation(pages: tuple[Page, ...]) -> tuple[NavItem, ...]:
    """Navigation entries in page order; pages not built yet have no link."""
    return tuple(NavItem(p.key, p.label, p.file_name if p.available else None) for p in pages)
