-- karantina/diperbaiki.csv: rows accepted after the reader repaired them (encoding), with what it did.
SELECT _tahun AS tahun, _bundel AS bundel, tabel, sumber, baris, catatan
FROM audit.catatan_baca ORDER BY _tahun, _bundel, tabel, sumber, baris
