"""A national sample: one zipped single-instansi bundle per instansi (546 regional governments
and about 80 central agencies for 6,000,000 ASN), written one instansi at a time.

``write_national_sample(out, employees, seed)`` plans the set (names, kinds, skewed sizes
summing exactly to ``employees``; deterministic from the seed), then writes every bundle that is
not complete yet: the generator streams it into ``out/<stem>.sementara/``, the folder is zipped
(ZIP_DEFLATED) to a temporary name there, the key and decoy files and then the zip are renamed
into place (``out/<nn>-<slug>.zip`` only exists once complete), and the folder is removed. A
killed run is restarted with the same call. ``out/nasional.csv`` indexes the set.

Across the set, instansi ids, instansi names and NIPs are distinct: the ids carry the bundle
number, names come from the real provinces, kabupaten/kota and central agencies (numbered when
the vocabulary runs out), and each bundle draws its NIP sequence numbers from its own range.
"""

from __future__ import annotations

import csv
import fcntl
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from json.encoder import encode_basestring as _enc  # type: ignore[attr-defined]
from pathlib import Path

from transforms.atomic import fsync_dir
from transforms.sample import nip as nipmod
from transforms.sample.context import Superior, UnitCtx
from transforms.sample.generator import Generator
from transforms.sample.org import Instansi
from transforms.sample.people import Person

__all__ = [
    "BundleEvent",
    "DiskSpaceError",
    "NationalSampleError",
    "NationalSummary",
    "PlannedBundle",
    "estimate_bytes",
    "plan_national",
    "write_national_sample",
]

NATIONAL_EMPLOYEES = 6_000_000
NATIONAL_INSTANSI = 626
MAX_INSTANSI = 999  # each bundle needs its own NIP sequence numbers (3 digits)
KIND_SHARE = {"kabupaten": 415, "kota": 93, "provinsi": 38, "pusat": 80}  # 546 pemda + 80 pusat
INDEX = "nasional.csv"
INDEX_HEADER = ("file", "instansi_id", "nama", "employees", "bytes")
PLAN = "nasional.rencana.json"
LOCK = ".nasional.lock"
TEMP = ".sementara"
PLAN_VERSION = 1
# Disk need of one bundle while it is written: the folder (~13.8 KB per employee), its zip
# (~1.3 KB) and the key files (~0.03 KB), with about 10 % to spare; plus a floor left free.
BYTES_PER_EMPLOYEE = 16_500
FIXED_BYTES = 4 << 20
RESERVE_BYTES = 256 << 20


class NationalSampleError(Exception):
    """A problem the user can fix; the message is Indonesian."""


class DiskSpaceError(NationalSampleError):
    """Writing the next bundle would fill the disk."""


# --------------------------------------------------------------------------------- vocabulary
# province: (region of the personal names, nominal ASN of the provincial government,
#            kabupaten, kota)
# fmt: off
_PROVINSI: dict[str, tuple[str, int, tuple[str, ...], tuple[str, ...]]] = {
    "Aceh": ("minang", 30_000, ("Aceh Besar", "Pidie", "Aceh Utara", "Aceh Tengah", "Bireuen",
        "Aceh Barat", "Aceh Selatan", "Aceh Timur", "Nagan Raya", "Gayo Lues"),
        ("Banda Aceh", "Lhokseumawe", "Langsa", "Sabang")),
    "Sumatera Utara": ("batak", 42_000, ("Deli Serdang", "Langkat", "Karo", "Simalungun", "Asahan",
        "Labuhanbatu", "Tapanuli Utara", "Tapanuli Selatan", "Toba", "Samosir", "Dairi", "Nias",
        "Serdang Bedagai", "Humbang Hasundutan", "Mandailing Natal"),
        ("Medan", "Pematangsiantar", "Binjai", "Tebing Tinggi", "Sibolga", "Padangsidimpuan")),
    "Sumatera Barat": ("minang", 24_000, ("Agam", "Tanah Datar", "Solok", "Pesisir Selatan",
        "Padang Pariaman", "Lima Puluh Kota", "Pasaman", "Sijunjung", "Dharmasraya"),
        ("Padang", "Bukittinggi", "Payakumbuh", "Pariaman", "Sawahlunto", "Padang Panjang",
            "Solok")),
    "Riau": ("minang", 24_000, ("Kampar", "Bengkalis", "Indragiri Hilir", "Indragiri Hulu",
        "Rokan Hulu", "Rokan Hilir", "Pelalawan", "Siak", "Kuantan Singingi"),
        ("Pekanbaru", "Dumai")),
    "Kepulauan Riau": ("minang", 12_000, ("Bintan", "Karimun", "Lingga", "Natuna",
        "Kepulauan Anambas"),
        ("Batam", "Tanjungpinang")),
    "Jambi": ("minang", 17_000, ("Muaro Jambi", "Batanghari", "Bungo", "Tebo", "Merangin",
        "Sarolangun", "Kerinci", "Tanjung Jabung Barat", "Tanjung Jabung Timur"),
        ("Jambi", "Sungai Penuh")),
    "Bengkulu": ("minang", 13_000, ("Rejang Lebong", "Bengkulu Utara", "Bengkulu Selatan", "Kaur",
        "Seluma", "Mukomuko", "Lebong", "Kepahiang", "Bengkulu Tengah"),
        ("Bengkulu",)),
    "Sumatera Selatan": ("minang", 26_000, ("Ogan Komering Ulu", "Ogan Komering Ilir", "Muara Enim",
        "Lahat", "Musi Rawas", "Musi Banyuasin", "Banyuasin", "Ogan Ilir", "Empat Lawang"),
        ("Palembang", "Prabumulih", "Pagar Alam", "Lubuklinggau")),
    "Kepulauan Bangka Belitung": ("minang", 11_000, ("Bangka", "Belitung", "Bangka Barat",
        "Bangka Tengah", "Bangka Selatan", "Belitung Timur"),
        ("Pangkalpinang",)),
    "Lampung": ("jawa", 26_000, ("Lampung Selatan", "Lampung Tengah", "Lampung Utara",
        "Lampung Barat", "Lampung Timur", "Tanggamus", "Way Kanan", "Tulang Bawang", "Pesawaran",
        "Pringsewu"),
        ("Bandar Lampung", "Metro")),
    "Banten": ("sunda", 24_000, ("Serang", "Pandeglang", "Lebak", "Tangerang"),
        ("Tangerang", "Cilegon", "Serang", "Tangerang Selatan")),
    "DKI Jakarta": ("jawa", 78_000, (), ()),
    "Jawa Barat": ("sunda", 84_000, ("Bogor", "Sukabumi", "Cianjur", "Bandung", "Garut",
        "Tasikmalaya", "Ciamis", "Kuningan", "Cirebon", "Majalengka", "Sumedang", "Indramayu",
        "Subang", "Purwakarta", "Karawang", "Bekasi", "Bandung Barat", "Pangandaran"),
        ("Bogor", "Sukabumi", "Bandung", "Cirebon", "Bekasi", "Depok", "Cimahi", "Tasikmalaya",
            "Banjar")),
    "Jawa Tengah": ("jawa", 72_000, ("Cilacap", "Banyumas", "Purbalingga", "Banjarnegara",
        "Kebumen", "Purworejo", "Wonosobo", "Magelang", "Boyolali", "Klaten", "Sukoharjo",
        "Wonogiri", "Karanganyar", "Sragen", "Grobogan", "Blora", "Rembang", "Pati", "Kudus",
        "Jepara", "Demak", "Semarang", "Temanggung", "Kendal", "Batang", "Pekalongan", "Pemalang",
        "Tegal", "Brebes"),
        ("Magelang", "Surakarta", "Salatiga", "Semarang", "Pekalongan", "Tegal")),
    "Daerah Istimewa Yogyakarta": ("jawa", 12_000, ("Sleman", "Bantul", "Kulon Progo",
        "Gunungkidul"),
        ("Yogyakarta",)),
    "Jawa Timur": ("jawa", 78_000, ("Pacitan", "Ponorogo", "Trenggalek", "Tulungagung", "Blitar",
        "Kediri", "Malang", "Lumajang", "Jember", "Banyuwangi", "Bondowoso", "Situbondo",
        "Probolinggo", "Pasuruan", "Sidoarjo", "Mojokerto", "Jombang", "Nganjuk", "Madiun",
        "Magetan", "Ngawi", "Bojonegoro", "Tuban", "Lamongan", "Gresik", "Bangkalan", "Sampang",
        "Pamekasan", "Sumenep"),
        ("Kediri", "Blitar", "Malang", "Probolinggo", "Pasuruan", "Mojokerto", "Madiun", "Surabaya",
            "Batu")),
    "Bali": ("jawa", 18_000, ("Badung", "Gianyar", "Tabanan", "Buleleng", "Jembrana", "Klungkung",
        "Bangli", "Karangasem"),
        ("Denpasar",)),
    "Nusa Tenggara Barat": ("bugis", 20_000, ("Lombok Barat", "Lombok Tengah", "Lombok Timur",
        "Lombok Utara", "Sumbawa", "Sumbawa Barat", "Dompu", "Bima"),
        ("Mataram", "Bima")),
    "Nusa Tenggara Timur": ("batak", 24_000, ("Kupang", "Timor Tengah Selatan",
        "Timor Tengah Utara", "Belu", "Alor", "Flores Timur", "Sikka", "Ende", "Ngada", "Manggarai",
        "Sumba Timur", "Sumba Barat", "Lembata", "Rote Ndao"),
        ("Kupang",)),
    "Kalimantan Barat": ("bugis", 22_000, ("Sambas", "Mempawah", "Sanggau", "Ketapang", "Sintang",
        "Kapuas Hulu", "Bengkayang", "Landak", "Sekadau", "Melawi", "Kubu Raya"),
        ("Pontianak", "Singkawang")),
    "Kalimantan Tengah": ("bugis", 16_000, ("Kotawaringin Barat", "Kotawaringin Timur", "Kapuas",
        "Barito Selatan", "Barito Utara", "Katingan", "Seruyan", "Pulang Pisau", "Gunung Mas"),
        ("Palangka Raya",)),
    "Kalimantan Selatan": ("bugis", 19_000, ("Banjar", "Tanah Laut", "Barito Kuala", "Tapin",
        "Hulu Sungai Selatan", "Hulu Sungai Tengah", "Hulu Sungai Utara", "Tabalong", "Kotabaru",
        "Tanah Bumbu", "Balangan"),
        ("Banjarmasin", "Banjarbaru")),
    "Kalimantan Timur": ("bugis", 22_000, ("Kutai Kartanegara", "Kutai Barat", "Kutai Timur",
        "Berau", "Paser", "Penajam Paser Utara", "Mahakam Ulu"),
        ("Samarinda", "Balikpapan", "Bontang")),
    "Kalimantan Utara": ("bugis", 7_000, ("Bulungan", "Malinau", "Nunukan", "Tana Tidung"),
        ("Tarakan",)),
    "Sulawesi Utara": ("batak", 14_000, ("Minahasa", "Minahasa Utara", "Minahasa Selatan",
        "Bolaang Mongondow", "Kepulauan Sangihe", "Kepulauan Talaud"),
        ("Manado", "Bitung", "Tomohon", "Kotamobagu")),
    "Gorontalo": ("bugis", 8_000, ("Gorontalo", "Boalemo", "Pohuwato", "Bone Bolango",
        "Gorontalo Utara"),
        ("Gorontalo",)),
    "Sulawesi Tengah": ("bugis", 18_000, ("Donggala", "Poso", "Banggai", "Tolitoli", "Buol",
        "Morowali", "Parigi Moutong", "Sigi", "Tojo Una-Una"),
        ("Palu",)),
    "Sulawesi Barat": ("bugis", 8_000, ("Majene", "Polewali Mandar", "Mamasa", "Mamuju",
        "Pasangkayu", "Mamuju Tengah"),
        ()),
    "Sulawesi Selatan": ("bugis", 36_000, ("Gowa", "Bone", "Wajo", "Maros",
        "Pangkajene dan Kepulauan", "Barru", "Soppeng", "Sidenreng Rappang", "Pinrang", "Enrekang",
        "Luwu", "Tana Toraja", "Bulukumba", "Bantaeng", "Jeneponto", "Takalar", "Sinjai",
        "Kepulauan Selayar", "Luwu Utara", "Luwu Timur", "Toraja Utara"),
        ("Makassar", "Parepare", "Palopo")),
    "Sulawesi Tenggara": ("bugis", 17_000, ("Kolaka", "Konawe", "Muna", "Buton", "Bombana",
        "Wakatobi", "Kolaka Utara", "Konawe Selatan"),
        ("Kendari", "Baubau")),
    "Maluku": ("batak", 13_000, ("Maluku Tengah", "Maluku Tenggara", "Buru", "Seram Bagian Barat",
        "Seram Bagian Timur", "Kepulauan Aru", "Kepulauan Tanimbar"),
        ("Ambon", "Tual")),
    "Maluku Utara": ("bugis", 11_000, ("Halmahera Barat", "Halmahera Tengah", "Halmahera Utara",
        "Halmahera Selatan", "Halmahera Timur", "Kepulauan Sula", "Pulau Morotai"),
        ("Ternate", "Tidore Kepulauan")),
    "Papua": ("batak", 13_000, ("Jayapura", "Biak Numfor", "Kepulauan Yapen", "Sarmi", "Keerom",
        "Waropen", "Supiori", "Mamberamo Raya"),
        ("Jayapura",)),
    "Papua Barat": ("batak", 7_000, ("Manokwari", "Fakfak", "Kaimana", "Teluk Bintuni",
        "Teluk Wondama", "Manokwari Selatan", "Pegunungan Arfak"),
        ()),
    "Papua Barat Daya": ("batak", 5_000, ("Sorong", "Raja Ampat", "Sorong Selatan", "Maybrat",
        "Tambrauw"),
        ("Sorong",)),
    "Papua Tengah": ("batak", 5_000, ("Nabire", "Mimika", "Paniai", "Puncak Jaya", "Dogiyai",
        "Intan Jaya", "Deiyai", "Puncak"),
        ()),
    "Papua Pegunungan": ("batak", 4_000, ("Jayawijaya", "Lanny Jaya", "Tolikara", "Yahukimo",
        "Mamberamo Tengah", "Nduga", "Yalimo", "Pegunungan Bintang"),
        ()),
    "Papua Selatan": ("batak", 4_000, ("Merauke", "Boven Digoel", "Mappi", "Asmat"), ()),
}

# central agencies, largest first: (name, nominal ASN, head appraising the top official or
# "" for the rule in _kepala)
_PUSAT: tuple[tuple[str, int, str], ...] = (
    ("Kementerian Agama", 180_000, ""),
    ("Kementerian Pendidikan Tinggi, Sains, dan Teknologi", 90_000, ""),
    ("Kementerian Keuangan", 80_000, ""),
    ("Kementerian Imigrasi dan Pemasyarakatan", 55_000, ""),
    ("Kementerian Kesehatan", 50_000, ""),
    ("Kementerian Pertahanan", 45_000, ""),
    ("Kementerian Agraria dan Tata Ruang", 38_000, ""),
    ("Mahkamah Agung", 30_000, ""),
    ("Kejaksaan Republik Indonesia", 25_000, "Jaksa Agung"),
    ("Kepolisian Negara Republik Indonesia", 25_000, "Kepala Kepolisian Negara Republik Indonesia"),
    ("Kementerian Perhubungan", 25_000, ""),
    ("Kementerian Pekerjaan Umum", 22_000, ""),
    ("Kementerian Pendidikan Dasar dan Menengah", 20_000, ""),
    ("Kementerian Pertanian", 17_000, ""),
    ("Badan Pusat Statistik", 16_000, ""),
    ("Komisi Pemilihan Umum", 15_000, ""),
    ("Kementerian Kehutanan", 14_000, ""),
    ("Kementerian Hukum", 12_000, ""),
    ("Badan Riset dan Inovasi Nasional", 12_000, ""),
    ("Kementerian Kelautan dan Perikanan", 10_000, ""),
    ("Badan Pemeriksa Keuangan", 7_000, ""),
    ("Kementerian Dalam Negeri", 6_000, ""),
    ("Kementerian Sosial", 6_000, ""),
    ("Kementerian Perindustrian", 6_000, ""),
    ("Badan Pengawasan Keuangan dan Pembangunan", 6_000, ""),
    ("Kementerian Ketenagakerjaan", 5_000, ""),
    ("Kementerian Energi dan Sumber Daya Mineral", 5_000, ""),
    ("Badan Meteorologi, Klimatologi, dan Geofisika", 5_000, ""),
    ("Badan Pengawas Obat dan Makanan", 5_000, ""),
    ("Badan Karantina Indonesia", 5_000, ""),
    ("Badan Narkotika Nasional", 4_500, ""),
    ("Kementerian Luar Negeri", 4_000, ""),
    ("Kementerian Perdagangan", 4_000, ""),
    ("Kementerian Kebudayaan", 4_000, ""),
    ("Badan Kepegawaian Negara", 3_500, ""),
    ("Badan Nasional Pencarian dan Pertolongan", 3_500, ""),
    ("Kementerian Komunikasi dan Digital", 3_000, ""),
    ("Kementerian Sekretariat Negara", 3_000, "Menteri Sekretaris Negara"),
    ("Kementerian Lingkungan Hidup", 3_000, ""),
    ("Badan Pengawas Pemilihan Umum", 3_000, ""),
    ("Dewan Perwakilan Rakyat Republik Indonesia", 2_500, ""),
    ("Kementerian Pelindungan Pekerja Migran Indonesia", 2_000, ""),
    ("Kementerian Desa dan Pembangunan Daerah Tertinggal", 1_500, ""),
    ("Kementerian Perumahan dan Kawasan Permukiman", 1_500, ""),
    ("Badan Nasional Penanggulangan Bencana", 1_500, ""),
    ("Badan Siber dan Sandi Negara", 1_500, ""),
    ("Badan Gizi Nasional", 1_500, ""),
    ("Komisi Pemberantasan Korupsi", 1_500, ""),
    ("Badan Pengusahaan Batam", 1_500, ""),
    ("Kementerian Pariwisata", 1_200, ""),
    ("Kementerian Investasi dan Hilirisasi", 1_200, ""),
    ("Kementerian Perencanaan Pembangunan Nasional", 1_200, ""),
    ("Lembaga Administrasi Negara", 1_000, ""),
    ("Badan Keamanan Laut", 1_000, ""),
    ("Kementerian Pemuda dan Olahraga", 800, ""),
    ("Kementerian Koperasi", 800, ""),
    ("Kementerian Transmigrasi", 800, ""),
    ("Kementerian Usaha Mikro, Kecil, dan Menengah", 800, ""),
    ("Perpustakaan Nasional Republik Indonesia", 800, ""),
    ("Dewan Perwakilan Daerah Republik Indonesia", 800, ""),
    ("Kementerian Hak Asasi Manusia", 700, ""),
    ("Arsip Nasional Republik Indonesia", 700, ""),
    ("Badan Informasi Geospasial", 700, ""),
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", 600, ""),
    ("Kementerian Ekonomi Kreatif", 600, ""),
    ("Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", 600, ""),
    ("Kementerian Koordinator Bidang Perekonomian", 600, ""),
    ("Badan Pangan Nasional", 600, ""),
    ("Badan Nasional Penanggulangan Terorisme", 600, ""),
    ("Kementerian Badan Usaha Milik Negara", 500, ""),
    ("Kementerian Koordinator Bidang Politik dan Keamanan", 500, ""),
    ("Badan Standardisasi Nasional", 500, ""),
    ("Badan Pengawas Tenaga Nuklir", 500, ""),
    ("Mahkamah Konstitusi", 500, ""),
    ("Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan", 400, ""),
    ("Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan", 400, ""),
    ("Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", 400, ""),
    ("Ombudsman Republik Indonesia", 400, ""),
    ("Majelis Permusyawaratan Rakyat Republik Indonesia", 400, ""),
    ("Komisi Yudisial", 300, ""),
)
# fmt: on
# kabupaten / kota sizes: log-normal (median, sigma), clipped, in ASN at national scale
_PEMDA_SIZE = {"kabupaten": (6_000, 0.45, 1_500, 30_000), "kota": (4_500, 0.5, 1_200, 25_000)}
_LEMBAGA = ("Badan", "Lembaga", "Arsip", "Perpustakaan")  # headed by a Kepala, a Sekretariat Utama
_REGION_WEIGHTS = {"jawa": 5, "sunda": 2, "batak": 1, "bugis": 1, "minang": 1}


# --------------------------------------------------------------------------------- the plan
@dataclass(frozen=True)
class PlannedBundle:
    """One instansi of the national set and how its bundle is generated."""

    index: int  # 1-based position in the set
    file: str  # "<nn>-<slug>.zip"
    jenis: str  # kabupaten, kota, provinsi, pusat
    nama: str  # instansi_nama, e.g. "Pemerintah Kabupaten Sleman"
    wilayah: str  # "Kabupaten Sleman"; the agency's name for pusat
    region: str  # pool of personal names
    instansi_id: str
    employees: int
    seed: int  # seed of the single-instansi generator
    nip_base: int  # first NIP sequence number of this bundle
    nip_width: int  # sequence numbers it may use per 15-digit NIP prefix
    kepala: str = ""  # non-ASN appraiser of the top official when not the pemda head

    @property
    def stem(self) -> str:
        return self.file.removesuffix(".zip")


def default_instansi(employees: int) -> int:
    """626 at national scale (6 M and more), proportionally fewer below, at least 1."""
    if employees >= NATIONAL_EMPLOYEES:
        return NATIONAL_INSTANSI
    return max(1, min(employees, round(NATIONAL_INSTANSI * employees / NATIONAL_EMPLOYEES)))


def plan_national(employees: int, seed: int, instansi: int | None = None) -> list[PlannedBundle]:
    """The national set: kinds in national proportions, interleaved so that every prefix is a
    small nation; sizes skewed like the real thing and summing exactly to ``employees``."""
    k = default_instansi(employees) if instansi is None else instansi
    _check_counts(employees, k)
    rng = random.Random(f"nasional-{seed}")
    kinds = _interleave(_apportion(k, dict(KIND_SHARE), minimum=0))
    specs = _specs(rng, kinds)
    sizes = _sizes(employees, [w for *_, w in specs])
    widths = [1 + w for w in _apportion(MAX_INSTANSI - k, dict(enumerate(sizes)), 0).values()]
    digits = max(2, len(str(k)))
    plan, base = [], 1
    for i, (spec, n, width) in enumerate(zip(specs, sizes, widths, strict=True), 1):
        jenis, nama, wilayah, region, kepala, _ = spec
        plan.append(PlannedBundle(
            index=i, file=f"{i:0{digits}d}-{_slug(wilayah)}.zip", jenis=jenis, nama=nama,
            wilayah=wilayah, region=region, instansi_id=f"{rng.getrandbits(112):028X}{i:04X}",
            employees=n, seed=seed * 1000 + i, nip_base=base, nip_width=width, kepala=kepala))
        base += width
    return plan


def _check_counts(employees: int, k: int) -> None:
    if k < 1:
        raise NationalSampleError("Jumlah instansi (--instansi) harus minimal 1.")
    if k > MAX_INSTANSI:
        raise NationalSampleError(
            f"Jumlah instansi paling banyak {MAX_INSTANSI} (nomor urut NIP tiga digit dibagi "
            "antarbundel agar NIP tidak kembar)."
        )
    if employees < k:
        raise NationalSampleError(
            f"Jumlah pegawai ({_angka(employees)}) harus minimal sama dengan jumlah instansi "
            f"({_angka(k)})."
        )


def _apportion(total: int, weights: dict, minimum: int) -> dict:
    """Split ``total`` by ``weights`` (largest remainder), each part at least ``minimum``."""
    rest = total - minimum * len(weights)
    wsum = sum(weights.values()) or 1
    exact = {key: rest * w / wsum for key, w in weights.items()}
    parts = {key: minimum + math.floor(x) for key, x in exact.items()}
    position = {key: i for i, key in enumerate(exact)}
    order = sorted(exact, key=lambda key: (math.floor(exact[key]) - exact[key], position[key]))
    for key in order[: total - sum(parts.values())]:
        parts[key] += 1
    return parts


def _interleave(counts: dict[str, int]) -> list[str]:
    """Kinds in an order where every prefix keeps the proportions (largest deficit first)."""
    total = sum(counts.values())
    taken = dict.fromkeys(counts, 0)
    order = []
    for i in range(1, total + 1):
        kind = max(counts, key=lambda c: (counts[c] * i / total - taken[c], counts[c]))
        taken[kind] += 1
        order.append(kind)
    return order


def _spread(items: list, count: int) -> list:
    """``count`` items evenly spaced over ``items`` (all of them when count >= len)."""
    if count >= len(items):
        return list(items)
    return [items[math.floor((j + 0.5) * len(items) / count)] for j in range(count)]


def _specs(rng: random.Random, kinds: list[str]) -> list[tuple[str, str, str, str, str, float]]:
    """(jenis, nama, wilayah, region, kepala, weight) per position of ``kinds``."""
    need = {kind: kinds.count(kind) for kind in KIND_SHARE}
    pools = {kind: iter(_pool(rng, kind, need[kind])) for kind in KIND_SHARE}
    return [next(pools[kind]) for kind in kinds]


def _pool(rng: random.Random, kind: str, count: int) -> list[tuple[str, str, str, str, str, float]]:
    if kind == "provinsi":
        provs = sorted(_PROVINSI.items(), key=lambda kv: -kv[1][1])
        chosen = [("provinsi", f"Pemerintah Provinsi {p}", f"Provinsi {p}", region, "",
                   size * rng.uniform(0.9, 1.1))
                  for p, (region, size, _, _) in _spread(provs, count)]
        rng.shuffle(chosen)  # the largest ones are not all at the front of the set
        return chosen
    if kind == "pusat":
        regions, weights = zip(*_REGION_WEIGHTS.items(), strict=True)
        chosen = [("pusat", name, name, rng.choices(regions, weights)[0],
                   kepala or _kepala(name), size * rng.uniform(0.9, 1.1))
                  for name, size, kepala in _spread(list(_PUSAT), count)]
        rng.shuffle(chosen)
        return chosen
    names = [(f"{kind.title()} {n}", region) for region, n in _local_names(kind)]
    rng.shuffle(names)
    median, sigma, lo, hi = _PEMDA_SIZE[kind]
    out = []
    for j in range(count):
        wilayah, region = names[j % len(names)]
        if j >= len(names):  # vocabulary exhausted: numbered, as org.build_instansi does
            wilayah = f"{wilayah} {j // len(names) + 1}"
        size = min(hi, max(lo, rng.lognormvariate(math.log(median), sigma)))
        out.append((kind, f"Pemerintah {wilayah}", wilayah, region, "", size))
    return out


def _local_names(kind: str) -> Iterator[tuple[str, str]]:
    """(region, name) of every kabupaten or kota in the vocabulary."""
    for region, _, kabupaten, kota in _PROVINSI.values():
        for name in kabupaten if kind == "kabupaten" else kota:
            yield region, name


def _kepala(name: str) -> str:
    """Who appraises a central agency's top official: its minister, head or chair."""
    if name.startswith("Kementerian "):
        return "Menteri " + name.removeprefix("Kementerian ")
    if name.split(" ", 1)[0] in _LEMBAGA:
        return f"Kepala {name}"
    return f"Ketua {name}"


def _sizes(employees: int, weights: list[float]) -> list[int]:
    """Employees per instansi: at least 1 each, the rest by weight, summing to ``employees``."""
    return list(_apportion(employees, dict(enumerate(weights)), minimum=1).values())


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# --------------------------------------------------------------------------------- one bundle
class _NationalNips(nipmod.NipFactory):
    """Valid NIPs unique across the set: per 15-digit prefix (birth date, TMT or appointment
    year, gender) this bundle uses the sequence numbers base .. base + width - 1 only, and
    draws again when a prefix is full."""

    def __init__(self, rng: random.Random, base: int, width: int) -> None:
        super().__init__(rng)
        self.base, self.width = base, width
        self._used: dict[str, int] = {}

    def _unique(self, prefix: Callable[[], str]) -> str:
        for _ in range(10_000):
            head = prefix()
            n = self._used.get(head, 0)
            if n < self.width:
                self._used[head] = n + 1
                return f"{head}{self.base + n:03d}"
        raise RuntimeError("no free NIP prefix after 10000 draws")

    def _birth_date(self, year_lo: int, year_hi: int) -> date:
        lo, hi = date(year_lo, 1, 1).toordinal(), date(year_hi, 12, 31).toordinal()
        return date.fromordinal(self.rng.randint(lo, hi))

    def pns(self, year_lo: int, year_hi: int, gender: int, tahun: int) -> str:
        def prefix() -> str:
            birth = self._birth_date(year_lo, year_hi)
            tmt_year = min(tahun - 2, birth.year + self.rng.randint(22, 32))
            tmt_month = self.rng.choice((1, 1, 2, 3, 3, 4, 6, 12))
            return f"{birth:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{gender}"

        return self._unique(prefix)

    def pppk(self, year_lo: int, year_hi: int, gender: int, tahun: int) -> str:
        def prefix() -> str:
            birth = self._birth_date(year_lo, year_hi)
            year = self.rng.randint(max(2019, birth.year + 21), tahun - 1)
            return f"{birth:%Y%m%d}{year:04d}{nipmod.PPPK_CODE}{gender}"

        return self._unique(prefix)


def _pemda_kepala(wilayah: str) -> str:
    """The non-ASN appraiser the generator names for a pemda's top official (appraisal.py)."""
    if wilayah.startswith("Provinsi"):
        return "Gubernur " + wilayah.removeprefix("Provinsi ")
    return ("Wali Kota " if wilayah.startswith("Kota") else "Bupati ") + wilayah.split(" ", 1)[1]


class _NationalGenerator(Generator):
    """The single-instansi generator with the planned identity: name, id, region, root unit,
    the appraiser of the top official, and the bundle's own NIP range."""

    def __init__(self, out: Path, bundle: PlannedBundle, tahun: int, key: Path,
                 decoys: Path) -> None:
        super().__init__(out, bundle.employees, bundle.seed, tahun, 1, key, None, decoys)
        self.bundle = bundle
        self.nips = _NationalNips(self.rng, bundle.nip_base, bundle.nip_width)

    def _plan(self) -> list[Instansi]:
        insts = super()._plan()
        b, inst = self.bundle, insts[0]
        inst.instansi_id, inst.nama = b.instansi_id, b.nama
        inst.wilayah, inst.region = b.wilayah, b.region
        root = inst.root
        if b.jenis == "pusat":
            office = "Utama" if b.nama.split(" ", 1)[0] in _LEMBAGA else "Jenderal"
            root.nama = f"Sekretariat {office} {b.nama}"
            root.head_jabatan, root.head_jenis = f"Sekretaris {office} {b.nama}", "JPT Madya"
        else:
            root.nama = f"Sekretariat Daerah {b.wilayah}"
            root.head_jabatan = f"Sekretaris Daerah {b.wilayah}"
            root.head_jenis = "JPT Madya" if b.jenis == "provinsi" else "JPT Pratama"
        return insts

    def _riwayat(self, ctx: UnitCtx, p: Person, sup: Superior | None, annual: str = "") -> None:
        """The top official of a central agency: its minister/head/chair as the non-ASN
        appraiser in SIASN, where the generator names the pemda head (Bupati …)."""
        if sup is not None or not self.bundle.kepala:
            super()._riwayat(ctx, p, sup, annual)
            return
        wrong, right = _enc(_pemda_kepala(ctx.instansi.wilayah)), _enc(self.bundle.kepala)
        write = self.t_rw.write_raw
        self.t_rw.write_raw = lambda text: write(text.replace(wrong, right))  # type: ignore[method-assign]
        try:
            super()._riwayat(ctx, p, sup, annual)
        finally:
            del self.t_rw.write_raw


def write_bundle(out: Path, bundle: PlannedBundle, tahun: int) -> float:
    """Write one bundle of the set into place (seconds taken); nothing is left behind on error."""
    started = time.perf_counter()
    work = out / f"{bundle.stem}{TEMP}"
    shutil.rmtree(work, ignore_errors=True)
    (work / "ekspor").mkdir(parents=True)
    try:
        key, decoys = work / f"{bundle.stem}.kunci.csv", work / f"{bundle.stem}.umpan.csv"
        _NationalGenerator(work / "ekspor", bundle, tahun, key, decoys).run()
        part = work / f"{bundle.file}.part"
        _zip(work / "ekspor", part, tahun)
        os.replace(key, out / key.name)
        os.replace(decoys, out / decoys.name)
        os.replace(part, out / bundle.file)  # the zip exists only once complete
        fsync_dir(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return time.perf_counter() - started


def _zip(folder: Path, target: Path, tahun: int) -> None:
    """The folder's files at the archive root, deflated, with a fixed timestamp (the same
    seed gives the same bytes)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(f.name, date_time=(tahun + 1, 1, 15, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.file_size = f.stat().st_size  # lets zipfile choose ZIP64 for > 2 GiB members
            with f.open("rb") as src, zf.open(info, "w") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    with target.open("rb") as fh:
        os.fsync(fh.fileno())


# --------------------------------------------------------------------------------- the set
@dataclass(frozen=True)
class BundleEvent:
    """Progress: one bundle of the set written, or skipped because complete."""

    bundle: PlannedBundle
    total: int
    written: bool
    seconds: float
    bytes: int

    def message(self) -> str:
        b = self.bundle
        done = (f"ditulis dalam {_desimal(self.seconds)} detik" if self.written
                else "sudah lengkap, dilewati")
        return (f"Bundel {b.index}/{self.total}: {b.file}, {b.nama} "
                f"({_angka(b.employees)} pegawai), {_ukuran(self.bytes)}, {done}")


@dataclass
class NationalSummary:
    """What write_national_sample left in ``out``."""

    bundles: list[PlannedBundle]
    written: int
    skipped: int
    bytes: int  # zips and key files of the whole set
    seconds: float
    index: Path


Emit = Callable[[PlannedBundle, bool, float], None]


def estimate_bytes(employees: int) -> int:
    """Disk one bundle needs while it is written (folder, zip, key files)."""
    return employees * BYTES_PER_EMPLOYEE + FIXED_BYTES


def write_national_sample(out: Path, employees: int, seed: int, tahun: int = 2025,
                          instansi: int | None = None, workers: int = 1,
                          progress: Callable[[BundleEvent], None] | None = None) -> NationalSummary:
    """Write (or complete) the national set in ``out``; see the module docstring."""
    started = time.perf_counter()
    out = Path(out)
    if workers < 1:
        raise NationalSampleError("Jumlah proses (--workers) harus minimal 1.")
    if employees < 1:
        raise NationalSampleError("Jumlah pegawai minimal 1.")
    plan = plan_national(employees, seed, instansi)
    params = {"versi": PLAN_VERSION, "employees": employees, "seed": seed, "tahun": tahun,
              "instansi": len(plan)}
    with _locked(out):
        _prepare(out, params)
        todo = [b for b in plan if not (out / b.file).is_file()]
        _write_missing(out, plan, todo, tahun, workers, _emitter(out, len(plan), progress))
        index = _write_index(out, plan)
    return NationalSummary(plan, len(todo), len(plan) - len(todo),
                           sum(_set_bytes(out, b) for b in plan), time.perf_counter() - started,
                           index)


def _write_missing(out: Path, plan: list[PlannedBundle], todo: list[PlannedBundle], tahun: int,
                   workers: int, emit: Emit) -> None:
    """Write ``todo`` (in this process, or in ``workers`` processes); report every bundle."""
    missing = {b.index for b in todo}
    if workers > 1 and len(todo) > 1:
        for b in plan:
            if b.index not in missing:
                emit(b, False, 0.0)
        _write_parallel(out, todo, tahun, workers, emit)
        return
    for b in plan:
        if b.index in missing:
            _check_disk(out, b, 0)
            emit(b, True, write_bundle(out, b, tahun))
        else:
            emit(b, False, 0.0)


def _emitter(out: Path, total: int, progress: Callable[[BundleEvent], None] | None) -> Emit:
    def emit(b: PlannedBundle, written: bool, seconds: float) -> None:
        if progress:
            progress(BundleEvent(b, total, written, seconds, (out / b.file).stat().st_size))
    return emit


def _write_parallel(out: Path, todo: list[PlannedBundle], tahun: int, workers: int,
                    emit: Emit) -> None:
    """Bundles in ``workers`` spawned processes, at most ``workers`` in flight; the disk check
    before each one counts the whole estimate of those still running."""
    queue = list(todo)
    running: dict[Future[float], PlannedBundle] = {}
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=ctx) as pool:
        while queue or running:
            while queue and len(running) < workers:
                _check_disk(out, queue[0], sum(estimate_bytes(b.employees) for b in running.values()))
                b = queue.pop(0)
                running[pool.submit(write_bundle, out, b, tahun)] = b
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: running[f].index):
                emit(running.pop(future), True, future.result())


def _check_disk(out: Path, bundle: PlannedBundle, reserved: int) -> None:
    free = shutil.disk_usage(out).free
    need = estimate_bytes(bundle.employees)
    if free - reserved - need < RESERVE_BYTES:
        raise DiskSpaceError(
            f"Ruang disk tidak cukup untuk bundel {bundle.index} ({bundle.file}, "
            f"{_angka(bundle.employees)} pegawai): perlu sekitar {_ukuran(need + reserved)} "
            f"ditambah cadangan {_ukuran(RESERVE_BYTES)}, tersedia {_ukuran(free)} di '{out}'. "
            "Kosongkan ruang atau pilih folder lain; bundel yang sudah lengkap dipakai ulang "
            "saat perintah diulang.")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One writer per folder (an advisory lock, released when the process dies)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK).open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise NationalSampleError(
                f"Folder '{out}' sedang ditulis oleh proses kinerja sample --nasional lain.") from None
        yield


def _prepare(out: Path, params: dict) -> None:
    """Check that ``out`` holds nothing or this very set, record its parameters, and remove
    what an interrupted run left (temporary folders and files)."""
    plan_file = out / PLAN
    if plan_file.is_file():
        old = json.loads(plan_file.read_text(encoding="utf-8"))
        if old != params:
            raise NationalSampleError(
                f"Folder '{out}' berisi set nasional dengan parameter lain ({_params_text(old)}); "
                f"diminta {_params_text(params)}. Pilih folder lain atau hapus dulu.")
    elif any(p.name != LOCK for p in out.iterdir()):
        raise NationalSampleError(
            f"Folder tujuan '{out}' sudah berisi berkas lain; pilih folder kosong atau hapus dulu.")
    else:
        _write_atomic(plan_file, json.dumps(params, indent=2) + "\n")
    for p in out.iterdir():
        if p.name.endswith(TEMP):
            shutil.rmtree(p) if p.is_dir() else p.unlink()


def _params_text(p: dict) -> str:
    return (f"{_angka(p.get('employees', 0))} pegawai, {p.get('instansi')} instansi, "
            f"benih {p.get('seed')}, tahun {p.get('tahun')}")


def _write_index(out: Path, plan: list[PlannedBundle]) -> Path:
    """``out/nasional.csv``, replaced atomically."""
    tmp, target = out / f"{INDEX}{TEMP}", out / INDEX
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(INDEX_HEADER)
        writer.writerows((b.file, b.instansi_id, b.nama, b.employees,
                          (out / b.file).stat().st_size) for b in plan)
    os.replace(tmp, target)
    fsync_dir(out)
    return target


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + TEMP)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _set_bytes(out: Path, b: PlannedBundle) -> int:
    names = (b.file, f"{b.stem}.kunci.csv", f"{b.stem}.umpan.csv")
    return sum((out / n).stat().st_size for n in names if (out / n).is_file())


# --------------------------------------------------------------------------------- formatting
def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _desimal(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


def _ukuran(n: int) -> str:
    if n >= 1 << 30:
        return f"{_desimal(n / (1 << 30))} GiB"
    return f"{_desimal(n / (1 << 20))} MiB"
