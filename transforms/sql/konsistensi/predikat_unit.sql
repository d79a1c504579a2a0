-- Predikat counts per unit, periode and jenis jabatan: the employees placed in the unit
-- (pegawai.unor_id, its head included) with a penilaian for that periode — the same people as
-- the Unit kerja page's distribution (mart.distribusi_predikat), so the two pages never differ
-- by one person's predikat. One row per (instansi_id, unor_id, tahun, periode, jenis_jabatan);
-- sum over jenis_jabatan for the unit.
SELECT
    u.instansi_id, p.unor_id, n.tahun, n.periode, p.jenis_jabatan,
    count(*) FILTER (WHERE n.predikat = 'Sangat Baik')::BIGINT AS sangat_baik,
    count(*) FILTER (WHERE n.predikat = 'Baik')::BIGINT AS baik,
    count(*) FILTER (WHERE n.predikat = 'Butuh Perbaikan')::BIGINT AS butuh_perbaikan,
    count(*) FILTER (WHERE n.predikat = 'Kurang/Misconduct')::BIGINT AS kurang,
    count(*) FILTER (WHERE n.predikat = 'Sangat Kurang')::BIGINT AS sangat_kurang,
    count(*)::BIGINT AS dinilai
FROM stg.penilaian AS n
JOIN stg.pegawai AS p USING (nip)
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id
WHERE n.predikat IS NOT NULL
GROUP BY ALL
