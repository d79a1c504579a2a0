-- karantina/<tabel>.csv: the quarantined rows of one table ($1), every bundle kept.
SELECT _tahun AS tahun, _bundel AS bundel, tabel, sumber, baris, kode_alasan, alasan, nilai_asli
FROM audit.karantina WHERE tabel = $1 ORDER BY _tahun, _bundel, sumber, baris
