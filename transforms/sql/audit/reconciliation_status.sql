SELECT tabel, dibaca <> diterima + dikarantina AS tidak_seimbang FROM audit.rekonsiliasi
