"""SKP written as a formality per unit for cascading.html: the shares of its three forms.

* % of the unit's Utama RHK copied from the leader's RHK they intervene, and % shared verbatim
  by most of a leader's subordinates: RHK_COPIED findings of each form (frame
  ``formalitas_unit``, counts per unit of the RHK owner);
* % of the unit's SKP whose Utama RHK are those of the same employee's SKP the year before
  (frame ``formalitas_skp``, compared by transforms.quality.formality over the warehouse),
  among the SKP that have one.

Privacy as on the rest of the page: a unit of 1–4 employees (or not in the cube) shows no
count or share of its own ("x"), and comes last. The SKP compared are people (one SKP each): a
count of 1–4 shows as "<5" and its share as "x".
"""

from __future__ import annotations

import polars as pl

from reports import mutu, privacy
from reports.hierarchy import Cube, col
from transforms.quality.formality import same_as_previous_year

HIDDEN = mutu.HIDDEN


def skp_per_unit(frame: pl.DataFrame) -> dict[str, tuple[int, int, int]]:
    """unor_id → (SKP with an Utama RHK, of those comparable with the previous year, of those
    the same as it)."""
    if frame.height == 0:
        return {}
    judged = same_as_previous_year(frame)
    agg = judged.group_by("unor_id").agg(
        skp=pl.len(),
        sebanding=pl.col("sebanding").sum(),
        sama=pl.col("sama_tahun_lalu").fill_null(False).sum(),
    )
    return {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in agg.iter_rows()}


def _share(num: int, den: int) -> float | None:
    return mutu.percent(num / den) if den else None


def _people(n: int, threshold: int = privacy.THRESHOLD) -> int | str:
    return privacy.mark_small(threshold) if privacy.is_small(n, threshold) else n


def rows(
    unit: pl.DataFrame, counts: pl.DataFrame, skp: pl.DataFrame, cube: Cube, index: mutu.UnitList
) -> tuple[list[list], list[list], dict]:
    """(units [[instansi index, unor_id, nama]]: ``index``'s list, which the rows' units are
    added to, rows, year totals). A row: [unit index,
    pegawai, RHK Utama, % salinan pimpinan, % sama antar bawahan, SKP dibandingkan, % SKP sama
    dengan tahun lalu]; None = no base. Shown rows by the sum of their shares (highest first),
    hidden rows last in a fixed order."""
    per_rhk = {r["unor_id"]: r for r in counts.iter_rows(named=True)}
    per_skp = skp_per_unit(skp)
    shown, hidden = [], []
    total = [0, 0, 0, 0, 0]
    for r in unit.iter_rows(named=True):
        c = per_rhk.get(r["unor_id"], {})
        rhk = int(c.get("rhk_utama") or 0)
        salin, sama = int(c.get("salinan_pimpinan") or 0), int(c.get("sama_bawahan") or 0)
        _, banding, kembar = per_skp.get(r["unor_id"], (0, 0, 0))
        for i, v in enumerate((rhk, salin, sama, banding, kembar)):
            total[i] += v
        if not rhk and not banding:
            continue
        own = cube.own(r["unor_id"]) if r["unor_id"] in cube.subtree else None
        pegawai = own[col("pegawai")] if own else HIDDEN
        u = index(r)
        if own is None or privacy.is_small(r["jumlah_pegawai"], cube.threshold):
            hidden.append([u, pegawai, *([HIDDEN] * 5)])
            continue
        skp_share = _share(kembar, banding) if not privacy.is_small(banding, cube.threshold) else HIDDEN
        shown.append([u, pegawai, rhk, _share(salin, rhk), _share(sama, rhk), _people(banding, cube.threshold), skp_share])
    hidden.sort(key=lambda x: (index.rows[x[0]][0], index.rows[x[0]][2], index.rows[x[0]][1]))
    shown.sort(key=lambda x: (-sum(v for v in (x[3], x[4], x[6]) if isinstance(v, float)),
                              index.rows[x[0]][0], index.rows[x[0]][2], index.rows[x[0]][1]))
    totals = {
        "rhk_utama": total[0],
        "salinan": _share(total[1], total[0]),
        "sama_bawahan": _share(total[2], total[0]),
        "sebanding": _people(total[3], cube.threshold),
        "sama_tahun_lalu": _share(total[4], total[3]) if not privacy.is_small(total[3], cube.threshold) else None,
    }
    return index.rows, shown + hidden, totals
