-- Attach instansi_id / unor_id to every finding (via the NIP's unit when the row has none) and
-- the rule's severity; write the findings table in a stable order.
CREATE OR REPLACE TABLE audit.temuan AS
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
ORDER BY a.urutan, f.subjek_id, f.periode
