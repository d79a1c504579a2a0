"""Audit: the findings of the run's bundle, and the audit files written from the warehouse
(quarantine, reconciliation, findings, restricted lists: every year and instansi it keeps)."""

from __future__ import annotations

from dagster import AssetCheckResult, AssetKey, MaterializeResult, asset, asset_check
from dagster_duckdb import DuckDBResource

from pipelines.assets.intermediate import INTERMEDIATE
from pipelines.metadata import md_table
from pipelines.progress import log
from pipelines.resources import OutputDir
from reports.fmt import angka
from transforms.audit import reconciliation_status
from transforms.contract import TABLES
from transforms.exports import write_career, write_findings, write_quarantine, write_reconciliation
from transforms.findings import build_findings
from transforms.restricted import write_restricted_lists

AUDIT_GROUP = "audit"
STAGED = [AssetKey(["stg", t.name]) for t in TABLES]
GUDANG = [AssetKey("gudang")]


@asset(
    key=AssetKey("temuan"),
    deps=[*STAGED, INTERMEDIATE],
    group_name=AUDIT_GROUP,
    kinds={"duckdb"},
    description="Temuan kontrak §5 atas bundel run ini (tabel audit.temuan; satu penulis per aturan).",
)
def temuan(kerja: DuckDBResource) -> MaterializeResult:
    """The findings of contract §5 for the run's bundle (audit.temuan, one writer per rule)."""
    with kerja.get_connection() as con:
        per_rule = build_findings(con)
    total = sum(per_rule.values())
    log.info("Temuan: %s (%s)", angka(total), ", ".join(f"{r} {n}" for r, n in per_rule.items() if n) or "-")
    return MaterializeResult(metadata={"jumlah": total, "per_aturan": per_rule})


@asset(
    key=AssetKey("karantina"),
    deps=GUDANG,
    group_name=AUDIT_GROUP,
    kinds={"csv"},
    description="Baris yang dikarantina beserta alasannya: OUT/karantina/<tabel>.csv dan ringkasan.csv.",
)
def karantina(warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """Quarantined rows with their reasons: OUT/karantina/<tabel>.csv and ringkasan.csv."""
    with warehouse.get_connection() as con:
        summary = write_quarantine(con, keluaran.root / "karantina")
    total = sum(n for _, _, n in summary)
    log.info("Karantina: %s baris (karantina/)", angka(total))
    return MaterializeResult(
        metadata={
            "dikarantina": total,
            "per_alasan": md_table(("tabel", "kode_alasan", "jumlah"), summary),
        }
    )


@asset(
    key=AssetKey("rekonsiliasi"),
    deps=GUDANG,
    group_name=AUDIT_GROUP,
    kinds={"csv"},
    description=(
        "Per bundel dan tabel: baris fisik, rekaman dibaca, diterima, dan dikarantina"
        " (OUT/rekonsiliasi.csv)."
    ),
)
def rekonsiliasi(warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """Per bundle and table: physical lines, rows read, accepted, quarantined (rekonsiliasi.csv)."""
    with warehouse.get_connection() as con:
        rows = write_reconciliation(con, keluaran.root / "rekonsiliasi.csv")
    return MaterializeResult(
        metadata={
            "tabel": md_table(("tabel", "dibaca", "diterima", "dikarantina"), rows)
        }
    )


@asset_check(
    asset=rekonsiliasi,
    description="Untuk setiap bundel dan tabel: baris fisik = dibaca + kosong + lanjutan, dan dibaca = diterima + dikarantina.",
    blocking=True,
)
def rekonsiliasi_seimbang(warehouse: DuckDBResource) -> AssetCheckResult:
    with warehouse.get_connection() as con:
        tables, bad = reconciliation_status(con)
    missing = sorted({t.name for t in TABLES} - tables)
    return AssetCheckResult(
        passed=not bad and not missing,
        metadata={"tidak_seimbang": bad, "tidak_tercatat": missing},
    )


@asset(
    key=AssetKey("berkas_temuan"),
    deps=GUDANG,
    group_name=AUDIT_GROUP,
    kinds={"csv"},
    description="OUT/temuan.csv: semua temuan yang tersimpan di gudang data, dalam urutan tetap.",
)
def berkas_temuan(warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """OUT/temuan.csv: every finding the warehouse keeps, in a deterministic order."""
    with warehouse.get_connection() as con:
        per_rule = write_findings(con, keluaran.root / "temuan.csv")
    return MaterializeResult(metadata={"jumlah": sum(n for _, n in per_rule), "per_aturan": dict(per_rule)})


@asset(
    key=AssetKey("terbatas"),
    deps=GUDANG,
    group_name=AUDIT_GROUP,
    kinds={"xlsx"},
    description=(
        "Daftar bernama untuk tindak lanjut, satu XLSX per unit dan tahun (OUT/terbatas/), dan"
        " karier.csv (satu baris per pegawai dan tahun): DATA PRIBADI, hanya untuk yang berwenang."
    ),
)
def terbatas(warehouse: DuckDBResource, keluaran: OutputDir) -> MaterializeResult:
    """Restricted named follow-up lists, one XLSX per unit and year (OUT/terbatas/), and the
    career table terbatas/karier.csv (one row per employee and year): personal data."""
    with warehouse.get_connection() as con:
        index = write_restricted_lists(con, keluaran.root / "terbatas")
        career = write_career(con, keluaran.root / "terbatas" / "karier.csv")
    log.info("Daftar terbatas (data pribadi): %s berkas unit (terbatas/)", angka(index.height))
    log.info("Karier (data pribadi): %s baris pegawai-tahun (terbatas/karier.csv)", angka(career))
    return MaterializeResult(metadata={"berkas_unit": index.height, "karier_baris": career})
