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
class InstansiVolume:
    """One bar group: employees and SKP of one instansi (None = suppressed, not plotted)."""

    instansi_id: str
    instansi_nama: str
    pegawai: int | None
    skp: int | None


def volume_per_instansi(rows: Sequence[InstansiVolume]) -> go.Figure:
    """Horizontal grouped bars: employees and SKP per instansi."""
    ids = [esc(r.instansi_id) for r in rows]
    names = [esc(r.instansi_nama) for r in rows]
    fig = go.Figure()
    for label, attr, color in (
        ("Pegawai", "pegawai", SERIES_COLORS[0]),
        ("SKP", "skp", SERIES_COLORS[1]),
    ):
        fig.add_trace(
            go.Bar(
                name=label,
                orientation="h",
                y=ids,
                x=[getattr(r, attr) for r in rows],
                customdata=names,
                marker={"color": color},
                hovertemplate=f"%{{customdata}}<br>{label}: %{{x:,}}<extra></extra>",
            )
        )
    _layout(fig, len(rows) * 1.2, barmode="group", xaxis_title="Jumlah")
    fig.update_yaxes(tickmode="array", tickvals=ids, ticktext=names)
    return fig


@dataclass(frozen=True)
class PredikatRow:
    """Annual predikat counts of one instansi; suppressed counts are None."""

    instansi_id: str
    instansi_nama: str
    counts: dict[str, int | None]  # predikat -> count (None = suppressed)
    dinilai: int  # all employees with an annual predikat (base of the percentages)


def predikat_per_instansi(rows: Sequence[PredikatRow]) -> go.Figure:
    """100% stacked horizontal bars of the annual predikat distribution per instansi.

    Suppressed cells are not plotted individually; their combined share appears as one grey
    segment so every bar still reaches 100%.
    """
    ids = [esc(r.instansi_id) for r in rows]
    names = [esc(r.instansi_nama) for r in rows]
    fig = go.Figure()

    def pct(count: int | None, base: int) -> float | None:
        return None if count is None or not base else round(100.0 * count / base, 1)

    for p in PREDIKAT:
        fig.add_trace(
            go.Bar(
                name=p,
                orientation="h",
                y=ids,
                x=[pct(r.counts.get(p), r.dinilai) for r in rows],
                customdata=[[n, r.counts.get(p)] for n, r in zip(names, rows, strict=True)],
                marker={"color": PREDIKAT_COLORS[p]},
                hovertemplate=(
                    f"%{{customdata[0]}}<br>{p}: %{{x:.1f}}% (%{{customdata[1]:,}} pegawai)"
                    "<extra></extra>"
                ),
            )
        )
    hidden = []
    for r in rows:
        if r.dinilai and any(r.counts.get(p) is None for p in PREDIKAT):
            shown = sum(c for c in r.counts.values() if c is not None)
            hidden.append(round(100.0 * (r.dinilai - shown) / r.dinilai, 1))
        else:
            hidden.append(None)
    if any(h is not None for h in hidden):
        fig.add_trace(
            go.Bar(
                name=HIDDEN_LABEL,
                orientation="h",
                y=ids,
                x=hidden,
                customdata=names,
                marker={"color": HIDDEN_COLOR},
                hovertemplate=(
                    f"%{{customdata}}<br>{HIDDEN_LABEL}: %{{x:.1f}}% (gabungan)<extra></extra>"
                ),
            )
        )
    _layout(fig, len(rows), barmode="stack", xaxis_title="Persentase pegawai dinilai (%)")
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    fig.update_yaxes(tickmode="array", tickvals=ids, ticktext=names)
    return fig
