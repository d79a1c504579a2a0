"""NIP_INVALID: NIPs whose date parts are each valid but impossible together (contract §2,
docs/temuan.md). Each NIP is written by hand; the expected verdicts follow the appointment rules."""

from __future__ import annotations

import duckdb
import pytest

from transforms.sqlfiles import install_macros


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    install_macros(c)
    return c


def problem(con, nip: str, jenis: str | None) -> str | None:
    return con.execute("SELECT nip_problem(?, ?)", [nip, jenis]).fetchall()[0][0]


@pytest.mark.parametrize(
    ("nip", "jenis"),
    [
        ("198609262015051001", "PNS"),  # born 1986-09-26, CPNS 2015-05 at 28
        ("199712312016011002", "PNS"),  # turns 18 in 2016: judged by years (months unprovable)
        ("196512102001032001", "PNS"),  # CPNS at 35 in 2001
        ("196001011999011001", "PNS"),  # CPNS at 39 before 2018 (honorer conversions)
        ("198503142022212001", "PPPK"),  # PPPK 2022 at 37, code 21
        ("200201012022211001", "PPPK"),  # PPPK at 20
        ("196001012021211001", "PPPK"),  # PPPK at 61 (allowed up to a year before BUP 65)
        ("200001012018011001", None),  # unknown kind: 18 by year
    ],
)
def test_possible_nips_pass(con, nip, jenis):
    assert problem(con, nip, jenis) is None


@pytest.mark.parametrize(
    ("nip", "jenis", "says"),
    [
        ("200005012015051001", "PNS", "sebelum pegawai berusia 18 tahun"),  # CPNS at 15
        ("199912012016011001", "PNS", "sebelum pegawai berusia 18 tahun"),  # 17 in the year of TMT
        ("199001012008211002", "PPPK", "usia minimal PPPK 20 tahun"),  # PPPK at 18
        ("198001012015211001", "PPPK", "sebelum PPPK pertama diangkat"),  # PPPK before 2019
        ("195501012023211001", "PPPK", "di atas 65 tahun"),  # PPPK at 68
        ("196001012019011001", "PNS", "usia 57 tahun atau lebih"),  # CPNS at 59
        ("198001012023011001", "PNS", "usia 42 tahun atau lebih"),  # CPNS at 43 after PP 11/2017
        ("199001012099011001", "PNS", "belum terjadi"),  # CPNS in 2099
        ("199001012099211001", "PPPK", "belum terjadi"),
        ("200701012024211001", None, "sebelum pegawai berusia 18 tahun"),  # appointed at 17
        ("199202302015051001", "PNS", "bukan tanggal yang sah"),  # 30 February
        ("198609262015131001", "PNS", "bulan TMT CPNS"),  # month 13
    ],
)
def test_impossible_nips_are_named(con, nip, jenis, says):
    assert says in (problem(con, nip, jenis) or ""), problem(con, nip, jenis)
