-- The texts a finding of EVIDENCE_MISSING names, per realisation (indikator_id, periode):
-- the value, the indicator and RHK texts, the employee. Read only for the failed rows.
SELECT
    r.indikator_id,
    r.periode,
    r.realisasi,
    r.realisasi_teks,
    i.uraian,
    i.satuan,
    rh.uraian AS rhk_uraian,
    s.nip
FROM stg.realisasi AS r
JOIN stg.indikator AS i USING (indikator_id)
LEFT JOIN stg.rhk AS rh ON rh.rhk_id = i.rhk_id
LEFT JOIN stg.skp AS s ON s.skp_id = rh.skp_id
