"""Every kind of bad input of the catalogue, on a realistic sample with one change each: the
bundle is refused with a clear message, or every record the file holds is accepted or
quarantined (nothing lost), physical lines balance, and repairs are reported.

The loading path is the one the staged assets run (transforms.load.load_table), without
Dagster, so the whole catalogue stays fast; test_cli and test_output_folder cover the command.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from transforms.contract import TABLES
from transforms.ingest.bundle import BundleError, open_bundle
from transforms.load import load_table
from transforms.sample import write_sample_bundle
from transforms.sample.mutations import CATALOGUE, assess


def load_bundle(path: Path, work: Path) -> tuple[int, str, list[dict[str, str]]]:
    """(exit code as the command gives it, message, rekonsiliasi rows) for one bundle."""
    con = duckdb.connect()
    try:
        bundle = open_bundle(path, work)
        rekon = []
        for table in TABLES:
            r = load_table(con, table.name, bundle.sources.get(table.name, []), work)
            rekon.append({
                "tabel": table.name, "baris_fisik": r.balance.baris_fisik, "dibaca": r.balance.dibaca,
                "kosong": r.balance.kosong, "lanjutan": r.balance.lanjutan,
                "diterima": r.balance.staged, "dikarantina": r.balance.karantina,
                "diperbaiki": r.raw.repaired_rows,
            })
        return 0, "", [{k: str(v) for k, v in row.items()} for row in rekon]
    except BundleError as e:
        return 2, e.pesan, []
    finally:
        con.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("rusak")
    summary = write_sample_bundle(root / "ekspor", employees=300, seed=11)
    code, message, rekon = load_bundle(root / "ekspor", root / "kerja")
    assert code == 0, message
    return root / "ekspor", summary.rows, {r["tabel"]: r for r in rekon}


def test_the_unchanged_sample_accounts_for_every_record(sample):
    bundle, written, baseline = sample
    for table, n in written.items():
        r = baseline[table]
        assert int(r["diterima"]) + int(r["dikarantina"]) == n, table
        assert int(r["baris_fisik"]) == int(r["dibaca"]) + int(r["kosong"]) + int(r["lanjutan"])


def test_catalogue_has_at_least_25_kinds():
    assert len(CATALOGUE) >= 25
    assert len({m.name for m in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("mutation", CATALOGUE, ids=[m.name for m in CATALOGUE])
def test_bad_input_is_refused_or_fully_accounted(sample, tmp_path, mutation):
    bundle, written, baseline = sample
    copy = tmp_path / "ekspor"
    shutil.copytree(bundle, copy)
    target = mutation.apply(copy) or copy
    code, message, rekon = load_bundle(target, tmp_path / "kerja")
    outcome = assess(mutation, written, code, message, rekon, baseline)
    assert outcome.ok, (outcome.problems, message)
    assert outcome.lost == 0
