-- The predikat organisasi that governs each unit's distribution, per tahun and periode: the
-- unit's own kinerja_organisasi row, else the nearest ancestor's (unor_induk_id chain, at
-- most 64 steps so a cyclic tree ends). sumber_unor_id names the unit whose row is used,
-- jarak how many steps up it is (0 = the unit's own).
WITH RECURSIVE naik(unor_id, leluhur, jarak) AS (
    SELECT unor_id, unor_id, 0 FROM stg.unit_kerja
    UNION ALL
    SELECT n.unor_id, u.unor_induk_id, n.jarak + 1
    FROM naik AS n JOIN stg.unit_kerja AS u ON u.unor_id = n.leluhur
    WHERE u.unor_induk_id IS NOT NULL AND n.jarak < 64
)
SELECT
    n.unor_id, k.tahun, k.periode,
    arg_min(k.predikat_organisasi, n.jarak) AS predikat_organisasi,
    arg_min(n.leluhur, n.jarak) AS sumber_unor_id,
    min(n.jarak) AS jarak
FROM naik AS n
JOIN stg.kinerja_organisasi AS k ON k.unor_id = n.leluhur
WHERE k.predikat_organisasi IS NOT NULL
GROUP BY ALL
