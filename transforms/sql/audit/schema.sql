-- Schemas and audit tables shared by every staged table (idempotent).
CREATE SCHEMA IF NOT EXISTS stg;
CREATE SCHEMA IF NOT EXISTS audit;
CREATE SCHEMA IF NOT EXISTS mart;

-- One row per quarantined input row: where it came from, why, and its original text.
CREATE TABLE IF NOT EXISTS audit.karantina (
    tabel VARCHAR NOT NULL,
    sumber VARCHAR NOT NULL,
    baris BIGINT NOT NULL,
    kode_alasan VARCHAR NOT NULL,
    alasan VARCHAR NOT NULL,
    masalah STRUCT(kode VARCHAR, kolom VARCHAR, pesan VARCHAR)[] NOT NULL,
    nilai_asli JSON NOT NULL
);

-- Per table: rows read = rows accepted + rows quarantined.
CREATE TABLE IF NOT EXISTS audit.rekonsiliasi (
    tabel VARCHAR PRIMARY KEY,
    dibaca BIGINT NOT NULL,
    diterima BIGINT NOT NULL,
    dikarantina BIGINT NOT NULL
);

-- What the readers saw per table: files, encodings, extra columns kept aside, and the
-- physical accounting of the files: baris_fisik (data lines of CSV/JSON Lines counted from the
-- bytes, rows of a sheet counted from its XML, elements of a JSON array) must equal
-- records read (audit.rekonsiliasi.dibaca) + kosong (blank lines) + lanjutan (lines that
-- continue a multi-line quoted cell). diperbaiki: records accepted after an encoding repair.
CREATE TABLE IF NOT EXISTS audit.sumber (
    tabel VARCHAR PRIMARY KEY,
    berkas VARCHAR NOT NULL,
    bentuk VARCHAR NOT NULL,
    encoding VARCHAR,
    pemisah VARCHAR,
    kolom_tambahan VARCHAR,
    baris_fisik BIGINT NOT NULL DEFAULT 0,
    kosong BIGINT NOT NULL DEFAULT 0,
    lanjutan BIGINT NOT NULL DEFAULT 0,
    diperbaiki BIGINT NOT NULL DEFAULT 0
);

-- Rows the readers accepted after changing them (encoding repaired), with what was done.
CREATE TABLE IF NOT EXISTS audit.catatan_baca (
    tabel VARCHAR NOT NULL,
    sumber VARCHAR NOT NULL,
    baris BIGINT NOT NULL,
    catatan VARCHAR NOT NULL
);

-- The findings table of contract §5 (one writer: transforms.findings.writer, per rule).
CREATE TABLE IF NOT EXISTS audit.temuan (
    rule VARCHAR NOT NULL,
    tingkat VARCHAR NOT NULL,
    subjek_id VARCHAR,
    instansi_id VARCHAR,
    unor_id VARCHAR,
    periode VARCHAR,
    keparahan VARCHAR NOT NULL,
    detail VARCHAR
);
