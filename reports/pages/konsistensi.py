"""konsistensi.html: "Konsistensi penilai" — evaluators (penilai) ranked by their
evidence-adjusted, shrunk leniency with 95% intervals (a caterpillar plot, raw beside shrunk),
central tendency (shrunk excess of middle ratings; spread of ratings against spread of
evidence), the linkage diagnostic, and each evaluator's appraisees as counts per evidence band
and per rating category (suppressed). Statistics: mart.konsistensi_penilai
(transforms.consistency.evaluators, the lead's); this module only formats them.

Evaluators are labelled by ``penilai_kode`` + unit name + jenis jabatan, never NIP or name
(the restricted output maps the code back). Evaluators with fewer than 5 appraisees are shown
but never flagged (``layak``).
"""

from __future__ import annotations

import math

import polars as pl

from reports import figures, privacy
from reports.fmt import angka
from reports.types import Page, Tile, YearView

PITA = ("pita_bawah", "pita_sesuai", "pita_atas", "pita_tanpa_capaian")
PITA_LABEL = ("Capaian di bawah target", "Capaian sesuai target", "Capaian melampaui target",
              "Tanpa data capaian")  # fmt: skip
RATING = ("rating_atas", "rating_tengah", "rating_bawah")
RATING_LABEL = ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi")
SUMBANG = ("di_atas_bukti", "di_bawah_bukti")
SUMBANG_LABEL = ("Di Atas Ekspektasi dengan bukti lemah atau tanpa capaian",
                 "Di Bawah Ekspektasi padahal target tercapai")  # fmt: skip
MIN_LAYAK = 5
TANPA_JABATAN = "(jenis jabatan tidak tercatat)"


def _r(v: object, digits: int = 3) -> float | None:
    if v is None:
        return None
    f = float(v)  # type: ignore[arg-type]
    return None if math.isnan(f) else round(f, digits)


def counts(r: dict, threshold: int = privacy.THRESHOLD) -> dict[str, int | str]:
    """An evaluator's appraisee counts, suppressed as one system: dinilai = the evidence bands,
    dinilai = the rating categories; the two discordance counts are primary-only cells."""
    names = ("dinilai", *PITA, *RATING, *SUMBANG)
    values = [int(r[c] or 0) for c in names]
    eqs = [([names.index(c) for c in PITA], 0), ([names.index(c) for c in RATING], 0)]
    primary = [i for i, v in enumerate(values) if privacy.is_small(v, threshold)]
    status = privacy.suppress_linear(values, eqs, primary, threshold=threshold)
    known = privacy.published_bounds(values, eqs, status, threshold=threshold)
    return {c: privacy.shown_or_mark(values[i], status[i], known.get(i), threshold) for i, c in enumerate(names)}


def flags(r: dict) -> list[str]:
    """'longgar' / 'ketat' / 'tengah' for a flagged evaluator (never below MIN_LAYAK)."""
    if not r["layak"]:
        return []
    return [name for name, c in (("longgar", "lunak_ditandai"), ("ketat", "ketat_ditandai"),
                                  ("tengah", "tengah_ditandai")) if r[c]]  # fmt: skip


def payload(frame: pl.DataFrame, threshold: int = privacy.THRESHOLD) -> dict:
    """The JSON of konsistensi-penilai.js: instansi, jenis jabatan, and per evaluator
    [kode, instansi index, unit name, jenis jabatan, dinilai (or mark), layak, raw leniency,
    shrunk, low, high, central shrunk, low, high, sd_rating, sd_harapan, flags, tertaut,
    komponen_ukuran, counts (bands, ratings, discordant)], sorted by shrunk leniency."""
    names = {r["instansi_id"]: str(r["instansi_nama"]) for r in frame.iter_rows(named=True)}
    instansi = sorted(names, key=lambda i: (names[i], str(i)))
    index = {i: n for n, i in enumerate(instansi)}
    rows = []
    for r in frame.sort("lunak_susut", "penilai_kode", nulls_last=True).iter_rows(named=True):
        c = counts(r, threshold)
        rows.append([
            r["penilai_kode"], index[r["instansi_id"]], str(r["penilai_unor_nama"] or ""),
            str(r["penilai_jenis_jabatan"] or TANPA_JABATAN), c["dinilai"], bool(r["layak"]),
            _r(r["lunak"]), _r(r["lunak_susut"]), _r(r["lunak_susut_bawah"]), _r(r["lunak_susut_atas"]),
            _r(r["tengah_susut"]), _r(r["tengah_susut_bawah"]), _r(r["tengah_susut_atas"]),
            _r(r["sd_rating"]), _r(r["sd_harapan"]), flags(r), int(r["tertaut"] or 0),
            int(r["komponen_ukuran"] or 0),
            [c[k] for k in PITA], [c[k] for k in RATING], [c[k] for k in SUMBANG],
        ])  # fmt: skip
    jabatan = sorted({row[3] for row in rows})
    return {"instansi": [[i, names[i]] for i in instansi], "jabatan": jabatan, "penilai": rows,
            "pita": list(PITA_LABEL), "rating": list(RATING_LABEL), "sumbang": list(SUMBANG_LABEL),
            "min_layak": MIN_LAYAK}  # fmt: skip


def ringkasan(frame: pl.DataFrame) -> dict:
    """Evaluators, those eligible (>= 5 appraisees), flagged per signal, and linkage."""
    eligible = frame.filter(pl.col("layak"))

    def n(expr: pl.Expr) -> int:
        return eligible.filter(expr).height

    flagged = n(pl.col("lunak_ditandai") | pl.col("ketat_ditandai") | pl.col("tengah_ditandai"))
    linked = n(pl.col("tertaut") > 0)
    unlinked_flagged = n((pl.col("tertaut") == 0) & (pl.col("lunak_ditandai") | pl.col("ketat_ditandai")
                                                     | pl.col("tengah_ditandai")))  # fmt: skip
    return {
        "penilai": frame.height, "layak": eligible.height, "ditandai": flagged,
        "longgar": n(pl.col("lunak_ditandai")), "ketat": n(pl.col("ketat_ditandai")),
        "tengah": n(pl.col("tengah_ditandai")), "tertaut": linked,
        "bagian_tertaut": linked / eligible.height if eligible.height else None,
        "ditandai_tak_tertaut": unlinked_flagged,
    }


def _pct(share: float | None) -> str:
    return "–" if share is None else privacy.format_percent(100 * share, 1)


def context(view: YearView) -> dict:
    """Everything konsistensi.html.j2 needs for one year."""
    frame = view.frame("konsistensi_penilai")
    data = payload(frame, view.ambang)
    total = ringkasan(frame)
    return {
        "penilai_json": figures.script_json(data),
        "kp_instansi": data["instansi"],
        "kp_jabatan": data["jabatan"],
        "kp": total,
        "kp_tertaut": _pct(total["bagian_tertaut"]),
        "min_layak": MIN_LAYAK,
        "threshold": view.ambang,
        "figures": [],
    }


def tiles(view: YearView) -> list[Tile]:
    """The count of flagged evaluators (lenient, severe or central tendency)."""
    total = ringkasan(view.frame("konsistensi_penilai"))
    href = "konsistensi.html#peringkat"
    if not total["layak"]:
        return [Tile("penilai", "Penilai yang ditandai", "–",
                     f"tidak ada penilai dengan sedikitnya {MIN_LAYAK} pegawai dinilai", href, "tidak-ada-data")]
    return [Tile("penilai", "Penilai yang ditandai", angka(total["ditandai"]),
                 f"dari {angka(total['layak'])} penilai (≥{MIN_LAYAK} pegawai dinilai): "
                 f"{angka(total['longgar'])} longgar, {angka(total['ketat'])} ketat, "
                 f"{angka(total['tengah'])} cenderung tengah", href, alert=total["ditandai"] > 0)]  # fmt: skip


PAGE = Page(
    key="konsistensi",
    label="Konsistensi penilai",
    order=50,
    frames=("konsistensi_penilai",),
    context=context,
    tiles=tiles,
    scripts=("penilai.js",),
    plotly=True,
    uraian="penilai yang terlalu longgar, terlalu ketat, atau memberi rating tengah untuk semua",
)
