-- mart.keselarasan: cascading alignment per unit and jenis jabatan of the RHK owner (counts,
-- additive: sum them for a unit, an instansi or a jenis jabatan; docs/keselarasan.md).
--   rhk_utama_wajib        Utama RHK that must intervene a leader's RHK (not the top official's)
--   rhk_utama_terhubung    of those, validly linked (target exists, same year, a leader's, no cycle)
--   sampai_puncak          of those, whose chain of valid links reaches the top official's RHK
--   kedalaman_total        sum of the chain lengths of those reaching the top (average = / sampai_puncak)
--   langsung, tidak_langsung  the valid links by jenis_cascading
--   rhk_pimpinan           Utama RHK of leaders (who have subordinates that year)
--   rhk_pimpinan_diintervensi  of those, validly intervened by a subordinate's RHK
CREATE OR REPLACE TABLE mart.keselarasan AS
WITH RECURSIVE
{{ include intermediate/tautan_rhk.sql }},
sah AS (
    SELECT t.rhk_id, t.rhk_atasan_id
    FROM tautan AS t
    WHERE t.ada AND t.tahun_target = t.tahun AND t.ke_pemimpin
      AND t.rhk_id NOT IN (SELECT rhk_id FROM siklus)
),
naik(awal, kini, langkah) AS (
    SELECT rhk_id, rhk_atasan_id, 1 FROM sah
    UNION ALL
    SELECT n.awal, s.rhk_atasan_id, n.langkah + 1
    FROM naik AS n JOIN sah AS s ON s.rhk_id = n.kini
    WHERE n.langkah < 64
),
puncak AS (
    SELECT n.awal AS rhk_id, min(n.langkah) AS kedalaman
    FROM naik AS n JOIN rhk AS r ON r.rhk_id = n.kini
    WHERE r.nip_penilai IS NULL
    GROUP BY n.awal
),
bawahan AS (SELECT DISTINCT pemimpin AS nip, tahun FROM pemimpin),
diintervensi AS (SELECT DISTINCT rhk_atasan_id AS rhk_id FROM sah),
per_rhk AS (
    SELECT
        p.unor_id, p.jenis_jabatan, r.rhk_id,
        r.nip_penilai IS NOT NULL AS wajib,
        s.rhk_id IS NOT NULL AS terhubung,
        pk.kedalaman,
        h.jenis_cascading,
        b.nip IS NOT NULL AS pimpinan,
        d.rhk_id IS NOT NULL AS diintervensi
    FROM rhk AS r
    JOIN stg.rhk AS h USING (rhk_id)
    JOIN stg.pegawai AS p ON p.nip = r.nip
    LEFT JOIN sah AS s ON s.rhk_id = r.rhk_id
    LEFT JOIN puncak AS pk ON pk.rhk_id = r.rhk_id
    LEFT JOIN bawahan AS b ON b.nip = r.nip AND b.tahun = r.tahun
    LEFT JOIN diintervensi AS d ON d.rhk_id = r.rhk_id
    WHERE r.jenis = 'Utama'
)
SELECT
    u.instansi_id, x.unor_id, x.jenis_jabatan,
    count(*) FILTER (WHERE x.wajib)::BIGINT AS rhk_utama_wajib,
    count(*) FILTER (WHERE x.wajib AND x.terhubung)::BIGINT AS rhk_utama_terhubung,
    count(*) FILTER (WHERE x.wajib AND x.kedalaman IS NOT NULL)::BIGINT AS sampai_puncak,
    coalesce(sum(x.kedalaman) FILTER (WHERE x.wajib), 0)::BIGINT AS kedalaman_total,
    count(*) FILTER (WHERE x.terhubung AND x.jenis_cascading = 'Langsung')::BIGINT AS langsung,
    count(*) FILTER (WHERE x.terhubung AND x.jenis_cascading = 'Tidak Langsung')::BIGINT AS tidak_langsung,
    count(*) FILTER (WHERE x.pimpinan)::BIGINT AS rhk_pimpinan,
    count(*) FILTER (WHERE x.pimpinan AND x.diintervensi)::BIGINT AS rhk_pimpinan_diintervensi
FROM per_rhk AS x
JOIN stg.unit_kerja AS u USING (unor_id)
GROUP BY ALL
ORDER BY u.instansi_id, x.unor_id, x.jenis_jabatan;
