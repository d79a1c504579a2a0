-- Every predikat beside the one the PermenPANRB 6/2022 matrix gives for its two ratings: the
-- penilaian rows, and the SIASN history (riwayat_skp) for years not also in penilaian (a year in
-- both is judged in penilaian). What the predikat-matrix check (PREDIKAT_MISMATCH) validates.
-- matriks_predikat is a CTE prepended by the check from transforms.contract.PREDIKAT_MATRIX.
SELECT
    'penilaian' AS sumber,
    p.nip,
    p.periode,
    p.predikat,
    m.predikat AS predikat_matriks,
    'Penilaian periode ' || p.periode || ': hasil kerja ' || p.rating_hasil_kerja
        || ' dan perilaku kerja ' || p.rating_perilaku_kerja || ' menurut matriks PermenPANRB 6/2022 '
        || 'berpredikat ' || m.predikat || ', tetapi tercatat ' || p.predikat
        || '. Periksa dan koreksi penilaian oleh penilai (NIP penilai ' || p.nip_penilai || ').' AS detail
FROM stg.penilaian AS p
JOIN matriks_predikat AS m USING (rating_hasil_kerja, rating_perilaku_kerja)
UNION ALL
SELECT
    'riwayat_skp' AS sumber,
    r.nip,
    CAST(r.tahun AS VARCHAR) AS periode,
    r.predikat,
    m.predikat AS predikat_matriks,
    'Riwayat SIASN tahun ' || r.tahun || ': hasil kerja ' || r.hasil_kinerja
        || ' dan perilaku kerja ' || r.perilaku_kerja || ' menurut matriks PermenPANRB 6/2022 '
        || 'berpredikat ' || m.predikat || ', tetapi tercatat ' || r.predikat
        || '. Riwayat ini dipakai untuk kenaikan pangkat; minta koreksi data SIASN'
        || coalesce(' (penilai: ' || r.nama_penilai || ')', '') || '.' AS detail
FROM stg.riwayat_skp AS r
JOIN matriks_predikat AS m
    ON m.rating_hasil_kerja = r.hasil_kinerja AND m.rating_perilaku_kerja = r.perilaku_kerja
WHERE NOT EXISTS (
    SELECT 1 FROM stg.penilaian AS p
    WHERE p.nip = r.nip AND p.periode = CAST(r.tahun AS VARCHAR)
)
