-- Every appraisal (annual "2025" and periodic "2025-TW1", "2025-01") for the career views.
SELECT nip, tahun, periode, predikat, tanggal_penilaian
FROM stg.penilaian
WHERE predikat IS NOT NULL
ORDER BY nip, periode
