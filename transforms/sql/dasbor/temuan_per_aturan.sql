-- Findings per rule and severity, per year.
SELECT _tahun AS tahun, rule, keparahan, count(*) AS jumlah FROM audit.temuan GROUP BY ALL ORDER BY tahun, rule
