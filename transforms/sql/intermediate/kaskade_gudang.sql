-- Intermediate model over the WAREHOUSE (every year and bundle it keeps; included by
-- dasbor/kaskade_rhk.sql and kualitas/capaian_kaskade.sql): the cascade as the per-bundle rule
-- judged it (findings/cascade.sql over intermediate/tautan_rhk.sql). Rows of one bundle join
-- only rows of the same bundle and year.
--   rhk_g     every RHK with its owner's unit, instansi and jabatan, and whether the owner is
--             the top official (an SKP without penilai); no NIP or name leaves this CTE
--   putus_g   the RHK flagged CASCADE_BROKEN (a link to nothing, another year, not a
--             leader's RHK, or into a cycle)
--   tautan_g  the valid links: rhk_atasan_id names an RHK of the bundle and the rule did not
--             flag it (child rhk_id -> induk_id)
-- Use as: "WITH" (or "WITH RECURSIVE") + an include line naming this file + ", more AS (...)".
rhk_g AS (
    SELECT
        h._bundel, h._tahun, h.rhk_id, h.jenis, h.uraian, h.rhk_atasan_id, h.jenis_cascading,
        s.nip_penilai IS NULL AS milik_puncak,
        u.instansi_id, p.unor_id, p.jenis_jabatan, p.jabatan
    FROM stg.rhk AS h
    JOIN stg.skp AS s ON s.skp_id = h.skp_id AND s._bundel = h._bundel AND s._tahun = h._tahun
    JOIN stg.pegawai AS p ON p.nip = s.nip AND p._bundel = s._bundel AND p._tahun = s._tahun
    JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._bundel = p._bundel AND u._tahun = p._tahun
),
putus_g AS (
    SELECT DISTINCT _bundel, _tahun, subjek_id AS rhk_id
    FROM audit.temuan
    WHERE rule = 'CASCADE_BROKEN' AND tingkat = 'rhk'
),
tautan_g AS (
    SELECT c._bundel, c._tahun, c.rhk_id, c.rhk_atasan_id AS induk_id
    FROM rhk_g AS c
    JOIN rhk_g AS t ON t._bundel = c._bundel AND t._tahun = c._tahun AND t.rhk_id = c.rhk_atasan_id
    WHERE NOT EXISTS (
        SELECT 1 FROM putus_g AS b
        WHERE b._bundel = c._bundel AND b._tahun = c._tahun AND b.rhk_id = c.rhk_id
    )
)
