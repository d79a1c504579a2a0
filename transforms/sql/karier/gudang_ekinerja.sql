-- The e-Kinerja annual predikat per employee and year across every bundle the WAREHOUSE keeps
-- (transforms.career.across_bundles; docs/karier.md): one row per nip and tahun, with the bundle
-- it came from. An annual appraisal is a penilaian row whose periode is the year itself ("2025").
-- Several bundles holding the same nip and year (a transfer: the exports of two instansi of that
-- year; or an earlier year's appraisal inside a later export): the bundle of that year's own
-- slice first (_tahun = tahun), then the one loaded later (audit.bundel_dimuat.dimuat_pada),
-- then the larger bundle id. Every such bundle holds the employee in its pegawai snapshot
-- (penilaian.nip is a hard reference to pegawai).
SELECT nip, tahun, predikat, _bundel AS bundel
FROM (
    SELECT
        n.nip, n.tahun::BIGINT AS tahun, n.predikat, n._bundel,
        row_number() OVER (
            PARTITION BY n.nip, n.tahun
            ORDER BY (n._tahun = n.tahun) DESC, b.dimuat_pada DESC, n._bundel DESC
        ) AS urutan
    FROM stg.penilaian AS n
    JOIN audit.bundel_dimuat AS b ON b._bundel = n._bundel
    WHERE n.predikat IS NOT NULL AND n.tahun IS NOT NULL AND n.periode = CAST(n.tahun AS VARCHAR)
)
WHERE urutan = 1
ORDER BY nip, tahun
