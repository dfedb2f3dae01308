"""How long ``kbo-docs lint`` takes on a PDF of 100 pages, the most lint reads (issue 11: within 5 s).

The PDF is made the way ``kbo-docs render`` makes PDFs (WeasyPrint, the bundled Sarabun, the
Thai text layer) from the corpus's documents one after another, tables included, until it has 100
pages; it is kept in the directory given (a temporary one by default), so a second run times the
lint alone.

    .venv/bin/python benchmarks/lint_pdf.py [--keep DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = 100


def corpus_text() -> str:
    """The text of the corpus's text documents and the sources of its generated ones, without
    the lines Sarabun has no glyphs for (a missing glyph makes WeasyPrint write a font whose
    text pdfminer cannot decode, and lint reads such a PDF with pdftotext instead)."""
    corpus = ROOT / "tests" / "corpus"
    files = sorted((corpus / "docs").glob("*.txt")) + sorted((corpus / "source").glob("*.txt"))
    lines = [line for f in files for line in f.read_text(encoding="utf-8").splitlines() + [""]]
    drawable = re.compile(r"^[\u0000-\u024f\u0e00-\u0e7f\u2010-\u2027\u00a0]*$")
    return "\n".join(line for line in lines if drawable.match(line))


def make_pdf(path: Path) -> int:
    """A PDF of exactly :data:`PAGES` pages; returns its page count."""
    import pypdf

    from tests.lint.build import write_weasyprint_pdf

    one = corpus_text()
    text, pages = one, 0
    while True:
        write_weasyprint_pdf(text, path)
        pages = len(pypdf.PdfReader(str(path)).pages)
        if pages >= PAGES:
            break
        text = "\n\n".join([one] * (PAGES // max(pages // (text.count(one) or 1), 1) + 1))
    if pages > PAGES:  # keep the first 100 pages
        reader, writer = pypdf.PdfReader(str(path)), pypdf.PdfWriter()
        for page in reader.pages[:PAGES]:
            writer.add_page(page)
        with path.open("wb") as out:
            writer.write(out)
        pages = PAGES
    return pages


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="directory to keep the PDF in (made once)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from kbo_docs.lint import lint_path

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pdf = folder / "lint-100-pages.pdf"
        if not pdf.exists():
            started = time.perf_counter()
            pages = make_pdf(pdf)
            print(f"made {pdf.name}: {pages} pages, {pdf.stat().st_size // 1024} KB in {time.perf_counter() - started:.1f} s")
        times, findings, paragraphs = [], 0, 0
        for _ in range(args.repeat):
            started = time.perf_counter()
            doc, found = lint_path(pdf)
            times.append(time.perf_counter() - started)
            findings, paragraphs = len(found), len(doc.paragraphs)
        print(f"lint of {PAGES} pages ({paragraphs} paragraphs, {findings} findings): "
              f"median {statistics.median(times):.2f} s, best {min(times):.2f} s over {args.repeat} runs (aim: 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
