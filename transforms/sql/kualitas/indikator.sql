-- One row per accepted indicator with its RHK and SKP: what the measurability check
-- (INDICATOR_UNMEASURABLE) validates.
SELECT
    i.indikator_id,
    i.aspek,
    i.uraian,
    i.target_min,
    i.target_max,
    i.satuan,
    i.target_teks,
    r.rhk_id,
    r.uraian AS rhk_uraian,
    s.skp_id,
    s.nip,
    s.pendekatan
FROM stg.indikator AS i
LEFT JOIN stg.rhk AS r USING (rhk_id)
LEFT JOIN stg.skp AS s ON s.skp_id = r.skp_id
ORDER BY i.indikator_id
