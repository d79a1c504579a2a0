"""The cascade explorer of cascading.html: one unit's cascade, from the top official's RHK down
to the staff RHK that serve it, drawn by cascading.js as a Plotly treemap.

The frame ``kaskade_rhk`` (one row per Utama RHK, plus each RHK another validly intervenes) is
cut per unit: the page embeds only the unit list, and each unit's own RHK go to a data script
``kaskade/<tahun>/<unit index>.js`` written beside the page and loaded when a unit is chosen
(``<script>`` elements load from ``file://``, ``fetch`` would not). Choosing a unit loads its
subtree's files, then the files of the units owning the RHK their chains climb to, until every
chain reaches its head: the RHK of the unit and, greyed, the RHK above it outside the unit.

A node row is ``[key, parent key, parent unit, status, jabatan, text]``: keys number the year's
RHK (no export id leaves the warehouse), ``parent`` is the RHK it validly intervenes (-1: none),
``status`` an index of :data:`STATUS`, ``jabatan`` an index of the file's (jenis jabatan,
jabatan) list. No NIP, no name, and no count of people: RHK texts are not personal data.
"""

from __future__ import annotations

import polars as pl

from reports import figures
from reports.hierarchy import Cube
from reports.mutu import UnitList

FOLDER = "kaskade"
CALLBACK = "kaskadeMuat"
# (frame status, label, colour) in payload order; cascading.js colours and groups by index.
STATUS: tuple[tuple[str, str, str], ...] = (
    ("puncak", "RHK pejabat tertinggi (puncak)", "#1f4e79"),
    ("terhubung", "Terhubung sampai puncak", "#7fc47f"),
    ("tidak_sampai", "Terhubung, tetapi rantainya putus di atas", "#f2c14e"),
    ("putus", "Tautan putus (CASCADE_BROKEN)", "#c0392b"),
    ("tanpa", "Tanpa tautan (CASCADE_MISSING)", "#e8833a"),
    ("tambahan", "RHK Tambahan pimpinan tanpa tautan ke atas", "#6fa8dc"),
)
STATUS_INDEX = {code: i for i, (code, _, _) in enumerate(STATUS)}
LUAR_COLOR = "#c9ced6"  # an RHK above the unit (context of its chains)
TANPA_JABATAN = "(jabatan tidak tercatat)"


def units(cube: Cube) -> tuple[list[list], dict[str, int]]:
    """The explorer's unit list in the cube's order (instansi by name, units depth first):
    ``[instansi index, parent index or -1, depth, name, unor_id]`` and unor_id → index."""
    rows: list[list] = []
    index: dict[str, int] = {}
    for i, inst in enumerate(cube.instansi):
        for unor_id in inst["units"]:
            index[unor_id] = len(rows)
            node = cube.nodes[unor_id]
            parent = index.get(node.parent, -1) if node.parent is not None else -1
            rows.append([i, parent, node.depth, node.nama, unor_id])
    return rows, index


def _node_columns(frame: pl.DataFrame, unit_index: dict[str, int]) -> pl.DataFrame:
    """Per row of ``frame``: ``_key`` (its number), ``_unit`` (its owner's index in
    :func:`units`, NULL outside the cube), ``_parent`` (the key of the RHK it validly
    intervenes: the last row of that RHK, NULL for none), ``_status`` (:data:`STATUS` index),
    ``_jenis``/``_jabatan`` (its owner's jabatan) and ``_uraian``, without a dict per row."""
    keyed = frame.with_row_index("_key").with_columns(pl.col("_key").cast(pl.Int64))
    last = keyed.group_by("bundel", "rhk_id").agg(pl.col("_key").max().alias("_parent"))
    parent = (
        keyed.select("bundel", pl.col("induk_id").alias("rhk_id"))
        .join(last, on=["bundel", "rhk_id"], how="left", nulls_equal=True, maintain_order="left")
        .select(pl.when(pl.col("rhk_id").is_null()).then(None).otherwise(pl.col("_parent")))
        .to_series()
    )
    owners = pl.DataFrame(
        {"unor_id": list(unit_index), "_unit": list(unit_index.values())},
        schema={"unor_id": frame.schema["unor_id"], "_unit": pl.Int64},
    )
    jenis = pl.col("jenis_jabatan").cast(pl.String).fill_null("")
    title = pl.col("jabatan").cast(pl.String).fill_null("")
    return keyed.join(owners, on="unor_id", how="left", maintain_order="left").select(
        "_key",
        "_unit",
        _parent=parent,
        _status=pl.col("status").replace_strict(
            STATUS_INDEX, default=STATUS_INDEX["tidak_sampai"], return_dtype=pl.Int64
        ).fill_null(STATUS_INDEX["tidak_sampai"]),
        _jenis=jenis,
        _jabatan=pl.when(title == "").then(pl.lit(TANPA_JABATAN)).otherwise(title),
        _uraian=pl.col("uraian").cast(pl.String).fill_null(""),
    )


def explorer(
    frame: pl.DataFrame, cube: Cube, tahun: int, names: UnitList
) -> tuple[dict, dict[str, str]]:
    """(payload embedded in the page, data scripts by path under site/) for one year.

    Payload: ``instansi`` [[id, nama]], ``unit`` ``[instansi, parent, depth, names index, own
    RHK, subtree RHK]`` (:func:`units`; only units with an RHK in their subtree, re-indexed:
    the data scripts are named by this index; name and unor_id are in ``names``, the page's
    unit list the ranking tables share), ``status`` [[label, colour]], ``luar`` colour,
    ``folder`` of the data scripts. RHK whose owner's unit is not in the cube are left out
    (their chains stop)."""
    all_rows, all_index = units(cube)
    rows = _node_columns(frame, all_index)
    own_all = [0] * len(all_rows)
    for u, n in rows.group_by("_unit").len().drop_nulls("_unit").iter_rows():
        own_all[u] = n
    subtree_all = list(own_all)
    for u in range(len(all_rows) - 1, -1, -1):  # depth first: children come after their parent
        if all_rows[u][1] >= 0:
            subtree_all[all_rows[u][1]] += subtree_all[u]
    kept = [u for u in range(len(all_rows)) if subtree_all[u] > 0]
    renum = {u: i for i, u in enumerate(kept)}
    owner = rows["_unit"].replace_strict(renum, default=None, return_dtype=pl.Int64)
    parent_owner = owner.gather(rows["_parent"].fill_null(0)).fill_null(-1)
    rows = rows.with_columns(
        _owner=owner, _parent_owner=pl.when(rows["_parent"].is_null()).then(-1).otherwise(parent_owner)
    ).with_columns(pl.col("_parent").fill_null(-1))
    files: dict[str, str] = {}
    columns = ["_key", "_parent", "_parent_owner", "_status", "_jenis", "_jabatan", "_uraian"]
    for (u,), part in rows.drop_nulls("_owner").partition_by("_owner", maintain_order=True, as_dict=True).items():
        jabatan: dict[tuple[str, str], int] = {}
        nodes = []
        for key, parent, parent_u, status, jenis, title, uraian in part.select(columns).iter_rows():
            j = jabatan.setdefault((jenis, title), len(jabatan))
            nodes.append([key, parent, parent_u, status, j, uraian])
        data = {"j": [list(k) for k in jabatan], "r": nodes}
        text = f"window.Kinerja&&Kinerja.{CALLBACK}&&Kinerja.{CALLBACK}({tahun},{u},{figures.script_json(data)});\n"
        files[f"{FOLDER}/{tahun}/{u}.js"] = text
    unit_rows = []
    for u in kept:
        inst, parent, depth, nama, unor_id = all_rows[u]
        named = names.add(unor_id, cube.instansi[inst]["id"], nama)
        unit_rows.append([inst, renum.get(parent, -1), depth, named, own_all[u], subtree_all[u]])
    payload = {
        "tahun": tahun,
        "instansi": [[inst["id"], inst["nama"]] for inst in cube.instansi],
        "unit": unit_rows,
        "status": [[label, colour] for _, label, colour in STATUS],
        "luar": LUAR_COLOR,
        "folder": f"{FOLDER}/{tahun}/",
    }
    return payload, files
