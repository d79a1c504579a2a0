-- sheet: Karier dan tindak lanjut
-- order: 40
-- uraian: setiap pegawai unit ini dengan predikat tahunan dua tahun terakhir dan sumbernya, syarat predikat kenaikan pangkat (syarat 4 tahun dalam pangkat tidak dapat diperiksa: ekspor tidak memuat TMT pangkat), angka kredit jabatan fungsional beserta rincian periode SKP dan predikat yang mendasarinya, kotak manajemen talenta, dan jendela perbaikan kinerja 6 bulan (PP 30/2019 Pasal 56-57) bagi predikat Butuh Perbaikan atau lebih rendah.
-- kolom nip: NIP
-- kolom nama: Nama
-- kolom jabatan: Jabatan
-- kolom jenjang: Jenjang JF (akhir tahun)
-- kolom predikat: Predikat tahunan
-- kolom predikat_tahun_sebelumnya: Predikat tahun sebelumnya
-- kolom memenuhi_predikat_kp: Memenuhi syarat predikat KP (syarat 4 tahun dalam pangkat tidak dapat diperiksa)
-- kolom angka_kredit: Angka kredit
-- kolom bulan_dinilai: Bulan dihitung
-- kolom rincian_angka_kredit: Rincian angka kredit
-- kolom kotak_9: Kotak talenta (9-box)
-- kolom tindak_lanjut_mulai: Perbaikan mulai
-- kolom tindak_lanjut_selesai: Perbaikan berakhir
-- kolom konsekuensi: Konsekuensi bila tidak membaik
-- kolom selisih_siasn: Selisih e-Kinerja dan SIASN
-- bungkus: jabatan, predikat, predikat_tahun_sebelumnya, rincian_angka_kredit, kotak_9, konsekuensi, selisih_siasn
-- (audit.karier_pegawai, transforms.career; docs/karier.md). Rows of the bundles the warehouse
-- still keeps: joined to stg.pegawai of the same bundle and year. The two years' predikat, the
-- KP condition and selisih_siasn from the warehouse-wide history (audit.karier_kp_gudang).
SELECT
    k._tahun AS tahun, u.instansi_nama, u.unor_id, u.unor_nama,
    k.nip, p.nama, p.jabatan, k.jenjang,
    CASE WHEN g.predikat IS NULL THEN 'tidak ada'
         ELSE g.predikat || ' (' || k._tahun || ', ' || g.sumber_predikat || ')' END AS predikat,
    CASE WHEN g.predikat_tahun_sebelumnya IS NULL THEN 'tidak ada'
         ELSE g.predikat_tahun_sebelumnya || ' (' || (k._tahun - 1) || ', '
              || g.sumber_predikat_tahun_sebelumnya || ')' END AS predikat_tahun_sebelumnya,
    coalesce(g.memenuhi_predikat_kp, 'tidak berlaku (PPPK)') AS memenuhi_predikat_kp,
    k.angka_kredit, k.bulan_dinilai, k.rincian_angka_kredit,
    CASE WHEN k.kotak_9 IS NOT NULL THEN
             k.kotak_9 || ' — ' || k.kotak_9_label || CASE WHEN k.suksesi THEN ' (kelompok suksesi)' ELSE '' END
         WHEN k.predikat IS NULL THEN 'tanpa kotak: tidak ada predikat'
         ELSE 'tanpa kotak: tidak ada data potensi ' || k.tahun END AS kotak_9,
    CASE WHEN k.tindak_lanjut_mulai IS NOT NULL
         THEN strftime(k.tindak_lanjut_mulai, '%Y-%m-%d') || ' (' || k.dasar_mulai || ')' END AS tindak_lanjut_mulai,
    strftime(k.tindak_lanjut_selesai, '%Y-%m-%d') AS tindak_lanjut_selesai,
    CASE WHEN k.tindak_lanjut THEN k.konsekuensi || ' (' || k.dasar_konsekuensi || ')' END AS konsekuensi,
    g.selisih_siasn
FROM audit.karier_pegawai AS k
JOIN stg.pegawai AS p ON p.nip = k.nip AND p._bundel = k._bundel AND p._tahun = k._tahun
JOIN audit.karier_kp_gudang AS g ON g.nip = k.nip AND g._bundel = k._bundel AND g._tahun = k._tahun
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._bundel = p._bundel AND u._tahun = p._tahun
ORDER BY tahun, u.instansi_nama, u.unor_nama, k.tindak_lanjut DESC, p.nama, k.nip
