-- Normalisation macros for raw export text (contract §3). Inputs are VARCHAR cells that the
-- readers already trimmed (empty -> NULL). Every parse_* macro returns NULL when the text
-- cannot be normalised; the staging builder turns that into a quarantine reason.
-- {{month_case}} is rendered from transforms.contract.INDONESIAN_MONTHS.

-- Digits of a NIP written grouped ("19860926 201505 1 001") or with dots/dashes.
CREATE OR REPLACE MACRO nip_digits(s) AS regexp_replace(s, '[\s.\-]', '', 'g');

-- NULL when the NIP is valid, else an Indonesian description of the first problem found.
-- PNS: birth YYYYMMDD + TMT CPNS YYYYMM + gender + sequence; PPPK: birth YYYYMMDD +
-- appointment year YYYY + 2-digit code + gender + sequence. jenis = 'PNS' / 'PPPK' / NULL.
CREATE OR REPLACE MACRO nip_problem(s, jenis) AS CASE WHEN s IS NOT NULL THEN
    -- list_transform binds the cleaned digits once as d (a macro has no local variables).
    list_transform([nip_digits(s)], lambda d: CASE
        WHEN regexp_matches(s, '\d[.,]?\d*[eE][+-]?\d')
            THEN 'NIP tertulis dalam notasi ilmiah (dirusak Excel); digit aslinya hilang'
        WHEN NOT regexp_full_match(d, '\d+')
            THEN 'NIP mengandung karakter selain angka'
        WHEN length(d) <> 18
            THEN 'NIP harus 18 digit, tertulis ' || length(d) || ' digit'
        WHEN try_strptime(substr(d, 1, 8), '%Y%m%d') IS NULL
            THEN 'tanggal lahir dalam NIP (digit 1-8) bukan tanggal yang sah'
        WHEN substr(d, 1, 4)::INTEGER NOT BETWEEN 1940 AND year(current_date) - 15
            THEN 'tahun lahir dalam NIP (digit 1-4) tidak masuk akal'
        WHEN jenis = 'PNS' AND substr(d, 13, 2)::INTEGER NOT BETWEEN 1 AND 12
            THEN 'bulan TMT CPNS dalam NIP (digit 13-14) bukan bulan yang sah'
        -- Parts that are each valid but impossible together (docs/temuan.md, NIP_INVALID):
        WHEN jenis = 'PNS' AND try_strptime(substr(d, 9, 6) || '01', '%Y%m%d')::DATE
                > current_date
            THEN 'TMT CPNS dalam NIP (digit 9-14) ' || substr(d, 9, 4) || '-' || substr(d, 13, 2)
                || ' belum terjadi'
        WHEN substr(d, 9, 4)::INTEGER > year(current_date)
            THEN 'tahun pengangkatan dalam NIP (digit 9-12) ' || substr(d, 9, 4) || ' belum terjadi'
        -- by years, not months: a CPNS born late in a year may be appointed early in the year
        -- she turns 18 only if the month were wrong, which the NIP alone cannot prove
        WHEN jenis = 'PNS' AND substr(d, 9, 4)::INTEGER - substr(d, 1, 4)::INTEGER < 18
            THEN 'TMT CPNS ' || substr(d, 9, 4) || '-' || substr(d, 13, 2)
                || ' sebelum pegawai berusia 18 tahun (lahir ' || substr(d, 1, 4) || '-'
                || substr(d, 5, 2) || '-' || substr(d, 7, 2) || '); usia minimal CPNS 18 tahun'
        WHEN jenis = 'PPPK' AND substr(d, 9, 4)::INTEGER - substr(d, 1, 4)::INTEGER < 20
            THEN 'pengangkatan PPPK tahun ' || substr(d, 9, 4) || ' sebelum pegawai berusia 20 tahun'
                || ' (lahir ' || substr(d, 1, 4) || '); usia minimal PPPK 20 tahun (PP 49/2018)'
        WHEN substr(d, 9, 4)::INTEGER - substr(d, 1, 4)::INTEGER < 18
            THEN 'tahun pengangkatan ' || substr(d, 9, 4) || ' sebelum pegawai berusia 18 tahun'
                || ' (lahir ' || substr(d, 1, 4) || ')'
        WHEN jenis = 'PPPK' AND substr(d, 9, 4)::INTEGER < 2019
            THEN 'pengangkatan PPPK tahun ' || substr(d, 9, 4)
                || ' sebelum PPPK pertama diangkat (2019, PP 49/2018)'
        WHEN jenis = 'PNS' AND try_strptime(substr(d, 9, 6) || '01', '%Y%m%d')::DATE
                >= try_strptime(substr(d, 1, 8), '%Y%m%d')::DATE + INTERVAL 57 YEAR
            THEN 'TMT CPNS ' || substr(d, 9, 4) || '-' || substr(d, 13, 2)
                || ' pada usia 57 tahun atau lebih; tidak ada pengangkatan CPNS setua itu'
        WHEN jenis = 'PNS' AND substr(d, 9, 4)::INTEGER >= 2018
                AND try_strptime(substr(d, 9, 6) || '01', '%Y%m%d')::DATE
                    >= try_strptime(substr(d, 1, 8), '%Y%m%d')::DATE + INTERVAL 42 YEAR
            THEN 'TMT CPNS ' || substr(d, 9, 4) || '-' || substr(d, 13, 2)
                || ' pada usia 42 tahun atau lebih; sejak PP 11/2017 usia pelamar CPNS paling tinggi'
                || ' 35 tahun (40 untuk jabatan tertentu)'
        WHEN jenis = 'PPPK' AND substr(d, 9, 4)::INTEGER - substr(d, 1, 4)::INTEGER > 65
            THEN 'pengangkatan PPPK pada usia di atas 65 tahun; pelamar PPPK paling tinggi 1 tahun'
                || ' sebelum batas usia pensiun jabatan (paling tinggi 65)'
        WHEN substr(d, 15, 1) NOT IN ('1', '2')
            THEN 'digit jenis kelamin (digit 15) harus 1 atau 2'
        WHEN substr(d, 16, 3) = '000'
            THEN 'nomor urut NIP 000 tidak pernah diterbitkan (kemungkinan dibulatkan Excel)'
    END)[1]
END;

-- Numbers: "1.234,5", "87,5", "100 %", "12.5", "1.234" (Indonesian thousands) -> DOUBLE.
CREATE OR REPLACE MACRO num_text(s) AS regexp_replace(regexp_replace(s, '\s*%$', ''), '\s', '', 'g');
CREATE OR REPLACE MACRO parse_num(s) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN regexp_full_match(num_text(s), '[+-]?\d{1,3}(\.\d{3})+(,\d+)?')
        THEN TRY_CAST(replace(replace(num_text(s), '.', ''), ',', '.') AS DOUBLE)
    WHEN regexp_full_match(num_text(s), '[+-]?\d*,\d+')
        THEN TRY_CAST(replace(num_text(s), ',', '.') AS DOUBLE)
    WHEN regexp_full_match(num_text(s), '[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?')
        THEN TRY_CAST(num_text(s) AS DOUBLE)
END;

CREATE OR REPLACE MACRO parse_int(s) AS
    CASE WHEN regexp_full_match(s, '[+-]?\d+(\.0+)?') THEN TRY_CAST(regexp_replace(s, '\.0+$', '') AS BIGINT) END;

-- Dates: ISO (optionally with a time part), 31/12/2025, 31-12-2025, 31 Desember 2025.
CREATE OR REPLACE MACRO indonesian_month(m) AS CASE lower(m) {{month_case}} END;
CREATE OR REPLACE MACRO parse_date(s) AS CASE
    WHEN s IS NULL THEN NULL
    WHEN regexp_full_match(s, '\d{4}-\d{1,2}-\d{1,2}([T ].*)?')
        THEN TRY_CAST(regexp_extract(s, '^\d{4}-\d{1,2}-\d{1,2}') AS DATE)
    WHEN regexp_full_match(s, '\d{1,2}[/-]\d{1,2}[/-]\d{4}')
        THEN TRY_CAST(
            regexp_extract(s, '(\d{4})$', 1) || '-' || regexp_extract(s, '^\d{1,2}[/-](\d{1,2})', 1)
            || '-' || regexp_extract(s, '^(\d{1,2})', 1) AS DATE)
    WHEN regexp_full_match(lower(s), '\d{1,2}\s+[a-z]+\s+\d{4}')
        THEN TRY_CAST(
            regexp_extract(s, '(\d{4})$', 1) || '-'
            || indonesian_month(regexp_extract(lower(s), '^\d{1,2}\s+([a-z]+)', 1)) || '-'
            || regexp_extract(s, '^(\d{1,2})', 1) AS DATE)
END;

-- Periods: "2025" (annual), "2025-TW1".."2025-TW4" (quarterly), "2025-01".."2025-12" (monthly).
CREATE OR REPLACE MACRO parse_periode(s) AS CASE
    WHEN regexp_full_match(upper(regexp_replace(s, '\s', '', 'g')), '\d{4}(-TW[1-4]|-(0[1-9]|1[0-2]))?')
        THEN upper(regexp_replace(s, '\s', '', 'g'))
END;

-- Comparison key for enum values: case- and space-insensitive (contract.enum_key).
CREATE OR REPLACE MACRO enum_key(s) AS lower(regexp_replace(s, '\s', '', 'g'));

-- A realisation is reported for its period when it holds a value: a number (0 included), or a
-- text other than blanks and dashes (EVIDENCE_MISSING and the quality score's denominator).
CREATE OR REPLACE MACRO realisasi_dilaporkan(nilai, teks) AS
    nilai IS NOT NULL OR NOT regexp_full_match(coalesce(teks, ''), '[\s-]*');
