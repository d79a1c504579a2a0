"""Great Expectations Data Docs (HTML) for the site, built from the run's sanitised results.

GX renders Data Docs that load Bootstrap, jQuery, Vega and Font Awesome from CDNs and its logo
from S3. The site must work offline on government networks, so every external script,
stylesheet and image is removed after rendering and a small local stylesheet is linked instead;
the pages are plain HTML tables and stay readable. The results hold counts only
(:func:`expectations.runtime.save_sanitised`): no NIP or other row value reaches the docs.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from pathlib import Path

from expectations.runtime import gx

EXTERNAL = [
    re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>", re.I),
    re.compile(r"<link[^>]*\bhref=\"https?://[^\"]*\"[^>]*/?>", re.I),
    re.compile(r"<img[^>]*\bsrc=\"https?://[^\"]*\"[^>]*/?>", re.I),
    re.compile(r"url\(['\"]?https?://[^)]*\)", re.I),
]
BANNER = (
    '<div class="kinerja-banner">Laporan validasi Great Expectations atas bundel run terakhir'
    " (versi luring: tampilan sederhana tanpa skrip dari internet). Hanya jumlah dan persentase"
    ' baris; daftar baris bernama ada di keluaran terbatas. <a href="{back}">Kembali ke Kualitas'
    " data</a></div>"
)
STYLE = """body{font-family:system-ui,sans-serif;margin:1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;
text-align:left;vertical-align:top}.kinerja-banner{background:#fff7e0;border:1px solid #e0c060;
padding:.5rem 1rem;margin-bottom:1rem}.text-danger{color:#b00}.text-success{color:#070}
.hide,.d-none,.modal{display:none}
"""


def _offline(html: str, back: str) -> str:
    for pattern in EXTERNAL:
        html = pattern.sub("", html)
    html = html.replace("</head>", '<link rel="stylesheet" href="{css}"></head>', 1)
    return re.sub(r"<body([^>]*)>", lambda m: f"<body{m.group(1)}>" + BANNER.format(back=back),
                  html, count=1)


def _index(site: Path, files: list[Path], back: str) -> str:
    """An offline index of the validation pages: one row per check and batch."""
    rows = []
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        suite, batch = doc["suite_name"], f.stem.rsplit("-", 1)[-1]
        stats = doc.get("statistics") or {}
        pages = sorted(site.glob(f"validations/{suite.replace('.', '/')}/*/*/batch-{batch}.html"))
        link = html.escape(pages[-1].relative_to(site).as_posix()) if pages else ""
        name = html.escape(suite)
        cell = f'<a href="{link}">{name}</a>' if link else name
        status = "lulus" if doc.get("success") else "<strong class=text-danger>gagal</strong>"
        rows.append(
            f"<tr><td>{cell}</td><td>{int(batch)}</td><td>{status}</td>"
            f"<td>{int(stats.get('evaluated_expectations') or 0)}</td>"
            f"<td>{int(stats.get('unsuccessful_expectations') or 0)}</td></tr>"
        )
    body = "".join(rows) or '<tr><td colspan="5">Belum ada hasil validasi.</td></tr>'
    return (
        '<!doctype html><html lang="id"><head><meta charset="utf-8">'
        '<title>Laporan validasi Great Expectations</title>'
        '<link rel="stylesheet" href="kinerja-docs.css"></head><body>'
        + BANNER.format(back="../" + back)
        + "<h1>Laporan validasi Great Expectations</h1><p>Satu baris per pemeriksaan dan batch"
        " (tabel besar divalidasi per batch). Klik nama pemeriksaan untuk rinciannya (halaman"
        " Great Expectations, berbahasa Inggris).</p><table><thead><tr><th>Pemeriksaan</th>"
        "<th>Batch</th><th>Hasil</th><th>Harapan diperiksa</th><th>Harapan gagal</th></tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>"
    )


def build_data_docs(results_dir: Path, target: Path, back_href: str = "kualitas.html") -> int:
    """Render every sanitised result in ``results_dir`` as offline Data Docs in ``target``
    (replaced). Returns the number of validation results shown."""
    g = gx()
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResultSchema,
    )
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.resource_identifiers import (
        ExpectationSuiteIdentifier,
        ValidationResultIdentifier,
    )

    files = sorted(results_dir.glob("*.json")) if results_dir.is_dir() else []
    with tempfile.TemporaryDirectory(prefix="gx-docs-") as tmp:
        ctx = g.get_context(mode="file", project_root_dir=tmp)
        schema = ExpectationSuiteValidationResultSchema()
        for f in files:
            result = schema.load(json.loads(f.read_text(encoding="utf-8")))
            batch = f.stem.rsplit("-", 1)[-1]
            key = ValidationResultIdentifier(
                ExpectationSuiteIdentifier(result.suite_name), RunIdentifier(run_name="kinerja"),
                f"batch-{batch}",
            )
            ctx.validation_results_store.set(key, result)
        ctx.build_data_docs()
        site = Path(tmp) / "gx" / "uncommitted" / "data_docs" / "local_site"
        staging = target.with_name(target.name + ".baru")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(site, staging, ignore=shutil.ignore_patterns("fonts", "*.gif", "*.png"))
        for sheet in staging.rglob("*.css"):
            css = sheet.read_text(encoding="utf-8")
            sheet.write_text(EXTERNAL[-1].sub("none", css), encoding="utf-8")
        for page in staging.rglob("*.html"):
            depth = len(page.relative_to(staging).parts) - 1
            up = "../" * depth
            html = _offline(page.read_text(encoding="utf-8"), up + "../" + back_href)
            page.write_text(html.replace("{css}", up + "kinerja-docs.css"), encoding="utf-8")
        (staging / "kinerja-docs.css").write_text(STYLE, encoding="utf-8")
        # GX's index lists the results through jQuery/bootstrap-table from a CDN: offline it is
        # empty, so the index is written here, as plain HTML, from the same results.
        (staging / "index.html").write_text(_index(staging, files, back_href), encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return len(files)
