-- The evaluators of the Konsistensi penilai page by name (personal data; restricted output
-- only), in the evaluator's own unit: the page's code (audit.kode_penilai), the appraisals
-- counted and the evidence-adjusted estimates with their intervals and flags
-- (mart.konsistensi_penilai; docs/konsistensi.md).
SELECT
    k._tahun AS tahun, u.instansi_nama, u.unor_id, u.unor_nama,
    k.penilai_kode, k.nip_penilai AS nip, p.nama, m.dinilai,
    round(m.lunak, 2) AS kelonggaran, round(m.lunak_susut, 2) AS kelonggaran_disusutkan,
    round(m.lunak_susut_bawah, 2) AS kelonggaran_bawah_95, round(m.lunak_susut_atas, 2) AS kelonggaran_atas_95,
    round(m.tengah_ekses, 2) AS kelebihan_rating_tengah,
    CASE WHEN m.lunak_ditandai THEN 'terlalu longgar' WHEN m.ketat_ditandai THEN 'terlalu ketat'
         WHEN m.tengah_ditandai THEN 'kecenderungan tengah' WHEN m.layak THEN 'tidak ditandai'
         ELSE 'kurang dari 5 pegawai dinilai' END AS sinyal,
    m.tertaut AS penilai_tertaut
FROM audit.kode_penilai AS k
JOIN mart.konsistensi_penilai AS m
    ON m.penilai_kode = k.penilai_kode AND m.instansi_id = k.instansi_id AND m._tahun = k._tahun
JOIN stg.pegawai AS p ON p.nip = k.nip_penilai AND p._tahun = k._tahun
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._tahun = p._tahun
ORDER BY tahun, u.instansi_nama, u.unor_nama, k.penilai_kode
