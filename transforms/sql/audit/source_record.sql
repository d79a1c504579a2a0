-- One row per table: files, form, encoding, delimiter, extra columns kept in _ekstra.
INSERT OR REPLACE INTO audit.sumber VALUES (?, ?, ?, ?, ?, ?)
