"""RHK copied from the leader's RHK (issue 9): hand-built pairs with the expected verdict.

Each pair is (leader's RHK, employee's RHK, copied?). The verdicts were written from what the
texts say, not read off the function: a copy repeats the leader's goal with nothing of the
employee's own (case, punctuation, a typo, a unit name, a period or a decorative word aside); a
genuine cascade names the employee's own output, even when it shares the topic words.
"""

from __future__ import annotations

import math
import re

import polars as pl
import pytest

import transforms.quality.similarity as sim
from transforms.quality.similarity import (
    COPY_THRESHOLD,
    copies,
    is_copy,
    normalise_rhk,
    similarity,
)

LAYANAN = "Meningkatnya kualitas layanan kepegawaian"
KEUANGAN = "Terwujudnya pengelolaan keuangan daerah yang transparan dan akuntabel"

# (id, leader, employee, copied?)
EXACT = [
    ("kepeg-titik", LAYANAN, "meningkatnya kualitas layanan kepegawaian.", True),
    ("kepeg-spasi", "Meningkatnya Kualitas Layanan Kepegawaian",
     "  MENINGKATNYA   kualitas layanan-kepegawaian ", True),
    ("kepeg-yg", "Tersusunnya dokumen analisis jabatan yang akurat",
     "Tersusunnya dokumen analisis jabatan yg akurat", True),
    ("keu-ampersand", KEUANGAN,
     "Terwujudnya pengelolaan keuangan daerah yang transparan & akuntabel", True),
    ("teknis-titik", "Meningkatnya kualitas infrastruktur jalan kabupaten",
     "Meningkatnya kualitas infrastruktur jalan kabupaten.", True),
    ("guru-tipografi", "Meningkatnya mutu pembelajaran di satuan pendidikan",
     "Meningkatnya \u201cmutu\u201d pembelajaran di satuan\u00a0pendidikan", True),
    ("kes-lebar-penuh", "Menurunnya angka stunting pada balita",
     "\uff2d\uff45\uff4e\uff55\uff52\uff55\uff4e\uff4e\uff59\uff41 angka stunting pada balita",
     True),
]
NEAR = [
    # a unit name, a place or a period appended
    ("kepeg-bkpsdm", LAYANAN, "Meningkatnya Kualitas Layanan Kepegawaian di BKPSDM", True),
    ("kepeg-bidang", LAYANAN,
     "Meningkatnya kualitas layanan kepegawaian pada Bidang Mutasi dan Promosi", True),
    ("kepeg-badan-panjang", LAYANAN,
     "Meningkatnya kualitas layanan kepegawaian di Badan Kepegawaian dan Pengembangan Sumber"
     " Daya Manusia Kabupaten Sleman", True),
    ("kepeg-merit-pemkab", "Terwujudnya manajemen ASN berbasis sistem merit",
     "Terwujudnya manajemen ASN berbasis sistem merit di lingkungan Pemerintah Kabupaten Sleman",
     True),
    ("keu-bpkad", KEUANGAN,
     "Terwujudnya pengelolaan keuangan daerah yang transparan dan akuntabel pada Badan"
     " Pengelolaan Keuangan dan Aset Daerah", True),
    ("keu-tahun", "Tercapainya opini WTP atas laporan keuangan pemerintah daerah",
     "Tercapainya opini WTP atas Laporan Keuangan Pemerintah Daerah Tahun 2025", True),
    ("guru-sd", "Meningkatnya mutu pembelajaran",
     "Meningkatnya mutu pembelajaran di SD Negeri 2 Depok", True),
    ("kes-puskesmas", "Meningkatnya derajat kesehatan masyarakat",
     "meningkatnya derajat kesehatan masyarakat di wilayah kerja Puskesmas Depok I", True),
    ("teknis-kecamatan", "Meningkatnya produktivitas tanaman pangan",
     "Meningkatnya produktivitas tanaman pangan di Kecamatan Prambanan", True),
    # a typo (or a missing space)
    ("kepeg-typo", LAYANAN, "Meningkatnya kualitas layanan kepegawain", True),
    ("keu-typo", KEUANGAN,
     "Terwujudnya pengelolan keuangan daerah yang transparan dan akuntable", True),
    ("guru-typo", "Meningkatnya mutu pembelajaran", "Meningkatnya mutu pembelajran", True),
    ("kes-typo", "Menurunnya angka stunting pada balita",
     "Menurunnya angka stanting pada balita", True),
    ("teknis-typo", "Terwujudnya tata kelola sistem pemerintahan berbasis elektronik",
     "Terwujudnya tata kelola sistem pemerintahan berbasis elektronk", True),
    ("teknis-spasi-hilang", "Terselenggaranya layanan jaringan intranet pemerintah daerah",
     "Terselenggaranya layananjaringan intranet pemerintah daerah", True),
    # another opening verb, decorative words
    ("kepeg-kata-kerja", LAYANAN, "Terwujudnya kualitas layanan kepegawaian", True),
    ("kepeg-prima", LAYANAN, "Meningkatnya kualitas layanan kepegawaian yang prima", True),
    ("kepeg-efektif", "Terlaksananya pengembangan kompetensi ASN",
     "Terlaksananya pengembangan kompetensi ASN secara efektif dan efisien", True),
    ("kes-bayi", "Meningkatnya cakupan imunisasi dasar lengkap",
     "Meningkatnya cakupan imunisasi dasar lengkap pada bayi", True),
]
CASCADES = [
    ("kepeg-kenaikan-pangkat", LAYANAN,
     "Tersusunnya 12 laporan verifikasi usulan kenaikan pangkat tepat waktu", False),
    ("kepeg-mutasi", LAYANAN, "Meningkatnya kualitas layanan mutasi kepegawaian", False),
    ("kepeg-melalui", LAYANAN,
     "Meningkatnya kualitas layanan kepegawaian melalui verifikasi berkas usulan mutasi", False),
    ("kepeg-bidang-melalui", LAYANAN,
     "Meningkatnya kualitas layanan kepegawaian pada Bidang Mutasi melalui verifikasi 150"
     " berkas usulan", False),
    ("kepeg-pensiun", "Terwujudnya manajemen ASN berbasis sistem merit",
     "Terverifikasinya 150 berkas usulan pensiun ASN sesuai ketentuan", False),
    ("kepeg-abk", "Tersusunnya dokumen analisis jabatan",
     "Tersusunnya dokumen analisis beban kerja", False),
    ("keu-lra", KEUANGAN, "Tersusunnya laporan realisasi anggaran semesteran tepat waktu", False),
    ("keu-spm", "Meningkatnya kualitas pengelolaan keuangan daerah",
     "Terverifikasinya 1.200 SPM-LS belanja pegawai dalam 2 hari kerja", False),
    ("keu-semesteran", "Meningkatnya kualitas pengelolaan keuangan daerah",
     "Tersusunnya laporan keuangan daerah semesteran tepat waktu", False),
    ("keu-pajak", "Meningkatnya pendapatan asli daerah",
     "Meningkatnya kepatuhan wajib pajak hotel dan restoran", False),
    ("keu-dpa", "Tersedianya dokumen perencanaan anggaran",
     "Tersedianya dokumen pelaksanaan anggaran", False),
    ("guru-perangkat", "Meningkatnya mutu pembelajaran",
     "Tersusunnya 2 perangkat pembelajaran berdiferensiasi untuk kelas V", False),
    ("guru-nilai", "Meningkatnya hasil belajar peserta didik",
     "Meningkatnya rata-rata nilai ulangan matematika siswa kelas VII menjadi 78", False),
    ("kes-posyandu", "Meningkatnya cakupan imunisasi dasar lengkap",
     "Terlaksananya 24 sesi posyandu imunisasi di 6 desa binaan", False),
    ("kes-aki", "Menurunnya angka stunting pada balita", "Menurunnya angka kematian ibu", False),
    ("teknis-ruas", "Meningkatnya kualitas infrastruktur jalan kabupaten",
     "Terlaksananya pemeliharaan rutin 45 km ruas jalan kabupaten", False),
    ("teknis-poktan", "Meningkatnya produktivitas tanaman pangan",
     "Terlaksananya pendampingan 20 kelompok tani padi dalam penerapan pupuk berimbang", False),
    ("teknis-srikandi", "Terwujudnya tata kelola sistem pemerintahan berbasis elektronik",
     "Tersedianya aplikasi e-arsip yang terintegrasi dengan SRIKANDI", False),
]
BOILERPLATE_ONLY = [
    ("bp-tersusunnya", "Tersusunnya dokumen analisis jabatan",
     "Tersusunnya laporan keuangan bulanan", False),
    ("bp-terlaksananya", "Terlaksananya kegiatan sosialisasi pencegahan narkoba",
     "Terlaksananya kegiatan pelaksanaan evaluasi kinerja pegawai", False),
    ("bp-tepat-waktu", "Tersusunnya dokumen perencanaan yang tepat waktu dan sesuai ketentuan",
     "Tersusunnya laporan kepegawaian yang tepat waktu dan sesuai ketentuan", False),
    ("bp-kualitas-layanan", LAYANAN, "Meningkatnya kualitas layanan kesehatan", False),
    ("bp-mutu-pelayanan", "Meningkatnya mutu pelayanan kesehatan",
     "Meningkatnya mutu pelayanan kepegawaian", False),
    ("bp-akreditasi", "Terlaksananya akreditasi puskesmas", "Terlaksananya akreditasi sekolah",
     False),
]
DIFFERENT = [
    ("beda-sarpras", "Tersedianya sarana prasarana kantor yang memadai",
     "Menurunnya angka kematian ibu dan bayi", False),
    ("beda-guru-keu", "Meningkatnya mutu pembelajaran", "Tersusunnya laporan keuangan daerah",
     False),
]
EMPTY = [
    ("kosong-none", None, None, False),
    ("kosong-satu", LAYANAN, None, False),
    ("kosong-string", "", LAYANAN, False),
    ("kosong-tanda-baca", " ... - ", " ... - ", False),
]
PAIRS = EXACT + NEAR + CASCADES + BOILERPLATE_ONLY + DIFFERENT + EMPTY
REASON = re.compile(r"(hampir sama|berbeda) \(kemiripan \d,\d\d\)")


def ids(pairs: list[tuple]) -> list[str]:
    return [p[0] for p in pairs]


def test_the_pairs_are_many_and_distinct() -> None:
    assert len(PAIRS) >= 30
    assert len(set(ids(PAIRS))) == len(PAIRS)


@pytest.mark.parametrize(("name", "leader", "employee", "expected"), PAIRS, ids=ids(PAIRS))
def test_verdict(name: str, leader: str | None, employee: str | None, expected: bool) -> None:
    copied, score, reason = is_copy(employee, leader)
    assert copied is expected, (score, reason)
    assert 0.0 <= score <= 1.0
    assert copied == (score >= COPY_THRESHOLD)


@pytest.mark.parametrize(("name", "leader", "employee", "expected"), EXACT, ids=ids(EXACT))
def test_exact_copies_are_equal_after_normalisation(
    name: str, leader: str, employee: str, expected: bool
) -> None:
    assert normalise_rhk(leader) == normalise_rhk(employee)
    assert is_copy(employee, leader) == (True, 1.0, "sama persis setelah normalisasi")


def test_reasons() -> None:
    assert is_copy(LAYANAN, "Meningkatnya kualitas layanan kepegawain")[2] == (
        "hampir sama (kemiripan 0,97)"
    )
    for _, leader, employee, _ in NEAR + CASCADES:
        copied, _, reason = is_copy(employee, leader)
        assert REASON.fullmatch(reason)
        assert reason.startswith("hampir sama" if copied else "berbeda")


@pytest.mark.parametrize(("name", "leader", "employee", "expected"), EMPTY, ids=ids(EMPTY))
def test_empty_texts(name: str, leader: str | None, employee: str | None, expected: bool) -> None:
    assert is_copy(employee, leader) == (False, 0.0, "teks kosong")
    assert similarity(employee, leader) == 0.0


def test_boilerplate_alone_is_not_similar() -> None:
    assert similarity("Tersusunnya dokumen analisis jabatan", "Tersusunnya laporan keuangan") < 0.1
    assert similarity("Terlaksananya kegiatan di Bidang Mutasi", "Terlaksananya rapat") < 0.5


def test_similarity_is_symmetric() -> None:
    for _, leader, employee, _ in NEAR[:6] + CASCADES[:6]:
        assert similarity(leader, employee) == similarity(employee, leader)


def test_normalise_rhk() -> None:
    assert normalise_rhk(None) == ""
    assert normalise_rhk("  Tersusunnya   dokumen ANJAB,  yg akurat.  ") == (
        "tersusunnya dokumen anjab yang akurat"
    )
    assert normalise_rhk("Koordinasi dgn OPD thd laporan dlm rapat & evaluasi") == (
        "koordinasi dengan opd terhadap laporan dalam rapat dan evaluasi"
    )
    # typographic variants: curly quotes, dashes, no-break space, soft hyphen, full width, NFKC
    assert normalise_rhk("\u201cLayanan\u201d \u2013 kepega\u00adwaian\u00a0prima") == (
        "layanan kepegawaian prima"
    )
    assert normalise_rhk("\uff2c\uff21\uff39\uff21\uff2e\uff21\uff2e \ufb01le") == "layanan file"
    assert normalise_rhk("Jum\u2019at bersih") == normalise_rhk("Jum'at bersih") == "jumat bersih"
    assert normalise_rhk("Rp 1.200.000") == "rp 1200000"
    assert normalise_rhk("hayya yg yg") == "hayya yang yang"  # whole words only, adjacent too


def frame_of(pairs: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "id": [p[0] for p in pairs],
            "rhk": [p[2] for p in pairs],
            "rhk_atasan": [p[1] for p in pairs],
        },
        schema={"id": pl.String, "rhk": pl.String, "rhk_atasan": pl.String},
    )


def test_copies_agrees_with_is_copy() -> None:
    # every pair, both ways round, and repeated (copies scores each distinct pair once)
    swapped = [(f"{n}-balik", employee, leader, e) for n, leader, employee, e in PAIRS]
    frame = frame_of(PAIRS + swapped + PAIRS[:5])
    out = copies(frame, "rhk", "rhk_atasan")
    assert out.columns == [*frame.columns, "kemiripan", "salinan"]
    assert out.schema["kemiripan"] == pl.Float64 and out.schema["salinan"] == pl.Boolean
    assert out.select(frame.columns).equals(frame)  # rows and their order are kept
    expected = {n: e for n, _, _, e in PAIRS + swapped}
    for name, employee, leader, score, copied in out.iter_rows():
        assert (copied, score) == is_copy(employee, leader)[:2], name
        assert copied is expected[name], name


def test_threshold_is_inclusive(monkeypatch: pytest.MonkeyPatch) -> None:
    assert 0.0 < COPY_THRESHOLD < 1.0
    a, b = LAYANAN, "Tersusunnya 12 laporan verifikasi usulan kenaikan pangkat"
    monkeypatch.setattr(sim, "similarity", lambda _a, _b: COPY_THRESHOLD)
    assert is_copy(a, b) == (True, COPY_THRESHOLD, "hampir sama (kemiripan 0,90)")
    just_under = math.nextafter(COPY_THRESHOLD, 0.0)
    monkeypatch.setattr(sim, "similarity", lambda _a, _b: just_under)
    assert is_copy(a, b) == (False, just_under, "berbeda (kemiripan 0,89)")
    # the reason never rounds a score under the threshold up to it
    monkeypatch.setattr(sim, "similarity", lambda _a, _b: 0.8999)
    assert is_copy(a, b)[2] == "berbeda (kemiripan 0,89)"


def test_threshold_separates_the_closest_pairs() -> None:
    """The documented threshold sits between the nearest copies and the nearest cascades."""
    nearest_copies = [
        (LAYANAN, NEAR[2][2]),  # "... di Badan Kepegawaian dan ... Kabupaten Sleman"
        ("Meningkatnya cakupan imunisasi dasar lengkap", NEAR[-1][2]),  # "... pada bayi"
    ]
    nearest_cascade = (LAYANAN, "Meningkatnya kualitas layanan mutasi kepegawaian")
    for a, b in nearest_copies:
        assert COPY_THRESHOLD <= similarity(a, b) < COPY_THRESHOLD + 0.02
    assert COPY_THRESHOLD - 0.02 < similarity(*nearest_cascade) < COPY_THRESHOLD
    frame = pl.DataFrame({"a": [p[0] for p in nearest_copies], "b": [p[1] for p in nearest_copies]})
    scored = copies(frame, "a", "b")
    assert scored["salinan"].to_list() == [True, True]
    assert (scored["kemiripan"] >= COPY_THRESHOLD).all()
