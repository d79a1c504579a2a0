-- One row per accepted indicator with its RHK, SKP and the year's realisation: what the target
-- check (TARGET_UNREALISTIC) validates. realisasi is per period, not cumulative (contract §2):
-- the check sums additive units and averages levels itself.
WITH real AS (
    SELECT
        indikator_id,
        count(realisasi) AS periode_terisi,
        sum(realisasi) AS realisasi_jumlah,
        avg(realisasi) AS realisasi_rata,
        max(realisasi) AS realisasi_maks,
        arg_max(periode, realisasi) AS periode_maks
    FROM stg.realisasi
    GROUP BY indikator_id
)
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
    s.pendekatan,
    coalesce(q.periode_terisi, 0) AS periode_terisi,
    q.realisasi_jumlah,
    q.realisasi_rata,
    q.realisasi_maks,
    q.periode_maks
FROM stg.indikator AS i
LEFT JOIN stg.rhk AS r USING (rhk_id)
LEFT JOIN stg.skp AS s ON s.skp_id = r.skp_id
LEFT JOIN real AS q USING (indikator_id)
ORDER BY i.indikator_id
