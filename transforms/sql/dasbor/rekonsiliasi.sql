SELECT tabel, dibaca, diterima, dikarantina FROM audit.rekonsiliasi ORDER BY tabel
