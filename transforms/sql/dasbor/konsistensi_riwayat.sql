-- The predikat mix per unit and year for the year-on-year drift of the Konsistensi unit page
-- (mart.konsistensi_riwayat: earlier years from SIASN riwayat_skp of the people placed in the unit
-- now, the bundle's year from e-Kinerja): tahun is the bundle's year, tahun_riwayat the year of
-- the mix. Counts only; the page computes the Jensen–Shannon distance (transforms.consistency.drift).
SELECT
    k._tahun AS tahun, k.instansi_id, coalesce(u.instansi_nama, k.instansi_id) AS instansi_nama,
    k.unor_id, coalesce(u.unor_nama, k.unor_id) AS unor_nama, k.tahun AS tahun_riwayat, k.sumber,
    k.sangat_baik, k.baik, k.butuh_perbaikan, k.kurang, k.sangat_kurang, k.dinilai
FROM mart.konsistensi_riwayat AS k
LEFT JOIN mart.unit AS u ON u._tahun = k._tahun AND u.unor_id = k.unor_id
ORDER BY tahun, k.instansi_id, k.unor_id, tahun_riwayat
