-- rekonsiliasi.csv: per bundle (year, fingerprint) and table, the physical lines of its files
-- beside the records read, accepted and quarantined, the blank and continuation lines that
-- make up the difference, rows repaired while reading, source files and extra columns.
SELECT r._tahun AS tahun, r._bundel AS bundel, r.tabel,
    coalesce(s.baris_fisik, 0) AS baris_fisik, r.dibaca, r.diterima, r.dikarantina,
    coalesce(s.kosong, 0) AS kosong, coalesce(s.lanjutan, 0) AS lanjutan,
    coalesce(s.diperbaiki, 0) AS diperbaiki, coalesce(s.berkas, '-') AS berkas,
    coalesce(s.kolom_tambahan, '') AS kolom_tambahan
FROM audit.rekonsiliasi AS r
LEFT JOIN audit.sumber AS s USING (_bundel, tabel)
ORDER BY r._tahun, r._bundel, r.tabel
