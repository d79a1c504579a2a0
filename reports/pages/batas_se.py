"""Placeholder: predikat distribution bounds of SE MenPANRB 3/2023 (analysis not built yet)."""

from __future__ import annotations

from reports.types import Page, Tile

PAGE = Page(
    key="batas-se",
    label="Batas SE 3/2023",
    order=40,
    available=False,
    uraian="batas distribusi predikat (SE MenPANRB 3/2023): bagian unit yang distribusi "
    "predikat pegawainya sesuai batas untuk predikat organisasinya",
    tiles=lambda view: [Tile.pending("batas-se", "Unit dalam batas SE MenPANRB 3/2023")],
)
