"""Organisation structure of the sample: instansi → unit tree, unit roles (planted unit-level
defects), unit sizes, and each unit's predikat plan under SE MenPANRB 3/2023."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from transforms.contract import PREDIKAT_MATRIX
from transforms.sample import vocab

ATAS, SESUAI, BAWAH = "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"
SB, B, BP, K, SK = "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"
LEVEL = {ATAS: "atas", SESUAI: "sesuai", BAWAH: "bawah"}

# unit roles: ordinary, or a planted unit-level defect / planted evaluator
ORDINARY = "biasa"
MIN_SIZE = {ORDINARY: 10, "dist_nobottom": 20, "dist_cap": 20, "high": 30, "low": 30,
            "lenient": 12, "severe": 13, "central": 13,
            "decoy_central": 13, "decoy_lenient": 12, "decoy_severe": 13}
ROLE_RULE = {"dist_nobottom": "DISTRIBUTION_OUT_OF_BOUNDS", "dist_cap": "DISTRIBUTION_OUT_OF_BOUNDS",
             "high": "UNIT_OUTLIER_HIGH", "low": "UNIT_OUTLIER_LOW",
             "lenient": "EVALUATOR_LENIENT", "severe": "EVALUATOR_SEVERE",
             "central": "EVALUATOR_CENTRAL_TENDENCY"}
ROLE_NOTE = {
    "dist_nobottom": "Predikat organisasi Baik tetapi tidak ada pegawai Butuh Perbaikan atau "
                     "Kurang/Misconduct.",
    "dist_cap": "Predikat organisasi Baik tetapi lebih dari 70 % pegawai berpredikat Baik.",
    "high": "Unit besar dengan sekitar 70 % pegawai Sangat Baik (predikat organisasi Istimewa).",
    "low": "Unit besar dengan sedikitnya 65 % pegawai Sangat Kurang (predikat organisasi "
           "Sangat Kurang).",
    "lenient": "Penilai memberi Di Atas Ekspektasi kepada semua bawahan walau realisasi hanya "
               "sesuai target.",
    "severe": "Penilai memberi Di Bawah Ekspektasi kepada sekitar 40 % bawahan walau realisasi "
              "hampir memenuhi target.",
    "central": "Penilai memberi Sesuai Ekspektasi kepada hampir semua bawahan tanpa memandang "
               "realisasi.",
}
# Decoys: units whose raw ratings look like a planted evaluator role but are backed by the
# evidence, so a correct analysis flags nothing. They are written to DIR.umpan.csv, never to the
# key: (rule the decoy imitates, kind in the decoy file, predikat organisasi, note).
DECOYS = {
    "decoy_central": ("EVALUATOR_CENTRAL_TENDENCY", "sesuai_seragam", "Baik",
                      "Penilai memberi Sesuai Ekspektasi kepada semua bawahan dan realisasi "
                      "semua bawahan memang sesuai target (bukti seragam)."),
    "decoy_lenient": ("EVALUATOR_LENIENT", "sangat_baik_berbukti", "Istimewa",
                      "Penilai memberi banyak Di Atas Ekspektasi/Sangat Baik dan realisasi "
                      "tepat mereka itu memang di atas target."),
    "decoy_severe": ("EVALUATOR_SEVERE", "tegas_tim_lemah", "Baik",
                     "Penilai memberi Di Bawah Ekspektasi kepada sekitar 40 % bawahan, seperti "
                     "penilai keras yang ditanam, tetapi realisasi mereka memang jauh di bawah "
                     "target."),
}
# A weak team in a Butuh Perbaikan unit (SE 3/2023: at least 60 % Butuh Perbaikan) is a
# UNIT_OUTLIER_LOW against the peer funnel, like the planted "low" units (Sangat Kurang, at least
# 65 % Sangat Kurang): the severe decoy keeps the planted severe evaluator's 40 % Di Bawah instead.

# the organisation predikat a role fixes (others: Baik, or Istimewa at random)
ROLE_ORG = {"high": "Istimewa", "low": "Sangat Kurang",
            **{role: spec[2] for role, spec in DECOYS.items()}}
# decoys: the rating hasil kerja each predikat gets (the evidence follows the rating)
_DECOY_HASIL = {"decoy_central": {B: SESUAI, K: SESUAI},
                "decoy_lenient": {B: ATAS, K: ATAS},
                "decoy_severe": {B: SESUAI}}
ORG_HASIL = {"Istimewa": ATAS, "Baik": SESUAI, "Butuh Perbaikan": BAWAH, "Kurang": BAWAH,
             "Sangat Kurang": BAWAH}


@dataclass(eq=False)
class Unit:
    unor_id: str
    nama: str
    kind: str  # root, dinas, bagian, sekretariat, bidang, seksi, subbagian
    topic: str
    head_jenis: str
    head_jabatan: str
    fungsional: tuple[str, ...]
    parent: Unit | None = None
    children: list[Unit] = field(default_factory=list)
    role: str = ORDINARY
    org: str = "Baik"
    size: int = 0  # members including the head


@dataclass(eq=False)
class Instansi:
    instansi_id: str
    nama: str
    wilayah: str
    region: str
    employees: int
    root: Unit
    units: list[Unit]


def _title(text: str) -> str:
    """'pengendalian penyakit' -> 'Pengendalian Penyakit' (keeps 'dan', acronyms)."""
    small = {"dan", "di", "yang", "serta"}
    return " ".join(w if w in small or w.isupper() else w[0].upper() + w[1:]
                    for w in text.split())


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032X}"


def build_instansi(rng: random.Random, index: int, employees: int) -> Instansi:
    """Unit tree of one pemda: Sekretariat Daerah (root) → Bagian / Dinas → Bidang → Seksi."""
    nama, wilayah, region = vocab.INSTANSI[index % len(vocab.INSTANSI)]
    if index >= len(vocab.INSTANSI):
        nama, wilayah = f"{nama} {index // len(vocab.INSTANSI) + 1}", f"{wilayah} {index // len(vocab.INSTANSI) + 1}"
    target = max(1, employees // 16)
    prov = wilayah.startswith("Provinsi")
    root = Unit(_hex(rng), f"Sekretariat Daerah {wilayah}", "root", "pemerintahan umum",
                "JPT Madya" if prov else "JPT Pratama", f"Sekretaris Daerah {wilayah}",
                vocab.FUNGSIONAL_UMUM)
    units = [root]

    def add(parent: Unit, unit: Unit) -> Unit:
        unit.parent = parent
        parent.children.append(unit)
        units.append(unit)
        return unit

    dinas = list(vocab.DINAS)
    bagian = list(vocab.BAGIAN)
    rng.shuffle(dinas)
    rng.shuffle(bagian)
    queue: list[tuple[str, object]] = []
    while dinas or bagian:
        if dinas:
            queue.append(("dinas", dinas.pop()))
        if bagian and (rng.random() < 0.5 or not dinas):
            queue.append(("bagian", bagian.pop()))
    for kind, spec in queue:
        if len(units) >= target:
            break
        if kind == "bagian":
            bname, btopic, subs = spec  # type: ignore[misc]
            bu = add(root, Unit(_hex(rng), bname, "bagian", btopic, "Administrator",
                                f"Kepala {bname}", vocab.FUNGSIONAL_UMUM))
            for sub in subs[: rng.randint(0, len(subs))]:
                add(bu, Unit(_hex(rng), sub, "subbagian", btopic, "Pengawas", f"Kepala {sub}",
                             vocab.FUNGSIONAL_UMUM))
            continue
        dname, dhead, dtopic, bidang, fung = spec  # type: ignore[misc]
        pool = tuple(fung) + vocab.FUNGSIONAL_UMUM[:3]
        du = add(root, Unit(_hex(rng), dname, "dinas", dtopic, "JPT Pratama",
                            dhead or f"Kepala {dname}", pool))
        if len(units) >= target:
            break
        sek = add(du, Unit(_hex(rng), f"Sekretariat {dname}", "sekretariat",
                           f"kesekretariatan {dtopic}", "Administrator", f"Sekretaris {dname}",
                           vocab.FUNGSIONAL_UMUM))
        for sub in vocab.SEKRETARIAT_SUB[: rng.randint(0, 3)]:
            add(sek, Unit(_hex(rng), sub, "subbagian", sub.split(" ", 1)[1].lower(), "Pengawas",
                          f"Kepala {sub}", vocab.FUNGSIONAL_UMUM))
        for bname, btopic in bidang:
            if len(units) >= target:
                break
            head = bname if bname.startswith("Inspektur") else f"Kepala {bname}"
            bu = add(du, Unit(_hex(rng), bname, "bidang", btopic, "Administrator", head, pool))
            for prefix in rng.sample(vocab.SEKSI_PREFIX, rng.choice((0, 1, 2, 2, 3))):
                sname = f"{prefix} {_title(btopic)}"
                add(bu, Unit(_hex(rng), sname, "seksi", btopic, "Pengawas", f"Kepala {sname}", pool))
    return Instansi(_hex(rng), nama, wilayah, region, employees, root, units)


def assign_roles(rng: random.Random, instansi: list[Instansi], quotas: dict[str, int]) -> None:
    """Give planted roles to leaf units (no child units), spread over the instansi."""
    pools = []
    for inst in instansi:
        leaves = [u for u in inst.units if not u.children and u.kind != "root"]
        rng.shuffle(leaves)
        pools.append(leaves)
    wanted = [role for role, n in quotas.items() for _ in range(n)]
    rng.shuffle(wanted)
    i = 0
    for role in wanted:  # round robin over the instansi that still have free leaves
        for _ in range(len(pools)):
            pool = pools[i % len(pools)]
            i += 1
            if pool:
                pool.pop().role = role
                break
    for inst in instansi:
        for u in inst.units:
            if u.role in ROLE_ORG:
                u.org = ROLE_ORG[u.role]
            elif u.role == ORDINARY and rng.random() < 0.08 and u.kind != "root":
                u.org = "Istimewa"


def assign_sizes(rng: random.Random, inst: Instansi) -> None:
    """Members per unit: the role minimum, then the rest spread with random weights. Roles or
    leaf units are dropped when the instansi is too small for them."""
    def total() -> int:
        return sum(MIN_SIZE[u.role] for u in inst.units)

    while total() > inst.employees:
        special = [u for u in inst.units if u.role != ORDINARY]
        if special:
            drop = max(special, key=lambda u: MIN_SIZE[u.role])
            drop.role = ORDINARY
            if drop.org not in ("Baik", "Istimewa"):  # ordinary units are Baik or Istimewa
                drop.org = "Baik"
            continue
        leaves = [u for u in inst.units if not u.children and u.parent is not None]
        if not leaves:
            break
        drop = leaves[-1]
        drop.parent.children.remove(drop)  # type: ignore[union-attr]
        inst.units.remove(drop)
    for u in inst.units:
        u.size = MIN_SIZE[u.role]
    extra = inst.employees - sum(u.size for u in inst.units)
    if extra < 0:  # tiny instansi: one root unit holds everybody
        inst.root.size = inst.employees
        return
    weights = [rng.uniform(0.5, 1.5) for _ in inst.units]
    wsum = sum(weights)
    shares = [int(extra * w / wsum) for w in weights]
    for i in range(extra - sum(shares)):
        shares[i % len(shares)] += 1
    for u, s in zip(inst.units, shares, strict=True):
        u.size += s


# --- SE MenPANRB 3/2023 ------------------------------------------------------------------------
def bounds_ok(counts: dict[str, int], org: str) -> bool:
    """Whether an annual predikat distribution meets the SE MenPANRB 3/2023 bounds (strict reading:
    the named group is the strictly largest one for Istimewa/Baik)."""
    n = sum(counts.values())
    if n == 0:
        return True
    c = {p: counts.get(p, 0) for p in (SB, B, BP, K, SK)}
    if org == "Istimewa":
        return c[SB] <= 0.7 * n and all(c[SB] > v for p, v in c.items() if p != SB)
    if org == "Baik":
        return (c[B] <= 0.7 * n and all(c[B] > v for p, v in c.items() if p != B)
                and c[BP] + c[K] >= 1)
    if org == "Butuh Perbaikan":
        return c[BP] >= 0.6 * n and c[SB] <= 0.1 * n
    if org == "Kurang":
        return c[K] >= 0.6 * n and c[BP] >= 0.1 * n and c[SB] <= 0.1 * n
    if org == "Sangat Kurang":
        return c[SK] >= 0.6 * n and c[K] + c[BP] >= 0.1 * n and c[SB] == 0
    raise ValueError(org)


_PAIRS = {
    SB: ((ATAS, ATAS, 1.0),),
    B: ((SESUAI, SESUAI, 0.6), (ATAS, SESUAI, 0.25), (SESUAI, ATAS, 0.15)),
    BP: ((BAWAH, SESUAI, 0.8), (BAWAH, ATAS, 0.2)),
    K: ((SESUAI, BAWAH, 0.6), (ATAS, BAWAH, 0.4)),
    SK: ((BAWAH, BAWAH, 1.0),),
}


def pair_for(rng: random.Random, predikat: str, hasil: str | None = None) -> tuple[str, str]:
    """A (rating hasil kerja, rating perilaku kerja) pair giving the predikat."""
    options = [p for p in _PAIRS[predikat] if hasil is None or p[0] == hasil]
    r = rng.random() * sum(p[2] for p in options)
    for h, pk, w in options:
        r -= w
        if r <= 0:
            return h, pk
    return options[-1][0], options[-1][1]


def head_pair(rng: random.Random, org: str) -> tuple[str, str]:
    """The unit's organisation result is its head's rating hasil kerja."""
    hasil = ORG_HASIL[org]
    perilaku = {ATAS: ATAS, SESUAI: rng.choice((SESUAI, SESUAI, ATAS)), BAWAH: BAWAH}[hasil]
    return hasil, perilaku


def _counts(rng: random.Random, role: str, org: str, n: int) -> dict[str, int]:
    u = rng.uniform
    if role == "dist_nobottom":
        sb = round(n * 0.35)
        return {SB: sb, B: n - sb}
    if role == "dist_cap":
        b = math.ceil(n * 0.84)
        return {B: b, BP: 1, SB: n - b - 1}
    if role == "high":
        sb = math.floor(n * 0.7)
        b = round(n * 0.2)
        return {SB: sb, B: b, BP: n - sb - b}
    if role == "low":
        sk = math.ceil(n * 0.65)
        bad = math.ceil(n * 0.15)
        return {SK: sk, K: bad // 2, BP: bad - bad // 2, B: n - sk - bad}
    if role == "decoy_central":  # everybody Sesuai: Baik up to the 70 % cap, Kurang the rest
        b = math.floor(n * 0.7)
        return {B: b, K: n - b}
    if role == "decoy_severe":  # 40 % of the staff Butuh Perbaikan as under a planted severe
        bp = round((n - 1) * 0.4)  # evaluator (the head is Baik), the rest Baik
        return {BP: bp, B: n - bp}
    if role == "decoy_lenient":  # Sangat Baik 40-45 %, as in ordinary Istimewa units
        sb = max(2, min(round(n * u(0.4, 0.45)), math.floor(n * 0.45)))
        b = min(sb - 2, round(n * u(0.3, 0.36)))
        rest = n - sb - b
        return {SB: sb, B: b, BP: rest - rest // 2, K: rest // 2}
    if org == "Istimewa":
        sb = round(n * u(0.38, 0.45))
        b = min(sb - 2, round(n * u(0.3, 0.36)))
        rest = n - sb - b
        return {SB: sb, B: b, BP: rest - rest // 2, K: rest // 2}
    sb = round(n * u(0.12, 0.28))
    bottom = max(1, round(n * u(0.06, 0.14)))
    sk = 1 if n >= 15 and rng.random() < 0.15 else 0
    k = rng.randint(0, bottom // 2)
    return {SB: sb, B: n - sb - bottom - sk, BP: bottom - k, K: k, SK: sk}


def _evaluator_staff(rng: random.Random, role: str, s: int) -> list[tuple[str, str, str]]:
    """Staff (hasil, perilaku, evidence level) under a planted evaluator whose own predikat is Baik."""
    out: list[tuple[str, str, str]] = []
    if role == "lenient":  # Di Atas for everyone, evidence only at target
        sb = round(s * 0.28)
        k = max(1, round(s * 0.1))
        out += [(ATAS, ATAS, "sesuai")] * sb + [(ATAS, BAWAH, "sesuai")] * k
        out += [(ATAS, SESUAI, "sesuai")] * (s - sb - k)
    elif role == "severe":  # Di Bawah for many although the evidence is (nearly) at target
        bp = round(s * 0.4)
        out += [(BAWAH, SESUAI, "hampir")] * bp
        out += [(SESUAI, rng.choice((SESUAI, ATAS)), "sesuai") for _ in range(s - bp)]
    else:  # central tendency: Sesuai whatever the evidence
        baik = min(math.floor(0.7 * s - 0.3), s - 3)
        rest = s - baik
        sb = max(1, round(rest * 0.3))
        out += [(ATAS, ATAS, "atas")] * sb + [(BAWAH, SESUAI, "bawah")]
        out += [(SESUAI, BAWAH, rng.choice(("atas", "bawah")))] * (rest - sb - 1)
        out += [(SESUAI, rng.choice((SESUAI, ATAS)), rng.choice(("atas", "bawah", "sesuai")))
                for _ in range(baik)]
    return out


def plan_unit(rng: random.Random, unit: Unit) -> tuple[tuple[str, str] | None,
                                                        list[tuple[str, str, str]]]:
    """(head pair or None for the instansi root, staff (hasil, perilaku, evidence) list).
    Bounds of the unit's role hold with and without the head (ordinary roles), or are broken
    both ways (planted DISTRIBUTION_OUT_OF_BOUNDS)."""
    staff_n = unit.size - 1
    head = None if unit.kind == "root" else head_pair(rng, unit.org)
    head_pred = PREDIKAT_MATRIX[head] if head else None
    if unit.role in ("lenient", "severe", "central"):
        staff = _evaluator_staff(rng, unit.role, staff_n)
        rng.shuffle(staff)
        return head, staff
    n = staff_n + (1 if head else 0)
    want_ok = not unit.role.startswith("dist")
    counts: dict[str, int] = {}
    for _ in range(60):
        counts = _counts(rng, unit.role, unit.org, n)
        if head_pred is not None:
            if counts.get(head_pred, 0) < 1:
                continue
            without = dict(counts)
            without[head_pred] -= 1
            if staff_n and bounds_ok(without, unit.org) != want_ok:
                continue
        if min(counts.values()) >= 0 and bounds_ok(counts, unit.org) == want_ok:
            break
    if head_pred is not None:
        counts[head_pred] -= 1
    hasil = _DECOY_HASIL.get(unit.role, {})
    staff = []
    for pred, c in counts.items():
        for _ in range(max(0, c)):
            h, p = pair_for(rng, pred, hasil.get(pred))
            staff.append((h, p, LEVEL[h]))
    rng.shuffle(staff)
    return head, staff[:staff_n] + [(SESUAI, SESUAI, "sesuai")] * (staff_n - len(staff))
