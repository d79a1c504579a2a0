"""Partitions: tahun and instansi, both discovered from the bundles the warehouse receives."""

from __future__ import annotations

from collections.abc import Iterable

from dagster import (
    AssetSelection,
    DagsterInstance,
    DynamicPartitionsDefinition,
    MultiPartitionKey,
    MultiPartitionsDefinition,
)

TAHUN = "tahun"
INSTANSI = "instansi"
SLICE_GROUP = "irisan"
YEAR_GROUP = "lintas"

tahun_partisi = DynamicPartitionsDefinition(name=TAHUN)
instansi_partisi = DynamicPartitionsDefinition(name=INSTANSI)
irisan_partisi = MultiPartitionsDefinition({TAHUN: tahun_partisi, INSTANSI: instansi_partisi})

# Assets partitioned here never join the unpartitioned bundle and report jobs.
PARTITIONED = AssetSelection.groups(SLICE_GROUP, YEAR_GROUP)

# Characters Dagster does not accept in a partition key ("|" separates the dimensions).
_FORBIDDEN = ("|", ",", "[", "]", "...", "\n", "\r", "\t", "\0")


def usable_key(value: str) -> bool:
    """Whether ``value`` can be a partition key (an instansi id of an odd export may not)."""
    return bool(value) and not any(c in value for c in _FORBIDDEN)


def slice_key(tahun: int, instansi: str) -> MultiPartitionKey:
    return MultiPartitionKey({TAHUN: str(int(tahun)), INSTANSI: instansi})


def split_key(key: str | MultiPartitionKey) -> tuple[int, str]:
    """(tahun, instansi) of a slice partition key."""
    if not isinstance(key, MultiPartitionKey):
        key = irisan_partisi.get_partition_key_from_str(key)
    dims = key.keys_by_dimension
    return int(dims[TAHUN]), dims[INSTANSI]


def register(instance: DagsterInstance, slices: Iterable[tuple[int, str]]) -> list[MultiPartitionKey]:
    """Add the slices' tahun and instansi to the dynamic partitions; returns their keys
    (slices whose instansi id cannot be a key are left out)."""
    usable = sorted({(int(t), i) for t, i in slices if usable_key(i)})
    years = sorted({str(t) for t, _ in usable})
    ids = sorted({i for _, i in usable})
    known_years = set(instance.get_dynamic_partitions(TAHUN))
    known_ids = set(instance.get_dynamic_partitions(INSTANSI))
    if new := [y for y in years if y not in known_years]:
        instance.add_dynamic_partitions(TAHUN, new)
    if new := [i for i in ids if i not in known_ids]:
        instance.add_dynamic_partitions(INSTANSI, new)
    return [slice_key(t, i) for t, i in usable]
