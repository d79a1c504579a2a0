"""The intermediate models (schema antara): written once per staging, read by the marts and
findings rules instead of computing the evidence join again, and dropped when staging changes."""

from __future__ import annotations

import pytest

from tests.conftest import stage_sample
from transforms import intermediate
from transforms.consistency import analysis
from transforms.ingest.bundle import open_bundle
from transforms.load import load_table


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    con, bundle, work = stage_sample(tmp_path_factory.mktemp("antara"), employees=400, seed=31)
    yield con, bundle, work
    con.close()


def test_shared_frame_is_written_once_and_read_back_unchanged(staged, monkeypatch):
    staged, _, _ = staged
    computed = analysis._annual_with_evidence(staged)
    rows = analysis.build_shared(staged)
    assert rows == {"penilaian_tahunan_bukti": computed.height}
    assert computed.height >= 380  # one annual appraisal per employee of the sample, at most
    read = analysis.annual_with_evidence(staged)
    assert read.schema == computed.schema
    key = ["nip", "tahun", "periode"]
    assert read.sort(key).equals(computed.sort(key))

    def must_not_run(con):
        raise AssertionError("the evidence join ran again")

    monkeypatch.setattr(analysis, "appraisee_evidence_query", must_not_run)
    table = analysis.evaluator_table(staged)  # the mart's and the findings rule's input
    assert table.height > 0


def test_staging_again_drops_the_intermediate_tables(staged):
    con, bundle, work = staged
    analysis.build_shared(con)
    assert intermediate.present(con, analysis.ANNUAL)
    load_table(con, "unit_kerja", open_bundle(bundle, work).sources["unit_kerja"], work)
    assert not intermediate.present(con, analysis.ANNUAL)
    assert analysis.annual_with_evidence(con).height > 0  # computed again, from stg
