"""Context of unit.html: the drill-down instansi → unit → sub-unit, rendered client-side.

The page embeds the suppressed cube (:mod:`reports.hierarchy`) as compact JSON; unit.js draws
the breadcrumb, summary, tables and charts for the chosen instansi, unit and periode. Every
number in the JSON is a shown count or a mark, so no filter can reveal a hidden cell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reports import figures, privacy
from reports.hierarchy import BASE, PER, PERIOD_LABELS, PERIODS, PREDIKAT, Cube

if TYPE_CHECKING:
    from reports.site import DashboardData

PREDIKAT_SHORT: dict[str, str] = {
    "Sangat Baik": "SB",
    "Baik": "B",
    "Butuh Perbaikan": "BP",
    "Kurang/Misconduct": "K/M",
    "Sangat Kurang": "SK",
}
MAX_BARS = 40  # bars per chart; larger levels show the units with most employees


def payload(cube: Cube, has_evidence: bool) -> dict:
    """The page's JSON: layout of a row vector, periods, predikat, and the tree per instansi."""
    instansi = []
    for inst in cube.instansi:
        index = {u: i for i, u in enumerate(inst["units"])}
        units = []
        for u in inst["units"]:
            n = cube.nodes[u]
            units.append(
                [
                    u,
                    n.nama,
                    index[n.parent] if n.parent is not None else -1,
                    min(n.depth, 12),
                    cube.subtree[u],
                    cube.direct.get(u),
                ]
            )
        instansi.append(
            {"id": inst["id"], "nama": inst["nama"], "row": inst["row"], "units": units}
        )
    return {
        "dasar": list(BASE),
        "per": list(PER),
        "periode": [[p, PERIOD_LABELS[p]] for p in PERIODS],
        "predikat": [[p, PREDIKAT_SHORT[p], figures.PREDIKAT_COLORS[p]] for p in PREDIKAT],
        "bukti": has_evidence,
        "maksBatang": MAX_BARS,
        "instansi": instansi,
    }


def context(data: DashboardData, cube: Cube, has_evidence: bool) -> dict:
    """Everything unit.html.j2 needs."""
    return {
        "json": figures.script_json(payload(cube, has_evidence)),
        "periode": [(p, PERIOD_LABELS[p]) for p in PERIODS],
        "instansi": cube.instansi,
        "predikat": [
            {"nama": p, "singkat": PREDIKAT_SHORT[p], "warna": figures.PREDIKAT_COLORS[p]}
            for p in PREDIKAT
        ],
        "ada_bukti": has_evidence,
        "maks_batang": MAX_BARS,
        "figures": [],
        "threshold": privacy.THRESHOLD,
        "mark_small": privacy.MARK_SMALL,
        "mark_complement": privacy.MARK_COMPLEMENT,
    }
