"""Normalisation macros and staging: every §3 variation normalised, every failure quarantined."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import KEPALA, PPPK, STAF_A, write_bundle
from transforms.contract import REQUIRED_TABLES, TABLES
from transforms.ingest.bundle import open_bundle
from transforms.ingest.readers import read_raw
from transforms.sqlfiles import install_macros
from transforms.staging import REASONS, stage_table


@pytest.fixture
def con():
    c = duckdb.connect()
    install_macros(c)
    yield c
    c.close()


def one(con, expr: str):
    return con.sql(f"SELECT {expr}").fetchall()[0][0]


@pytest.mark.parametrize(
    ("text", "jenis", "digits"),
    [
        ("19860926 201505 1 001", "PNS", "198609262015051001"),
        ("19860926.201505.1.001", None, "198609262015051001"),
        (PPPK, "PPPK", PPPK),
    ],
)
def test_nip_written_grouped_or_with_dots_is_normalised(con, text, jenis, digits):
    jenis_sql = f"'{jenis}'" if jenis else "NULL"
    assert one(con, f"nip_problem('{text}', {jenis_sql})") is None
    assert one(con, f"nip_digits('{text}')") == digits


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1,98609E+17", "notasi ilmiah"),
        ("1.98609262015051E+17", "notasi ilmiah"),
        ("19860926201505100", "18 digit"),
        ("198613262015051001", "tanggal lahir"),
        ("198609262015053001", "jenis kelamin"),
        ("198609262015051000", "000"),
        ("198609262000051001", "tahun pengangkatan"),
        ("19860926201505100A", "selain angka"),
    ],
)
def test_invalid_nip_gets_an_indonesian_reason(con, text, fragment):
    assert fragment in one(con, f"nip_problem('{text}', NULL)")


def test_pns_month_checked_only_for_pns(con):
    # Digits 13-14 are a month for PNS, a code for PPPK (PPPK appointed in 2021, so possible).
    assert "bulan TMT" in one(con, "nip_problem('198609262021131001', 'PNS')")
    assert one(con, "nip_problem('198609262021131001', 'PPPK')") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.234,5", 1234.5), ("87,5", 87.5), ("100 %", 100.0), ("12.5", 12.5), ("2", 2.0), ("-3,25", -3.25)],
)
def test_indonesian_numbers(con, text, value):
    assert one(con, f"parse_num('{text}')") == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12 Dokumen"])
def test_non_numbers_are_null(con, text):
    assert one(con, f"parse_num('{text}')") is None


@pytest.mark.parametrize(
    "text", ["2025-12-31", "31/12/2025", "31-12-2025", "31 Desember 2025", "31 desember 2025", "2025-12-31T08:00:00+07:00"]
)
def test_dates_in_every_contract_form(con, text):
    assert str(one(con, f"parse_date('{text}')")) == "2025-12-31"


@pytest.mark.parametrize("text", ["30/02/2025", "31 Desembr 2025", "2025/12/31", "kemarin"])
def test_impossible_or_unknown_dates_are_null(con, text):
    assert one(con, f"parse_date('{text}')") is None


def test_all_indonesian_month_names(con):
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
    for i, m in enumerate(months, 1):
        assert one(con, f"parse_date('1 {m} 2025')").month == i


def stage_bundle(tmp_path, rows):
    folder = write_bundle(tmp_path / "ekspor", rows)
    bundle = open_bundle(folder, tmp_path / "kerja")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    results = {}
    for table in TABLES:
        read_raw(con, table.name, bundle.sources.get(table.name, []), tmp_path / "kerja")
        results[table.name] = stage_table(con, table.name)
    return con, results


def test_clean_bundle_is_accepted_whole_with_aliases_normalised(tmp_path, bundle_rows):
    con, results = stage_bundle(tmp_path, bundle_rows)
    for name in REQUIRED_TABLES:
        r = results[name]
        assert r.dikarantina == 0, name
        assert r.diterima == r.dibaca == len(bundle_rows[name])
    assert con.sql("SELECT predikat FROM stg.penilaian ORDER BY nip").fetchall() == [
        ("Sangat Baik",), ("Butuh Perbaikan",), ("Kurang/Misconduct",)
    ]
    assert con.sql("SELECT DISTINCT rating_hasil_kerja FROM stg.penilaian ORDER BY 1").fetchall() == [
        ("Di Atas Ekspektasi",), ("Di Bawah Ekspektasi",), ("Sesuai Ekspektasi",)
    ]
    assert con.sql("SELECT jenis_cascading FROM stg.rhk ORDER BY rhk_id").fetchall() == [
        (None,), ("Langsung",), ("Tidak Langsung",)
    ]
    assert con.sql("SELECT nip FROM stg.pegawai WHERE jenis_jabatan = 'JPT Pratama'").fetchall() == [
        (KEPALA.replace(" ", ""),)
    ]
    assert con.sql("SELECT realisasi, periode, tanggal_input FROM stg.realisasi ORDER BY indikator_id").fetchall()[1][:2] == (87.5, "2025-TW1")
    assert con.sql("SELECT capaian_persen FROM stg.kinerja_organisasi").fetchall() == [(1234.5,)]
    assert str(con.sql("SELECT periode_selesai FROM stg.skp WHERE skp_id = 'SKP-1'").fetchall()[0][0]) == "2025-12-31"
    assert con.sql("SELECT status FROM stg.skp WHERE skp_id = 'SKP-2'").fetchall() == [("Disetujui",)]


def quarantine(con):
    return con.sql("SELECT tabel, baris, kode_alasan, alasan FROM audit.karantina ORDER BY tabel, baris").fetchall()


def test_every_quarantine_reason(tmp_path, bundle_rows):
    rows = bundle_rows
    rows["pegawai"].append(dict(rows["pegawai"][1], nip="1,98609E+17", nama="Excel"))  # NIP_TIDAK_VALID
    rows["pegawai"].append(dict(rows["pegawai"][1], nama="Ganda"))  # KUNCI_DUPLIKAT
    rows["skp"].append(dict(rows["skp"][1], skp_id="SKP-9", nip="198001012005011009"))  # REFERENSI_TIDAK_ADA
    rows["skp"].append(dict(rows["skp"][1], skp_id="SKP-8", tahun="dua ribu"))  # BILANGAN_BULAT_TIDAK_VALID
    rows["skp"].append(dict(rows["skp"][1], skp_id="SKP-7", periode_mulai="30/02/2025"))  # TANGGAL_TIDAK_VALID
    rows["rhk"].append(dict(rows["rhk"][1], rhk_id="R9", skp_id="SKP-8"))  # INDUK_DIKARANTINA
    rows["indikator"].append(dict(rows["indikator"][0], indikator_id="I9", target_min="dua"))  # ANGKA_TIDAK_VALID
    rows["realisasi"].append(dict(rows["realisasi"][0], periode="2025-Q1"))  # PERIODE_TIDAK_VALID
    rows["penilaian"].append(dict(rows["penilaian"][0], periode="2025-TW1", predikat="Sangat Bagus"))  # NILAI_TIDAK_DIKENAL
    rows["unit_kerja"].append(dict(rows["unit_kerja"][1], unor_id="U3", unor_nama=""))  # KOLOM_WAJIB_KOSONG
    con, results = stage_bundle(tmp_path, rows)
    got = {(t, b): (k, a) for t, b, k, a in quarantine(con)}
    assert got[("pegawai", 5)][0] == "NIP_TIDAK_VALID" and "notasi ilmiah" in got[("pegawai", 5)][1]
    assert got[("pegawai", 6)][0] == "KUNCI_DUPLIKAT" and "pegawai.csv baris 2" in got[("pegawai", 6)][1]
    assert got[("skp", 4)][0] == "REFERENSI_TIDAK_ADA" and "tidak ada di tabel pegawai" in got[("skp", 4)][1]
    assert got[("skp", 5)][0] == "BILANGAN_BULAT_TIDAK_VALID" and "'dua ribu'" in got[("skp", 5)][1]
    assert got[("skp", 6)][0] == "TANGGAL_TIDAK_VALID" and "'30/02/2025'" in got[("skp", 6)][1]
    assert got[("rhk", 4)][0] == "INDUK_DIKARANTINA" and "dikarantina" in got[("rhk", 4)][1]
    assert got[("indikator", 3)][0] == "ANGKA_TIDAK_VALID" and "bukan angka" in got[("indikator", 3)][1]
    assert got[("realisasi", 3)][0] == "PERIODE_TIDAK_VALID"
    assert got[("penilaian", 4)][0] == "NILAI_TIDAK_DIKENAL" and "Sangat Kurang" in got[("penilaian", 4)][1]
    assert got[("unit_kerja", 3)][0] == "KOLOM_WAJIB_KOSONG" and "unor_nama" in got[("unit_kerja", 3)][1]
    assert {k for k, _ in got.values()} == set(REASONS) - {"BARIS_RUSAK"}
    for name, r in results.items():
        assert r.dibaca == r.diterima + r.dikarantina, name
        assert con.sql(f"SELECT count(*) FROM stg.{name}").fetchall()[0][0] == r.diterima
    # Original text is kept verbatim for the person fixing the source.
    (asli,) = con.sql("SELECT nilai_asli->>'nip' FROM audit.karantina WHERE tabel='pegawai' AND baris=5").fetchall()[0]
    assert asli == "1,98609E+17"


def test_duplicate_keeps_first_occurrence(tmp_path, bundle_rows):
    bundle_rows["pegawai"].append(dict(bundle_rows["pegawai"][1], nama="Nama Lain"))
    con, _ = stage_bundle(tmp_path, bundle_rows)
    assert con.sql(f"SELECT nama, _baris FROM stg.pegawai WHERE nip = '{STAF_A}'").fetchall() == [
        ("Siti Rahmawati, S.E.", 2)
    ]


def test_quarantined_unit_quarantines_its_whole_subtree(tmp_path, bundle_rows):
    u = bundle_rows["unit_kerja"]
    u.append(dict(u[1], unor_id="U3", unor_induk_id="U404"))  # parent missing
    u.append(dict(u[1], unor_id="U4", unor_induk_id="U3"))
    u.append(dict(u[1], unor_id="U5", unor_induk_id="U4"))
    con, results = stage_bundle(tmp_path, bundle_rows)
    codes = [(b, k) for t, b, k, _ in quarantine(con) if t == "unit_kerja"]
    assert codes == [(3, "REFERENSI_TIDAK_ADA"), (4, "INDUK_DIKARANTINA"), (5, "INDUK_DIKARANTINA")]
    assert results["unit_kerja"].diterima == 2


def test_broken_record_is_quarantined_not_lost(tmp_path, bundle_rows):
    folder = write_bundle(tmp_path / "ekspor", bundle_rows)
    with (folder / "pegawai.csv").open("a", encoding="utf-8") as f:
        f.write("199001012015011001;hanya;tiga\n")  # wrong field count (delimiter is ',')
    bundle = open_bundle(folder, tmp_path / "kerja")
    con = duckdb.connect()
    read_raw(con, "unit_kerja", bundle.sources["unit_kerja"], tmp_path / "kerja")
    stage_table(con, "unit_kerja")
    read_raw(con, "pegawai", bundle.sources["pegawai"], tmp_path / "kerja")
    r = stage_table(con, "pegawai")
    assert (r.dibaca, r.diterima, r.dikarantina) == (5, 4, 1)
    assert quarantine(con)[0][:3] == ("pegawai", 5, "BARIS_RUSAK")


ALIAS_CASES = [
    ("rating", "Diatas Ekspektasi", "Di Atas Ekspektasi"),
    ("rating", "Dibawah Ekspektasi", "Di Bawah Ekspektasi"),
    ("rating", "  sesuai   EKSPEKTASI ", "Sesuai Ekspektasi"),
    ("predikat", "Cukup", "Butuh Perbaikan"),
    ("predikat", "Cukup/Butuh Perbaikan", "Butuh Perbaikan"),
    ("predikat", "Kurang", "Kurang/Misconduct"),
    ("predikat", "Misconduct", "Kurang/Misconduct"),
    ("predikat", "sangat  baik", "Sangat Baik"),
    ("jenis_cascading", "Direct Cascading", "Langsung"),
    ("jenis_cascading", "Non Direct Cascading", "Tidak Langsung"),
    ("jenis_cascading", "tidak langsung", "Tidak Langsung"),
    ("predikat_organisasi", "Kurang", "Kurang"),  # 'Kurang' is canonical for the organisation
    ("jenis_asn", "pppk", "PPPK"),
    ("status_penilai", "NON-ASN", "NON ASN"),
    ("status_penilai", "nonasn", "NON ASN"),
    ("status_penilai", "asn", "ASN"),
]


@pytest.mark.parametrize(("enum", "text", "canonical"), ALIAS_CASES)
def test_enum_aliases_and_case_space_variants(con, enum, text, canonical):
    from transforms.staging import enum_expr

    assert one(con, enum_expr(enum, f"'{text}'")) == canonical


def test_contract_aliases_are_the_documented_ones():
    """The contract's alias table is data-contract.md §3 (plus the SIASN statusPenilai spellings),
    written out here; every entry is also normalised by a case in ALIAS_CASES above."""
    from transforms.contract import ALIASES

    assert ALIASES == {
        "rating": {
            "Diatas Ekspektasi": "Di Atas Ekspektasi",
            "Dibawah Ekspektasi": "Di Bawah Ekspektasi",
        },
        "predikat": {
            "Cukup": "Butuh Perbaikan",
            "Cukup/Butuh Perbaikan": "Butuh Perbaikan",
            "Kurang": "Kurang/Misconduct",
            "Misconduct": "Kurang/Misconduct",
        },
        "jenis_cascading": {
            "Direct Cascading": "Langsung",
            "Non Direct Cascading": "Tidak Langsung",
        },
        "status_penilai": {"NONASN": "NON ASN", "NON-ASN": "NON ASN"},
    }


def test_rows_landed_in_order_are_staged_in_order_without_a_sort(tmp_path):
    from transforms.load import load_table
    from transforms.sample import write_sample_bundle

    folder = tmp_path / "ekspor"
    write_sample_bundle(folder, employees=300, seed=5)  # with duplicates and orphans to quarantine
    bundle = open_bundle(folder, tmp_path / "kerja")
    con = duckdb.connect(str(tmp_path / "w.duckdb"), config={"threads": 2})
    quarantined = 0
    for table in TABLES:
        loaded = load_table(con, table.name, bundle.sources.get(table.name, []), tmp_path / "kerja")
        assert loaded.raw.ordered, table.name
        quarantined += loaded.stage.dikarantina
        as_stored = con.sql(f"SELECT _sumber, _baris FROM stg.{table.name}").fetchall()
        assert as_stored == sorted(as_stored), table.name
    assert quarantined > 0  # the UPDATEs that quarantine rows ran


def test_the_sink_notices_rows_out_of_order(tmp_path):
    import pyarrow as pa

    from transforms.contract import TABLE_BY_NAME
    from transforms.ingest.sink import _Sink

    con = duckdb.connect()
    sink = _Sink(con, TABLE_BY_NAME["unit_kerja"], None)
    sink.add("b.csv", pa.array([2, 3, 5]), {})
    sink.add("b.csv", pa.array([6]), {})
    assert sink.ordered
    before = sink.snapshot()
    sink.add("a.csv", pa.array([7, 8]), {})  # a file sorting before the last one
    assert not sink.ordered
    sink.rollback(before, "a.csv")
    assert sink.ordered and sink.rows == 4
    sink.add("c.csv", pa.array([4, 3]), {})  # numbers falling within a batch
    assert not sink.ordered
    sink.close()


def test_rows_out_of_order_are_sorted_by_staging(tmp_path, bundle_rows):
    folder = write_bundle(tmp_path / "ekspor", bundle_rows)
    bundle = open_bundle(folder, tmp_path / "kerja")
    con = duckdb.connect()
    raw = read_raw(con, "unit_kerja", bundle.sources["unit_kerja"], tmp_path / "kerja")
    assert raw.ordered
    con.execute("CREATE TABLE kebalik AS SELECT * FROM raw_unit_kerja ORDER BY _baris DESC")
    con.execute("DELETE FROM raw_unit_kerja")
    con.execute("INSERT INTO raw_unit_kerja SELECT * FROM kebalik")
    stage_table(con, "unit_kerja")  # not told the rows are ordered: sorts
    assert [b for (b,) in con.sql("SELECT _baris FROM stg.unit_kerja").fetchall()] == [1, 2]
