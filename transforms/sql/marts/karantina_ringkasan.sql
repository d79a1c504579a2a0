-- mart.karantina_ringkasan: quarantined rows per table and reason code (counts of export rows,
-- not of people; the rows themselves stay in audit.karantina / OUT/karantina/).
CREATE OR REPLACE TABLE mart.karantina_ringkasan AS
SELECT tabel, kode_alasan, count(*)::BIGINT AS jumlah
FROM audit.karantina
GROUP BY ALL
ORDER BY tabel, jumlah DESC, kode_alasan;
