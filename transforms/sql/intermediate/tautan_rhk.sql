-- Intermediate model (included by findings/cascade.sql and marts/keselarasan.sql): CTEs over
-- the staged RHK and SKP. An employee's leaders in a year are the penilai of any of their SKP
-- that year (a mid-year mover has two) and their atasan (pegawai.nip_atasan).
--   rhk       every RHK with its SKP's owner, year and penilai
--   pemimpin  (nip, tahun, pemimpin): the employee's leaders
--   tautan    every link rhk -> rhk_atasan_id: does the target exist, whose is it, which year,
--             is its owner one of the employee's leaders
--   rantai    each link followed upwards (a chain still going at depth 64 runs into a cycle)
--   siklus    the RHK whose chain runs into a cycle
-- Use as: "WITH RECURSIVE" + an include line naming this file + ", more AS (...) SELECT ...".
rhk AS (
    SELECT h.rhk_id, h.skp_id, h.jenis, h.uraian, h.rhk_atasan_id, s.nip, s.tahun, s.nip_penilai
    FROM stg.rhk AS h JOIN stg.skp AS s USING (skp_id)
),
pemimpin AS (
    SELECT DISTINCT nip, tahun, nip_penilai AS pemimpin FROM stg.skp WHERE nip_penilai IS NOT NULL
    UNION
    SELECT s.nip, s.tahun, p.nip_atasan
    FROM stg.skp AS s JOIN stg.pegawai AS p USING (nip)
    WHERE p.nip_atasan IS NOT NULL
),
tautan AS (
    SELECT
        c.rhk_id, c.uraian, c.nip, c.tahun, c.rhk_atasan_id,
        t.rhk_id IS NOT NULL AS ada,
        t.nip AS pemilik,
        t.tahun AS tahun_target,
        t.uraian AS uraian_target,
        EXISTS (
            SELECT 1 FROM pemimpin AS l
            WHERE l.nip = c.nip AND l.tahun = c.tahun AND l.pemimpin = t.nip
        ) AS ke_pemimpin
    FROM rhk AS c
    LEFT JOIN rhk AS t ON t.rhk_id = c.rhk_atasan_id
    WHERE c.rhk_atasan_id IS NOT NULL
),
-- Follow each link upwards; a real hierarchy is a few levels deep, so a chain still going at
-- depth 64 runs in (or into) a cycle.
rantai(awal, kini, kedalaman) AS (
    SELECT rhk_id, rhk_atasan_id, 1 FROM tautan WHERE ada
    UNION ALL
    SELECT r.awal, n.rhk_atasan_id, r.kedalaman + 1
    FROM rantai AS r JOIN stg.rhk AS n ON n.rhk_id = r.kini
    WHERE n.rhk_atasan_id IS NOT NULL AND r.kedalaman < 64
),
siklus AS (SELECT DISTINCT awal AS rhk_id FROM rantai WHERE kedalaman >= 64)
