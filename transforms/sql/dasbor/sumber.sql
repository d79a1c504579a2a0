-- What the readers saw per table, per year and bundle.
SELECT _tahun AS tahun, tabel, berkas, bentuk, encoding, pemisah, kolom_tambahan
FROM audit.sumber ORDER BY tahun, tabel, _bundel
