"""Issue 12 point 1: the signature never stands alone. The closing, the signature block and
at least the last two lines of the body share a page, and no page holds a single line of a
paragraph (widow or orphan): in the PDF (CSS break rules: .keep-end, .sign-block) and in
the DOCX as LibreOffice prints it (KBO Sign style + ooxml.keep_end), for circulars, minutes,
memos and announcements (issue 13's kinds share the signature of build.py and _parts.html)
with generated bodies from one line to three pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbo_docs.load import load_text
from kbo_docs.render import ooxml, render_project

from .printed import (PT_PER_CM, Line, bare, bodies, circular_with, kind_with, libreoffice_pdfs, minutes_with, pdf_lines,
                      without_page_number)

LEFT = 3 * PT_PER_CM  # the text's left edge: 3 cm


def _continuation(line: Line) -> bool:
    """A line at the left margin: not the first line of an indented paragraph."""
    return abs(line.x0 - LEFT) < 4


def _start(line: Line) -> bool:
    """The first line of a paragraph with a first-line indent (1.5 or 2.5 cm)."""
    return 1.2 * PT_PER_CM < line.x0 - LEFT < 2.7 * PT_PER_CM


def ending_problems(pages: list[list[Line]], is_sign: object) -> list[str]:
    """What is wrong with how the pages end: the signature page without two body lines
    before the signature, a single line of a paragraph at the top or the foot of a page."""
    pages = [without_page_number(p) for p in pages]
    problems = []
    where = [(n, i) for n, lines in enumerate(pages) for i, ln in enumerate(lines) if is_sign(ln.text)]
    assert where, "no signature block found"
    page, index = where[0]
    if page > 0 and index < 2:
        problems.append(f"page {page + 1}: the signature has {index} body line(s) before it")
    for n, lines in enumerate(pages):
        if not lines:
            problems.append(f"page {n + 1} is empty")
            continue
        if n > 0 and _continuation(lines[0]) and (len(lines) == 1 or not _continuation(lines[1])):
            problems.append(f"page {n + 1}: a widow line at the top: {lines[0].text[:30]}")
        if n + 1 < len(pages) and pages[n + 1] and _start(lines[-1]) and _continuation(pages[n + 1][0]):
            problems.append(f"page {n + 1}: an orphan line at the foot: {lines[-1].text[:30]}")
    return problems


def _render(texts: list[str], tmp: Path, fmt: str) -> list[Path]:
    out = []
    for i, text in enumerate(texts):
        result = render_project(load_text(text, f"gen{i}.yaml"), tmp / f"g{i}", formats=[fmt])
        out += result.written
    return out


CIRCULARS = [circular_with(b) for b in bodies(seed=12, count=22, max_words=1700)]
CIRCULARS.append(circular_with(bodies(seed=7, count=6, max_words=400)[3], conclusion=None))
MINUTES = [minutes_with(b) for b in bodies(seed=21, count=14, max_words=1500)]
MEMOS = [kind_with("memo", b) for b in bodies(seed=13, count=8, max_words=1500)]
ANNOUNCEMENTS = [kind_with("announcement", b) for b in bodies(seed=31, count=8, max_words=1500)]


def _is_closing(text: str) -> bool:
    return bare(text) == bare("ขอแสดงความนับถือ")


def _is_signoff(text: str) -> bool:
    return bare(text).startswith(bare("(ลงชื่อ)"))


def _is_memo_signer(text: str) -> bool:
    return bare(text) == bare("(นายสมชาย ใจดี)")


def _is_dated(text: str) -> bool:
    return bare(text).startswith(bare("ประกาศ ณ วันที่"))


@pytest.mark.parametrize(("texts", "is_sign"), [(CIRCULARS, _is_closing), (MINUTES, _is_signoff),
                                                (MEMOS, _is_memo_signer), (ANNOUNCEMENTS, _is_dated)],
                         ids=["circular", "minutes", "memo", "announcement"])
def test_pdf_signature_never_alone(texts, is_sign, tmp_path):
    pdfs = _render(texts, tmp_path, "pdf")
    page_counts, signature_pages = [], []
    for pdf in pdfs:
        pages = pdf_lines(pdf)
        page_counts.append(len(pages))
        assert ending_problems(pages, is_sign) == [], pdf
    assert min(page_counts) == 1 and max(page_counts) >= 3, page_counts  # one line to three pages


@pytest.mark.parametrize(("texts", "is_sign"), [(CIRCULARS[::2], _is_closing), (MINUTES[::2], _is_signoff),
                                                (MEMOS[::2], _is_memo_signer), (ANNOUNCEMENTS[::2], _is_dated)],
                         ids=["circular", "minutes", "memo", "announcement"])
def test_docx_signature_never_alone_in_libreoffice(texts, is_sign, tmp_path):
    docxs = _render(texts, tmp_path, "docx")
    page_counts = []
    for docx, pdf in zip(docxs, libreoffice_pdfs(docxs, tmp_path / "lo", tmp_path)):
        pages = pdf_lines(pdf)
        page_counts.append(len(pages))
        assert ending_problems(pages, is_sign) == [], docx
    assert max(page_counts) >= 3, page_counts


def test_keep_end_marks_the_block_and_two_body_paragraphs():
    from docx import Document

    from kbo_docs.render.docx import render_docx
    from kbo_docs.render.view import Views

    doc = next(d for d in Views(load_text(CIRCULARS[5], "t.yaml").project).documents())
    import io

    document = Document(io.BytesIO(render_docx(doc)))
    paragraphs = [p for p in document.paragraphs]
    signs = [i for i, p in enumerate(paragraphs) if p.style.style_id == ooxml.SIGN_STYLE]
    first, last = signs[0], signs[-1]
    assert signs == list(range(first, last + 1))
    assert all(paragraphs[i].paragraph_format.keep_with_next for i in signs[:-1])
    assert not paragraphs[last].paragraph_format.keep_with_next
    body = [p for p in paragraphs[:first] if p.text.strip()]
    assert [p.paragraph_format.keep_with_next for p in body[-3:]] == [None, True, True]
