-- Per (nip, tahun): the evidence behind the appraisee's year (transforms.consistency.evidence),
-- over the source query's indicators (konsistensi/bukti_indikator.sql with capaian):
-- capaian the mean achievement, indikator how many have one, tercapai how many reach their
-- target (capaian >= 1), dilaporkan reported realisations, berbukti those with bukti dukung
-- (NULL when the bundle holds no bukti dukung at all: it then says nothing about evidence),
-- cakupan_bukti = berbukti / dilaporkan.
WITH indikator AS (
    SELECT * FROM ({{ source }})
),
per_pegawai AS (
    SELECT
        nip, tahun,
        avg(capaian) AS capaian,
        count(capaian) AS indikator,
        count(*) FILTER (WHERE capaian >= 1.0) AS tercapai,
        sum(dilaporkan)::BIGINT AS dilaporkan,
        CASE WHEN (SELECT count(*) FROM stg.bukti_dukung) > 0
            THEN sum(berbukti)::BIGINT END AS berbukti
    FROM indikator
    GROUP BY nip, tahun
)
SELECT
    *,
    CASE WHEN dilaporkan > 0 THEN berbukti / dilaporkan END AS cakupan_bukti
FROM per_pegawai
ORDER BY nip, tahun
