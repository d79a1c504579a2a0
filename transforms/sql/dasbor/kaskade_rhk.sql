-- The cascade explorer of cascading.html (reports/kaskade.py), every year the warehouse keeps:
-- one row per Utama RHK, plus each other RHK that an RHK validly intervenes (a leader's
-- Tambahan RHK). A link is valid exactly when the bundle's cascade rule did not flag it
-- (intermediate/kaskade_gudang.sql), so the explorer shows what the findings say.
--   induk_id  the RHK it validly intervenes (NULL: none)
--   status    puncak        the top official's RHK with no valid link above it (a root)
--             terhubung     valid link, and the chain of valid links reaches a puncak RHK
--             tidak_sampai  valid link, but the chain stops below the top
--             putus         CASCADE_BROKEN
--             tanpa         an Utama RHK without rhk_atasan_id (CASCADE_MISSING)
--             tambahan      a Tambahan RHK (validly intervened) without a link above it
-- RHK texts, units and jabatan only: no NIP, no name. bundel tells same-id rows apart.
WITH RECURSIVE
{{ include intermediate/kaskade_gudang.sql }},
simpul AS (
    SELECT r.*, t.induk_id, b.rhk_id IS NOT NULL AS putus
    FROM rhk_g AS r
    LEFT JOIN tautan_g AS t ON t._bundel = r._bundel AND t._tahun = r._tahun AND t.rhk_id = r.rhk_id
    LEFT JOIN putus_g AS b ON b._bundel = r._bundel AND b._tahun = r._tahun AND b.rhk_id = r.rhk_id
    WHERE r.jenis = 'Utama' OR EXISTS (
        SELECT 1 FROM tautan_g AS d
        WHERE d._bundel = r._bundel AND d._tahun = r._tahun AND d.induk_id = r.rhk_id
    )
),
-- Down from the roots along valid links (they form a forest: the rule flags cycles).
turun(_bundel, _tahun, rhk_id, langkah) AS (
    SELECT _bundel, _tahun, rhk_id, 0 FROM simpul
    WHERE milik_puncak AND induk_id IS NULL AND NOT putus
    UNION ALL
    SELECT s._bundel, s._tahun, s.rhk_id, d.langkah + 1
    FROM turun AS d
    JOIN simpul AS s ON s._bundel = d._bundel AND s._tahun = d._tahun AND s.induk_id = d.rhk_id
    WHERE d.langkah < 64
),
sampai AS (SELECT DISTINCT _bundel, _tahun, rhk_id FROM turun)
SELECT
    s._tahun AS tahun, s._bundel AS bundel, s.instansi_id, s.unor_id, s.rhk_id, s.induk_id,
    CASE
        WHEN s.putus THEN 'putus'
        WHEN s.induk_id IS NULL AND s.milik_puncak THEN 'puncak'
        WHEN s.induk_id IS NOT NULL AND a.rhk_id IS NOT NULL THEN 'terhubung'
        WHEN s.induk_id IS NOT NULL OR s.rhk_atasan_id IS NOT NULL THEN 'tidak_sampai'
        WHEN s.jenis = 'Utama' THEN 'tanpa'
        ELSE 'tambahan'
    END AS status,
    s.jenis, s.jenis_cascading, s.uraian, s.jenis_jabatan, s.jabatan
FROM simpul AS s
LEFT JOIN sampai AS a ON a._bundel = s._bundel AND a._tahun = s._tahun AND a.rhk_id = s.rhk_id
ORDER BY tahun, s.instansi_id, s.unor_id, s.rhk_id, bundel
