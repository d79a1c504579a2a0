-- mart.distribusi_predikat: count of appraised employees per predikat and periode, per unit
-- (employees placed directly in it) and per instansi (unor_id NULL).
CREATE OR REPLACE TABLE mart.distribusi_predikat AS
WITH dinilai AS (
    SELECT u.instansi_id, p.unor_id, n.periode, n.predikat
    FROM stg.penilaian AS n
    JOIN stg.pegawai AS p USING (nip)
    JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id
)
SELECT instansi_id, unor_id, periode, predikat, count(*)::BIGINT AS jumlah
FROM dinilai GROUP BY ALL
UNION ALL
SELECT instansi_id, NULL AS unor_id, periode, predikat, count(*)::BIGINT AS jumlah
FROM dinilai GROUP BY ALL
ORDER BY instansi_id, unor_id NULLS FIRST, periode, predikat;
