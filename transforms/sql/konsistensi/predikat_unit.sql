-- Predikat counts per unit, periode and jenis jabatan: the employees placed in the unit
-- (pegawai.unor_id) with a penilaian for that periode, the unit's head excluded (the head's
-- predikat follows the organisation result and is set by the head's own penilai). One row per
-- (instansi_id, unor_id, tahun, periode, jenis_jabatan); sum over jenis_jabatan for the unit.
WITH ditempatkan AS (
    -- "is the head" as a column, so no join ever runs on an inequality
    SELECT p.nip, p.unor_id, p.jenis_jabatan, u.instansi_id,
        coalesce(p.nip = u.nip_kepala, false) AS kepala
    FROM stg.pegawai AS p
    JOIN stg.unit_kerja AS u USING (unor_id)
)
SELECT
    d.instansi_id, d.unor_id, n.tahun, n.periode, d.jenis_jabatan,
    count(*) FILTER (WHERE n.predikat = 'Sangat Baik')::BIGINT AS sangat_baik,
    count(*) FILTER (WHERE n.predikat = 'Baik')::BIGINT AS baik,
    count(*) FILTER (WHERE n.predikat = 'Butuh Perbaikan')::BIGINT AS butuh_perbaikan,
    count(*) FILTER (WHERE n.predikat = 'Kurang/Misconduct')::BIGINT AS kurang,
    count(*) FILTER (WHERE n.predikat = 'Sangat Kurang')::BIGINT AS sangat_kurang,
    count(*)::BIGINT AS dinilai
FROM stg.penilaian AS n
JOIN ditempatkan AS d USING (nip)
WHERE NOT d.kepala AND n.predikat IS NOT NULL
GROUP BY ALL
