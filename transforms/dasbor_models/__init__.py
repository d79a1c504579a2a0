"""Dashboard frames that need Python as well as SQL (regexes over texts): one module per
frame, each with ``build(con) -> polars.DataFrame`` over the warehouse (a ``tahun`` column,
aggregates only); discovered by transforms.marts.read_dashboard_frames like the frames of
sql/dasbor/*.sql, under the module's name."""
