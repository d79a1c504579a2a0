"""Pausing Python's cyclic garbage collector around allocation-heavy pure computations.

Reading millions of records or suppressing a cube of 250,000 cells allocates millions of
short-lived tuples, lists and dicts that hold no reference cycles; with a large heap alive
the collector's full passes then cost a third or more of the run time. The pause is scoped:
the collector is switched back on (if it was on) when the block ends, whatever happens.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic GC off (reference counting still frees memory)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of :func:`gc_paused`."""

    @wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with gc_paused():
            return fn(*args, **kwargs)

    return run
