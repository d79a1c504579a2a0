-- The SIASN rw-skp22 predikat (riwayat_skp) per employee and year across every bundle the
-- WAREHOUSE keeps (transforms.career.across_bundles): SIASN is one national record that each
-- export copies at its own time, so the copy of the bundle loaded last
-- (audit.bundel_dimuat.dimuat_pada; then the larger bundle id) is the one BKN reads now.
SELECT nip, tahun, predikat, _bundel AS bundel
FROM (
    SELECT
        r.nip, r.tahun::BIGINT AS tahun, r.predikat, r._bundel,
        row_number() OVER (
            PARTITION BY r.nip, r.tahun ORDER BY b.dimuat_pada DESC, r._bundel DESC
        ) AS urutan
    FROM stg.riwayat_skp AS r
    JOIN audit.bundel_dimuat AS b ON b._bundel = r._bundel
    WHERE r.predikat IS NOT NULL AND r.tahun IS NOT NULL
)
WHERE urutan = 1
ORDER BY nip, tahun
