-- Do leaders' and their subordinates' achievements move together? (cascading.html;
-- transforms/quality/comovement.py), every year the warehouse keeps: one row per indicator
-- with realisation of every RHK in a valid cascading link, as the intervening RHK or as the
-- one intervened (intermediate/kaskade_gudang.sql), with the year's sum and mean of its
-- periods (kualitas/capaian.sql picks the one that applies and sets it against the target;
-- kualitas/capaian_rhk.sql averages per RHK: the frame capaian_rhk). No row reaches the site,
-- and no NIP or name leaves the query.
WITH
{{ include intermediate/kaskade_gudang.sql }},
terkait AS (
    SELECT _bundel, _tahun, rhk_id FROM tautan_g
    UNION
    SELECT _bundel, _tahun, induk_id FROM tautan_g
),
tahunan AS (
    SELECT _bundel, _tahun, indikator_id,
        count(realisasi) AS periode_terisi,
        sum(realisasi) AS realisasi_jumlah,
        avg(realisasi) AS realisasi_rata
    FROM stg.realisasi
    GROUP BY ALL
    HAVING count(realisasi) > 0
)
SELECT
    r._tahun AS tahun, r._bundel AS bundel, r.instansi_id, r.unor_id, r.rhk_id, t.induk_id,
    i.indikator_id, i.uraian, i.satuan, i.target_teks, i.target_min, i.target_max,
    q.periode_terisi, q.realisasi_jumlah, q.realisasi_rata
FROM rhk_g AS r
JOIN terkait AS k ON k._bundel = r._bundel AND k._tahun = r._tahun AND k.rhk_id = r.rhk_id
JOIN stg.indikator AS i ON i.rhk_id = r.rhk_id AND i._bundel = r._bundel AND i._tahun = r._tahun
JOIN tahunan AS q ON q.indikator_id = i.indikator_id AND q._bundel = i._bundel AND q._tahun = i._tahun
LEFT JOIN tautan_g AS t ON t._bundel = r._bundel AND t._tahun = r._tahun AND t.rhk_id = r.rhk_id
