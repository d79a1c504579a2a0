"""SKP quality per unit on kualitas.html: mart.mutu_penyebut, the mutu_unit / temuan_per_unit /
temuan_per_periode frames, the score (reports.mutu), small units, the rendered page.

A realistic bundle (two instansi, five units: 12, 6, 3, 2 and 5 employees) goes through the
real staging, marts and warehouse merge; findings are written into audit.temuan by hand.
Every expected number below is computed by hand (see docs/kualitas-skor.md).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import polars as pl
import pytest

from reports import mutu
from reports.pages import kualitas
from reports.site import build_site
from tests.conftest import site_from_bundle

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
SLEMAN, KOTA = "3404", "3471"
KOTA_NAMA = f"Pemerintah Kota Yogyakarta {XSS_IMG}"
SLEMAN_INDEX = 0  # instansi in name order: Kabupaten Sleman, Kota Yogyakarta
RULES_CHECKED = ("NIP_INVALID", "PREDIKAT_MISMATCH", "EVIDENCE_MISSING", "INDICATOR_UNMEASURABLE",
                 "TARGET_UNREALISTIC", "SKP_WITHOUT_UTAMA")  # fmt: skip
# unor_id, nama, induk, instansi, pegawai, indikator per SKP, SKP without an RHK Utama
UNITS = [
    ("U1", "Dinas Pendidikan", None, SLEMAN, 12, [4] * 4 + [3] * 8, 3),  # 40 indikator
    ("U2", f"Bidang Kurikulum {XSS_SCRIPT}", "U1", SLEMAN, 6, [2] * 6, 0),  # 12 indikator
    ("U3", "Seksi Sarana Prasarana", "U1", SLEMAN, 3, [2] * 3, 1),  # small
    ("U4", "Subbagian Umum", "U1", SLEMAN, 2, [1] * 2, 0),  # small
    ("U5", "Dinas Perhubungan", None, KOTA, 5, [2] * 5, 5),  # 10 indikator, no realisasi
]
FIRST = ["Siti", "Budi", "Rina", "Agus", "Dewi", "Hendra", "Nur", "Yusuf", "Ratna", "Eko"]
LAST = ["Rahmawati", "Santoso", "Pratama", "Wibowo", "Lestari", "Nasution", "Hidayat"]


def nip(i: int) -> str:
    birth = date(1980, 1, 1) + timedelta(days=97 * i)
    return f"{birth:%Y%m%d}201003{1 + i % 2}{1 + i:03d}"


def bundle_rows() -> tuple[dict[str, list[dict[str, str]]], dict[str, list[str]]]:
    """The bundle and, per unit, its employees' NIPs and its indikator ids (in order)."""
    names = {SLEMAN: "Pemerintah Kabupaten Sleman", KOTA: KOTA_NAMA}
    rows: dict[str, list[dict[str, str]]] = {t: [] for t in ("unit_kerja", "pegawai", "skp", "rhk",
                                                               "indikator", "realisasi", "penilaian",
                                                               "kinerja_organisasi")}  # fmt: skip
    ids: dict[str, list[str]] = {}
    n = 0
    for unor, nama, induk, inst, pegawai, per_skp, tanpa_utama in UNITS:
        rows["unit_kerja"].append({"unor_id": unor, "unor_nama": nama, "unor_induk_id": induk or "",
                                   "instansi_id": inst, "instansi_nama": names[inst]})  # fmt: skip
        ids[unor], ids[unor + "/nip"] = [], []
        for k in range(pegawai):
            p, skp = nip(n), f"SKP-{unor}-{k + 1}"
            n += 1
            ids[unor + "/nip"].append(p)
            rows["pegawai"].append({
                "nip": p, "nama": f"{FIRST[n % 10]} {LAST[n % 7]}", "jenis_asn": "PNS",
                "jenis_jabatan": "Pelaksana", "jabatan": "Pengelola Data", "unor_id": unor,
            })  # fmt: skip
            rows["skp"].append({"skp_id": skp, "nip": p, "tahun": "2025", "periode_mulai": "2025-01-01",
                                "periode_selesai": "2025-12-31", "pendekatan": "Kuantitatif",
                                "status": "Disetujui"})  # fmt: skip
            jenis = "Tambahan" if k >= pegawai - tanpa_utama else "Utama"
            rows["rhk"].append({"rhk_id": f"R-{skp}", "skp_id": skp, "jenis": jenis,
                                "uraian": "Terlaksananya layanan administrasi"})  # fmt: skip
            for j in range(per_skp[k]):
                ind = f"I-{skp}-{j + 1}"
                ids[unor].append(ind)
                rows["indikator"].append({"indikator_id": ind, "rhk_id": f"R-{skp}", "aspek": "Kuantitas",
                                          "uraian": "Jumlah dokumen", "target_min": "4",
                                          "satuan": "Dokumen"})  # fmt: skip
    # U1: TW1 filled for all 40; TW2: 30 values, 5 text only, 5 empty -> 75 filled. U2: TW1 12.
    for k, ind in enumerate(ids["U1"]):
        rows["realisasi"].append({"indikator_id": ind, "periode": "2025-TW1", "realisasi": "2"})
        value, text = ("3", "3 Dokumen") if k < 30 else ("", "Sesuai jadwal") if k < 35 else ("", "")
        rows["realisasi"].append({"indikator_id": ind, "periode": "2025-TW2", "realisasi": value,
                                  "realisasi_teks": text})  # fmt: skip
    for ind in ids["U2"]:
        rows["realisasi"].append({"indikator_id": ind, "periode": "2025-TW1", "realisasi": "1"})
    return rows, ids


def findings(ids: dict[str, list[str]]) -> list[tuple]:
    """audit.temuan rows: (rule, tingkat, subjek_id, instansi_id, unor_id, periode, keparahan, detail)."""
    out: list[tuple] = []

    def add(rule, tingkat, unor, subjects, periode=None, keparahan="peringatan"):
        inst = next(u[3] for u in UNITS if u[0] == unor) if unor else None
        for s in subjects:
            out.append((rule, tingkat, s, inst, unor, periode, keparahan, f"detail {s} Siti Rahmawati"))

    skp = {u[0]: [f"SKP-{u[0]}-{k + 1}" for k in range(u[4])] for u in UNITS}
    add("INDICATOR_UNMEASURABLE", "indikator", "U1", ids["U1"][:4])
    add("TARGET_UNREALISTIC", "indikator", "U1", ids["U1"][4:6])
    add("EVIDENCE_MISSING", "indikator", "U1", ids["U1"][:6], "2025-TW1")
    add("EVIDENCE_MISSING", "indikator", "U1", ids["U1"][:9], "2025-TW2")
    add("SKP_WITHOUT_UTAMA", "skp", "U1", skp["U1"][-3:], keparahan="kritis")
    add("PREDIKAT_MISMATCH", "pegawai", "U1", ids["U1/nip"][:2], "2025", "kritis")
    add("INDICATOR_UNMEASURABLE", "indikator", "U2", ids["U2"][:6])
    add("EVIDENCE_MISSING", "indikator", "U2", ids["U2"][:4], "2025-TW1")
    add("INDICATOR_UNMEASURABLE", "indikator", "U3", ids["U3"][:2])
    add("SKP_WITHOUT_UTAMA", "skp", "U3", skp["U3"][-1:], keparahan="kritis")
    add("INDICATOR_UNMEASURABLE", "indikator", "U4", ids["U4"][:1])
    add("INDICATOR_UNMEASURABLE", "indikator", "U5", ids["U5"][:1])
    add("TARGET_UNREALISTIC", "indikator", "U5", ids["U5"][:5])
    add("SKP_WITHOUT_UTAMA", "skp", "U5", skp["U5"], keparahan="kritis")
    out.append(("NIP_INVALID", "row", "pegawai:99", None, None, None, "kritis", "NIP 19850101 rusak"))
    return out


@pytest.fixture(scope="module")
def gudang(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The warehouse after one bundle: staged, marts built, findings written, merged."""
    root = tmp_path_factory.mktemp("mutu")
    rows, ids = bundle_rows()
    wh, data, out = site_from_bundle(root, rows, "uji-mutu", lambda con: con.executemany(
        "INSERT INTO audit.temuan VALUES (?, ?, ?, ?, ?, ?, ?, ?)", findings(ids)), checked=RULES_CHECKED)
    yield {"con": wh, "data": data, "rows": rows, "site": out,
           "page": (out / "kualitas.html").read_text(encoding="utf-8")}  # fmt: skip
    wh.close()


def payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" data-mutu>(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def scored(gudang: dict, checked=RULES_CHECKED) -> pl.DataFrame:
    return mutu.skor_mutu(gudang["data"].year(2025).frame("mutu_unit"), checked)


# --- mart and frames ---------------------------------------------------------------------------


def test_mart_mutu_penyebut_counts_per_unit(gudang) -> None:
    got = gudang["con"].sql(
        "SELECT unor_id, instansi_id, jumlah_pegawai, jumlah_skp, jumlah_indikator,"
        " jumlah_realisasi_terisi, _tahun, _instansi_id FROM mart.mutu_penyebut ORDER BY unor_id"
    ).fetchall()
    assert got == [
        ("U1", SLEMAN, 12, 12, 40, 75, 2025, SLEMAN),  # 40 TW1 + 30 values + 5 texts in TW2
        ("U2", SLEMAN, 6, 6, 12, 12, 2025, SLEMAN),
        ("U3", SLEMAN, 3, 3, 6, 0, 2025, SLEMAN),
        ("U4", SLEMAN, 2, 2, 2, 0, 2025, SLEMAN),
        ("U5", KOTA, 5, 5, 10, 0, 2025, KOTA),
    ]


def test_mutu_unit_frame_counts_findings_per_unit(gudang) -> None:
    frame = gudang["data"].frames["mutu_unit"].sort("unor_id")
    cols = ["tahun", "unor_id", "indikator_tak_terukur", "target_tak_wajar",
            "realisasi_tanpa_bukti", "skp_tanpa_utama"]  # fmt: skip
    assert frame.select(cols).rows() == [
        (2025, "U1", 4, 2, 15, 3),
        (2025, "U2", 6, 0, 4, 0),
        (2025, "U3", 2, 0, 0, 1),
        (2025, "U4", 1, 0, 0, 0),
        (2025, "U5", 1, 5, 0, 5),
    ]


def test_trend_frame_per_rule_and_periode(gudang) -> None:
    frame = gudang["data"].frames["temuan_per_periode"]
    assert frame.sort("periode", "rule").rows() == [
        (2025, "2025", "PREDIKAT_MISMATCH", 2),
        (2025, "2025-TW1", "EVIDENCE_MISSING", 10),
        (2025, "2025-TW2", "EVIDENCE_MISSING", 9),
    ]
    periods, series = kualitas.tren(gudang["data"].year(2025).frame("temuan_per_periode"))
    assert periods == ["2025-TW1", "2025-TW2", "2025"]
    assert series == [
        {"rule": "EVIDENCE_MISSING", "jumlah": [10, 9, 0]},
        {"rule": "PREDIKAT_MISMATCH", "jumlah": [0, 0, 2]},
    ]
    assert [kualitas.periode_label(p) for p in ("2025-TW2", "2025-03", "2025", "x")] == [
        "Triwulan II 2025", "Maret 2025", "Tahunan 2025", "x",
    ]  # fmt: skip


# --- the score ---------------------------------------------------------------------------------


def test_score_and_parts_by_hand(gudang) -> None:
    rows = {r["unor_id"]: r for r in scored(gudang).iter_rows(named=True)}
    parts = ["bagian_terukur", "bagian_target", "bagian_bukti", "bagian_utama"]
    # U1: 1-4/40, 1-2/40, 1-15/75, 1-3/12 -> mean 3.4/4
    assert [rows["U1"][p] for p in parts] == pytest.approx([0.9, 0.95, 0.8, 0.75])
    assert rows["U1"]["skor"] == 85.0
    # U2: 1-6/12, 1-0/12, 1-4/12, 1-0/6 -> 3.1667/4 = 79.17
    assert [rows["U2"][p] for p in parts] == pytest.approx([0.5, 1.0, 2 / 3, 1.0])
    assert rows["U2"]["skor"] == 79.2
    # U5: no realisasi -> mean of three parts: (0.9 + 0.5 + 0.0) / 3 = 46.67
    assert rows["U5"]["bagian_bukti"] is None
    assert [rows["U5"][p] for p in parts if p != "bagian_bukti"] == pytest.approx([0.9, 0.5, 0.0])
    assert rows["U5"]["skor"] == 46.7


def test_ranking_worst_first(gudang) -> None:
    assert scored(gudang)["unor_id"].to_list() == ["U5", "U3", "U2", "U4", "U1"]
    # U3: 1-2/6, 1, -, 1-1/3 -> 77.8; U4: 1-1/2, 1, -, 1 -> 83.3 (computed, not shown: < 5)
    assert scored(gudang)["skor"].to_list() == [46.7, 77.8, 79.2, 83.3, 85.0]
    data = payload(gudang["page"])
    shown = [data["unit"][r[0]][1] for r in data["skor"]]
    assert shown == ["U5", "U2", "U1", "U3", "U4"]  # small units last, in name order


def test_rule_not_checked_is_left_out_of_the_mean(gudang) -> None:
    checked = [r for r in RULES_CHECKED if r != "SKP_WITHOUT_UTAMA"]
    u1 = scored(gudang, checked).filter(pl.col("unor_id") == "U1").row(0, named=True)
    assert u1["bagian_utama"] is None
    assert u1["skor"] == 88.3  # (0.9 + 0.95 + 0.8) / 3


def test_no_denominator_no_score() -> None:
    frame = pl.DataFrame({
        "instansi_id": ["A"], "instansi_nama": ["A"], "unor_id": ["X"], "unor_nama": ["X"],
        **{c: [0] for c in ["jumlah_pegawai", *mutu.COUNTS]},
    })  # fmt: skip
    row = mutu.skor_mutu(frame).row(0, named=True)
    assert row["skor"] is None and row["bagian_terukur"] is None


# --- privacy -----------------------------------------------------------------------------------


def test_small_units_show_no_share_and_are_rolled_up(gudang) -> None:
    data = payload(gudang["page"])
    unit_ids = [u[1] for u in data["unit"]]
    rows = {unit_ids[r[0]]: r[1:] for r in data["skor"]}
    assert rows["U1"] == [12, 85.0, 90.0, 95.0, 80.0, 75.0, 40, 4, 2, 75, 15, 12, 3]
    assert rows["U5"] == [5, 46.7, 90.0, 50.0, None, 0.0, 10, 1, 5, 0, 0, 5, 5]
    for small in ("U3", "U4"):
        assert rows[small][0] == "<5" and rows[small][-2] == "<5"  # pegawai, SKP from the cube
        assert set(rows[small][1:-2] + rows[small][-1:]) == {"x"}  # no score, part or count
    aturan = [a[0] for a in data["aturan"]]
    units = {(None if r[1] is None else unit_ids[r[1]], aturan[r[2]]): r[3] for r in data["temuan"]}
    assert units[(None, "INDICATOR_UNMEASURABLE")] == 3  # U3 + U4: 5 employees together
    assert units[(None, "SKP_WITHOUT_UTAMA")] == 1
    assert not {"U3", "U4"} & {u for u, _ in units}
    assert units[("U1", "EVIDENCE_MISSING")] == 15 and units[("U1", "PREDIKAT_MISMATCH")] == 2
    assert ("U1", "NIP_INVALID") not in units and len(data["temuan"]) == 12


def test_rollup_of_fewer_than_five_is_hidden(gudang) -> None:
    view = gudang["data"].year(2025)
    keep = pl.col("unor_id") != "U4"
    frame = mutu.skor_mutu(view.frame("mutu_unit").filter(keep), RULES_CHECKED)
    data = mutu.payload(frame, view.frame("temuan_per_unit").filter(keep), view.cube(), RULES_CHECKED)
    rolled = [r[3] for r in data["temuan"] if r[1] is None]
    assert rolled == ["x", "x"]  # U3 alone (3 employees)


def test_page_has_no_personal_data_and_escapes_export_text(gudang) -> None:
    page = gudang["page"]
    for p in gudang["rows"]["pegawai"]:
        assert p["nip"] not in page and p["nama"] not in page
    assert not re.search(r"\b\d{18}\b", page)
    assert "detail " not in page and "Siti Rahmawati" not in page and "pegawai:99" not in page
    assert XSS_SCRIPT not in page and XSS_IMG not in page and "<img" not in page
    assert "Bidang Kurikulum \\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page  # JSON
    assert '<option value="3471">Pemerintah Kota Yogyakarta &lt;img src=x onerror=alert(1)&gt;' in page
    assert [SLEMAN_INDEX, "U2", f"Bidang Kurikulum {XSS_SCRIPT}"] in payload(page)["unit"]


# --- the page ----------------------------------------------------------------------------------


def test_page_sections_top_rules_trend_and_data_docs(gudang) -> None:
    page = gudang["page"]
    top = page.split("data-top-aturan>")[1].split("</ol>")[0]
    order = re.findall(r"<code>([A-Z_]+)</code> — <strong>(\d+)</strong>", top)
    assert order == [("EVIDENCE_MISSING", "19"), ("INDICATOR_UNMEASURABLE", "14"),
                     ("SKP_WITHOUT_UTAMA", "9"), ("TARGET_UNREALISTIC", "7"),
                     ("PREDIKAT_MISMATCH", "2")]  # fmt: skip; NIP_INVALID (1) is sixth
    assert "(36,5% dari semua temuan)" in top  # 19 of 52
    fig = re.search(r'data-figure-json="kualitas-tren">(.*?)</script>', page, re.S)
    traces = json.loads(fig.group(1))["data"]
    assert [(t["name"], t["x"], t["y"]) for t in traces] == [
        ("EVIDENCE_MISSING", ["Triwulan I 2025", "Triwulan II 2025", "Tahunan 2025"], [10, 9, 0]),
        ("PREDIKAT_MISMATCH", ["Triwulan I 2025", "Triwulan II 2025", "Tahunan 2025"], [0, 0, 2]),
    ]
    assert '<a href="data-docs/index.html">Laporan validasi Great Expectations (Data Docs)</a>' in page
    for t in ("mutu-unit", "temuan-unit"):
        assert f'data-table="{t}"' in page and f'data-pager="{t}"' in page
        assert f'data-download="csv" data-for="{t}"' in page
    assert '<select data-filter="instansi">' in page and '<select data-filter="aturan">' in page
    assert '<script src="assets/kualitas.js"></script>' in page
    assert (gudang["site"] / "assets" / "kualitas.js").is_file()


@pytest.mark.slow
def test_page_weight_with_4000_units(tmp_path: Path) -> None:
    """4 x 1000 units, five rules in most units: the payload stays compact (unit list once)."""
    import random

    from tests.test_site import MUTU_SCHEMA, large_data

    data, rng = large_data(), random.Random(1)
    mutu_rows, per_unit = [], []
    for r in data.frames["unit"].iter_rows(named=True):
        skp = r["jumlah_skp"]
        mutu_rows.append((r["instansi_id"], r["instansi_nama"], r["unor_id"], r["unor_nama"],
                          r["jumlah_pegawai"], skp, 4 * skp, 8 * skp, rng.randint(0, 4 * skp),
                          rng.randint(0, 4 * skp), rng.randint(0, 8 * skp), rng.randint(0, skp)))  # fmt: skip
        for rule in RULES_CHECKED[1:]:
            if r["jumlah_pegawai"] and rng.random() < 0.8:
                per_unit.append((r["instansi_id"], r["unor_id"], rule, "peringatan", rng.randint(1, 40)))
    year = pl.lit(2025, pl.Int32).alias("tahun")
    data.frames["mutu_unit"] = pl.DataFrame(
        mutu_rows, schema=MUTU_SCHEMA, orient="row"
    ).with_columns(year)
    data.frames["temuan_per_unit"] = pl.DataFrame(
        per_unit, schema=["instansi_id", "unor_id", "rule", "keparahan", "jumlah"], orient="row"
    ).with_columns(year)
    build_site(tmp_path, data)
    size = (tmp_path / "kualitas.html").stat().st_size
    assert len(per_unit) > 12_000 and size < 700_000, size
