-- One row per reported realisation (a value for a period, macro realisasi_dilaporkan: a number,
-- 0 included, or a text other than blanks and dashes) with the number of bukti dukung for the
-- same indicator and period: what EVIDENCE_MISSING validates. Narrow on purpose (the check
-- validates millions of rows); realisasi_bukti_rinci.sql gives the texts of the failed ones.
-- Unordered: kualitas/realisasi_bukti.sql orders it for the check; an aggregate over it
-- (konsistensi/bukti_indikator.sql) need not sort 30 M rows at 1,000,000 ASN.
WITH bukti AS (
    SELECT indikator_id, periode, count(*) AS jumlah_bukti
    FROM stg.bukti_dukung
    GROUP BY ALL
)
SELECT r.indikator_id, r.periode, coalesce(b.jumlah_bukti, 0) AS jumlah_bukti
FROM stg.realisasi AS r
LEFT JOIN bukti AS b USING (indikator_id, periode)
WHERE realisasi_dilaporkan(r.realisasi, r.realisasi_teks)
