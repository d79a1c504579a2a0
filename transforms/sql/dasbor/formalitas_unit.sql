-- SKP written as a formality per unit of the RHK owner, every year the warehouse keeps
-- (cascading.html, reports/formalitas.py): the unit's Utama RHK, and those with an RHK_COPIED
-- finding of each per-bundle form, told apart by the phrase after the quoted RHK text
-- (transforms/findings/rules/rhk_copied.py: BENTUK_PIMPINAN, BENTUK_BAWAHAN). Counts only.
WITH utama AS (
    SELECT h._tahun, p.unor_id, count(*) AS rhk_utama
    FROM stg.rhk AS h
    JOIN stg.skp AS s ON s.skp_id = h.skp_id AND s._bundel = h._bundel AND s._tahun = h._tahun
    JOIN stg.pegawai AS p ON p.nip = s.nip AND p._bundel = s._bundel AND p._tahun = s._tahun
    WHERE h.jenis = 'Utama'
    GROUP BY ALL
),
salin AS (
    SELECT _tahun, unor_id,
        count(DISTINCT subjek_id) FILTER (WHERE detail LIKE '%'' hampir sama dengan RHK pimpinan %') AS salinan_pimpinan,
        count(DISTINCT subjek_id) FILTER (WHERE detail LIKE '%'' dipakai sama persis oleh %') AS sama_bawahan
    FROM audit.temuan
    WHERE rule = 'RHK_COPIED' AND tingkat = 'rhk' AND unor_id IS NOT NULL
    GROUP BY ALL
)
SELECT
    coalesce(u._tahun, c._tahun) AS tahun, coalesce(u.unor_id, c.unor_id) AS unor_id,
    coalesce(u.rhk_utama, 0)::BIGINT AS rhk_utama,
    coalesce(c.salinan_pimpinan, 0)::BIGINT AS salinan_pimpinan,
    coalesce(c.sama_bawahan, 0)::BIGINT AS sama_bawahan
FROM utama AS u
FULL JOIN salin AS c ON c._tahun = u._tahun AND c.unor_id = u.unor_id
ORDER BY tahun, unor_id
