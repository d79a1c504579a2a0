"""The partitioned models: one SQL file each, discovered (adding a model touches no list)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from transforms.sqlfiles import expand_includes

Level = Literal["irisan", "lintas"]
_HEADER = re.compile(r"^--\s*(uraian|urut):\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SliceModel:
    """One model: ``irisan`` (per tahun and instansi) or ``lintas`` (per tahun, all instansi)."""

    name: str
    level: Level
    sql: str
    uraian: str  # Indonesian description (the file's ``-- uraian:`` line)
    urut: tuple[str, ...]  # ORDER BY columns that make the output deterministic (``-- urut:``)

    @property
    def query(self) -> str:
        """The model's SELECT in a deterministic row order."""
        order = ", ".join(f'"{c}"' for c in self.urut)
        return f"SELECT * FROM ({self.sql.strip().rstrip(';')}) ORDER BY {order}" if order else self.sql


@cache
def slice_models(level: Level) -> tuple[SliceModel, ...]:
    """Every model of ``level`` (files ``transforms/sql/<level>/<name>.sql``), in name order."""
    folder = resources.files("transforms").joinpath("sql", level)
    models = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".sql"):
            continue
        text = path.read_text(encoding="utf-8")
        header = dict(_HEADER.findall(text))
        if "uraian" not in header or "urut" not in header:
            raise ValueError(f"sql/{level}/{path.name}: needs '-- uraian:' and '-- urut:' lines")
        models.append(
            SliceModel(
                name=path.name.removesuffix(".sql"),
                level=level,
                sql=expand_includes(text),
                uraian=header["uraian"],
                urut=tuple(c.strip() for c in header["urut"].split(",") if c.strip()),
            )
        )
    return tuple(models)
