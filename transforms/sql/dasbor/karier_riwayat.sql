-- The predikat mix per instansi and history year of each year's employees: the chosen
-- predikat of the warehouse-wide history (audit.karier_riwayat_gudang: e-Kinerja of any bundle
-- kept where it covers the year, else SIASN; transforms.career.across_bundles, docs/karier.md)
-- of the employee-year rows of audit.karier_pegawai the warehouse keeps, history years up to
-- the row's year; tahun is the bundle's year, tahun_riwayat the year of the predikat, the
-- instansi the employee's at the end of the bundle's year. Counts only: no row leaves.
SELECT
    k._tahun AS tahun, k.instansi_id, coalesce(i.instansi_nama, k.instansi_id) AS instansi_nama,
    r.tahun AS tahun_riwayat,
    count(*) FILTER (WHERE r.predikat = 'Sangat Baik')::BIGINT AS sangat_baik,
    count(*) FILTER (WHERE r.predikat = 'Baik')::BIGINT AS baik,
    count(*) FILTER (WHERE r.predikat = 'Butuh Perbaikan')::BIGINT AS butuh_perbaikan,
    count(*) FILTER (WHERE r.predikat = 'Kurang/Misconduct')::BIGINT AS kurang,
    count(*) FILTER (WHERE r.predikat = 'Sangat Kurang')::BIGINT AS sangat_kurang,
    count(*)::BIGINT AS dinilai,
    count(*) FILTER (WHERE r.sumber = 'SIASN')::BIGINT AS dari_siasn
FROM audit.karier_pegawai AS k
JOIN stg.pegawai AS p ON p.nip = k.nip AND p._bundel = k._bundel AND p._tahun = k._tahun
JOIN audit.karier_riwayat_gudang AS r ON r.nip = k.nip AND r.tahun <= k._tahun
LEFT JOIN (SELECT _tahun, instansi_id, min(instansi_nama) AS instansi_nama FROM mart.unit GROUP BY ALL) AS i
    ON i._tahun = k._tahun AND i.instansi_id IS NOT DISTINCT FROM k.instansi_id
GROUP BY ALL
ORDER BY tahun, k.instansi_id, tahun_riwayat
