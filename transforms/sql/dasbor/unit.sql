SELECT * FROM mart.unit
