-- mart.mutu_penyebut: denominators of the SKP quality score (docs/kualitas-skor.md) per unit,
-- counting what belongs to the employees placed directly in it (pegawai.unor_id): employees,
-- SKP, indikator (indikator -> rhk -> skp -> pegawai) and reported realisasi rows (macro
-- realisasi_dilaporkan, as EVIDENCE_MISSING counts them). Every accepted unit gets a row (zeros included); counts only.
CREATE OR REPLACE TABLE mart.mutu_penyebut AS
WITH skp AS (
    SELECT s.skp_id, p.unor_id
    FROM stg.skp AS s JOIN stg.pegawai AS p ON p.nip = s.nip
),
indikator AS (
    SELECT i.indikator_id, s.unor_id
    FROM stg.indikator AS i
    JOIN stg.rhk AS h USING (rhk_id)
    JOIN skp AS s ON s.skp_id = h.skp_id
),
per_unit AS (
    SELECT unor_id, count(*) AS jumlah_pegawai, 0 AS jumlah_skp, 0 AS jumlah_indikator,
        0 AS jumlah_realisasi_terisi
    FROM stg.pegawai GROUP BY unor_id
    UNION ALL
    SELECT unor_id, 0, count(*), 0, 0 FROM skp GROUP BY unor_id
    UNION ALL
    SELECT unor_id, 0, 0, count(*), 0 FROM indikator GROUP BY unor_id
    UNION ALL
    SELECT i.unor_id, 0, 0, 0, count(*)
    FROM stg.realisasi AS r JOIN indikator AS i USING (indikator_id)
    WHERE realisasi_dilaporkan(r.realisasi, r.realisasi_teks)
    GROUP BY i.unor_id
)
SELECT
    u.instansi_id, u.unor_id,
    coalesce(sum(c.jumlah_pegawai), 0)::BIGINT AS jumlah_pegawai,
    coalesce(sum(c.jumlah_skp), 0)::BIGINT AS jumlah_skp,
    coalesce(sum(c.jumlah_indikator), 0)::BIGINT AS jumlah_indikator,
    coalesce(sum(c.jumlah_realisasi_terisi), 0)::BIGINT AS jumlah_realisasi_terisi
FROM stg.unit_kerja AS u
LEFT JOIN per_unit AS c USING (unor_id)
GROUP BY u.instansi_id, u.unor_id
ORDER BY u.instansi_id, u.unor_id;
