-- rule: CASCADE_BROKEN, CASCADE_MISSING, RHK_NOT_CASCADED
-- Cascading (PermenPANRB 6/2022; docs/temuan.md): each Utama RHK intervenes an RHK of the
-- employee's leader, up to the top JPT's RHK. An employee's leaders in a year are the penilai of
-- any of their SKP that year (a mid-year mover has two) and their atasan (pegawai.nip_atasan).
--   CASCADE_BROKEN   rhk_atasan_id names an RHK that does not exist, of another year, not of a
--                    leader's SKP, or whose chain runs into a cycle;
--   CASCADE_MISSING  an Utama RHK intervening nothing, of anyone but the top official (an SKP
--                    without penilai);
--   RHK_NOT_CASCADED a leader's Utama RHK that no subordinate's RHK validly intervenes
--                    (leaders without subordinates are not flagged).
WITH RECURSIVE
{{ include intermediate/tautan_rhk.sql }},
pemimpin_list AS (
    SELECT nip, tahun, string_agg(DISTINCT pemimpin, ', ' ORDER BY pemimpin) AS daftar
    FROM pemimpin GROUP BY ALL
),
bawahan AS (
    SELECT pemimpin AS nip, tahun, count(DISTINCT nip) AS jumlah FROM pemimpin GROUP BY ALL
),
diintervensi AS (
    SELECT DISTINCT rhk_atasan_id AS rhk_id FROM tautan WHERE ada AND ke_pemimpin
)
SELECT
    'CASCADE_BROKEN' AS rule,
    'rhk' AS tingkat,
    t.rhk_id AS subjek_id,
    NULL::VARCHAR AS periode,
    'RHK ''' || t.uraian || ''' menunjuk RHK atasan ' || t.rhk_atasan_id
        || CASE
            WHEN NOT t.ada THEN ' yang tidak ada dalam bundel'
            WHEN t.tahun_target <> t.tahun THEN ' dari SKP tahun ' || t.tahun_target || ', bukan tahun ' || t.tahun
            WHEN NOT t.ke_pemimpin THEN ' (''' || t.uraian_target || ''') milik SKP NIP ' || t.pemilik
                || ', bukan penilai atau atasan pegawai ini ('
                || coalesce(pl.daftar, 'tidak tercatat') || ')'
            ELSE ' yang rantainya berputar kembali (siklus rhk_atasan_id)'
        END
        || '. Perbaiki "RHK pimpinan yang diintervensi" agar menunjuk RHK dalam SKP penilai atau atasan pada tahun yang sama.' AS detail,
    t.nip AS _nip
FROM tautan AS t
LEFT JOIN pemimpin_list AS pl ON pl.nip = t.nip AND pl.tahun = t.tahun
WHERE NOT t.ada OR t.tahun_target <> t.tahun OR NOT t.ke_pemimpin
   OR t.rhk_id IN (SELECT rhk_id FROM siklus)
UNION ALL
SELECT
    'CASCADE_MISSING', 'rhk', r.rhk_id, NULL,
    'RHK Utama ''' || r.uraian || ''' tidak mengintervensi RHK pimpinan mana pun. Pilih RHK penilai'
        || ' (NIP ' || r.nip_penilai || ') yang didukung RHK ini sebagai "RHK pimpinan yang diintervensi".',
    r.nip
FROM rhk AS r
WHERE r.jenis = 'Utama' AND r.rhk_atasan_id IS NULL AND r.nip_penilai IS NOT NULL
UNION ALL
SELECT
    'RHK_NOT_CASCADED', 'rhk', r.rhk_id, NULL,
    'RHK Utama ''' || r.uraian || ''' tidak diintervensi oleh RHK bawahan mana pun (' || b.jumlah
        || ' bawahan pada tahun ' || r.tahun || '). Turunkan RHK ini ke RHK bawahan yang sesuai, atau'
        || ' tinjau apakah RHK ini memang perlu.',
    r.nip
FROM rhk AS r
JOIN bawahan AS b ON b.nip = r.nip AND b.tahun = r.tahun
WHERE r.jenis = 'Utama' AND r.rhk_id NOT IN (SELECT rhk_id FROM diintervensi)
