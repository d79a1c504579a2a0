"""The notes the inbox leaves for people (Indonesian): ALASAN.txt and GAGAL.txt."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

CONTRACT_HINT = (
    "Periksa berkas yang disebut di atas; bentuk bundel dan nama tabelnya dijelaskan di "
    "docs/kontrak.md."
)


def reason_text(
    name: str, inbox: Path, pesan: str, berkas: str | None, when: datetime, saran: str = CONTRACT_HINT
) -> str:
    """ALASAN.txt of a rejected delivery: which file, what is wrong, what to do."""
    return f"""BUNDEL DITOLAK: kinerja tidak memprosesnya

Bundel       : {name}
Kotak masuk  : {inbox}
Ditolak pada : {when:%Y-%m-%d %H:%M:%S}
Berkas       : {berkas or "-"}
Masalah      : {pesan}

Yang perlu dilakukan:
  1. {saran}
  2. Perbaiki bundel itu (atau minta ekspor ulang dari e-Kinerja), lalu letakkan lagi di kotak
     masuk {inbox}. Bundel yang sudah diperbaiki diproses sebagai bundel baru.

Bundel aslinya ada di folder ini tanpa diubah ({name}). Folder ini boleh Anda hapus atau
pindahkan setelah masalahnya selesai; kinerja tidak menyentuhnya lagi.
"""


def failed_text(name: str, run_id: str, reasons: list[str], when: datetime) -> str:
    """GAGAL.txt beside a staged bundle whose run failed."""
    sebab = "\n".join(f"  - {r}" for r in reasons) or "  - (tidak diketahui; lihat log run di Dagster UI)"
    return f"""RUN GAGAL: bundel ini belum masuk gudang data

Bundel : {name}
Run    : {run_id} (Dagster UI, halaman Runs)
Waktu  : {when:%Y-%m-%d %H:%M:%S}
Sebab  :
{sebab}

Yang perlu dilakukan:
  - Bila sebabnya sementara (mis. folder hasil sedang dipakai run lain), buka run itu di Dagster
    UI lalu pilih "Re-execute": run baru membaca bundel ini lagi dari folder ini, dan bundel
    diarsipkan bila run itu berhasil.
  - Bila bundelnya perlu diperbaiki, letakkan bundel yang sudah diperbaiki di kotak masuk: isinya
    berbeda, jadi diproses sebagai bundel baru. Bundel yang sama persis tidak dijalankan dua kali
    dari kotak masuk; biarkan bundel ini di sini selama Anda mungkin menjalankan ulang run itu.
"""
