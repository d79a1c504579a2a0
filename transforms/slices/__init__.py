"""Partitioned outputs: one Parquet file per (tahun, instansi) slice, and per tahun across instansi.

The warehouse (transforms.warehouse) keeps every bundle's rows; the models here read ONE slice
of it (``transforms/sql/irisan/<name>.sql``, parameters ``$tahun`` and ``$instansi``) or ONE
year of those slices across instansi (``transforms/sql/lintas/<name>.sql``, parameter
``$tahun``, reading the views ``irisan_<name>``) and write one Parquet file per partition into a
:class:`~transforms.slices.store.SliceStore`. Writing a partition replaces exactly its file, by
rename, so a re-run is idempotent and a killed write leaves the previous file. Steps exchange
these files instead of sharing one DuckDB file, which is what lets them run in separate
processes (or on separate machines with a shared volume).
"""
