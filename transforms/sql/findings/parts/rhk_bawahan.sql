-- RHK_COPIED, form "the same text across a leader's subordinates" (rules/rhk_copied.py,
-- transforms/quality/formality.py): every Utama RHK of a subordinate, once per leader of the
-- subordinate in that year (the penilai of any SKP of theirs and their atasan, as in the
-- cascade rules: intermediate/tautan_rhk.sql).
WITH RECURSIVE
{{ include intermediate/tautan_rhk.sql }}
SELECT l.pemimpin, r.tahun, r.nip, r.rhk_id, r.uraian
FROM rhk AS r
JOIN pemimpin AS l ON l.nip = r.nip AND l.tahun = r.tahun
WHERE r.jenis = 'Utama' AND l.pemimpin <> r.nip
ORDER BY l.pemimpin, r.tahun, r.rhk_id
