-- sheet: Temuan pegawai
-- order: 20
-- uraian: temuan tentang pegawai, SKP-nya, RHK-nya, dan indikatornya (mis. PREDIKAT_MISMATCH,
-- uraian: EVIDENCE_MISSING, INDICATOR_UNMEASURABLE, TARGET_UNREALISTIC, SKP_WITHOUT_UTAMA,
-- uraian: CASCADE_BROKEN, CASCADE_MISSING, RHK_NOT_CASCADED, RATING_EVIDENCE_DISCORDANT) dan
-- uraian: temuan tentang penilai (EVALUATOR_LENIENT, EVALUATOR_SEVERE,
-- uraian: EVALUATOR_CENTRAL_TENDENCY) dengan rinciannya.
-- kolom nip: NIP
-- kolom nama: Nama
-- kolom rule: Kode temuan
-- kolom tingkat: Tingkat
-- kolom subjek_id: ID subjek
-- kolom periode: Periode
-- kolom keparahan: Keparahan
-- kolom detail: Rincian
-- bungkus: detail
-- Findings about named employees (personal data; restricted output only), by the employee's
-- unit in the finding's year. The employee of a finding is its subject (tingkat pegawai), the
-- owner of its SKP (tingkat skp), or of the SKP its RHK or indicator belongs to (tingkat rhk:
-- the cascading rules; indikator: EVIDENCE_MISSING, INDICATOR_UNMEASURABLE,
-- TARGET_UNREALISTIC), or the evaluator (tingkat penilai: EVALUATOR_*), so a unit's list shows
-- every finding to act on with the person's name.
WITH temuan AS (
    SELECT t.*,
        CASE t.tingkat
            WHEN 'pegawai' THEN t.subjek_id
            WHEN 'skp' THEN s.nip
            WHEN 'rhk' THEN sr.nip
            WHEN 'indikator' THEN si.nip
            WHEN 'penilai' THEN t.subjek_id
        END AS nip
    FROM audit.temuan AS t
    LEFT JOIN stg.skp AS s
        ON t.tingkat = 'skp' AND s.skp_id = t.subjek_id AND s._tahun = t._tahun
    LEFT JOIN stg.rhk AS rr
        ON t.tingkat = 'rhk' AND rr.rhk_id = t.subjek_id AND rr._tahun = t._tahun
    LEFT JOIN stg.skp AS sr ON sr.skp_id = rr.skp_id AND sr._tahun = rr._tahun
    LEFT JOIN stg.indikator AS i
        ON t.tingkat = 'indikator' AND i.indikator_id = t.subjek_id AND i._tahun = t._tahun
    LEFT JOIN stg.rhk AS r ON r.rhk_id = i.rhk_id AND r._tahun = i._tahun
    LEFT JOIN stg.skp AS si ON si.skp_id = r.skp_id AND si._tahun = r._tahun
    WHERE t.tingkat IN ('pegawai', 'skp', 'rhk', 'indikator', 'penilai')
)
SELECT
    t._tahun AS tahun, u.instansi_nama, u.unor_id, u.unor_nama,
    t.nip, p.nama, t.rule, t.tingkat, t.subjek_id, t.periode, t.keparahan, t.detail
FROM temuan AS t
JOIN stg.pegawai AS p ON p.nip = t.nip AND p._tahun = t._tahun
JOIN stg.unit_kerja AS u ON u.unor_id = p.unor_id AND u._tahun = p._tahun
ORDER BY tahun, u.instansi_nama, u.unor_nama, p.nama, t.rule, t.subjek_id, t.periode
