"""A warehouse that keeps years and instansi: each bundle replaces exactly its own slices."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from transforms.contract import TABLES
from transforms.sample import write_sample_bundle
from transforms.warehouse import slice_counts


def stg_slices(out: Path) -> dict[tuple[str, str | None, int], int]:
    con = duckdb.connect(str(out / "warehouse.duckdb"), read_only=True)
    try:
        return {(t, i, y): n for t, i, y, n in slice_counts(con) if t.startswith("stg.")}
    finally:
        con.close()


def rekon(out: Path) -> list[dict[str, str]]:
    with (out / "rekonsiliasi.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def loads(tmp_path_factory):
    """One OUT loaded with: A (2024), B (2025, same instansi), C (2025, another instansi), B again."""
    root = tmp_path_factory.mktemp("gudang")
    written = {}
    for key, seed, tahun in (("a", 3, 2024), ("b", 3, 2025), ("c", 4, 2025)):
        written[key] = write_sample_bundle(root / key, employees=150, seed=seed, tahun=tahun).rows
    out = root / "hasil"
    states = []
    for key in ("a", "b", "c", "b"):
        assert main(["run", "--exports", str(root / key), "--out", str(out)]) == 0
        states.append({
            "slices": stg_slices(out),
            "temuan": (out / "temuan.csv").read_bytes(),
            "rekon": rekon(out),
            "site": (out / "site" / "index.html").read_text(encoding="utf-8"),
        })
    return written, states


def instansi_of(slices: dict, tahun: int) -> set[str | None]:
    return {i for (t, i, y) in slices if y == tahun and t == "stg.unit_kerja"}


def test_second_year_keeps_the_first(loads):
    _, (after_a, after_b, _, _) = loads
    (inst,) = instansi_of(after_a["slices"], 2024)
    assert instansi_of(after_b["slices"], 2025) == {inst}  # same instansi, next year
    kept_2024 = {k: n for k, n in after_b["slices"].items() if k[2] == 2024}
    assert kept_2024 == after_a["slices"]  # the 2024 slice is untouched by the 2025 bundle
    assert {y for (_, _, y) in after_b["slices"]} == {2024, 2025}


def test_another_instansi_adds_a_slice(loads):
    _, (_, after_b, after_c, _) = loads
    assert len(instansi_of(after_c["slices"], 2025)) == 2
    for key, n in after_b["slices"].items():
        assert after_c["slices"][key] == n, key  # A's and B's slices unchanged


def test_every_record_of_every_bundle_is_accounted(loads):
    written, (_, _, after_c, _) = loads
    rows = after_c["rekon"]
    assert len({r["bundel"] for r in rows}) == 3
    by_year_table: dict[tuple[str, str], int] = {}
    for r in rows:
        assert int(r["dibaca"]) == int(r["diterima"]) + int(r["dikarantina"])
        assert int(r["baris_fisik"]) == int(r["dibaca"]) + int(r["kosong"]) + int(r["lanjutan"])
        key = (r["tahun"], r["tabel"])
        by_year_table[key] = by_year_table.get(key, 0) + int(r["dibaca"])
    for table in TABLES:
        assert by_year_table[("2024", table.name)] == written["a"][table.name]
        assert by_year_table[("2025", table.name)] == written["b"][table.name] + written["c"][table.name]


def test_loading_the_same_bundle_again_changes_nothing(loads):
    _, (_, _, after_c, again) = loads
    assert again["slices"] == after_c["slices"]
    assert again["temuan"] == after_c["temuan"]  # byte-identical
    assert len({r["bundel"] for r in again["rekon"]}) == 3  # B replaced its own accounting


def test_findings_carry_their_year(loads):
    _, (_, _, after_c, _) = loads
    rows = list(csv.DictReader(after_c["temuan"].decode("utf-8").splitlines()))
    assert {r["tahun"] for r in rows} == {"2024", "2025"}
    assert list(rows[0])[:4] == ["rule", "tingkat", "subjek_id", "tahun"]


def test_a_warehouse_kept_elsewhere_serves_several_outs(tmp_path):
    from pipelines import output_folder
    from tests.conftest import base_rows, write_bundle

    rows = base_rows()
    a = write_bundle(tmp_path / "a", rows)
    for table in rows.values():  # another instansi, same year
        for r in table:
            if r.get("instansi_id"):
                r["instansi_id"] = "B7C2"
    b = write_bundle(tmp_path / "b", rows)
    gudang = tmp_path / "bersama" / "gudang.duckdb"
    assert main(["run", "--exports", str(a), "--out", str(tmp_path / "h1"), "--gudang", str(gudang)]) == 0
    assert main(["run", "--exports", str(b), "--out", str(tmp_path / "h2"), "--gudang", str(gudang)]) == 0
    assert not (tmp_path / "h1" / "warehouse.duckdb").exists()
    con = duckdb.connect(str(gudang), read_only=True)
    assert con.sql("SELECT _instansi_id, count(*) FROM stg.pegawai GROUP BY 1 ORDER BY 1").fetchall() == [
        ("A5EB03E2", 4), ("B7C2", 4)
    ]
    con.close()
    # One run at a time on the shared warehouse, whichever OUT it writes.
    with output_folder.RunLock(output_folder.warehouse_lock(gudang)):
        assert main(["run", "--exports", str(a), "--out", str(tmp_path / "h3"), "--gudang", str(gudang)]) == 3


def test_a_file_that_is_not_a_warehouse_is_refused(tmp_path, capsys):
    from tests.conftest import base_rows, write_bundle

    bundle = write_bundle(tmp_path / "a", base_rows())
    foreign = tmp_path / "catatan.duckdb"
    foreign.write_text("bukan basis data")
    assert main(["run", "--exports", str(bundle), "--out", str(tmp_path / "h"), "--gudang", str(foreign)]) == 2
    assert "bukan gudang data kinerja" in capsys.readouterr().err
    assert foreign.read_text() == "bukan basis data"


def test_a_foreign_file_where_the_warehouse_lock_goes_is_refused(tmp_path, capsys):
    from tests.conftest import base_rows, write_bundle

    bundle = write_bundle(tmp_path / "a", base_rows())
    (tmp_path / "gudang.duckdb.kunci").write_text("catatan pribadi")
    argv = ["run", "--exports", str(bundle), "--out", str(tmp_path / "h"), "--gudang", str(tmp_path / "gudang.duckdb")]
    assert main(argv) == 2
    assert "bukan berkas kunci kinerja" in capsys.readouterr().err
    assert (tmp_path / "gudang.duckdb.kunci").read_text() == "catatan pribadi"
