-- Cascading alignment per instansi and jenis jabatan of the RHK owner, every year the warehouse
-- keeps: the summed counts of mart.keselarasan (docs/keselarasan.md) and the employees of that
-- jenis jabatan in the instansi (for small-cell suppression). Shares: reports.pages.cascading.
WITH k AS (
    SELECT _tahun, instansi_id, jenis_jabatan,
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
),
instansi AS (
    SELECT _tahun, instansi_id, min(instansi_nama) AS instansi_nama FROM mart.unit GROUP BY ALL
),
pegawai AS (
    SELECT p._tahun, u.instansi_id, p.jenis_jabatan, count(*) AS jumlah_pegawai
    FROM stg.pegawai AS p
    JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._tahun = p._tahun
    GROUP BY ALL
)
SELECT
    k._tahun AS tahun, k.instansi_id, coalesce(i.instansi_nama, k.instansi_id) AS instansi_nama,
    k.jenis_jabatan,
    coalesce(p.jumlah_pegawai, 0)::BIGINT AS jumlah_pegawai,
    k.rhk_utama_wajib::BIGINT AS rhk_utama_wajib,
    k.rhk_utama_terhubung::BIGINT AS rhk_utama_terhubung,
    k.sampai_puncak::BIGINT AS sampai_puncak,
    k.kedalaman_total::BIGINT AS kedalaman_total,
    k.langsung::BIGINT AS langsung,
    k.tidak_langsung::BIGINT AS tidak_langsung,
    k.rhk_pimpinan::BIGINT AS rhk_pimpinan,
    k.rhk_pimpinan_diintervensi::BIGINT AS rhk_pimpinan_diintervensi
FROM k
LEFT JOIN instansi AS i ON i._tahun = k._tahun AND i.instansi_id IS NOT DISTINCT FROM k.instansi_id
LEFT JOIN pegawai AS p
    ON p._tahun = k._tahun AND p.instansi_id IS NOT DISTINCT FROM k.instansi_id
    AND p.jenis_jabatan IS NOT DISTINCT FROM k.jenis_jabatan
ORDER BY tahun, k.instansi_id, k.jenis_jabatan
