"""Synthetic e-Kinerja export bundles with planted defects and their ground-truth key.

``write_sample_bundle(out, employees, seed)`` streams one bundle (data-contract.md §1) and writes
the key of planted findings (§5) beside it as ``<out>.kunci.csv``, and the decoys (units that look
like a planted evaluator but whose evidence backs the ratings: a correct analysis flags none) as
``<out>.umpan.csv``. Forms and §3 variations:

- ``unit_kerja.csv`` UTF-8, ``,``; ``pegawai.csv`` Windows-1252, ``;``, CRLF;
  ``skp.csv`` UTF-8 with BOM; ``rhk.csv`` extra column ``keterangan``; ``indikator.csv``
  shuffled column order; ``realisasi.csv``, ``penilaian.csv``, ``perilaku.csv`` UTF-8;
- ``bukti_dukung.jsonl`` (the JSON Lines table); ``kinerja.xlsx`` (the workbook) with sheets
  ``kinerja_organisasi`` and ``potensi``; ``riwayat_skp.json`` (SIASN rw-skp22 array);
  ``manifest.json`` only for a single instansi;
- decimal commas, ``1.234,5`` and ``100 %`` in indikator/realisasi; mixed date spellings in skp,
  realisasi and penilaian; grouped/dotted NIPs in pegawai, skp, penilaian, unit_kerja; enum
  aliases and case/space variants in penilaian, rhk, skp, riwayat_skp.
"""

from transforms.sample.generator import SampleSummary, write_sample_bundle

__all__ = ["SampleSummary", "write_sample_bundle"]
