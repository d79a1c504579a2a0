-- capaian: each row of the source query (a query with the columns of kualitas/target.sql: the
-- texts, target_min and the year's realisasi_jumlah / realisasi_rata) with its achievement
-- against the target (transforms.quality.targets.achievement_query). What the texts say
-- (the target read from the text, a level or an additive unit, something to minimise) comes
-- from the temp table _teks_target, computed once per distinct text. The year's value is the
-- mean of the periods for a level and their sum otherwise (contract §2); a range counts as
-- met at its minimum; something to minimise gets target / realisation (a realisation of 0
-- meets any target); clipped to [0, 2] so one indicator cannot dominate.
WITH nilai AS (
    SELECT
        s.*,
        coalesce(s.target_min::DOUBLE, p._angka) AS _target,
        CASE WHEN p._level THEN s.realisasi_rata ELSE s.realisasi_jumlah END::DOUBLE AS _nilai,
        p._minimal AS _minimal
    FROM ({{ source }}) AS s
    LEFT JOIN _teks_target AS p
        ON p.uraian IS NOT DISTINCT FROM s.uraian::VARCHAR
        AND p.satuan IS NOT DISTINCT FROM s.satuan::VARCHAR
        AND p.target_teks IS NOT DISTINCT FROM s.target_teks::VARCHAR
),
rasio AS (
    SELECT
        * EXCLUDE (_target, _nilai, _minimal),
        CASE
            WHEN _nilai IS NULL OR _target IS NULL THEN NULL
            WHEN _minimal AND _nilai <= 0 THEN 2.0
            WHEN _minimal AND _target > 0 THEN _target / _nilai
            WHEN _target > 0 THEN _nilai / _target
        END::DOUBLE AS _rasio
    FROM nilai
)
SELECT
    * EXCLUDE (_rasio),
    CASE WHEN _rasio < 0 THEN 0.0 WHEN _rasio > 2 THEN 2.0 ELSE _rasio END AS capaian
FROM rasio
