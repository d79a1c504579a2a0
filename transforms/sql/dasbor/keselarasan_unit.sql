-- Cascading alignment per unit, every year the warehouse keeps: the unit (mart.unit: names and
-- its own employees) and the summed counts of mart.keselarasan over every jenis jabatan of the
-- RHK owners (docs/keselarasan.md). Shares are computed by reports.pages.cascading.
WITH k AS (
    SELECT _tahun, instansi_id, unor_id,
        sum(rhk_utama_wajib) AS rhk_utama_wajib,
        sum(rhk_utama_terhubung) AS rhk_utama_terhubung,
        sum(sampai_puncak) AS sampai_puncak,
        sum(kedalaman_total) AS kedalaman_total,
        sum(langsung) AS langsung,
        sum(tidak_langsung) AS tidak_langsung,
        sum(rhk_pimpinan) AS rhk_pimpinan,
        sum(rhk_pimpinan_diintervensi) AS rhk_pimpinan_diintervensi
    FROM mart.keselarasan
    GROUP BY ALL
)
SELECT
    u._tahun AS tahun, u.instansi_id, u.instansi_nama, u.unor_id, u.unor_nama,
    coalesce(u.jumlah_pegawai, 0)::BIGINT AS jumlah_pegawai,
    coalesce(k.rhk_utama_wajib, 0)::BIGINT AS rhk_utama_wajib,
    coalesce(k.rhk_utama_terhubung, 0)::BIGINT AS rhk_utama_terhubung,
    coalesce(k.sampai_puncak, 0)::BIGINT AS sampai_puncak,
    coalesce(k.kedalaman_total, 0)::BIGINT AS kedalaman_total,
    coalesce(k.langsung, 0)::BIGINT AS langsung,
    coalesce(k.tidak_langsung, 0)::BIGINT AS tidak_langsung,
    coalesce(k.rhk_pimpinan, 0)::BIGINT AS rhk_pimpinan,
    coalesce(k.rhk_pimpinan_diintervensi, 0)::BIGINT AS rhk_pimpinan_diintervensi
FROM mart.unit AS u
LEFT JOIN k
    ON k._tahun = u._tahun AND k.unor_id = u.unor_id AND k.instansi_id IS NOT DISTINCT FROM u.instansi_id
ORDER BY tahun, u.instansi_id, u.unor_id
