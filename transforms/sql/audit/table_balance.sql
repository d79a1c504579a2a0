-- Reconciliation of one table next to the quarantine rows actually stored and the physical
-- accounting of its files.
SELECT r.dibaca, r.diterima, r.dikarantina,
    (SELECT count(*) FROM audit.karantina AS k WHERE k.tabel = r.tabel) AS baris_karantina,
    coalesce(s.baris_fisik, 0) AS baris_fisik,
    coalesce(s.kosong, 0) AS kosong,
    coalesce(s.lanjutan, 0) AS lanjutan
FROM audit.rekonsiliasi AS r
LEFT JOIN audit.sumber AS s USING (tabel)
WHERE r.tabel = ?
