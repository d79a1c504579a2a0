-- SKP written as a formality, form "the same SKP as the employee's previous year", every year
-- the warehouse keeps (cascading.html; transforms/quality/formality.py compares the texts after
-- normalising them): per SKP with an Utama RHK its Utama RHK texts and, per SKP of the same
-- employee in the previous year the warehouse keeps, that SKP's texts (NULL: none). It needs
-- two years, which no bundle's scratch database holds, so it is read here, over the
-- warehouse, whatever order the years were loaded in; it is a share on the page, not a
-- finding. No NIP leaves the query.
WITH teks AS (
    SELECT h._tahun, h._bundel, h.skp_id, s.nip, list(h.uraian ORDER BY h.uraian) AS teks
    FROM stg.rhk AS h
    JOIN stg.skp AS s ON s.skp_id = h.skp_id AND s._bundel = h._bundel AND s._tahun = h._tahun
    WHERE h.jenis = 'Utama'
    GROUP BY ALL
),
lalu AS (
    SELECT _tahun + 1 AS _tahun, nip, list(teks ORDER BY skp_id) AS teks_lalu
    FROM teks
    GROUP BY ALL
)
SELECT t._tahun AS tahun, p.unor_id, t.teks, l.teks_lalu
FROM teks AS t
JOIN stg.pegawai AS p ON p.nip = t.nip AND p._bundel = t._bundel AND p._tahun = t._tahun
LEFT JOIN lalu AS l ON l._tahun = t._tahun AND l.nip = t.nip
ORDER BY tahun, p.unor_id, t.skp_id, t._bundel
