-- sheet: Selisih SIASN
-- order: 41
-- uraian: tahun ketika predikat tahunan pegawai di e-Kinerja berbeda dengan riwayat SKP di SIASN, predikat yang dipakai (e-Kinerja), dan apa yang perlu diperbaiki sebelum usul kenaikan pangkat.
-- kolom nip: NIP
-- kolom nama: Nama
-- kolom tahun_predikat: Tahun predikat
-- kolom predikat_ekinerja: Predikat e-Kinerja
-- kolom predikat_siasn: Predikat SIASN
-- kolom predikat_dipakai: Predikat yang dipakai
-- kolom detail: Rincian
-- bungkus: detail
-- Finding-like rows of audit.karier_selisih_gudang (the warehouse-wide history,
-- transforms.career.across_bundles: e-Kinerja of any bundle kept against the SIASN copy loaded
-- last), years up to the row's year, by the employee's unit in the bundle's year.
SELECT
    s._tahun AS tahun, u.instansi_nama, u.unor_id, u.unor_nama,
    s.nip, p.nama, s.tahun AS tahun_predikat, s.predikat_ekinerja, s.predikat_siasn,
    s.predikat_dipakai, s.detail
FROM audit.karier_selisih_gudang AS s
JOIN stg.pegawai AS p ON p.nip = s.nip AND p._bundel = s._bundel AND p._tahun = s._tahun
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._bundel = p._bundel AND u._tahun = p._tahun
ORDER BY tahun, u.instansi_nama, u.unor_nama, p.nama, s.nip, tahun_predikat
