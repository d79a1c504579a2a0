-- Every penilaian row with the appraisee's unit, instansi and jenis jabatan and the
-- evaluator's own unit and jenis jabatan (NULL when the evaluator is not in pegawai).
-- tahunan: the annual appraisal (periode = the year).
SELECT
    n.nip, n.tahun, n.periode, n.periode = CAST(n.tahun AS VARCHAR) AS tahunan,
    n.nip_penilai, n.rating_hasil_kerja, n.rating_perilaku_kerja, n.predikat,
    u.instansi_id, p.unor_id, p.jenis_jabatan,
    q.unor_id AS penilai_unor_id, q.jenis_jabatan AS penilai_jenis_jabatan
FROM stg.penilaian AS n
JOIN stg.pegawai AS p USING (nip)
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id
LEFT JOIN stg.pegawai AS q ON q.nip = n.nip_penilai
WHERE n.nip_penilai IS NOT NULL
