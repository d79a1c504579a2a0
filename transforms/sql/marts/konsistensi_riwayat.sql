-- mart.konsistensi_riwayat: the annual predikat mix per unit and year, for the year-on-year
-- drift of the Konsistensi unit page: earlier years from the SIASN history (riwayat_skp) of the
-- employees placed in the unit now, the bundle's year from e-Kinerja's annual penilaian (the
-- same people as mart.konsistensi_unit). sumber says which.
CREATE OR REPLACE TABLE mart.konsistensi_riwayat AS
WITH ditempatkan AS (
    SELECT p.nip, p.unor_id, u.instansi_id
    FROM stg.pegawai AS p JOIN stg.unit_kerja AS u USING (unor_id)
),
semua AS (
    SELECT d.instansi_id, d.unor_id, r.tahun, 'SIASN' AS sumber, r.predikat
    FROM stg.riwayat_skp AS r JOIN ditempatkan AS d USING (nip)
    WHERE r.predikat IS NOT NULL
      AND r.tahun < (SELECT max(tahun) FROM stg.penilaian)
    UNION ALL
    SELECT d.instansi_id, d.unor_id, n.tahun, 'e-Kinerja' AS sumber, n.predikat
    FROM stg.penilaian AS n JOIN ditempatkan AS d USING (nip)
    WHERE n.predikat IS NOT NULL AND n.periode = CAST(n.tahun AS VARCHAR)
)
SELECT
    instansi_id, unor_id, tahun, sumber,
    count(*) FILTER (WHERE predikat = 'Sangat Baik')::BIGINT AS sangat_baik,
    count(*) FILTER (WHERE predikat = 'Baik')::BIGINT AS baik,
    count(*) FILTER (WHERE predikat = 'Butuh Perbaikan')::BIGINT AS butuh_perbaikan,
    count(*) FILTER (WHERE predikat = 'Kurang/Misconduct')::BIGINT AS kurang,
    count(*) FILTER (WHERE predikat = 'Sangat Kurang')::BIGINT AS sangat_kurang,
    count(*)::BIGINT AS dinilai
FROM semua
GROUP BY ALL
ORDER BY instansi_id, unor_id, tahun;
