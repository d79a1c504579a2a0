-- Cascading findings per unit of the RHK owner and rule, every year the warehouse keeps (counts
-- only; the named list is in the restricted output, terbatas/).
SELECT _tahun AS tahun, instansi_id, unor_id, rule, count(*)::BIGINT AS jumlah
FROM audit.temuan
WHERE unor_id IS NOT NULL AND rule IN ('CASCADE_BROKEN', 'CASCADE_MISSING', 'RHK_NOT_CASCADED')
GROUP BY ALL
ORDER BY tahun, instansi_id, unor_id, rule
