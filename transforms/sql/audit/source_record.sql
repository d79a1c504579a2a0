-- One row per table: files, form, encoding, delimiter, extra columns kept in _ekstra, and the
-- physical accounting (baris_fisik, kosong, lanjutan, diperbaiki).
INSERT OR REPLACE INTO audit.sumber VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
