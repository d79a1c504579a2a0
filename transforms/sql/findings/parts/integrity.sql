-- NIP_INVALID, DUPLICATE_KEY, ORPHAN_REFERENCE from the problems that quarantined rows.
-- Used by transforms/findings/rules/integrity.py (with the soft references).
-- Row-level subject: '<table>:<row>' (row counts data rows from 1 within the file or sheet).
SELECT
    CASE m.kode
        WHEN 'NIP_TIDAK_VALID' THEN 'NIP_INVALID'
        WHEN 'KUNCI_DUPLIKAT' THEN 'DUPLICATE_KEY'
        ELSE 'ORPHAN_REFERENCE'
    END AS rule,
    'row' AS tingkat,
    k.tabel || ':' || k.baris AS subjek_id,
    NULL::VARCHAR AS periode,
    'Berkas ' || k.sumber || ' baris ' || k.baris || ': ' || m.pesan || '. Baris dikarantina; '
        || CASE m.kode
            WHEN 'NIP_TIDAK_VALID' THEN 'perbaiki NIP di sumber (simpan kolom NIP sebagai teks, bukan angka) lalu ekspor ulang.'
            WHEN 'KUNCI_DUPLIKAT' THEN 'hapus baris ganda atau perbaiki kuncinya di sumber.'
            ELSE 'lengkapi data yang dirujuk atau perbaiki rujukannya di sumber.'
        END AS detail,
    nullif(k.nilai_asli ->> 'nip', '') AS _nip,
    nullif(k.nilai_asli ->> 'unor_id', '') AS _unor_id,
    nullif(k.nilai_asli ->> 'instansi_id', '') AS _instansi_id
FROM audit.karantina AS k, unnest(k.masalah) AS u(m)
WHERE m.kode IN ('NIP_TIDAK_VALID', 'KUNCI_DUPLIKAT', 'REFERENSI_TIDAK_ADA')
