"""index.html (Ringkasan): the tiles of every page, attention list, instansi overview.

The tiles are not built here: every page declares its own (:attr:`reports.types.Page.tiles`)
and the site builder hands them to this template as ``tiles``, with the analyses not built
yet as ``menyusul``.
"""

from __future__ import annotations

import polars as pl

from reports import figures, privacy
from reports.fmt import Cell, angka, assessed_text, dinilai, ratio, ratio_bounds, ratio_text, shown
from reports.hierarchy import PERIOD_LABELS, PERIODS, Cube, col
from reports.links import unit_href
from reports.types import CUBE_FRAMES, Figure, Page, YearView

ATTENTION_UNITS = 3  # units listed per attention item


def _own_units(cube: Cube) -> list[tuple[dict, str, list[Cell]]]:
    """(instansi, unor_id, own row) for every unit (its directly placed employees)."""
    return [(inst, u, cube.own(u)) for inst in cube.instansi for u in inst["units"]]


def _lowest(
    cube: Cube, num: str, rest: str, total: str, periode: str | None
) -> list[tuple[float, str, dict, str]]:
    """The units with the lowest share (a published range counts by its upper end)."""
    out = []
    for inst, u, row in _own_units(cube):
        cells = (row[col(num, periode)], row[col(rest, periode)], row[col(total, periode)])
        bounds = ratio_bounds(*cells)
        if bounds is not None and bounds[1] < 100.0:
            out.append((bounds[1], ratio_text(*cells), inst, u))
    out.sort(key=lambda x: (x[0], cube.nodes[x[3]].nama))
    return out[:ATTENTION_UNITS]


def _attention(view: YearView) -> list[dict]:
    """Ordered list of what a leader should look at first (only shown values are used)."""
    cube, has_evidence = view.cube(), view.ada_bukti()
    items: list[dict] = []
    rekon = view.frame("rekonsiliasi")
    if rekon.height:
        off = rekon.filter(pl.col("dibaca") != pl.col("diterima") + pl.col("dikarantina"))
        if off.height:
            items.append(
                {
                    "tingkat": "kritis",
                    "teks": f"Rekonsiliasi tidak seimbang pada {off.height} tabel: ada baris yang "
                    "tidak diterima dan tidak dikarantina.",
                    "href": "kualitas.html#rekonsiliasi",
                    "tautan": "Lihat rekonsiliasi",
                }
            )
    temuan = view.frame("temuan_per_aturan").filter(pl.col("keparahan") == "kritis")
    if temuan.height:
        top = temuan.sort("jumlah", descending=True).head(3)
        rules = ", ".join(f"{r} ({angka(n)})" for r, n in top.select("rule", "jumlah").iter_rows())
        items.append(
            {
                "tingkat": "kritis",
                "teks": f"{angka(int(temuan['jumlah'].sum()))} temuan kritis, terbanyak: {rules}.",
                "href": "kualitas.html#temuan",
                "tautan": "Lihat temuan",
            }
        )
    g = cube.total
    if shown(g[col("skp_belum")], g[col("skp")]) and g[col("skp_belum")]:
        items.append(
            {
                "tingkat": "peringatan",
                "teks": f"{angka(g[col('skp_belum')])} SKP "  # type: ignore[arg-type]
                f"({ratio_text(g[col('skp_belum')], g[col('disetujui')], g[col('skp')])}) "
                "belum berstatus Disetujui.",
                "href": "unit.html",
                "tautan": "Lihat per unit",
            }
        )
    for _, text, inst, u in _lowest(cube, "disetujui", "skp_belum", "skp", None):
        items.append(_unit_item(cube, inst, u, f"SKP disetujui hanya {text}"))
    if has_evidence:
        for _, text, inst, u in _lowest(cube, "bukti", "tanpa", "lapor", "tahunan"):
            items.append(_unit_item(cube, inst, u, f"cakupan bukti dukung {text} (tahunan)"))
    else:
        items.append(
            {
                "tingkat": "info",
                "teks": "Tidak ada data bukti dukung dalam bundel: cakupan bukti tidak dapat "
                "dihitung.",
                "href": "kualitas.html#rekonsiliasi",
                "tautan": "Lihat kualitas data",
            }
        )
    order = {"kritis": 0, "peringatan": 1, "info": 2}
    items.sort(key=lambda x: order[x["tingkat"]])
    return items


def _unit_item(cube: Cube, inst: dict, u: str, what: str) -> dict:
    return {
        "tingkat": "peringatan",
        "teks": what,
        "unit": cube.nodes[u].nama,
        "instansi": inst["nama"] if len(cube.instansi) > 1 else None,
        "href": unit_href(inst["id"], u),
        "tautan": "Buka unit",
    }


def _instansi_rows(cube: Cube) -> list[dict]:
    t = "tahunan"
    rows = []
    for inst in cube.instansi:
        r = inst["row"]
        done = dinilai(r[col("pegawai")], r[col("belum", t)])
        rows.append(
            {
                "id": inst["id"],
                "nama": inst["nama"],
                "href": unit_href(inst["id"]),
                "unit": len(inst["units"]),
                "pegawai": r[col("pegawai")],
                "skp": r[col("skp")],
                "disetujui": (
                    ratio_text(r[col("disetujui")], r[col("skp_belum")], r[col("skp")]),
                    ratio(r[col("disetujui")], r[col("skp_belum")], r[col("skp")]),
                ),
                "cakupan": (
                    ratio_text(r[col("bukti", t)], r[col("tanpa", t)], r[col("lapor", t)]),
                    ratio(r[col("bukti", t)], r[col("tanpa", t)], r[col("lapor", t)]),
                ),
                "dinilai": done
                if isinstance(done, int)
                else assessed_text(r[col("pegawai")], r[col("belum", t)], done),
            }
        )
    return rows


def overview_rows(cube: Cube) -> list[tuple[str, str, list[Cell]]]:
    """Bars of the overview chart: instansi, or the units below a lone instansi/root unit."""
    rows = [(i["id"], i["nama"], i["row"]) for i in cube.instansi]
    if len(cube.instansi) == 1:
        level = [u for u in cube.instansi[0]["units"] if cube.nodes[u].parent is None]
        for _ in range(3):
            if len(level) != 1 or not cube.nodes[level[0]].children:
                break
            level = cube.nodes[level[0]].children
        rows = [(u, cube.nodes[u].nama, cube.subtree[u]) for u in level]
    return rows


def share_rows(rows: list[tuple[str, str, list[Cell]]], periode: str) -> list[figures.ShareRow]:
    """Chart rows of the predikat chart; rows whose employee count is hidden are left out."""
    out = []
    for key, nama, r in rows:
        peg = r[col("pegawai")]
        if not isinstance(peg, int) or peg == 0:
            continue

        def num(name: str, row: list[Cell] = r) -> int | None:
            v = row[col(name, periode)]
            return v if isinstance(v, int) else None

        out.append(
            figures.ShareRow(key, nama, peg, tuple(num(f"p{i}") for i in range(5)), num("belum"))
        )
    return out


def _figures(cube: Cube, has_evidence: bool) -> list[Figure]:
    out = [
        Figure(
            "ringkasan-predikat",
            figures.figure_json(figures.predikat_share(share_rows(overview_rows(cube), "tahunan"))),
            title="Distribusi predikat tahunan",
        )
    ]
    g = cube.total
    if has_evidence:
        pers = [
            p for p in (*PERIODS[1:], "tahunan") if shown(g[col("lapor", p)], g[col("bukti", p)])
        ]
        out.append(
            Figure(
                "ringkasan-cakupan",
                figures.figure_json(
                    figures.coverage_per_periode(
                        [PERIOD_LABELS[p] for p in pers],
                        [int(g[col("lapor", p)]) for p in pers],
                        [int(g[col("bukti", p)]) for p in pers],
                    )
                ),
                title="Cakupan bukti dukung per periode",
            )
        )
    return out


def context(view: YearView) -> dict:
    """Everything ringkasan.html.j2 (index.html) needs for one year, suppressed and formatted."""
    cube, has_evidence = view.cube(), view.ada_bukti()
    rows = overview_rows(cube)
    return {
        "perhatian": _attention(view),
        "perhatian_unit": ATTENTION_UNITS,
        "instansi": _instansi_rows(cube),
        "ada_bukti": has_evidence,
        "grafik_per_unit": len(cube.instansi) == 1,
        "grafik_baris": len(rows),
        "figures": _figures(cube, has_evidence),
        "threshold": cube.threshold,
        "mark_small": cube.mark_small,
        "mark_complement": privacy.MARK_COMPLEMENT,
    }


PAGE = Page(
    key="ringkasan",
    label="Ringkasan",
    order=10,
    frames=(*CUBE_FRAMES, "rekonsiliasi", "temuan_per_aturan"),
    context=context,
    file="index.html",
)
