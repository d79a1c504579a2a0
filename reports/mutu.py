"""SKP quality per unit for kualitas.html (docs/kualitas-skor.md): score, parts, page payload.

:func:`skor_mutu` is the score (pure Polars, from the ``mutu_unit`` frame). :func:`payload`
turns the scored units and the findings per unit and rule into the compact JSON that
kualitas.js renders: every count of people comes from the year's suppressed cube, a unit of
1–4 employees shows no share, score or count of its own (its findings are rolled up per
instansi), and hidden rows are listed last in a fixed order so their rank reveals nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import polars as pl

from reports import privacy
from reports.hierarchy import Cube, col
from transforms.contract import RULE_BY_ID

HIDDEN = privacy.MARK_COMPLEMENT  # "x": not shown (small unit, or derived from a hidden count)
SEVERITY_ORDER: dict[str, int] = {"kritis": 0, "peringatan": 1, "info": 2}


@dataclass(frozen=True)
class Bagian:
    """One part of the score: 1 − findings/denominator within the unit."""

    key: str
    label: str
    rule: str
    temuan: str  # count column of mutu_unit
    penyebut: str  # denominator column of mutu_unit


BAGIAN: tuple[Bagian, ...] = (
    Bagian("terukur", "Indikator terukur", "INDICATOR_UNMEASURABLE", "indikator_tak_terukur", "jumlah_indikator"),
    Bagian("target", "Target wajar", "TARGET_UNREALISTIC", "target_tak_wajar", "jumlah_indikator"),
    Bagian("bukti", "Bukti lengkap", "EVIDENCE_MISSING", "realisasi_tanpa_bukti", "jumlah_realisasi_terisi"),
    Bagian("utama", "SKP ber-RHK Utama", "SKP_WITHOUT_UTAMA", "skp_tanpa_utama", "jumlah_skp"),
)  # fmt: skip
COUNTS = ("jumlah_indikator", "indikator_tak_terukur", "target_tak_wajar",
          "jumlah_realisasi_terisi", "realisasi_tanpa_bukti", "jumlah_skp", "skp_tanpa_utama")  # fmt: skip


def skor_mutu(frame: pl.DataFrame, diperiksa: Collection[str] | None = None) -> pl.DataFrame:
    """``frame`` (mutu_unit rows) plus ``bagian_<key>`` per part (share in [0, 1]; null when its
    denominator is 0 or its rule is not in ``diperiksa``) and ``skor`` = 100 × mean of the
    non-null parts, 1 decimal (null when none); ranked worst first (no score last)."""
    parts = []
    for b in BAGIAN:
        share = (1 - pl.col(b.temuan).fill_null(0) / pl.col(b.penyebut)).clip(0.0, 1.0)
        checked = diperiksa is None or b.rule in diperiksa
        usable = pl.lit(checked) & (pl.col(b.penyebut).fill_null(0) > 0)
        parts.append(pl.when(usable).then(share).otherwise(None).alias(f"bagian_{b.key}"))
    out = frame.with_columns(parts)
    mean = pl.mean_horizontal([pl.col(f"bagian_{b.key}") for b in BAGIAN])
    out = out.with_columns((mean * 100).round(1).alias("skor"))
    return out.sort(
        ["skor", "jumlah_pegawai", "instansi_nama", "unor_nama", "unor_id"],
        descending=[False, True, False, False, False],
        nulls_last=True,
    )


def diperiksa(implemented: Collection[str], per_aturan: pl.DataFrame) -> frozenset[str]:
    """Rules checked this year: implemented by a producer, or with at least one finding."""
    found = per_aturan.filter(pl.col("jumlah") > 0)["rule"].to_list() if per_aturan.height else []
    return frozenset(implemented) | frozenset(found)


def percent(share: float | None) -> float | None:
    return None if share is None else round(100.0 * share, 1)


class UnitList:
    """The payload's unit list [instansi index, unor_id, nama]: rows refer to it by index."""

    def __init__(self, inst_index: dict[str, int]) -> None:
        self.inst_index = inst_index
        self.rows: list[list] = []
        self.index: dict[str, int] = {}

    @classmethod
    def over(cls, inst_index: dict[str, int], rows: list[list]) -> UnitList:
        """A list continuing ``rows`` (the same list object, so a payload holding it sees the
        units added later): two tables of a page share one unit list."""
        out = cls(inst_index)
        out.rows = rows
        out.index = {r[1]: i for i, r in enumerate(rows)}
        return out

    def __call__(self, r: dict) -> int:
        if r["unor_id"] not in self.index:
            self.index[r["unor_id"]] = len(self.rows)
            inst = self.inst_index[r["instansi_id"]]
            self.rows.append([inst, r["unor_id"], str(r["unor_nama"] or r["unor_id"])])
        return self.index[r["unor_id"]]

    def add(self, unor_id: str, instansi_id: str, nama: str) -> int:
        """The index of a unit another part of the page names; its instansi -1 when the list's
        tables do not show that instansi (only that part refers to the unit)."""
        if unor_id not in self.index:
            self.index[unor_id] = len(self.rows)
            self.rows.append([self.inst_index.get(instansi_id, -1), unor_id, str(nama or unor_id)])
        return self.index[unor_id]


def _score_row(r: dict, cube: Cube) -> tuple[bool, list]:
    """(hidden, row after the unit index): pegawai, skor, 4 parts (%), COUNTS; values are
    numbers, marks, or None (no base)."""
    own = cube.own(r["unor_id"]) if r["unor_id"] in cube.subtree else None
    pegawai = own[col("pegawai")] if own else HIDDEN
    skp = own[col("skp")] if own else HIDDEN
    if own is None or privacy.is_small(r["jumlah_pegawai"], cube.threshold):
        return True, [pegawai, *([HIDDEN] * (len(BAGIAN) + len(COUNTS) - 1)), skp, HIDDEN]
    skp_hidden = not isinstance(skp, int)
    parts = [percent(r[f"bagian_{b.key}"]) for b in BAGIAN]
    skor = r["skor"]
    if skp_hidden and r["bagian_utama"] is not None:  # the SKP part would reveal the SKP count
        parts[-1], skor = HIDDEN, HIDDEN
    counts = [int(r[c] or 0) for c in COUNTS]
    counts[-2] = skp
    if skp_hidden:
        counts[-1] = HIDDEN
    return False, [pegawai, skor, *parts, *counts]


def _unit_rule_rows(
    per_unit: pl.DataFrame, units: dict[str, dict], cube: Cube, index: UnitList, rules: dict
) -> list[list]:
    """[instansi, unit index or None, rule index, jumlah] per (unit, rule); units of 1–4
    employees (or unknown) rolled up per instansi, hidden when together under 5 employees."""
    small: dict[str, int] = {}
    for r in units.values():
        if privacy.is_small(r["jumlah_pegawai"], cube.threshold):
            small[r["instansi_id"]] = small.get(r["instansi_id"], 0) + int(r["jumlah_pegawai"])
    rolled: dict[tuple[str, str], int] = {}
    rows: list[list] = []
    for r in per_unit.iter_rows(named=True):
        if r["instansi_id"] not in index.inst_index:
            continue
        unit = units.get(r["unor_id"])
        if (
            unit is None
            or privacy.is_small(unit["jumlah_pegawai"], cube.threshold)
            or r["unor_id"] not in cube.subtree
        ):
            key = (r["instansi_id"], r["rule"])
            rolled[key] = rolled.get(key, 0) + int(r["jumlah"] or 0)
            continue
        u = index(unit)
        rows.append([index.rows[u][0], u, rules[r["rule"]], int(r["jumlah"] or 0)])
    for (inst, rule), n in rolled.items():
        shown = n if small.get(inst, 0) >= cube.threshold else HIDDEN
        rows.append([index.inst_index[inst], None, rules[rule], shown])

    def order(x: list) -> tuple:
        name = index.rows[x[1]][2] if x[1] is not None else "\uffff"
        return (-x[3] if isinstance(x[3], int) else 1, x[0], x[2], name)

    return sorted(rows, key=order)


def payload(
    scored: pl.DataFrame, per_unit: pl.DataFrame, cube: Cube, checked: Collection[str]
) -> dict:
    """The JSON of kualitas.js: instansi, rules, units, ranked scores, findings per unit and rule."""
    names = {r["instansi_id"]: str(r["instansi_nama"] or r["instansi_id"]) for r in scored.iter_rows(named=True)}
    instansi = sorted(names, key=lambda i: (names[i], str(i)))
    index = UnitList({i: n for n, i in enumerate(instansi)})
    shown, hidden = [], []
    units: dict[str, dict] = {}
    for r in scored.iter_rows(named=True):
        units[r["unor_id"]] = r
        if not r["jumlah_pegawai"] and not any(r[c] for c in COUNTS):
            continue  # a unit with nothing to score
        is_hidden, row = _score_row(r, cube)
        (hidden if is_hidden else shown).append([index(r), *row])
    hidden.sort(key=lambda x: (index.rows[x[0]][0], index.rows[x[0]][2], index.rows[x[0]][1]))
    severity = {r: k or _severity(r) for r, k in per_unit.select("rule", "keparahan").iter_rows()}
    present = sorted(severity, key=lambda r: (SEVERITY_ORDER.get(severity[r], 9), r))
    temuan = _unit_rule_rows(per_unit, units, cube, index, {r: n for n, r in enumerate(present)})
    return {
        "instansi": [[i, names[i]] for i in instansi],
        "aturan": [[r, severity[r]] for r in present],
        "bagian": [[b.key, b.label, b.rule in checked] for b in BAGIAN],
        "unit": index.rows,
        "skor": shown + hidden,
        "temuan": temuan,
    }


def _severity(rule: str) -> str:
    known = RULE_BY_ID.get(rule)
    return known.keparahan if known else "info"
