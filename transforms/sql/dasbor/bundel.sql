-- Every bundle kept, per year: its name (last part of its path), export date and ignored files.
SELECT _tahun AS tahun, _bundel AS bundel, regexp_extract(jalur, '([^/\\]+)[/\\]*$', 1) AS nama,
    json_extract_string(manifest, '$.diekspor_pada') AS diekspor_pada,
    from_json(coalesce(diabaikan, '[]'), '["VARCHAR"]') AS diabaikan, dimuat_pada
FROM audit.bundel_dimuat ORDER BY tahun, dimuat_pada, bundel
