"""Small helpers for the metadata assets show in the Dagster UI."""

from __future__ import annotations

from collections.abc import Iterable

from dagster import MetadataValue


def md_table(header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> MetadataValue:
    """A Markdown table (header row, then one row per tuple)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return MetadataValue.md("\n".join(lines))
