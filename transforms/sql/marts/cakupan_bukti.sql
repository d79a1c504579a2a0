-- mart.cakupan_bukti: evidence coverage per unit (employees placed directly in it) and periode.
-- A realisasi row with a non-null realisasi value is a reported period ("dilaporkan"); it is
-- covered ("berbukti") when bukti_dukung has a row for the same indikator_id and periode.
-- periode is the TW value ("2025-TW1") or, for the whole year, the SKP year ("2025").
-- pegawai_melapor counts the employees behind the numbers (for small-cell suppression).
CREATE OR REPLACE TABLE mart.cakupan_bukti AS
WITH bukti AS (
    SELECT DISTINCT indikator_id, periode FROM stg.bukti_dukung
),
dilaporkan AS (
    SELECT
        u.instansi_id, p.unor_id, p.nip, r.periode,
        CAST(s.tahun AS VARCHAR) AS tahun,
        b.indikator_id IS NOT NULL AS berbukti
    FROM stg.realisasi AS r
    JOIN stg.indikator AS i USING (indikator_id)
    JOIN stg.rhk AS h USING (rhk_id)
    JOIN stg.skp AS s USING (skp_id)
    JOIN stg.pegawai AS p ON p.nip = s.nip
    JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id
    LEFT JOIN bukti AS b ON b.indikator_id = r.indikator_id AND b.periode = r.periode
    WHERE r.realisasi IS NOT NULL
)
SELECT
    instansi_id, unor_id, coalesce(periode, tahun) AS periode,
    count(*)::BIGINT AS dilaporkan,
    count(*) FILTER (WHERE berbukti)::BIGINT AS berbukti,
    count(DISTINCT nip)::BIGINT AS pegawai_melapor
FROM dilaporkan
GROUP BY GROUPING SETS ((instansi_id, unor_id, periode, tahun), (instansi_id, unor_id, tahun))
ORDER BY instansi_id, unor_id, periode;
