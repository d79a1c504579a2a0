"""The sample generator's invalid NIPs never run out (it hung above ~150,000 employees)."""

from __future__ import annotations

import random

import pytest

from transforms.sample.nip import NipFactory, invalid, unique_invalid


def test_excel_notation_shows_the_digits_excel_shows():
    valid = "198609262015051001"
    assert invalid("excel_sci", valid) == "1,98609E+17"
    assert invalid("excel_sci", valid, 15) == "1,98609262015051E+17"


def test_scientific_notation_supply_does_not_run_out():
    rng = random.Random(5)
    nips = NipFactory(rng)
    seen: set[str] = set()
    # Birth years 1995-2001 give 84 birth months: 6 significant digits allow only 84 texts.
    texts = [unique_invalid("excel_sci", lambda: nips.pns(1995, 2001, 1, 2025), seen) for _ in range(2000)]
    assert len(set(texts)) == 2000
    assert all(t.endswith("E+17") and t[1] == "," for t in texts)


def test_an_exhausted_supply_fails_instead_of_hanging():
    with pytest.raises(RuntimeError, match="no unused invalid NIP"):
        unique_invalid("digits17", lambda: "198609262015051001", {"19860926201505100"}, tries=100)
