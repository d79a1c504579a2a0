"""Plotly figure builders for the dashboard (aggregates only, escaped labels).

Every string that may come from an export goes through :func:`esc` before it reaches a
figure: Plotly renders a subset of HTML in labels and hover text. Figures are serialised
with :func:`figure_json`, which is safe to place inside a ``<script>`` element.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from transforms.contract import ENUMS

PREDIKAT: tuple[str, ...] = ENUMS["predikat"]

# Fixed colour per predikat (green = best ... red = worst), reused on every page.
PREDIKAT_COLORS: dict[str, str] = {
    "Sangat Baik": "#1b7f4c",
    "Baik": "#7fc47f",
    "Butuh Perbaikan": "#f2c14e",
    "Kurang/Misconduct": "#e8833a",
    "Sangat Kurang": "#c0392b",
}
HIDDEN_LABEL = "Disembunyikan (sel kecil)"
HIDDEN_COLOR = "#c9ced6"
BELUM_LABEL = "Belum dinilai"
BELUM_COLOR = "#eef1f5"
SEVERITY_COLORS = {"kritis": "#c0392b", "peringatan": "#e8833a", "info": "#6fa8dc"}
SERIES_COLORS = ("#1f4e79", "#6fa8dc")
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


def esc(text: object) -> str:
    """Escape ``<``, ``>`` and ``&`` so Plotly shows export text literally."""
    return html.escape("" if text is None else str(text), quote=False)


def script_json(obj: object) -> str:
    """Compact JSON safe inside a ``<script>`` element (``<``, ``>``, ``&`` as ``\\uXXXX``).

    Only string contents can hold these characters in JSON, so the escapes decode back to
    the same values; a literal ``</script>`` can never appear.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=_default)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def figure_json(fig: go.Figure) -> str:
    """Figure (data + layout) as :func:`script_json`."""
    spec = fig.to_plotly_json()
    return script_json({"data": spec["data"], "layout": spec["layout"]})


def _default(obj: object) -> object:
    """JSON fallback for numpy scalars/arrays that Plotly may leave in a figure."""
    if hasattr(obj, "tolist"):
        return obj.tolist()
    raise TypeError(f"not JSON serialisable: {type(obj).__name__}")


def _layout(fig: go.Figure, n_rows: int, *, barmode: str, xaxis_title: str) -> go.Figure:
    fig.update_layout(
        template=go.layout.Template(),
        barmode=barmode,
        height=max(220, 110 + 30 * n_rows),
        margin={"l": 10, "r": 20, "t": 10, "b": 40},
        font={"family": FONT, "size": 13, "color": "#1f2933"},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        hoverlabel={"font": {"family": FONT}},
        xaxis={
            "title": {"text": xaxis_title},
            "gridcolor": "#e4e7eb",
            "zeroline": False,
            "separatethousands": True,
        },
        yaxis={"automargin": True, "autorange": "reversed", "type": "category"},
        separators=",.",
    )
    return fig


@dataclass(frozen=True)
class ShareRow:
    """One bar of a 100% chart: counts are None when suppressed."""

    key: str  # unique id (category value)
    nama: str  # label (export text, escaped here)
    pegawai: int
    predikat: tuple[int | None, ...]  # five counts, contract order
    belum: int | None


def predikat_share(rows: Sequence[ShareRow]) -> go.Figure:
    """100% stacked horizontal bars: share of employees per predikat, belum dinilai, hidden.

    The base is all employees of the row, so every bar reaches 100%: hidden cells are not
    plotted individually; their combined share is one grey segment.
    """
    ids = [esc(r.key) for r in rows]
    names = [esc(r.nama) for r in rows]

    def pct(n: int | None, base: int) -> float | None:
        return None if n is None or not base else round(100.0 * n / base, 1)

    fig = go.Figure()
    series: list[tuple[str, str, list[int | None]]] = [
        (p, PREDIKAT_COLORS[p], [r.predikat[i] for r in rows]) for i, p in enumerate(PREDIKAT)
    ]
    series.append((BELUM_LABEL, BELUM_COLOR, [r.belum for r in rows]))
    hidden = []
    for r in rows:
        known = [n for n in (*r.predikat, r.belum) if n is not None]
        missing = len(known) < len(r.predikat) + 1
        hidden.append(max(r.pegawai - sum(known), 0) if missing else None)
    if any(h is not None for h in hidden):
        series.append((HIDDEN_LABEL, HIDDEN_COLOR, hidden))
    for label, color, counts in series:
        fig.add_trace(
            go.Bar(
                name=label,
                orientation="h",
                y=ids,
                x=[pct(n, r.pegawai) for n, r in zip(counts, rows, strict=True)],
                customdata=[[nm, n] for nm, n in zip(names, counts, strict=True)],
                marker={"color": color, "line": {"color": "#ffffff", "width": 0.5}},
                hovertemplate=(
                    f"%{{customdata[0]}}<br>{esc(label)}: %{{x:.1f}}% (%{{customdata[1]:,}} pegawai)"
                    "<extra></extra>"
                ),
            )
        )
    _layout(fig, len(rows), barmode="stack", xaxis_title="Persentase pegawai (%)")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(tickmode="array", tickvals=ids, ticktext=names)
    return fig


def coverage_per_periode(
    labels: Sequence[str], dilaporkan: Sequence[int], berbukti: Sequence[int]
) -> go.Figure:
    """Vertical bars: share of reported realisasi periods with evidence, per periode."""
    pct = [
        round(100.0 * b / d, 1) if d else None for b, d in zip(berbukti, dilaporkan, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=[esc(x) for x in labels],
            y=pct,
            customdata=[[b, d] for b, d in zip(berbukti, dilaporkan, strict=True)],
            marker={"color": SERIES_COLORS[0]},
            text=[None if v is None else f"{v:.1f}%".replace(".", ",") for v in pct],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=(
                "%{x}: %{y:.1f}%<br>%{customdata[0]:,} dari %{customdata[1]:,} periode realisasi"
                "<extra></extra>"
            ),
        )
    )
    _layout(fig, 4, barmode="group", xaxis_title="")
    fig.update_layout(height=300, showlegend=False)
    fig.update_xaxes(type="category", gridcolor="#ffffff")
    fig.update_yaxes(
        autorange=False,
        range=[0, 112],
        type="linear",
        ticksuffix="%",
        gridcolor="#e4e7eb",
        title={"text": "Berbukti (%)"},
    )
    return fig


def counts_bar(
    labels: Sequence[str], values: Sequence[int], colors: Sequence[str], *, xaxis_title: str
) -> go.Figure:
    """Horizontal bars of plain counts (data quality: quarantine reasons, findings per rule)."""
    shown = [esc(x) for x in labels]
    fig = go.Figure(
        go.Bar(
            orientation="h",
            y=shown,
            x=list(values),
            marker={"color": list(colors)},
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    _layout(fig, len(labels), barmode="group", xaxis_title=xaxis_title)
    fig.update_layout(showlegend=False)
    return fig


RULE_COLORS = ("#1f4e79", "#e8833a", "#1b7f4c", "#c0392b", "#6fa8dc", "#8e5ea2", "#f2c14e", "#5d6d7e")


def trend_bars(periods: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]) -> go.Figure:
    """Grouped vertical bars: a count per periode (category axis, time order) for each series.

    Bars rather than lines: periodes of different kinds (quarters, months, the whole year)
    may sit on one axis, and a line between them would suggest a trend that is not there."""
    x = [esc(p) for p in periods]
    fig = go.Figure()
    for n, (name, values) in enumerate(series):
        fig.add_trace(
            go.Bar(
                name=esc(name),
                x=x,
                y=list(values),
                marker={"color": RULE_COLORS[n % len(RULE_COLORS)]},
                hovertemplate=f"{esc(name)}<br>%{{x}}: %{{y:,}} temuan<extra></extra>",
            )
        )
    _layout(fig, 6, barmode="group", xaxis_title="")
    fig.update_layout(height=340)
    fig.update_xaxes(type="category", gridcolor="#ffffff")
    fig.update_yaxes(
        autorange=True, type="linear", rangemode="tozero", gridcolor="#e4e7eb",
        title={"text": "Jumlah temuan"},
    )  # fmt: skip
    return fig
