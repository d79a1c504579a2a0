-- Replace the record of the bundle (key/value: bundel_id, jalur, manifest, diabaikan).
CREATE OR REPLACE TABLE audit.bundel (kunci VARCHAR, nilai VARCHAR)
