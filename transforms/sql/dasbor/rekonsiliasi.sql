-- Rows read, accepted, quarantined per table and year (all bundles of that year).
SELECT _tahun AS tahun, tabel, sum(dibaca)::BIGINT AS dibaca, sum(diterima)::BIGINT AS diterima,
    sum(dikarantina)::BIGINT AS dikarantina
FROM audit.rekonsiliasi GROUP BY ALL ORDER BY tahun, tabel
