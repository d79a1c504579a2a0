"""SKP written as a formality, the two forms beside the copied leader's RHK (issue 9;
docs/keselarasan.md, docs/temuan.md RHK_COPIED).

* **Same text across a leader's subordinates** (:func:`same_across_subordinates`): an Utama
  RHK whose text, after ``normalise_rhk`` (case, spacing, punctuation, typography,
  abbreviations), is the text of at least ``MIN_SAMA`` = 3 of the leader's subordinates and of
  more than ``MIN_BAGIAN`` = half of them in the year ("most": a strict majority). The base is
  the subordinates who have an Utama RHK that year (a leader's subordinates: as in the cascade
  rules, the employees whose penilai or atasan the leader is); an employee repeating a text
  counts once. Exact equality
  after normalisation, not the near-copy similarity: that one is pairwise and a leader's
  subordinates would give it tens of thousands of pairs.
* **The same SKP as the year before** (:func:`same_as_previous_year`): the set of normalised
  Utama RHK texts of an SKP equals that of an SKP of the same employee in the previous year.
  Comparable only where the warehouse holds that employee's SKP of the previous year.
"""

from __future__ import annotations

import polars as pl

from transforms.quality.similarity import normalised

MIN_SAMA = 3  # subordinates sharing the text, at least
MIN_BAGIAN = 0.5  # and more than this share of the leader's subordinates with an Utama RHK
_SEP = "\x1f"  # joins a sorted set of texts into one comparable key


def same_across_subordinates(frame: pl.DataFrame) -> pl.DataFrame:
    """The flagged RHK of ``frame`` (one row per subordinate's Utama RHK and leader: columns
    ``pemimpin``, ``tahun``, ``nip``, ``rhk_id``, ``uraian``), one row per RHK: its columns plus
    ``sama`` (subordinates with the text) and ``bawahan`` (the base); where two leaders flag the
    same RHK, the larger share (then the smaller leader NIP) is kept. Sorted by rhk_id."""
    group = ["pemimpin", "tahun"]
    base = frame.group_by(group).agg(bawahan=pl.col("nip").n_unique())
    texts = normalised(frame, "uraian", "_teks").filter(pl.col("_teks") != "")
    shared = texts.group_by([*group, "_teks"]).agg(sama=pl.col("nip").n_unique())
    flagged = (
        texts.join(shared, on=[*group, "_teks"])
        .join(base, on=group)
        .filter((pl.col("sama") >= MIN_SAMA) & (pl.col("sama") > MIN_BAGIAN * pl.col("bawahan")))
        .with_columns(_bagian=pl.col("sama") / pl.col("bawahan"))
    )
    return (
        flagged.sort(["rhk_id", "_bagian", "pemimpin"], descending=[False, True, False])
        .unique("rhk_id", keep="first", maintain_order=True)
        .drop("_teks", "_bagian")
        .with_columns(pl.col("sama", "bawahan").cast(pl.Int64))
    )


def _set_keys(frame: pl.DataFrame, by: list[str], texts: str) -> pl.DataFrame:
    """Per ``by`` group: ``_kunci``, its sorted set of normalised non-empty texts joined."""
    flat = frame.select(*by, _t=pl.col(texts)).explode("_t")
    flat = normalised(flat, "_t", "_n").filter(pl.col("_n") != "")
    return flat.group_by(by).agg(_kunci=pl.col("_n").unique().sort().str.join(_SEP))


def same_as_previous_year(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (one row per SKP: ``teks``, its Utama RHK texts, and ``teks_lalu``, one list of
    texts per SKP of the same employee in the previous year, null when there is none) plus
    ``sebanding`` (a previous-year SKP with a text exists) and ``sama_tahun_lalu`` (its set of
    normalised texts equals one of them; null when not comparable). Row order kept."""
    rows = frame.with_row_index("_i")
    now = _set_keys(rows, ["_i"], "teks")
    before = rows.select("_i", _lalu=pl.col("teks_lalu")).explode("_lalu").drop_nulls("_lalu")
    before = _set_keys(before.with_row_index("_j"), ["_i", "_j"], "_lalu")
    match = before.join(now.rename({"_kunci": "_kini"}), on="_i", how="left").group_by("_i").agg(
        sebanding=pl.len() > 0, sama_tahun_lalu=(pl.col("_kunci") == pl.col("_kini")).any()
    )
    out = rows.join(match, on="_i", how="left", maintain_order="left")
    return out.drop("_i").with_columns(pl.col("sebanding").fill_null(False))
