"""One structural suite per staged table, built from the contract (transforms.contract).

Schema (every contract column present), types, required columns filled, enums canonical, NIP
columns 18 digits with valid date parts, unique keys, hard references resolved: all *kritis*
(the staging quarantines every such row, so a failure means a staged table is unusable and the
run stops). Soft references (nip_penilai, nip_atasan naming nobody in the bundle) are *peringatan*: their
rows stay, their findings are ORPHAN_REFERENCE (transforms.findings). A soft reference into a
table loaded later (unit_kerja.nip_kepala → pegawai) is left to ORPHAN_REFERENCE alone: a
blocking check may only read its table and tables loaded before it.
"""

from __future__ import annotations

from expectations.checks import KRITIS, PERINGATAN, QualityCheck, descendants, meta
from transforms.contract import ENUMS, TABLES, Column, Reference, Table

# The DuckDB type of each contract type, checked on DuckDB's own typeof() of every row (cheap,
# vectorised, and exact: pandas dtypes blur integers with nulls into floats).
SQL_TYPES = {"int": "BIGINT", "num": "DOUBLE", "date": "DATE"}
TYPE_COLUMN = "_tipe_salah"  # the columns of a row whose type is not the contract's


def _ref_alias(i: int) -> str:
    return f"_rujukan_{i}"


def _reference_sql(table: Table, i: int, ref: Reference) -> str:
    on = " AND ".join(f"t.{tc} = s.{c}" for c, tc in zip(ref.columns, ref.target_columns, strict=True))
    filled = " AND ".join(f"s.{c} IS NOT NULL" for c in ref.columns)
    return (f"(NOT ({filled}) OR EXISTS (SELECT 1 FROM stg.{ref.table} AS t WHERE {on}))"
            f" AS {_ref_alias(i)}")


def checked_references(table: Table) -> list[Reference]:
    """The references the suite checks: all but soft ones into tables loaded later
    (unit_kerja.nip_kepala → pegawai), which ORPHAN_REFERENCE reports instead."""
    late = descendants(table.name)
    return [r for r in table.references if r.table not in late]


def _type_mismatch_sql(table: Table) -> str:
    """The contract columns whose DuckDB type differs from the contract's, comma-separated
    (NULL when every column has its type): one expectation per table instead of one per
    column, since a column's type is the same on every row."""
    cases = ", ".join(
        f"CASE WHEN typeof(s.{c.name}) <> '{SQL_TYPES.get(c.type, 'VARCHAR')}' THEN '{c.name}' END"
        for c in table.columns
    )
    return f"NULLIF(concat_ws(', ', {cases}), '')"


def query(table: Table) -> str:
    """The staged rows with the computed columns the suite reads."""
    cols = [f"s.{c.name}" for c in table.columns]
    key = ", ".join(f"s.{k}" for k in table.key)
    extra = [f"count(*) OVER (PARTITION BY {key}) AS _jumlah_kunci"]
    extra.append(f"{_type_mismatch_sql(table)} AS {TYPE_COLUMN}")
    extra += [f"nip_problem(s.{c.name}, NULL) IS NULL AS _nip_sah_{c.name}"
              for c in table.columns if c.type == "nip"]
    extra += [_reference_sql(table, i, r) for i, r in enumerate(checked_references(table))]
    return f"SELECT s._sumber, s._baris, {', '.join(cols + extra)} FROM stg.{table.name} AS s"


def _column_expectations(g, c: Column) -> list:
    e = g.expectations
    out = []
    if c.required:
        out.append(e.ExpectColumnValuesToNotBeNull(column=c.name, meta=meta(f"{c.name}_terisi")))
    if c.type == "enum" and c.enum:
        out.append(e.ExpectColumnValuesToBeInSet(
            column=c.name, value_set=list(ENUMS[c.enum]), meta=meta(f"{c.name}_dalam_daftar")))
    if c.type == "nip":
        out.append(e.ExpectColumnValuesToMatchRegex(
            column=c.name, regex=r"^\d{18}$", meta=meta(f"{c.name}_18_digit")))
        out.append(e.ExpectColumnValuesToBeInSet(
            column=f"_nip_sah_{c.name}", value_set=[True], meta=meta(f"{c.name}_sah")))
    return out


def expectations_for(table: Table):
    def build() -> list:
        from expectations.runtime import gx

        g = gx()
        out = [g.expectations.ExpectTableColumnsToMatchSet(
            column_set=[c.name for c in table.columns], exact_match=False, meta=meta("kolom_kontrak_ada"))]
        out.append(g.expectations.ExpectColumnValuesToBeNull(
            column=TYPE_COLUMN, meta=meta("tipe_kolom_sesuai_kontrak")))
        out += [x for c in table.columns for x in _column_expectations(g, c)]
        out.append(g.expectations.ExpectColumnValuesToBeBetween(
            column="_jumlah_kunci", min_value=1, max_value=1,
            meta=meta(f"kunci_unik_{'_'.join(table.key)}")))
        for i, ref in enumerate(checked_references(table)):
            name = f"rujukan_{'_'.join(ref.columns)}_ke_{ref.table}"
            out.append(g.expectations.ExpectColumnValuesToBeInSet(
                column=_ref_alias(i), value_set=[True],
                meta=meta(name, KRITIS if ref.hard else PERINGATAN)))
        return out

    return build


def structural_check(table: Table) -> QualityCheck:
    refs = sorted({r.table for r in checked_references(table) if r.table != table.name})
    return QualityCheck(
        name="struktur",
        table=table.name,
        description=(
            f"Great Expectations, suite struktur {table.name}: kolom kontrak, tipe, kolom wajib, nilai"
            " enum, NIP, kunci unik, dan rujukan. Kritis (menghentikan run) kecuali rujukan NIP"
            " lunak (peringatan)."
        ),
        query=query(table),
        id_columns=("_sumber", "_baris"),
        expectations=expectations_for(table),
        uses=tuple(refs),
    )


CHECKS = [structural_check(t) for t in TABLES]
