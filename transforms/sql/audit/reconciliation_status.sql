-- Per table (every bundle the warehouse keeps): does it balance? Records = accepted +
-- quarantined, and the physical lines of its files = records + blank + continuation lines.
SELECT r.tabel,
    bool_or(r.dibaca <> r.diterima + r.dikarantina
        OR coalesce(s.baris_fisik, 0) <> r.dibaca + coalesce(s.kosong, 0) + coalesce(s.lanjutan, 0))
        AS tidak_seimbang
FROM audit.rekonsiliasi AS r
LEFT JOIN audit.sumber AS s USING (_bundel, tabel)
GROUP BY r.tabel
