"""Marts computed in Python (statistics SQL cannot express): one module per table, each with
``TABLE`` (the mart.<TABLE> it creates) and ``build(con) -> polars.DataFrame``; discovered by
transforms.marts.build_marts like the SQL marts."""
