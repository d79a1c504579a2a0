-- PREDIKAT_MISMATCH: the predikat differs from the PermenPANRB 6/2022 matrix of the two
-- ratings. matriks_predikat is loaded from transforms.contract.PREDIKAT_MATRIX.
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
