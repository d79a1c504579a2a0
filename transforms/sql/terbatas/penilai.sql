-- sheet: Konsistensi penilai
-- order: 30
-- uraian: penilai di unit ini dengan kode yang dipakai dasbor Konsistensi penilai, jumlah
-- uraian: pegawai yang dinilai, estimasi kelonggaran (disesuaikan bukti, disusutkan, interval
-- uraian: 95 %) dan sinyalnya. Sinyal untuk ditinjau, bukan putusan.
-- kolom penilai_kode: Kode penilai
-- kolom nip: NIP penilai
-- kolom nama: Nama penilai
-- kolom dinilai: Pegawai dinilai
-- kolom kelonggaran: Kelonggaran
-- kolom kelonggaran_disusutkan: Kelonggaran disusutkan
-- kolom kelonggaran_bawah_95: Batas bawah 95%
-- kolom kelonggaran_atas_95: Batas atas 95%
-- kolom kelebihan_rating_tengah: Kelebihan rating tengah
-- kolom sinyal: Sinyal
-- kolom penilai_tertaut: Penilai lain yang berbagi pegawai
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
