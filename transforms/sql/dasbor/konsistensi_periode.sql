-- Periodic against annual predikat per unit (mart.konsistensi_periode, summed over jenis
-- jabatan): employees whose annual predikat is above every periodic one, below every one, or
-- equal to the last period's, every year the warehouse keeps.
SELECT
    _tahun AS tahun, instansi_id, unor_id,
    sum(pegawai)::BIGINT AS pegawai, sum(tahunan_di_atas)::BIGINT AS tahunan_di_atas,
    sum(tahunan_di_bawah)::BIGINT AS tahunan_di_bawah, sum(sama_akhir)::BIGINT AS sama_akhir
FROM mart.konsistensi_periode
GROUP BY ALL
ORDER BY tahun, instansi_id, unor_id
