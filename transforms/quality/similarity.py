"""Is an RHK a copy of the leader's RHK it intervenes? (issue 9, "SKP written as a formality").

A formality SKP copies the leader's RHK text verbatim, or nearly so: different case, spacing or
punctuation, a swapped opening verb, a typo, a unit name appended ("... di Bidang Mutasi dan
Promosi"), a decorative word ("... secara efektif dan efisien"). A genuine cascaded RHK narrows
the leader's goal into the employee's own output and so brings content words of its own.

The measure
-----------
Both texts are normalised (``normalise_rhk``) and split into words. Every distinct word of a
text has a weight:

* ``BOILERPLATE`` words weigh 0.1: the opening verbs every RHK starts with (meningkatnya,
  tersusunnya, terlaksananya, ...), function words (dan, yang, di, ...), generic activity nouns
  (kegiatan, pelaksanaan, ...) and decorative qualifiers (efektif, efisien, tepat waktu, ...);
* ``GENERIC`` RHK nouns weigh 0.5 (kualitas, layanan, dokumen, laporan, daerah, ...);
* words that occur only outside the text's *core* weigh 0.1 too: a trailing unit phrase (the
  first ``LOCATIVE`` + ``UNIT_WORDS`` pair after the first two words, to the end of the text, at
  most ``MAX_SUFFIX`` words and without an ``OWN_CONTENT`` connector: "di lingkungan Pemerintah
  Kabupaten Sleman", "pada Bidang Mutasi dan Promosi"), trailing ``UNIT_ACRONYMS`` ("BKPSDM")
  and a period ("tahun 2025"): they say where or when, not what;
* every other word weighs 1: the topic and the output (kepegawaian, stunting, verifikasi, 12).

Words are matched exactly, then typo-tolerantly: an unmatched word of ``MIN_FUZZY_LEN`` or more
letters (no digits) matches the most similar unmatched word of the other text when their
``difflib.SequenceMatcher`` ratio is at least ``WORD_MATCH`` (kepegawain ~ kepegawaian 0.95,
stanting ~ stunting 0.88), or, if it has twice as many letters, two adjacent unmatched words of
the other text (a missing space: "layananjaringan"). A typo-tolerant match counts its ratio as a
fraction of the words' weight. Only pairs that share a word weighing more than boilerplate, and
have an unmatched candidate word on both sides, go through this step.

The score is the weighted, asymmetric **Tversky index** of the lighter text X in the heavier Y::

    kemiripan = shared / (shared + ALPHA * missing_X + BETA * extra_Y)

where ``shared`` is the matched weight (the mean of both sides), ``missing_X`` the unmatched
weight of X and ``extra_Y`` that of Y; ``ALPHA = 1``, ``BETA = 0.25``. ``BETA = 0`` would be the
plain containment of the shorter text in the longer, ``ALPHA = BETA = 1`` the weighted Jaccard
index. The small ``BETA`` lets "copy + a few extra words" stay a copy while a text that adds an
output of its own drops below the threshold: at ``COPY_THRESHOLD = 0.9`` the heavier text may add
at most 44 % of the shared weight and the lighter one may miss at most 11 %. On "Meningkatnya
kualitas layanan kepegawaian" (weight 2.1) a swapped opening verb (0.94), a typo (0.97), a unit
phrase (0.90-0.99) or "yang prima" (0.98) stays a copy; one new content word ("... layanan
mutasi kepegawaian", 0.89) does not, nor does "... melalui verifikasi berkas usulan mutasi"
(0.67). Texts sharing only boilerplate share almost no weight ("Tersusunnya dokumen analisis
jabatan" vs "Tersusunnya laporan keuangan bulanan": 0.03).

Why not a character measure on the whole text? ``SequenceMatcher`` over the whole normalised
texts gives "meningkatnya kualitas layanan kepegawaian" vs "... kesehatan" 0.90 (the shared
boilerplate prefix dominates) but the same RHK with "di bidang mutasi dan promosi" appended only
0.74; character trigram Jaccard gives 0.65 and 0.61, so no threshold separates the two. Character
similarity is used only where it means something, word against word, to forgive typos.

Known limits: a copy whose every content word is misspelt is not found (typo-tolerant matching
needs a shared content word); a one-letter difference between two real words (pendapatan,
pendataan) is taken for a typo, which matters only when the rest of both texts is the same; "di
bidang pendidikan" (a field, not a unit) is weighed as a unit phrase, so "Meningkatnya mutu
layanan di bidang pendidikan" and "... di bidang kesehatan" count as copies.

Scale: ``copies`` normalises each distinct text once and scores each distinct pair once; equal
and empty texts are decided without tokenising, weights and exact matches are computed with
Polars list operations, and only the typo-tolerant step (on candidate word pairs, each distinct
word pair compared once) runs in Python. ``similarity`` and ``is_copy`` run the same code on
one pair.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_DOWN, Decimal
from difflib import SequenceMatcher
from functools import lru_cache

import polars as pl

COPY_THRESHOLD: float = 0.9
"""``kemiripan >= COPY_THRESHOLD`` is a copy (inclusive; see the module docstring)."""

ALPHA: float = 1.0  # weight of the lighter text's unmatched content
BETA: float = 0.25  # weight of the heavier text's extra content
WORD_MATCH: float = 0.85  # SequenceMatcher ratio from which two words are one word misspelt
MIN_FUZZY_LEN = 4  # shorter words (and words with digits) only match exactly
BOILERPLATE_WEIGHT = 0.1
GENERIC_WEIGHT = 0.5
MAX_SUFFIX = 12  # words in a trailing unit phrase, the locative included
DIGITS = 4  # kemiripan is rounded to this many decimals (the verdict uses the rounded value)


def _words(text: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(text.split())


ABBREVIATIONS: dict[str, str] = {
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "thd": "terhadap",
    "trhdp": "terhadap",
    "dlm": "dalam",
    "utk": "untuk",
    "tdk": "tidak",
    "sbg": "sebagai",
    "krn": "karena",
    "tsb": "tersebut",
    "ttg": "tentang",
    "spt": "seperti",
    "dll": "dan lain lain",
    "dsb": "dan sebagainya",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "kel": "kelurahan",
    "prov": "provinsi",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "dilingkungan": "di lingkungan",
}

BOILERPLATE: frozenset[str] = _words(
    # opening verbs (result states) of RHK texts
    "meningkatnya meningkat peningkatan menurunnya menurun penurunan tersusunnya tersusun"
    " terlaksananya terlaksana terlaksanakannya terwujudnya terwujud tersedianya tersedia"
    " terkelolanya terkelola tercapainya tercapai terpenuhinya terpenuhi terselenggaranya"
    " terselenggara terjaganya terjaminnya terciptanya terbentuknya terlayaninya"
    " terfasilitasinya terealisasinya terlaksanakan optimalnya optimalisasi tertibnya lancarnya"
    " kelancaran efektifnya mantapnya pemantapan dilaksanakannya"
    # function words
    " dan yang di ke dari pada dalam untuk dengan bagi serta atau oleh melalui sesuai secara"
    " terhadap sebagai tentang atas akan agar guna rangka tersebut ini itu para se setiap tiap"
    " per sebesar sebanyak adalah telah lain sebagainya"
    # generic activity nouns
    " kegiatan pelaksanaan penyelenggaraan program hasil"
    # decorative qualifiers
    " baik optimal maksimal efektif efisien tepat waktu akuntabel transparan prima berkualitas"
    " profesional lancar tertib akurat cepat mudah lengkap benar valid terpadu berkelanjutan"
    " memadai ketentuan berlaku"
)
GENERIC: frozenset[str] = _words(
    "kualitas mutu kinerja layanan pelayanan dokumen laporan data capaian cakupan tingkat"
    " persentase jumlah nilai indeks angka pengelolaan penyusunan administrasi daerah masyarakat"
    " organisasi tugas fungsi urusan pemerintahan kerja rencana"
)
# A trailing unit phrase starts with a locative word followed by a unit word.
LOCATIVE: frozenset[str] = _words("di pada lingkup lingkungan")
UNIT_WORDS: frozenset[str] = _words(
    "lingkungan lingkup wilayah bidang bagian subbagian subbag sub seksi subbidang subbid"
    " sekretariat dinas badan kantor biro direktorat balai unit upt uptd satuan satker instansi"
    " opd perangkat pemerintah kabupaten kota provinsi kecamatan kelurahan desa puskesmas pustu"
    " rsud rumah sekolah sd sdn smp smpn sma sman smk smkn mi mts ma tk paud inspektorat setda"
    " dprd kementerian kemenag bkpsdm bkpsdmd bkd bkpp bpkad bpkd bapenda bappeda bpbd"
)
# Office acronyms: trailing at the end of a text they name the unit, not the result.
UNIT_ACRONYMS: frozenset[str] = _words(
    "bkpsdm bkpsdmd bkd bkpp bpkad bpkd bapenda bappeda bpbd setda dprd inspektorat rsud"
    " puskesmas dinkes disdik dispendik dpupr dpmptsp diskominfo kominfo dukcapil disdukcapil"
    " dinsos satpolpp"
)
# Connectors that introduce content of one's own: a phrase containing one is no unit phrase.
OWN_CONTENT: frozenset[str] = _words(
    "melalui dengan yang untuk berupa sebanyak sebesar dalam guna agar sehingga berdasarkan"
    " sesuai terhadap"
)

# Typographic variants: apostrophes dropped (jum'at -> jumat), quotes and dashes unified (the
# punctuation step turns them into spaces), invisible characters removed.
_TYPOGRAPHY: dict[str, str] = {
    **dict.fromkeys("'`\u2018\u2019\u201a\u201b\u2032\u02bc", ""),
    **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
    **dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", ""),
    "&": " dan ",
}
_PADDED_ABBREVIATIONS = {f" {k} ": f" {v} " for k, v in ABBREVIATIONS.items()}


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


# On normalised text (words separated by single spaces):
_ABBREVIATION_RE = rf"\b(?:{_alternation(frozenset(ABBREVIATIONS))})\b"
_PERIOD_RE = r"(?:^| )(?:tahun|ta) (?:19|20)\d\d\b"
_UNIT_PHRASE_RE = (
    rf"^(\S+ \S+ (?:\S+ )*?)(?:{_alternation(LOCATIVE)}) (?:{_alternation(UNIT_WORDS)})(?: |$)"
)
_OWN_RE = rf" (?:{_alternation(OWN_CONTENT)})(?: |$)"
_ACRONYMS_RE = rf"^(\S+ \S+(?: \S+)*?)(?: (?:{_alternation(UNIT_ACRONYMS)}))+$"

# Weights in tenths (integers): exact, order-independent sums.
_W_CONTENT = 10
_W_GENERIC = round(GENERIC_WEIGHT * 10)
_W_BOILERPLATE = round(BOILERPLATE_WEIGHT * 10)


def _normalise(texts: pl.DataFrame) -> pl.DataFrame:
    """``texts`` (a frame with the column ``_raw``) with ``_norm``, its normalised text.

    The steps of ``normalise_rhk``; NFKC and the abbreviations are applied only to the rows that
    need them (not ASCII, containing an abbreviation). The row order is not kept.
    """
    raw, t = pl.col("_raw"), pl.col("_norm")
    frame = texts.with_columns(_norm=raw.fill_null(""))
    ascii_ = t.str.contains(r"^[\x00-\x7f]*$")
    frame = pl.concat(
        [frame.filter(ascii_), frame.filter(~ascii_).with_columns(t.str.normalize("NFKC"))]
    ).with_columns(
        t.str.replace_many(_TYPOGRAPHY)
        .str.to_lowercase()
        .str.replace_all(r"(\d)\.(\d{3})\b", "${1}${2}")  # 1.200 -> 1200
        .str.replace_all(r"(\d)\.(\d{3})\b", "${1}${2}")  # 1.200.000 (overlapping matches)
        .str.replace_all(r"[\W_]+", " ")  # punctuation and runs of spaces to one space
        .str.strip_chars(" ")
    )
    # Whole-word abbreviations; twice, for adjacent ones ("dll dll").
    padded = (pl.lit(" ") + t + pl.lit(" ")).str.replace_many(_PADDED_ABBREVIATIONS)
    abbreviated = t.str.contains(_ABBREVIATION_RE)
    expanded = frame.filter(abbreviated).with_columns(
        _norm=padded.str.replace_many(_PADDED_ABBREVIATIONS).str.strip_chars(" ")
    )
    return pl.concat([frame.filter(~abbreviated), expanded])


def normalise_rhk(text: str | None) -> str:
    """Lower case, NFKC, typography unified, punctuation to spaces, abbreviations expanded."""
    return _normalise(pl.DataFrame({"_raw": [text]}, schema={"_raw": pl.String})).item(0, "_norm")


def normalised(frame: pl.DataFrame, column: str, alias: str) -> pl.DataFrame:
    """``frame`` with ``alias``: ``column`` as ``normalise_rhk`` gives it ("" for a null), each
    distinct text normalised once; the row order is kept."""
    texts = frame.select(_raw=pl.col(column).cast(pl.String)).unique()
    lookup = _normalise(texts).rename({"_raw": "_key", "_norm": alias})
    keyed = frame.with_columns(_key=pl.col(column).cast(pl.String))
    out = keyed.join(lookup, on="_key", how="left", nulls_equal=True, maintain_order="left")
    return out.drop("_key").with_columns(pl.col(alias).fill_null(""))


def _features(texts: pl.DataFrame) -> pl.DataFrame:
    """Per normalised text ``_t``: its words by weight class.

    ``all`` every word, ``c10`` the distinct content and ``c5`` the distinct generic words of the
    core (the text without its period, trailing unit phrase and trailing office acronyms),
    ``total`` the text's weight in tenths. Every other word (a boilerplate word, or one found
    only outside the core) weighs as boilerplate.
    """
    lean, core, words = pl.col("_lean"), pl.col("_core"), pl.element()
    texts = texts.with_columns(
        _lean=pl.col("_t").str.replace_all(_PERIOD_RE, "").str.strip_chars(" ")
    )
    has_phrase = lean.str.contains(_UNIT_PHRASE_RE)
    head = lean.str.extract(_UNIT_PHRASE_RE, 1)
    phrase = lean.str.slice(head.str.len_chars())
    unit_phrase = (phrase.str.count_matches(" ") < MAX_SUFFIX) & ~phrase.str.contains(_OWN_RE)
    cut = texts.filter(has_phrase).with_columns(
        _core=pl.when(unit_phrase).then(head.str.strip_chars_end(" ")).otherwise(lean)
    )
    texts = pl.concat([texts.filter(~has_phrase).with_columns(_core=lean), cut])
    feats = texts.with_columns(
        _core=core.str.extract(_ACRONYMS_RE, 1).fill_null(core).str.split(" "),
        all=pl.col("_t").str.split(" "),
    ).with_columns(
        c10=core.list.eval(
            words.filter(~words.is_in(sorted(BOILERPLATE | GENERIC)) & (words != ""))
        ).list.unique(),
        c5=core.list.eval(words.filter(words.is_in(sorted(GENERIC)))).list.unique(),
    )
    n10, n5 = pl.col("c10").list.len(), pl.col("c5").list.len()
    rest = pl.col("all").list.n_unique() - n10 - n5
    total = _W_CONTENT * n10 + _W_GENERIC * n5 + _W_BOILERPLATE * rest
    return feats.select("_t", "all", "c10", "c5", total=total.cast(pl.Int64))


def _fuzzy_words(words: pl.Expr) -> pl.Expr:
    """The words that may match typo-tolerantly (``MIN_FUZZY_LEN`` letters or more, no digit)."""
    w = pl.element()
    return words.list.eval(w.filter((w.str.len_chars() >= MIN_FUZZY_LEN) & ~w.str.contains(r"\d")))


@lru_cache(maxsize=500_000)
def _word_ratio(a: str, b: str) -> float:
    """SequenceMatcher ratio of two words (0 when it cannot reach ``WORD_MATCH``)."""
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < WORD_MATCH or m.quick_ratio() < WORD_MATCH:
        return 0.0
    return m.ratio()


def _can_match(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    """Can the ratio of the two words reach ``WORD_MATCH``? (it is at most 2·min / sum)."""
    la, lb = a.str.len_chars(), b.str.len_chars()
    return 2 * pl.min_horizontal(la, lb) >= WORD_MATCH * (la + lb)


def _matches(candidates: pl.DataFrame, a: str, b: str) -> pl.DataFrame:
    """The ``candidates`` whose words ``a`` and ``b`` match, with their ratio ``r``."""
    pairs = candidates.select(a, b).unique()
    ratios = [_word_ratio(x, y) for x, y in pairs.iter_rows()]
    pairs = pairs.with_columns(r=pl.Series(ratios, dtype=pl.Float64))
    return candidates.join(pairs.filter(pl.col("r") >= WORD_MATCH), on=[a, b])


def _adjacent(pairs: pl.DataFrame, text: str, free: pl.DataFrame) -> pl.DataFrame:
    """Adjacent, different words ``u``, ``v`` (position ``pos``) of ``text``, both in ``free``."""
    seq = (
        pairs.select("_pid", u=pl.col(text).str.split(" "))
        .with_columns(pos=pl.int_ranges(pl.col("u").list.len(), dtype=pl.Int32))
        .explode("u", "pos")
        .with_columns(v=pl.col("u").shift(-1), _same=pl.col("_pid").shift(-1) == pl.col("_pid"))
        .filter(pl.col("_same") & (pl.col("u") != pl.col("v")))
    )
    return seq.join(free.rename({"w": "u"}), on=["_pid", "u"], how="semi").join(
        free.rename({"w": "v"}), on=["_pid", "v"], how="semi"
    )


def _fuzzy(pairs: pl.DataFrame) -> pl.DataFrame:
    """Typo-tolerant matches among the unmatched words: extra shared weight ``fx``, ``fy``.

    Candidates are found with Polars (each distinct word pair compared once); the greedy
    assignment runs in Python for the pairs that have one: the words of x in sorted order, each
    to its most similar free word of y (the first in sorted order on a tie); then x's long free
    words against two adjacent free words of y (the first in text order), then the reverse.
    """
    open_x = pairs.select("_pid", w=pl.col("xa").list.set_difference("ya")).explode("w")
    open_y = pairs.select("_pid", w=pl.col("ya").list.set_difference("xa")).explode("w")
    fuzzy_ok = (pl.col("w").str.len_chars() >= MIN_FUZZY_LEN) & ~pl.col("w").str.contains(r"\d")
    cand_x, cand_y = open_x.filter(fuzzy_ok), open_y.filter(fuzzy_ok)
    single = cand_x.rename({"w": "a"}).join(cand_y.rename({"w": "b"}), on="_pid")
    single = _matches(single.filter(_can_match(pl.col("a"), pl.col("b"))), "a", "b")
    long_ = pl.col("w").str.len_chars() >= 2 * MIN_FUZZY_LEN
    split = {}
    for side, words, text, free in (("x", cand_x, "_y", open_y), ("y", cand_y, "_x", open_x)):
        cand = words.filter(long_).join(_adjacent(pairs, text, free), on="_pid")
        cand = cand.with_columns(uv=pl.col("u") + pl.col("v"))
        split[side] = _matches(cand.filter(_can_match(pl.col("w"), pl.col("uv"))), "w", "uv")
    found = pl.concat([single.select("_pid"), *(s.select("_pid") for s in split.values())])
    found = found.unique()
    schema = {"_pid": pairs.schema["_pid"], "fx": pl.Float64, "fy": pl.Float64}
    if found.height == 0:
        return pl.DataFrame(schema=schema)

    by_pid: dict[int, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for pid, a, b, r in single.select("_pid", "a", "b", "r").iter_rows():
        by_pid[pid]["single"].append((a, b, r))
    for side, frame in split.items():
        for pid, w, pos, u, v, r in frame.select("_pid", "w", "pos", "u", "v", "r").iter_rows():
            by_pid[pid][side].append((w, pos, u, v, r))
    rows = pairs.join(found, on="_pid", how="semi").join(
        open_x.group_by("_pid").agg(ox="w"), on="_pid"
    ).join(open_y.group_by("_pid").agg(oy="w"), on="_pid")
    out = []
    for pid, ox, oy, x10, x5, y10, y5 in rows.select(
        "_pid", "ox", "oy", "xc10", "xc5", "yc10", "yc5"
    ).iter_rows():
        wx = {**{w: _W_BOILERPLATE for w in ox}, **dict.fromkeys(x5, _W_GENERIC)}
        wx.update(dict.fromkeys(x10, _W_CONTENT))
        wy = {**{w: _W_BOILERPLATE for w in oy}, **dict.fromkeys(y5, _W_GENERIC)}
        wy.update(dict.fromkeys(y10, _W_CONTENT))
        out.append((pid, *_assign(by_pid[pid], set(ox), set(oy), wx, wy)))
    return pl.DataFrame(out, schema=schema, orient="row")


def _assign(
    cands: dict[str, list[tuple]],
    free_x: set[str],
    free_y: set[str],
    wx: dict[str, int],
    wy: dict[str, int],
) -> tuple[float, float]:
    """Greedy typo-tolerant assignment for one pair (see ``_fuzzy``): shared weight per side."""
    sx = sy = 0.0
    single: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for a, b, r in cands["single"]:
        single[a].append((b, r))
    for a in sorted(single):
        best, best_r = "", 0.0
        for b, r in sorted(single[a]):
            if b in free_y and r > best_r:
                best, best_r = b, r
        if best:
            sx += wx[a] * best_r
            sy += wy[best] * best_r
            free_x.discard(a)
            free_y.discard(best)
    for side in ("x", "y"):
        free_w, free_uv = (free_x, free_y) if side == "x" else (free_y, free_x)
        w_w, w_uv = (wx, wy) if side == "x" else (wy, wx)
        split: dict[str, list[tuple[int, str, str, float]]] = defaultdict(list)
        for w, pos, u, v, r in cands[side]:
            split[w].append((pos, u, v, r))
        for w in sorted(split):
            if w not in free_w:
                continue
            for _, u, v, r in sorted(split[w]):
                if u in free_uv and v in free_uv:
                    own, other = w_w[w] * r, (w_uv[u] + w_uv[v]) * r
                    sx, sy = (sx + own, sy + other) if side == "x" else (sx + other, sy + own)
                    free_w.discard(w)
                    free_uv.difference_update((u, v))
                    break
    return sx, sy


def _scores(pairs: pl.DataFrame) -> pl.DataFrame:
    """kemiripan ``_k`` of distinct pairs ``_x``, ``_y`` of different non-empty normalised texts."""
    texts = pl.concat([pairs.get_column("_x"), pairs.get_column("_y")]).unique().to_frame("_t")
    feats = _features(texts)
    side = {"all": "{}a", "c10": "{}c10", "c5": "{}c5", "total": "t{}"}
    side_x = feats.rename({"_t": "_x", **{k: v.format("x") for k, v in side.items()}})
    side_y = feats.rename({"_t": "_y", **{k: v.format("y") for k, v in side.items()}})
    xa, ya = pl.col("xa"), pl.col("ya")

    def hits(words: str, other: pl.Expr) -> pl.Expr:
        return pl.col(words).list.set_intersection(other).list.len().cast(pl.Int64)

    pairs = (
        pairs.with_row_index("_pid")
        .join(side_x, on="_x")
        .join(side_y, on="_y")
        .with_columns(
            common=xa.list.set_intersection(ya).list.len().cast(pl.Int64),
            a10=hits("xc10", ya), a5=hits("xc5", ya), b10=hits("yc10", xa), b5=hits("yc5", xa),
        )
        .with_columns(
            sx=_W_CONTENT * pl.col("a10") + _W_GENERIC * pl.col("a5")
            + _W_BOILERPLATE * (pl.col("common") - pl.col("a10") - pl.col("a5")),
            sy=_W_CONTENT * pl.col("b10") + _W_GENERIC * pl.col("b5")
            + _W_BOILERPLATE * (pl.col("common") - pl.col("b10") - pl.col("b5")),
        )
    )
    # Typo-tolerant matching only for pairs that share a word weighing more than boilerplate and
    # have an unmatched candidate word on both sides.
    gate = pl.sum_horizontal("a10", "a5", "b10", "b5") > 0
    todo = pairs.filter(gate).filter(
        (_fuzzy_words(xa.list.set_difference(ya)).list.len() > 0)
        & (_fuzzy_words(ya.list.set_difference(xa)).list.len() > 0)
    )
    fuzzy = _fuzzy(todo.select("_pid", "_x", "_y", "xa", "ya", "xc10", "xc5", "yc10", "yc5"))
    sx = pl.col("sx") + pl.col("fx").fill_null(0.0)
    sy = pl.col("sy") + pl.col("fy").fill_null(0.0)
    miss_x = (pl.col("tx") - sx).clip(lower_bound=0.0)
    miss_y = (pl.col("ty") - sy).clip(lower_bound=0.0)
    x_lighter, y_lighter = pl.col("tx") < pl.col("ty"), pl.col("ty") < pl.col("tx")
    short = pl.when(x_lighter).then(miss_x).when(y_lighter).then(miss_y)
    short = short.otherwise(pl.min_horizontal(miss_x, miss_y))
    long_ = pl.when(x_lighter).then(miss_y).when(y_lighter).then(miss_x)
    long_ = long_.otherwise(pl.max_horizontal(miss_x, miss_y))
    shared = (sx + sy) / 2
    denom = shared + ALPHA * short + BETA * long_
    score = pl.when(denom > 0).then(pl.min_horizontal(shared / denom, 1.0)).otherwise(0.0)
    return pairs.join(fuzzy, on="_pid", how="left").select("_x", "_y", _k=score.round(DIGITS))


def copies(frame: pl.DataFrame, left: str, right: str) -> pl.DataFrame:
    """``frame`` with ``kemiripan`` (Float64) and ``salinan`` (Boolean) for each left/right pair.

    Each distinct text is normalised once and each distinct pair of normalised texts (in either
    order) scored once; equal (1.0) and empty (0.0) texts are decided without tokenising.
    """
    keys = {"_a": pl.col(left).cast(pl.String), "_b": pl.col(right).cast(pl.String)}
    pairs = frame.select(**keys).unique()
    texts = pl.concat([pairs.get_column("_a"), pairs.get_column("_b")]).drop_nulls().unique()
    lookup = _normalise(texts.to_frame("_raw"))
    pairs = (
        pairs.join(lookup.rename({"_raw": "_a", "_norm": "_na"}), on="_a", how="left")
        .join(lookup.rename({"_raw": "_b", "_norm": "_nb"}), on="_b", how="left")
        .with_columns(pl.col("_na", "_nb").fill_null(""))
        .with_columns(_x=pl.min_horizontal("_na", "_nb"), _y=pl.max_horizontal("_na", "_nb"))
    )
    decided = (
        pairs.select("_x", "_y")
        .unique()
        .with_columns(
            _k=pl.when((pl.col("_x") == "") | (pl.col("_y") == ""))
            .then(0.0)
            .when(pl.col("_x") == pl.col("_y"))
            .then(1.0)
        )
    )
    todo = decided.filter(pl.col("_k").is_null()).select("_x", "_y")
    decided = pl.concat([decided.filter(pl.col("_k").is_not_null()), _scores(todo)])
    pairs = pairs.join(decided, on=["_x", "_y"], how="left").select("_a", "_b", "_k")
    out = frame.with_columns(**keys).join(
        pairs, on=["_a", "_b"], how="left", nulls_equal=True, maintain_order="left"
    )
    return out.drop("_a", "_b").with_columns(
        kemiripan=pl.col("_k"), salinan=pl.col("_k") >= COPY_THRESHOLD
    ).drop("_k")


def similarity(a: str | None, b: str | None) -> float:
    """kemiripan in [0, 1] of two RHK texts (1 = equal after normalisation; symmetric).

    One pair costs some milliseconds of Polars overhead: score many pairs with ``copies``.
    """
    pair = pl.DataFrame({"a": [a], "b": [b]}, schema={"a": pl.String, "b": pl.String})
    return copies(pair, "a", "b").item(0, "kemiripan")


def _decimal(score: float) -> str:
    """0,93: two decimals, truncated (a score under the threshold never reads as reaching it)."""
    truncated = Decimal(repr(score)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return str(truncated).replace(".", ",")


def is_copy(a: str | None, b: str | None) -> tuple[bool, float, str]:
    """(copied?, kemiripan, alasan) for one pair of RHK texts."""
    na, nb = normalise_rhk(a), normalise_rhk(b)
    if not na or not nb:
        return False, 0.0, "teks kosong"
    if na == nb:
        return True, 1.0, "sama persis setelah normalisasi"
    score = similarity(a, b)
    if score >= COPY_THRESHOLD:
        return True, score, f"hampir sama (kemiripan {_decimal(score)})"
    return False, score, f"berbeda (kemiripan {_decimal(score)})"
