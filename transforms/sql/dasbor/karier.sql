-- Career counts per unit and jenis jabatan, every year the warehouse keeps (mart.karier:
-- predikat condition of kenaikan pangkat, follow-up, JF with angka kredit, the 9-box), with
-- the unit's names. Counts of people: suppressed by reports.karier. The KP counts are those of
-- the warehouse-wide history (audit.karier_kp_gudang per employee-year row of
-- audit.karier_pegawai, transforms.career.across_bundles), counted here per bundle, unit and
-- jenis jabatan; a group without such rows keeps the bundle's own counts. No row leaves.
WITH kp AS (
    SELECT
        k._bundel, k._tahun, k.instansi_id, k.unor_id, k.jenis_jabatan,
        count(*) FILTER (WHERE g.memenuhi_predikat_kp = 'ya')::BIGINT AS kp_ya,
        count(*) FILTER (WHERE g.memenuhi_predikat_kp = 'tidak')::BIGINT AS kp_tidak,
        count(*) FILTER (WHERE g.memenuhi_predikat_kp = 'tidak diketahui')::BIGINT AS kp_tidak_diketahui
    FROM audit.karier_pegawai AS k
    JOIN audit.karier_kp_gudang AS g ON g.nip = k.nip AND g._bundel = k._bundel AND g._tahun = k._tahun
    GROUP BY ALL
)
SELECT
    k._tahun AS tahun, k.instansi_id, coalesce(u.instansi_nama, k.instansi_id) AS instansi_nama,
    k.unor_id, coalesce(u.unor_nama, k.unor_id) AS unor_nama, k.jenis_jabatan,
    k.pegawai, coalesce(g.kp_ya, k.kp_ya) AS kp_ya, coalesce(g.kp_tidak, k.kp_tidak) AS kp_tidak,
    coalesce(g.kp_tidak_diketahui, k.kp_tidak_diketahui) AS kp_tidak_diketahui,
    k.kp_tidak_berlaku, k.tindak_lanjut,
    k.jf_angka_kredit, k.kotak_1, k.kotak_2, k.kotak_3, k.kotak_4, k.kotak_5, k.kotak_6,
    k.kotak_7, k.kotak_8, k.kotak_9, k.tanpa_kotak, k.suksesi
FROM mart.karier AS k
LEFT JOIN mart.unit AS u ON u._tahun = k._tahun AND u._bundel = k._bundel AND u.unor_id = k.unor_id
LEFT JOIN kp AS g
    ON g._bundel = k._bundel AND g._tahun = k._tahun AND g.instansi_id IS NOT DISTINCT FROM k.instansi_id
    AND g.unor_id IS NOT DISTINCT FROM k.unor_id AND g.jenis_jabatan IS NOT DISTINCT FROM k.jenis_jabatan
ORDER BY tahun, k.instansi_id, k.unor_id, k.jenis_jabatan
