"""kualitas.html: reconciliation, quarantine, findings per rule and periode, SKP quality per
unit, findings per unit and rule, files and columns of one year.

Counts of export rows and findings are not counts of people and are not suppressed; no row
content (names, NIP, detail texts) is shown, only table names, reason codes, rule ids and unit
names. The per-unit parts (reports.mutu) take their people counts from the suppressed cube.
"""

from __future__ import annotations

import polars as pl

from reports import figures, mutu, privacy
from reports.fmt import MONTHS_ID, angka
from reports.hierarchy import PERIOD_LABELS
from reports.types import CUBE_FRAMES, Figure, Page, Tile, YearView
from transforms.contract import RULE_BY_ID, RULES, TABLE_BY_NAME

SEVERITY_ORDER: dict[str, int] = mutu.SEVERITY_ORDER
TOP = 5  # rules in the "top aturan" highlight
DATA_DOCS_FOLDER = "data-docs"  # Great Expectations Data Docs, written into the site by dasbor
DATA_DOCS = f"{DATA_DOCS_FOLDER}/index.html"


def _int(v: object) -> int:
    return int(v or 0)  # type: ignore[call-overload]


def rekonsiliasi_rows(frame: pl.DataFrame) -> tuple[list[dict], dict]:
    """Rows per table plus totals; ``selisih`` = dibaca − diterima − dikarantina."""
    rows = []
    total = {"dibaca": 0, "diterima": 0, "dikarantina": 0}
    for r in frame.iter_rows(named=True):
        vals = {k: _int(r[k]) for k in total}
        for k, v in vals.items():
            total[k] += v
        table = TABLE_BY_NAME.get(r["tabel"])
        rows.append(
            {
                "tabel": r["tabel"],
                "label": table.label if table else "",
                **vals,
                "selisih": vals["dibaca"] - vals["diterima"] - vals["dikarantina"],
            }
        )
    total["selisih"] = total["dibaca"] - total["diterima"] - total["dikarantina"]
    return rows, total


def karantina_rows(frame: pl.DataFrame) -> list[dict]:
    """Quarantined rows per table and reason code, largest first."""
    rows = [
        {
            "tabel": r["tabel"],
            "kode": r["kode_alasan"],
            "alasan": r.get("uraian") or "",
            "jumlah": _int(r["jumlah"]),
        }
        for r in frame.iter_rows(named=True)
    ]
    rows.sort(key=lambda x: (-x["jumlah"], str(x["tabel"]), str(x["kode"])))
    return rows


def temuan_rows(frame: pl.DataFrame, implemented: tuple[str, ...] = ()) -> list[dict]:
    """Every rule of the catalogue (with 0 when none found) plus unknown rules in the data."""
    counts = {r: _int(n) for r, n in frame.select("rule", "jumlah").iter_rows()}
    severity = dict(frame.select("rule", "keparahan").iter_rows()) if frame.height else {}
    ids = [r.id for r in RULES] + sorted(set(counts) - set(RULE_BY_ID))
    rows = []
    for rid in ids:
        rule = RULE_BY_ID.get(rid)
        rows.append(
            {
                "rule": rid,
                "keparahan": severity.get(rid) or (rule.keparahan if rule else "info"),
                "tingkat": rule.tingkat if rule else "",
                "jumlah": counts.get(rid, 0),
                "diperiksa": rid in counts or rid in implemented or rule is None,
                "uraian": rule.description if rule else "Aturan tidak dikenal dalam katalog.",
            }
        )
    rows.sort(key=lambda x: (SEVERITY_ORDER.get(x["keparahan"], 9), -x["jumlah"], x["rule"]))
    return rows


def top_rows(temuan: list[dict], n: int = TOP) -> list[dict]:
    """The ``n`` rules with most findings (ties by rule id), with their share of all findings."""
    total = sum(r["jumlah"] for r in temuan)
    found = sorted((r for r in temuan if r["jumlah"]), key=lambda r: (-r["jumlah"], r["rule"]))
    return [{**r, "persen": privacy.format_percent(100.0 * r["jumlah"] / total, 1)} for r in found[:n]]


def periode_label(periode: str) -> str:
    """"2025-TW2" → "Triwulan II 2025", "2025-03" → "Maret 2025", "2025" → "Tahunan 2025"."""
    year, _, rest = str(periode).partition("-")
    if not year.isdigit():
        return str(periode)
    if not rest:
        return f"Tahunan {year}"
    if rest.upper() in PERIOD_LABELS:
        return f"{PERIOD_LABELS[rest.upper()]} {year}"
    if rest.isdigit() and 1 <= int(rest) <= 12:
        return f"{MONTHS_ID[int(rest) - 1]} {year}"
    return str(periode)


def _periode_key(periode: str) -> tuple:
    year, _, rest = str(periode).partition("-")
    if not year.isdigit():
        return (1, 0, 0, str(periode))
    if rest.upper().startswith("TW") and rest[2:].isdigit():
        return (0, int(year), 3 * int(rest[2:]), "b")  # a quarter after its last month
    if rest.isdigit():
        return (0, int(year), int(rest), "a")
    return (0, int(year), 99 if not rest else 98, rest)


def tren(frame: pl.DataFrame) -> tuple[list[str], list[dict]]:
    """Periodes in time order and, per rule (most findings first), the count in each periode."""
    if not frame.height:
        return [], []
    periods = sorted(set(frame["periode"].to_list()), key=_periode_key)
    counts = {(p, r): _int(n) for p, r, n in frame.select("periode", "rule", "jumlah").iter_rows()}
    rules = sorted(set(frame["rule"].to_list()))
    series = [{"rule": r, "jumlah": [counts.get((p, r), 0) for p in periods]} for r in rules]
    series.sort(key=lambda s: (-sum(s["jumlah"]), s["rule"]))
    return periods, series


def berkas_rows(frame: pl.DataFrame) -> list[dict]:
    """How each table was read (per bundle), with its extra (non-contract) columns."""
    rows = []
    for r in frame.sort("tabel", "bundel", nulls_last=True).iter_rows(named=True):
        extra = [c for c in str(r.get("kolom_tambahan") or "").split(",") if c.strip()]
        rows.append({**r, "kolom_tambahan": extra})
    return rows


def diabaikan_rows(bundel: pl.DataFrame) -> list[dict]:
    """Files of the year's bundles that are no contract table: bundle name and file."""
    return [
        {"bundel": r["nama"], "berkas": str(f)}
        for r in bundel.sort("nama").iter_rows(named=True)
        for f in r["diabaikan"] or []
    ]


def _figures(karantina: list[dict], temuan: list[dict], periods: list[str], series: list[dict]) -> list[Figure]:
    out = []
    by_code: dict[str, int] = {}
    for r in karantina:
        by_code[str(r["kode"])] = by_code.get(str(r["kode"]), 0) + r["jumlah"]
    if by_code:
        codes = sorted(by_code, key=lambda c: -by_code[c])
        fig = figures.counts_bar(
            codes,
            [by_code[c] for c in codes],
            [figures.SERIES_COLORS[0]] * len(codes),
            xaxis_title="Baris dikarantina",
        )
        out.append(
            Figure("kualitas-karantina", figures.figure_json(fig), "Baris dikarantina per alasan")
        )
    found = [r for r in temuan if r["jumlah"]]
    if found:
        fig = figures.counts_bar(
            [r["rule"] for r in found],
            [r["jumlah"] for r in found],
            [figures.SEVERITY_COLORS.get(r["keparahan"], "#6fa8dc") for r in found],
            xaxis_title="Jumlah temuan",
        )
        out.append(Figure("kualitas-temuan", figures.figure_json(fig), "Temuan per aturan"))
    if series:
        labels = [periode_label(p) for p in periods]
        fig = figures.trend_bars(labels, [(s["rule"], s["jumlah"]) for s in series])
        out.append(Figure("kualitas-tren", figures.figure_json(fig), "Temuan per aturan dan periode"))
    return out


def context(view: YearView) -> dict:
    """Everything kualitas.html.j2 needs for one year."""
    rekon, rekon_total = rekonsiliasi_rows(view.frame("rekonsiliasi"))
    karantina = karantina_rows(view.frame("karantina"))
    temuan = temuan_rows(view.frame("temuan_per_aturan"), view.aturan_diterapkan)
    periods, series = tren(view.frame("temuan_per_periode"))
    checked = mutu.diperiksa(view.aturan_diterapkan, view.frame("temuan_per_aturan"))
    scored = mutu.skor_mutu(view.frame("mutu_unit"), checked)
    data = mutu.payload(scored, view.frame("temuan_per_unit"), view.cube(), checked)
    return {
        "rekonsiliasi": rekon,
        "rekonsiliasi_total": rekon_total,
        "karantina": karantina,
        "karantina_total": sum(r["jumlah"] for r in karantina),
        "temuan": temuan,
        "temuan_total": sum(r["jumlah"] for r in temuan),
        "berkas": berkas_rows(view.frame("sumber")),
        "diabaikan": diabaikan_rows(view.frame("bundel")),
        "top_aturan": top_rows(temuan),
        "tren": [{"periode": p, "label": periode_label(p)} for p in periods],
        "tren_aturan": series,
        "mutu_json": figures.script_json(data),
        "mutu_instansi": data["instansi"],
        "mutu_aturan": data["aturan"],
        "bagian": mutu.BAGIAN,
        "belum_diperiksa": [b for b in mutu.BAGIAN if b.rule not in checked],
        "data_docs": DATA_DOCS,
        "threshold": view.cube().threshold,
        "mark_small": view.cube().mark_small,
        "figures": _figures(karantina, temuan, periods, series),
    }


def tiles(view: YearView) -> list[Tile]:
    """Critical findings and quarantined rows of the year."""
    rekon = view.frame("rekonsiliasi")
    karantina = int(rekon["dikarantina"].sum() or 0) if rekon.height else 0
    temuan = view.frame("temuan_per_aturan")
    kritis = int(temuan.filter(pl.col("keparahan") == "kritis")["jumlah"].sum() or 0)
    semua = int(temuan["jumlah"].sum() or 0)
    return [
        Tile(
            "temuan-kritis",
            "Temuan kritis",
            angka(kritis),
            f"dari {angka(semua)} temuan kualitas data",
            "kualitas.html#temuan",
            alert=kritis > 0,
        ),
        Tile(
            "karantina",
            "Baris dikarantina",
            angka(karantina),
            "baris ekspor yang tidak dapat dipakai",
            "kualitas.html#karantina",
            alert=karantina > 0,
        ),
    ]


PAGE = Page(
    key="kualitas",
    label="Kualitas data",
    order=30,
    frames=(
        "rekonsiliasi", "karantina", "temuan_per_aturan", "sumber", "bundel",
        "temuan_per_periode", "mutu_unit", "temuan_per_unit", *CUBE_FRAMES,
    ),  # fmt: skip
    context=context,
    tiles=tiles,
    scripts=("kualitas.js",),
)
