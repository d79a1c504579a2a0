"""Career views for planners (docs/karier.md): pure functions over Polars frames.

* :mod:`.history` — predikat history from e-Kinerja and SIASN, the decision rule, disagreements;
* :mod:`.eligibility` — the predikat condition of kenaikan pangkat (``memenuhi_predikat_kp``);
* :mod:`.credit` — angka kredit per JF employee and year, per SKP period;
* :mod:`.followup` — the 6-month improvement window of PP 30/2019 Pasal 56–57;
* :mod:`.ninebox` — the 9-box (kinerja × potensi);
* :mod:`.tables` — the configuration tables (``tabel/*.csv``);
* :mod:`.build` — one bundle's views from its staged tables;
* :mod:`.across_bundles` — the predikat history over every bundle the warehouse keeps, and
  what each employee-year takes from it (previous year, KP condition, disagreements).
"""
