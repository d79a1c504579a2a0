-- Per table: does it balance? Records = accepted + quarantined, and the physical lines of
-- its files = records + blank lines + continuation lines.
SELECT r.tabel,
    r.dibaca <> r.diterima + r.dikarantina
        OR coalesce(s.baris_fisik, 0) <> r.dibaca + coalesce(s.kosong, 0) + coalesce(s.lanjutan, 0)
        AS tidak_seimbang
FROM audit.rekonsiliasi AS r
LEFT JOIN audit.sumber AS s USING (tabel)
