"""A long register's PDF laid out in parts (issue 16, :mod:`kbo_docs.render.parts`), read back:
the same pages as one layout (rows per page, text layer), the header on every page, every row
once and in order with its figures, page numbers running on across parts, the title only on
the first page and the total row, the marks and the notes only at the end. The part sizes are
made small here so that a register of a few hundred rows has several parts."""

from __future__ import annotations

import io

import pypdf
import pytest
import yaml

from kbo_docs.load import load_text
from kbo_docs.render import parts, render_project
from kbo_docs.render.pdf import render_pdf, render_pdf_pages
from kbo_docs.render.view import Views

from .printed import LAMPANG, PT_PER_CM, pdf_lines

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ROWS = 230
SLIP = 101  # the row whose typed total is wrong (marked; explained under the table)


def _thai(n: int, commas: bool = False) -> str:
    return (f"{n:,}" if commas else str(n)).translate(THAI)


def _register_text(rows: int = ROWS, wide: bool = False, slip: bool = True) -> str:
    """The Lampang register with ``rows`` villages (one typed total wrong); ``wide``: names and
    figures too wide for the fixed column widths at 11 pt (the table is laid out by WeasyPrint
    with automatic widths, then fitted)."""
    data = yaml.safe_load(LAMPANG.read_text(encoding="utf-8"))
    data.pop("circulars")
    reg = data["registers"][0]
    reg.pop("allocation")
    reg.pop("totals")
    reg["columns"][3].pop("pool")
    out = []
    for i in range(rows):
        s, q = i % 7, 10 + (i * 37) % 190
        total = s + q + (1 if slip and i == SLIP else 0)
        name = f"บ้านหนองบัว หมู่ที่ {_thai(i + 1)}" + (" ตำบลเวียงเหนือ อำเภอเมืองลำปาง" if wide else "")
        scale = 98765431 if wide else 1
        out.append([name, _thai(s * scale, True), _thai(q * scale, True), _thai(total * scale, True),
                    _thai(1 + i % 3)])
    reg["rows"] = out
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _document(text: str):  # type: ignore[no-untyped-def]
    (doc,) = [d for d in Views(load_text(text, "reg.yaml").project).documents() if d.kind == "register"]
    return doc


def _small(monkeypatch, workers: int) -> None:
    monkeypatch.setattr(parts, "PARTS_ABOVE", 300)  # cells: 60 rows of the register's 5 columns
    monkeypatch.setattr(parts, "PART_CELLS", 350)  # 70 rows, about two pages
    monkeypatch.setattr(parts, "SIDE_BY_SIDE_CELLS", 350)
    monkeypatch.setattr(parts, "_workers", lambda jobs: workers)


@pytest.fixture(params=[1, 2], ids=["one-process", "side-by-side"])
def small_parts(monkeypatch, request):
    """Small parts, laid out one after the other in this process or side by side in two workers."""
    _small(monkeypatch, request.param)
    return request.param


@pytest.fixture
def side_by_side(monkeypatch):
    """Small parts, side by side in two workers."""
    _small(monkeypatch, 2)


def _whole(monkeypatch, doc):  # type: ignore[no-untyped-def]
    with monkeypatch.context() as m:
        m.setattr(parts, "PARTS_ABOVE", 10**9)
        return render_pdf_pages(doc)


def _texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_parts_give_the_pages_of_one_layout(small_parts, monkeypatch, tmp_path):
    doc = _document(_register_text())
    calls = []
    real = parts.render_parts
    monkeypatch.setattr(parts, "render_parts", lambda *a, **k: calls.append(1) or real(*a, **k))
    pdf, count = render_pdf_pages(doc)
    assert calls == [1]
    whole, whole_count = _whole(monkeypatch, doc)
    assert calls == [1]  # the whole layout did not take the parts' path
    texts = _texts(pdf)
    assert count == len(texts) == whole_count >= 6
    assert texts == _texts(whole)  # same rows on every page, text layer read back alike
    joined, alone = pypdf.PdfReader(io.BytesIO(pdf)), pypdf.PdfReader(io.BytesIO(whole))
    assert joined.metadata.title == alone.metadata.title and joined.metadata.title  # the first part's
    assert joined.trailer["/Root"]["/Lang"] == alone.trailer["/Root"]["/Lang"] == "th"
    path = tmp_path / "parts.pdf"
    path.write_bytes(pdf)
    pages = pdf_lines(path)
    label = doc.data["row_label"]
    names = [r["name"] for r in doc.data["rows"]]
    found, totals, notes = [], [], []
    for number, page in enumerate(pages, start=1):
        lines = [ln.text for ln in page]
        if number > 1:
            assert lines[0].replace(" ", "") == f"-{_thai(number)}-"  # numbers run on across parts
            assert page[0].top == pytest.approx(pages[1][0].top, abs=0.5)
        heads = [ln for ln in page if ln.text.startswith(label)]
        if not any(ln.startswith(("บ้านหนองบัว", "รวม ")) for ln in lines):
            assert number == len(pages) and not heads  # the notes may end the register on a page of their own
            continue
        assert len(heads) == 1, number  # the header repeated on every page of the table, once
        if number > 1:  # where every page after the first has it, parts' first pages too
            assert heads[0].top == pytest.approx([ln for ln in pages[1] if ln.text.startswith(label)][0].top, abs=0.5)
        found += [ln for ln in lines if ln.startswith("บ้านหนองบัว")]
        assert ("ทะเบียนจัดสรรกลุ่มเป้าหมาย" in lines[0]) == (number == 1)
        totals.append(sum(ln.startswith("รวม ") for ln in lines))
        notes.append(any("แนวทางการคัดเลือกกลุ่มเป้าหมาย" in ln for ln in lines))
    # the total row once, after the last row; the notes after it, at the end
    assert sum(totals) == 1 and totals.index(1) >= len(pages) - 2
    assert notes.index(True) >= totals.index(1) and not any(notes[: totals.index(1)])
    # every row once, in order, with its figures, exactly as the data has them
    assert len(found) == ROWS
    for i, (line, name) in enumerate(zip(found, names)):
        s, q = i % 7, 10 + (i * 37) % 190
        figures = [_thai(s), _thai(q), _thai(s + q + (1 if i == SLIP else 0)), _thai(1 + i % 3)]
        if i == SLIP:  # the boxed, starred figure sits on its own baseline: pdfplumber reads it apart
            assert line.replace("*", "").split() == [*name.split(), *figures[:2], figures[3]], line
            assert any(ln.text == figures[2] for page in pages for ln in page)
            continue
        assert line == " ".join([name, *figures]), line
    # the wrong total is explained under the table, once, after the total row
    explained = [n for n, page in enumerate(pages) for ln in page if f"หมู่ที่ {_thai(SLIP + 1)} ช่อง" in ln.text]
    assert len(explained) == 1 and explained[0] >= totals.index(1)


def test_page_boundaries_between_parts_are_full_pages(small_parts, monkeypatch, tmp_path):
    """No half-empty page where one part ends: every page but the last holds as many rows as
    the others (the rows are one line each, none marked, so every full page holds the same)."""
    doc = _document(_register_text(slip=False))
    pdf, _ = render_pdf_pages(doc)
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    per_page = [sum(ln.text.startswith("บ้านหนองบัว") for ln in page) for page in pdf_lines(path)]
    tables = [n for n in per_page if n]  # the notes may end on a page of their own
    assert len(tables) >= 6 and len(set(tables[1:-1])) == 1, per_page  # page 1: the title above the table
    assert tables[0] < tables[1] and tables[-1] <= tables[1]
    assert sum(per_page) == ROWS


def test_small_registers_are_laid_out_whole(monkeypatch):
    """A register up to PARTS_ABOVE cells, and any PDF/A or PDF/UA, never takes the parts' path."""
    monkeypatch.setattr(parts, "render_parts", lambda *a, **k: pytest.fail("laid out in parts"))
    sample = _document(LAMPANG.read_text(encoding="utf-8"))
    assert len(pypdf.PdfReader(io.BytesIO(render_pdf(sample))).pages) == 1
    monkeypatch.setattr(parts, "PARTS_ABOVE", 50)
    monkeypatch.setattr(parts, "PART_CELLS", 50)
    pdf = render_pdf(_document(_register_text(40)), pdf_variant="pdf/a-3b")
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 1


def test_wide_register_in_parts_keeps_its_columns(small_parts, monkeypatch, tmp_path):
    """A register whose widths WeasyPrint computes: the size is chosen on the probe of its
    widest rows, and every part gets the probe's column widths, so the figures stand in the
    same columns on every page, inside the page."""
    doc = _document(_register_text(160, wide=True, slip=False))
    assert not doc.data["fixed"]
    pdf, count = render_pdf_pages(doc)
    path = tmp_path / "wide.pdf"
    path.write_bytes(pdf)
    import pdfplumber

    with pdfplumber.open(path) as book:
        assert len(book.pages) == count
        columns = []
        for page in book.pages:
            # the vertical rules of the table, as drawn: the same on every page
            xs = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
            columns.append(xs)
            right = max(c["x1"] for c in page.chars)
            assert right <= page.width - 1.5 * PT_PER_CM  # inside the right margin
            assert min(c["size"] for c in page.chars if c["text"].strip()) >= 8 - 0.01
        assert len(columns[0]) == 6 and all(xs == columns[0] for xs in columns), columns
    rows = [ln.text for page in pdf_lines(path) for ln in page if ln.text.startswith("บ้านหนองบัว")]
    assert len(rows) == 160


def test_render_project_counts_the_pages_of_parts(small_parts, tmp_path):
    result = render_project(load_text(_register_text(), "reg.yaml"), tmp_path, formats=["pdf"])
    (pdf,) = result.written
    assert result.pages == len(pypdf.PdfReader(str(pdf)).pages) >= 6


def test_side_by_side_parts_start_where_predicted(side_by_side, monkeypatch):
    """Rows of one line each: every part laid out side by side starts on the row and page
    number predicted from the probe, so none is laid out twice."""
    seen = []
    real = parts._side_by_side
    monkeypatch.setattr(parts, "_side_by_side", lambda job, starts, *a: seen.append(starts) or real(job, starts, *a))
    doc = _document(_register_text(slip=False))
    pdf, count = render_pdf_pages(doc)
    assert len(seen) == 1 and len(seen[0]) >= 3  # three parts or more, side by side
    assert parts.REPAIRS == []
    assert _texts(pdf) == _texts(_whole(monkeypatch, doc)[0])


def test_rows_of_many_heights_are_predicted_too(side_by_side, monkeypatch):
    """Names too wide to stay on one line wrap, to two, three or four lines by row: each row's
    height is predicted from its own text, so the parts still start where predicted."""
    data = yaml.safe_load(_register_text(wide=True))
    for i, row in enumerate(data["registers"][0]["rows"]):
        row[0] += " บ้านใหม่พัฒนา" * ((i * 7) % 5)
    doc = _document(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    pdf, count = render_pdf_pages(doc)
    assert parts.REPAIRS == []
    whole, whole_count = _whole(monkeypatch, doc)
    assert count == whole_count >= 15 and _texts(pdf) == _texts(whole)


@pytest.mark.parametrize("shift", [-3, 2, 40])
def test_a_wrong_prediction_costs_time_not_pages(side_by_side, monkeypatch, shift):
    """Parts predicted to start mid-page (or numbered wrong) are laid out again from where the
    pages before them end: the pages are those of one layout all the same."""
    real = parts._predicted_starts

    def wrong(*args):  # type: ignore[no-untyped-def]
        starts = real(*args)
        assert starts
        return [starts[0]] + [(row + shift, page + (1 if shift > 10 else 0)) for row, page in starts[1:]]

    monkeypatch.setattr(parts, "_predicted_starts", wrong)
    doc = _document(_register_text())
    pdf, count = render_pdf_pages(doc)
    assert parts.REPAIRS  # the stretches were laid out again
    whole, whole_count = _whole(monkeypatch, doc)
    assert count == whole_count and _texts(pdf) == _texts(whole)


def test_workers_only_where_forking_is_safe():
    import threading

    assert parts._workers(1) == 1
    assert parts._workers(2) == 2 and parts._workers(64) == parts.MAX_WORKERS
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parts._workers(2) == 1  # a fork would copy locks the other thread may hold
    finally:
        stop.set()
        other.join()
