-- Predikat counts per unit, periode and jenis jabatan (mart.konsistensi_unit: the employees
-- placed in the unit, its head included) with the governing predikat organisasi and where it comes
-- from, every year the warehouse keeps; unit and instansi names from mart.unit. The SE 3/2023
-- bounds and the funnels are computed by reports.pages.batas_se (transforms.consistency.units).
SELECT
    k._tahun AS tahun, k.instansi_id, coalesce(i.instansi_nama, k.instansi_id) AS instansi_nama,
    k.unor_id, coalesce(u.unor_nama, k.unor_id) AS unor_nama, k.periode, k.jenis_jabatan,
    coalesce(k.sangat_baik, 0)::BIGINT AS sangat_baik, coalesce(k.baik, 0)::BIGINT AS baik,
    coalesce(k.butuh_perbaikan, 0)::BIGINT AS butuh_perbaikan,
    coalesce(k.kurang, 0)::BIGINT AS kurang, coalesce(k.sangat_kurang, 0)::BIGINT AS sangat_kurang,
    coalesce(k.dinilai, 0)::BIGINT AS dinilai,
    k.predikat_organisasi, k.sumber_unor_id, coalesce(s.unor_nama, k.sumber_unor_id) AS sumber_unor_nama,
    k.jarak, k.dari_tahunan
FROM mart.konsistensi_unit AS k
LEFT JOIN mart.unit AS u ON u._tahun = k._tahun AND u.unor_id = k.unor_id
LEFT JOIN mart.unit AS s ON s._tahun = k._tahun AND s.unor_id = k.sumber_unor_id
LEFT JOIN (SELECT _tahun, instansi_id, min(instansi_nama) AS instansi_nama FROM mart.unit GROUP BY ALL) AS i
    ON i._tahun = k._tahun AND i.instansi_id IS NOT DISTINCT FROM k.instansi_id
ORDER BY tahun, k.instansi_id, k.unor_id, k.periode, k.jenis_jabatan
