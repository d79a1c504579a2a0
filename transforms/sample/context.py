"""Shared state of the sample generator: summary, superior chain, unit context, constants."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from transforms.contract import ENUMS
from transforms.sample.org import ATAS, BAWAH, SESUAI, Instansi, Unit

Progress = Callable[[str, int, int], None]
EVAL_ROLES = ("lenient", "severe", "central")
# achievement (realisation / target) per evidence level
ACHIEVE = {"atas": (1.15, 1.35), "sesuai": (0.97, 1.04), "hampir": (0.88, 0.95),
           "bawah": (0.45, 0.7), "discord_low": (0.3, 0.42), "discord_high": (1.2, 1.4)}
FEEDBACK = {"hampir": "sesuai", "discord_low": "bawah", "discord_high": "atas"}
INDICATOR_ORDER = ("indikator_id", "uraian", "aspek", "target_teks", "target_min", "target_max",
                   "satuan", "rhk_id")
PERSPEKTIF = ENUMS["perspektif"]
NILAI_DASAR = ENUMS["nilai_dasar"]
DATE_POOL = 509  # precomputed date strings per period, picked at random
CODES = {ATAS: 1, SESUAI: 2, BAWAH: 3}


@dataclass
class SampleSummary:
    """What write_sample_bundle wrote."""

    employees: int
    instansi: int
    rows: dict[str, int]
    files: list[str]
    defects: dict[str, int]
    key_path: Path
    seconds: float = 0.0
    decoy_path: Path | None = None  # DIR.umpan.csv: decoys, not in the key
    decoys: dict[str, int] = field(default_factory=dict)
    # career variations: JF promoted mid-year (two SKP), SIASN rows of the bundle's year, of
    # which disagreeing with e-Kinerja (docs/sample.md)
    karier: dict[str, int] = field(default_factory=dict)


@dataclass(eq=False)
class Superior:
    """A unit head while his subordinates are generated: who he is and which of his Utama RHK
    still wait for an intervening subordinate RHK."""

    nip: str
    nama: str
    jabatan: str
    unit_nama: str
    rhk: list[str]
    uncovered: list[str]
    remaining: int
    parent_rhk: list[str] = field(default_factory=list)


@dataclass(eq=False)
class UnitCtx:
    unit: Unit
    instansi: Instansi
    counts: dict[str, int]
    head_pred: str | None
    annual_mismatch: bool = False
