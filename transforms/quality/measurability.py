"""Is an indicator measurable? A transparent rule set over the Indonesian text and its target.

Contract §5: an indicator is *not measurable* when its text names no quantity, quality, time or
cost measure **and** its target is no number. Kualitatif-approach indicators are also
measurable through a descriptive, verifiable success criterion ("diterima pimpinan tanpa
revisi"). Every decision carries its reason (``alasan``), so a finding says why.

The rules run as vectorised Polars expressions over a frame with the columns ``uraian``,
``target_teks``, ``target_min``, ``target_max``, ``satuan`` and ``pendekatan`` (any may be
null), so millions of indicators cost seconds. docs/kualitas-indikator.md lists the rules and
their precision and recall on the labelled set ``tests/data/indikator_berlabel.csv``.
"""

from __future__ import annotations

import polars as pl

# Measure words, typo-tolerant (the texts are normalised to lower case, letters and digits).
MEASURE_WORDS = (
    r"ju?m?b?lah|jml|jumblah|jumalh|jmlh|banyaknya|total|volume|frekuensi"
    r"|p[er]?[er]?sentase|prosentase|presentase|persentasi|persen|prsn|prosen|pct"
    r"|rasio|ratio|proporsi|perbandingan|indeks|index|ikm|skm|ipm|ipk|iku|nilai|skor|score"
    r"|poin|point|rata rata|rerata|rata2|tingkat|taraf|capaian|cakupan|angka"
    r"|prevalensi|insiden|peringkat|ranking|akreditasi"
    r"|waktu|durasi|kecepatan|ketepatan|hari kerja"
    r"|biaya|rupiah|rp|serapan|penyerapan|realisasi anggaran|pagu"
    r"|kuantitas|luas|panjang|kapasitas|selisih|deviasi"
)
# A number with a countable output unit inside the text ("tersusunnya 12 laporan bulanan");
# durations count only as a limit ("dalam 3 hari kerja"), not as a description ("15 menit
# sebelum pembelajaran").
COUNT_IN_TEXT = (
    r"\b\d+(?:[.,]\d+)?\s*(?:(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)\s+)?"
    r"(?:%|persen|dokumen|dok|laporan|berkas|kegiatan|kali|orang|siswa"
    r"|pasien|kasus|unit|paket|buah|lembar|eksemplar|judul|km|meter|m2|ha|hektar|ton|kg"
    r"|rekomendasi|rancangan|naskah|sk|surat|data|layanan|desa|sekolah|rombel|jp|titik|lokasi"
    r"|usulan|kelompok|poktan|ruas|rp|juta|miliar|modul|artikel|peserta|opd|kecamatan|karya"
    r"|inovasi|produk|aplikasi|kajian|telaahan|materi|konten|video|publikasi|sertifikat|izin|akta)\b"
    r"|\b(?:dalam|selama|paling lambat|maksimal|maks|kurang dari|tidak lebih dari|setiap)\s+"
    r"\d+\s*(?:hari|hr|minggu|bulan|bln|jam|menit|tahun)\b"
)
# Where a measure word counts: at the head of the indicator, or introduced as its measure.
HEAD = (
    r"^(?:(?:meningkatnya|menurunnya|tercapainya|terpenuhinya|terjaganya|peningkatan|penurunan"
    r"|capaian|target|realisasi)\s+)?"
)
INTRODUCED = r"\b(?:dengan|sebesar|sebanyak|mencapai|minimal|paling sedikit|berdasarkan)\s+"
# Numbers that are references, not measures: "Perbup No 12 Tahun 2020", "Pasal 5".
REFERENCE_NUMBER = (
    r"\b(?:no|nomor|nomer|tahun|thn|th|pasal|ayat|uu|pp|perda|perbup|perwal|permen\w*"
    r"|perpres|inpres|se|kep\w*)\s*\.?\s*\d+"
)
NUMBER_WORDS = (
    r"\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus"
    r"|seribu|belas|puluh|ratus|setiap bulan|tiap bulan|per bulan|triwulan)\b"
)
# A descriptive, verifiable success criterion (the Kualitatif approach).
CRITERION = (
    r"diterima|disetujui|disahkan|ditetapkan|ditandatangani|ditindaklanjuti|tindak lanjut"
    r"|dipublikasikan|diterbitkan|terbit|dinyatakan|diverifikasi|terverifikasi|diterapkan"
    r"|dimanfaatkan|digunakan|diakui|tersertifikasi|bersertifikat|terakreditasi|selaras|verifikasi"
    r"|tanpa revisi|tanpa koreksi|tanpa catatan|tanpa kesalahan|tanpa temuan|tanpa keluhan"
    r"|tidak ada (?:keluhan|temuan|kesalahan|revisi|komplain|catatan)|zero|nihil"
    r"|sesuai (?:standar|sop|ketentuan|juknis|juklak|pedoman|regulasi|peraturan|kaidah|format"
    r"|kriteria|spesifikasi|rencana|jadwal|target|tenggat|batas waktu|klasifikasi)"
    r"|hasil (?:reviu|review|evaluasi|penilaian|audit|supervisi|verifikasi|pengawasan|uji)"
    r"|lulus|memenuhi|dinilai|opini|wtp|predikat|akreditasi|kategori|penghargaan"
    r"|umpan balik positif|minimal|paling (?:sedikit|lambat)|sebelum tanggal"
)
# Kualitatif: a result someone else acknowledges, in the passive ("diadopsi dalam Perda",
# "diparaf pengendali teknis") or as an outcome verb ("lolos audit", "mendapat nomor register",
# "mencapai level 3"). Passive verbs of mere execution ("dilaksanakan dengan baik") do not count.
PASSIVE_RESULT = (
    r"\b(?:lolos|lulus|mendapat|memperoleh|meraih|mencapai|tercantum|termuat|tertuang|terdaftar"
    r"|teregistrasi|tervalidasi|terunggah|terbit|terakomodasi|tanda terima|diadopsi|dituangkan|diparaf|direviu|direview|diaudit"
    r"|dievaluasi|diakomodasi|dimuat|diundangkan|diregistrasi|disepakati|dijadikan)\b"
)
EXECUTION_ONLY = r"\b(?:dilaksanakan|dilakukan|dikerjakan|diselenggarakan|dijalankan)\b"
# A target that says nothing measurable.
VAGUE_TARGET = (
    r"^(?:-+|0|baik|sangat baik|cukup|optimal|maksimal|lancar|terlaksana\w*|tercapai|sukses"
    r"|selesai|sesuai arahan(?: pimpinan)?|sesuai kebutuhan|sesuai perintah(?: pimpinan)?"
    r"|ada|ya|berjalan(?: baik| lancar)?|memuaskan|efektif|efisien|kondusif|tertib|aman)$"
)


def normalised(col: str) -> pl.Expr:
    """Lower case, letters/digits/%/, and . kept, everything else one space."""
    return (
        pl.col(col)
        .cast(pl.String)
        .fill_null("")
        .str.to_lowercase()
        .str.replace_all(r"[^0-9a-z%.,]+", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars(" .,")
    )


INPUTS = ("uraian", "target_teks", "satuan", "pendekatan", "target_min", "target_max")


def _with_inputs(frame: pl.DataFrame) -> pl.DataFrame:
    for c in ("uraian", "target_teks", "satuan", "pendekatan"):
        if c not in frame.columns:
            frame = frame.with_columns(pl.lit(None, pl.String).alias(c))
    for c in ("target_min", "target_max"):
        if c not in frame.columns:
            frame = frame.with_columns(pl.lit(None, pl.Float64).alias(c))
    return frame


def _features_of(keys: pl.DataFrame) -> pl.DataFrame:
    """The decision's parts for distinct inputs (normalised texts computed once)."""
    norm = keys.with_columns(
        normalised("uraian").alias("_u"), normalised("target_teks").alias("_t"),
        normalised("satuan").alias("_s"), normalised("pendekatan").alias("_p"),
    ).with_columns(
        pl.col("_u").str.replace_all(REFERENCE_NUMBER, " ").alias("_u_nr"),
        pl.col("_t").str.replace_all(REFERENCE_NUMBER, " ").alias("_t_nr"),
    )
    text, target = pl.col("_u"), pl.col("_t")
    return norm.with_columns(
        (
            text.str.contains(rf"{HEAD}(?:{MEASURE_WORDS})\b")
            | text.str.contains(rf"{INTRODUCED}(?:{MEASURE_WORDS})\b")
            | pl.col("_u_nr").str.contains(COUNT_IN_TEXT)
        ).alias("ukuran_teks"),
        (
            pl.col("target_min").is_not_null()
            | pl.col("target_max").is_not_null()
            | (pl.col("_t_nr").str.contains(r"\d") & ~target.str.contains(r"^0+(?:[.,]0+)?$"))
            | target.str.contains(NUMBER_WORDS)
        ).alias("target_angka"),
        (
            (text.str.contains(CRITERION) | target.str.contains(CRITERION)
             | text.str.contains(PASSIVE_RESULT) | target.str.contains(PASSIVE_RESULT))
            & ~target.str.contains(VAGUE_TARGET)
            | (pl.col("_s").str.contains(r"^(?:nilai|skor|indeks|predikat|opini)$")
               & pl.col("_t_nr").str.contains(r"\d"))
        ).alias("kriteria"),
        pl.col("_p").str.starts_with("kualitatif").alias("kualitatif"),
        target.alias("_target_norm"),
    ).drop("_u", "_t", "_s", "_p", "_u_nr", "_t_nr")


def features(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with the decision's parts: ``ukuran_teks`` (a measure named in the text),
    ``target_angka`` (a numeric target), ``kriteria`` (a verifiable criterion) and
    ``kualitatif`` (the Kualitatif approach). Computed once per distinct input: SKP texts
    repeat across employees."""
    frame = _with_inputs(frame)
    keys = frame.select(
        *(pl.col(c).cast(pl.String) for c in ("uraian", "target_teks", "satuan", "pendekatan")),
        pl.col("target_min").is_not_null().alias("_ada_min"),
        pl.col("target_max").is_not_null().alias("_ada_max"),
    ).unique()
    parts = _features_of(keys.with_columns(
        pl.when(pl.col("_ada_min")).then(pl.lit(1.0)).alias("target_min"),
        pl.when(pl.col("_ada_max")).then(pl.lit(1.0)).alias("target_max"),
    )).drop("target_min", "target_max")
    on = ["uraian", "target_teks", "satuan", "pendekatan", "_ada_min", "_ada_max"]
    joined = frame.with_columns(
        *(pl.col(c).cast(pl.String) for c in ("uraian", "target_teks", "satuan", "pendekatan")),
        pl.col("target_min").is_not_null().alias("_ada_min"),
        pl.col("target_max").is_not_null().alias("_ada_max"),
    ).join(parts, on=on, how="left", nulls_equal=True, maintain_order="left")
    return joined.drop("_ada_min", "_ada_max")


def judge(frame: pl.DataFrame) -> pl.DataFrame:
    """Add ``terukur`` (bool) and ``alasan`` (Indonesian: why) to an indicator frame."""
    f = features(frame)
    measurable = pl.col("ukuran_teks") | pl.col("target_angka") | (
        pl.col("kualitatif") & pl.col("kriteria")
    )
    target_said = (
        pl.when(pl.col("_target_norm") == "")
        .then(pl.lit("target kosong"))
        .otherwise(pl.lit("target '") + pl.col("target_teks").cast(pl.String) + pl.lit("' bukan angka"))
    )
    reason = (
        pl.when(pl.col("ukuran_teks") & pl.col("target_angka"))
        .then(pl.lit("teks menyebut ukuran dan target berupa angka"))
        .when(pl.col("ukuran_teks"))
        .then(pl.lit("teks menyebut ukuran (kuantitas/kualitas/waktu/biaya)"))
        .when(pl.col("target_angka"))
        .then(pl.lit("target berupa angka"))
        .when(pl.col("kualitatif") & pl.col("kriteria"))
        .then(pl.lit("pendekatan kualitatif dengan kriteria keberhasilan yang dapat diverifikasi"))
        .when(pl.col("kualitatif"))
        .then(
            pl.lit("pendekatan kualitatif tanpa kriteria keberhasilan yang dapat diverifikasi, ")
            + target_said
        )
        .otherwise(
            pl.lit("tidak ada ukuran kuantitas/kualitas/waktu/biaya dalam teks dan ") + target_said
        )
    )
    return f.with_columns(measurable.alias("terukur"), reason.alias("alasan")).drop("_target_norm")


def is_measurable(uraian: str | None, target_teks: str | None = None, *,
                  target_min: float | None = None, target_max: float | None = None,
                  satuan: str | None = None, pendekatan: str | None = None) -> tuple[bool, str]:
    """One indicator: (measurable, reason). For tests and explanations."""
    row = pl.DataFrame(
        {"uraian": [uraian], "target_teks": [target_teks], "target_min": [target_min],
         "target_max": [target_max], "satuan": [satuan], "pendekatan": [pendekatan]},
        schema={"uraian": pl.String, "target_teks": pl.String, "target_min": pl.Float64,
                "target_max": pl.Float64, "satuan": pl.String, "pendekatan": pl.String},
    )
    out = judge(row).row(0, named=True)
    return bool(out["terukur"]), str(out["alasan"])
