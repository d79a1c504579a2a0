"""Links between pages that carry filter state in the hash (see site.js)."""

from __future__ import annotations

from urllib.parse import quote


def unit_href(instansi_id: str, unor_id: str | None = None, periode: str = "tahunan") -> str:
    """Link to unit.html with the filter state in the hash (site.js adds the year)."""
    parts = [f"instansi={quote(str(instansi_id), safe='')}"]
    if unor_id is not None:
        parts.append(f"unit={quote(str(unor_id), safe='')}")
    parts.append(f"periode={periode}")
    return "unit.html#" + "&".join(parts)
