"""Custom expectations, one module each; :func:`register` imports them (and so GX) on first use.

Each module defines its metric provider and its expectation class at import time; GX registers
both by class creation. Adding a custom expectation is adding one module here.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache


@cache
def register() -> tuple[str, ...]:
    """Import every module of this package (registering its expectations); their names."""
    names = sorted(i.name for i in pkgutil.iter_modules(__path__))
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    return tuple(names)
