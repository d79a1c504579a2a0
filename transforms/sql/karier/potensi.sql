-- Talent potential per employee and year (the 9-box).
SELECT nip, tahun, kategori_potensi FROM stg.potensi WHERE kategori_potensi IS NOT NULL ORDER BY nip, tahun
