INSERT INTO audit.bundel VALUES (?, ?)
