"""Indonesian vocabulary for the sample export: names, instansi, units, positions, RHK texts."""

from __future__ import annotations

# (instansi_nama, wilayah, region) — region picks the personal-name pools.
INSTANSI: tuple[tuple[str, str, str], ...] = (
    ("Pemerintah Kabupaten Sleman", "Kabupaten Sleman", "jawa"),
    ("Pemerintah Provinsi Jawa Tengah", "Provinsi Jawa Tengah", "jawa"),
    ("Pemerintah Kota Bandung", "Kota Bandung", "sunda"),
    ("Pemerintah Provinsi Sumatera Utara", "Provinsi Sumatera Utara", "batak"),
    ("Pemerintah Kota Makassar", "Kota Makassar", "bugis"),
    ("Pemerintah Kabupaten Agam", "Kabupaten Agam", "minang"),
    ("Pemerintah Kabupaten Bantul", "Kabupaten Bantul", "jawa"),
    ("Pemerintah Kabupaten Garut", "Kabupaten Garut", "sunda"),
    ("Pemerintah Kabupaten Toba", "Kabupaten Toba", "batak"),
    ("Pemerintah Kabupaten Bone", "Kabupaten Bone", "bugis"),
    ("Pemerintah Kota Padang", "Kota Padang", "minang"),
    ("Pemerintah Kota Yogyakarta", "Kota Yogyakarta", "jawa"),
    ("Pemerintah Provinsi Jawa Barat", "Provinsi Jawa Barat", "sunda"),
    ("Pemerintah Kota Medan", "Kota Medan", "batak"),
    ("Pemerintah Provinsi Sulawesi Selatan", "Provinsi Sulawesi Selatan", "bugis"),
    ("Pemerintah Provinsi Sumatera Barat", "Provinsi Sumatera Barat", "minang"),
    ("Pemerintah Kabupaten Banyumas", "Kabupaten Banyumas", "jawa"),
    ("Pemerintah Kota Semarang", "Kota Semarang", "jawa"),
    ("Pemerintah Kabupaten Cianjur", "Kabupaten Cianjur", "sunda"),
    ("Pemerintah Kabupaten Tapanuli Utara", "Kabupaten Tapanuli Utara", "batak"),
    ("Pemerintah Kabupaten Gowa", "Kabupaten Gowa", "bugis"),
    ("Pemerintah Kabupaten Tanah Datar", "Kabupaten Tanah Datar", "minang"),
    ("Pemerintah Kabupaten Malang", "Kabupaten Malang", "jawa"),
    ("Pemerintah Provinsi Jawa Timur", "Provinsi Jawa Timur", "jawa"),
    ("Pemerintah Kota Bogor", "Kota Bogor", "sunda"),
    ("Pemerintah Kota Pematangsiantar", "Kota Pematangsiantar", "batak"),
    ("Pemerintah Kota Parepare", "Kota Parepare", "bugis"),
    ("Pemerintah Kota Bukittinggi", "Kota Bukittinggi", "minang"),
    ("Pemerintah Kabupaten Klaten", "Kabupaten Klaten", "jawa"),
    ("Pemerintah Kabupaten Magelang", "Kabupaten Magelang", "jawa"),
    ("Pemerintah Kota Surakarta", "Kota Surakarta", "jawa"),
    ("Pemerintah Kabupaten Sidoarjo", "Kabupaten Sidoarjo", "jawa"),
    ("Pemerintah Kabupaten Sumedang", "Kabupaten Sumedang", "sunda"),
    ("Pemerintah Kabupaten Samosir", "Kabupaten Samosir", "batak"),
    ("Pemerintah Kabupaten Wajo", "Kabupaten Wajo", "bugis"),
    ("Pemerintah Kabupaten Solok", "Kabupaten Solok", "minang"),
    ("Pemerintah Kabupaten Kulon Progo", "Kabupaten Kulon Progo", "jawa"),
    ("Pemerintah Kabupaten Gunungkidul", "Kabupaten Gunungkidul", "jawa"),
    ("Pemerintah Provinsi Daerah Istimewa Yogyakarta", "Provinsi Daerah Istimewa Yogyakarta", "jawa"),
    ("Pemerintah Kota Cimahi", "Kota Cimahi", "sunda"),
)

# --- personal names: region -> (male given, female given, family/second names) ---------------
_MUSLIM_M = ("Muhammad", "Ahmad", "Abdul Rahman", "Khoirul", "Ma’ruf", "Ja’far", "Zainal Arifin",
             "Fauzan", "Rizki", "Ilham", "Hidayatullah", "Taufik", "Syaiful", "Nur Kholis")
_MUSLIM_F = ("Siti", "Fatimah", "Aisyah", "Nur’aini", "Mar’atus Sholihah", "Annisa", "Nabila",
             "Khusnul Khotimah", "Qur’ani", "Zahrotul", "Laila", "Umi Kalsum")
_CHRIST_M = ("Yohanes", "Paulus", "Petrus", "Stefanus", "Agustinus", "Yosef", "André",
             "Fransiskus", "Markus", "Timotius")
_CHRIST_F = ("Maria", "Margaretha", "Theresia", "Veronika", "Fransiska", "Renée", "Elisabeth",
             "Yohana", "Magdalena", "Christina")

NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "jawa": (
        ("Budi", "Agus", "Slamet", "Joko", "Bambang", "Heru", "Wahyu", "Eko", "Bayu", "Aris",
         "Hendro", "Dwi", "Tri", "Sigit", "Teguh", "Yudi", "Gunawan", "Haryanto"),
        ("Sri", "Endang", "Rahayu", "Wulandari", "Lestari", "Ayu", "Puji", "Retno", "Dyah",
         "Tutik", "Rini", "Kartika", "Wahyuni", "Sekar", "Galuh", "Ratna"),
        ("Santoso", "Prasetyo", "Nugroho", "Wibowo", "Kurniawan", "Setiawan", "Hartono",
         "Sulistyo", "Purnomo", "Susanto", "Pamungkas", "Saputro", "Utomo"),
    ),
    "sunda": (
        ("Asep", "Ujang", "Dede", "Cecep", "Dadang", "Yayat", "Iwan", "Ade", "Dadan", "Engkos",
         "Rudi", "Deden"),
        ("Euis", "Neneng", "Imas", "Cucu", "Iis", "Yeni", "Rina", "Lilis", "Nining", "Enok",
         "Popon", "Siti"),
        ("Suryana", "Hidayat", "Permana", "Sopandi", "Ruhiyat", "Gunawan", "Supriatna",
         "Nurjaman", "Sukmana", "Kusnadi", "Rustandi", "Setiadi"),
    ),
    "batak": (
        ("Togar", "Parulian", "Hotman", "Binsar", "Maruli", "Jonggi", "Sahat", "Bonar",
         "Robert", "Daniel", "Hendrik", "Marihot"),
        ("Tiurma", "Rosmawati", "Lamria", "Dorkas", "Ruth", "Yohana", "Rotua", "Nurmala",
         "Friska", "Debora", "Lasma", "Sondang"),
        ("Simanjuntak", "Siregar", "Nasution", "Harahap", "Sitompul", "Hutapea", "Panjaitan",
         "Sinaga", "Lubis", "Manurung", "Situmorang", "Simatupang", "Pardede", "Hutagalung",
         "Tampubolon", "Sihombing"),
    ),
    "bugis": (
        ("Andi Syamsul", "Baharuddin", "Jumardi", "Irwan", "Sulfikar", "Haerul", "Hasanuddin",
         "Rusdin", "Andi Baso", "Muh. Jufri", "Arsyad", "Syahrir"),
        ("Nurhayati", "Hasnawati", "Sitti", "Rahmawati", "Andi Nurul", "Hasmiah", "Irmawati",
         "Andi Tenri", "Suriani", "Marlina", "Jumriah", "Nurfadilah"),
        ("Alam", "Halid", "Mappanyompa", "Mattalitti", "Pawelloi", "Sikki", "Tahir", "Makkulau",
         "Latief", "Rauf", "Tamrin", "Jamaluddin"),
    ),
    "minang": (
        ("Afrizal", "Yusrizal", "Zulkifli", "Syahrial", "Erwin", "Fadli", "Rinaldi", "Hendri",
         "Alfian", "Yulizar", "Febrian", "Irwandi"),
        ("Yusnita", "Desfitri", "Elfira", "Yulia", "Rahmi", "Fitri", "Nurhasanah", "Deswita",
         "Silvia", "Wirdatul", "Yelfi", "Rosmaini"),
        ("Chaniago", "Piliang", "Koto", "Tanjung", "Sikumbang", "Jambak", "Guci", "Malayu",
         "Caniago", "Putra", "Syofyan", "Adnan"),
    ),
}

# second names for women where family names are not used for both genders
FEMALE_SECOND: dict[str, tuple[str, ...]] = {
    "jawa": ("Handayani", "Astuti", "Ningsih", "Suryani", "Widiastuti", "Lestari", "Rahayu",
             "Wulandari", "Pratiwi", "Kusumawati", "Ayu Lestari"),
    "sunda": ("Nurhayati", "Komariah", "Rosmiati", "Kurniasih", "Sari", "Suryani"),
    "bugis": ("Rahmawati", "Sari", "Nurdin", "Hamzah", "Idris"),
}

GELAR_S1 = ("S.E.", "S.Kom.", "S.H.", "S.Sos.", "S.IP.", "S.Pd.", "S.T.", "S.AP.", "S.Ak.",
            "S.Psi.", "S.Si.", "S.P.")
GELAR_S2 = ("M.Si.", "M.M.", "M.AP.", "M.Kom.", "M.H.", "M.Ak.", "M.T.", "M.Pd.", "M.PA.")
GELAR_D3 = ("A.Md.", "A.Md.Kom.", "A.Md.Ak.", "A.Md.Kep.")

# --- organisation templates -------------------------------------------------------------------
# (dinas name, head title or "" for "Kepala <name>", topic, [bidang (name, topic)], fungsional)
DINAS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...], tuple[str, ...]], ...] = (
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "", "manajemen ASN", (
        ("Bidang Mutasi dan Promosi", "mutasi dan promosi pegawai"),
        ("Bidang Pengembangan Kompetensi Aparatur", "pengembangan kompetensi"),
        ("Bidang Pengadaan dan Informasi Kepegawaian", "data dan informasi kepegawaian"),
        ("Bidang Penilaian Kinerja dan Disiplin", "penilaian kinerja pegawai"),
    ), ("Analis SDM Aparatur", "Pranata Komputer", "Asesor SDM Aparatur")),
    ("Dinas Pendidikan", "", "layanan pendidikan", (
        ("Bidang Pembinaan Sekolah Dasar", "pembinaan sekolah dasar"),
        ("Bidang Pembinaan Sekolah Menengah Pertama", "pembinaan SMP"),
        ("Bidang PAUD dan Pendidikan Nonformal", "PAUD dan pendidikan nonformal"),
        ("Bidang Guru dan Tenaga Kependidikan", "guru dan tenaga kependidikan"),
    ), ("Pengawas Sekolah", "Penilik", "Pranata Komputer")),
    ("Dinas Kesehatan", "", "pelayanan kesehatan", (
        ("Bidang Kesehatan Masyarakat", "kesehatan masyarakat"),
        ("Bidang Pencegahan dan Pengendalian Penyakit", "pengendalian penyakit"),
        ("Bidang Pelayanan dan Sumber Daya Kesehatan", "sumber daya kesehatan"),
    ), ("Epidemiolog Kesehatan", "Sanitarian", "Nutrisionis", "Administrator Kesehatan")),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "", "infrastruktur dan penataan ruang", (
        ("Bidang Bina Marga", "jalan dan jembatan"),
        ("Bidang Sumber Daya Air", "sumber daya air"),
        ("Bidang Penataan Ruang", "penataan ruang"),
        ("Bidang Cipta Karya", "bangunan gedung"),
    ), ("Teknik Jalan dan Jembatan", "Penata Ruang", "Teknik Pengairan")),
    ("Dinas Kependudukan dan Pencatatan Sipil", "", "administrasi kependudukan", (
        ("Bidang Pelayanan Pendaftaran Penduduk", "pendaftaran penduduk"),
        ("Bidang Pelayanan Pencatatan Sipil", "pencatatan sipil"),
        ("Bidang Pengelolaan Informasi Administrasi Kependudukan", "data kependudukan"),
    ), ("Administrator Database Kependudukan", "Pranata Komputer")),
    ("Dinas Sosial", "", "perlindungan dan jaminan sosial", (
        ("Bidang Rehabilitasi Sosial", "rehabilitasi sosial"),
        ("Bidang Perlindungan dan Jaminan Sosial", "jaminan sosial"),
        ("Bidang Pemberdayaan Sosial", "pemberdayaan sosial"),
    ), ("Pekerja Sosial", "Penyuluh Sosial")),
    ("Dinas Komunikasi dan Informatika", "", "komunikasi dan informatika", (
        ("Bidang Aplikasi Informatika", "aplikasi dan layanan digital"),
        ("Bidang Informasi dan Komunikasi Publik", "komunikasi publik"),
        ("Bidang Persandian dan Statistik", "persandian dan statistik sektoral"),
    ), ("Pranata Komputer", "Pranata Hubungan Masyarakat", "Statistisi", "Sandiman")),
    ("Dinas Pertanian dan Pangan", "", "pertanian dan ketahanan pangan", (
        ("Bidang Tanaman Pangan dan Hortikultura", "tanaman pangan"),
        ("Bidang Ketahanan Pangan", "ketahanan pangan"),
        ("Bidang Penyuluhan Pertanian", "penyuluhan pertanian"),
    ), ("Penyuluh Pertanian", "Pengawas Mutu Hasil Pertanian", "Analis Ketahanan Pangan")),
    ("Dinas Perhubungan", "", "perhubungan", (
        ("Bidang Lalu Lintas dan Angkutan", "lalu lintas dan angkutan"),
        ("Bidang Sarana dan Prasarana Perhubungan", "prasarana perhubungan"),
    ), ("Penguji Kendaraan Bermotor", "Analis Transportasi")),
    ("Dinas Lingkungan Hidup", "", "lingkungan hidup", (
        ("Bidang Pengelolaan Sampah", "pengelolaan sampah"),
        ("Bidang Pengendalian Pencemaran", "pengendalian pencemaran"),
        ("Bidang Konservasi dan Pertamanan", "pertamanan"),
    ), ("Pengendali Dampak Lingkungan", "Penyuluh Lingkungan Hidup")),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "", "perizinan dan penanaman modal", (
        ("Bidang Pelayanan Perizinan", "pelayanan perizinan"),
        ("Bidang Promosi dan Pengembangan Iklim Investasi", "promosi investasi"),
        ("Bidang Pengendalian Pelaksanaan Penanaman Modal", "pengendalian penanaman modal"),
    ), ("Analis Kebijakan", "Pranata Komputer")),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", "", "koperasi dan UMKM", (
        ("Bidang Kelembagaan Koperasi", "kelembagaan koperasi"),
        ("Bidang Pemberdayaan Usaha Mikro", "pemberdayaan usaha mikro"),
    ), ("Pengawas Koperasi", "Penyuluh Perindustrian dan Perdagangan")),
    ("Dinas Pariwisata dan Kebudayaan", "", "pariwisata dan kebudayaan", (
        ("Bidang Destinasi Pariwisata", "destinasi pariwisata"),
        ("Bidang Pemasaran Pariwisata", "pemasaran pariwisata"),
        ("Bidang Kebudayaan", "pelestarian kebudayaan"),
    ), ("Pamong Budaya", "Adyatama Kepariwisataan dan Ekonomi Kreatif")),
    ("Badan Perencanaan Pembangunan Daerah", "", "perencanaan pembangunan", (
        ("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", "perencanaan pemerintahan"),
        ("Bidang Perencanaan Perekonomian dan Sumber Daya Alam", "perencanaan perekonomian"),
        ("Bidang Perencanaan Infrastruktur dan Kewilayahan", "perencanaan infrastruktur"),
        ("Bidang Pengendalian dan Evaluasi Pembangunan", "evaluasi pembangunan"),
    ), ("Perencana", "Statistisi", "Analis Kebijakan")),
    ("Badan Keuangan dan Aset Daerah", "", "pengelolaan keuangan daerah", (
        ("Bidang Anggaran", "penganggaran daerah"),
        ("Bidang Perbendaharaan", "perbendaharaan"),
        ("Bidang Akuntansi", "akuntansi dan pelaporan keuangan"),
        ("Bidang Aset", "pengelolaan barang milik daerah"),
    ), ("Analis Keuangan Pusat dan Daerah", "Penata Kelola Sistem dan Teknologi Informasi")),
    ("Badan Pendapatan Daerah", "", "pendapatan daerah", (
        ("Bidang Pendataan dan Penetapan", "pendataan pajak daerah"),
        ("Bidang Penagihan dan Keberatan", "penagihan pajak daerah"),
    ), ("Pemeriksa Pajak Daerah", "Penilai Pajak Bumi dan Bangunan")),
    ("Inspektorat Daerah", "Inspektur", "pengawasan internal", (
        ("Inspektur Pembantu Wilayah I", "pengawasan wilayah I"),
        ("Inspektur Pembantu Wilayah II", "pengawasan wilayah II"),
        ("Inspektur Pembantu Khusus", "investigasi"),
    ), ("Auditor", "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah")),
    ("Satuan Polisi Pamong Praja", "", "ketenteraman dan ketertiban umum", (
        ("Bidang Penegakan Peraturan Daerah", "penegakan perda"),
        ("Bidang Ketertiban Umum dan Ketenteraman Masyarakat", "ketertiban umum"),
    ), ("Polisi Pamong Praja", "Penyidik Pegawai Negeri Sipil")),
    ("Badan Penanggulangan Bencana Daerah", "", "penanggulangan bencana", (
        ("Bidang Pencegahan dan Kesiapsiagaan", "kesiapsiagaan bencana"),
        ("Bidang Kedaruratan dan Logistik", "kedaruratan dan logistik"),
        ("Bidang Rehabilitasi dan Rekonstruksi", "rehabilitasi pascabencana"),
    ), ("Analis Bencana", "Pranata Komputer")),
)

SEKRETARIAT_SUB = ("Subbagian Umum dan Kepegawaian", "Subbagian Keuangan dan Aset",
                   "Subbagian Perencanaan dan Evaluasi")
SEKSI_PREFIX = ("Seksi Perencanaan", "Seksi Pembinaan", "Seksi Pengendalian", "Seksi Pelayanan",
                "Seksi Data dan Evaluasi")

# Bagian of the Sekretariat Daerah: (name, topic, subbagian)
BAGIAN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Bagian Organisasi", "kelembagaan dan tata laksana", (
        "Subbagian Kelembagaan dan Analisis Jabatan",
        "Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja")),
    ("Bagian Hukum", "produk hukum daerah", (
        "Subbagian Perundang-undangan", "Subbagian Bantuan Hukum")),
    ("Bagian Pemerintahan", "urusan pemerintahan", (
        "Subbagian Otonomi Daerah", "Subbagian Kerja Sama")),
    ("Bagian Perekonomian dan Sumber Daya Alam", "perekonomian daerah", (
        "Subbagian Perekonomian", "Subbagian Sumber Daya Alam")),
    ("Bagian Pengadaan Barang dan Jasa", "pengadaan barang dan jasa", (
        "Subbagian Pengelolaan Layanan Pengadaan Secara Elektronik",)),
    ("Bagian Umum", "rumah tangga dan tata usaha pimpinan", (
        "Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga")),
    ("Bagian Protokol dan Komunikasi Pimpinan", "protokol dan komunikasi pimpinan", (
        "Subbagian Protokol", "Subbagian Dokumentasi Pimpinan")),
    ("Bagian Kesejahteraan Rakyat", "kesejahteraan rakyat", ("Subbagian Bina Keagamaan",)),
)

FUNGSIONAL_UMUM = ("Analis Kebijakan", "Arsiparis", "Pranata Komputer", "Analis SDM Aparatur",
                   "Perencana", "Pengelola Pengadaan Barang/Jasa", "Pranata Hubungan Masyarakat",
                   "Analis Keuangan Pusat dan Daerah")
# jabatan fungsional with keterampilan levels; all others use keahlian levels
FUNGSIONAL_TERAMPIL = ("Arsiparis", "Pranata Komputer", "Penyuluh Pertanian", "Sanitarian",
                       "Polisi Pamong Praja", "Penguji Kendaraan Bermotor", "Pranata Hubungan Masyarakat")
PELAKSANA = ("Pengadministrasi Perkantoran", "Penata Layanan Operasional",
             "Operator Layanan Operasional", "Pengolah Data dan Informasi",
             "Penelaah Teknis Kebijakan", "Pengelola Layanan Operasional")

# --- RHK and indicator texts ------------------------------------------------------------------
RHK_JPT: dict[str, tuple[str, ...]] = {
    "Penerima Layanan": ("Meningkatnya kepuasan masyarakat terhadap {t}",
                         "Meningkatnya kualitas {t} bagi masyarakat"),
    "Proses Bisnis": ("Meningkatnya efektivitas tata kelola {t}",
                      "Terwujudnya digitalisasi proses bisnis {t}"),
    "Penguatan Internal": ("Meningkatnya kapasitas aparatur pengelola {t}",
                           "Meningkatnya nilai reformasi birokrasi pada urusan {t}"),
    "Anggaran": ("Terwujudnya akuntabilitas pengelolaan anggaran {t}",
                 "Meningkatnya efisiensi belanja {t}"),
}
RHK_ADMIN = ("Meningkatnya kualitas {t}", "Tersusunnya kebijakan teknis {t}",
             "Terlaksananya pembinaan dan pengendalian {t}", "Meningkatnya capaian program {t}",
             "Terwujudnya layanan {t} yang tepat waktu")
RHK_PENGAWAS = ("Terlaksananya kegiatan {t}", "Tersusunnya rencana dan laporan kegiatan {t}",
                "Terselenggaranya pelayanan {t} yang tertib", "Tersedianya data {t} yang mutakhir",
                "Terlaksananya monitoring dan evaluasi {t}")
RHK_STAF = ("Tersusunnya dokumen {t}", "Terverifikasinya berkas usulan {t}",
            "Terkelolanya data {t}", "Tersedianya laporan {t}",
            "Terlaksananya layanan administrasi {t}", "Tersusunnya telaahan staf {t}",
            "Terlaksananya fasilitasi {t}")
RHK_TAMBAHAN = ("Terlaksananya tugas sebagai anggota tim {t}",
                "Tersusunnya bahan paparan pimpinan terkait {t}",
                "Terlaksananya tugas kepanitiaan kegiatan {t}")

# product noun, satuan, verb, target range (additive counts)
PRODUCTS: tuple[tuple[str, str, str, int, int], ...] = (
    ("dokumen", "Dokumen", "disusun", 2, 6),
    ("laporan", "Laporan", "disusun", 4, 12),
    ("berkas", "Berkas", "diverifikasi", 20, 160),
    ("kegiatan", "Kegiatan", "dilaksanakan", 2, 12),
    ("rekomendasi", "Rekomendasi", "diberikan", 2, 8),
    ("data", "Data", "dimutakhirkan", 60, 900),
    ("layanan", "Layanan", "diselesaikan", 40, 480),
)
MONEY = ("nilai realisasi anggaran", "Juta Rupiah")

KUALITATIF = ("Kualitas {p} {t} dinilai baik oleh pimpinan",
              "Tingkat penerimaan pimpinan atas {p} {t}",
              "Kualitas {p} {t} berdasarkan hasil reviu")

UNMEASURABLE = ("Melaksanakan tugas kedinasan lain yang diperintahkan pimpinan",
                "Mendukung kelancaran tugas pimpinan",
                "Berperan aktif dalam pelaksanaan program unit kerja",
                "Terlaksananya koordinasi dengan pihak terkait")
UNMEASURABLE_TARGET = ("Terlaksana", "Sesuai arahan pimpinan", "Optimal")

UMPAN_BALIK = {
    "atas": ("Capaian melampaui target, pertahankan.",
             "Kinerja sangat baik, bagikan praktik baiknya ke rekan kerja.",
             "Hasil kerja melebihi ekspektasi, lanjutkan."),
    "sesuai": ("Sudah sesuai target, tingkatkan kualitas dokumentasi.",
               "Capaian sesuai rencana, pertahankan ketepatan waktu.",
               "Baik, lengkapi bukti dukung tepat waktu."),
    "bawah": ("Capaian masih di bawah target, susun rencana perbaikan.",
              "Perlu percepatan penyelesaian pekerjaan.",
              "Target belum tercapai, koordinasikan kendala dengan atasan."),
}

EKSPEKTASI = {
    "Berorientasi Pelayanan": "Memberikan layanan yang ramah dan tuntas kepada pemangku kepentingan",
    "Akuntabel": "Menyelesaikan pekerjaan dengan jujur, cermat, dan dapat dipertanggungjawabkan",
    "Kompeten": "Terus belajar dan mengembangkan kapabilitas diri",
    "Harmonis": "Menghargai setiap rekan kerja apa pun latar belakangnya",
    "Loyal": "Menjaga nama baik instansi dan rahasia jabatan",
    "Adaptif": "Cepat menyesuaikan diri dengan perubahan proses kerja",
    "Kolaboratif": "Aktif bekerja sama dalam tim lintas unit",
}
PERILAKU_UMPAN_BALIK = ("Pertahankan.", "Sudah baik, tingkatkan inisiatif.",
                        "Perlu lebih proaktif dalam koordinasi.", "Sangat baik.",
                        "Tingkatkan ketepatan waktu kehadiran rapat.")
