-- What EVIDENCE_MISSING validates (intermediate/realisasi_bukti.sql), in a stable order.
SELECT * FROM (
    {{ include intermediate/realisasi_bukti.sql }}
)
ORDER BY indikator_id, periode
