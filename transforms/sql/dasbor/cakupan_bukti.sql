SELECT * FROM mart.cakupan_bukti
