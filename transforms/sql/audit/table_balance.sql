-- Reconciliation of one table next to the quarantine rows actually stored.
SELECT r.dibaca, r.diterima, r.dikarantina,
    (SELECT count(*) FROM audit.karantina AS k WHERE k.tabel = r.tabel) AS baris_karantina
FROM audit.rekonsiliasi AS r
WHERE r.tabel = ?
