-- Predikat counts per (instansi, unit, tahun, periode, jenis_jabatan) with the governing
-- predikat organisasi: the unit's own row for the periode, else the nearest ancestor's, else
-- the year's (dari_tahunan). See predikat_unit.sql and predikat_organisasi.sql.
WITH RECURSIVE
hitung AS (
    {{ include konsistensi/predikat_unit.sql }}
),
org AS (
    {{ include konsistensi/predikat_organisasi.sql }}
)
SELECT
    h.*,
    coalesce(o.predikat_organisasi, t.predikat_organisasi) AS predikat_organisasi,
    coalesce(o.sumber_unor_id, t.sumber_unor_id) AS sumber_unor_id,
    coalesce(o.jarak, t.jarak) AS jarak,
    o.predikat_organisasi IS NULL AND t.predikat_organisasi IS NOT NULL AS dari_tahunan
FROM hitung AS h
LEFT JOIN org AS o USING (unor_id, tahun, periode)
LEFT JOIN org AS t ON t.unor_id = h.unor_id AND t.tahun = h.tahun AND t.periode = CAST(h.tahun AS VARCHAR)
ORDER BY h.instansi_id, h.unor_id, h.periode, h.jenis_jabatan
