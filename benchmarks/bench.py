"""Render the samples many times in one process and print medians, against the raw libraries.

    .venv/bin/python benchmarks/bench.py [--repeat N] [--no-libreoffice]

For each sample document and format it times kbo-docs (view data, filters, template, post-
processing, the PDF text-layer fix) and the raw library doing the same work with the same
template and data: docxtpl render + save, WeasyPrint ``write_pdf`` of the same HTML and CSS
(in a separate process, so that none of kbo-docs' WeasyPrint patches are installed), and
openpyxl for XLSX (our writer is the raw library, so only its own time is shown). LibreOffice's
DOCX-to-PDF conversion of the same letter is timed as a whole ``soffice`` call.

The last section is the cost of Thai distributed paragraphs (kbo_docs.render.thaidist): each
PDF rendered with and without it (``render_pdf(thai_distribute=...)``, runs interleaved),
per page, with the PDF sizes. ``--thaidist-only`` runs just that section.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def median_ms(fn, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def documents():
    from kbo_docs.load import load_project
    from kbo_docs.render.view import Views

    for path in SAMPLES:
        yield from Views(load_project(path).project).documents()


def raw_pdf(repeat: int) -> dict[str, float]:
    """WeasyPrint alone: same HTML, same stylesheet, no kbo-docs patches (own process)."""
    from weasyprint import HTML

    from kbo_docs.render import pdf

    out = {}
    for doc in documents():
        html = pdf.render_html(doc)
        css, config = pdf._stylesheet(str(pdf.templates_dir() / "html"), str(pdf.fonts_dir()), pdf.PDF_BODY_SIZE)
        out[doc.id] = median_ms(lambda: HTML(string=html).write_pdf(stylesheets=[css], font_config=config), repeat)
    return out


def ours(repeat: int) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    from docxtpl import DocxTemplate

    from kbo_docs.render import render_one
    from kbo_docs.render.jinja import environment
    from kbo_docs.render.paths import templates_dir

    mine: dict[str, dict[str, float]] = {}
    raw_docx: dict[str, float] = {}
    for doc in documents():
        formats = ["docx", "pdf"] + (["xlsx"] if doc.kind == "register" else [])
        mine[doc.id] = {fmt: median_ms(lambda fmt=fmt: render_one(doc, fmt), repeat) for fmt in formats}
        template = templates_dir() / "docx" / f"{doc.kind}.docx"

        def plain_docxtpl() -> None:
            tpl = DocxTemplate(str(template))
            tpl.render({**doc.data, "garuda": None}, jinja_env=environment(None, doc.digits), autoescape=True)
            tpl.save(io.BytesIO())

        raw_docx[doc.id] = median_ms(plain_docxtpl, repeat)
    return mine, raw_docx


def libreoffice(repeat: int) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    from kbo_docs.render import render_one

    letter = next(d for d in documents() if d.kind == "circular")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "letter.docx"
        src.write_bytes(render_one(letter, "docx"))
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        cmd = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", tmp, str(src)]
        return median_ms(lambda: subprocess.run(cmd, check=True, capture_output=True), max(3, repeat // 5))


def thai_distribute_cost(repeat: int) -> list[tuple[str, int, float, float, int, int]]:
    """(document, pages, ms without, ms with, bytes without, bytes with) per PDF document:
    medians of interleaved runs, so drift of the machine hits both sides alike."""
    import pypdf

    from kbo_docs.render.pdf import render_pdf

    rows = []
    for doc in documents():
        outputs = {flag: render_pdf(doc, thai_distribute=flag) for flag in (False, True)}  # warm-up
        times: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(repeat):
            for flag in (False, True):
                start = time.perf_counter()
                render_pdf(doc, thai_distribute=flag)
                times[flag].append((time.perf_counter() - start) * 1000)
        pages = len(pypdf.PdfReader(io.BytesIO(outputs[True])).pages)
        rows.append((doc.id, pages, statistics.median(times[False]), statistics.median(times[True]),
                     len(outputs[False]), len(outputs[True])))
    return rows


def print_thai_distribute_cost(repeat: int) -> None:
    rows = thai_distribute_cost(repeat)
    print(f"Thai distributed paragraphs: medians of {repeat} interleaved runs, ms per page "
          "(off = thai_distribute=False, left-aligned)")
    print(f"{'document':<24}{'pages':>6}{'off':>9}{'on':>9}{'extra':>8}{'KB off':>9}{'KB on':>8}")
    for doc_id, pages, off, on, size_off, size_on in rows:
        print(f"{doc_id:<24}{pages:>6}{off / pages:>9.1f}{on / pages:>9.1f}{(on / off - 1) * 100:>7.0f}%"
              f"{size_off / 1024:>9.1f}{size_on / 1024:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--raw-pdf-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--thaidist-only", action="store_true",
                        help="Only the cost of Thai distributed paragraphs (last section).")
    args = parser.parse_args()
    if args.raw_pdf_only:
        print(json.dumps(raw_pdf(args.repeat)))
        return
    if args.thaidist_only:
        print_thai_distribute_cost(args.repeat)
        return
    raw = json.loads(subprocess.run([sys.executable, __file__, "--raw-pdf-only", "--repeat", str(args.repeat)],
                                    check=True, capture_output=True, text=True).stdout)
    mine, raw_docx = ours(args.repeat)
    print(f"medians of {args.repeat} runs in one warm process, ms (ratio = kbo-docs / raw library)")
    print(f"{'document':<24}{'format':<7}{'kbo-docs':>10}{'raw':>10}{'ratio':>8}")
    for doc_id, formats in mine.items():
        for fmt, ms in formats.items():
            base = {"docx": raw_docx.get(doc_id), "pdf": raw.get(doc_id)}.get(fmt)
            ratio = f"{ms / base:.2f}" if base else "-"
            print(f"{doc_id:<24}{fmt:<7}{ms:>10.1f}{(base or 0):>10.1f}{ratio:>8}")
    if not args.no_libreoffice:
        lo = libreoffice(args.repeat)
        if lo is not None:
            print(f"LibreOffice soffice --convert-to pdf of the sample letter (whole call): {lo:.0f} ms")
    print()
    print_thai_distribute_cost(args.repeat)


if __name__ == "__main__":
    main()
