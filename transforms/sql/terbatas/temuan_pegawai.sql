-- Findings about named employees (personal data; restricted output only), by the employee's
-- unit in the finding's year.
SELECT
    t._tahun AS tahun, u.instansi_nama, u.unor_id, u.unor_nama,
    t.subjek_id AS nip, p.nama, t.rule, t.periode, t.keparahan, t.detail
FROM audit.temuan AS t
JOIN stg.pegawai AS p ON p.nip = t.subjek_id AND p._tahun = t._tahun
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._tahun = p._tahun
WHERE t.tingkat = 'pegawai'
ORDER BY tahun, u.instansi_nama, u.unor_nama, p.nama, t.rule, t.periode
