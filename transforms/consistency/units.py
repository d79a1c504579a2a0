"""Units: predikat distributions against the SE MenPANRB 3/2023 bounds, and funnel outliers.

Who counts: the employees placed in the unit (pegawai.unor_id) with a penilaian of the periode,
its head included (sql/konsistensi/predikat_unit.sql; docs/konsistensi.md says why).
The predikat organisasi is the unit's own kinerja_organisasi row for the periode, else the
nearest ancestor's; a periode without any falls back to the year's (annual) row, said so.
"""

from __future__ import annotations

import duckdb
import numpy as np
import polars as pl

from transforms.consistency import bounds, funnel
from transforms.sqlfiles import read_sql

COUNTS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
PREDIKAT_COLUMN = dict(zip(bounds.PREDIKAT, COUNTS, strict=True))
BOTTOM = ("butuh_perbaikan", "kurang", "sangat_kurang")


def unit_counts(con: duckdb.DuckDBPyConnection, by_jabatan: bool = False) -> pl.DataFrame:
    """Predikat counts per (instansi, unit, tahun, periode[, jenis_jabatan]) with the governing
    predikat organisasi: ``predikat_organisasi``, ``sumber_unor_id``, ``jarak``, ``dari_tahunan``."""
    raw = con.sql(read_sql("konsistensi/unit.sql")).pl()
    keys = ["instansi_id", "unor_id", "tahun", "periode"] + (["jenis_jabatan"] if by_jabatan else [])
    unit_keys = ["predikat_organisasi", "sumber_unor_id", "jarak", "dari_tahunan"]
    counts = raw.group_by(keys).agg(*(pl.col(c).sum() for c in (*COUNTS, "dinilai")),
                                    *(pl.col(c).first() for c in unit_keys))
    names = con.sql("SELECT unor_id, unor_nama FROM stg.unit_kerja").pl()
    out = (
        counts.join(names, on="unor_id", how="left")
        .join(names.rename({"unor_id": "sumber_unor_id", "unor_nama": "sumber_unor_nama"}),
              on="sumber_unor_id", how="left")
    )
    return out.sort(keys)


def with_bounds(frame: pl.DataFrame, min_n: int = bounds.MIN_N) -> pl.DataFrame:
    """Add ``dinilai_batas`` (judged: n >= min_n and a predikat organisasi), ``melanggar_keras``,
    ``melanggar_lunak``, ``pindah`` (people to move for the hard bounds) and ``pelanggaran``
    (Indonesian sentences, hard bounds first)."""
    hard, soft, move, text = [], [], [], []
    for row in frame.select(*COUNTS, "dinilai", "predikat_organisasi").iter_rows(named=True):
        org, n = row["predikat_organisasi"], row["dinilai"]
        if org not in bounds.BOUNDS or not bounds.judged(n, min_n):
            hard.append(None), soft.append(None), move.append(None), text.append(None)
            continue
        counts = {p: row[c] for p, c in PREDIKAT_COLUMN.items()}
        found = bounds.breaches(counts, org)
        strict = [b for b in found if b.bound.keras]
        hard.append(bool(strict))
        soft.append(any(not b.bound.keras for b in found))
        move.append(max((b.pindah for b in strict), default=0))
        text.append(" ".join(b.sentence(n) for b in sorted(found, key=lambda b: not b.bound.keras)) or None)
    return frame.with_columns(
        pl.Series("melanggar_keras", hard, pl.Boolean),
        pl.Series("melanggar_lunak", soft, pl.Boolean),
        pl.Series("pindah", move, pl.Int64),
        pl.Series("pelanggaran", text, pl.String),
    ).with_columns(pl.col("melanggar_keras").is_not_null().alias("dinilai_batas"))


def with_funnels(frame: pl.DataFrame, strata: tuple[str, ...] = ("instansi_id", "tahun", "periode"),
                 min_n: int = funnel.MIN_N) -> pl.DataFrame:
    """Add the funnel columns of the share of Sangat Baik (prefix ``sb_``) and of Butuh Perbaikan
    or worse (``bawah_``) within each stratum, around the stratum's pooled share: as
    :func:`funnel.funnel` per stratum, rows stratum by stratum (first appearance, frame order)."""
    f = frame.with_columns(pl.sum_horizontal(*BOTTOM).alias("bawah_jumlah"))
    if f.is_empty():
        return f
    rows = f.with_row_index("__i").group_by(*strata, maintain_order=True).agg("__i")["__i"].to_list()
    sizes = [len(r) for r in rows]
    g = f[np.concatenate(rows)]
    ends = np.cumsum(sizes)[:-1]
    nn = g.get_column("dinilai").cast(pl.Float64).fill_null(0).to_numpy()
    added: list[pl.Series] = []
    for prefix, k in (("sb", "sangat_baik"), ("bawah", "bawah_jumlah")):
        kk = g.get_column(k).cast(pl.Float64).fill_null(0).to_numpy()
        parts = [funnel.funnel_columns(a, b, min_n=min_n)
                 for a, b in zip(np.split(kk, ends), np.split(nn, ends), strict=True)]  # fmt: skip
        cols = pl.DataFrame(
            [pl.Series(f"{prefix}_{name}", np.concatenate([c[name] for c, _ in parts])).fill_nan(None)
             for name in parts[0][0]]  # fmt: skip
        ).with_columns(pl.Series(f"{prefix}_diuji", nn >= min_n))
        added += cols.with_columns(*funnel.flags(f"{prefix}_")).get_columns()
        for stat, dtype in (("target", pl.Float64), ("phi", pl.Float64), ("tau2", pl.Float64), ("units", pl.Int32)):
            name = f"{prefix}_{'unit_diuji' if stat == 'units' else stat}"
            added.append(pl.Series(name, np.repeat([getattr(d, stat) for _, d in parts], sizes), dtype))
    return g.with_columns(added)
