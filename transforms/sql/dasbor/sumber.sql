SELECT tabel, berkas, bentuk, encoding, pemisah, kolom_tambahan FROM audit.sumber ORDER BY tabel
