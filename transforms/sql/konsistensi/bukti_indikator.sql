-- One row per accepted indicator of an SKP: the year's realisation aggregates of
-- kualitas/target.sql, the SKP's year, and how many reported realisations have bukti dukung.
-- The evidence an appraisee's ratings are compared with (transforms.consistency.evidence).
-- Both CTEs are MATERIALIZED: computed one after the other, each within DuckDB's memory limit
-- (inlined, their joins and aggregates ran at once and exhausted 4 GiB at 1,000,000 ASN); t
-- keeps only the columns used, lapor reads the unordered model (passes with 3 GiB at 1M).
WITH t AS MATERIALIZED (
    SELECT indikator_id, uraian, satuan, target_teks, target_min, target_max,
        realisasi_jumlah, realisasi_rata, periode_terisi, nip, skp_id
    FROM (
        {{ include kualitas/target.sql }}
    )
),
lapor AS MATERIALIZED (
    SELECT indikator_id, count(*) AS dilaporkan, count(*) FILTER (WHERE jumlah_bukti > 0) AS berbukti
    FROM (
        {{ include intermediate/realisasi_bukti.sql }}
    )
    GROUP BY indikator_id
)
SELECT
    t.indikator_id, t.uraian, t.satuan, t.target_teks, t.target_min, t.target_max,
    t.realisasi_jumlah, t.realisasi_rata, t.periode_terisi,
    t.nip, s.tahun,
    coalesce(l.dilaporkan, 0) AS dilaporkan,
    coalesce(l.berbukti, 0) AS berbukti
FROM t
JOIN stg.skp AS s USING (skp_id)
LEFT JOIN lapor AS l USING (indikator_id)
WHERE t.nip IS NOT NULL
