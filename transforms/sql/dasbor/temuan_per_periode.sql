-- Findings per rule and periode (findings that name one: e.g. EVIDENCE_MISSING '2025-TW2' or
-- '2025-03'), every year the warehouse keeps.
SELECT _tahun AS tahun, periode, rule, count(*)::BIGINT AS jumlah
FROM audit.temuan
WHERE periode IS NOT NULL
GROUP BY ALL
ORDER BY tahun, periode, rule
