"""Cascading findings on small hand-built cascades with known answers (sql/findings/cascade.sql):
a chain, a fork, a cycle, a link to the wrong leader, a link across years, a mid-year mover, a
leader without subordinates. In the base bundle KEPALA (the top official, SKP-1 without penilai)
owns R1; STAF_A (SKP-2) and STAF_B (SKP-3) are appraised by KEPALA and intervene R1."""

from __future__ import annotations

from tests.conftest import KEPALA, PPPK, STAF_A, STAF_B
from tests.test_staging import stage_bundle
from transforms.findings import build_findings

RULES = ("CASCADE_BROKEN", "CASCADE_MISSING", "RHK_NOT_CASCADED")
NIP_KEPALA = KEPALA.replace(" ", "")


def cascade(tmp_path, rows) -> dict[str, list[str]]:
    con, _ = stage_bundle(tmp_path, rows)
    build_findings(con)
    found = {r: [] for r in RULES}
    for rule, subjek in con.execute(
        "SELECT rule, subjek_id FROM audit.temuan WHERE rule IN ? ORDER BY rule, subjek_id",
        [list(RULES)],
    ).fetchall():
        found[rule].append(subjek)
    return found


def rhk(rhk_id, skp_id, atasan="", jenis="Utama", uraian=None):
    return {"rhk_id": rhk_id, "skp_id": skp_id, "jenis": jenis, "uraian": uraian or f"Hasil {rhk_id}",
            "rhk_atasan_id": atasan, "jenis_cascading": "Langsung" if atasan else "", "perspektif": ""}


def skp(skp_id, nip, penilai, tahun="2025", mulai="2025-01-01", selesai="2025-12-31"):
    return {"skp_id": skp_id, "nip": nip, "tahun": tahun, "periode_mulai": mulai,
            "periode_selesai": selesai, "pendekatan": "Kuantitatif", "nip_penilai": penilai,
            "status": "Disetujui", "tanggal_persetujuan": ""}


def test_base_bundle_cascades_cleanly(tmp_path, bundle_rows):
    assert cascade(tmp_path, bundle_rows) == {r: [] for r in RULES}


def test_a_three_level_chain_is_clean(tmp_path, bundle_rows):
    bundle_rows["skp"].append(skp("SKP-4", PPPK, STAF_A))
    bundle_rows["rhk"].append(rhk("R4", "SKP-4", "R2"))  # PPPK -> STAF_A -> KEPALA
    assert cascade(tmp_path, bundle_rows) == {r: [] for r in RULES}


def test_a_fork_flags_the_branch_nobody_serves(tmp_path, bundle_rows):
    bundle_rows["rhk"].append(rhk("R1b", "SKP-1"))  # KEPALA's second Utama RHK
    assert cascade(tmp_path, bundle_rows)["RHK_NOT_CASCADED"] == ["R1b"]
    bundle_rows["rhk"][2]["rhk_atasan_id"] = "R1b"  # STAF_B now serves R1b: both branches served
    assert cascade(tmp_path / "b", bundle_rows) == {r: [] for r in RULES}


def test_a_cycle_is_broken(tmp_path, bundle_rows):
    # STAF_A and STAF_B each name the other as atasan, and their RHK point at each other.
    bundle_rows["pegawai"][1]["nip_atasan"] = STAF_B
    bundle_rows["pegawai"][2]["nip_atasan"] = STAF_A
    bundle_rows["rhk"][1]["rhk_atasan_id"] = "R3"
    bundle_rows["rhk"][2]["rhk_atasan_id"] = "R2"
    found = cascade(tmp_path, bundle_rows)
    assert found["CASCADE_BROKEN"] == ["R2", "R3"]
    assert found["RHK_NOT_CASCADED"] == ["R1"]  # nobody serves KEPALA's RHK any more


def test_a_link_to_the_wrong_leader_is_broken(tmp_path, bundle_rows):
    bundle_rows["rhk"][2]["rhk_atasan_id"] = "R2"  # STAF_B intervenes a peer's RHK
    con_found = cascade(tmp_path, bundle_rows)
    assert con_found["CASCADE_BROKEN"] == ["R3"]


def test_a_link_to_an_rhk_that_does_not_exist_is_broken(tmp_path, bundle_rows):
    bundle_rows["rhk"][1]["rhk_atasan_id"] = "RHK-2024-00000001"
    found = cascade(tmp_path, bundle_rows)
    assert found["CASCADE_BROKEN"] == ["R2"]


def test_a_link_across_years_is_broken(tmp_path, bundle_rows):
    bundle_rows["skp"].append(skp("SKP-2024", KEPALA, "", tahun="2024", mulai="2024-01-01",
                                  selesai="2024-12-31"))
    bundle_rows["rhk"].append(rhk("R2024", "SKP-2024"))
    bundle_rows["rhk"][1]["rhk_atasan_id"] = "R2024"  # STAF_A's 2025 RHK -> KEPALA's 2024 RHK
    con, _ = stage_bundle(tmp_path, bundle_rows)
    build_findings(con)
    broken = con.execute(
        "SELECT subjek_id, detail FROM audit.temuan WHERE rule = 'CASCADE_BROKEN'").fetchall()
    assert [s for s, _ in broken] == ["R2"]
    assert "dari SKP tahun 2024, bukan tahun 2025" in broken[0][1]


def test_a_mid_year_mover_serves_both_leaders(tmp_path, bundle_rows):
    # STAF_B moves in July: SKP-3 (Jan-Jun) under KEPALA, SKP-3b (Jul-Dec) under STAF_A.
    bundle_rows["skp"][2].update(periode_selesai="2025-06-30")
    bundle_rows["skp"].append(skp("SKP-3b", STAF_B, STAF_A, mulai="2025-07-01"))
    bundle_rows["rhk"].append(rhk("R3b", "SKP-3b", "R2"))
    assert cascade(tmp_path, bundle_rows) == {r: [] for r in RULES}
    # STAF_A is now a leader: a second Utama RHK of hers that nobody serves is flagged.
    bundle_rows["rhk"].append(rhk("R2b", "SKP-2", "R1"))
    assert cascade(tmp_path / "b", bundle_rows)["RHK_NOT_CASCADED"] == ["R2b"]


def test_a_leader_without_subordinates_is_not_flagged(tmp_path, bundle_rows):
    bundle_rows["rhk"].append(rhk("R2b", "SKP-2", "R1"))  # STAF_A leads nobody
    assert cascade(tmp_path, bundle_rows) == {r: [] for r in RULES}


def test_an_utama_rhk_that_intervenes_nothing_is_missing_except_at_the_top(tmp_path, bundle_rows):
    bundle_rows["rhk"].append(rhk("R3c", "SKP-3"))  # STAF_B's second Utama RHK, no link
    bundle_rows["rhk"].append(rhk("R3t", "SKP-3", jenis="Tambahan"))  # Tambahan: no link needed
    bundle_rows["rhk"].append(rhk("R1c", "SKP-1"))  # the top official's: nothing above
    bundle_rows["rhk"][1]["rhk_atasan_id"] = "R1c"  # (served, so not RHK_NOT_CASCADED)
    found = cascade(tmp_path, bundle_rows)
    assert found["CASCADE_MISSING"] == ["R3c"]
    assert found["CASCADE_BROKEN"] == [] and found["RHK_NOT_CASCADED"] == []


def test_details_name_the_rhk_the_leader_and_the_fix(tmp_path, bundle_rows):
    bundle_rows["rhk"][2]["rhk_atasan_id"] = "R2"
    bundle_rows["rhk"].append(rhk("R3c", "SKP-3", uraian="Terkelolanya arsip dinamis"))
    con, _ = stage_bundle(tmp_path, bundle_rows)
    build_findings(con)
    detail = dict(con.execute(
        "SELECT rule, detail FROM audit.temuan WHERE rule IN ('CASCADE_BROKEN', 'CASCADE_MISSING')"
    ).fetchall())
    assert detail["CASCADE_BROKEN"] == (
        "RHK 'Terkelolanya arsip kepegawaian' menunjuk RHK atasan R2 ('Tersusunnya dokumen analisis"
        f" jabatan') milik SKP NIP {STAF_A}, bukan penilai atau atasan pegawai ini ({NIP_KEPALA})."
        ' Perbaiki "RHK pimpinan yang diintervensi" agar menunjuk RHK dalam SKP penilai atau atasan'
        " pada tahun yang sama."
    )
    assert detail["CASCADE_MISSING"] == (
        "RHK Utama 'Terkelolanya arsip dinamis' tidak mengintervensi RHK pimpinan mana pun. Pilih"
        f' RHK penilai (NIP {NIP_KEPALA}) yang didukung RHK ini sebagai "RHK pimpinan yang'
        ' diintervensi".'
    )


def test_alignment_mart_counts_by_hand(tmp_path, bundle_rows):
    """Chain PPPK -> STAF_A -> KEPALA, STAF_B -> KEPALA, plus one unlinked Utama RHK of STAF_B.
    Unit U2 holds STAF_A (Fungsional), STAF_B (Pelaksana) and PPPK (Fungsional); KEPALA (U1) is
    the top official, whose RHK need no link."""
    from transforms.marts import build_marts

    bundle_rows["skp"].append(skp("SKP-4", PPPK, STAF_A))
    bundle_rows["rhk"].append(rhk("R4", "SKP-4", "R2"))
    bundle_rows["rhk"].append(rhk("R3c", "SKP-3"))
    con, _ = stage_bundle(tmp_path, bundle_rows)
    build_marts(con)
    rows = {
        (u, j): rest for u, j, *rest in con.execute(
            "SELECT unor_id, jenis_jabatan, rhk_utama_wajib, rhk_utama_terhubung, sampai_puncak,"
            " kedalaman_total, langsung, tidak_langsung, rhk_pimpinan, rhk_pimpinan_diintervensi"
            " FROM mart.keselarasan").fetchall()
    }
    # KEPALA: R1 needs no link; as a leader, R1 is intervened (by R2 and R3).
    assert rows[("U1", "JPT Pratama")] == [0, 0, 0, 0, 0, 0, 1, 1]
    # STAF_A: R2 -> R1 (1 step to the top, direct); she leads PPPK, who intervenes R2.
    # PPPK: R4 -> R2 -> R1 (2 steps, direct).
    assert rows[("U2", "Fungsional")] == [2, 2, 2, 3, 2, 0, 1, 1]
    # STAF_B: R3 -> R1 (non-direct in the base bundle), R3c intervenes nothing.
    assert rows[("U2", "Pelaksana")] == [2, 1, 1, 1, 0, 1, 0, 0]


def test_an_rhk_copied_from_the_leader_is_an_info_finding(tmp_path, bundle_rows):
    # STAF_A copies KEPALA's R1 (case and punctuation aside); STAF_B narrows it into her own output.
    bundle_rows["rhk"][1]["uraian"] = "MENINGKATNYA KUALITAS LAYANAN KEPEGAWAIAN."
    bundle_rows["rhk"][2]["uraian"] = "Tersusunnya 12 laporan verifikasi usulan kenaikan pangkat"
    con, _ = stage_bundle(tmp_path, bundle_rows)
    build_findings(con)
    found = con.execute(
        "SELECT subjek_id, keparahan, detail FROM audit.temuan WHERE rule = 'RHK_COPIED'").fetchall()
    assert [(s, k) for s, k, _ in found] == [("R2", "info")]
    assert found[0][2].startswith(
        "RHK 'MENINGKATNYA KUALITAS LAYANAN KEPEGAWAIAN.' hampir sama dengan RHK pimpinan R1 yang"
        " diintervensinya ('Meningkatnya kualitas layanan kepegawaian'; kemiripan 1")
