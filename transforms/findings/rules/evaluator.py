"""EVALUATOR_LENIENT / EVALUATOR_SEVERE / EVALUATOR_CENTRAL_TENDENCY: a penilai whose annual
Rating Hasil Kerja departs systematically from what peers give for the same evidence
(transforms.consistency.evaluators; docs/konsistensi.md, "Penilai")."""

from __future__ import annotations

import duckdb
import polars as pl

from transforms.consistency.analysis import evaluator_table
from transforms.consistency.evaluators import EFFECT, MIN_APPRAISEES, MIN_PEOPLE
from transforms.consistency.funnel import Z998, expected_false_alarms
from transforms.consistency.wording import REVIEW, num, q_text
from transforms.findings.writer import finding_frame

RULE_IDS = ("EVALUATOR_LENIENT", "EVALUATOR_SEVERE", "EVALUATOR_CENTRAL_TENDENCY")
METHOD = (
    "Metode: rating hasil kerja (−1 Di Bawah, 0 Sesuai, +1 Di Atas) dibandingkan dengan rating yang "
    "diberikan penilai lain untuk bukti serupa (pita capaian target × cakupan bukti dukung), "
    "z = {z} terhadap batas funnel 99,8 % (ambang {thr}) dengan penyesuaian over-dispersi (φ = {phi}, τ² = {tau2}), "
    "estimasi disusutkan ke rerata rekan (DerSimonian–Laird); syarat: ≥ {n} pegawai dinilai, "
    "efek ≥ {eff} langkah rating, ≥ {people} pegawai. q Benjamini–Hochberg {q}; dari {units} penilai "
    "yang diuji diharapkan {alarms} tanda palsu karena kebetulan."
)


def _linkage(r: dict) -> str:
    if r["tertaut"]:
        return (f" Penilai ini berbagi pegawai dengan {r['tertaut']} penilai lain (komponen "
                f"{r['komponen_ukuran']} penilai), sehingga efeknya sebagian dapat dibedakan dari efek tim.")
    return (" Penilai ini tidak berbagi pegawai dengan penilai lain: efek penilai tidak dapat "
            "dipisahkan dari efek tim, dan tanda ini hanya bertumpu pada penyesuaian bukti.")


def _method(r: dict, prefix: str, units: int, side: str) -> str:
    return METHOD.format(
        z=num(r[f"{prefix}_z"]), thr=num(Z998), phi=num(r[f"{prefix}_phi"]), tau2=num(r[f"{prefix}_tau2"], 3),
        n=MIN_APPRAISEES, eff=num(EFFECT), people=MIN_PEOPLE, q=q_text(r[f"{prefix}_q_{side}"]),
        units=units, alarms=num(expected_false_alarms(units), 1),
    )


def detail(r: dict, rule: str, units: int) -> str:
    n = r["dinilai"]
    if rule == "EVALUATOR_CENTRAL_TENDENCY":
        head = (f"Penilai memberi Sesuai Ekspektasi kepada {r['tengah']} dari {n} pegawai, padahal "
                f"untuk bukti mereka penilai lain rata-rata memberi {num(r['tengah_harapan'], 1)}; kelebihan "
                f"rating tengah {num(r['tengah_ekses'])} per pegawai (disusutkan {num(r['tengah_susut'])}, "
                f"interval 95 % {num(r['tengah_susut_bawah'])} s.d. {num(r['tengah_susut_atas'])}); sebaran "
                f"rating {num(r['sd_rating'])} terhadap sebaran yang didukung bukti {num(r['sd_harapan'])}.")
        method = _method(r, "tengah", units, "atas")
    else:
        lenient = rule == "EVALUATOR_LENIENT"
        side = "lebih tinggi" if lenient else "lebih rendah"
        people = r["di_atas_bukti"] if lenient else r["di_bawah_bukti"]
        head = (f"Rating hasil kerja dari penilai ini rata-rata {num(abs(r['lunak']))} langkah {side} daripada "
                f"yang diberikan penilai lain untuk bukti serupa (disusutkan {num(r['lunak_susut'])}, interval "
                f"95 % {num(r['lunak_susut_bawah'])} s.d. {num(r['lunak_susut_atas'])}); {people} dari {n} "
                f"pegawai dinilai {side} daripada pita capaian targetnya.")
        method = _method(r, "lunak", units, "atas" if lenient else "bawah")
    return f"{head} {method}{_linkage(r)} {REVIEW}"


FLAGS = {"EVALUATOR_LENIENT": "lunak_ditandai", "EVALUATOR_SEVERE": "ketat_ditandai",
         "EVALUATOR_CENTRAL_TENDENCY": "tengah_ditandai"}


def findings(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    table = evaluator_table(con)
    tested = table.filter(pl.col("layak")).group_by("instansi_id").len()
    units = dict(tested.iter_rows())
    rows = []
    for rule, flag in FLAGS.items():
        for r in table.filter(pl.col(flag)).iter_rows(named=True):
            rows.append({"rule": rule, "tingkat": "penilai", "subjek_id": r["nip_penilai"],
                         "periode": str(r["tahun"]), "detail": detail(r, rule, units.get(r["instansi_id"], 0)),
                         "_nip": r["nip_penilai"], "_unor_id": r["penilai_unor_id"],
                         "_instansi_id": r["instansi_id"]})
    return finding_frame(rows)
