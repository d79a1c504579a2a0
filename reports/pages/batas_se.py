"""batas-se.html: "Konsistensi unit" — each unit's predikat distribution against the SE
MenPANRB 3/2023 bounds for its predikat organisasi, and funnel plots (Spiegelhalter, additive
over-dispersion) of the share of Sangat Baik and of Butuh Perbaikan or worse per unit.

The statistics are the lead's (transforms.consistency.units.with_bounds / with_funnels,
transforms.consistency.funnel); this module only computes them once per filter combination
(jenis jabatan × periode, within each instansi and across all instansi) at build time, so the
browser never recomputes anything (reports/static/funnel.js only selects and draws).

Scale (a national warehouse: ~60,000 units): the page embeds only its first view (lists, the
across-instansi funnel of the first periode); everything per instansi goes into a data file
``batas-se/<tahun>/<instansi index>.js`` loaded when that instansi is chosen (also from the
address), and the funnels of the other filter combinations into ``semua-<k>.js``, so the page
does not grow with the units. Across-instansi funnels keep every flagged point (above the upper
99,8 % limit) and at most :data:`MAX_SAMPEL` of the points within the limits and as many of those
below the lower limit (systematic samples by n, :func:`thin`: with many small units, a share of
0 is below a positive lower limit, so these are not rare); limits and statistics are of every
unit, and the page says how many points it shows ("titik dalam batas ditampilkan sebagian: N
dari M"). Choosing an instansi shows all of its points. The table of units out of the SE bounds
writes its first :data:`TABEL_MAKS` rows into the page; when it has more, choosing an instansi
lists all of that instansi's rows (from its data file).

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

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from reports import figures, pergeseran, privacy, rincian
from reports.fmt import angka
from reports.types import CUBE_FRAMES, Page, Tile, YearView
from transforms.consistency import bounds, funnel, units
from transforms.gc_pause import without_gc

COUNTS = units.COUNTS  # sangat_baik, baik, butuh_perbaikan, kurang, sangat_kurang
LABELS = bounds.PREDIKAT
SEMUA = rincian.UNIT  # every jenis jabatan
DRAW_MIN = privacy.THRESHOLD  # a unit under 5 appraised is not drawn
TANPA_JABATAN = rincian.TANPA_JABATAN
MEASURES = (("sb", "sangat_baik"), ("bawah", "bawah"))
CURVE_POINTS = 40
FOLDER = "batas-se"  # data files: batas-se/<tahun>/<name>.js (reports.site write_data_files)
CALLBACK = "batasSeMuat"  # the data files call Kinerja.batasSeMuat(tahun, name, data)
MAX_SAMPEL = 500  # per across-instansi funnel: unflagged points kept within the limits,
# and below the lower limit (thin)
TABEL_MAKS = 200  # rows of the out-of-bounds table written into the page
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


LIMITS = ("b95_bawah", "b95_atas", "b998_bawah", "b998_atas")  # a point's limits of each measure
PER_ROW = ("di_atas", "di_bawah", *LIMITS)  # the columns a point reads of each measure
PER_STRATUM = ("target", "tau2", "phi", "unit_diuji")  # read from a stratum's first row


@dataclass
class _Stratum:
    """One stratum's funnel pair while :func:`_scopes` gathers it."""

    out: dict
    first: list  # PER_STRATUM of each measure, from its first row
    n_max: int = DRAW_MIN
    present: set = field(default_factory=set)  # predikat organisasi of its points
    flags: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in MEASURES])  # di_atas, di_bawah


def _scopes(frame: pl.DataFrame, within: bool, masks: dict, orgs: dict) -> dict[tuple, dict]:
    """{(jabatan, periode[, instansi_id]): the stratum's funnel pair (both measures): points,
    curves, counts}, in one pass over ``frame`` (with_funnels' strata; points in frame order).
    A point's first item is its unor_id here; :func:`_localise` turns it into an index."""
    per_row = [f"{p}_{c}" for p, _ in MEASURES for c in PER_ROW]
    per_stratum = [f"{p}_{c}" for p, _ in MEASURES for c in PER_STRATUM]
    cols = ["unor_id", "periode", "jabatan", "instansi_id", "dinilai", "sb_diuji", *per_row, *per_stratum]
    width = len(PER_ROW)
    strata: dict[tuple, _Stratum] = {}
    shown: dict[tuple, tuple[float | None, str]] = {}  # (cell, n) -> (share plotted, hover text)
    for unor, periode, jabatan, inst, n, diuji, *rest in frame.select(cols).iter_rows():
        key = (jabatan, periode, inst) if within else (jabatan, periode)
        st = strata.get(key)
        if st is None:
            st = strata[key] = _Stratum({"tidak_digambar": 0, "disembunyikan": 0, "titik": []}, rest[len(per_row):])
        if n is None or n < DRAW_MIN:
            st.out["tidak_digambar"] += n is not None and n > 0
            continue
        st.n_max = max(st.n_max, int(n))
        for m, counts in enumerate(st.flags):
            counts[0] += bool(rest[width * m])
            counts[1] += bool(rest[width * m + 1])
        cells = cells_of(masks, unor, periode, jabatan)
        if not isinstance(cells["dinilai"], int):
            st.out["disembunyikan"] += 1
            continue
        n = int(n)
        point = [unor, n]
        for m, (_, k) in enumerate(MEASURES):
            at = (cells[k], n)
            if at not in shown:
                plotted, text = shown_count(*at)
                shown[at] = (_r(plotted / n), text)
            above, under, *limits = rest[width * m:width * (m + 1)]
            point += [*shown[at], 1 if above else -1 if under else 0,  # _r inlined: ~450,000 limits
                      *(None if v is None or v != v else round(float(v), 3) for v in limits)]
        point.append(int(bool(diuji)))
        st.out["titik"].append(point)
        st.present.add(orgs.get((unor, periode)))
    for st in strata.values():
        for m, (prefix, _) in enumerate(MEASURES):
            target, tau2, phi, tested = st.first[len(PER_STRATUM) * m:len(PER_STRATUM) * (m + 1)]
            tested = int(tested or 0)
            st.out[prefix] = {
                "target": _r(target), "tau2": _r(tau2), "phi": _r(phi), "diuji": tested,
                "di_atas": st.flags[m][0], "di_bawah": st.flags[m][1],
                "alarm_palsu": round(funnel.expected_false_alarms(tested), 2),
                "kurva": _curve(st.n_max, target, tau2),
            }  # fmt: skip
        st.out["acuan"] = [[m, share, label] for m, share, names, label in REFERENCES if st.present & set(names)]
    return {key: st.out for key, st in strata.items()}


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


# The page embeds what its first view needs: the lists, and the across-instansi funnel of every
# jenis jabatan in the first periode, its unflagged points thinned (:func:`thin`).
# Everything else goes into data files under batas-se/<tahun>/ (written by reports.site) that
# funnel.js loads with a <script> element when a filter asks for them (file:// has no fetch):
# ``semua-<k>.js`` the across-instansi funnel of the k-th "jabatan|periode" key, thinned alike,
# and ``<i>.js`` everything of the i-th instansi (its units, funnels and SE detail), unthinned.

FLAGS = tuple(2 + 7 * m + 2 for m in range(len(MEASURES)))  # a point's flag of each measure


def data_script(tahun: int, name: str, data: dict) -> str:
    """Text of the data file ``batas-se/<tahun>/<name>.js``: it hands ``data`` to funnel.js."""
    call = f"Kinerja.{CALLBACK}"
    return f'window.Kinerja&&{call}&&{call}({tahun},"{name}",{figures.script_json(data)});\n'


def flagged(point: list) -> bool:
    """A point above the upper 99,8 % limit of either measure (a unit the page flags)."""
    return any(point[i] == 1 for i in FLAGS)


def below(point: list) -> bool:
    """A point not flagged, below the lower 99,8 % limit of either measure (shown, not flagged)."""
    return not flagged(point) and any(point[i] == -1 for i in FLAGS)


def _sample(points: list[list], limit: int) -> list[list]:
    """At most ``limit`` of the points: a systematic sample of them ordered by (n, unit), so
    deterministic and spread over n as they all are."""
    ordered = sorted(points, key=lambda p: (p[1], p[0]))
    total = len(ordered)
    if total <= limit:
        return ordered
    return [ordered[(2 * i + 1) * total // (2 * limit)] for i in range(limit)]


def thin(points: list[list], limit: int = MAX_SAMPEL) -> tuple[list[list], dict[str, list[int]]]:
    """(points kept, {"dalam" | "di_bawah": [shown, of all]}): every flagged point, and at most
    ``limit`` (:func:`_sample`) of those within the limits and of those below the lower limit."""
    low = [p for p in points if below(p)]
    inside = [p for p in points if not flagged(p) and not below(p)]
    kept_low, kept_inside = _sample(low, limit), _sample(inside, limit)
    counts = {"dalam": [len(kept_inside), len(inside)], "di_bawah": [len(kept_low), len(low)]}
    return [p for p in points if flagged(p)] + kept_low + kept_inside, counts


def _localise(points: list[list], index: dict[str, int]) -> list[list]:
    """The points with their unor_id replaced by its index in a unit list, in that order."""
    return sorted(([index[p[0]], *p[1:]] for p in points), key=lambda p: p[0])


def _chunk(scope: dict, unit_list: list[list], order: dict[str, int], limit: int) -> dict:
    """An across-instansi funnel as the page gets it: thinned points (:func:`thin`), the list of
    their units ([instansi index, unor_id, nama]), ``titik_total`` points drawn and ``sampel``
    {"dalam" | "di_bawah": [shown, of all]}."""
    kept, counts = thin(scope["titik"], limit)
    ids = sorted({p[0] for p in kept}, key=order.__getitem__)
    return {**scope, "titik": _localise(kept, {u: n for n, u in enumerate(ids)}),
            "unit": [unit_list[order[u]] for u in ids], "titik_total": len(scope["titik"]),
            "sampel": counts}  # fmt: skip


def _lists(frame: pl.DataFrame) -> tuple[list[list], list[list]]:
    """([[instansi_id, nama]] by name, [[instansi index, unor_id, nama]] by unit name)."""
    pairs = frame.select("instansi_id", "instansi_nama").unique(maintain_order=True).iter_rows()
    names = {i: str(n) for i, n in pairs}
    instansi = sorted(names, key=lambda i: (names[i], str(i)))
    index = {i: n for n, i in enumerate(instansi)}
    # unor_id is unique within a bundle only: two instansi of the warehouse may share one
    rows = (frame.select("instansi_id", "unor_id", "unor_nama").unique(["instansi_id", "unor_id"])
            .sort("unor_nama", "unor_id", "instansi_id"))  # fmt: skip
    return [[i, names[i]] for i in instansi], [[index[i], u, str(n)] for i, u, n in rows.iter_rows()]


def _funnels(comb: pl.DataFrame, masks: dict, orgs: dict, index: dict) -> tuple[dict, dict]:
    """({key: across-instansi funnel}, {(key, instansi index): funnel within the instansi});
    key "jabatan|periode"."""
    across = units.with_funnels(comb, strata=("periode", "jabatan"))
    within = units.with_funnels(comb, strata=("instansi_id", "periode", "jabatan"))
    every = {f"{j}|{p}": scope for (j, p), scope in _scopes(across, False, masks, orgs).items()}
    own = {(f"{j}|{p}", index[i]): scope for (j, p, i), scope in _scopes(within, True, masks, orgs).items()}
    return dict(sorted(every.items())), own


def _rinci(r: dict, masks: dict) -> dict:
    """One unit's SE detail in one periode, as published (drill-down and table)."""
    cells = cells_of(masks, r["unor_id"], r["periode"])
    said = kalimat(r, cells)
    return {
        "n": cells["dinilai"], "jumlah": [cells[c] for c in COUNTS],
        "organisasi": r["predikat_organisasi"], "sumber": _source_text(r),
        "izin": allowed(r["predikat_organisasi"], cells["dinilai"]), "dinilai": bool(r["dinilai_batas"]),
        "keras": r["melanggar_keras"], "lunak": r["melanggar_lunak"],
        "kalimat": said[0], "pindah": said[1],
    }  # fmt: skip


def _instansi_data(members: list[list], funnels: dict, rinci: dict) -> dict:
    """One instansi's data file: ``unit`` (its units), ``funnel`` per key {``sendiri``: the
    funnel within the instansi, ``semua``: its points on the across-instansi funnel, all of
    them} and ``rinci`` per periode and unit; points and rinci index ``unit``."""
    local = {u[1]: n for n, u in enumerate(members)}
    out: dict = {}
    for key, (own, points) in sorted(funnels.items()):
        out[key] = {"sendiri": None if own is None else {**own, "titik": _localise(own["titik"], local)},
                    "semua": _localise(points, local)}  # fmt: skip
    by_periode: dict = {}
    for unor, periode, entry in rinci:
        by_periode.setdefault(periode, {})[str(local[unor])] = entry
    return {"unit": members, "funnel": out, "rinci": dict(sorted(by_periode.items()))}


def _instansi_files(tahun: int, unit_list: list[list], every: dict, own: dict, rinci: list) -> dict[str, str]:
    """The data file of every instansi (:func:`_instansi_data`) by path."""
    inst_of = {u[1]: u[0] for u in unit_list}
    members: dict[int, list[list]] = {}
    for u in unit_list:
        members.setdefault(u[0], []).append(u)
    funnels: dict[int, dict] = {i: {} for i in members}
    for (key, i), scope in own.items():
        funnels.setdefault(i, {})[key] = (scope, [])
        members.setdefault(i, [])
    for key, scope in every.items():
        for p in scope["titik"]:
            funnels[inst_of[p[0]]].setdefault(key, (None, []))[1].append(p)
    per_unit: dict[int, list] = {i: [] for i in members}
    for entry in rinci:
        per_unit[inst_of[entry[0]]].append(entry)
    return {f"{FOLDER}/{tahun}/{i}.js": data_script(tahun, str(i), _instansi_data(m, funnels[i], per_unit[i]))
            for i, m in members.items()}  # fmt: skip


def _base(tahun: int, limit: int) -> dict:
    return {"tahun": tahun, "folder": f"{FOLDER}/{tahun}/", "predikat": list(LABELS),
            "warna": [figures.PREDIKAT_COLORS[p] for p in LABELS], "batas_teks": band_texts(),
            "min_n": funnel.MIN_N, "min_gambar": DRAW_MIN, "maks_sampel": limit}  # fmt: skip


def payload(frame: pl.DataFrame, masks: dict, tahun: int, limit: int = MAX_SAMPEL) -> tuple[dict, dict[str, str]]:
    """(JSON embedded in batas-se.html, data files by path) of one year: ``instansi``,
    ``jabatan``, ``periode``, ``kombinasi`` (every "jabatan|periode" key, sorted; the k-th one's
    across-instansi funnel is the file ``semua-<k>.js``) and ``semua`` {key: that funnel
    (:func:`_chunk`)} for the first view only (every jenis jabatan, the first periode)."""
    base = _base(tahun, limit)
    if frame.is_empty():
        return {**base, "instansi": [], "jabatan": [], "periode": [], "kombinasi": [], "semua": {}}, {}
    instansi, unit_list = _lists(frame)
    order = {u[1]: n for n, u in enumerate(unit_list)}
    comb = _combined(frame)
    detail = unit_bounds(frame)
    orgs = {(r["unor_id"], r["periode"]): r["predikat_organisasi"] for r in detail.iter_rows(named=True)}
    every, own = _funnels(comb, masks, orgs, {i[0]: n for n, i in enumerate(instansi)})
    periode = sorted(comb["periode"].unique().to_list(), key=lambda p: ("-" in p, p))
    kombinasi, first = list(every), f"{SEMUA}|{periode[0]}"
    files = {f"{FOLDER}/{tahun}/semua-{k}.js": data_script(tahun, f"semua-{k}", _chunk(every[key], unit_list, order, limit))
             for k, key in enumerate(kombinasi) if key != first}  # fmt: skip
    rinci = [(r["unor_id"], r["periode"], _rinci(r, masks)) for r in detail.iter_rows(named=True)]
    files.update(_instansi_files(tahun, unit_list, every, own, rinci))
    return {**base, "instansi": instansi, "jabatan": sorted(j for j in comb["jabatan"].unique().to_list() if j != SEMUA),
            "periode": [[p, periode_label(p)] for p in periode], "kombinasi": kombinasi,
            "semua": {first: _chunk(every[first], unit_list, order, limit)}}, files  # fmt: skip


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


@without_gc  # ~100,000 small suppressions, dicts and lists beside a large heap (the cube)
def context(view: YearView) -> dict:
    """Everything batas-se.html.j2 needs for one year, and the page's data files."""
    frame = view.frame("konsistensi_unit")
    masks = unit_masks(view) if frame.height else {}
    data, files = payload(frame, masks, view.tahun, MAX_SAMPEL)
    total = ringkasan_batas(frame)
    rows = pelanggaran_rows(frame, masks) if frame.height else []
    data["tabel"] = {"tampil": min(len(rows), TABEL_MAKS), "total": len(rows)}
    return {
        "konsistensi_unit_json": figures.script_json(data),
        "ku_instansi": data["instansi"],
        "ku_jabatan": data["jabatan"],
        "ku_periode": data["periode"],
        "ku_ringkasan": total,
        "ku_bagian": _share_text(total["dalam"], total["dinilai"]),
        "ku_pelanggaran": rows[:TABEL_MAKS],
        "ku_pelanggaran_total": len(rows),
        "ku_predikat": LABELS,
        "ku_geser": pergeseran.section(view.frame("konsistensi_riwayat"), view.frame("konsistensi_periode"),
                                       view.ambang),
        "min_n": funnel.MIN_N,
        "min_gambar": DRAW_MIN,
        "maks_sampel": MAX_SAMPEL,
        "threshold": view.ambang,
        "figures": [],
        "files": files,
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
    bobot=18.0,  # about its seconds to build at 60,000 ASN (the lightest pages: under 1)
    frames=(*CUBE_FRAMES, "konsistensi_unit", "konsistensi_riwayat", "konsistensi_periode"),
    context=context,
    tiles=tiles,
    scripts=("funnel.js",),
    plotly=True,
    uraian="distribusi predikat unit terhadap batas SE MenPANRB 3/2023 dan funnel plot antarunit",
)
