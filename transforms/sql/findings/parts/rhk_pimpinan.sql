-- RHK_COPIED, form "copied from the leader" (transforms/findings/rules/rhk_copied.py): every
-- RHK with the RHK it names as the leader's it intervenes (texts compared in Python).
SELECT c.rhk_id, c.uraian AS uraian, t.rhk_id AS rhk_atasan_id, t.uraian AS uraian_atasan,
    s.nip
FROM stg.rhk AS c
JOIN stg.rhk AS t ON t.rhk_id = c.rhk_atasan_id
JOIN stg.skp AS s ON s.skp_id = c.skp_id
