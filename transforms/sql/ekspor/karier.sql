-- OUT/terbatas/karier.csv: one row per employee and year the warehouse keeps
-- (audit.karier_pegawai of the bundles still kept; docs/karier.md lists every column). The
-- predikat of the year and the year before, their sources, memenuhi_predikat_kp and
-- selisih_siasn come from the warehouse-wide history (audit.karier_kp_gudang,
-- transforms.career.across_bundles); angka kredit, the 9-box and the follow-up from the bundle.
SELECT
    k.nip, k.instansi_id, k.unor_id, k._tahun AS tahun,
    g.predikat, g.predikat_tahun_sebelumnya, g.memenuhi_predikat_kp,
    k.jenis_jabatan, k.jenjang, k.bulan_dinilai, k.angka_kredit, k.kotak_9,
    k.jenis_asn, g.sumber_predikat, g.sumber_predikat_tahun_sebelumnya, k.syarat_masa_pangkat,
    k.kategori_potensi, k.kotak_9_label,
    CASE WHEN k.kotak_9 IS NOT NULL THEN CASE WHEN k.suksesi THEN 'ya' ELSE 'tidak' END END AS suksesi,
    CASE WHEN k.tindak_lanjut THEN 'ya' ELSE 'tidak' END AS tindak_lanjut,
    k.tindak_lanjut_mulai, k.tindak_lanjut_selesai, k.dasar_mulai, k.dasar_konsekuensi,
    g.selisih_siasn, k.rincian_angka_kredit
FROM audit.karier_pegawai AS k
JOIN stg.pegawai AS p ON p.nip = k.nip AND p._bundel = k._bundel AND p._tahun = k._tahun
JOIN audit.karier_kp_gudang AS g ON g.nip = k.nip AND g._bundel = k._bundel AND g._tahun = k._tahun
ORDER BY tahun, k.instansi_id, k.unor_id, k.nip
