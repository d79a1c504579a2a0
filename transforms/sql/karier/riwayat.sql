-- The SIASN rw-skp22 history (riwayat_skp): one annual predikat per employee and year.
SELECT nip, tahun, predikat FROM stg.riwayat_skp WHERE predikat IS NOT NULL ORDER BY nip, tahun
