"""Render one restricted workbook to PDF with a real spreadsheet program (issue 11).

    python -m bench.restricted_pdf --hasil HASIL [--buku BERKAS.xlsx] [--png docs/img/terbatas-halaman1.png]

Without ``--buku`` it takes the workbook of HASIL/terbatas/daftar.csv with rows in the most
sheets (then the most rows). Converts it with ``libreoffice --headless --convert-to pdf`` (every
sheet, with the workbook's own print setup) and its first page to PNG with ``pdftoppm -png -r 80``;
both land in bench/out/terbatas/ (and the PNG also at ``--png``). Needs LibreOffice Calc and
poppler-utils (``apt-get install -y --no-install-recommends libreoffice-calc poppler-utils``).
Not part of `make test`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out" / "terbatas"


def pick_workbook(hasil: Path) -> Path:
    """The workbook with rows in the most sheets, then the most rows (daftar.csv)."""
    import polars as pl

    folder = hasil / "terbatas"
    index = pl.read_csv(folder / "daftar.csv", infer_schema_length=0)
    sheets = [
        c
        for c in index.columns
        if c not in ("tahun", "instansi_nama", "unor_id", "unor_nama", "berkas")
    ]
    counts = index.with_columns(pl.col(sheets).cast(pl.Int64))
    best = counts.with_columns(
        pl.sum_horizontal(pl.col(c) > 0 for c in sheets).alias("_lembar"),
        pl.sum_horizontal(sheets).alias("_baris"),
    ).sort(["_lembar", "_baris", "berkas"], descending=[True, True, False])
    return folder / best["berkas"][0]


def render(book: Path, out: Path) -> tuple[Path, Path]:
    """``book`` as PDF and its first page as PNG (80 dpi), both in ``out``."""
    for tool in ("libreoffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(
                f"{tool} tidak ditemukan: apt-get install -y --no-install-recommends "
                "libreoffice-calc poppler-utils"
            )
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "libreoffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(book),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    pdf = out / f"{book.stem}.pdf"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(out / f"{book.stem}-halaman1"),
        ],
        check=True,
        timeout=120,
    )
    return pdf, out / f"{book.stem}-halaman1.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hasil", type=Path, help="folder hasil kinerja run")
    parser.add_argument(
        "--buku", type=Path, help="berkas XLSX terbatas (bawaan: dipilih dari daftar.csv)"
    )
    parser.add_argument("--png", type=Path, help="salin gambar halaman pertama ke sini")
    args = parser.parse_args(argv)
    if args.buku is None and args.hasil is None:
        parser.error("--hasil atau --buku wajib diisi")
    book = args.buku or pick_workbook(args.hasil)
    pdf, png = render(book, OUT)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    print(f"buku : {book}\npdf  : {pdf}\npng  : {png}")
    print(
        "".join(
            line + "\n" for line in pages.splitlines() if line.startswith(("Pages", "Page size"))
        ),
        end="",
    )
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, args.png)
        print(f"salin: {args.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
