"""Partitioned assets: per (tahun, instansi) slice of the warehouse, and per tahun across instansi.

This domain keeps its partitions, assets, jobs and sensors together (definitions.py loads
them). The models themselves are SQL files (transforms/sql/irisan, transforms/sql/lintas).
"""
