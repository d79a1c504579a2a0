"""Context of index.html (Ringkasan): headline tiles, attention list, instansi overview."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

import polars as pl

from reports import figures, privacy
from reports.fmt import Cell, angka, cell_text, ratio, ratio_text, shown
from reports.hierarchy import PERIOD_LABELS, PERIODS, Cube, col

if TYPE_CHECKING:
    from reports.site import DashboardData, Figure

MENYUSUL = "belum tersedia — analisis menyusul"
ATTENTION_UNITS = 3  # units listed per attention item


def unit_href(instansi_id: str, unor_id: str | None = None, periode: str = "tahunan") -> str:
    """Link to unit.html with the filter state in the hash."""
    parts = [f"instansi={quote(str(instansi_id), safe='')}"]
    if unor_id is not None:
        parts.append(f"unit={quote(str(unor_id), safe='')}")
    parts.append(f"periode={periode}")
    return "unit.html#" + "&".join(parts)


def _tiles(data: DashboardData, cube: Cube, has_evidence: bool) -> list[dict]:
    g = cube.total
    t = "tahunan"
    rekon = data.rekonsiliasi
    karantina = int(rekon["dikarantina"].sum() or 0) if rekon.height else 0
    temuan = data.temuan_per_aturan
    kritis = int(temuan.filter(pl.col("keparahan") == "kritis")["jumlah"].sum() or 0)
    semua = int(temuan["jumlah"].sum() or 0)
    belum = g[col("belum", t)]
    dinilai: Cell = g[col("pegawai")] - belum if shown(g[col("pegawai")], belum) else "x"  # type: ignore[operator]
    tiles = [
        {
            "name": "pegawai",
            "label": "Jumlah pegawai",
            "value": cell_text(g[col("pegawai")]),
            "sub": f"di {angka(len(cube.nodes))} unit kerja · {angka(len(cube.instansi))} instansi",
            "href": "unit.html",
        },
        {
            "name": "skp-disetujui",
            "label": "SKP disetujui",
            "value": ratio_text(g[col("disetujui")], g[col("skp_belum")], g[col("skp")]),
            "sub": f"{cell_text(g[col('disetujui')])} dari {cell_text(g[col('skp')])} SKP",
            "href": "unit.html",
        },
    ]
    if has_evidence:
        tiles.append(
            {
                "name": "cakupan-bukti",
                "label": "Cakupan bukti dukung",
                "value": ratio_text(g[col("bukti", t)], g[col("tanpa", t)], g[col("lapor", t)]),
                "sub": f"{cell_text(g[col('bukti', t)])} dari {cell_text(g[col('lapor', t)])} "
                "periode realisasi yang dilaporkan memiliki bukti",
                "href": unit_href(cube.instansi[0]["id"]) if cube.instansi else "unit.html",
            }
        )
    else:
        tiles.append(
            {
                "name": "cakupan-bukti",
                "label": "Cakupan bukti dukung",
                "value": "–",
                "sub": "tidak ada data bukti dukung dalam bundel",
                "href": "unit.html",
                "status": "tidak-ada-data",
            }
        )
    tiles += [
        {
            "name": "dinilai",
            "label": "Pegawai dinilai tahunan",
            "value": assessed_text(g[col("pegawai")], belum, dinilai),
            "sub": f"belum dinilai: {cell_text(belum)} pegawai",
            "href": "unit.html",
        },
        {
            "name": "temuan-kritis",
            "label": "Temuan kritis",
            "value": angka(kritis),
            "sub": f"dari {angka(semua)} temuan kualitas data",
            "href": "kualitas.html#temuan",
            "alert": kritis > 0,
        },
        {
            "name": "karantina",
            "label": "Baris dikarantina",
            "value": angka(karantina),
            "sub": "baris ekspor yang tidak dapat dipakai",
            "href": "kualitas.html#karantina",
            "alert": karantina > 0,
        },
    ]
    for name, label in (
        ("batas-se", "Unit dalam batas SE MenPANRB 3/2023"),
        ("penilai", "Penilai yang ditandai"),
        ("cascading", "RHK yang terhubung (cascading)"),
    ):
        tiles.append(
            {
                "name": name,
                "label": label,
                "value": "Belum tersedia",
                "sub": MENYUSUL,
                "href": "#menyusul",
                "status": "belum-tersedia",
            }
        )
    return tiles


def assessed_text(pegawai: Cell, belum: Cell, dinilai: Cell) -> str:
    """Assessed count; with "<5" not assessed, "≥ pegawai-4" (no more than "<5" reveals)."""
    if isinstance(pegawai, int) and belum == privacy.MARK_SMALL:
        return f"≥ {angka(max(pegawai - privacy.THRESHOLD + 1, 0))}"
    return cell_text(dinilai)


def _own_units(cube: Cube) -> list[tuple[dict, str, list[Cell]]]:
    """(instansi, unor_id, own row) for every unit (its directly placed employees)."""
    return [(inst, u, cube.own(u)) for inst in cube.instansi for u in inst["units"]]


def _lowest(
    cube: Cube, num: str, rest: str, total: str, periode: str | None
) -> list[tuple[float, dict, str]]:
    out = []
    for inst, u, row in _own_units(cube):
        value = ratio(row[col(num, periode)], row[col(rest, periode)], row[col(total, periode)])
        if value is not None and value < 100.0:
            out.append((value, inst, u))
    out.sort(key=lambda x: (x[0], cube.nodes[x[2]].nama))
    return out[:ATTENTION_UNITS]


def _attention(data: DashboardData, cube: Cube, has_evidence: bool) -> list[dict]:
    """Ordered list of what a leader should look at first (only shown values are used)."""
    items: list[dict] = []
    rekon = data.rekonsiliasi
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
    temuan = data.temuan_per_aturan.filter(pl.col("keparahan") == "kritis")
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
    for value, inst, u in _lowest(cube, "disetujui", "skp_belum", "skp", None):
        items.append(_unit_item(cube, inst, u, f"SKP disetujui hanya {_pct(value)}"))
    if has_evidence:
        for value, inst, u in _lowest(cube, "bukti", "tanpa", "lapor", "tahunan"):
            items.append(_unit_item(cube, inst, u, f"cakupan bukti dukung {_pct(value)} (tahunan)"))
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


def _pct(value: float) -> str:
    return privacy.format_percent(value, 1)


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
        dinilai: Cell = (
            r[col("pegawai")] - r[col("belum", t)]  # type: ignore[operator]
            if shown(r[col("pegawai")], r[col("belum", t)])
            else "x"
        )
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
                "dinilai": dinilai
                if isinstance(dinilai, int)
                else assessed_text(r[col("pegawai")], r[col("belum", t)], dinilai),
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
    from reports.site import Figure

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


def context(data: DashboardData, cube: Cube, has_evidence: bool) -> dict:
    """Everything ringkasan.html.j2 (index.html) needs, already suppressed and formatted."""
    rows = overview_rows(cube)
    return {
        "tiles": _tiles(data, cube, has_evidence),
        "perhatian": _attention(data, cube, has_evidence),
        "instansi": _instansi_rows(cube),
        "ada_bukti": has_evidence,
        "grafik_per_unit": len(cube.instansi) == 1,
        "grafik_baris": len(rows),
        "figures": _figures(cube, has_evidence),
        "threshold": privacy.THRESHOLD,
        "mark_small": privacy.MARK_SMALL,
        "mark_complement": privacy.MARK_COMPLEMENT,
    }
