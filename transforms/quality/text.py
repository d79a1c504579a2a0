"""Small text helpers for findings details (Polars expressions)."""

from __future__ import annotations

import polars as pl

MAX_CHARS = 90


def short(text: pl.Expr, limit: int = MAX_CHARS) -> pl.Expr:
    """The text on one line, cut to ``limit`` characters with an ellipsis."""
    flat = text.cast(pl.String).fill_null("").str.replace_all(r"\s+", " ").str.strip_chars()
    return pl.when(flat.str.len_chars() > limit).then(
        flat.str.slice(0, limit - 1) + pl.lit("…")
    ).otherwise(flat)


def quoted(text: pl.Expr) -> pl.Expr:
    """'text' (the detail quotes export texts)."""
    return pl.lit("'") + text.cast(pl.String).fill_null("") + pl.lit("'")
