-- Career counts per unit and jenis jabatan, every year the warehouse keeps (mart.karier:
-- predikat condition of kenaikan pangkat, follow-up, JF with angka kredit, the 9-box), with
-- the unit's names. Counts of people: suppressed by reports.karier.
SELECT
    k._tahun AS tahun, k.instansi_id, coalesce(u.instansi_nama, k.instansi_id) AS instansi_nama,
    k.unor_id, coalesce(u.unor_nama, k.unor_id) AS unor_nama, k.jenis_jabatan,
    k.pegawai, k.kp_ya, k.kp_tidak, k.kp_tidak_diketahui, k.kp_tidak_berlaku, k.tindak_lanjut,
    k.jf_angka_kredit, k.kotak_1, k.kotak_2, k.kotak_3, k.kotak_4, k.kotak_5, k.kotak_6,
    k.kotak_7, k.kotak_8, k.kotak_9, k.tanpa_kotak, k.suksesi
FROM mart.karier AS k
LEFT JOIN mart.unit AS u ON u._tahun = k._tahun AND u._bundel = k._bundel AND u.unor_id = k.unor_id
ORDER BY tahun, k.instansi_id, k.unor_id, k.jenis_jabatan
