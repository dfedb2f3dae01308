"""Render the samples many times in one process and print medians, against the raw libraries.

    .venv/bin/python benchmarks/bench.py [--repeat N] [--no-libreoffice]

Every comparison is timed *interleaved* (A, B, A, B, ...) in one warm process, so that the
drift of a shared machine hits both sides alike; the figures are medians in milliseconds.

- DOCX: kbo-docs (view data, filters, docxtpl, the OOXML complex-script pass) against plain
  docxtpl render + save of the same template and data.
- PDF: WeasyPrint ``write_pdf`` of the same HTML and CSS with none of kbo-docs' patches
  (``raw``), with the exact Thai text layer only (``+text layer``), and kbo-docs as it renders
  (text layer + Thai distributed paragraphs, ``kbo-docs``); plus per page and PDF sizes.
- XLSX: our writer is openpyxl itself, so only its own time is shown.
- LibreOffice's DOCX-to-PDF conversion of the sample letter, as a whole ``soffice`` call.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def interleaved(variants: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median ms of each variant, the variants run in turn ``repeat`` times after a warm-up."""
    for fn in variants.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, fn in variants.items():
            start = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def documents():
    from kbo_docs.load import load_project
    from kbo_docs.render.view import Views

    for path in SAMPLES:
        yield from Views(load_project(path).project).documents()


def docx_rows(repeat: int) -> list[tuple[str, float, float]]:
    from docxtpl import DocxTemplate

    from kbo_docs.render.docx import render_docx
    from kbo_docs.render.jinja import environment
    from kbo_docs.render.paths import templates_dir

    rows = []
    for doc in documents():
        template = templates_dir() / "docx" / f"{doc.kind}.docx"

        def plain_docxtpl(doc=doc, template=template) -> None:
            tpl = DocxTemplate(str(template))
            tpl.render({**doc.data, "garuda": None}, jinja_env=environment(None, doc.digits), autoescape=True)
            tpl.save(io.BytesIO())

        medians = interleaved({"raw": plain_docxtpl, "ours": lambda doc=doc: render_docx(doc)}, repeat)
        rows.append((doc.id, medians["ours"], medians["raw"]))
    return rows


def pdf_rows(repeat: int) -> list[tuple[str, int, dict[str, float], dict[str, int]]]:
    import pypdf
    from weasyprint import HTML

    from kbo_docs.render import pdf, textlayer, thaidist

    css, config = pdf._stylesheet(str(pdf.templates_dir() / "html"), str(pdf.fonts_dir()), pdf.PDF_BODY_SIZE)
    rows = []
    for doc in documents():
        html = pdf.render_html(doc)

        def raw(html=html) -> bytes:
            textlayer.uninstall()
            thaidist.uninstall()
            return HTML(string=html).write_pdf(stylesheets=[css], font_config=config)

        def text_layer_only(doc=doc) -> bytes:
            return pdf.render_pdf(doc, thai_distribute=False)

        def ours(doc=doc) -> bytes:
            return pdf.render_pdf(doc)

        variants = {"raw": raw, "+text layer": text_layer_only, "kbo-docs": ours}
        sizes = {name: len(fn()) for name, fn in variants.items()}
        pages = len(pypdf.PdfReader(io.BytesIO(ours())).pages)
        rows.append((doc.id, pages, interleaved(variants, repeat), sizes))
    return rows


def xlsx_rows(repeat: int) -> list[tuple[str, float]]:
    from kbo_docs.render.xlsx import render_xlsx

    return [(d.id, interleaved({"x": lambda d=d: render_xlsx(d)}, repeat)["x"]) for d in documents() if d.kind == "register"]


def libreoffice(repeat: int) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    from kbo_docs.render.docx import render_docx

    letter = next(d for d in documents() if d.kind == "circular")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "letter.docx"
        src.write_bytes(render_docx(letter))
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        cmd = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", tmp, str(src)]
        return interleaved({"lo": lambda: subprocess.run(cmd, check=True, capture_output=True)}, max(3, repeat // 5))["lo"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()

    print(f"DOCX: medians of {args.repeat} interleaved runs, ms")
    print(f"{'document':<24}{'kbo-docs':>10}{'docxtpl':>10}{'ratio':>8}")
    for doc_id, ours, raw in docx_rows(args.repeat):
        print(f"{doc_id:<24}{ours:>10.1f}{raw:>10.1f}{ours / raw:>8.2f}")

    print(f"\nPDF: medians of {args.repeat} interleaved runs, ms per document (ms per page), KB")
    print(f"{'document':<24}{'pages':>6}{'raw':>14}{'+text layer':>16}{'kbo-docs':>16}{'ratio':>8}{'KB raw':>8}{'KB ours':>9}")
    for doc_id, pages, ms, sizes in pdf_rows(args.repeat):
        cells = "".join(f"{ms[k]:>9.1f} ({ms[k] / pages:>4.0f})" for k in ("raw", "+text layer", "kbo-docs"))
        print(f"{doc_id:<24}{pages:>6}{cells}{ms['kbo-docs'] / ms['raw']:>8.2f}"
              f"{sizes['raw'] / 1024:>8.1f}{sizes['kbo-docs'] / 1024:>9.1f}")

    print("\nXLSX (openpyxl is the raw library): " + ", ".join(f"{i} {ms:.1f} ms" for i, ms in xlsx_rows(args.repeat)))
    if not args.no_libreoffice:
        lo = libreoffice(args.repeat)
        if lo is not None:
            print(f"LibreOffice soffice --convert-to pdf of the sample letter (whole call): {lo:.0f} ms")


if __name__ == "__main__":
    main()
