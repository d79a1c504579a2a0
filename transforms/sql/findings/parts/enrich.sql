-- The findings of one producer (temuan_mentah) with instansi_id / unor_id attached (via the
-- NIP's unit when the row has none) and the rule's severity, in a stable order.
SELECT
    f.rule,
    f.tingkat,
    f.subjek_id,
    coalesce(u.instansi_id, f._instansi_id) AS instansi_id,
    coalesce(f._unor_id, p.unor_id) AS unor_id,
    f.periode,
    coalesce(f._keparahan, a.keparahan) AS keparahan,
    f.detail
FROM temuan_mentah AS f
JOIN aturan_temuan AS a ON a.rule = f.rule
LEFT JOIN stg.pegawai AS p ON p.nip = f._nip
LEFT JOIN stg.unit_kerja AS u ON u.unor_id = coalesce(f._unor_id, p.unor_id)
ORDER BY f.subjek_id, f.periode, f.detail
