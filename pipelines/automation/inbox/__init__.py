"""The inbox: bundles dropped into a folder are checked, run once, archived or rejected.

Layout (docs/operasi.md)::

    <inbox>/<bundle>/ or <inbox>/<bundle>.zip   delivered; picked up once complete
    <inbox>/diproses/<hash>/<bundle>            moved here before its run is requested; the run
                                                reads it from here (GAGAL.txt if the run failed)
    <inbox>/arsip/<date>_<bundle>               after its run succeeded (or an identical copy)
    <inbox>/ditolak/<bundle>/                   a broken bundle, untouched, beside ALASAN.txt
"""
