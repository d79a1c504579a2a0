"""Every CSV we write is safe against formula injection and holds no raw control character."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import polars as pl

from pipelines.cli import main
from tests.conftest import base_rows, write_bundle
from transforms.safe_csv import copy_csv, write_frame_csv

HOSTILE = ["=1+1", "+62 812", "-5 hari", "@SUM(A1)", "\t=cmd", "\r=cmd", "a\x00b\x07c", "Biasa", None]
EXPECTED = ["'=1+1", "'+62 812", "'-5 hari", "'@SUM(A1)", "'\t=cmd", "'\r=cmd", "a\ufffdb\ufffdc", "Biasa", ""]


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_duckdb_copy_guards_text_and_keeps_numbers(tmp_path):
    con = duckdb.connect()
    con.execute("CREATE TABLE t (teks VARCHAR, angka BIGINT)")
    con.executemany("INSERT INTO t VALUES (?, ?)", [(v, -3) for v in HOSTILE])
    copy_csv(con, "SELECT teks, angka FROM t", tmp_path / "t.csv")
    rows = read(tmp_path / "t.csv")
    assert rows[0] == ["teks", "angka"]
    assert [r[0] for r in rows[1:]] == EXPECTED
    assert {r[1] for r in rows[1:]} == {"-3"}  # a number is not a formula


def test_polars_csv_guards_text(tmp_path):
    frame = pl.DataFrame({"teks": HOSTILE, "jumlah": list(range(len(HOSTILE)))})
    write_frame_csv(frame, tmp_path / "f.csv")
    assert [r[0] for r in read(tmp_path / "f.csv")[1:]] == EXPECTED


def test_no_output_csv_carries_a_formula(tmp_path):
    rows = base_rows()
    rows["unit_kerja"][1]["unor_nama"] = '=HYPERLINK("http://contoh.invalid","klik")'
    rows["pegawai"].append(dict(rows["pegawai"][1], nip="+62 812 3456"))
    rows["rhk"][2]["uraian"] = "-Terkelolanya arsip"
    bundle = write_bundle(tmp_path / "ekspor", rows)
    header = (bundle / "pegawai.csv").read_text(encoding="utf-8").splitlines()
    lines = [header[0] + ",@catatan"] + [line + ",=2*3" for line in header[1:]]
    (bundle / "pegawai.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "hasil"
    assert main(["run", "--exports", str(bundle), "--out", str(out)]) == 0
    files = sorted(out.glob("*.csv")) + sorted((out / "karantina").glob("*.csv")) + sorted(
        (out / "terbatas").rglob("*.csv")
    )
    assert {p.name for p in files} >= {"temuan.csv", "rekonsiliasi.csv", "pegawai.csv", "daftar.csv"}
    for path in files:
        for row in read(path):
            for cell in row:
                assert not re.match(r"[=+\-@\t\r]", cell), (path.name, cell)
                assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", cell), (path.name, cell)
    head, *rows = read(out / "terbatas" / "daftar.csv")
    daftar = {r[head.index("unor_nama")] for r in rows}
    assert "'=HYPERLINK(\"http://contoh.invalid\",\"klik\")" in daftar
    header, *body = read(out / "rekonsiliasi.csv")
    rekon = {r[header.index("tabel")]: r for r in body}
    assert "'@catatan" in rekon["pegawai"]
