-- temuan.csv: every finding the warehouse keeps, in a deterministic order.
SELECT rule, tingkat, subjek_id, _tahun AS tahun, instansi_id, unor_id, periode, keparahan, detail
FROM audit.temuan
ORDER BY _tahun, rule, subjek_id, periode NULLS FIRST, instansi_id NULLS FIRST, unor_id NULLS FIRST, detail
