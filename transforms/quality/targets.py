"""Is a target realistic? TARGET_UNREALISTIC over the indicator frame (sql/kualitas/indikator.sql).

Each indicator gets ``masalah_target``: NULL when the target is fine, else a code of
:data:`PROBLEMS`, and ``target_detail``, an Indonesian sentence with the numbers. The rules:

* ``kosong``: a measure is named but there is no numeric target (unmeasurable indicators are
  INDICATOR_UNMEASURABLE's, Kualitatif criteria need no number);
* ``nol``: the target is 0, unless the text measures something to minimise (temuan, kasus,
  keluhan, …: 0 is then the ideal);
* ``terbalik``: target_min > target_max;
* ``persen_target``: a percentage target over 100 where a percentage is meant (not a growth);
* ``persen_realisasi``: a percentage realisation over 100 in some period (not a growth);
* ``lima_kali``: the year's realisation is ≥ 5 × the target. Additive units are summed over the
  periods; levels (%, index, score, rata-rata, duration in days or hours) are averaged
  (contract §2). A realisation far *under* target is a performance signal, not a target defect.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import polars as pl

from transforms.quality.measurability import judge, normalised
from transforms.sqlfiles import read_sql_over

PROBLEMS: dict[str, str] = {
    "kosong": "target kosong",
    "nol": "target nol",
    "terbalik": "rentang target terbalik",
    "persen_target": "target persentase di atas 100 %",
    "persen_realisasi": "realisasi persentase di atas 100 %",
    "lima_kali": "realisasi ≥ 5 kali target",
}
FACTOR = 5.0
MINIMISE = (
    r"\b(?:temuan|kasus|keluhan|pengaduan|komplain|kesalahan|keterlambatan|tunggakan|kecelakaan"
    r"|pelanggaran|sisa|kematian|kesakitan|stunting|gizi buruk|putus sekolah|kebocoran|kerugian"
    r"|penyimpangan|sanksi|hukuman|revisi|koreksi|retur|komplain|infeksi|kegagalan|gangguan"
    r"|kemiskinan|pengangguran|buta aksara|rawan|kebakaran|banjir|penurunan|berkurangnya|menurun)"
)
GROWTH = r"\b(?:pertumbuhan|peningkatan|kenaikan|laju|perubahan|selisih|deviasi)\b"
LEVEL_UNITS = r"^(?:%|persen|prosen|nilai|skor|score|indeks|index|poin|point|rasio|ratio|angka|hari|jam|menit|detik|level|predikat)$"
LEVEL_TEXT = r"^(?:rata rata|rerata|rata2|indeks|index|nilai|skor|score|rasio|ratio|tingkat|angka|ikm|skm|p[er]?[er]?sentase|prosentase|presentase|persen|cakupan|proporsi|prevalensi|waktu rata)"
PERCENT_TEXT = r"^(?:p[er]?[er]?sentase|prosentase|presentase|persen|prsn|cakupan|proporsi|tingkat ketepatan|tingkat kepatuhan)"
# First number in a target text, Indonesian style ("87,5", "1.500", "100 %").
FIRST_NUMBER = r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
TEXTS = ("uraian", "satuan", "target_teks")


def _number(text: pl.Expr) -> pl.Expr:
    raw = text.str.extract(FIRST_NUMBER, 1)
    thousands = raw.str.contains(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
    return (
        pl.when(thousands)
        .then(raw.str.replace_all(r"\.", "").str.replace(",", "."))
        .otherwise(raw.str.replace(",", "."))
        .cast(pl.Float64, strict=False)
    )


def _fmt(x: pl.Expr) -> pl.Expr:
    """A number as Indonesian text: 87.5 -> "87,5", 12.0 -> "12"."""
    r = x.round(2)
    whole = r == r.floor()
    return (
        pl.when(whole)
        .then(r.cast(pl.Int64).cast(pl.String))
        .otherwise(r.cast(pl.String).str.replace(r"\.", ","))
    )


def _kinds(text: pl.Expr, satuan: pl.Expr, target_txt: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(percent, level) over normalised texts: a percentage meant as one, and a level (averaged
    over the periods) rather than an additive quantity (summed)."""
    percent = (
        satuan.str.contains(r"^(?:%|persen|prosen)$")
        | target_txt.str.contains(r"%|persen")
        | text.str.contains(PERCENT_TEXT)
    ) & ~text.str.contains(GROWTH)
    level = percent | satuan.str.contains(LEVEL_UNITS) | text.str.contains(LEVEL_TEXT)
    return percent, level


def _text_parts(frame: pl.DataFrame) -> pl.DataFrame:
    """Per distinct (uraian, satuan, target_teks): the normalised texts, the target read from
    the text (``_angka``), ``_persen``/``_level`` (:func:`_kinds`) and ``_minimal`` (something to
    minimise). SKP texts repeat across employees, so the regexes run once per text."""
    keys = frame.select(pl.col(c).cast(pl.String) for c in TEXTS).unique()
    text, satuan, target_txt = normalised("uraian"), normalised("satuan"), normalised("target_teks")
    parts = keys.with_columns(text.alias("_u"), satuan.alias("_s"), target_txt.alias("_t"))
    percent, level = _kinds(pl.col("_u"), pl.col("_s"), pl.col("_t"))
    return parts.with_columns(
        _number(pl.col("_t")).alias("_angka"),
        percent.alias("_persen"),
        level.alias("_level"),
        pl.col("_u").str.contains(MINIMISE).alias("_minimal"),
    )


def _with_text_parts(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with the columns of :func:`_text_parts`, row order kept."""
    cast = frame.with_columns(pl.col(c).cast(pl.String) for c in TEXTS)
    joined = cast.join(_text_parts(frame), on=list(TEXTS), how="left", nulls_equal=True,
                       maintain_order="left")
    return joined.with_columns(frame.select(TEXTS))  # the texts as they came, not re-cast


PARTS = ("_u", "_s", "_t", "_angka", "_persen", "_level", "_minimal")


TEXT_PARTS = "_teks_target"  # temp tables of achievement_query: the texts' parts (capaian.sql)
SOURCE_ROWS = "_capaian_sumber"  # and the source rows, materialised
TEXT_BATCH = 100_000  # distinct texts through the regexes at a time


def register_text_parts(con: duckdb.DuckDBPyConnection, texts: str) -> int:
    """Temp table ``_teks_target``: per distinct (uraian, satuan, target_teks) of the query
    ``texts``, what :func:`achievement_query` reads of them (``_angka``, ``_level``,
    ``_minimal`` of :func:`_text_parts`), TEXT_BATCH texts at a time; the number of texts."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {TEXT_PARTS} (uraian VARCHAR, satuan VARCHAR,"
        " target_teks VARCHAR, _angka DOUBLE, _level BOOLEAN, _minimal BOOLEAN)"
    )
    keys = con.sql(
        "SELECT DISTINCT " + ", ".join(f"{c}::VARCHAR AS {c}" for c in TEXTS) + f" FROM ({texts})"
    ).pl()
    for start in range(0, keys.height, TEXT_BATCH):
        parts = _text_parts(keys.slice(start, TEXT_BATCH))
        con.register("_teks_batch", parts.select(*TEXTS, "_angka", "_level", "_minimal"))
        try:
            con.execute(f"INSERT INTO {TEXT_PARTS} SELECT * FROM _teks_batch")
        finally:
            con.unregister("_teks_batch")
    return keys.height


@contextmanager
def achievement_query(con: duckdb.DuckDBPyConnection, source: str) -> Iterator[str]:
    """The query ``source`` (columns of sql/kualitas/target.sql) with ``capaian``: the year's
    realisation against the target of each row, NULL without a usable target or realisation
    (sql/kualitas/capaian.sql); valid inside the ``with`` block on ``con``.

    The rows of ``source`` are materialised first (a temp table: DuckDB then knows how many
    there are and joins them to the few distinct texts the right way round, within its memory
    limit) and the regexes run in Polars once per distinct text; every row stays in DuckDB.
    The temp tables are dropped on leaving the block.

    The year's value sums additive units and averages levels (contract §2); a range counts as met
    at its minimum; for something to minimise (temuan, kasus, …) capaian = target / realisation
    (a realisation of 0 meets any target). Clipped to [0, 2] so one indicator cannot dominate.
    """
    con.execute(f"CREATE OR REPLACE TEMP TABLE {SOURCE_ROWS} AS {source}")
    try:
        register_text_parts(con, f"SELECT * FROM {SOURCE_ROWS}")
        yield read_sql_over("kualitas/capaian.sql", f"SELECT * FROM {SOURCE_ROWS}")
    finally:
        con.execute(f"DROP TABLE IF EXISTS temp.main.{SOURCE_ROWS}")
        con.execute(f"DROP TABLE IF EXISTS temp.main.{TEXT_PARTS}")


def judge_targets(frame: pl.DataFrame) -> pl.DataFrame:
    """Add ``terukur``/``alasan`` (measurability), ``masalah_target`` and ``target_detail``."""
    f = _with_text_parts(judge(frame))  # texts normalised once per distinct text
    satuan = pl.col("_s")
    target = pl.coalesce(pl.col("target_min"), pl.col("_angka"))
    top = pl.coalesce(pl.col("target_max"), target)
    percent, level, minimise = pl.col("_persen"), pl.col("_level"), pl.col("_minimal")
    year_value = pl.when(level).then(pl.col("realisasi_rata")).otherwise(pl.col("realisasi_jumlah"))
    has_target = target.is_not_null() | pl.col("target_max").is_not_null()
    needs_target = pl.col("terukur") & ~(pl.col("kualitatif") & pl.col("kriteria"))
    problem = (
        pl.when(needs_target & ~has_target & pl.col("ukuran_teks"))
        .then(pl.lit("kosong"))
        .when((target == 0) & (pl.col("target_max").is_null() | (pl.col("target_max") == 0))
              & ~minimise)
        .then(pl.lit("nol"))
        .when(pl.col("target_min") > pl.col("target_max"))
        .then(pl.lit("terbalik"))
        .when(percent & (top > 100))
        .then(pl.lit("persen_target"))
        .when(percent & (pl.col("realisasi_maks") > 100))
        .then(pl.lit("persen_realisasi"))
        .when((top > 0) & (year_value >= FACTOR * top))
        .then(pl.lit("lima_kali"))
        .otherwise(pl.lit(None, pl.String))
    )
    unit = pl.when(satuan == "").then(pl.lit("")).otherwise(pl.lit(" ") + pl.col("satuan"))
    how = pl.when(level).then(pl.lit("rata-rata")).otherwise(pl.lit("jumlah"))
    detail = (
        pl.when(pl.col("masalah_target") == "kosong")
        .then(pl.lit("target kosong; isi target berupa angka dan satuan"))
        .when(pl.col("masalah_target") == "nol")
        .then(pl.lit("target 0") + unit + pl.lit("; target nol tidak dapat dicapai atau dinilai, tetapkan target yang nyata"))
        .when(pl.col("masalah_target") == "terbalik")
        .then(pl.lit("rentang target terbalik: minimum ") + _fmt(pl.col("target_min"))
              + pl.lit(" lebih besar dari maksimum ") + _fmt(pl.col("target_max")) + unit
              + pl.lit("; tukar atau perbaiki batasnya"))
        .when(pl.col("masalah_target") == "persen_target")
        .then(pl.lit("target ") + _fmt(top) + pl.lit(" % melebihi 100 %; persentase paling tinggi 100 %"))
        .when(pl.col("masalah_target") == "persen_realisasi")
        .then(pl.lit("realisasi periode ") + pl.col("periode_maks").cast(pl.String) + pl.lit(" tercatat ")
              + _fmt(pl.col("realisasi_maks")) + pl.lit(" % (target ") + _fmt(top)
              + pl.lit(" %); persentase tidak dapat melebihi 100 %, periksa realisasi atau satuannya"))
        .when(pl.col("masalah_target") == "lima_kali")
        .then(pl.lit("realisasi setahun (") + how + pl.lit(" ") + pl.col("periode_terisi").cast(pl.String)
              + pl.lit(" periode) ") + _fmt(year_value) + unit + pl.lit(" = ")
              + _fmt(year_value / top) + pl.lit("× target ") + _fmt(top) + unit
              + pl.lit("; target terlalu rendah atau realisasi salah isi"))
    )
    return (f.with_columns(problem.alias("masalah_target"))
            .with_columns(detail.alias("target_detail")).drop(PARTS))
