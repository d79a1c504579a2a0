"""The predikat condition of kenaikan pangkat (Peraturan BKN 4/2023): at least Baik in each of
the last 2 years — the year itself and the one before.

``memenuhi_predikat_kp``:

* ``ya`` — both years known and each Baik or Sangat Baik;
* ``tidak`` — a known year below Baik (whatever the other year says);
* ``tidak diketahui`` — no known year below Baik, but a year missing;
* empty — not applicable: PPPK have no kenaikan pangkat.

Only the predikat condition is judged. The regular promotion also needs 4 years in the rank;
the export holds the golongan but not its TMT (the NIP carries the CPNS TMT, not the rank's),
so that condition **cannot be checked from the data** (``syarat_masa_pangkat``).
"""

from __future__ import annotations

import polars as pl

BAIK_ATAU_LEBIH = ("Sangat Baik", "Baik")
YA, TIDAK, TIDAK_DIKETAHUI = "ya", "tidak", "tidak diketahui"
MASA_PANGKAT = "tidak dapat diperiksa"  # the 4-years-in-rank condition, for every PNS row


def kp_status(now: str | None, before: str | None) -> str:
    """``ya`` / ``tidak`` / ``tidak diketahui`` for the predikat of the year and the one before."""
    known = [p for p in (now, before) if p is not None]
    if any(p not in BAIK_ATAU_LEBIH for p in known):
        return TIDAK
    return YA if len(known) == 2 else TIDAK_DIKETAHUI


def kp_expr(now: pl.Expr, before: pl.Expr) -> pl.Expr:
    """:func:`kp_status` as a Polars expression."""
    low_now = now.is_not_null() & ~now.is_in(BAIK_ATAU_LEBIH)
    low_before = before.is_not_null() & ~before.is_in(BAIK_ATAU_LEBIH)
    return (
        pl.when(low_now | low_before).then(pl.lit(TIDAK))
        .when(now.is_not_null() & before.is_not_null()).then(pl.lit(YA))
        .otherwise(pl.lit(TIDAK_DIKETAHUI))
    )  # fmt: skip


def promotion_eligibility(
    people: pl.DataFrame, history: pl.DataFrame, keep: tuple[str, ...] = ()
) -> pl.DataFrame:
    """``people`` (nip, tahun, jenis_asn) with the year's and the previous year's predikat and
    sources from ``history`` (transforms.career.history), ``memenuhi_predikat_kp`` and
    ``syarat_masa_pangkat`` (both empty for PPPK); ``keep``: further columns of ``people``
    carried through (e.g. the bundle, when one nip and year has rows of several bundles)."""
    h = history.select("nip", "tahun", "predikat", "sumber")
    now = h.rename({"sumber": "sumber_predikat"})
    before = h.select(
        "nip",
        (pl.col("tahun") + 1).alias("tahun"),
        pl.col("predikat").alias("predikat_tahun_sebelumnya"),
        pl.col("sumber").alias("sumber_predikat_tahun_sebelumnya"),
    )
    out = (
        people.select(*keep, "nip", pl.col("tahun").cast(pl.Int64), "jenis_asn")
        .join(now, on=["nip", "tahun"], how="left")
        .join(before, on=["nip", "tahun"], how="left")
    )
    pns = pl.col("jenis_asn") != "PPPK"
    return out.with_columns(
        pl.when(pns).then(kp_expr(pl.col("predikat"), pl.col("predikat_tahun_sebelumnya")))
        .alias("memenuhi_predikat_kp"),
        pl.when(pns).then(pl.lit(MASA_PANGKAT)).alias("syarat_masa_pangkat"),
    ).drop("jenis_asn")  # fmt: skip
