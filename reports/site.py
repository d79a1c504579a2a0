"""Static dashboard site builder (offline HTML; Jinja2 templates + Plotly figures).

The site is a set of pages sharing ``templates/base.html.j2`` (header, navigation, "data per"
date, footer) and ``out_dir/assets/`` (CSS, a small figure loader, plotly.js copied from the
installed package). This module builds the first page, ``index.html`` (Ringkasan); later
pages add an entry to :data:`NAV` and a ``render`` call with their own template.

Only aggregates reach the page; small cells are suppressed by :mod:`reports.privacy`.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import plotly
import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from reports import figures, privacy
from reports.privacy import render_count, share_text, status_column
from transforms.contract import ENUMS, RULE_BY_ID, TABLE_BY_NAME

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
ASSETS = "assets"

PREDIKAT: tuple[str, ...] = ENUMS["predikat"]
# Frame-safe column names for the five predikat, in contract order.
PCOLS: tuple[str, ...] = tuple(f"p{i}" for i in range(len(PREDIKAT)))
PREDIKAT_SHORT: dict[str, str] = {
    "Sangat Baik": "SB",
    "Baik": "B",
    "Butuh Perbaikan": "BP",
    "Kurang/Misconduct": "K/M",
    "Sangat Kurang": "SK",
}
SEVERITY_ORDER: dict[str, int] = {"kritis": 0, "peringatan": 1, "info": 2}
MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


@dataclass(frozen=True)
class NavItem:
    """One navigation entry; ``href`` None = page not built yet (shown as "segera")."""

    key: str
    label: str
    href: str | None


# The site map. Later pages set their href when they exist.
NAV: tuple[NavItem, ...] = (
    NavItem("ringkasan", "Ringkasan", "index.html"),
    NavItem("kualitas", "Kualitas data", None),
    NavItem("cascading", "Cascading", None),
    NavItem("konsistensi", "Konsistensi penilaian", None),
    NavItem("karier", "Karier", None),
)


@dataclass
class DashboardData:
    """Aggregates for the dashboard (no personal data).

    meta: tahun (int), sumber (bundle name), diekspor_pada (str | None, from the manifest),
    dibuat_pada (ISO datetime of the run), jumlah_instansi (int).
    """

    meta: dict
    rekonsiliasi: pl.DataFrame  # tabel, dibaca, diterima, dikarantina
    temuan_per_aturan: pl.DataFrame  # rule, keparahan, jumlah
    # instansi_id, instansi_nama, unor_id, unor_nama, unor_induk_id (null = root), kedalaman,
    # jumlah_pegawai (direct), jumlah_pegawai_total (subtree), jumlah_skp, skp_disetujui
    unit: pl.DataFrame
    # instansi_id, unor_id (null = whole instansi), periode ("2025" or "2025-TW1"..), predikat,
    # jumlah
    distribusi_predikat: pl.DataFrame


@dataclass
class Figure:
    """A figure placed on a page: element id, safe JSON and a method note."""

    id: str
    json: str
    note: str = ""
    title: str = ""


@dataclass
class Page:
    """Shared context of every page (consumed by base.html.j2)."""

    key: str
    title: str
    root: str = ""  # relative prefix to the site root ("" for top-level pages)
    figures: list[Figure] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Formatting helpers (also registered as Jinja filters)


def angka(value: int | None) -> str:
    """Integer with Indonesian thousands separator (12.345)."""
    return render_count(value)


def format_tanggal(text: str | None, *, with_time: bool = False) -> str | None:
    """ISO date/datetime -> "31 Januari 2025" (+ " pukul 05.29"); other text unchanged."""
    if text is None:
        return None
    raw = str(text).strip()
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = datetime.combine(date.fromisoformat(raw), datetime.min.time())
        except ValueError:
            return raw
    out = f"{dt.day} {MONTHS_ID[dt.month - 1]} {dt.year}"
    if with_time and re.search(r"[T ]\d", raw):
        out += f" pukul {dt.hour:02d}.{dt.minute:02d}"
    return out


# ---------------------------------------------------------------------------------------------
# Data preparation (pure functions over the frames)


def _int(value: Any) -> int:
    return int(value or 0)


def annual_distribution(data: DashboardData) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Annual predikat counts, wide (p0..p4): (per instansi, per unit).

    Instansi rows come from the rows with unor_id null; an instansi without such rows gets
    the sum of its units.
    """
    periode = str(data.meta["tahun"])
    d = data.distribusi_predikat.filter(
        (pl.col("periode").cast(pl.String) == periode) & pl.col("predikat").is_in(list(PREDIKAT))
    ).with_columns(
        pl.col("predikat").replace_strict(dict(zip(PREDIKAT, PCOLS, strict=True))).alias("p")
    )

    def wide(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
        long = frame.group_by([*keys, "p"]).agg(pl.col("jumlah").sum())
        out = frame.select(keys).unique()
        for col in PCOLS:
            part = long.filter(pl.col("p") == col).select([*keys, pl.col("jumlah").alias(col)])
            out = out.join(part, on=keys, how="left")
        return out.with_columns(pl.col(c).fill_null(0).cast(pl.Int64) for c in PCOLS)

    per_unit = wide(d.filter(pl.col("unor_id").is_not_null()), ["unor_id"])
    per_instansi = wide(d.filter(pl.col("unor_id").is_null()), ["instansi_id"])
    unit_sum = (
        data.unit.select("instansi_id", "unor_id")
        .join(per_unit, on="unor_id", how="inner")
        .group_by("instansi_id")
        .agg(pl.col(c).sum() for c in PCOLS)
    )
    missing = unit_sum.join(per_instansi.select("instansi_id"), on="instansi_id", how="anti")
    per_instansi = pl.concat([per_instansi, missing.select(per_instansi.columns)])
    return per_instansi, per_unit


def instansi_table(data: DashboardData, per_instansi: pl.DataFrame) -> pl.DataFrame:
    """One row per instansi with counts and suppression statuses, sorted by name."""
    u = data.unit
    base = (
        u.group_by("instansi_id")
        .agg(
            pl.col("instansi_nama").drop_nulls().first(),
            pl.len().alias("jumlah_unit"),
            pl.col("jumlah_pegawai").fill_null(0).sum(),
            pl.col("jumlah_skp").fill_null(0).sum(),
            pl.col("skp_disetujui").fill_null(0).sum(),
        )
        .join(per_instansi, on="instansi_id", how="left")
        .with_columns(pl.col(c).fill_null(0) for c in PCOLS)
        .with_columns(
            pl.sum_horizontal(PCOLS).alias("dinilai"),
            (pl.col("jumlah_skp") - pl.col("skp_disetujui")).clip(0).alias("skp_belum"),
        )
        .with_columns(pl.col("instansi_nama").fill_null(pl.col("instansi_id")))
        .sort(["instansi_nama", "instansi_id"])
    )
    base = privacy.suppress(base, ["jumlah_pegawai"])
    base = privacy.suppress(base, ["skp_disetujui", "skp_belum"], total="jumlah_skp")
    return privacy.suppress(base, list(PCOLS), total="dinilai")


def unit_table(data: DashboardData, per_unit: pl.DataFrame) -> pl.DataFrame:
    """One row per unit with counts and suppression statuses (rows and columns per instansi)."""
    u = (
        data.unit.join(per_unit, on="unor_id", how="left")
        .with_columns(pl.col(c).fill_null(0) for c in PCOLS)
        .with_columns(
            pl.col("jumlah_pegawai").fill_null(0),
            pl.col("jumlah_skp").fill_null(0),
            pl.col("skp_disetujui").fill_null(0),
        )
        .with_columns((pl.col("jumlah_skp") - pl.col("skp_disetujui")).clip(0).alias("skp_belum"))
    )
    u = privacy.with_remainder(u, PCOLS, "jumlah_pegawai", "belum_dinilai")
    u = privacy.suppress(u, [*PCOLS, "belum_dinilai"], total="jumlah_pegawai", group="instansi_id")
    return privacy.suppress(
        u, ["skp_disetujui", "skp_belum"], total="jumlah_skp", group="instansi_id"
    )


def hierarchy_order(units: list[dict]) -> list[dict]:
    """Units of one instansi in hierarchy order (depth-first, siblings by name).

    Units whose parent is missing are treated as top-level; cycles are broken.
    """
    by_id = {r["unor_id"]: r for r in units}
    children: dict[Any, list[dict]] = {}
    roots: list[dict] = []
    for r in units:
        parent = r.get("unor_induk_id")
        if parent is None or parent not in by_id or parent == r["unor_id"]:
            roots.append(r)
        else:
            children.setdefault(parent, []).append(r)

    def key(r: dict) -> tuple[str, str]:
        return (str(r.get("unor_nama") or ""), str(r["unor_id"]))

    out: list[dict] = []
    seen: set = set()
    stack = sorted(roots, key=key, reverse=True)
    while stack:
        r = stack.pop()
        if r["unor_id"] in seen:
            continue
        seen.add(r["unor_id"])
        out.append(r)
        stack.extend(sorted(children.get(r["unor_id"], []), key=key, reverse=True))
    # Units only reachable through a cycle: append them at the top level.
    out.extend(sorted((r for r in units if r["unor_id"] not in seen), key=key))
    return out


def _cell(row: dict, col: str) -> tuple[str, str]:
    """(text, css class) of a count cell; class "s" marks suppressed cells."""
    status = row[status_column(col)]
    return render_count(row[col], status), ("" if status == privacy.SHOWN else "s")


def _share_cell(row: dict, num: str, rest: str, total: str) -> tuple[str, str]:
    statuses = [row[status_column(c)] for c in (num, rest, total)]
    text = share_text(row[num], row[total], *statuses)
    return text, ("s" if text == privacy.MARK_COMPLEMENT else "")


# ---------------------------------------------------------------------------------------------
# Page context


def _tiles(inst: pl.DataFrame, data: DashboardData) -> list[dict]:
    pegawai = _int(inst["jumlah_pegawai"].sum())
    skp = _int(inst["jumlah_skp"].sum())
    disetujui = _int(inst["skp_disetujui"].sum())
    dinilai = _int(inst["dinilai"].sum())
    temuan = data.temuan_per_aturan
    kritis = _int(temuan.filter(pl.col("keparahan") == "kritis")["jumlah"].sum())
    semua = _int(temuan["jumlah"].sum())
    tahun = data.meta["tahun"]
    small = privacy.is_small
    hide_share = small(disetujui) or small(skp - disetujui)
    return [
        {
            "label": "Jumlah pegawai",
            "value": render_count(pegawai, privacy.SMALL if small(pegawai) else privacy.SHOWN),
            "sub": f"di {angka(inst.height)} instansi",
        },
        {
            "label": "SKP",
            "value": render_count(skp, privacy.SMALL if small(skp) else privacy.SHOWN),
            "sub": f"tahun {tahun}",
        },
        {
            "label": "SKP disetujui",
            "value": privacy.MARK_COMPLEMENT
            if hide_share
            else share_text(disetujui, skp, digits=1),
            "sub": "disembunyikan (sel kecil)"
            if hide_share
            else f"{angka(disetujui)} dari {angka(skp)} SKP",
        },
        {
            "label": "Pegawai dinilai tahunan",
            "value": render_count(dinilai, privacy.SMALL if small(dinilai) else privacy.SHOWN),
            "sub": f"{share_text(dinilai, pegawai)} dari pegawai · periode {tahun}",
        },
        {
            "label": "Temuan kritis",
            "value": angka(kritis),
            "sub": f"dari {angka(semua)} temuan",
            "alert": kritis > 0,
        },
    ]


def _instansi_rows(inst: pl.DataFrame) -> list[dict]:
    rows = []
    for r in inst.iter_rows(named=True):
        rows.append(
            {
                "id": r["instansi_id"],
                "nama": r["instansi_nama"],
                "unit": angka(r["jumlah_unit"]),
                "pegawai": _cell(r, "jumlah_pegawai"),
                "skp": _cell(r, "jumlah_skp"),
                "disetujui": _cell(r, "skp_disetujui"),
                "persen": _share_cell(r, "skp_disetujui", "skp_belum", "jumlah_skp"),
                "dinilai": _cell(r, "dinilai"),
            }
        )
    return rows


def _unit_value(row: dict, col: str) -> int | str:
    """A unit-table cell for the client: a shown count as int, otherwise its mark."""
    status = row[status_column(col)]
    return _int(row[col]) if status == privacy.SHOWN else render_count(row[col], status)


def _unit_sections(units: pl.DataFrame, inst: pl.DataFrame) -> list[dict]:
    """Unit tables per instansi as compact JSON rows: [kedalaman, nama, 8 cells].

    Cells are ints (shown counts) or display strings ("<5", "x", "83%", "–"); the page
    renders a table only when its instansi is opened, which keeps 40 x 500 units light.
    """
    by_instansi: dict[Any, list[dict]] = {}
    for r in units.iter_rows(named=True):
        by_instansi.setdefault(r["instansi_id"], []).append(r)
    sections = []
    for n, i in enumerate(inst.iter_rows(named=True)):
        rows = [
            [
                min(max(_int(r["kedalaman"]), 0), 8),
                r["unor_nama"] if r["unor_nama"] is not None else r["unor_id"],
                _unit_value(r, "jumlah_pegawai"),
                _unit_value(r, "jumlah_skp"),
                _share_cell(r, "skp_disetujui", "skp_belum", "jumlah_skp")[0],
                *(_unit_value(r, c) for c in PCOLS),
            ]
            for r in hierarchy_order(by_instansi.get(i["instansi_id"], []))
        ]
        sections.append(
            {
                "key": f"unit-{n}",
                "id": i["instansi_id"],
                "nama": i["instansi_nama"],
                "jumlah_unit": angka(len(rows)),
                "pegawai": _cell(i, "jumlah_pegawai")[0],
                "json": figures.script_json(rows),
            }
        )
    return sections


def _rekonsiliasi_rows(frame: pl.DataFrame) -> tuple[list[dict], dict]:
    rows = []
    total = {"dibaca": 0, "diterima": 0, "dikarantina": 0}
    for r in frame.iter_rows(named=True):
        dibaca, diterima, karantina = _int(r["dibaca"]), _int(r["diterima"]), _int(r["dikarantina"])
        for k, v in (("dibaca", dibaca), ("diterima", diterima), ("dikarantina", karantina)):
            total[k] += v
        table = TABLE_BY_NAME.get(r["tabel"])
        rows.append(
            {
                "tabel": r["tabel"],
                "label": table.label if table else "",
                "dibaca": angka(dibaca),
                "diterima": angka(diterima),
                "dikarantina": angka(karantina),
                "ada_karantina": karantina > 0,
                "selisih": dibaca - diterima - karantina,
            }
        )
    summary = {k: angka(v) for k, v in total.items()}
    summary["selisih"] = total["dibaca"] - total["diterima"] - total["dikarantina"]
    return rows, summary


def _temuan_rows(frame: pl.DataFrame) -> list[dict]:
    rows = []
    for r in frame.iter_rows(named=True):
        rule = RULE_BY_ID.get(r["rule"])
        keparahan = r.get("keparahan") or (rule.keparahan if rule else "info")
        rows.append(
            {
                "rule": r["rule"],
                "keparahan": keparahan,
                "jumlah_int": _int(r["jumlah"]),
                "jumlah": angka(_int(r["jumlah"])),
                "uraian": rule.description if rule else "Aturan tidak dikenal dalam katalog.",
            }
        )
    rows.sort(key=lambda x: (SEVERITY_ORDER.get(x["keparahan"], 9), -x["jumlah_int"], x["rule"]))
    return rows


def _figures(inst: pl.DataFrame) -> tuple[Figure, Figure]:
    volume, predikat = [], []
    for r in inst.iter_rows(named=True):
        shown = {c: r[status_column(c)] == privacy.SHOWN for c in ("jumlah_pegawai", "jumlah_skp")}
        volume.append(
            figures.InstansiVolume(
                r["instansi_id"],
                r["instansi_nama"],
                r["jumlah_pegawai"] if shown["jumlah_pegawai"] else None,
                r["jumlah_skp"] if shown["jumlah_skp"] else None,
            )
        )
        counts = {
            p: (r[c] if r[status_column(c)] == privacy.SHOWN else None)
            for p, c in zip(PREDIKAT, PCOLS, strict=True)
        }
        if r[status_column("dinilai")] == privacy.SHOWN:
            predikat.append(
                figures.PredikatRow(r["instansi_id"], r["instansi_nama"], counts, r["dinilai"])
            )
    fig_volume = Figure(
        "fig-volume",
        figures.figure_json(figures.volume_per_instansi(volume)),
        title="Pegawai dan SKP per instansi",
    )
    fig_predikat = Figure(
        "fig-predikat",
        figures.figure_json(figures.predikat_per_instansi(predikat)),
        title="Distribusi predikat tahunan per instansi",
    )
    return fig_volume, fig_predikat


def index_context(data: DashboardData) -> dict:
    """Everything index.html.j2 needs, already suppressed and formatted."""
    per_instansi, per_unit = annual_distribution(data)
    inst = instansi_table(data, per_instansi)
    units = unit_table(data, per_unit)
    fig_volume, fig_predikat = _figures(inst)
    rekon, rekon_total = _rekonsiliasi_rows(data.rekonsiliasi)
    return {
        "tiles": _tiles(inst, data),
        "instansi": _instansi_rows(inst),
        "units": _unit_sections(units, inst),
        "rekonsiliasi": rekon,
        "rekonsiliasi_total": rekon_total,
        "temuan": _temuan_rows(data.temuan_per_aturan),
        "fig_volume": fig_volume,
        "fig_predikat": fig_predikat,
        "predikat": [
            {"nama": p, "singkat": PREDIKAT_SHORT[p], "warna": figures.PREDIKAT_COLORS[p]}
            for p in PREDIKAT
        ],
        "threshold": privacy.THRESHOLD,
        "mark_small": privacy.MARK_SMALL,
        "mark_complement": privacy.MARK_COMPLEMENT,
    }


# ---------------------------------------------------------------------------------------------
# Rendering


def environment() -> Environment:
    """Jinja2 environment of the site: autoescape always on, strict undefined."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["angka"] = angka
    env.filters["tanggal"] = format_tanggal
    return env


def site_context(data: DashboardData, page: Page) -> dict:
    """Context shared by every page (header, navigation, footer)."""
    meta = data.meta
    diekspor = meta.get("diekspor_pada")
    return {
        "page": page,
        "nav": NAV,
        "judul_situs": "Dasbor Kinerja ASN",
        "tahun": meta.get("tahun"),
        "sumber": meta.get("sumber"),
        "jumlah_instansi": meta.get("jumlah_instansi"),
        "data_per": format_tanggal(diekspor) if diekspor else None,
        "dibuat_pada": format_tanggal(meta.get("dibuat_pada"), with_time=True),
    }


def copy_assets(out_dir: Path) -> list[Path]:
    """Copy plotly.js (from the installed package) and the static files into out_dir/assets."""
    assets = out_dir / ASSETS
    assets.mkdir(parents=True, exist_ok=True)
    plotly_js = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
    if not plotly_js.is_file():
        raise FileNotFoundError(f"plotly.min.js tidak ditemukan di paket plotly: {plotly_js}")
    written = []
    for src in [plotly_js, *sorted(p for p in STATIC_DIR.iterdir() if p.is_file())]:
        dst = assets / src.name
        shutil.copyfile(src, dst)
        written.append(dst)
    return written


def render_page(env: Environment, template: str, context: dict, path: Path) -> Path:
    """Render one template to ``path`` (UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(env.get_template(template).render(**context), encoding="utf-8")
    return path


def build_site(out_dir: Path, data: DashboardData) -> list[Path]:
    """Write ``out_dir/index.html`` and ``out_dir/assets/*``; return the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = copy_assets(out_dir)
    env = environment()
    context = index_context(data)
    page = Page(
        key="ringkasan",
        title="Ringkasan",
        figures=[context["fig_volume"], context["fig_predikat"]],
    )
    written.append(
        render_page(
            env, "index.html.j2", {**site_context(data, page), **context}, out_dir / "index.html"
        )
    )
    return written
