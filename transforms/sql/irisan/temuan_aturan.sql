-- uraian: Jumlah temuan per aturan dan keparahan untuk satu instansi dan satu tahun.
-- urut: tahun, instansi_id, aturan, keparahan
SELECT
    CAST($tahun AS INTEGER) AS tahun,
    CAST($instansi AS VARCHAR) AS instansi_id,
    rule AS aturan,
    keparahan,
    count(*) AS jumlah
FROM audit.temuan
WHERE _tahun = $tahun AND _instansi_id = $instansi
GROUP BY rule, keparahan
