"""Placeholder: consistency of evaluators (analysis not built yet)."""

from __future__ import annotations

from reports.types import Page, Tile

PAGE = Page(
    key="konsistensi",
    label="Konsistensi penilaian",
    order=50,
    available=False,
    uraian="penilai yang terlalu longgar, terlalu ketat, atau memberi rating tengah untuk semua",
    tiles=lambda view: [Tile.pending("penilai", "Penilai yang ditandai")],
)
