-- Evidence coverage per unit and periode, every year the warehouse keeps.
SELECT * EXCLUDE (_bundel, _tahun, _instansi_id), _tahun AS tahun FROM mart.cakupan_bukti
