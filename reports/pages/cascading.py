"""Placeholder: cascading of RHK from leaders to staff (analysis not built yet)."""

from __future__ import annotations

from reports.types import Page, Tile

PAGE = Page(
    key="cascading",
    label="Cascading",
    order=60,
    available=False,
    uraian="RHK pegawai yang mengintervensi RHK pimpinan",
    tiles=lambda view: [Tile.pending("cascading", "RHK yang terhubung (cascading)")],
)
