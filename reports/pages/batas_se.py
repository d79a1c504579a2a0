"""batas-se.html: "Konsistensi unit" — each unit's predikat distribution against the SE
MenPANRB 3/2023 bounds for its predikat organisasi, and funnel plots (Spiegelhalter, additive
over-dispersion) of the share of Sangat Baik and of Butuh Perbaikan or worse per unit.

The statistics are the lead's (transforms.consistency.units.with_bounds / with_funnels,
transforms.consistency.funnel); this module only computes them once per filter combination
(jenis jabatan × periode, within each instansi and across all instansi) at build time, so the
browser never recomputes anything (reports/static/funnel.js only selects and draws).

Privacy (docs/konsistensi-halaman.md): every count this page shows (per unit and periode the
predikat counts of the unit and of each of its jenis jabatan, their totals and the sums of
Butuh Perbaikan or worse) is a cell of the year's one suppressed cube (reports.hierarchy with
reports.rincian), the same system the Unit kerja page renders from: cells of 1–4 people and
their complements are hidden together, so no page, filter or combination of them reveals one.
A funnel point whose count is hidden is plotted at the midpoint of the range the page publishes
for it (1–4 → 2,5 people; "28–31") and its hover says so; units under 5 appraised are not drawn
(counted), units under 10 are drawn but not flagged (funnel.MIN_N).
"""

from __future__ import annotations

import numpy as np
import polars as pl

from reports import figures, pergeseran, privacy, rincian
from reports.fmt import angka
from reports.types import CUBE_FRAMES, Page, Tile, YearView
from transforms.consistency import bounds, funnel, units

COUNTS = units.COUNTS  # sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang
LABELS = bounds.PREDIKAT
SEMUA = rincian.UNIT  # every jenis jabatan
DRAW_MIN = privacy.THRESHOLD  # a unit under 5 appraised is not drawn
TANPA_JABATAN = rincian.TANPA_JABATAN
MEASURES = (("sb", "sangat_baik"), ("bawah", "bawah"))
CURVE_POINTS = 40
# SE 3/2023 reference lines on the funnels: (measure, share, organisations, label)
REFERENCES = (
    ("sb", 0.7, ("Istimewa",), "Batas SE: Sangat Baik paling banyak 70 % (organisasi Istimewa)"),
    ("sb", 0.1, ("Butuh Perbaikan", "Kurang"),
     "Batas SE: Sangat Baik paling banyak 10 % (organisasi Butuh Perbaikan/Kurang)"),
    ("bawah", 0.6, ("Butuh Perbaikan",),
     "Batas SE: Butuh Perbaikan paling sedikit 60 % (organisasi Butuh Perbaikan)"),
    ("bawah", 0.7, ("Kurang", "Sangat Kurang"),
     "Batas SE: Butuh Perbaikan atau lebih rendah paling sedikit 70 % (organisasi Kurang/Sangat Kurang)"),
)  # fmt: skip


def periode_label(periode: str) -> str:
    """'2025' -> 'Tahunan', '2025-TW1' -> 'TW1'."""
    p = str(periode)
    return p.split("-", 1)[1] if "-" in p else "Tahunan"


def _r(v: object, digits: int = 3) -> float | None:
    if v is None:
        return None
    f = float(v)  # type: ignore[arg-type]
    return None if np.isnan(f) else round(f, digits)


# --- suppression ------------------------------------------------------------------------------

def unit_masks(view: YearView) -> dict[tuple[str, str], dict[str, dict[str, int | str]]]:
    """(unor_id, periode) -> {SEMUA or jenis jabatan: {cell: count, or its mark / range}}: the
    cells of the year's one suppressed cube (reports.rincian), so this page shows each unit's
    counts exactly as the Unit kerja page does, and its jenis jabatan breakdown suppressed
    against them, so no page or filter reveals a hidden cell."""
    tahun = view.tahun
    cells = rincian.unit_cells(view.cube(), view.frame("konsistensi_unit"), tahun)
    return {(unor, str(tahun) if per == "tahunan" else f"{tahun}-{per}"): groups
            for (unor, per), groups in cells.items()}  # fmt: skip


def cells_of(masks: dict, unor_id: str, periode: str, jabatan: str = SEMUA) -> dict[str, int | str]:
    """One group's published cells ("x" throughout when the page holds none for it)."""
    return rincian.cells_for(masks.get((unor_id, periode), {}), jabatan)


def _range(cell: int | str, n: int) -> tuple[float, float]:
    """(lowest, highest) count a published cell stands for (a mark: 1–4; 'x': 0..n)."""
    got = privacy.parse_range(cell)
    if got is not None:
        return float(got[0]), float(got[1])
    limit = privacy.small_limit(cell)
    if limit is not None:
        return 1.0, float(limit)
    return 0.0, float(n)


def shown_count(cell: int | str, n: int) -> tuple[float, str]:
    """(count to plot, hover text) of a funnel point's k: exact when shown, else the midpoint
    of the range published for it ("1–4 orang", "28–31 orang"; "x": 0 … n)."""
    if isinstance(cell, int):
        return float(cell), f"{angka(cell)} orang ({_pct(cell / n)})"
    lo, hi = _range(cell, n)
    hi = min(hi, float(n))
    if lo < hi:
        text = f"{angka(int(lo))}–{angka(int(hi))} orang ({_pct(lo / n)}–{_pct(hi / n)})"
    else:
        text = f"{angka(int(lo))} orang ({_pct(lo / n)})"
    return (lo + hi) / 2.0, text


def _pct(share: float) -> str:
    return privacy.format_percent(100 * share, 1)


# --- funnels ----------------------------------------------------------------------------------


def _combined(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows per (instansi, unit, periode, jabatan key): each jenis jabatan, and SEMUA summed."""
    keys = ["instansi_id", "instansi_nama", "unor_id", "unor_nama", "periode"]
    per = frame.with_columns(pl.col("jenis_jabatan").fill_null(TANPA_JABATAN).alias("jabatan"))
    per = per.group_by(*keys, "jabatan").agg(*(pl.col(c).sum() for c in (*COUNTS, "dinilai")))
    every = frame.group_by(*keys).agg(*(pl.col(c).sum() for c in (*COUNTS, "dinilai")))
    every = every.with_columns(pl.lit(SEMUA).alias("jabatan"))
    return pl.concat([per, every.select(per.columns)]).sort(*keys[:1], "unor_id", "periode", "jabatan")


def _curve(n_max: int, target: float | None, tau2: float | None) -> dict | None:
    if target is None or not 0.0 < target < 1.0 or tau2 is None:
        return None
    n = np.unique(np.round(np.geomspace(DRAW_MIN, max(n_max, DRAW_MIN + 1), CURVE_POINTS), 2))
    lo95, hi95 = funnel.limits(n, target, tau2, funnel.Z95)
    lo998, hi998 = funnel.limits(n, target, tau2, funnel.Z998)
    return {"n": [float(x) for x in n], "b95": [[_r(a), _r(b)] for a, b in zip(lo95, hi95, strict=True)],
            "b998": [[_r(a), _r(b)] for a, b in zip(lo998, hi998, strict=True)]}  # fmt: skip


def _scope(rows: pl.DataFrame, masks: dict, unit_index: dict, orgs: dict) -> dict:
    """One funnel pair (both measures) over ``rows`` (one stratum): points, curves, counts."""
    drawn = rows.filter(pl.col("dinilai") >= DRAW_MIN)
    out: dict = {"tidak_digambar": rows.filter((pl.col("dinilai") > 0) & (pl.col("dinilai") < DRAW_MIN)).height,
                 "disembunyikan": 0, "titik": []}  # fmt: skip
    n_max = int(drawn["dinilai"].max() or DRAW_MIN) if drawn.height else DRAW_MIN
    for prefix, _ in MEASURES:
        first = rows.row(0, named=True) if rows.height else {}
        target, tau2 = first.get(f"{prefix}_target"), first.get(f"{prefix}_tau2")
        tested = int(first.get(f"{prefix}_unit_diuji") or 0)
        out[prefix] = {
            "target": _r(target), "tau2": _r(tau2), "phi": _r(first.get(f"{prefix}_phi")),
            "diuji": tested,
            "di_atas": int(drawn[f"{prefix}_di_atas"].sum()) if drawn.height else 0,
            "di_bawah": int(drawn[f"{prefix}_di_bawah"].sum()) if drawn.height else 0,
            "alarm_palsu": round(funnel.expected_false_alarms(tested), 2),
            "kurva": _curve(n_max, target, tau2),
        }
    present = set()
    for r in drawn.iter_rows(named=True):
        cells = cells_of(masks, r["unor_id"], r["periode"], r["jabatan"])
        if not isinstance(cells["dinilai"], int):
            out["disembunyikan"] += 1
            continue
        n = int(r["dinilai"])
        point = [unit_index[r["unor_id"]], n]
        for prefix, k in MEASURES:
            plotted, text = shown_count(cells[k], n)
            flag = 1 if r[f"{prefix}_di_atas"] else -1 if r[f"{prefix}_di_bawah"] else 0
            point += [_r(plotted / n), text, flag, _r(r[f"{prefix}_b95_bawah"]), _r(r[f"{prefix}_b95_atas"]),
                      _r(r[f"{prefix}_b998_bawah"]), _r(r[f"{prefix}_b998_atas"])]  # fmt: skip
        point.append(int(bool(r["sb_diuji"])))
        out["titik"].append(point)
        present.add(orgs.get((r["unor_id"], r["periode"])))
    out["acuan"] = [[m, share, label] for m, share, names, label in REFERENCES if present & set(names)]
    return out


# --- SE 3/2023 bounds -------------------------------------------------------------------------


def _source_text(r: dict) -> str:
    org = r["predikat_organisasi"]
    if org is None:
        return "tidak ada predikat organisasi"
    if r["jarak"] == 0:
        where = "predikat unit sendiri"
    else:
        where = f"dari unit induk {r['sumber_unor_nama'] or r['sumber_unor_id']} ({r['jarak']} tingkat di atas)"
    return where + ("; dari predikat tahunan" if r["dari_tahunan"] else "")


def band_texts() -> dict[str, list[str]]:
    """Per predikat organisasi, the texts of its SE 3/2023 bounds (payload ``batas_teks``)."""
    return {org: [b.text() + ("" if b.keras else " — batas lunak") for b in found]
            for org, found in bounds.BOUNDS.items()}  # fmt: skip


def allowed(org: str | None, n: int | str) -> list[int | None]:
    """Per bound of ``org``, the people it allows or requires in a unit of n (None: a bound
    without a share, or n not shown: the number would reveal it)."""
    if org not in bounds.BOUNDS:
        return []
    return [b.allowed(n) if isinstance(n, int) and b.jenis in ("maks", "min") and b.share else None
            for b in bounds.BOUNDS[org]]  # fmt: skip


def bands(org: str | None, n: int | str) -> list[str]:
    """The allowed band of the organisation's predikat as the page words it (funnel.js)."""
    texts = band_texts().get(org or "", [])
    return [t + ("" if a is None else f" ({angka(a)} orang dari {angka(n)})")  # type: ignore[arg-type]
            for t, a in zip(texts, allowed(org, n), strict=True)]  # fmt: skip


def unit_bounds(frame: pl.DataFrame) -> pl.DataFrame:
    """Per (unit, periode), every jenis jabatan summed: counts, organisation and the bounds."""
    keys = ["instansi_id", "instansi_nama", "unor_id", "unor_nama", "periode"]
    org = ["predikat_organisasi", "sumber_unor_id", "sumber_unor_nama", "jarak", "dari_tahunan"]
    per = frame.group_by(*keys).agg(*(pl.col(c).sum() for c in (*COUNTS, "dinilai")),
                                    *(pl.col(c).first() for c in org))
    return units.with_bounds(per).sort("instansi_nama", "unor_nama", "unor_id", "periode")


def ringkasan_batas(frame: pl.DataFrame) -> dict:
    """Annual units judged against the hard bounds (n >= 10 with a predikat organisasi)."""
    annual = frame.filter(~pl.col("periode").str.contains("-"))
    judged = unit_bounds(annual).filter(pl.col("dinilai_batas"))
    breached = int(judged["melanggar_keras"].sum()) if judged.height else 0
    return {"dinilai": judged.height, "melanggar": breached, "dalam": judged.height - breached,
            "lunak": int(judged["melanggar_lunak"].sum()) if judged.height else 0}  # fmt: skip


# --- payload ----------------------------------------------------------------------------------


def payload(frame: pl.DataFrame, masks: dict) -> dict:
    """The JSON of konsistensi-unit.js (one year): instansi, jabatan, periode, units, funnels per
    "jabatan|periode" and scope ("semua" or the instansi index), and each unit's SE detail."""
    if frame.is_empty():
        return {"instansi": [], "jabatan": [], "periode": [], "unit": [], "funnel": {}, "rinci": {}}
    names = {r["instansi_id"]: str(r["instansi_nama"]) for r in frame.iter_rows(named=True)}
    instansi = sorted(names, key=lambda i: (names[i], str(i)))
    inst_index = {i: n for n, i in enumerate(instansi)}
    unit_rows = frame.select("instansi_id", "unor_id", "unor_nama").unique("unor_id").sort("unor_nama", "unor_id")
    unit_list = [[inst_index[r["instansi_id"]], r["unor_id"], str(r["unor_nama"])] for r in unit_rows.iter_rows(named=True)]
    unit_index = {u[1]: n for n, u in enumerate(unit_list)}
    comb = _combined(frame)
    detail = unit_bounds(frame)
    orgs = {(r["unor_id"], r["periode"]): r["predikat_organisasi"] for r in detail.iter_rows(named=True)}
    jabatan = sorted(j for j in comb["jabatan"].unique().to_list() if j != SEMUA)
    periode = sorted(comb["periode"].unique().to_list(), key=lambda p: ("-" in p, p))
    out_funnel: dict = {}
    within = units.with_funnels(comb, strata=("instansi_id", "periode", "jabatan"))
    across = units.with_funnels(comb, strata=("periode", "jabatan"))
    for (jab, per), g in across.group_by("jabatan", "periode"):
        entry = out_funnel.setdefault(f"{jab}|{per}", {})
        entry["semua"] = _scope(g, masks, unit_index, orgs)
    for (jab, per, inst), g in within.group_by("jabatan", "periode", "instansi_id"):
        out_funnel[f"{jab}|{per}"][str(inst_index[inst])] = _scope(g, masks, unit_index, orgs)
    out_funnel = {k: dict(sorted(v.items())) for k, v in sorted(out_funnel.items())}  # stable output
    rinci: dict = {}
    for r in detail.iter_rows(named=True):
        cells = cells_of(masks, r["unor_id"], r["periode"])
        said = kalimat(r, cells)
        rinci.setdefault(r["periode"], {})[str(unit_index[r["unor_id"]])] = {
            "n": cells["dinilai"], "jumlah": [cells[c] for c in COUNTS],
            "organisasi": r["predikat_organisasi"], "sumber": _source_text(r),
            "izin": allowed(r["predikat_organisasi"], cells["dinilai"]), "dinilai": bool(r["dinilai_batas"]),
            "keras": r["melanggar_keras"], "lunak": r["melanggar_lunak"],
            "kalimat": said[0], "pindah": said[1],
        }  # fmt: skip
    return {
        "instansi": [[i, names[i]] for i in instansi],
        "jabatan": jabatan,
        "periode": [[p, periode_label(p)] for p in periode],
        "unit": unit_list,
        "predikat": list(LABELS),
        "warna": [figures.PREDIKAT_COLORS[p] for p in LABELS],
        "funnel": out_funnel,
        "rinci": rinci,
        "batas_teks": band_texts(),
        "min_n": funnel.MIN_N,
        "min_gambar": DRAW_MIN,
    }


HIDDEN_SENTENCE = ("di luar batas SE; jumlah per predikat yang bersangkutan disembunyikan (sel kecil), "
                   "sehingga banyaknya orang yang harus berpindah tidak ditampilkan.")


def kalimat(r: dict, cells: dict) -> tuple[str | None, int | None]:
    """(sentence, people to move) of a unit out of bounds, as published: with_bounds' sentence
    when every count it cites (n and the bounds' predikat) is shown, else a sentence without
    counts and no number to move (it would reveal the hidden count)."""
    if not r["pelanggaran"]:
        return None, None
    counts = {p: int(r[c] or 0) for p, c in units.PREDIKAT_COLUMN.items()}
    cited = {p for b in bounds.breaches(counts, r["predikat_organisasi"]) for p in b.bound.predikat}
    column = units.PREDIKAT_COLUMN
    if isinstance(cells["dinilai"], int) and all(isinstance(cells[column[p]], int) for p in cited):
        return r["pelanggaran"], r["pindah"]
    return HIDDEN_SENTENCE[0].upper() + HIDDEN_SENTENCE[1:], None


def pelanggaran_rows(frame: pl.DataFrame, masks: dict) -> list[dict]:
    """Units out of the hard SE bounds (every periode), biggest move first."""
    detail = unit_bounds(frame).filter(pl.col("melanggar_keras").fill_null(False))
    out = []
    for (unor, periode), g in detail.group_by("unor_id", "periode", maintain_order=True):
        r = g.row(0, named=True)
        cells = cells_of(masks, unor, periode)
        said = kalimat(r, cells)
        out.append({
            "instansi": str(r["instansi_nama"]), "unit": str(r["unor_nama"]), "unor_id": unor,
            "periode": periode, "periode_label": periode_label(periode),
            "organisasi": r["predikat_organisasi"], "sumber": _source_text(r),
            "n": cells["dinilai"], "jumlah": [cells[c] for c in COUNTS],
            "pindah": said[1], "kalimat": said[0] or "",
        })  # fmt: skip
    out.sort(key=lambda x: (("-" in x["periode"]), -(x["pindah"] or 0), x["instansi"], x["unit"], x["periode"]))
    return out


def _share_text(num: int, den: int) -> str:
    return "–" if not den else privacy.format_percent(100 * num / den, 1)


def context(view: YearView) -> dict:
    """Everything batas-se.html.j2 needs for one year."""
    frame = view.frame("konsistensi_unit")
    masks = unit_masks(view) if frame.height else {}
    data = payload(frame, masks)
    total = ringkasan_batas(frame)
    return {
        "konsistensi_unit_json": figures.script_json(data),
        "ku_instansi": data["instansi"],
        "ku_jabatan": data["jabatan"],
        "ku_periode": data["periode"],
        "ku_ringkasan": total,
        "ku_bagian": _share_text(total["dalam"], total["dinilai"]),
        "ku_pelanggaran": pelanggaran_rows(frame, masks) if frame.height else [],
        "ku_predikat": LABELS,
        "ku_geser": pergeseran.section(view.frame("konsistensi_riwayat"), view.frame("konsistensi_periode"),
                                       view.ambang),
        "min_n": funnel.MIN_N,
        "min_gambar": DRAW_MIN,
        "threshold": view.ambang,
        "figures": [],
    }


def tiles(view: YearView) -> list[Tile]:
    """The share of judged units within the hard SE 3/2023 bounds (annual)."""
    total = ringkasan_batas(view.frame("konsistensi_unit"))
    href = "batas-se.html#batas"
    label = "Unit dalam batas SE MenPANRB 3/2023"
    if not total["dinilai"]:
        return [Tile("batas-se", label, "–", f"tidak ada unit dengan ≥{bounds.MIN_N} pegawai dinilai "
                     "dan predikat organisasi", href, "tidak-ada-data")]  # fmt: skip
    return [Tile("batas-se", label, _share_text(total["dalam"], total["dinilai"]),
                 f"{angka(total['dalam'])} dari {angka(total['dinilai'])} unit yang dinilai (tahunan); "
                 f"{angka(total['melanggar'])} di luar batas", href, alert=total["melanggar"] > 0)]  # fmt: skip


PAGE = Page(
    key="batas-se",
    label="Konsistensi unit",
    order=40,
    frames=(*CUBE_FRAMES, "konsistensi_unit", "konsistensi_riwayat", "konsistensi_periode"),
    context=context,
    tiles=tiles,
    scripts=("funnel.js",),
    plotly=True,
    uraian="distribusi predikat unit terhadap batas SE MenPANRB 3/2023 dan funnel plot antarunit",
)
