"""Test helpers that turn a plain-text document into the files clerks actually send: DOCX
(python-docx, one paragraph per line, tab-separated blocks as Word tables), PDF from HTML
(WeasyPrint with the bundled Sarabun and kbo-docs' Thai text layer) and PDF from the DOCX
(LibreOffice, as "Save as PDF" in an office would), and that find where words landed."""

from __future__ import annotations

import functools
import html
import itertools
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_MARKUP = re.compile(r"\*\*|</?b>")


@dataclass
class Layout:
    """How the lines of a text file were laid out: paragraphs and tables."""

    blocks: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)
    """("p", [(line, text)]) or ("t", [(line, row text with tabs), ...])."""
    docx: dict[int, str] = field(default_factory=dict)
    """Source line -> DOCX location label (paragraph ``pN``; for a table row, ``tK:rI``)."""


def layout(text: str) -> Layout:
    out = Layout()
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = _MARKUP.sub("", lines[i]).rstrip()
        if line.count("\t") >= 2:
            rows = []
            while i < len(lines) and _MARKUP.sub("", lines[i]).count("\t") >= 2:
                rows.append((i + 1, _MARKUP.sub("", lines[i]).strip()))
                i += 1
            out.blocks.append(("t", rows))
            continue
        if line.strip():
            out.blocks.append(("p", [(i + 1, line.strip())]))
        i += 1
    paragraphs = tables = 0
    for kind, rows in out.blocks:
        if kind == "p":
            paragraphs += 1
            out.docx[rows[0][0]] = f"p{paragraphs}"
        else:
            tables += 1
            for r, (line, _text) in enumerate(rows, start=1):
                out.docx[line] = f"t{tables}:r{r}"
    return out


def write_docx(text: str, path: Path, font: str = "Sarabun") -> Layout:
    """The text as a Word document: a paragraph per non-empty line, tables for blocks of
    lines with two or more tabs. Complex-script font set as Word needs it for Thai."""
    import docx
    from docx.oxml.ns import qn

    plan = layout(text)
    document = docx.Document()

    def thai_font(run) -> None:  # type: ignore[no-untyped-def]
        run.font.name = font
        fonts = run._element.get_or_add_rPr().find(qn("w:rFonts"))
        fonts.set(qn("w:cs"), font)

    for kind, rows in plan.blocks:
        if kind == "p":
            thai_font(document.add_paragraph().add_run(rows[0][1]))
            continue
        cells = [row.split("\t") for _line, row in rows]
        table = document.add_table(rows=len(cells), cols=max(len(c) for c in cells))
        table.style = "Table Grid"
        for r, row in enumerate(cells):
            for c, value in enumerate(row):
                thai_font(table.cell(r, c).paragraphs[0].add_run(value.strip()))
    document.save(str(path))
    return plan


_CSS = """
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
body { font-family: "Sarabun"; font-size: 11pt; line-height: 1.45; }
p { margin: 0 0 4pt 0; white-space: pre-wrap; }
table { border-collapse: collapse; margin: 4pt 0; }
td { border: 0.5pt solid black; padding: 1pt 4pt; }
"""


def html_of(text: str) -> str:
    parts = ['<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"></head><body>']
    for kind, rows in layout(text).blocks:
        if kind == "p":
            parts.append(f"<p>{html.escape(rows[0][1])}</p>")
        else:
            parts.append("<table>")
            for _line, row in rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in row.split("\t")) + "</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_weasyprint_pdf(text: str, path: Path) -> None:
    """The text as a PDF made by WeasyPrint with the bundled Sarabun and kbo-docs' Thai text
    layer (:mod:`kbo_docs.render.textlayer`): what ``kbo-docs render`` produces."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from kbo_docs.render import textlayer
    from kbo_docs.render.paths import fonts_dir
    from kbo_docs.render.pdf import font_face_css

    textlayer.install()
    config = FontConfiguration()
    css = CSS(string=font_face_css(fonts_dir()) + _CSS, font_config=config)
    HTML(string=html_of(text)).write_pdf(str(path), stylesheets=[css], font_config=config)


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_pdfs(docx_files: list[Path], outdir: Path, work: Path) -> list[Path]:
    """PDFs of DOCX files by LibreOffice ("Save as PDF"), with Sarabun installed for it alone."""
    soffice = libreoffice()
    assert soffice is not None
    home = work / "home"
    (home / ".fonts").mkdir(parents=True, exist_ok=True)
    for font in (ROOT / "fonts").glob("Sarabun-*.ttf"):
        shutil.copy(font, home / ".fonts" / font.name)
    env = {**os.environ, "HOME": str(home)}
    command = [soffice, "--headless", f"-env:UserInstallation={(work / 'profile').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=180)
    return [outdir / (f.stem + ".pdf") for f in docx_files]


def _bare(text: str) -> str:
    """Text without whitespace and Thai marks, SARA AM read as SARA AA: extractors disagree
    about all three."""
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33").replace("\u0e33\u0e32", "\u0e33")
    text = text.replace("\u0e33", "\u0e32")
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Mc", "Me", "Cf"))


@functools.lru_cache(maxsize=32)
def pdf_lines(path: Path) -> dict[tuple[int, int], str]:
    """Each visual text line of a PDF by (page, line from the top), as pdfplumber groups them
    on its own (an independent reading for the location checks)."""
    import pdfplumber

    out = {}
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for index, line in enumerate(page.extract_text_lines(return_chars=False), start=1):
                out[(number, index)] = line["text"]
    if not any(text.strip() for text in out.values()):
        # fonts pdfminer cannot decode (WeasyPrint with a missing glyph): poppler's reading
        text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
        for number, page_text in enumerate(text.decode("utf-8").split("\f"), start=1):
            lines = [line for line in page_text.splitlines() if line.strip()]
            out.update({(number, index): line for index, line in enumerate(lines, start=1)})
    return out


def pdf_lines_with(path: Path, words: str) -> set[tuple[int, int]]:
    """The (page, line) pairs where ``words`` are (compared without spaces and marks): the
    lines that hold them, or the line where they start when they run on to the next line."""
    want = _bare(words)
    lines = pdf_lines(path)
    keys = sorted(lines)
    found = {key for key in keys if want in _bare(lines[key])}
    for key, after in itertools.pairwise(keys):
        joined = _bare(lines[key]) + _bare(lines[after])
        if want in joined and want not in _bare(lines[after]) and want not in _bare(lines[key]):
            found.add(key)
    return found


def pdf_location(label: str) -> tuple[int, int]:
    m = re.fullmatch(r"page (\d+) line (\d+)", label)
    assert m, f"not a PDF line location: {label!r}"
    return int(m.group(1)), int(m.group(2))
