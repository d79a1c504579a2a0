-- rule: PREDIKAT_MISMATCH
-- The predikat differs from the PermenPANRB 6/2022 matrix of the two ratings, in penilaian and
-- in the SIASN history (riwayat_skp, earlier years; a year also present in penilaian is judged
-- there). matriks_predikat is loaded from transforms.contract.PREDIKAT_MATRIX.
SELECT
    'PREDIKAT_MISMATCH' AS rule,
    'pegawai' AS tingkat,
    p.nip AS subjek_id,
    p.periode,
    'Penilaian periode ' || p.periode || ': hasil kerja ' || p.rating_hasil_kerja
        || ' dan perilaku kerja ' || p.rating_perilaku_kerja || ' menurut matriks PermenPANRB 6/2022 '
        || 'berpredikat ' || m.predikat || ', tetapi tercatat ' || p.predikat
        || '. Periksa dan koreksi penilaian oleh penilai (NIP penilai ' || p.nip_penilai || ').' AS detail,
    p.nip AS _nip
FROM stg.penilaian AS p
JOIN matriks_predikat AS m USING (rating_hasil_kerja, rating_perilaku_kerja)
WHERE p.predikat <> m.predikat
UNION ALL
SELECT
    'PREDIKAT_MISMATCH' AS rule,
    'pegawai' AS tingkat,
    r.nip AS subjek_id,
    CAST(r.tahun AS VARCHAR) AS periode,
    'Riwayat SIASN tahun ' || r.tahun || ': hasil kerja ' || r.hasil_kinerja
        || ' dan perilaku kerja ' || r.perilaku_kerja || ' menurut matriks PermenPANRB 6/2022 '
        || 'berpredikat ' || m.predikat || ', tetapi tercatat ' || r.predikat
        || '. Riwayat ini dipakai untuk kenaikan pangkat; minta koreksi data SIASN'
        || coalesce(' (penilai: ' || r.nama_penilai || ')', '') || '.' AS detail,
    r.nip AS _nip
FROM stg.riwayat_skp AS r
JOIN matriks_predikat AS m
    ON m.rating_hasil_kerja = r.hasil_kinerja AND m.rating_perilaku_kerja = r.perilaku_kerja
WHERE r.predikat <> m.predikat
  AND NOT EXISTS (
      SELECT 1 FROM stg.penilaian AS p
      WHERE p.nip = r.nip AND p.periode = CAST(r.tahun AS VARCHAR)
  )
