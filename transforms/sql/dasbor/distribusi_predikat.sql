-- Predikat counts per unit/instansi and periode, every year the warehouse keeps.
SELECT * EXCLUDE (_bundel, _tahun, _instansi_id), _tahun AS tahun FROM mart.distribusi_predikat
