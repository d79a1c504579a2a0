"""Bundle discovery and raw readers (every cell landed as text in DuckDB ``raw_<table>``)."""
