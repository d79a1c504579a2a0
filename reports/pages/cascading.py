"""cascading.html: "Keselarasan kinerja" — how well Utama RHK intervene their leaders' RHK,
per unit (ranked, worst first, with a threshold) and per instansi and jenis jabatan; one unit's
cascade in an explorer (reports.kaskade, frame ``kaskade_rhk``: per-unit data files); the
shares of the three forms of an SKP written as a formality (reports.formalitas, frames
``formalitas_unit`` and ``formalitas_skp``); whether leaders' and subordinates' achievements
move together (reports.keterkaitan, frame ``capaian_rhk``).

Every measure is a ratio of the additive counts of ``mart.keselarasan`` (docs/keselarasan.md),
summed per unit (frame ``keselarasan_unit``) or per instansi and jenis jabatan
(``keselarasan_jabatan``), so a group's share is never an average of percentages. Finding
counts per unit come from ``temuan_kaskade_unit`` (unit = the RHK owner's unit). Privacy as on
kualitas.html (reports.mutu): people counts from the suppressed cube; a unit of 1–4 employees
shows no share or count of its own and is listed last in a fixed order; no names or NIP.
"""

from __future__ import annotations

import polars as pl

from reports import figures, formalitas, kaskade, keterkaitan, mutu, privacy
from reports.fmt import angka
from reports.hierarchy import Cube, col
from reports.types import CUBE_FRAMES, Page, Tile, YearView
from transforms.quality import comovement, formality

AMBANG = 0.9  # a unit "perlu perhatian" when its share of Utama RHK validly linked is below this
AMBANG_TEKS = privacy.format_percent(100 * AMBANG)
HIDDEN = mutu.HIDDEN
ATURAN = ("CASCADE_BROKEN", "CASCADE_MISSING", "RHK_NOT_CASCADED")
COUNTS = (
    "rhk_utama_wajib", "rhk_utama_terhubung", "sampai_puncak", "kedalaman_total", "langsung",
    "tidak_langsung", "rhk_pimpinan", "rhk_pimpinan_diintervensi",
)  # fmt: skip
TANPA_JABATAN = "(jenis jabatan tidak tercatat)"
PAGE_SIZE = 25


def _int(v: object) -> int:
    return int(v or 0)  # type: ignore[call-overload]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def ukuran(r: dict) -> dict[str, float | None]:
    """The derived measures of one row of counts (shares in [0, 1]; None = no base):
    terhubung, puncak, kedalaman (average chain length), langsung (mix), diturunkan."""
    c = {k: _int(r.get(k)) for k in COUNTS}
    return {
        "terhubung": _ratio(c["rhk_utama_terhubung"], c["rhk_utama_wajib"]),
        "puncak": _ratio(c["sampai_puncak"], c["rhk_utama_wajib"]),
        "kedalaman": _ratio(c["kedalaman_total"], c["sampai_puncak"]),
        "langsung": _ratio(c["langsung"], c["langsung"] + c["tidak_langsung"]),
        "diturunkan": _ratio(c["rhk_pimpinan_diintervensi"], c["rhk_pimpinan"]),
    }


def perlu_perhatian(share: float | None) -> bool:
    """True when a share of Utama RHK validly linked exists and is below :data:`AMBANG`."""
    return share is not None and share < AMBANG


def _depth(v: float | None) -> float | None:
    return None if v is None else round(v, 2)


def _measures(r: dict) -> list:
    m = ukuran(r)
    return [
        _int(r["rhk_utama_wajib"]),
        mutu.percent(m["terhubung"]),
        mutu.percent(m["puncak"]),
        _depth(m["kedalaman"]),
        mutu.percent(m["langsung"]),
        mutu.percent(m["diturunkan"]),
    ]


def temuan_per_unit(frame: pl.DataFrame) -> dict[str, list[int]]:
    """unor_id → the counts of :data:`ATURAN` (in that order)."""
    out: dict[str, list[int]] = {}
    for r in frame.iter_rows(named=True):
        if r["rule"] in ATURAN:
            out.setdefault(r["unor_id"], [0] * len(ATURAN))[ATURAN.index(r["rule"])] += _int(
                r["jumlah"]
            )
    return out


def _unit_row(r: dict, cube: Cube, temuan: dict[str, list[int]]) -> tuple[bool, list]:
    """(hidden, row after the unit index): pegawai, RHK Utama wajib, % terhubung, % sampai
    puncak, rata-rata kedalaman, % langsung, % diturunkan, 3 finding counts, perhatian (0/1).
    A unit of 1–4 employees (or not in the cube) keeps only its cube pegawai mark."""
    own = cube.own(r["unor_id"]) if r["unor_id"] in cube.subtree else None
    pegawai = own[col("pegawai")] if own else HIDDEN
    width = 6 + len(ATURAN)
    if own is None or privacy.is_small(r["jumlah_pegawai"], cube.threshold):
        return True, [pegawai, *([HIDDEN] * width), 0]
    found = temuan.get(r["unor_id"], [0] * len(ATURAN))
    flag = int(perlu_perhatian(ukuran(r)["terhubung"]))
    return False, [pegawai, *_measures(r), *found, flag]


def peringkat(unit: pl.DataFrame, temuan: pl.DataFrame, cube: Cube) -> dict:
    """The JSON of cascading.js: instansi, units, ranked rows (worst share first, no base and
    hidden units last), the threshold. ``baris`` rows: [unit index, *(:func:`_unit_row`)]."""
    names = {
        r["instansi_id"]: str(r["instansi_nama"] or r["instansi_id"])
        for r in unit.iter_rows(named=True)
    }
    instansi = sorted(names, key=lambda i: (names[i], str(i)))
    index = mutu.UnitList({i: n for n, i in enumerate(instansi)})
    per_unit = temuan_per_unit(temuan)
    shown, hidden = [], []
    for r in unit.iter_rows(named=True):
        found = per_unit.get(r["unor_id"])
        if not r["jumlah_pegawai"] and not any(_int(r[c]) for c in COUNTS) and not found:
            continue  # a unit with nothing to show
        is_hidden, row = _unit_row(r, cube, per_unit)
        share = ukuran(r)["terhubung"]
        key = (share is None, share or 0.0, -_int(r["jumlah_pegawai"]), names[r["instansi_id"]],
               str(r["unor_nama"] or ""), str(r["unor_id"]))  # fmt: skip
        (hidden if is_hidden else shown).append((key, [index(r), *row]))
    shown.sort(key=lambda x: x[0])
    rows = [x[1] for x in shown]
    rows += sorted(
        (x[1] for x in hidden),
        key=lambda x: (index.rows[x[0]][0], index.rows[x[0]][2], index.rows[x[0]][1]),
    )
    return {
        "instansi": [[i, names[i]] for i in instansi],
        "aturan": list(ATURAN),
        "unit": index.rows,
        "baris": rows,
        "ambang": round(100 * AMBANG, 1),
    }


def jabatan_rows(frame: pl.DataFrame, threshold: int = privacy.THRESHOLD) -> list[dict]:
    """Per instansi and jenis jabatan: RHK Utama wajib and the shares; a jenis jabatan of 1–4
    employees in its instansi shows none ("x") and comes last within its instansi."""
    rows = []
    for r in frame.iter_rows(named=True):
        small = privacy.is_small(_int(r["jumlah_pegawai"]), threshold)
        wajib, terhubung, puncak, kedalaman, langsung, diturunkan = _measures(r)
        rows.append({
            "instansi": str(r["instansi_nama"] or r["instansi_id"]),
            "jenis_jabatan": str(r["jenis_jabatan"] or TANPA_JABATAN),
            "tersembunyi": small,
            "wajib": HIDDEN if small else wajib,
            "terhubung": HIDDEN if small else terhubung,
            "puncak": HIDDEN if small else puncak,
            "kedalaman": HIDDEN if small else kedalaman,
            "langsung": HIDDEN if small else langsung,
            "diturunkan": HIDDEN if small else diturunkan,
            "perhatian": not small and perlu_perhatian(ukuran(r)["terhubung"]),
        })  # fmt: skip
    rows.sort(key=lambda x: (x["instansi"], x["tersembunyi"], x["jenis_jabatan"]))
    return rows


def ringkasan(unit: pl.DataFrame, threshold: int = privacy.THRESHOLD) -> dict:
    """Year totals over every unit: counts, the share linked, and the shown units below the
    threshold (units of 1–4 employees are neither counted nor flagged)."""
    total = {c: int(unit[c].sum() or 0) if unit.height else 0 for c in COUNTS}
    shown = [r for r in unit.iter_rows(named=True) if not privacy.is_small(r["jumlah_pegawai"], threshold)]
    rated = [r for r in shown if ukuran(r)["terhubung"] is not None]
    return {
        **total,
        "bagian": ukuran(total)["terhubung"],
        "unit_dinilai": len(rated),
        "unit_perhatian": sum(perlu_perhatian(ukuran(r)["terhubung"]) for r in rated),
    }


def _pct_text(share: float | None) -> str:
    return "–" if share is None else privacy.format_percent(100 * share, 1)


def context(view: YearView) -> dict:
    """Everything cascading.html.j2 needs for one year (and the explorer's data files)."""
    unit = view.frame("keselarasan_unit")
    cube = view.cube()
    data = peringkat(unit, view.frame("temuan_kaskade_unit"), cube)
    inst_index = {row[0]: i for i, row in enumerate(data["instansi"])}
    shared = mutu.UnitList.over(inst_index, data["unit"])  # one unit list for both tables
    _, f_rows, f_total = formalitas.rows(
        unit, view.frame("formalitas_unit"), view.frame("formalitas_skp"), cube, shared
    )
    data["formalitas"] = {"baris": f_rows}
    explorer, files = kaskade.explorer(view.frame("kaskade_rhk"), cube, view.tahun, names=shared)
    capaian = keterkaitan.analisis(view.frame("capaian_rhk"), cube)
    total = ringkasan(unit)
    return {
        "keselarasan_json": figures.script_json(data),
        "kaskade_json": figures.script_json(explorer),
        "kaskade_status": kaskade.STATUS,
        "kaskade_luar": kaskade.LUAR_COLOR,
        "formalitas_total": f_total,
        "keterkaitan": capaian,
        "min_pasangan": comovement.MIN_PASANGAN,
        "files": files,
        "keselarasan_instansi": data["instansi"],
        "ringkasan_kaskade": total,
        "bagian_teks": _pct_text(total["bagian"]),
        "jabatan": jabatan_rows(view.frame("keselarasan_jabatan"), cube.threshold),
        "ambang": AMBANG_TEKS,
        "aturan": ATURAN,
        "page_size": PAGE_SIZE,
        "threshold": cube.threshold,
        "formalitas_ambang": (formality.MIN_SAMA, round(100 * formality.MIN_BAGIAN)),
        "figures": [capaian["figure"]] if capaian["figure"] else [],
    }


def tiles(view: YearView) -> list[Tile]:
    """The share of Utama RHK validly linked and the units below the threshold."""
    total = ringkasan(view.frame("keselarasan_unit"), view.ambang)
    href = "cascading.html#peringkat"
    if not total["rhk_utama_wajib"]:
        sub = "tidak ada RHK Utama yang wajib mengintervensi RHK pimpinan"
        return [
            Tile("cascading", "RHK Utama terhubung (cascading)", "–", sub, href, "tidak-ada-data"),
            Tile("cascading-perhatian", "Unit perlu perhatian (cascading)", "–", sub, href, "tidak-ada-data"),
        ]  # fmt: skip
    n = total["unit_perhatian"]
    return [
        Tile(
            "cascading",
            "RHK Utama terhubung (cascading)",
            _pct_text(total["bagian"]),
            f"{angka(total['rhk_utama_terhubung'])} dari {angka(total['rhk_utama_wajib'])} RHK Utama"
            " mengintervensi RHK pimpinan secara sah",
            href,
            alert=perlu_perhatian(total["bagian"]),
        ),
        Tile(
            "cascading-perhatian",
            "Unit perlu perhatian (cascading)",
            angka(n),
            f"dari {angka(total['unit_dinilai'])} unit: RHK Utama terhubung di bawah {AMBANG_TEKS}",
            href,
            alert=n > 0,
        ),
    ]


PAGE = Page(
    key="cascading",
    label="Keselarasan kinerja",
    order=60,
    bobot=4.0,  # about its seconds to build at 60,000 ASN (the lightest pages: under 1)
    frames=(
        "keselarasan_unit", "keselarasan_jabatan", "temuan_kaskade_unit", "kaskade_rhk",
        "formalitas_unit", "formalitas_skp", "capaian_rhk", *CUBE_FRAMES,
    ),  # fmt: skip
    context=context,
    tiles=tiles,
    scripts=("cascading.js",),
    plotly=True,  # the cascade explorer draws with Plotly without a server-built figure
    plotly_traces="full",  # its treemap is not in the cartesian bundle
    uraian="RHK pegawai yang mengintervensi RHK pimpinan",
)
