-- One row per accepted SKP with its count of Utama and Tambahan RHK, and the RHK rows of that
-- SKP that were quarantined (a quarantined Utama RHK would make an SKP look as if it had none):
-- what SKP_WITHOUT_UTAMA validates.
WITH rhk AS (
    SELECT skp_id,
        count(*) FILTER (WHERE jenis = 'Utama') AS rhk_utama,
        count(*) FILTER (WHERE jenis <> 'Utama') AS rhk_tambahan
    FROM stg.rhk GROUP BY skp_id
),
dikarantina AS (
    SELECT nilai_asli ->> 'skp_id' AS skp_id, count(*) AS rhk_dikarantina
    FROM audit.karantina WHERE tabel = 'rhk' GROUP BY ALL
)
SELECT
    s.skp_id, s.nip, s.status, s.periode_mulai, s.periode_selesai,
    coalesce(r.rhk_utama, 0) AS rhk_utama,
    coalesce(r.rhk_tambahan, 0) AS rhk_tambahan,
    coalesce(k.rhk_dikarantina, 0) AS rhk_dikarantina
FROM stg.skp AS s
LEFT JOIN rhk AS r USING (skp_id)
LEFT JOIN dikarantina AS k USING (skp_id)
ORDER BY s.skp_id
