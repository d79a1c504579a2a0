SELECT * FROM mart.distribusi_predikat
