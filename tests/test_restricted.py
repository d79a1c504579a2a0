"""Restricted output: named follow-up lists per unit, kept out of the aggregate site."""

from __future__ import annotations

import zipfile

import polars as pl

from pipelines.cli import main
from tests.conftest import PPPK, STAF_B, write_bundle


def test_named_follow_up_lists_per_unit(tmp_path, bundle_rows):
    bundle_rows["pegawai"][2]["nama"] = '=HYPERLINK("http://contoh.invalid","klik")'
    bundle = write_bundle(tmp_path / "ekspor", bundle_rows)
    out = tmp_path / "hasil"
    assert main(["run", "--exports", str(bundle), "--out", str(out)]) == 0
    folder = out / "terbatas"
    index = pl.read_csv(folder / "daftar.csv")
    # U1: its head appraises U2's three (the "Konsistensi penilai" sheet names the evaluator)
    assert index.select("unor_id", "Tindak lanjut predikat", "Konsistensi penilai").rows() == [
        ("U1", 0, 1), ("U2", 2, 0)]
    book = folder / index.filter(pl.col("unor_id") == "U2")["berkas"][0]
    rows = pl.read_excel(book, sheet_name="Tindak lanjut predikat", read_options={"header_row": 1})
    assert sorted(rows["nip"].to_list()) == sorted([STAF_B, PPPK])
    assert set(rows["predikat"]) == {"Butuh Perbaikan", "Kurang/Misconduct"}
    assert "Drs. Bambang Sutrisno, M.Si." in set(rows["nama_penilai"])
    # Export text is stored as text, never as a live formula (CSV/XLSX injection).
    with zipfile.ZipFile(book) as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        shared = zf.read("xl/sharedStrings.xml").decode()
    assert "=HYPERLINK(" in shared.replace("&quot;", '"')
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    assert "DATA PRIBADI" in (folder / "BACA_DULU.txt").read_text(encoding="utf-8")
    site = "".join(p.read_text(encoding="utf-8") for p in (out / "site").glob("*.html"))
    assert "terbatas" not in site and STAF_B not in site
