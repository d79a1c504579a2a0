-- Every instansi per year (id and name): the scope named in the site header.
SELECT _tahun AS tahun, instansi_id, min(instansi_nama) AS instansi_nama
FROM mart.unit GROUP BY ALL ORDER BY tahun, instansi_nama, instansi_id
