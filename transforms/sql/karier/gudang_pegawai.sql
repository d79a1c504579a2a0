-- The employee-years of the career views the WAREHOUSE keeps (audit.karier_pegawai of each
-- bundle, joined to stg.pegawai of the same bundle and year, so rows of replaced slices drop
-- out): the rows transforms.career.across_bundles gives a warehouse-wide history.
SELECT k._bundel, k._tahun::BIGINT AS tahun, k.nip, k.jenis_asn
FROM audit.karier_pegawai AS k
JOIN stg.pegawai AS p ON p.nip = k.nip AND p._bundel = k._bundel AND p._tahun = k._tahun
ORDER BY k._tahun, k._bundel, k.nip
