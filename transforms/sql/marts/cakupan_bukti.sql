-- mart.cakupan_bukti: evidence coverage per unit (employees placed directly in it) and periode.
-- A realisasi row with a non-null realisasi value is a reported period ("dilaporkan"); it is
-- covered ("berbukti") when bukti_dukung has a row for the same indikator_id and periode.
-- periode is the TW value ("2025-TW1") or, for the whole year, the SKP year ("2025").
-- pegawai_melapor counts the employees behind the numbers (for small-cell suppression).
-- At 1,000,000 ASN (30 M realisasi, 32 M bukti rows) the cost is the realisasi x bukti join:
-- it is keyed on the indikator's row number (an integer) and the periode rather than on the
-- indikator_id text, and the rows are counted per SKP before the units are joined, so that
-- the distinct count of employees runs over a row per employee and periode (66 s -> 35 s).
CREATE OR REPLACE TABLE mart.cakupan_bukti AS
WITH indikator AS (
    SELECT rowid AS i, indikator_id, rhk_id FROM stg.indikator
),
bukti AS (
    SELECT DISTINCT i.i, b.periode
    FROM stg.bukti_dukung AS b
    JOIN indikator AS i USING (indikator_id)
),
per_skp AS (
    SELECT h.skp_id, r.periode, count(*) AS dilaporkan, count(b.i) AS berbukti
    FROM stg.realisasi AS r
    JOIN indikator AS i USING (indikator_id)
    JOIN stg.rhk AS h USING (rhk_id)
    LEFT JOIN bukti AS b ON b.i = i.i AND b.periode = r.periode
    WHERE r.realisasi IS NOT NULL
    GROUP BY ALL
),
per_pegawai AS (
    SELECT
        u.instansi_id, p.unor_id, p.nip, k.periode, CAST(s.tahun AS VARCHAR) AS tahun,
        sum(k.dilaporkan) AS dilaporkan, sum(k.berbukti) AS berbukti
    FROM per_skp AS k
    JOIN stg.skp AS s USING (skp_id)
    JOIN stg.pegawai AS p ON p.nip = s.nip
    JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id
    GROUP BY ALL
)
SELECT
    instansi_id, unor_id, coalesce(periode, tahun) AS periode,
    sum(dilaporkan)::BIGINT AS dilaporkan,
    sum(berbukti)::BIGINT AS berbukti,
    count(DISTINCT nip)::BIGINT AS pegawai_melapor
FROM per_pegawai
GROUP BY GROUPING SETS ((instansi_id, unor_id, periode, tahun), (instansi_id, unor_id, tahun))
ORDER BY instansi_id, unor_id, periode;
