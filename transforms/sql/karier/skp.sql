-- SKP periods for angka kredit (transforms.career.credit): dates and the jenjang of the SKP.
SELECT skp_id, nip, tahun, periode_mulai, periode_selesai, jenjang
FROM stg.skp
WHERE tahun IS NOT NULL AND periode_mulai IS NOT NULL AND periode_selesai IS NOT NULL
ORDER BY nip, skp_id
