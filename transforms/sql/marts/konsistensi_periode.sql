-- mart.konsistensi_periode: periodic against annual predikat per unit and year (employees
-- placed in the unit, its head included, with an annual and at least one periodic predikat):
-- tahunan_di_atas the annual predikat is above every periodic one, tahunan_di_bawah below
-- every one, sama_akhir equal to the last period's. Ranks: Sangat Baik 5 … Sangat Kurang 1.
CREATE OR REPLACE TABLE mart.konsistensi_periode AS
WITH ditempatkan AS (
    SELECT p.nip, p.unor_id, p.jenis_jabatan, u.instansi_id
    FROM stg.pegawai AS p JOIN stg.unit_kerja AS u USING (unor_id)
),
peringkat AS (
    SELECT n.nip, n.tahun, n.periode, n.periode = CAST(n.tahun AS VARCHAR) AS tahunan,
        CASE n.predikat WHEN 'Sangat Baik' THEN 5 WHEN 'Baik' THEN 4 WHEN 'Butuh Perbaikan' THEN 3
            WHEN 'Kurang/Misconduct' THEN 2 WHEN 'Sangat Kurang' THEN 1 END AS nilai
    FROM stg.penilaian AS n WHERE n.predikat IS NOT NULL
),
pegawai AS (
    SELECT nip, tahun,
        max(nilai) FILTER (WHERE tahunan) AS tahunan,
        max(nilai) FILTER (WHERE NOT tahunan) AS periode_maks,
        min(nilai) FILTER (WHERE NOT tahunan) AS periode_min,
        arg_max(nilai, periode) FILTER (WHERE NOT tahunan) AS periode_akhir
    FROM peringkat GROUP BY ALL
)
SELECT
    d.instansi_id, d.unor_id, g.tahun, d.jenis_jabatan,
    count(*)::BIGINT AS pegawai,
    count(*) FILTER (WHERE g.tahunan > g.periode_maks)::BIGINT AS tahunan_di_atas,
    count(*) FILTER (WHERE g.tahunan < g.periode_min)::BIGINT AS tahunan_di_bawah,
    count(*) FILTER (WHERE g.tahunan = g.periode_akhir)::BIGINT AS sama_akhir
FROM pegawai AS g JOIN ditempatkan AS d USING (nip)
WHERE g.tahunan IS NOT NULL AND g.periode_maks IS NOT NULL
GROUP BY ALL
ORDER BY d.instansi_id, d.unor_id, g.tahun, d.jenis_jabatan;
