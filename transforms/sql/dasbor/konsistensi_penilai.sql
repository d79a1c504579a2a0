-- Evaluators (penilai) per instansi and year: the evidence-adjusted leniency and central
-- tendency with their intervals, flags and linkage (mart.konsistensi_penilai, no NIP or name:
-- penilai_kode), with the evaluator's unit name. Counts per evidence band and rating category
-- are suppressed by reports.pages.konsistensi.
SELECT
    p._tahun AS tahun, p.instansi_id, coalesce(i.instansi_nama, p.instansi_id) AS instansi_nama,
    p.penilai_kode, p.penilai_unor_id, coalesce(u.unor_nama, p.penilai_unor_id) AS penilai_unor_nama,
    p.penilai_jenis_jabatan,
    p.dinilai::BIGINT AS dinilai, p.layak,
    p.lunak, p.lunak_susut, p.lunak_susut_bawah, p.lunak_susut_atas, p.lunak_z, p.lunak_q_atas, p.lunak_q_bawah,
    p.lunak_phi, p.lunak_tau2,
    p.tengah_ekses, p.tengah_susut, p.tengah_susut_bawah, p.tengah_susut_atas, p.tengah_z,
    p.sd_rating, p.sd_harapan,
    p.lunak_ditandai, p.ketat_ditandai, p.tengah_ditandai,
    p.tertaut::BIGINT AS tertaut, p.komponen_ukuran::BIGINT AS komponen_ukuran,
    p.pita_bawah::BIGINT AS pita_bawah, p.pita_sesuai::BIGINT AS pita_sesuai,
    p.pita_atas::BIGINT AS pita_atas, p.pita_tanpa_capaian::BIGINT AS pita_tanpa_capaian,
    p.rating_atas::BIGINT AS rating_atas, p.tengah::BIGINT AS rating_tengah,
    p.rating_bawah::BIGINT AS rating_bawah,
    p.di_atas_bukti::BIGINT AS di_atas_bukti, p.di_bawah_bukti::BIGINT AS di_bawah_bukti
FROM mart.konsistensi_penilai AS p
LEFT JOIN mart.unit AS u ON u._tahun = p._tahun AND u.unor_id = p.penilai_unor_id
LEFT JOIN (SELECT _tahun, instansi_id, min(instansi_nama) AS instansi_nama FROM mart.unit GROUP BY ALL) AS i
    ON i._tahun = p._tahun AND i.instansi_id IS NOT DISTINCT FROM p.instansi_id
ORDER BY tahun, p.instansi_id, p.penilai_kode
