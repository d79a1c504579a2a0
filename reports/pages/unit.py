"""unit.html: the drill-down instansi → unit → sub-unit, rendered client-side by unit.js.

The page embeds one year's suppressed cube (:mod:`reports.hierarchy`) as compact JSON; unit.js
draws the breadcrumb, summary, tables and charts for the chosen instansi, unit and periode. A
large tree (:func:`split`) keeps each instansi's units in a data script beside the page, loaded
when the instansi is shown (``<script>`` elements: fetch does not work from file://).
Every number in the JSON is a shown count, a published range ("28–31") or a mark, so no filter
can reveal a hidden cell.
"""

from __future__ import annotations

from reports import figures, privacy
from reports.fmt import assessed_text, cell_text, dinilai, ratio_text
from reports.hierarchy import BASE, PER, PERIOD_LABELS, PERIODS, PREDIKAT, Cube, col
from reports.links import unit_href
from reports.types import CUBE_FRAMES, Page, Tile, YearView

PREDIKAT_SHORT: dict[str, str] = {
    "Sangat Baik": "SB",
    "Baik": "B",
    "Butuh Perbaikan": "BP",
    "Kurang/Misconduct": "K/M",
    "Sangat Kurang": "SK",
}
MAX_BARS = 40  # bars per chart; larger levels show the units with most employees
FOLDER = "unit"  # data scripts of a large unit tree: unit/<tahun>/<instansi index>.js
CALLBACK = "unitMuat"  # what a data script calls: Kinerja.unitMuat(path, units)
SPLIT_BYTES = 1 << 20  # a payload larger than this keeps each instansi's units in a data script


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
        "tandaKecil": cube.mark_small,
        "maksBatang": MAX_BARS,
        "instansi": instansi,
    }


def split(data: dict, tahun: int, limit: int | None = None) -> tuple[str, dict[str, str]]:
    """(JSON embedded in the page, data scripts by path under site/). A payload within
    ``limit`` bytes (default SPLIT_BYTES) is embedded whole; a larger one (a province or a
    ministry: thousands of units) keeps the instansi and their rows in the page and each
    instansi's units in ``unit/<tahun>/<k>.js``, loaded when that instansi is shown."""
    text = figures.script_json(data)
    if len(text) <= (SPLIT_BYTES if limit is None else limit):
        return text, {}
    files: dict[str, str] = {}
    lean = []
    for k, inst in enumerate(data["instansi"]):
        path = f"{FOLDER}/{tahun}/{k}.js"
        arg = figures.script_json(path)
        files[path] = (
            f"window.Kinerja&&Kinerja.{CALLBACK}&&Kinerja.{CALLBACK}({arg},"
            f"{figures.script_json(inst['units'])});\n"
        )
        lean.append({**{key: v for key, v in inst.items() if key != "units"}, "berkas": path})
    return figures.script_json({**data, "instansi": lean}), files


def context(view: YearView) -> dict:
    """Everything unit.html.j2 needs for one year (and, for a large tree, its data scripts)."""
    cube = view.cube()
    has_evidence = view.ada_bukti()
    embedded, files = split(payload(cube, has_evidence), view.tahun)
    return {
        "json": embedded,
        "files": files,
        "periode": [(p, PERIOD_LABELS[p]) for p in PERIODS],
        "instansi": cube.instansi,
        "predikat": [
            {"nama": p, "singkat": PREDIKAT_SHORT[p], "warna": figures.PREDIKAT_COLORS[p]}
            for p in PREDIKAT
        ],
        "ada_bukti": has_evidence,
        "maks_batang": MAX_BARS,
        "figures": [],
        "threshold": cube.threshold,
        "mark_small": cube.mark_small,
        "mark_complement": privacy.MARK_COMPLEMENT,
    }


def tiles(view: YearView) -> list[Tile]:
    """Employees, approved SKP, evidence coverage and annual assessment of the whole year."""
    cube = view.cube()
    g = cube.total
    t = "tahunan"
    belum = g[col("belum", t)]
    out = [
        Tile(
            "pegawai",
            "Jumlah pegawai",
            cell_text(g[col("pegawai")]),
            f"di {cell_text(len(cube.nodes))} unit kerja · {cell_text(len(cube.instansi))} instansi",
            "unit.html",
        ),
        Tile(
            "skp-disetujui",
            "SKP disetujui",
            ratio_text(g[col("disetujui")], g[col("skp_belum")], g[col("skp")]),
            f"{cell_text(g[col('disetujui')])} dari {cell_text(g[col('skp')])} SKP",
            "unit.html",
        ),
    ]
    if view.ada_bukti():
        out.append(
            Tile(
                "cakupan-bukti",
                "Cakupan bukti dukung",
                ratio_text(g[col("bukti", t)], g[col("tanpa", t)], g[col("lapor", t)]),
                f"{cell_text(g[col('bukti', t)])} dari {cell_text(g[col('lapor', t)])} "
                "periode realisasi yang dilaporkan memiliki bukti",
                unit_href(cube.instansi[0]["id"]) if cube.instansi else "unit.html",
            )
        )
    else:
        out.append(
            Tile(
                "cakupan-bukti",
                "Cakupan bukti dukung",
                "–",
                "tidak ada data bukti dukung dalam bundel",
                "unit.html",
                status="tidak-ada-data",
            )
        )
    out.append(
        Tile(
            "dinilai",
            "Pegawai dinilai tahunan",
            assessed_text(g[col("pegawai")], belum, dinilai(g[col("pegawai")], belum)),
            f"belum dinilai: {cell_text(belum)} pegawai",
            "unit.html",
        )
    )
    return out


PAGE = Page(
    key="unit",
    label="Unit kerja",
    order=20,
    frames=(*CUBE_FRAMES, "rekonsiliasi"),
    context=context,
    tiles=tiles,
    scripts=("unit.js",),
    plotly=True,
)
