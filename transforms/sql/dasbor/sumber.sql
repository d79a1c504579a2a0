-- What the readers saw per table, per year and bundle (bundle named by the last part of its path).
SELECT s._tahun AS tahun, regexp_extract(b.jalur, '([^/\\]+)[/\\]*$', 1) AS bundel, s.tabel,
    s.berkas, s.bentuk, s.encoding, s.pemisah, s.kolom_tambahan
FROM audit.sumber AS s LEFT JOIN audit.bundel_dimuat AS b ON b._bundel = s._bundel
ORDER BY tahun, s.tabel, bundel
