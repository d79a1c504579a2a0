"""kualitas.html: reconciliation, quarantine, findings per rule, files and columns of one year.

These are counts of export rows and findings, not of people, so they are not suppressed; no
row content (names, NIP) is shown, only table names, reason codes and rule ids.
"""

from __future__ import annotations

import polars as pl

from reports import figures
from reports.fmt import angka
from reports.types import Figure, Page, Tile, YearView
from transforms.contract import RULE_BY_ID, RULES, TABLE_BY_NAME

SEVERITY_ORDER: dict[str, int] = {"kritis": 0, "peringatan": 1, "info": 2}


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


def _figures(karantina: list[dict], temuan: list[dict]) -> list[Figure]:
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
    return out


def context(view: YearView) -> dict:
    """Everything kualitas.html.j2 needs for one year."""
    rekon, rekon_total = rekonsiliasi_rows(view.frame("rekonsiliasi"))
    karantina = karantina_rows(view.frame("karantina"))
    temuan = temuan_rows(view.frame("temuan_per_aturan"), view.aturan_diterapkan)
    return {
        "rekonsiliasi": rekon,
        "rekonsiliasi_total": rekon_total,
        "karantina": karantina,
        "karantina_total": sum(r["jumlah"] for r in karantina),
        "temuan": temuan,
        "temuan_total": sum(r["jumlah"] for r in temuan),
        "berkas": berkas_rows(view.frame("sumber")),
        "diabaikan": diabaikan_rows(view.frame("bundel")),
        "figures": _figures(karantina, temuan),
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
    frames=("rekonsiliasi", "karantina", "temuan_per_aturan", "sumber", "bundel"),
    context=context,
    tiles=tiles,
)
