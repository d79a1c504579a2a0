-- Every year the warehouse keeps.
SELECT DISTINCT _tahun AS tahun FROM audit.bundel_dimuat ORDER BY tahun
