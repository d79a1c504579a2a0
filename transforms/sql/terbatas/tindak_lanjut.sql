-- sheet: Tindak lanjut predikat
-- order: 10
-- uraian: pegawai dengan predikat tahunan Butuh Perbaikan atau lebih rendah (tindak lanjut
-- uraian: kinerja sesuai PP 30/2019 Pasal 56-57), beserta rating dan penilainya.
-- kolom nip: NIP
-- kolom nama: Nama
-- kolom jabatan: Jabatan
-- kolom jenis_jabatan: Jenis jabatan
-- kolom periode: Periode
-- kolom rating_hasil_kerja: Rating hasil kerja
-- kolom rating_perilaku_kerja: Rating perilaku kerja
-- kolom predikat: Predikat
-- kolom nip_penilai: NIP penilai
-- kolom nama_penilai: Nama penilai
-- Named follow-up list (personal data; restricted output only): employees whose annual predikat
-- is Butuh Perbaikan or worse (PP 30/2019 Pasal 56-57 follow-up), with their unit and penilai,
-- per year the warehouse keeps.
SELECT
    n._tahun AS tahun, u.instansi_nama, u.unor_id, u.unor_nama,
    p.nip, p.nama, p.jabatan, p.jenis_jabatan,
    n.periode, n.rating_hasil_kerja, n.rating_perilaku_kerja, n.predikat,
    n.nip_penilai, pn.nama AS nama_penilai
FROM stg.penilaian AS n
JOIN stg.pegawai AS p ON p.nip = n.nip AND p._tahun = n._tahun
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._tahun = p._tahun
LEFT JOIN stg.pegawai AS pn ON pn.nip = n.nip_penilai AND pn._tahun = n._tahun
WHERE n.periode = CAST(n.tahun AS VARCHAR)
  AND n.predikat IN ('Butuh Perbaikan', 'Kurang/Misconduct', 'Sangat Kurang')
ORDER BY tahun, u.instansi_nama, u.unor_nama, n.predikat, p.nama
