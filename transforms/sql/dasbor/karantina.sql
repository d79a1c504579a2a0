-- Quarantined rows per table and reason code, per year (all bundles of that year).
SELECT _tahun AS tahun, tabel, kode_alasan, sum(jumlah)::BIGINT AS jumlah
FROM mart.karantina_ringkasan GROUP BY ALL ORDER BY tahun, tabel, jumlah DESC, kode_alasan
