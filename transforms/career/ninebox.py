"""The 9-box of talent management (PermenPANRB 3/2020): kinerja × potensi.

**Kinerja axis** (Di Bawah / Sesuai / Di Atas Ekspektasi) from the annual **predikat**, not
from one of the two ratings (configuration ``kinerja_predikat.csv``; default Sangat Baik → Di
Atas, Baik → Sesuai, Butuh Perbaikan and below → Di Bawah). The predikat combines both ratings
by the PermenPANRB 6/2022 matrix: a results rating alone would put an employee with
Kurang/Misconduct (results above expectations, behaviour below) into the succession pool.

**Potensi axis**: ``potensi.kategori_potensi`` of the same year. **Box numbers** and the
succession pool from ``kotak_9.csv`` (the numbering is not certain; default 1 = Di Bawah ×
Rendah … 9 = Di Atas × Tinggi, boxes 7–9 the succession pool). No predikat or no potensi: no
box.
"""

from __future__ import annotations

import polars as pl

from transforms.career.tables import CareerTables


def nine_box(people: pl.DataFrame, potensi: pl.DataFrame, tables: CareerTables) -> pl.DataFrame:
    """``people`` (nip, tahun, predikat) × ``potensi`` (nip, tahun, kategori_potensi) → nip,
    tahun, kategori_potensi, kinerja_9kotak, kotak_9, kotak_9_label, suksesi."""
    kinerja = pl.DataFrame(list(tables.kinerja.items()), schema={"predikat": pl.String, "kinerja_9kotak": pl.String},
                           orient="row")  # fmt: skip
    boxes = pl.DataFrame(
        [(k, p, n, tables.kotak_label(n), n in tables.suksesi) for (k, p), n in tables.kotak.items()],
        schema={"kinerja_9kotak": pl.String, "kategori_potensi": pl.String, "kotak_9": pl.Int64,
                "kotak_9_label": pl.String, "suksesi": pl.Boolean},
        orient="row",
    )  # fmt: skip
    pot = potensi.select("nip", pl.col("tahun").cast(pl.Int64), "kategori_potensi").unique(
        ["nip", "tahun"], keep="first", maintain_order=True
    )
    out = (
        people.select("nip", pl.col("tahun").cast(pl.Int64), "predikat")
        .join(kinerja, on="predikat", how="left")
        .join(pot, on=["nip", "tahun"], how="left")
        .join(boxes, on=["kinerja_9kotak", "kategori_potensi"], how="left")
    )
    return out.select(
        "nip", "tahun", "kategori_potensi", "kinerja_9kotak", "kotak_9", "kotak_9_label", "suksesi"
    )
