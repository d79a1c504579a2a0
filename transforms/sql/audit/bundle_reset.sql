-- Replace the record of the bundle (key/value: jalur, manifest, diabaikan).
CREATE OR REPLACE TABLE audit.bundel (kunci VARCHAR, nilai VARCHAR)
