"""Placeholder: careers across years (analysis not built yet)."""

from __future__ import annotations

from reports.types import Page, Tile

PAGE = Page(
    key="karier",
    label="Karier",
    order=70,
    available=False,
    uraian="riwayat predikat kinerja pegawai dari tahun ke tahun (riwayat SKP)",
    tiles=lambda view: [Tile.pending("karier", "Riwayat kinerja antartahun")],
)
