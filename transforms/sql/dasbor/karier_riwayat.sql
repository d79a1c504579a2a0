-- The predikat mix per instansi and history year of each year's employees (mart.karier_riwayat:
-- the chosen predikat, e-Kinerja where it covers the year, else SIASN; docs/karier.md): tahun is
-- the bundle's year, tahun_riwayat the year of the predikat. Counts only.
SELECT
    k._tahun AS tahun, k.instansi_id, coalesce(i.instansi_nama, k.instansi_id) AS instansi_nama,
    k.tahun_riwayat,
    sum(k.sangat_baik)::BIGINT AS sangat_baik, sum(k.baik)::BIGINT AS baik,
    sum(k.butuh_perbaikan)::BIGINT AS butuh_perbaikan, sum(k.kurang)::BIGINT AS kurang,
    sum(k.sangat_kurang)::BIGINT AS sangat_kurang, sum(k.dinilai)::BIGINT AS dinilai,
    sum(k.dari_siasn)::BIGINT AS dari_siasn
FROM mart.karier_riwayat AS k
LEFT JOIN (SELECT _tahun, instansi_id, min(instansi_nama) AS instansi_nama FROM mart.unit GROUP BY ALL) AS i
    ON i._tahun = k._tahun AND i.instansi_id IS NOT DISTINCT FROM k.instansi_id
GROUP BY ALL
ORDER BY tahun, k.instansi_id, k.tahun_riwayat
