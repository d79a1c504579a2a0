-- The employees of a bundle for the career views (transforms.career.build): the snapshot's
-- position and unit, with the instansi of the unit.
SELECT p.nip, u.instansi_id, p.unor_id, p.jenis_asn, p.golongan, p.jenis_jabatan, p.jabatan, p.jenjang
FROM stg.pegawai AS p
JOIN stg.unit_kerja AS u USING (unor_id)
ORDER BY p.nip
