-- mart.unit: every accepted unit with its depth in the hierarchy, its own employees, the
-- employees of its whole subtree, and its SKP counts (all aggregates: no personal data).
CREATE OR REPLACE TABLE mart.unit AS
WITH RECURSIVE closure(unor_id, leluhur_id, kedalaman_relatif) AS (
    SELECT unor_id, unor_id, 0 FROM stg.unit_kerja
    UNION ALL
    SELECT c.unor_id, u.unor_induk_id, c.kedalaman_relatif + 1
    FROM closure AS c
    JOIN stg.unit_kerja AS u ON u.unor_id = c.leluhur_id
    WHERE u.unor_induk_id IS NOT NULL AND c.kedalaman_relatif < 50
),
kedalaman AS (
    SELECT unor_id, max(kedalaman_relatif) AS kedalaman FROM closure GROUP BY unor_id
),
pegawai_unit AS (
    SELECT unor_id, count(*) AS jumlah_pegawai FROM stg.pegawai GROUP BY unor_id
),
skp_unit AS (
    SELECT p.unor_id, count(*) AS jumlah_skp,
        count(*) FILTER (WHERE s.status = 'Disetujui') AS skp_disetujui
    FROM stg.skp AS s JOIN stg.pegawai AS p USING (nip)
    GROUP BY p.unor_id
),
subtree AS (
    SELECT c.leluhur_id AS unor_id, sum(coalesce(pu.jumlah_pegawai, 0)) AS jumlah_pegawai_total
    FROM closure AS c LEFT JOIN pegawai_unit AS pu ON pu.unor_id = c.unor_id
    GROUP BY c.leluhur_id
)
SELECT
    u.instansi_id, u.instansi_nama, u.unor_id, u.unor_nama, u.unor_induk_id,
    k.kedalaman::INTEGER AS kedalaman,
    coalesce(pu.jumlah_pegawai, 0)::BIGINT AS jumlah_pegawai,
    coalesce(st.jumlah_pegawai_total, 0)::BIGINT AS jumlah_pegawai_total,
    coalesce(su.jumlah_skp, 0)::BIGINT AS jumlah_skp,
    coalesce(su.skp_disetujui, 0)::BIGINT AS skp_disetujui
FROM stg.unit_kerja AS u
JOIN kedalaman AS k USING (unor_id)
LEFT JOIN pegawai_unit AS pu USING (unor_id)
LEFT JOIN skp_unit AS su USING (unor_id)
LEFT JOIN subtree AS st USING (unor_id)
ORDER BY u.instansi_id, k.kedalaman, u.unor_nama;
