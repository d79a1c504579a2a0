"""The "Keselarasan kinerja" page (cascading.html): the keselarasan_unit / keselarasan_jabatan /
temuan_kaskade_unit frames, the ranking with its threshold, small units, the rendered page.

A hand-built cascade (tests/conftest.base_rows plus employees) goes through the real staging,
marts, findings and warehouse merge. One instansi, three units:

* U1 (5 employees): KEPALA, the top official (R1), and E1–E4, each with one Utama RHK -> R1.
* U2 (5 employees, its name carries a script payload): STAF_A R2 -> R1 (direct); STAF_B
  R3 -> R1 (non-direct) and R3c without a link (CASCADE_MISSING); PPPK (appraised by STAF_A)
  R4 -> R2 (chain of 2); E5 R5 -> R2, a peer's RHK (CASCADE_BROKEN); E6 R6 -> R1.
* U3 (2 employees, small): E7 R7 -> R1; E8 R8 without a link (CASCADE_MISSING).

Every expected number below is computed by hand (docs/keselarasan.md).
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from reports.pages import cascading
from tests.conftest import (
    KEPALA,
    PPPK,
    STAF_A,
    base_rows,
    site_from_bundle,
)
from transforms.findings import build_findings

XSS_SCRIPT = "<script>alert(1)</script>"
U2_NAMA = f"Bidang Mutasi dan Promosi {XSS_SCRIPT}"
INST = "A5EB03E2"


def nip(i: int) -> str:
    birth = date(1982, 3, 1) + timedelta(days=131 * i)
    return f"{birth:%Y%m%d}201103{1 + i % 2}{1 + i:03d}"


E = [nip(i) for i in range(1, 9)]  # E1..E8
NAMES = [f"Pegawai Uji {chr(65 + i)}" for i in range(8)]


def skp(skp_id: str, pegawai: str, penilai: str) -> dict[str, str]:
    return {"skp_id": skp_id, "nip": pegawai, "tahun": "2025", "periode_mulai": "2025-01-01",
            "periode_selesai": "2025-12-31", "pendekatan": "Kuantitatif", "nip_penilai": penilai,
            "status": "Disetujui", "tanggal_persetujuan": ""}  # fmt: skip


def rhk(rhk_id: str, skp_id: str, atasan: str = "") -> dict[str, str]:
    return {"rhk_id": rhk_id, "skp_id": skp_id, "jenis": "Utama", "uraian": f"Hasil kerja {rhk_id}",
            "rhk_atasan_id": atasan, "jenis_cascading": "Langsung" if atasan else "",
            "perspektif": ""}  # fmt: skip


def bundle() -> dict[str, list[dict[str, str]]]:
    rows = base_rows()
    rows["unit_kerja"][1]["unor_nama"] = U2_NAMA
    rows["unit_kerja"].append({"unor_id": "U3", "unor_nama": "Subbagian Umum", "unor_induk_id": "U1",
                               "nip_kepala": "", "instansi_id": INST,
                               "instansi_nama": "Pemerintah Kabupaten Sleman"})  # fmt: skip
    units = ["U1"] * 4 + ["U2"] * 2 + ["U3"] * 2
    for k, (p, unor) in enumerate(zip(E, units, strict=True)):
        rows["pegawai"].append({"nip": p, "nama": NAMES[k], "jenis_asn": "PNS", "golongan": "III/a",
                                "jenis_jabatan": "Pelaksana", "jabatan": "Pengadministrasi Umum",
                                "jenjang": "", "unor_id": unor, "nip_atasan": KEPALA})  # fmt: skip
        rows["skp"].append(skp(f"SKP-E{k + 1}", p, KEPALA))
    rows["skp"].append(skp("SKP-4", PPPK, STAF_A))
    rows["rhk"] += [rhk(f"RE{k}", f"SKP-E{k}", "R1") for k in range(1, 5)]  # U1: E1-E4 -> R1
    rows["rhk"] += [
        rhk("R3c", "SKP-3"),  # STAF_B: unlinked
        rhk("R4", "SKP-4", "R2"),  # PPPK -> STAF_A -> KEPALA
        rhk("R5", "SKP-E5", "R2"),  # E5 -> a peer's RHK: the wrong leader
        rhk("R6", "SKP-E6", "R1"),
        rhk("R7", "SKP-E7", "R1"),
        rhk("R8", "SKP-E8"),  # unlinked
    ]
    return rows


@pytest.fixture(scope="module")
def gudang(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("keselarasan")
    rows = bundle()
    wh, data, out = site_from_bundle(root, rows, "uji-kaskade", build_findings)
    yield {"data": data, "rows": rows, "site": out,
           "page": (out / "cascading.html").read_text(encoding="utf-8"),
           "index": (out / "index.html").read_text(encoding="utf-8")}  # fmt: skip
    wh.close()


def payload(page: str) -> dict:
    m = re.search(r'<script type="application/json" data-keselarasan>(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


# --- frames ------------------------------------------------------------------------------------


def test_unit_frame_sums_the_mart(gudang) -> None:
    frame = gudang["data"].frames["keselarasan_unit"].sort("unor_id")
    cols = ["tahun", "unor_id", "jumlah_pegawai", *cascading.COUNTS]
    assert frame.select(cols).rows() == [
        # wajib, terhubung, puncak, kedalaman, langsung, tidak langsung, pimpinan, diintervensi
        (2025, "U1", 5, 4, 4, 4, 4, 4, 0, 1, 1),  # R1 is KEPALA's: needs no link, is served
        (2025, "U2", 5, 6, 4, 4, 5, 3, 1, 1, 1),  # R4 two steps; STAF_A leads PPPK (R2 served)
        (2025, "U3", 2, 2, 1, 1, 1, 1, 0, 0, 0),
    ]
    assert frame["unor_nama"].to_list()[1] == U2_NAMA


def test_jabatan_frame_per_instansi_and_jenis_jabatan(gudang) -> None:
    frame = gudang["data"].frames["keselarasan_jabatan"].sort("jenis_jabatan")
    cols = ["instansi_id", "jenis_jabatan", "jumlah_pegawai", *cascading.COUNTS]
    assert frame.select(cols).rows() == [
        (INST, "Fungsional", 2, 2, 2, 2, 3, 2, 0, 1, 1),  # STAF_A, PPPK
        (INST, "JPT Pratama", 1, 0, 0, 0, 0, 0, 0, 1, 1),  # KEPALA
        (INST, "Pelaksana", 9, 10, 7, 7, 7, 6, 1, 0, 0),  # E1-E8, STAF_B
    ]


def test_findings_frame_per_unit_and_rule(gudang) -> None:
    frame = gudang["data"].frames["temuan_kaskade_unit"].sort("unor_id", "rule")
    assert frame.select("unor_id", "rule", "jumlah").rows() == [
        ("U2", "CASCADE_BROKEN", 1),  # R5
        ("U2", "CASCADE_MISSING", 1),  # R3c
        ("U3", "CASCADE_MISSING", 1),  # R8
    ]


# --- measures and ranking ----------------------------------------------------------------------


def test_measures_by_hand() -> None:
    r = dict(zip(cascading.COUNTS, (6, 4, 4, 5, 3, 1, 1, 1), strict=True))
    assert cascading.ukuran(r) == {
        "terhubung": pytest.approx(4 / 6), "puncak": pytest.approx(4 / 6), "kedalaman": 1.25,
        "langsung": 0.75, "diturunkan": 1.0,
    }  # fmt: skip
    empty = cascading.ukuran(dict.fromkeys(cascading.COUNTS, 0))
    assert set(empty.values()) == {None}
    assert cascading.perlu_perhatian(0.8999) and not cascading.perlu_perhatian(0.9)
    assert not cascading.perlu_perhatian(None)


def test_ranked_rows_worst_first_small_unit_last(gudang) -> None:
    data = payload(gudang["page"])
    assert data["instansi"] == [[INST, "Pemerintah Kabupaten Sleman"]]
    assert data["aturan"] == ["CASCADE_BROKEN", "CASCADE_MISSING", "RHK_NOT_CASCADED"]
    assert data["ambang"] == 90.0
    units = {i: u for i, u in enumerate(data["unit"])}
    assert [units[r[0]][1] for r in data["baris"]] == ["U2", "U1", "U3"]
    assert units[data["baris"][0][0]] == [0, "U2", U2_NAMA]  # decoded back to the literal text
    rows = [r[1:] for r in data["baris"]]
    # pegawai from the suppressed cube: U1's own 5 and U2's 5 sit beside the hidden U3 (2) under
    # U1's shown subtree total 12, so U2's is suppressed complementarily and published as the
    # range it is known to lie in: 12 - 5 - (1..4) = 3..6, and a hidden count is 0 or >= 5: 5–6;
    # wajib, % terhubung, % puncak, kedalaman, % langsung, % diturunkan, 3 findings, perhatian
    assert rows[0][1:] == [6, 66.7, 66.7, 1.25, 75.0, 100.0, 1, 1, 0, 1]
    assert rows[1][1:] == [4, 100.0, 100.0, 1.0, 100.0, 100.0, 0, 0, 0, 0]
    assert rows[2] == ["<5", *(["x"] * 9), 0]  # U3: no share or count of its own
    assert [r[0] for r in rows[:2]] == ["5–6", 5]


def test_summary_and_tiles(gudang) -> None:
    view = gudang["data"].year(2025)
    total = cascading.ringkasan(view.frame("keselarasan_unit"))
    assert total["rhk_utama_wajib"] == 12 and total["rhk_utama_terhubung"] == 9
    assert total["bagian"] == 0.75
    assert (total["unit_dinilai"], total["unit_perhatian"]) == (2, 1)  # U3 (small) not counted
    tiles = {t.name: t for t in cascading.tiles(view)}
    assert tiles["cascading"].value == "75,0%" and tiles["cascading"].alert
    assert tiles["cascading"].sub == "9 dari 12 RHK Utama mengintervensi RHK pimpinan secara sah"
    assert tiles["cascading-perhatian"].value == "1" and tiles["cascading-perhatian"].alert
    assert "di bawah 90%" in tiles["cascading-perhatian"].sub
    index = gudang["index"]
    assert 'data-tile="cascading" href="cascading.html#peringkat"' in index
    assert '<span class="tile-value">75,0%</span>' in index


def test_jabatan_rows_hide_small_groups(gudang) -> None:
    rows = cascading.jabatan_rows(gudang["data"].year(2025).frame("keselarasan_jabatan"))
    assert [(r["jenis_jabatan"], r["tersembunyi"]) for r in rows] == [
        ("Pelaksana", False), ("Fungsional", True), ("JPT Pratama", True),
    ]  # fmt: skip
    pelaksana = rows[0]
    assert [pelaksana[k] for k in ("wajib", "terhubung", "puncak", "kedalaman", "langsung",
                                   "diturunkan")] == [10, 70.0, 70.0, 1.0, 85.7, None]  # fmt: skip
    assert pelaksana["perhatian"]
    assert all(rows[1][k] == "x" for k in ("wajib", "terhubung", "kedalaman", "diturunkan"))


# --- the page ----------------------------------------------------------------------------------


def test_page_text_threshold_and_links(gudang) -> None:
    page = gudang["page"]
    assert '<body data-page="cascading" data-tahun-awal="2025">' in page
    assert "<title>Keselarasan kinerja · Dasbor Kinerja ASN 2025</title>" in page
    assert "kurang dari <strong>90%</strong>" in page
    assert "<strong>75,0%</strong> RHK Utama terhubung secara sah (9 dari 12" in page
    assert 'data-table="keselarasan-unit"' in page and 'data-page-size="25"' in page
    assert 'data-table="keselarasan-jabatan"' in page
    assert 'data-pager="keselarasan-unit"' in page
    assert '<script src="assets/cascading.js">' in page
    # the named list lives outside the dashboard, which never names the restricted folder
    assert "BACA_DULU.txt" in page and "terbatas" not in page and "docs/keselarasan.md" in page
    jabatan = page.split('id="jabatan"')[1].split("</section>")[0]
    assert '<th scope="row">Pelaksana</th>' in jabatan and "70,0%" in jabatan and "85,7%" in jabatan
    js = (gudang["site"] / "assets" / "cascading.js").read_text(encoding="utf-8")
    assert "unit.html" in js and 'periode: "tahunan"' in js and "innerHTML" not in js
    nav = page.split('<nav class="site-nav"')[1].split("</nav>")[0]
    assert 'href="cascading.html"' in nav and "Keselarasan kinerja" in nav


def test_no_nip_or_name_and_export_text_escaped(gudang) -> None:
    page = gudang["page"]
    rows = gudang["rows"]
    for p in rows["pegawai"]:
        assert p["nip"] not in page and p["nip"].replace(" ", "") not in page
        assert p["nama"] not in page
    for r in rows["rhk"]:
        assert r["uraian"] not in page
    assert XSS_SCRIPT not in page and "alert(1)</" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page  # in the JSON payload
    for tag in re.findall(r"<script[^>]*>", page):
        assert 'type="application/json"' in tag or re.fullmatch(
            r'<script src="assets/[a-z.-]+\.js">', tag
        )
