-- One row per reported realisation (a non-empty value for a period) with the number of bukti
-- dukung for the same indicator and period: what EVIDENCE_MISSING validates. "Reported": the
-- macro realisasi_dilaporkan (a number, 0 included, or a text other than blanks and dashes).
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
WHERE realisasi_dilaporkan(r.realisasi, r.realisasi_teks)
GROUP BY ALL
ORDER BY r.indikator_id, r.periode
