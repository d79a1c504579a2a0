"""Normalise one raw table into typed staging, quarantining what cannot be normalised.

Pipeline for table ``t`` (all in DuckDB, one pass of SQL per step):

1. ``parsed_t``: every raw cell parsed by the macros of ``sql/macros.sql``; each row carries
   ``_masalah``, a list of problems ``{kode, kolom, pesan}`` (empty = clean).
2. Duplicate keys among clean rows: the first occurrence (file, row order) is kept.
3. Hard references (``contract.Reference.hard``): a missing target quarantines the row.
4. ``stg.t`` receives the clean rows; ``audit.karantina`` the others, with their original text;
   ``audit.rekonsiliasi`` one row ``dibaca = diterima + dikarantina``; ``audit.catatan_baca``
   the readers' notes on rows they altered (encoding repaired).

Each step is idempotent per table (delete-then-insert), so a table can be re-staged alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from transforms import intermediate
from transforms.audit import ensure_schema
from transforms.contract import ENUMS, TABLE_BY_NAME, Column, Reference, Table, enum_lookup
from transforms.sqlfiles import install_macros, sql_literal

SQL_TYPES = {
    "str": "VARCHAR",
    "nip": "VARCHAR",
    "periode": "VARCHAR",
    "enum": "VARCHAR",
    "int": "BIGINT",
    "num": "DOUBLE",
    "date": "DATE",
}

# Quarantine reason codes (documented in docs/karantina.md).
REASONS: dict[str, str] = {
    "BARIS_RUSAK": "Baris tidak dapat dibaca sebagai rekaman",
    "KOLOM_WAJIB_KOSONG": "Kolom wajib kosong",
    "NIP_TIDAK_VALID": "NIP tidak valid",
    "ANGKA_TIDAK_VALID": "Bukan angka",
    "BILANGAN_BULAT_TIDAK_VALID": "Bukan bilangan bulat",
    "TANGGAL_TIDAK_VALID": "Bukan tanggal yang dikenali",
    "PERIODE_TIDAK_VALID": "Periode tidak dikenali",
    "NILAI_TIDAK_DIKENAL": "Nilai di luar daftar yang diizinkan",
    "KUNCI_DUPLIKAT": "Kunci duplikat",
    "REFERENSI_TIDAK_ADA": "Merujuk data yang tidak ada",
    "INDUK_DIKARANTINA": "Data induk dikarantina",
}


@dataclass(frozen=True)
class StageResult:
    table: str
    dibaca: int
    diterima: int
    dikarantina: int


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


PROBLEM_LIST = "STRUCT(kode VARCHAR, kolom VARCHAR, pesan VARCHAR)[]"  # type of ``_masalah``


def _problem(kode: str, kolom: str | None, pesan_sql: str) -> str:
    kolom_sql = sql_literal(kolom) if kolom else "NULL::VARCHAR"
    return f"{{'kode': {sql_literal(kode)}, 'kolom': {kolom_sql}, 'pesan': {pesan_sql}}}"


def _quoted_value(raw: str) -> str:
    """SQL text expression: the raw value quoted for a message, e.g. 'Sangat Bagus'."""
    return f"'''' || {raw} || ''''"


def _jenis_expr(table: Table, col: Column) -> str:
    """PNS/PPPK for the NIP check where the row says it (pegawai.nip), else NULL."""
    if table.name == "pegawai" and col.name == "nip":
        return enum_expr("jenis_asn", "r.jenis_asn")
    return "NULL"


def _parse_expr(col: Column, raw: str) -> str:
    """SQL expression turning the raw text of ``col`` into its typed value (NULL if invalid).

    NIPs are handled by the caller (digits kept only when ``nip_problem`` is NULL).
    """
    if col.type == "num":
        return f"parse_num({raw})"
    if col.type == "int":
        return f"parse_int({raw})"
    if col.type == "date":
        return f"parse_date({raw})"
    if col.type == "periode":
        return f"parse_periode({raw})"
    if col.type == "enum":
        assert col.enum is not None
        return enum_expr(col.enum, raw)
    return raw


def enum_expr(enum: str, raw: str) -> str:
    whens = " ".join(
        f"WHEN {sql_literal(k)} THEN {sql_literal(v)}" for k, v in sorted(enum_lookup(enum).items())
    )
    return f"(CASE enum_key({raw}) {whens} END)"


_INVALID = {
    "num": ("ANGKA_TIDAK_VALID", "bukan angka"),
    "int": ("BILANGAN_BULAT_TIDAK_VALID", "bukan bilangan bulat"),
    "date": (
        "TANGGAL_TIDAK_VALID",
        "bukan tanggal yang dikenali (contoh sah: 2025-12-31, 31/12/2025, 31 Desember 2025)",
    ),
    "periode": (
        "PERIODE_TIDAK_VALID",
        "bukan periode yang dikenali (contoh sah: 2025, 2025-TW1, 2025-01)",
    ),
}


def _column_problems(col: Column, raw: str, parsed: str, nip_problem: str) -> list[tuple[str, str]]:
    """(condition, problem struct) pairs for one column."""
    out: list[tuple[str, str]] = []
    name = col.name
    if col.required:
        out.append(
            (f"{raw} IS NULL", _problem("KOLOM_WAJIB_KOSONG", name, sql_literal(f"kolom wajib '{name}' kosong")))
        )
    if col.type == "str":
        return out
    if col.type == "nip":
        pesan = f"'NIP ' || {_quoted_value(raw)} || ' di kolom {name}: ' || {nip_problem}"
        out.append((f"{nip_problem} IS NOT NULL", _problem("NIP_TIDAK_VALID", name, pesan)))
        return out
    if col.type == "enum":
        assert col.enum is not None
        kode, what = "NILAI_TIDAK_DIKENAL", "bukan nilai yang diizinkan (" + ", ".join(ENUMS[col.enum]) + ")"
    else:
        kode, what = _INVALID[col.type]
    pesan = f"'nilai ' || {_quoted_value(raw)} || ' di kolom {name} {what.replace(chr(39), chr(39) * 2)}'"
    out.append((f"{raw} IS NOT NULL AND {parsed} IS NULL", _problem(kode, name, pesan)))
    return out


def parse_sql(table: Table) -> str:
    """CREATE statement for ``parsed_<table>`` from ``raw_<table>``.

    The inner query parses each cell once (``v__<col>``, and ``m__<col>`` = the NIP problem);
    the outer query casts the values and lists the row's problems from them.
    """
    inner: list[str] = []
    selects: list[str] = []
    problems: list[tuple[str, str]] = []
    for col in table.columns:
        name = col.name
        raw, parsed, nip_problem = f"v.{_q(name)}", f"v.{_q('v__' + name)}", f"v.{_q('m__' + name)}"
        if col.type == "nip":
            inner.append(f"nip_problem(r.{_q(name)}, {_jenis_expr(table, col)}) AS {_q('m__' + name)}")
            value = f"CASE WHEN {nip_problem} IS NULL THEN nip_digits({raw}) END"
        elif col.type == "str":
            value = raw
        else:
            inner.append(f"{_parse_expr(col, 'r.' + _q(name))} AS {_q('v__' + name)}")
            value = parsed
        selects.append(f"CAST({value} AS {SQL_TYPES[col.type]}) AS {_q(name)}")
        problems.extend(_column_problems(col, raw, parsed, nip_problem))
    broken = _problem("BARIS_RUSAK", None, "v._cacat")
    # Most rows have no problem: the list is built only for rows where some condition holds.
    listed = ""
    if problems:
        any_problem = " OR ".join(f"({c})" for c, _ in problems)
        each = ",\n    ".join(f"CASE WHEN {c} THEN {p} END" for c, p in problems)
        listed = f"\n  WHEN {any_problem} THEN list_filter([\n    {each}\n  ], lambda p: p IS NOT NULL)"
    return (
        f"CREATE OR REPLACE TABLE parsed_{table.name} AS\n"
        f"WITH v AS (SELECT r.*,\n  " + ",\n  ".join(inner or ["NULL AS _tidak_ada"]) + f"\n  FROM raw_{table.name} r)\n"
        "SELECT v._sumber, v._baris, v._ekstra,\n  "
        + ",\n  ".join(selects)
        + f",\n  CASE WHEN v._cacat IS NOT NULL THEN [{broken}]{listed}"
        + f"\n  ELSE []::{PROBLEM_LIST} END AS _masalah\n"
        "FROM v"
    )


def _add_problem_sql(table: Table, where: str, problem: str, using: str = "") -> str:
    return (
        f"UPDATE parsed_{table.name} AS t SET _masalah = list_append(t._masalah, {problem})"
        f"{using} WHERE len(t._masalah) = 0 AND {where}"
    )


def duplicate_sql(table: Table) -> str:
    """Mark clean rows whose key repeats an earlier clean row."""
    key = ", ".join(_q(c) for c in table.key)
    key_text = " || ', ' || ".join(f"CAST({_q(c)} AS VARCHAR)" for c in table.key)
    pesan = (
        f"'kunci ({', '.join(table.key)}) = ' || d.kunci || ' sudah ada di ' || d.pertama"
        " || '; baris ini tidak dipakai'"
    )
    same = " AND ".join(f"p.{_q(c)} IS NOT DISTINCT FROM k.{_q(c)}" for c in table.key)
    # Only keys that repeat are ranked: a hash aggregate finds them, so the window sorts a few
    # rows instead of the whole table (which spills at a million ASN).
    return (
        f"WITH k AS (SELECT {key} FROM parsed_{table.name} WHERE len(_masalah) = 0\n"
        f"  GROUP BY {key} HAVING count(*) > 1),\n"
        f"d AS (SELECT _sumber, _baris, {key_text} AS kunci,\n"
        f"  row_number() OVER w AS ke, first_value(_sumber || ' baris ' || _baris) OVER w AS pertama\n"
        f"  FROM parsed_{table.name} AS p SEMI JOIN k ON {same} WHERE len(_masalah) = 0\n"
        f"  WINDOW w AS (PARTITION BY {key} ORDER BY _sumber, _baris))\n"
        + _add_problem_sql(
            table,
            "t._sumber = d._sumber AND t._baris = d._baris AND d.ke > 1",
            _problem("KUNCI_DUPLIKAT", ",".join(table.key), pesan),
            using=" FROM d",
        )
    )


def reference_sql(table: Table, ref: Reference) -> str:
    """Mark clean rows whose hard reference has no clean target row."""
    target = TABLE_BY_NAME[ref.table]
    on = " AND ".join(f"p.{_q(tc)} = t.{_q(c)}" for c, tc in zip(ref.columns, ref.target_columns, strict=True))
    present = " AND ".join(f"t.{_q(c)} IS NOT NULL" for c in ref.columns)
    value = " || ', ' || ".join(f"t.{_q(c)}" for c in ref.columns)
    cols = ", ".join(ref.columns)
    accepted = f"parsed_{target.name} p WHERE len(p._masalah) = 0 AND {on}"
    exists_anywhere = f"EXISTS (SELECT 1 FROM parsed_{target.name} p WHERE {on})"
    missing = _problem(
        "REFERENSI_TIDAK_ADA",
        cols,
        f"'{cols} = ' || {_quoted_value(value)} || ' tidak ada di tabel {target.name}'",
    )
    quarantined = _problem(
        "INDUK_DIKARANTINA",
        cols,
        f"'{cols} = ' || {_quoted_value(value)} || ' ada di tabel {target.name} tetapi barisnya dikarantina'",
    )
    return _add_problem_sql(
        table,
        f"{present} AND NOT EXISTS (SELECT 1 FROM {accepted})",
        f"CASE WHEN {exists_anywhere} THEN {quarantined} ELSE {missing} END",
    )


def stage_table(
    con: duckdb.DuckDBPyConnection, table_name: str, *, ordered: bool = False
) -> StageResult:
    """Normalise ``raw_<table>`` into ``stg.<table>`` and ``audit.karantina``.

    Hard-reference targets must already be staged: their ``parsed_<target>`` work tables
    (typed values plus problems of every row, kept in the warehouse) tell a missing target
    from a quarantined one. ``ordered``: the raw rows were inserted in (_sumber, _baris) order
    (``RawTable.ordered``), so ``stg.<table>`` keeps it without a sort: DuckDB keeps insertion
    order (``preserve_insertion_order``) and the UPDATEs below move only rows they quarantine.
    """
    table = TABLE_BY_NAME[table_name]
    install_macros(con)
    ensure_schema(con)
    intermediate.drop_all(con)  # computed from the staged tables: no longer current
    con.execute(parse_sql(table))
    con.execute(duplicate_sql(table))
    for ref in table.references:
        if not ref.hard:
            continue
        if ref.table == table.name:
            # Self-reference (unit -> parent unit): repeat until no more rows change, so a
            # quarantined unit also quarantines its whole subtree.
            while True:
                before = _clean_count(con, table.name)
                con.execute(reference_sql(table, ref))
                if _clean_count(con, table.name) == before:
                    break
        else:
            con.execute(reference_sql(table, ref))
    keeps = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    _write_outputs(con, table, ordered and bool(keeps))
    dibaca, diterima, dikarantina = con.execute(
        "SELECT dibaca, diterima, dikarantina FROM audit.rekonsiliasi WHERE tabel = ?", [table.name]
    ).fetchall()[0]
    return StageResult(table.name, dibaca, diterima, dikarantina)


def _clean_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM parsed_{table} WHERE len(_masalah) = 0").fetchall()[0][0]


def _write_outputs(con: duckdb.DuckDBPyConnection, table: Table, ordered: bool) -> None:
    cols = ", ".join(_q(c) for c in table.column_names)
    raw_struct = ", ".join(f"{_q(c)} := r.{_q(c)}" for c in table.column_names)
    name = sql_literal(table.name)
    con.execute(
        f"CREATE OR REPLACE TABLE stg.{_q(table.name)} AS SELECT _sumber, _baris, {cols}, _ekstra "
        f"FROM parsed_{table.name} WHERE len(_masalah) = 0"
        + ("" if ordered else " ORDER BY _sumber, _baris")
    )
    con.execute(f"DELETE FROM audit.karantina WHERE tabel = {name}")
    con.execute(
        f"INSERT INTO audit.karantina SELECT {name}, p._sumber, p._baris, p._masalah[1].kode,"
        " array_to_string(list_transform(p._masalah, lambda m: m.pesan), '; '), p._masalah,"
        f" to_json(struct_pack({raw_struct}, _ekstra := r._ekstra, _cacat := r._cacat))"
        f" FROM parsed_{table.name} p JOIN raw_{table.name} r USING (_sumber, _baris)"
        " WHERE len(p._masalah) > 0 ORDER BY p._sumber, p._baris"
    )
    con.execute(f"DELETE FROM audit.catatan_baca WHERE tabel = {name}")
    con.execute(
        f"INSERT INTO audit.catatan_baca SELECT {name}, _sumber, _baris, _catatan"
        f" FROM raw_{table.name} WHERE _catatan IS NOT NULL ORDER BY _sumber, _baris"
    )
    con.execute(f"DELETE FROM audit.rekonsiliasi WHERE tabel = {name}")
    con.execute(
        f"INSERT INTO audit.rekonsiliasi SELECT {name}, count(*),"
        " count(*) FILTER (WHERE len(_masalah) = 0), count(*) FILTER (WHERE len(_masalah) > 0)"
        f" FROM parsed_{table.name}"
    )


def drop_raw(con: duckdb.DuckDBPyConnection, table_name: str) -> None:
    """Drop ``raw_<table>`` once staged: accepted rows live on typed, quarantined ones as text."""
    con.execute(f"DROP TABLE IF EXISTS raw_{TABLE_BY_NAME[table_name].name}")
