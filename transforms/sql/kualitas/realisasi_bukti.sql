-- One row per reported realisation (a non-empty value for a period) with the number of bukti
-- dukung for the same indicator and period: what EVIDENCE_MISSING validates. "Reported" means
-- a non-empty value: a number (0 included: a reported 0 is a claim too), or a text other than
-- a dash.
SELECT
    r.indikator_id,
    r.periode,
    r.realisasi,
    r.realisasi_teks,
    i.uraian,
    i.satuan,
    rh.uraian AS rhk_uraian,
    s.nip,
    count(b.bukti_id) AS jumlah_bukti
FROM stg.realisasi AS r
JOIN stg.indikator AS i USING (indikator_id)
LEFT JOIN stg.rhk AS rh ON rh.rhk_id = i.rhk_id
LEFT JOIN stg.skp AS s ON s.skp_id = rh.skp_id
LEFT JOIN stg.bukti_dukung AS b ON b.indikator_id = r.indikator_id AND b.periode = r.periode
WHERE r.realisasi IS NOT NULL
   OR (r.realisasi IS NULL AND NOT regexp_full_match(coalesce(r.realisasi_teks, ''), '\s*-*\s*'))
GROUP BY ALL
ORDER BY r.indikator_id, r.periode
