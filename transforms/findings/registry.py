"""Findings rules, discovered: adding a rule is adding one file.

- A SQL rule is ``transforms/sql/findings/<name>.sql`` whose first line names the rule ids it
  produces: ``-- rule: PREDIKAT_MISMATCH`` (several ids comma-separated). Files without that
  header (``sql/findings/parts/``) are pieces used by rules, not rules.
- A Python rule is a module ``transforms/findings/rules/<name>.py`` with ``RULE_IDS`` (tuple of
  rule ids) and ``findings(con)`` returning SELECT queries (str or list) or a Polars frame, for
  rules that need more than one query or statistics.

Each rule id of the catalogue (``contract.RULES``) belongs to at most one producer; a rule is
"implemented" exactly when a producer is registered for it.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import duckdb
import polars as pl

from transforms.contract import RULE_BY_ID
from transforms.sqlfiles import expand_includes

RULES_PACKAGE = "transforms.findings.rules"
_HEADER = re.compile(r"^--\s*rule:\s*(.+)$", re.IGNORECASE)

RuleRows = str | list[str] | pl.DataFrame


@dataclass(frozen=True)
class Producer:
    name: str  # "sql/findings/<file>" or "rules/<module>"
    rule_ids: tuple[str, ...]
    findings: Callable[[duckdb.DuckDBPyConnection], RuleRows]


def _sql_producers(folder: Traversable) -> list[Producer]:
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".sql"):
            continue
        text = entry.read_text(encoding="utf-8")
        m = _HEADER.match(text.splitlines()[0] if text else "")
        if m:
            ids = tuple(r.strip() for r in m.group(1).split(",") if r.strip())
            query = expand_includes(text)
            out.append(Producer(f"sql/findings/{entry.name}", ids, lambda _con, q=query: q))
    return out


def _python_producers(package: str) -> list[Producer]:
    pkg = importlib.import_module(package)
    out = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package}.{info.name}")
        out.append(Producer(f"rules/{info.name}", tuple(module.RULE_IDS), module.findings))
    return out


def discover(sql_folder: Traversable, rules_package: str) -> tuple[Producer, ...]:
    """The producers of a SQL folder and a package of Python rules, checked: known rule ids,
    each owned by one producer."""
    found = [*_sql_producers(sql_folder), *_python_producers(rules_package)]
    owner: dict[str, str] = {}
    for p in found:
        for rule in p.rule_ids:
            if rule not in RULE_BY_ID:
                raise ValueError(f"{p.name}: rule {rule!r} is not in the catalogue (contract.RULES)")
            if rule in owner:
                raise ValueError(f"rule {rule} produced by both {owner[rule]} and {p.name}")
            owner[rule] = p.name
    return tuple(found)


@cache
def producers() -> tuple[Producer, ...]:
    """The project's producers: sql/findings/*.sql and transforms/findings/rules/*.py."""
    return discover(resources.files("transforms").joinpath("sql", "findings"), RULES_PACKAGE)


def implemented_rules(found: tuple[Producer, ...] | None = None) -> tuple[str, ...]:
    """Rule ids that some producer writes, in catalogue order."""
    done = {r for p in (producers() if found is None else found) for r in p.rule_ids}
    return tuple(r for r in RULE_BY_ID if r in done)
