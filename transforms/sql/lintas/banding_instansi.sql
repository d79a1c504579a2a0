-- uraian: Perbandingan antar-instansi dalam satu tahun: sebaran predikat, SKP disetujui, temuan per 100 pegawai, dan peringkatnya.
-- urut: tahun, instansi_id
-- Shares of people are withheld (NULL, disembunyikan = true) when either side of the
-- Baik-or-better / Butuh-Perbaikan-or-worse split holds 1 to 4 people: with dinilai shown,
-- one share would give the other's count.
WITH
r AS (
    SELECT *, sangat_baik + baik AS baik_ke_atas, butuh_perbaikan + kurang + sangat_kurang AS bawah
    FROM irisan_rekap
    WHERE tahun = $tahun
),
s AS (
    SELECT *, (baik_ke_atas BETWEEN 1 AND 4) OR (bawah BETWEEN 1 AND 4) AS disembunyikan FROM r
),
p AS (
    SELECT
        tahun, instansi_id, instansi_nama, unit_kerja, pegawai, dinilai,
        CASE WHEN NOT disembunyikan AND dinilai > 0 THEN round(100.0 * baik_ke_atas / dinilai, 1) END
            AS persen_baik_ke_atas,
        CASE WHEN NOT disembunyikan AND dinilai > 0 THEN round(100.0 * bawah / dinilai, 1) END
            AS persen_butuh_perbaikan_ke_bawah,
        CASE WHEN skp > 0 THEN round(100.0 * skp_disetujui / skp, 1) END AS persen_skp_disetujui,
        CASE WHEN pegawai > 0 THEN round(100.0 * temuan / pegawai, 1) END AS temuan_per_100_pegawai,
        disembunyikan
    FROM s
)
SELECT
    *,
    CASE WHEN persen_baik_ke_atas IS NOT NULL
        THEN rank() OVER (ORDER BY persen_baik_ke_atas DESC NULLS LAST) END AS peringkat_baik_ke_atas,
    CASE WHEN temuan_per_100_pegawai IS NOT NULL
        THEN rank() OVER (ORDER BY temuan_per_100_pegawai ASC NULLS LAST) END AS peringkat_temuan,
    count(*) OVER () AS jumlah_instansi
FROM p
