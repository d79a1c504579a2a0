SELECT * FROM mart.karantina_ringkasan
