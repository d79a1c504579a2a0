-- SKP quality per unit, every year the warehouse keeps: the unit (mart.unit), its denominators
-- (mart.mutu_penyebut) and its findings of the four content rules (audit.temuan.unor_id is the
-- employee's unit); distinct subjects (EVIDENCE_MISSING: indikator and periode). The score
-- itself is computed by reports.mutu (docs/kualitas-skor.md).
WITH temuan AS (
    SELECT _tahun, instansi_id, unor_id,
        count(DISTINCT subjek_id) FILTER (WHERE rule = 'INDICATOR_UNMEASURABLE') AS indikator_tak_terukur,
        count(DISTINCT subjek_id) FILTER (WHERE rule = 'TARGET_UNREALISTIC') AS target_tak_wajar,
        count(DISTINCT (subjek_id, periode)) FILTER (WHERE rule = 'EVIDENCE_MISSING') AS realisasi_tanpa_bukti,
        count(DISTINCT subjek_id) FILTER (WHERE rule = 'SKP_WITHOUT_UTAMA') AS skp_tanpa_utama
    FROM audit.temuan
    WHERE unor_id IS NOT NULL AND rule IN
        ('INDICATOR_UNMEASURABLE', 'TARGET_UNREALISTIC', 'EVIDENCE_MISSING', 'SKP_WITHOUT_UTAMA')
    GROUP BY ALL
)
SELECT
    u._tahun AS tahun, u.instansi_id, u.instansi_nama, u.unor_id, u.unor_nama,
    coalesce(m.jumlah_pegawai, u.jumlah_pegawai, 0)::BIGINT AS jumlah_pegawai,
    coalesce(m.jumlah_skp, 0)::BIGINT AS jumlah_skp,
    coalesce(m.jumlah_indikator, 0)::BIGINT AS jumlah_indikator,
    coalesce(m.jumlah_realisasi_terisi, 0)::BIGINT AS jumlah_realisasi_terisi,
    coalesce(t.indikator_tak_terukur, 0)::BIGINT AS indikator_tak_terukur,
    coalesce(t.target_tak_wajar, 0)::BIGINT AS target_tak_wajar,
    coalesce(t.realisasi_tanpa_bukti, 0)::BIGINT AS realisasi_tanpa_bukti,
    coalesce(t.skp_tanpa_utama, 0)::BIGINT AS skp_tanpa_utama
FROM mart.unit AS u
LEFT JOIN mart.mutu_penyebut AS m
    ON m._tahun = u._tahun AND m.unor_id = u.unor_id AND m.instansi_id IS NOT DISTINCT FROM u.instansi_id
LEFT JOIN temuan AS t
    ON t._tahun = u._tahun AND t.unor_id = u.unor_id AND t.instansi_id IS NOT DISTINCT FROM u.instansi_id
ORDER BY tahun, u.instansi_id, u.unor_id
