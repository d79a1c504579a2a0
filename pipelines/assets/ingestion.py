"""The bundle asset and one staged-table asset per contract table (plus its checks)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dagster import (
    AssetCheckResult,
    AssetKey,
    AssetsDefinition,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
    asset_check,
)
from dagster_duckdb import DuckDBResource

from pipelines.progress import log, rows_progress
from pipelines.resources import ExportBundle, OutputDir
from reports.fmt import angka
from transforms.audit import record_bundle, table_balance
from transforms.contract import TABLES, Table
from transforms.ingest.bundle import Bundle, BundleError
from transforms.load import load_table, source_label
from transforms.warehouse import fingerprint

INGEST_GROUP = "penerimaan"


@contextmanager
def failing_on_bundle_error() -> Iterator[None]:
    """An unusable bundle fails the step, without retries, with its Indonesian message."""
    try:
        yield
    except BundleError as e:
        raise Failure(description=e.pesan, metadata={"berkas": e.berkas or "-"}, allow_retries=False) from e


def open_or_fail(ekspor: ExportBundle, keluaran: OutputDir) -> Bundle:
    """Open the bundle, failing the step when it cannot be used."""
    with failing_on_bundle_error():
        return ekspor.open(keluaran.workdir)


@asset(
    key=AssetKey("bundel"),
    group_name=INGEST_GROUP,
    kinds={"duckdb"},
    description=(
        "Bundel ekspor: berkas yang memuat setiap tabel, manifest, dan berkas yang diabaikan."
        " Gagal dengan pesan berbahasa Indonesia bila bundel tidak dapat dipakai sama sekali."
    ),
)
def bundel(kerja: DuckDBResource, ekspor: ExportBundle, keluaran: OutputDir) -> MaterializeResult:
    """The export bundle: which file holds each table, the manifest, and ignored files.

    Fails with an Indonesian message when the bundle cannot be used at all (a required table
    missing, an unreadable file, an invalid manifest).
    """
    bundle = open_or_fail(ekspor, keluaran)
    log.info("Bundel %s: %d tabel ditemukan", ekspor.path, len(bundle.sources))
    for name in bundle.ignored:
        log.info("  diabaikan (bukan tabel kontrak): %s", name)
    scratch = Path(kerja.database)
    scratch.parent.mkdir(parents=True, exist_ok=True)
    for stale in (scratch, scratch.with_name(scratch.name + ".wal")):
        stale.unlink(missing_ok=True)  # the run's own scratch database starts empty
    shutil.rmtree(keluaran.gx_results, ignore_errors=True)  # and so do its GX results
    bundel_id = fingerprint(bundle)
    with kerja.get_connection() as con:
        record_bundle(con, str(ekspor.path), bundle.manifest, bundle.ignored, bundel_id)
    return MaterializeResult(
        metadata={
            "bundel_id": bundel_id,
            "tabel": MetadataValue.json({t: [s.label for s in ss] for t, ss in bundle.sources.items()}),
            "diabaikan": MetadataValue.json(bundle.ignored),
            "manifest": MetadataValue.json(bundle.manifest or {}),
        }
    )


def _staged_asset(table: Table) -> AssetsDefinition:
    parents = sorted({r.table for r in table.references if r.hard and r.table != table.name})
    deps = [AssetKey("bundel"), *(AssetKey(["stg", p]) for p in parents)]

    @asset(
        key=AssetKey(["stg", table.name]),
        deps=deps,
        group_name=INGEST_GROUP,
        kinds={"duckdb"},
        description=(
            f"{table.label}: baris yang lolos normalisasi kontrak §3 (tabel stg.{table.name}); "
            "baris lain masuk audit.karantina beserta alasannya."
        ),
    )
    def _asset(
        kerja: DuckDBResource,
        ekspor: ExportBundle,
        keluaran: OutputDir,
    ) -> MaterializeResult:
        bundle = open_or_fail(ekspor, keluaran)
        sources = bundle.sources.get(table.name, [])
        log.info("Membaca %s dari %s", table.name, source_label(sources))
        with kerja.get_connection() as con, failing_on_bundle_error():
            loaded = load_table(con, table.name, sources, keluaran.workdir, rows_progress(table.name))
        raw, result, balance, label = loaded.raw, loaded.stage, loaded.balance, loaded.label
        if not balance.physical_balance:
            raise Failure(
                description=(
                    f"Penghitungan baris {label} tidak cocok: {angka(balance.baris_fisik)} baris fisik, "
                    f"tetapi {angka(balance.dibaca)} rekaman terbaca + {angka(balance.kosong)} baris kosong "
                    f"+ {angka(balance.lanjutan)} baris lanjutan sel bertanda kutip. Ada baris yang "
                    "tidak tercatat; proses dihentikan agar tidak ada data yang hilang diam-diam. "
                    "Laporkan berkas ini ke pengembang."
                ),
                allow_retries=False,
            )
        log.info(
            "  %s: %s dibaca, %s diterima, %s dikarantina",
            table.name,
            angka(result.dibaca),
            angka(result.diterima),
            angka(result.dikarantina),
        )
        if raw.extra_columns:
            log.info("  kolom tambahan disimpan di _ekstra: %s", ", ".join(raw.extra_columns))
        return MaterializeResult(
            metadata={
                "dibaca": result.dibaca,
                "diterima": result.diterima,
                "dikarantina": result.dikarantina,
                "baris_fisik": balance.baris_fisik,
                "kosong": balance.kosong,
                "lanjutan": balance.lanjutan,
                "diperbaiki": raw.repaired_rows,
                "berkas": label,
                "kolom_tambahan": ", ".join(raw.extra_columns) or "-",
                "ada_dalam_bundel": bool(sources),
            }
        )

    return _asset


def _balance_check(table: Table):
    @asset_check(
        asset=AssetKey(["stg", table.name]),
        name="baris_seimbang",
        description=(
            "Baris fisik berkas = rekaman dibaca + baris kosong + baris lanjutan, dan rekaman dibaca "
            "= diterima (stg) + dikarantina: tidak ada baris yang hilang."
        ),
        blocking=True,
    )
    def _check(kerja: DuckDBResource) -> AssetCheckResult:
        with kerja.get_connection() as con:
            b = table_balance(con, table.name)
        return AssetCheckResult(
            passed=b.records_balance and b.physical_balance,
            metadata={
                "baris_fisik": b.baris_fisik,
                "dibaca": b.dibaca,
                "kosong": b.kosong,
                "lanjutan": b.lanjutan,
                "diterima": b.staged,
                "dikarantina": b.karantina,
            },
        )

    return _check


staged_assets = [_staged_asset(t) for t in TABLES]
staged_checks = [_balance_check(t) for t in TABLES]
