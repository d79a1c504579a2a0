-- One row per accepted indicator (kualitas/indikator.sql: with its RHK and SKP) and the year's
-- realisation: what the target check (TARGET_UNREALISTIC) validates. realisasi is per period,
-- not cumulative (contract §2): the check sums additive units and averages levels itself.
WITH indikator AS (
    {{ include kualitas/indikator.sql }}
),
real AS (
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
    i.*,
    coalesce(q.periode_terisi, 0) AS periode_terisi,
    q.realisasi_jumlah,
    q.realisasi_rata,
    q.realisasi_maks,
    q.periode_maks
FROM indikator AS i
LEFT JOIN real AS q USING (indikator_id)
ORDER BY i.indikator_id
