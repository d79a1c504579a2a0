SELECT rule, keparahan, count(*) AS jumlah FROM audit.temuan GROUP BY ALL ORDER BY rule
