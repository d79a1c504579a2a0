-- The 9-box numbering each year was computed with (mart.karier_kotak, from the configuration
-- table kotak_9.csv): box number, its two categories, its label, succession pool or not.
SELECT DISTINCT _tahun AS tahun, kotak, kinerja, potensi, label, suksesi
FROM mart.karier_kotak
ORDER BY tahun, kotak
