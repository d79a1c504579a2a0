"""The e-Kinerja export contract (shared/data-contract.md) as data.

Every other module — the sample generator, the readers, the normalisation SQL builder, the
findings — reads tables, columns, enums, aliases, keys and references from here, so the
contract is written down exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["str", "int", "num", "date", "enum", "nip", "periode"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool = True
    enum: str | None = None  # key into ENUMS for type "enum"


@dataclass(frozen=True)
class Reference:
    """A row's column(s) pointing at another table's key.

    ``hard`` references quarantine the row when the target is missing (the row cannot be used);
    soft references only raise an ORPHAN_REFERENCE finding and keep the row.
    """

    columns: tuple[str, ...]
    table: str
    target_columns: tuple[str, ...]
    hard: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    optional: bool = False
    label: str = ""  # Indonesian label for people

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")


# Canonical enum values (first = canonical spelling) and their aliases (§3).
ENUMS: dict[str, tuple[str, ...]] = {
    "jenis_asn": ("PNS", "PPPK"),
    "jenis_jabatan": (
        "JPT Utama",
        "JPT Madya",
        "JPT Pratama",
        "Administrator",
        "Pengawas",
        "Pelaksana",
        "Fungsional",
    ),
    "jenjang": (
        "Pemula",
        "Terampil",
        "Mahir",
        "Penyelia",
        "Ahli Pertama",
        "Ahli Muda",
        "Ahli Madya",
        "Ahli Utama",
    ),
    "pendekatan": ("Kuantitatif", "Kualitatif"),
    "status_skp": ("Draft", "Diajukan", "Disetujui", "Ditolak"),
    "jenis_rhk": ("Utama", "Tambahan"),
    "jenis_cascading": ("Langsung", "Tidak Langsung"),
    "perspektif": ("Penerima Layanan", "Penguatan Internal", "Anggaran", "Proses Bisnis"),
    "aspek": ("Kuantitas", "Kualitas", "Waktu", "Biaya"),
    "jenis_bukti": ("Tautan", "Berkas"),
    "rating": ("Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"),
    "predikat": ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"),
    "nilai_dasar": (
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ),
    "predikat_organisasi": ("Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"),
    "kategori_potensi": ("Rendah", "Menengah", "Tinggi"),
    "status_penilai": ("ASN", "NON ASN"),
}

ALIASES: dict[str, dict[str, str]] = {
    "rating": {
        "Diatas Ekspektasi": "Di Atas Ekspektasi",
        "Dibawah Ekspektasi": "Di Bawah Ekspektasi",
    },
    "predikat": {
        "Cukup": "Butuh Perbaikan",
        "Cukup/Butuh Perbaikan": "Butuh Perbaikan",
        "Kurang": "Kurang/Misconduct",
        "Misconduct": "Kurang/Misconduct",
    },
    "jenis_cascading": {
        "Direct Cascading": "Langsung",
        "Non Direct Cascading": "Tidak Langsung",
    },
    "status_penilai": {"NONASN": "NON ASN", "NON-ASN": "NON ASN"},
}


def enum_key(value: str) -> str:
    """Comparison key for enum values: case- and space-insensitive (§3)."""
    return "".join(value.split()).lower()


def enum_lookup(enum: str) -> dict[str, str]:
    """Map of comparison key -> canonical value for one enum, aliases included."""
    out = {enum_key(v): v for v in ENUMS[enum]}
    out.update({enum_key(a): c for a, c in ALIASES.get(enum, {}).items()})
    return out


# PermenPANRB 6/2022 matrix: (rating hasil kerja, rating perilaku kerja) -> predikat.
PREDIKAT_MATRIX: dict[tuple[str, str], str] = {
    ("Di Atas Ekspektasi", "Di Bawah Ekspektasi"): "Kurang/Misconduct",
    ("Di Atas Ekspektasi", "Sesuai Ekspektasi"): "Baik",
    ("Di Atas Ekspektasi", "Di Atas Ekspektasi"): "Sangat Baik",
    ("Sesuai Ekspektasi", "Di Bawah Ekspektasi"): "Kurang/Misconduct",
    ("Sesuai Ekspektasi", "Sesuai Ekspektasi"): "Baik",
    ("Sesuai Ekspektasi", "Di Atas Ekspektasi"): "Baik",
    ("Di Bawah Ekspektasi", "Di Bawah Ekspektasi"): "Sangat Kurang",
    ("Di Bawah Ekspektasi", "Sesuai Ekspektasi"): "Butuh Perbaikan",
    ("Di Bawah Ekspektasi", "Di Atas Ekspektasi"): "Butuh Perbaikan",
}


def _c(name: str, type_: ColumnType, required: bool = True, enum: str | None = None) -> Column:
    return Column(name, type_, required, enum)


def _ref(cols: str, table: str, target: str, hard: bool = True) -> Reference:
    return Reference(tuple(cols.split(",")), table, tuple(target.split(",")), hard)


TABLES: tuple[Table, ...] = (
    Table(
        "unit_kerja",
        (
            _c("unor_id", "str"),
            _c("unor_nama", "str"),
            _c("unor_induk_id", "str", False),
            _c("instansi_id", "str"),
            _c("instansi_nama", "str"),
            _c("nip_kepala", "nip", False),
        ),
        key=("unor_id",),
        references=(
            _ref("unor_induk_id", "unit_kerja", "unor_id"),
            _ref("nip_kepala", "pegawai", "nip", hard=False),
        ),
        label="Unit kerja",
    ),
    Table(
        "pegawai",
        (
            _c("nip", "nip"),
            _c("nama", "str"),
            _c("jenis_asn", "enum", enum="jenis_asn"),
            _c("golongan", "str", False),
            _c("jenis_jabatan", "enum", enum="jenis_jabatan"),
            _c("jabatan", "str"),
            _c("jenjang", "enum", False, "jenjang"),
            _c("unor_id", "str"),
            _c("nip_atasan", "nip", False),
        ),
        key=("nip",),
        references=(
            _ref("unor_id", "unit_kerja", "unor_id"),
            _ref("nip_atasan", "pegawai", "nip", hard=False),
        ),
        label="Pegawai",
    ),
    Table(
        "skp",
        (
            _c("skp_id", "str"),
            _c("nip", "nip"),
            _c("tahun", "int"),
            _c("periode_mulai", "date"),
            _c("periode_selesai", "date"),
            _c("pendekatan", "enum", enum="pendekatan"),
            _c("nip_penilai", "nip", False),
            _c("status", "enum", enum="status_skp"),
            _c("tanggal_persetujuan", "date", False),
            # Project extension (docs/kontrak.md): the JF jenjang the SKP was made for, so a
            # jenjang change within a year prorates angka kredit (docs/karier.md).
            _c("jenjang", "enum", False, "jenjang"),
        ),
        key=("skp_id",),
        references=(
            _ref("nip", "pegawai", "nip"),
            _ref("nip_penilai", "pegawai", "nip", hard=False),
        ),
        label="SKP",
    ),
    Table(
        "rhk",
        (
            _c("rhk_id", "str"),
            _c("skp_id", "str"),
            _c("jenis", "enum", enum="jenis_rhk"),
            _c("uraian", "str"),
            _c("rhk_atasan_id", "str", False),
            _c("jenis_cascading", "enum", False, "jenis_cascading"),
            _c("perspektif", "enum", False, "perspektif"),
        ),
        key=("rhk_id",),
        references=(_ref("skp_id", "skp", "skp_id"),),
        label="Rencana Hasil Kerja",
    ),
    Table(
        "indikator",
        (
            _c("indikator_id", "str"),
            _c("rhk_id", "str"),
            _c("aspek", "enum", False, "aspek"),
            _c("uraian", "str"),
            _c("target_min", "num", False),
            _c("target_max", "num", False),
            _c("satuan", "str", False),
            _c("target_teks", "str", False),
        ),
        key=("indikator_id",),
        references=(_ref("rhk_id", "rhk", "rhk_id"),),
        label="Indikator kinerja",
    ),
    Table(
        "realisasi",
        (
            _c("indikator_id", "str"),
            _c("periode", "periode"),
            _c("realisasi", "num", False),
            _c("realisasi_teks", "str", False),
            _c("umpan_balik", "str", False),
            _c("tanggal_input", "date", False),
        ),
        key=("indikator_id", "periode"),
        references=(_ref("indikator_id", "indikator", "indikator_id"),),
        label="Realisasi",
    ),
    Table(
        "bukti_dukung",
        (
            _c("bukti_id", "str"),
            _c("indikator_id", "str"),
            _c("periode", "periode"),
            _c("jenis", "enum", enum="jenis_bukti"),
            _c("lokasi", "str"),
            _c("tanggal_unggah", "date", False),
        ),
        key=("bukti_id",),
        references=(_ref("indikator_id", "indikator", "indikator_id"),),
        optional=True,
        label="Bukti dukung",
    ),
    Table(
        "penilaian",
        (
            _c("nip", "nip"),
            _c("tahun", "int"),
            _c("periode", "periode"),
            _c("nip_penilai", "nip"),
            _c("rating_hasil_kerja", "enum", enum="rating"),
            _c("rating_perilaku_kerja", "enum", enum="rating"),
            _c("predikat", "enum", enum="predikat"),
            _c("tanggal_penilaian", "date", False),
        ),
        key=("nip", "periode"),
        references=(
            _ref("nip", "pegawai", "nip"),
            _ref("nip_penilai", "pegawai", "nip", hard=False),
        ),
        label="Penilaian",
    ),
    Table(
        "perilaku",
        (
            _c("nip", "nip"),
            _c("tahun", "int"),
            _c("nilai_dasar", "enum", enum="nilai_dasar"),
            _c("ekspektasi_khusus", "str", False),
            _c("umpan_balik", "str", False),
        ),
        key=("nip", "tahun", "nilai_dasar"),
        references=(_ref("nip", "pegawai", "nip"),),
        optional=True,
        label="Perilaku kerja",
    ),
    Table(
        "kinerja_organisasi",
        (
            _c("unor_id", "str"),
            _c("tahun", "int"),
            _c("periode", "periode"),
            _c("predikat_organisasi", "enum", enum="predikat_organisasi"),
            _c("capaian_persen", "num", False),
        ),
        key=("unor_id", "periode"),
        references=(_ref("unor_id", "unit_kerja", "unor_id"),),
        label="Kinerja organisasi",
    ),
    Table(
        "potensi",
        (
            _c("nip", "nip"),
            _c("tahun", "int"),
            _c("kategori_potensi", "enum", enum="kategori_potensi"),
            _c("skor_potensi", "num", False),
        ),
        key=("nip", "tahun"),
        references=(_ref("nip", "pegawai", "nip"),),
        optional=True,
        label="Potensi",
    ),
    # SIASN rw-skp22 (§4), flattened by the reader into these columns.
    Table(
        "riwayat_skp",
        (
            _c("nip", "nip"),
            _c("tahun", "int"),
            _c("hasil_kinerja", "enum", False, "rating"),
            _c("perilaku_kerja", "enum", False, "rating"),
            _c("predikat", "enum", enum="predikat"),
            _c("nip_penilai", "nip", False),
            _c("nama_penilai", "str", False),
            _c("penilai_unor_nama", "str", False),
            _c("penilai_jabatan_nama", "str", False),
            _c("status_penilai", "enum", False, "status_penilai"),
        ),
        key=("nip", "tahun"),
        references=(),
        optional=True,
        label="Riwayat SKP (SIASN)",
    ),
)

TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
REQUIRED_TABLES: tuple[str, ...] = tuple(t.name for t in TABLES if not t.optional)

# SIASN rw-skp22 JSON keys -> riwayat_skp columns (§4).
SIASN_FIELDS: dict[str, str] = {
    "nip": "nip",
    "tahun": "tahun",
    "hasilKinerja": "hasil_kinerja",
    "perilakuKerja": "perilaku_kerja",
    "kuadranKinerja": "predikat",
    "nipNrpPenilai": "nip_penilai",
    "namaPenilai": "nama_penilai",
    "penilaiUnorNm": "penilai_unor_nama",
    "penilaiJabatanNm": "penilai_jabatan_nama",
    "statusPenilai": "status_penilai",
}

INDONESIAN_MONTHS: dict[str, int] = {
    "januari": 1,
    "februari": 2,
    "pebruari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "nopember": 11,
    "desember": 12,
}

Severity = Literal["info", "peringatan", "kritis"]


@dataclass(frozen=True)
class Rule:
    id: str
    tingkat: str
    keparahan: Severity
    description: str  # Indonesian, for docs and dashboards
    katalog: bool = True  # in contract §5's catalogue (False: added by the project, docs/temuan.md)


RULES: tuple[Rule, ...] = (
    Rule("NIP_INVALID", "row", "kritis", "NIP tidak 18 digit, bagian tanggal mustahil, digit jenis kelamin bukan 1/2, atau rusak oleh Excel."),
    Rule("DUPLICATE_KEY", "row", "kritis", "Kunci yang sama muncul lebih dari sekali dalam satu tabel."),
    Rule("ORPHAN_REFERENCE", "row", "kritis", "Baris merujuk id yang tidak ada dalam bundel."),
    Rule("PREDIKAT_MISMATCH", "pegawai", "kritis", "Predikat berbeda dari matriks PermenPANRB 6/2022 atas dua rating."),
    Rule("EVIDENCE_MISSING", "indikator", "peringatan", "Realisasi dilaporkan untuk suatu periode tanpa bukti dukung."),
    Rule("INDICATOR_UNMEASURABLE", "indikator", "peringatan", "Indikator tidak terukur: tanpa ukuran kuantitas/kualitas/waktu/biaya dan tanpa target angka."),
    Rule("TARGET_UNREALISTIC", "indikator", "peringatan", "Target kosong atau nol, rentang terbalik, atau realisasi jauh dari target."),
    Rule("CASCADE_BROKEN", "rhk", "kritis", "rhk_atasan_id menunjuk RHK yang tidak ada atau bukan milik SKP penilai/atasan."),
    Rule("CASCADE_MISSING", "rhk", "peringatan", "RHK Utama (bukan JPT tertinggi) tidak mengintervensi RHK atasan mana pun."),
    Rule("RHK_NOT_CASCADED", "rhk", "info", "RHK Utama atasan tidak diintervensi oleh bawahan mana pun."),
    Rule("SKP_WITHOUT_UTAMA", "skp", "kritis", "SKP tanpa satu pun RHK Utama."),
    Rule("RHK_COPIED", "rhk", "info", "RHK disalin (hampir) persis dari RHK pimpinan yang diintervensinya, atau sama persis dengan RHK sebagian besar bawahan lain pimpinan yang sama: SKP sebagai formalitas.", katalog=False),
    Rule("DISTRIBUTION_OUT_OF_BOUNDS", "unit", "peringatan", "Distribusi predikat unit melanggar batas SE MenPANRB 3/2023 untuk predikat organisasinya."),
    Rule("UNIT_OUTLIER_HIGH", "unit", "peringatan", "Proporsi predikat teratas unit di luar batas funnel yang disesuaikan over-dispersi."),
    Rule("UNIT_OUTLIER_LOW", "unit", "peringatan", "Proporsi predikat terbawah unit di luar batas funnel yang disesuaikan over-dispersi."),
    Rule("EVALUATOR_LENIENT", "penilai", "peringatan", "Penilai menilai lebih tinggi secara sistematis daripada yang didukung bukti dan rekan."),
    Rule("EVALUATOR_SEVERE", "penilai", "peringatan", "Penilai menilai lebih rendah secara sistematis daripada yang didukung bukti dan rekan."),
    Rule("EVALUATOR_CENTRAL_TENDENCY", "penilai", "peringatan", "Penilai memberi (hampir) semua orang rating tengah tanpa memandang bukti."),
    Rule("RATING_EVIDENCE_DISCORDANT", "pegawai", "peringatan", "Rating Di Atas Ekspektasi dengan realisasi jauh di bawah target atau tanpa bukti (atau Di Bawah padahal target tercapai)."),
)

RULE_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
