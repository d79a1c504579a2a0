"""karier.html: "Karier dan tindak lanjut" — aggregates only, no names or NIP.

The predikat condition of kenaikan pangkat per jenis jabatan and unit, the follow-up of poor
performance (PP 30/2019 Pasal 56–57), the 9-box (kinerja × potensi, boxes labelled by both
categories), angka kredit of JF per jenjang (percentiles) and the predikat mix per year of the
predikat history. Counts of people are suppressed by reports.karier (one system per year,
tied to the cube's pegawai totals); the named rows are in the restricted output only.
"""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from reports import figures, privacy
from reports.fmt import cell_text
from reports.karier import KP, KP_LABELS, Counts, suppress_counts, suppress_history
from reports.types import CUBE_FRAMES, Figure, Page, Tile, YearView
from transforms.career.credit import number_text
from transforms.contract import ENUMS

FRAMES = ("karier", "karier_riwayat", "karier_angka_kredit", "karier_kotak", "karier_koefisien")
KINERJA = ("Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi")
POTENSI = ("Tinggi", "Menengah", "Rendah")  # grid rows, top to bottom
KP_COLORS = ("#1b7f4c", "#c0392b", "#f2c14e", "#6fa8dc")
STATS = ("p10", "p25", "p50", "p75", "p90")


def _grid(kotak: pl.DataFrame, counts: Counts) -> list[list[dict]]:
    """3×3 cells, potensi Tinggi on top, kinerja Di Bawah on the left."""
    by_pair = {(r["kinerja"], r["potensi"]): r for r in kotak.iter_rows(named=True)}
    grid = []
    for potensi in POTENSI:
        row = []
        for kinerja in KINERJA:
            r = by_pair.get((kinerja, potensi))
            k = int(r["kotak"]) if r else None
            row.append({"kotak": k, "kinerja": kinerja, "potensi": potensi,
                        "label": r["label"] if r else f"Kinerja {kinerja} × Potensi {potensi}",
                        "suksesi": bool(r and r["suksesi"]),
                        "jumlah": counts.total.get(f"kotak_{k}", "–") if k else "–"})  # fmt: skip
        grid.append(row)
    return grid


def _ak_rows(ak: pl.DataFrame, koef: pl.DataFrame, counts: Counts, threshold: int) -> list[dict]:
    stats = {r["jenjang"]: r for r in ak.iter_rows(named=True)}
    koefs = {r["jenjang"]: r for r in koef.iter_rows(named=True)}
    rows = []
    for jenjang in ENUMS["jenjang"]:
        if jenjang not in stats and jenjang not in koefs:
            continue
        s, k = stats.get(jenjang), koefs.get(jenjang, {})
        enough = s is not None and int(s["pegawai"]) >= threshold
        rows.append({
            "jenjang": jenjang,
            "koefisien": number_text(k.get("koefisien")) if k else "–",
            "kepastian": k.get("kepastian", ""),
            "pegawai": counts.jenjang.get(jenjang, 0),
            "rata_rata": number_text(s["rata_rata"]) if enough else "–",
            **{c: (number_text(s[c]) if enough else "–") for c in STATS},
            "_box": [s[c] for c in STATS] + [s["rata_rata"]] if enough else None,
        })  # fmt: skip
    return rows


def _count(v: object) -> int | None:
    return v if isinstance(v, int) else None


def _figures(counts: Counts, ak_rows: list[dict], history: list[dict]) -> list[Figure]:
    out = []
    if counts.jabatan:
        fig = go.Figure()
        names = [figures.esc(r["nama"]) for r in counts.jabatan]
        series = [(label, color, [_count(r[key]) for r in counts.jabatan])
                  for key, label, color in zip(KP, KP_LABELS, KP_COLORS, strict=True)]  # fmt: skip
        hidden = [
            max(r["pegawai"] - sum(v[i] or 0 for *_, v in series), 0)
            if isinstance(r["pegawai"], int) and any(v[i] is None for *_, v in series) else None
            for i, r in enumerate(counts.jabatan)
        ]  # fmt: skip
        if any(h is not None for h in hidden):
            series.append((figures.HIDDEN_LABEL, figures.HIDDEN_COLOR, hidden))
        for label, color, values in series:
            fig.add_trace(go.Bar(name=label, orientation="h", y=names, x=values, marker={"color": color},
                                 hovertemplate=f"%{{y}}<br>{label}: %{{x:,}} pegawai<extra></extra>"))  # fmt: skip
        _style(fig, len(names), "Pegawai")
        fig.update_layout(barmode="stack")
        out.append(
            Figure(
                "karier-kp",
                figures.figure_json(fig),
                "Syarat predikat kenaikan pangkat per jenis jabatan",
            )
        )
    boxes = [r for r in ak_rows if r["_box"]]
    if boxes:
        fig = go.Figure()
        for r in boxes:
            p10, p25, p50, p75, p90, mean = r["_box"]
            fig.add_trace(go.Box(name=figures.esc(r["jenjang"]), y=[figures.esc(r["jenjang"])], orientation="h",
                                 q1=[p25], median=[p50], q3=[p75], lowerfence=[p10], upperfence=[p90],
                                 mean=[mean], marker={"color": figures.SERIES_COLORS[0]},
                                 hoverinfo="x", showlegend=False))  # fmt: skip
        _style(fig, len(boxes), "Angka kredit setahun (persentil 10, 25, 50, 75, 90)")
        out.append(
            Figure("karier-angka-kredit", figures.figure_json(fig), "Angka kredit per jenjang")
        )
    if history:
        rows = [
            figures.ShareRow(
                str(h["tahun"]),
                str(h["tahun"]),
                int(h["dinilai"]) if isinstance(h["dinilai"], int) else 0,
                tuple(
                    _count(h[p])
                    for p in ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
                ),
                0,
            )  # fmt: skip
            for h in history
            if isinstance(h["dinilai"], int) and h["dinilai"] > 0
        ]
        if rows:
            fig = figures.predikat_share(rows)
            out.append(
                Figure("karier-riwayat", figures.figure_json(fig), "Sebaran predikat per tahun")
            )
    return out


def _style(fig: go.Figure, n: int, title: str) -> None:
    fig.update_layout(
        template=go.layout.Template(), height=max(220, 110 + 34 * n),
        margin={"l": 10, "r": 20, "t": 10, "b": 40}, font={"family": figures.FONT, "size": 13},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        xaxis={"title": {"text": title}, "gridcolor": "#e4e7eb", "separatethousands": True},
        yaxis={"automargin": True, "autorange": "reversed", "type": "category"}, separators=",.",
        paper_bgcolor="#ffffff", plot_bgcolor="#ffffff",
    )  # fmt: skip


def _counts(view: YearView) -> tuple[Counts, list[int]]:
    """The year's suppressed counts and succession boxes, computed once per year."""
    kotak = view.frame("karier_kotak")
    pool = (
        [int(k) for k in kotak.filter(pl.col("suksesi"))["kotak"].to_list()]
        if kotak.height
        else [7, 8, 9]
    )
    key = "karier_counts"
    if key not in view._shared:
        view._shared[key] = suppress_counts(view.frame("karier"), view.frame("karier_angka_kredit"), view.cube(),
                                            pool, view.ambang)  # fmt: skip
    return view._shared[key], pool


def context(view: YearView) -> dict:
    """Everything karier.html.j2 needs for one year."""
    counts, pool = _counts(view)
    ak_rows = _ak_rows(
        view.frame("karier_angka_kredit"), view.frame("karier_koefisien"), counts, view.ambang
    )
    history = suppress_history(view.frame("karier_riwayat"), view.ambang)
    return {
        "ada_data": view.frame("karier").height > 0,
        "k": counts.total,
        "kp": list(zip(KP, KP_LABELS, strict=True)),
        "jabatan": counts.jabatan,
        "unit": counts.units,
        "instansi": counts.instansi,
        "grid": _grid(view.frame("karier_kotak"), counts),
        "kotak": list(range(1, 10)),
        "suksesi": ", ".join(str(k) for k in sorted(pool)),
        "angka_kredit": ak_rows,
        "riwayat": history,
        "threshold": view.ambang,
        "mark_small": privacy.mark_small(view.ambang),
        "figures": _figures(counts, ak_rows, history),
    }


def tiles(view: YearView) -> list[Tile]:
    """Employees meeting the predikat condition of kenaikan pangkat; follow-up count."""
    if not view.frame("karier").height:
        return [Tile("karier-kp", "Memenuhi syarat predikat KP", "–", "tidak ada data karier tahun ini",
                     "karier.html", "tidak-ada-data")]  # fmt: skip
    k = _counts(view)[0].total
    tl = k["tindak_lanjut"]
    return [
        Tile("karier-kp", "Memenuhi syarat predikat KP", cell_text(k["kp_ya"]),
             f"predikat minimal Baik 2 tahun terakhir; {cell_text(k['kp_tidak'])} tidak memenuhi, "
             f"{cell_text(k['kp_tidak_diketahui'])} tidak diketahui", "karier.html#kenaikan-pangkat"),
        Tile("karier-tindak-lanjut", "Tindak lanjut kinerja", cell_text(tl),
             "predikat tahunan Butuh Perbaikan atau lebih rendah: kesempatan perbaikan 6 bulan",
             "karier.html#tindak-lanjut", alert=isinstance(tl, int) and tl > 0 or isinstance(tl, str)),
    ]  # fmt: skip


PAGE = Page(
    key="karier",
    label="Karier dan tindak lanjut",
    order=70,
    bobot=10.0,  # about its seconds to build at 60,000 ASN (the lightest pages: under 1)
    frames=(*FRAMES, *CUBE_FRAMES),
    context=context,
    tiles=tiles,
    plotly=True,
    uraian="syarat predikat kenaikan pangkat, angka kredit, tindak lanjut kinerja, dan kotak talenta",
)
