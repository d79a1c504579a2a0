-- mart.konsistensi_unit: predikat counts per unit, periode and jenis jabatan of the employees
-- placed in the unit (its head included), with the governing predikat organisasi (the unit's own
-- row for the periode, else the nearest ancestor's, else the year's): the input of the SE
-- MenPANRB 3/2023 bounds and the funnel plots (transforms.consistency; docs/konsistensi.md).
-- Counts are additive over jenis_jabatan.
CREATE OR REPLACE TABLE mart.konsistensi_unit AS
{{ include konsistensi/unit.sql }};
