"""How many defects to plant, and a quota that spreads them over a stream of candidates."""

from __future__ import annotations

import random


class Quota:
    """Plant ``need`` defects among a stream of about ``pool`` eligible candidates. The pool is
    underestimated on purpose, so the quota is always met before the stream ends."""

    def __init__(self, rng: random.Random, need: int, pool: float) -> None:
        self.rng = rng
        self.need = need
        self.pool = max(1.0, pool)

    def take(self) -> bool:
        if self.need <= 0:
            return False
        p = self.need / max(1.0, self.pool)
        self.pool -= 1
        if self.rng.random() < p:
            self.need -= 1
            return True
        return False


def employee_targets(employees: int) -> dict[str, int]:
    """Planted count per employee-level rule (≈0.5–2 % of the eligible subjects, ≥3 from 1,000)."""
    m = 3 if employees >= 1000 else 1
    n = employees
    return {
        "NIP_INVALID": max(7, n // 300),
        "DUPLICATE_KEY": max(5, n // 200),
        "ORPHAN_REFERENCE": max(4, n // 250),
        "PREDIKAT_MISMATCH": max(m, n // 100),
        "EVIDENCE_MISSING": max(m, n // 20),
        "INDICATOR_UNMEASURABLE": max(m, n // 25),
        "TARGET_UNREALISTIC": max(5, n // 25),
        "CASCADE_BROKEN": max(m, n // 30),
        "CASCADE_MISSING": max(m, n // 30),
        "SKP_WITHOUT_UTAMA": max(m, n // 200),
        "RATING_EVIDENCE_DISCORDANT": max(m, n // 200),
    }


def unit_targets(employees: int, units: int) -> dict[str, int]:
    """Planted unit roles and decoys (see org.MIN_SIZE, org.DECOYS)."""
    m = 3 if employees >= 1000 else 1
    dist = max(m, units // 60)
    evaluator = max(m, units // 80)
    return {
        "dist_nobottom": (dist + 1) // 2,
        "dist_cap": dist // 2,
        "high": max(m, units // 100),
        "low": max(m, units // 100),
        "lenient": evaluator,
        "severe": evaluator,
        "central": evaluator,
        # decoys of the evaluator rules, as many as the planted evaluators
        "decoy_central": evaluator,
        "decoy_lenient": evaluator,
        "decoy_severe": evaluator,
    }
