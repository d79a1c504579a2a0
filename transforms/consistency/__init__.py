"""Rating consistency (issue 10): SE MenPANRB 3/2023 bounds, funnel plots with over-dispersion,
evaluator leniency, severity and central tendency, rating–evidence discordance.

Pure functions over DuckDB/Polars; methods and thresholds in docs/konsistensi.md."""
