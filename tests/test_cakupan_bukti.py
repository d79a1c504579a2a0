"""mart.cakupan_bukti on a hand-made staging: reported periods, covered ones and the employees
behind them, per unit and periode and per unit and year (counted by hand below)."""

import duckdb

from transforms.marts import mart_files
from transforms.sqlfiles import expand_includes

STAGED = """
CREATE SCHEMA stg; CREATE SCHEMA mart;
CREATE TABLE stg.unit_kerja AS SELECT * FROM (VALUES ('U1', 'I1'), ('U2', 'I1')) t(unor_id, instansi_id);
CREATE TABLE stg.pegawai AS SELECT * FROM (VALUES ('A', 'U1'), ('B', 'U1'), ('C', 'U2')) t(nip, unor_id);
CREATE TABLE stg.skp AS SELECT * FROM (VALUES ('SA', 'A', 2025), ('SB', 'B', 2025), ('SC', 'C', 2025))
    t(skp_id, nip, tahun);
CREATE TABLE stg.rhk AS SELECT * FROM (VALUES ('RA', 'SA'), ('RB', 'SB'), ('RC', 'SC')) t(rhk_id, skp_id);
CREATE TABLE stg.indikator AS SELECT * FROM (VALUES ('IA1', 'RA'), ('IA2', 'RA'), ('IB1', 'RB'), ('IC1', 'RC'))
    t(indikator_id, rhk_id);
CREATE TABLE stg.realisasi AS SELECT * FROM (VALUES
    ('IA1', '2025-TW1', 1.0), ('IA1', '2025-TW2', 2.0), ('IA2', '2025-TW1', NULL), ('IA2', '2025-TW2', 3.0),
    ('IB1', '2025-TW1', 5.0), ('IC1', '2025-TW1', 1.0)) t(indikator_id, periode, realisasi);
CREATE TABLE stg.bukti_dukung AS SELECT * FROM (VALUES
    ('IA1', '2025-TW1'), ('IA1', '2025-TW1'), ('IA2', '2025-TW2'), ('IC1', '2025-TW2'), ('IX', '2025-TW1'))
    t(indikator_id, periode);
"""


def test_coverage_per_unit_periode_and_year():
    con = duckdb.connect()
    con.execute(STAGED)
    (path,) = [p for p in mart_files() if p.name == "cakupan_bukti.sql"]
    con.execute(expand_includes(path.read_text(encoding="utf-8")))
    rows = con.sql("SELECT * FROM mart.cakupan_bukti ORDER BY ALL").fetchall()
    # U1: TW1 has IA1 (bukti twice: one covered period) and IB1 (none); IA2's TW1 holds no
    # value and is not reported; TW2 has IA1 (none) and IA2 (bukti). U2: IC1's bukti is for
    # TW2, its report for TW1. The bukti of an unknown indikator counts for nothing.
    assert rows == [
        ("I1", "U1", "2025", 4, 2, 2),
        ("I1", "U1", "2025-TW1", 2, 1, 2),
        ("I1", "U1", "2025-TW2", 2, 1, 1),
        ("I1", "U2", "2025", 1, 0, 1),
        ("I1", "U2", "2025-TW1", 1, 0, 1),
    ]
