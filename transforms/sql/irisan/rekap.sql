-- uraian: Rekap satu instansi dan satu tahun: pegawai, SKP, penilaian tahunan per predikat, temuan.
-- urut: tahun, instansi_id
-- A slice of the warehouse: the rows whose lineage is (_tahun = $tahun, _instansi_id = $instansi).
WITH
unit AS (SELECT * FROM stg.unit_kerja WHERE _tahun = $tahun AND _instansi_id = $instansi),
pegawai AS (SELECT * FROM stg.pegawai WHERE _tahun = $tahun AND _instansi_id = $instansi),
skp AS (SELECT * FROM stg.skp WHERE _tahun = $tahun AND _instansi_id = $instansi),
tahunan AS (
    SELECT nip, min(predikat) AS predikat
    FROM stg.penilaian
    WHERE _tahun = $tahun AND _instansi_id = $instansi AND periode = CAST(tahun AS VARCHAR)
        AND predikat IS NOT NULL
    GROUP BY nip
),
temuan AS (SELECT * FROM audit.temuan WHERE _tahun = $tahun AND _instansi_id = $instansi)
SELECT
    CAST($tahun AS INTEGER) AS tahun,
    CAST($instansi AS VARCHAR) AS instansi_id,
    (SELECT min(instansi_nama) FROM unit) AS instansi_nama,
    (SELECT count(*) FROM unit) AS unit_kerja,
    (SELECT count(DISTINCT nip) FROM pegawai) AS pegawai,
    (SELECT count(*) FROM skp) AS skp,
    (SELECT count(*) FILTER (WHERE status = 'Disetujui') FROM skp) AS skp_disetujui,
    (SELECT count(*) FROM tahunan) AS dinilai,
    (SELECT count(*) FILTER (WHERE predikat = 'Sangat Baik') FROM tahunan) AS sangat_baik,
    (SELECT count(*) FILTER (WHERE predikat = 'Baik') FROM tahunan) AS baik,
    (SELECT count(*) FILTER (WHERE predikat = 'Butuh Perbaikan') FROM tahunan) AS butuh_perbaikan,
    (SELECT count(*) FILTER (WHERE predikat = 'Kurang/Misconduct') FROM tahunan) AS kurang,
    (SELECT count(*) FILTER (WHERE predikat = 'Sangat Kurang') FROM tahunan) AS sangat_kurang,
    (SELECT count(*) FROM temuan) AS temuan,
    (SELECT string_agg(DISTINCT _bundel, ',' ORDER BY _bundel) FROM unit) AS bundel
