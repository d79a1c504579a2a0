-- Findings per unit and rule, every year the warehouse keeps (counts only; findings without a
-- unit, e.g. a broken NIP row, are left out: they are in temuan_per_aturan).
SELECT _tahun AS tahun, instansi_id, unor_id, rule, min(keparahan) AS keparahan,
    count(*)::BIGINT AS jumlah
FROM audit.temuan
WHERE unor_id IS NOT NULL
GROUP BY _tahun, instansi_id, unor_id, rule
ORDER BY tahun, instansi_id, unor_id, rule
