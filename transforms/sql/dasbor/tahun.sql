-- The appraisal year when the bundle has no manifest.
SELECT max(tahun) AS tahun FROM stg.skp
