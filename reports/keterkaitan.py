"""Leaders' and subordinates' achievement moving together, for cascading.html: Spearman's ρ
with its 95 % interval per instansi and per unit with its sub-units (transforms.quality.
comovement; method in docs/keselarasan.md), shown from MIN_PASANGAN pairs, and a forest plot
of the instansi. A unit (with its sub-units) of 1–4 employees shows nothing. No pair, and so
no one's achievement, reaches the page: only ρ, its interval and the number of pairs.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from reports import figures, privacy
from reports.fmt import angka
from reports.hierarchy import Cube, col
from reports.types import Figure
from transforms.quality.comovement import Korelasi, pairs, per_group, spearman

SEARAH, BERLAWANAN, TIDAK_JELAS = "searah", "berlawanan", "tidak tampak"


def bacaan(k: Korelasi) -> str:
    """searah (the whole interval above 0), berlawanan (below 0), or tidak tampak."""
    if k.bawah is not None and k.bawah > 0:
        return SEARAH
    if k.atas is not None and k.atas < 0:
        return BERLAWANAN
    return TIDAK_JELAS


def _ancestors(cube: Cube) -> pl.DataFrame:
    """unor_id → every unit whose subtree holds it (itself included)."""
    rows = []
    for unor_id in cube.nodes:
        u: str | None = unor_id
        while u is not None:
            rows.append((unor_id, u))
            u = cube.nodes[u].parent
    return pl.DataFrame(rows, schema={"unor_id": pl.String, "unit": pl.String}, orient="row")


def _row(k: Korelasi, instansi: str, unit: str | None, kedalaman: int) -> dict:
    return {"instansi": instansi, "unit": unit, "kedalaman": kedalaman, "n": k.n,
            "rho": round(k.rho, 2) if k.rho is not None else None,
            "bawah": round(k.bawah, 2) if k.bawah is not None else None,
            "atas": round(k.atas, 2) if k.atas is not None else None,
            "bacaan": bacaan(k)}  # fmt: skip


def analisis(frame: pl.DataFrame, cube: Cube) -> dict:
    """``instansi`` (every instansi with pairs, its Korelasi), ``baris`` (table rows: each
    instansi, then its units with their sub-units, only those with enough pairs and not
    small), ``pasangan`` (all pairs) and ``figure`` (None without an instansi to draw)."""
    p = pairs(frame) if frame.height else pl.DataFrame()
    names = {i["id"]: i["nama"] for i in cube.instansi}
    out_inst: list[tuple[str, Korelasi]] = []
    rows: list[dict] = []
    if p.height == 0:
        return {"instansi": [], "baris": [], "pasangan": 0, "figure": None}
    by_unit = p.join(_ancestors(cube), on="unor_id").drop("unor_id").rename({"unit": "unor_id"})
    units = {r["unor_id"]: r for r in per_group(by_unit, ["unor_id"]).iter_rows(named=True)}
    for inst in cube.instansi:
        part = p.filter(pl.col("instansi_id") == inst["id"])
        if part.height == 0:
            continue
        k_inst = spearman(part["x"].to_list(), part["y"].to_list())
        out_inst.append((inst["id"], k_inst))
        if k_inst.cukup:
            rows.append(_row(k_inst, inst["nama"], None, -1))
        for unor_id in inst["units"]:
            r = units.get(unor_id)
            pegawai = cube.subtree[unor_id][col("pegawai")]
            small = privacy.is_small(pegawai, cube.threshold) if isinstance(pegawai, int) else True
            if r is None or not r["cukup"] or small:
                continue
            if cube.nodes[unor_id].parent is None and r["n"] == k_inst.n:
                continue  # the instansi's only root: the same pairs as the instansi row
            k = Korelasi(r["n"], r["rho"], r["bawah"], r["atas"])
            rows.append(_row(k, inst["nama"], cube.nodes[unor_id].nama, cube.nodes[unor_id].depth))
    shown = [(names.get(i, i), k) for i, k in out_inst if k.cukup]
    return {
        "instansi": out_inst,
        "baris": rows,
        "pasangan": p.height,
        "figure": Figure("keterkaitan-capaian", figures.figure_json(forest(shown)),
                         "Korelasi capaian pimpinan dan bawahan per instansi") if shown else None,
    }


def _num(v: float) -> str:
    return f"{v:.2f}".replace(".", ",", 1)


def forest(rows: list[tuple[str, Korelasi]]) -> go.Figure:
    """ρ per instansi with its 95 % interval as horizontal error bars, 0 marked."""
    names = [figures.esc(n) for n, _ in rows]
    rho = [k.rho for _, k in rows]
    plus = [(k.atas or 0) - (k.rho or 0) for _, k in rows]
    minus = [(k.rho or 0) - (k.bawah or 0) for _, k in rows]
    text = [f"ρ = {_num(k.rho or 0)} (95%: {_num(k.bawah or 0)} s.d. {_num(k.atas or 0)});"
            f" {angka(k.n)} pasangan" for _, k in rows]
    fig = go.Figure(
        go.Scatter(
            x=rho, y=names, mode="markers",
            marker={"color": figures.SERIES_COLORS[0], "size": 10},
            error_x={"type": "data", "symmetric": False, "array": plus, "arrayminus": minus,
                     "color": figures.SERIES_COLORS[0], "thickness": 2, "width": 6},
            customdata=text,
            hovertemplate="%{y}<br>%{customdata}<extra></extra>",
        )
    )  # fmt: skip
    fig.update_layout(
        template=go.layout.Template(),
        height=max(220, 110 + 34 * len(rows)),
        margin={"l": 10, "r": 20, "t": 10, "b": 50},
        font={"family": figures.FONT, "size": 13, "color": "#1f2933"},
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff", showlegend=False, separators=",.",
        xaxis={"title": {"text": "Korelasi peringkat Spearman ρ (95% interval)"}, "range": [-1, 1],
               "zeroline": True, "zerolinecolor": "#7b8794", "gridcolor": "#e4e7eb"},
        yaxis={"automargin": True, "autorange": "reversed", "type": "category"},
    )  # fmt: skip
    return fig

