"""The GX runtime: a check's rows reach GX in frames sized by memory, in order and complete,
and the outcome over several frames counts and names the failed rows as one validation would."""

from __future__ import annotations

import duckdb
import pytest

from expectations.runtime import SPOOL, gx, record_batches, spool, validate

ROWS = 10_000
# Rows whose nilai is NULL: every 997th (0, 997, ..., 9970) and the last one.
MISSING = [*range(0, ROWS, 997), ROWS - 1]


@pytest.fixture()
def cursor():
    con = duckdb.connect()
    cur = con.cursor()
    spool(
        cur,
        f"SELECT i AS _baris, 'unit ' || (i % 7) AS unit,"
        f" CASE WHEN i % 997 = 0 OR i = {ROWS - 1} THEN NULL ELSE i * 2 END AS nilai"
        f" FROM range({ROWS}) t(i) ORDER BY i",
    )
    yield cur
    cur.close()
    con.close()


def test_frames_hold_every_row_in_order_within_the_budget(cursor):
    budget = 60_000  # bytes: a few hundred rows of this narrow frame
    frames = list(record_batches(cursor, budget))
    sizes = [len(f) for f in frames]
    assert sum(sizes) == ROWS
    assert len(frames) >= 4  # the budget, not the Arrow batch size, decides
    assert all(f.memory_usage(deep=True).sum() <= budget * 1.2 for f in frames)
    baris = [b for f in frames for b in f["_baris"].tolist()]
    assert baris == list(range(ROWS))
    assert frames[0].index[0] == 0  # each frame indexed from 0 (failed rows are positions)


def test_a_generous_budget_gives_one_frame(cursor):
    frames = list(record_batches(cursor, 2**30))
    assert [len(f) for f in frames] == [ROWS]


def test_an_empty_spool_gives_no_frame():
    con = duckdb.connect()
    spool(con, "SELECT 1 AS _baris WHERE false")
    assert list(record_batches(con)) == []
    assert con.sql(f"SELECT count(*) FROM {SPOOL}").fetchall() == [(0,)]


def test_failed_rows_over_many_frames_are_counted_and_named_once(cursor):
    g = gx()
    expectation = g.expectations.ExpectColumnValuesToNotBeNull(column="nilai", meta={"nama": "nilai_terisi"})
    outcome = validate("uji_runtime", [expectation], record_batches(cursor, 60_000), ["_baris", "unit"])
    result = outcome.expectations["nilai_terisi"]
    assert outcome.rows == ROWS and outcome.batches >= 4
    assert result.element_count == ROWS
    assert result.unexpected_count == 12
    assert sorted(r["_baris"] for r in result.failed) == MISSING
    assert {r["unit"] for r in result.failed if r["_baris"] == 997} == {"unit 3"}  # 997 % 7


def test_gx_is_not_asked_to_fingerprint_frames(cursor, monkeypatch):
    from great_expectations.execution_engine import pandas_execution_engine as engine

    calls: list[int] = []
    monkeypatch.setattr(engine, "hash_pandas_dataframe", lambda df: calls.append(len(df)) or "x")
    g = gx()
    expectation = g.expectations.ExpectColumnValuesToNotBeNull(column="unit")
    outcome = validate("uji_sidik", [expectation], record_batches(cursor), ["_baris"])
    assert outcome.success and outcome.rows == ROWS
    assert calls == []
    assert list(outcome.expectations) == ["expect_column_values_to_not_be_null(unit)"]
