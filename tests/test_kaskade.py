"""The cascade explorer of cascading.html on a small hand-built cascade with known answers: the
frame ``kaskade_rhk`` (statuses, valid parents), the per-unit data files of reports/kaskade.py,
and the site writing them; also the achievement frame ``capaian_rhk`` and its pairs.

The bundle (tests/conftest.base_rows plus the helpers of tests/test_cascade.py): KEPALA (U1,
the top official) owns R1; in U2 STAF_A's R2 -> R1 and her Tambahan R2t; STAF_B's R3 -> R1 and
R3c without a link; PPPK (appraised by STAF_A) R4 -> R2, R5 -> an RHK that does not exist, and
R9 -> R2t; in U3 (under U2) E, appraised by PPPK, R7 -> R5.
"""

from __future__ import annotations

import json
import re

import pytest

from reports import kaskade
from reports.hierarchy import build_cube
from reports.mutu import UnitList
from reports.registry import discover, frames_needed
from reports.site import build_site
from reports.types import CUBE_FRAMES, DashboardData
from tests.conftest import PPPK, STAF_A, base_rows, warehouse_from_bundle, write_bundle
from tests.test_cascade import rhk, skp
from transforms.findings import build_findings
from transforms.marts import read_dashboard_frames

E_NIP = "198203012011031001"
INST = "A5EB03E2"


def bundle() -> dict[str, list[dict[str, str]]]:
    rows = base_rows()
    rows["unit_kerja"].append({"unor_id": "U3", "unor_nama": "Seksi Uji", "unor_induk_id": "U2",
                               "nip_kepala": "", "instansi_id": INST,
                               "instansi_nama": "Pemerintah Kabupaten Sleman"})  # fmt: skip
    rows["pegawai"].append({"nip": E_NIP, "nama": "Pegawai Uji Kaskade", "jenis_asn": "PNS",
                            "golongan": "II/a", "jenis_jabatan": "Pelaksana",
                            "jabatan": "Pengadministrasi Umum", "jenjang": "", "unor_id": "U3",
                            "nip_atasan": PPPK})  # fmt: skip
    rows["skp"] += [skp("SKP-4", PPPK, STAF_A), skp("SKP-5", E_NIP, PPPK)]
    rows["rhk"] += [
        rhk("R3c", "SKP-3"),
        rhk("R4", "SKP-4", "R2"),
        rhk("R5", "SKP-4", "R404"),
        rhk("R2t", "SKP-2", jenis="Tambahan"),
        rhk("R9", "SKP-4", "R2t"),
        rhk("R7", "SKP-5", "R5"),
    ]
    # Achievement: R1 90 % of a 90 % target... 81 / 90 = 0.9; R3 5 + 5 of 10 Berkas = 1.0; R2 has
    # the base bundle's I1 (1 of 2 Dokumen = 0.5) and I2 (87.5 of 100 % = 0.875).
    rows["indikator"] += [
        {"indikator_id": "I3", "rhk_id": "R1", "aspek": "Kualitas", "uraian": "Persentase layanan kepegawaian yang tepat waktu",
         "target_min": "90", "target_max": "", "satuan": "%", "target_teks": "90 %"},
        {"indikator_id": "I4", "rhk_id": "R3", "aspek": "Kuantitas", "uraian": "Jumlah arsip yang dikelola",
         "target_min": "10", "target_max": "", "satuan": "Berkas", "target_teks": "10 Berkas"},
    ]  # fmt: skip
    rows["realisasi"] += [
        {"indikator_id": "I3", "periode": "2025-TW1", "realisasi": "81", "realisasi_teks": "81 %",
         "umpan_balik": "", "tanggal_input": "2025-03-31"},
        {"indikator_id": "I4", "periode": "2025-TW1", "realisasi": "5", "realisasi_teks": "5 Berkas",
         "umpan_balik": "", "tanggal_input": "2025-03-31"},
        {"indikator_id": "I4", "periode": "2025-TW2", "realisasi": "5", "realisasi_teks": "5 Berkas",
         "umpan_balik": "", "tanggal_input": "2025-06-30"},
    ]  # fmt: skip
    return rows


@pytest.fixture(scope="module")
def gudang(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("kaskade")
    rows = bundle()
    wh = warehouse_from_bundle(write_bundle(root / "ekspor", rows), root, "uji", build_findings)
    page = next(p for p in discover() if p.key == "cascading")
    frames = read_dashboard_frames(wh, frames_needed((page,)))
    yield {"rows": rows, "frames": frames, "page": page, "root": root}
    wh.close()


def year(frames, name):
    return frames[name].filter(tahun=2025).drop("tahun")


def test_explorer_frame_statuses_and_valid_parents(gudang) -> None:
    frame = year(gudang["frames"], "kaskade_rhk")
    got = frame.select("unor_id", "rhk_id", "induk_id", "status", "jenis").rows()
    assert got == [
        ("U1", "R1", None, "puncak", "Utama"),  # the top official's: a root
        ("U2", "R2", "R1", "terhubung", "Utama"),
        ("U2", "R2t", None, "tambahan", "Tambahan"),  # a Tambahan RHK that R9 intervenes
        ("U2", "R3", "R1", "terhubung", "Utama"),
        ("U2", "R3c", None, "tanpa", "Utama"),  # CASCADE_MISSING
        ("U2", "R4", "R2", "terhubung", "Utama"),  # two steps to the top
        ("U2", "R5", None, "putus", "Utama"),  # CASCADE_BROKEN: R404 does not exist
        ("U2", "R9", "R2t", "tidak_sampai", "Utama"),  # valid, but stops at a Tambahan RHK
        ("U3", "R7", "R5", "tidak_sampai", "Utama"),  # valid link to a broken RHK
    ]
    assert frame["jabatan"].to_list()[:2] == ["Kepala Badan", "Analis SDM Aparatur Ahli Pertama"]
    assert "nip" not in frame.columns and "nama" not in frame.columns


def cube(frames):
    return build_cube(*(year(frames, n) for n in CUBE_FRAMES), 2025)


def test_explorer_payload_and_one_data_file_per_unit(gudang) -> None:
    frames = gudang["frames"]
    listed = UnitList({INST: 0})
    payload, files = kaskade.explorer(year(frames, "kaskade_rhk"), cube(frames), 2025, names=listed)
    assert payload["folder"] == "kaskade/2025/"
    assert payload["instansi"] == [[INST, "Pemerintah Kabupaten Sleman"]]
    # [instansi, parent, depth, index in the unit list, own RHK, subtree RHK], depth first
    assert payload["unit"] == [[0, -1, 0, 0, 1, 9], [0, 0, 1, 1, 7, 8], [0, 1, 2, 2, 1, 1]]
    assert listed.rows == [  # [instansi, unor_id, name]
        [0, "U1", "Badan Kepegawaian dan Pengembangan SDM"],
        [0, "U2", "Bidang Mutasi dan Promosi"],
        [0, "U3", "Seksi Uji"],
    ]
    assert [s[0] for s in payload["status"]][:2] == ["RHK pejabat tertinggi (puncak)", "Terhubung sampai puncak"]
    assert sorted(files) == ["kaskade/2025/0.js", "kaskade/2025/1.js", "kaskade/2025/2.js"]
    # On the page the units are named once, in the list the ranking tables share.
    names = UnitList({INST: 0})
    names.add("U2", INST, "Bidang Mutasi dan Promosi")  # already listed by another table
    shared, same_files = kaskade.explorer(year(frames, "kaskade_rhk"), cube(frames), 2025, names=names)
    assert shared["unit"] == [[0, -1, 0, 1, 1, 9], [0, 0, 1, 0, 7, 8], [0, 1, 2, 2, 1, 1]]
    assert names.rows == [
        [0, "U2", "Bidang Mutasi dan Promosi"],
        [0, "U1", "Badan Kepegawaian dan Pengembangan SDM"],
        [0, "U3", "Seksi Uji"],
    ]
    assert same_files == files

    def data(path: str) -> dict:
        m = re.fullmatch(r"window\.Kinerja&&Kinerja\.kaskadeMuat&&Kinerja\.kaskadeMuat\(2025,(\d),(.*)\);\n",
                         files[path], re.S)
        assert m and path == f"kaskade/2025/{m.group(1)}.js"
        return json.loads(m.group(2))

    # rows: [key, parent key, parent's unit, status index, jabatan index, text]; keys number the
    # year's RHK in frame order: R1 0, R2 1, R2t 2, R3 3, R3c 4, R4 5, R5 6, R9 7, R7 8
    assert data("kaskade/2025/0.js") == {
        "j": [["JPT Pratama", "Kepala Badan"]],
        "r": [[0, -1, -1, 0, 0, "Meningkatnya kualitas layanan kepegawaian"]],
    }
    assert data("kaskade/2025/1.js") == {
        "j": [["Fungsional", "Analis SDM Aparatur Ahli Pertama"], ["Pelaksana", "Pengadministrasi Perkantoran"],
              ["Fungsional", "Pranata Komputer Ahli Pertama"]],
        "r": [[1, 0, 0, 1, 0, "Tersusunnya dokumen analisis jabatan"], [2, -1, -1, 5, 0, "Hasil R2t"],
              [3, 0, 0, 1, 1, "Terkelolanya arsip kepegawaian"], [4, -1, -1, 4, 1, "Hasil R3c"],
              [5, 1, 1, 1, 2, "Hasil R4"], [6, -1, -1, 3, 2, "Hasil R5"], [7, 2, 1, 2, 2, "Hasil R9"]],
    }  # fmt: skip
    assert data("kaskade/2025/2.js") == {
        "j": [["Pelaksana", "Pengadministrasi Umum"]], "r": [[8, 6, 1, 2, 0, "Hasil R7"]],
    }
    text = "".join(files.values())
    for p in gudang["rows"]["pegawai"]:
        assert p["nip"].replace(" ", "") not in text and p["nama"] not in text


def test_site_writes_the_data_files_and_keeps_texts_out_of_the_page(gudang, tmp_path) -> None:
    page = gudang["page"]
    data = DashboardData(gudang["frames"], "2026-02-02T08:15:00")
    written = build_site(tmp_path, data, (page,))
    for n in range(3):
        assert tmp_path / "kaskade" / "2025" / f"{n}.js" in written
    html = (tmp_path / "cascading.html").read_text(encoding="utf-8")
    assert "<script type=\"application/json\" data-kaskade>" in html
    assert 'data-filter="unit"' in html and "data-kaskade-plot" in html
    assert '<script src="assets/plotly.min.js"></script>' in html  # the bundled copy, no CDN
    for r in gudang["rows"]["rhk"]:
        assert r["uraian"] not in html  # RHK texts only in the data files
    for p in gudang["rows"]["pegawai"]:
        assert p["nip"].replace(" ", "") not in html and p["nama"] not in html


def test_achievement_frame_gives_the_linked_rhk_and_their_pair(gudang) -> None:
    from transforms.quality.comovement import pairs

    frame = year(gudang["frames"], "capaian_rhk")
    assert sorted(set(frame["rhk_id"])) == ["R1", "R2", "R3"]  # linked RHK with realisation
    # R1 81/90 = 0.9 against R2 (2/2 = 1.0 + 0.875) / 2 = 0.9375 and R3 10/10 = 1.0: mean 0.96875
    got = pairs(frame)
    assert [(r[1], r[2], round(r[3], 6), round(r[4], 6), r[5]) for r in got.rows()] == [
        ("U1", "R1", 0.9, 0.96875, 2)
    ]
