-- Per RHK (tahun, bundel, rhk_id) of the source query (kualitas/capaian_kaskade.sql rows with
-- capaian, kualitas/capaian.sql): capaian the mean over its indicators that have one (an RHK
-- without one is left out), with its instansi_id, unor_id and induk_id (the RHK it validly
-- intervenes; those of its first indicator, though they are the RHK's own: arg_min keeps
-- one value per group, an ordered first() would hold every row).
SELECT
    tahun, bundel, rhk_id,
    arg_min_null(instansi_id, indikator_id) AS instansi_id,
    arg_min_null(unor_id, indikator_id) AS unor_id,
    arg_min_null(induk_id, indikator_id) AS induk_id,
    avg(capaian) AS capaian
FROM ({{ source }})
WHERE capaian IS NOT NULL
GROUP BY tahun, bundel, rhk_id
ORDER BY tahun, bundel, rhk_id
