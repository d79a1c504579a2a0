-- Angka kredit of Jabatan Fungsional per year and jenjang (the jenjang at the end of the year):
-- how many employees, mean and percentiles (linear interpolation). Aggregated here from the
-- named rows of audit.karier_pegawai of the bundles the warehouse still keeps (placed in a JF
-- post at the end of the year, angka kredit computed); no row leaves this query.
-- reports.karier hides the statistics of a jenjang with fewer people than the threshold.
SELECT
    k._tahun AS tahun, k.jenjang,
    count(*)::BIGINT AS pegawai,
    avg(k.angka_kredit) AS rata_rata,
    quantile_cont(k.angka_kredit, 0.10) AS p10,
    quantile_cont(k.angka_kredit, 0.25) AS p25,
    quantile_cont(k.angka_kredit, 0.50) AS p50,
    quantile_cont(k.angka_kredit, 0.75) AS p75,
    quantile_cont(k.angka_kredit, 0.90) AS p90
FROM audit.karier_pegawai AS k
JOIN stg.pegawai AS p ON p.nip = k.nip AND p._bundel = k._bundel AND p._tahun = k._tahun
WHERE k.jenis_jabatan = 'Fungsional' AND k.angka_kredit IS NOT NULL AND k.jenjang IS NOT NULL
GROUP BY ALL
ORDER BY tahun, k.jenjang
