-- The angka kredit koefisien each year was computed with (mart.karier_koefisien, from the
-- configuration table koefisien_ak.csv), with kepastian (pasti / praktik umum) and sumber.
SELECT DISTINCT _tahun AS tahun, jenjang, koefisien, kepastian, sumber
FROM mart.karier_koefisien
ORDER BY tahun, jenjang
