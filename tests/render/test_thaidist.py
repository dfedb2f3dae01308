"""Thai distributed paragraphs in the PDF (kbo_docs.render.thaidist), measured in the output.

Each case is rendered twice, Thai-distributed and left-aligned (same line breaks, same
characters), with the exact text layer active as in the default render. The laid-out
document says which lines belong to marked paragraphs and which line is a paragraph's last
(or ends in a ``<br>``); pdfplumber gives the positions (see thaimeasure.py):

* every non-final line ends within 0.1 pt of its block's right edge;
* within a line, every gap between clusters grows by the same amount (within 0.05 pt);
* marks do not move away from their consonant, ำ included (grapheme-internal gaps do not
  grow; marks drawn as their own glyphs keep their offsets; composite glyphs keep their
  components' offsets);
* last lines and lines before a forced break are exactly where the left render has them;
* the characters read back are the same sequence, and still exact Thai.
"""

from __future__ import annotations

import io

import os
import re
import warnings
from functools import cache
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import weasyprint
import weasyprint.draw.text
import weasyprint.layout.inline

from kbo_docs.load import load_project
from kbo_docs.render import textlayer, thaidist
from kbo_docs.render.paths import fonts_dir
from kbo_docs.render.pdf import font_face_css, render_document, render_html, render_pdf
from kbo_docs.render.thaidist import ThaiDistributeWarning
from kbo_docs.render.view import Document, Views

from ..helpers import LAMPANG, run_cli
from . import pdftext as T
from . import thaimeasure as M

ROOT = Path(__file__).resolve().parents[2]

END_PT = 0.1  # non-final lines end this close to the right edge
EVEN_PT = 0.05  # spread of the gap growth within a line; mark displacement

TEXT = ("ด้วยจังหวัดลำปาง ได้รับแจ้งจากกรมการพัฒนาชุมชน ว่าได้กำหนดดำเนินโครงการส่งเสริมกระบวนการ"
        "เครือข่ายองค์ความรู้ (Knowledge – Based OTOP : KBO) โดยมีวัตถุประสงค์เพื่อส่งเสริมให้คณะกรรมการ"
        "เครือข่ายองค์ความรู้ KBO จังหวัด เป็นศูนย์กลางในการให้ความช่วยเหลือ และสนับสนุนการพัฒนาขีดความ"
        "สามารถของผู้ผลิต ผู้ประกอบการ OTOP ในการยกระดับการพัฒนาผลิตภัณฑ์ ให้มีคุณภาพ มาตรฐาน "
        "มีมูลค่าเพิ่ม สร้างสรรค์นวัตกรรม")
MARKS = ("น้ำท่วมทำให้ก่ำค้ำกำลังลำบากประจำปีดำเนินการจำนวนสำนักงานทั้งผู้ใหญ่ที่นั่นปั้นญี่ปุ่น"
         "ก๋วยเตี๋ยวน้ำใสกตัญญูฐูญุฎูฏุป่ำค่ำข่มเหงกิ๊ฟปั้มเลื่อนฟื้นฟูถั่วอำเภอ")

CASES = {
    "plain": f'<p class="d">{TEXT} {MARKS} {TEXT}</p>',
    "bold": '<p class="d">' + TEXT.replace("กรมการพัฒนาชุมชน", "<b>กรมการพัฒนาชุมชน</b>")
    .replace("ดำเนิน", "<b>ดำเนิน</b>").replace("ของผู้ผลิต", "ของ<b>ผู้ผลิต</b>")
    .replace("KBO)", "<b>KBO)</b>") + f" <b>{MARKS}</b> {TEXT}</p>",
    "br": f'<p class="d">{TEXT}<br>{MARKS} {TEXT[:150]}<br>{TEXT}</p>',
    "split": f'<div style="height: 21.5cm"></div><p class="d">{TEXT} {MARKS} {TEXT}</p>',
    "narrow": f'<p class="d" style="width: 7cm; text-indent: 0">{MARKS} น้ำ ทำ ก่ำ ค้ำ กำ ลำ ป่ำ ค่ำ '
              f'{MARKS}</p>',
}

CSS = """
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
html { font-family: Sarabun; font-size: 16pt; line-height: 1.5; }
p { margin: 0 0 8pt 0; text-indent: 2.5cm; }
b { font-weight: bold; }
.d { text-align: var(--thai-distributed-align, justify); --thai-distribute: 1; }
"""


# ------------------------------------------------------------------------------------------
# Rendering
# ------------------------------------------------------------------------------------------


@cache
def _sheets():  # type: ignore[no-untyped-def]
    from weasyprint import CSS as Sheet
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    sheet = Sheet(string=font_face_css(fonts_dir()) + CSS, font_config=config)
    return sheet, Sheet(string=thaidist.FALLBACK_CSS), config


def _render_html(html: str, *, distribute: bool = True, stock_layer: bool = False,
                 install: bool = True) -> tuple[bytes, list[M.Line]]:
    from weasyprint import HTML

    sheet, fallback, config = _sheets()
    if install:
        assert thaidist.install()
    if stock_layer:
        textlayer.uninstall()
    else:
        assert textlayer.install()
    try:
        stylesheets = [sheet] if distribute else [sheet, fallback]
        document = HTML(string=f'<html lang="th"><body>{html}</body></html>').render(
            stylesheets=stylesheets, font_config=config)
        lines = M.marked_lines(document)
        pdf = document.write_pdf()
    finally:
        assert textlayer.install()
    return pdf, M.attach_chars(pdf, lines)


@cache
def _case(name: str, distribute: bool = True, stock_layer: bool = False) -> tuple[bytes, list[M.Line]]:
    return _render_html(CASES[name], distribute=distribute, stock_layer=stock_layer)


@cache
def _documents() -> dict[str, Document]:
    docs = {}
    for sample in ("lampang-kbo-2568.yaml", "chiangmai-kbo-meeting-1-2565.yaml"):
        for doc in Views(load_project(ROOT / "samples" / sample).project).documents():
            docs.setdefault(doc.kind, doc)  # a circular to many: its first letter
    return docs


@cache
def _sample(kind: str, distribute: bool = True) -> tuple[bytes, list[M.Line]]:
    document = render_document(_documents()[kind], thai_distribute=distribute)
    lines = M.marked_lines(document)
    pdf = document.write_pdf()
    return pdf, M.attach_chars(pdf, lines)


def _pairs(on: list[M.Line], off: list[M.Line]) -> list[tuple[M.Line, M.Line]]:
    assert len(on) == len(off) and on, (len(on), len(off))
    for a, b in zip(on, off):
        assert (a.page, a.final, round(a.baseline, 2)) == (b.page, b.final, round(b.baseline, 2))
        assert a.chars and a.text == b.text, (a.text, b.text)
    return list(zip(on, off))


def _measures(on: list[M.Line], off: list[M.Line]) -> list[M.Measure]:
    return [M.measure(a, b) for a, b in _pairs(on, off)]


# ------------------------------------------------------------------------------------------
# Installation and the WeasyPrint pin
# ------------------------------------------------------------------------------------------


def test_weasyprint_is_the_pinned_version_with_every_internal():
    """Fails loudly on a WeasyPrint upgrade: re-check thaidist against the new internals."""
    assert weasyprint.__version__ == thaidist.WEASYPRINT_VERSION == "70.0"
    assert thaidist._missing_internals() == []


def test_install_is_idempotent_and_wraps_once():
    assert thaidist.install() is True
    first = weasyprint.layout.inline.justify_line
    assert thaidist.install() is True
    assert weasyprint.layout.inline.justify_line is first
    original = first._kbo_thaidist_wraps
    assert not hasattr(original, "_kbo_thaidist_wraps") and original.__module__ == "weasyprint.layout.inline"
    assert weasyprint.draw.text.int is thaidist._KerningInt
    assert textlayer.install() and thaidist.installed()  # both patches active together


def test_missing_internals_are_reported(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    monkeypatch.delattr(weasyprint.layout.inline, "justify_line")
    missing = thaidist._missing_internals()
    assert any("71.0" in m for m in missing)
    assert any("justify_line" in m for m in missing)


def test_kerning_int_is_plain_outside_distributed_boxes():
    K = thaidist._KerningInt
    assert type(K(-5.7)) is int and K(-5.7) == -5 and K("12") == 12 and K("ff", 16) == 255
    thaidist._flags.exact = True
    try:
        value = K(-5.7264)
        assert isinstance(value, int) and f"{value}" == "-5.726" and f">{K(3.0)}<" == ">3<"
        assert f"{K(-0.0001)}" == "0" and f"{K(12.5)}" == "12.5"
    finally:
        thaidist._flags.exact = False


@pytest.mark.parametrize(("value", "marked"), [("1", True), ("yes", True), ("0", False), ("none", False)])
def test_the_marker_value(value, marked):
    html = f'<p style="text-align: justify; --thai-distribute: {value}">{TEXT}</p>'
    pdf, _ = _render_html(html)
    stock, _ = _render_html(f'<p style="text-align: justify">{TEXT}</p>')
    assert (_content_streams(pdf) != _content_streams(stock)) is marked  # unmarked: WeasyPrint's own


# ------------------------------------------------------------------------------------------
# Measured output
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CASES))
def test_non_final_lines_end_at_the_right_edge(case):
    measures = [m for m in _measures(_case(case)[1], _case(case, False)[1]) if not m.line.final]
    assert len(measures) >= 5
    deviations = [m.end - m.line.right for m in measures]
    assert max(map(abs, deviations)) <= END_PT, deviations
    # Meaningful: left-aligned, these lines were ragged.
    assert max(m.line.right - m.left_end for m in measures) > 5


@pytest.mark.parametrize("case", sorted(CASES))
def test_gaps_between_clusters_grow_evenly(case):
    for m in _measures(_case(case)[1], _case(case, False)[1]):
        if m.line.final or m.line.right - m.left_end < END_PT:  # final, or full already
            continue
        assert min(m.increments) > 0, m.line.text
        assert max(m.increments) - min(m.increments) <= EVEN_PT, (m.line.text, m.increments)
        assert abs(m.start_shift) <= 0.01  # the first cluster stays at the start (or indent)


@pytest.mark.parametrize("case", sorted(CASES))
def test_graphemes_stay_together(case):
    """Boundaries inside a grapheme (the text layer draws "ก" + "ำ", "น" + "้ำ" as two codes)
    do not open, however large the spacing."""
    moves = [move for m in _measures(_case(case)[1], _case(case, False)[1]) for move in m.attached_moves]
    assert moves and max(map(abs, moves)) <= EVEN_PT


@pytest.mark.parametrize("case", sorted(CASES))
def test_marks_keep_their_offsets_from_the_base(case):
    """With WeasyPrint's stock text layer every mark is its own glyph: compare each mark's
    x offset from its base with the left-aligned render."""
    on, off = _case(case, stock_layer=True)[1], _case(case, False, stock_layer=True)[1]
    count = 0
    for a, b in _pairs(on, off):
        marks_on, marks_off = M.mark_offsets(a), M.mark_offsets(b)
        assert [t for t, _ in marks_on] == [t for t, _ in marks_off]
        for (_, x_on), (_, x_off) in zip(marks_on, marks_off):
            assert abs(x_on - x_off) <= EVEN_PT, (a.text, x_on, x_off)
            count += 1
    assert count > 20


@pytest.mark.parametrize("case", ["plain", "bold", "narrow"])
def test_composite_glyphs_keep_their_components(case):
    """The text layer's composites (a grapheme as one glyph) have the same component offsets
    as in the left render, within one font unit (rounding)."""
    on, off = M.composites(_case(case)[0]), M.composites(_case(case, False)[0])
    assert len(on) > 10
    for text, shapes in on.items():
        assert text in off, text
        for shape in shapes:
            assert any(len(shape) == len(other) and all(
                a[0] == b[0] and abs(a[1] - b[1]) <= 1 and abs(a[2] - b[2]) <= 1 for a, b in zip(shape, other))
                for other in off[text]), (text, shape, off[text])


@pytest.mark.parametrize("case", ["plain", "bold", "narrow"])
def test_distributed_lines_reuse_the_composites(case):
    """The spacing is not in the composites (it goes into the TJ adjustments): a distributed
    render has as many composites per grapheme as the left render (one per glyph
    sequence), whatever the spacing of each line (their components agree within one font
    unit, see above), and every character keeps its advance (pdfplumber's x1 - x0)."""
    on, off = _case(case)[0], _case(case, False)[0]
    composites, left = M.composites(on), M.composites(off)
    assert len(composites) > 10
    assert {text: len(shapes) for text, shapes in composites.items()} == {
        text: len(shapes) for text, shapes in left.items()}
    assert all(len({tuple(name for name, _x, _y in shape) for shape in shapes}) == len(shapes)
               for shapes in composites.values())
    widths = [[round(c["x1"] - c["x0"], 3) for c in page] for page in T.pdfplumber_chars(on)]
    assert widths == [[round(c["x1"] - c["x0"], 3) for c in page] for page in T.pdfplumber_chars(off)]


def test_sample_fonts_do_not_grow_with_distribution():
    """The minutes: the font programs of the distributed PDF are those of the left one."""
    import io

    import pypdf

    def programs(pdf: bytes) -> list[int]:
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        return sorted(len(ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"]
                          .get_object().get_data()) for ref in reader.pages[0]["/Resources"]["/Font"].values())

    assert programs(_sample("minutes")[0]) == programs(_sample("minutes", False)[0])


def test_sara_am_glue_is_what_keeps_am_attached(monkeypatch):
    """Without the glue Pango opens gaps inside ก|ำ and น้|ำ: the check above would catch it."""
    monkeypatch.setattr(thaidist, "_GLUE_SARA_AM", False)
    on, off = _render_html(CASES["narrow"])[1], _case("narrow", False)[1]
    worst = max(abs(move) for a, b in _pairs(on, off) if not a.final for move in M.measure(a, b).attached_moves)
    assert worst > 0.3


@pytest.mark.parametrize("case", sorted(CASES))
def test_last_lines_and_lines_before_a_break_stay_left_aligned(case):
    finals = [m for m in _measures(_case(case)[1], _case(case, False)[1]) if m.line.final]
    assert finals
    for m in finals:
        assert m.max_shift <= 0.01, m.line.text
    if case == "br":
        assert len(finals) == 3 and sum(m.line.forced_break for m in finals) == 2
        assert all(m.line.right - m.end > 20 for m in finals)  # visibly short, not stretched


def test_paragraph_split_across_pages():
    lines = _case("split")[1]
    pages = [line.page for line in lines]
    assert set(pages) == {0, 1}
    last_on_first = max((line for line in lines if line.page == 0), key=lambda line: line.baseline)
    assert not last_on_first.final  # the paragraph goes on: justified like any other line
    (measure,) = [m for m in _measures(lines, _case("split", False)[1]) if m.line is last_on_first]
    assert abs(measure.end - measure.line.right) <= END_PT
    assert [line.final for line in lines].count(True) == 1 and lines[-1].final and lines[-1].page == 1


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_is_the_same_character_sequence(case):
    on, off = _case(case)[0], _case(case, False)[0]
    chars_on = "".join(c["text"] for page in T.pdfplumber_chars(on) for c in page)
    chars_off = "".join(c["text"] for page in T.pdfplumber_chars(off) for c in page)
    assert chars_on == chars_off
    expected = re.sub(r"<[^>]+>", "", CASES[case])
    for extract in (T.pypdf_pages, lambda pdf: T.pdftotext_pages(pdf, raw=True)):
        text = "".join(extract(on))
        assert re.sub(r"\s", "", text) == re.sub(r"\s", "", expected)  # exact Thai: ำ, marks, order
    for word in ("ลำปาง", "ดำเนิน", "ประจำปี", "น้ำ", "ผู้ใหญ่"):
        if word in expected:
            assert word in "".join(T.pypdf_pages(on)), word


# ------------------------------------------------------------------------------------------
# The sample circular and minutes
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["circular", "minutes"])
def test_samples_come_out_distributed(kind):
    on, off = _sample(kind)[1], _sample(kind, False)[1]
    measures = _measures(on, off)
    body = [m for m in measures if not m.line.final]
    assert len(body) >= 15
    for m in body:
        assert abs(m.end - m.line.right) <= END_PT, (m.line.text, m.end, m.line.right)
        assert max(m.increments) - min(m.increments) <= EVEN_PT, m.line.text
    assert max(abs(move) for m in measures for move in m.attached_moves) <= EVEN_PT
    assert all(m.max_shift <= 0.01 for m in measures if m.line.final)


@pytest.mark.parametrize("kind", ["circular", "minutes"])
def test_samples_read_back_exactly(kind):
    pdf = _sample(kind)[0]
    nodes = T.body_text_nodes(render_html(_documents()[kind]))
    for extract in (T.pypdf_pages, T.pdfplumber_pages, lambda data: T.pdftotext_pages(data, raw=True)):
        assert T.compare(nodes, T.document_text(extract(pdf)), T.layout_text(pdf)) == []
    chars = ["".join(c["text"] for page in T.pdfplumber_chars(_sample(kind, d)[0]) for c in page) for d in (True, False)]
    assert chars[0] == chars[1]


def test_register_notes_are_distributed_not_its_table():
    """The register's notes are body paragraphs, Thai-distributed like every other (issue 12);
    the table cells are not: every distributed line lies below the table."""
    import pdfplumber

    pdf, lines = _sample("register")
    assert lines
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        table_bottom = max(t.bbox[3] for t in doc.pages[0].find_tables())
    assert all(line.page > 0 or line.baseline > table_bottom for line in lines)


# ------------------------------------------------------------------------------------------
# Switching it off, falling back
# ------------------------------------------------------------------------------------------


def _positions(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    return [[(c["text"], round(c["x0"], 3), round(c["top"], 3)) for c in page] for page in T.pdfplumber_chars(pdf)]


def test_setting_off_gives_left_alignment():
    doc = _documents()["circular"]
    off = render_pdf(doc, thai_distribute=False)
    assert _positions(off) == _positions(_sample("circular", False)[0])
    assert _positions(off) != _positions(render_pdf(doc))
    lines = _sample("circular", False)[1]
    assert max(line.right - M.measure(line, line).left_end for line in lines) > 20  # ragged


def test_cli_flag(tmp_path, monkeypatch):
    from PIL import Image

    # an office Garuda (an image: no text), as _sample renders without the placeholder
    Image.new("RGB", (10, 12)).save(tmp_path / "garuda.png")
    monkeypatch.setenv("KBO_DOCS_GARUDA", str(tmp_path / "garuda.png"))
    doc = _documents()["circular"]
    for flag, distribute in (("--no-thai-distribute", False), ("--thai-distribute", True)):
        out = tmp_path / flag
        result = run_cli("render", str(LAMPANG), "-o", str(out), "--format", "pdf", "--only", doc.id, flag)
        assert result.code == 0, result.output
        assert _positions((out / f"{doc.id}.pdf").read_bytes()) == _positions(_sample("circular", distribute)[0])


def test_fallback_warns_once_and_renders_left_aligned(monkeypatch):
    monkeypatch.setattr(thaidist, "_missing_internals", lambda: ["weasyprint.layout.inline.justify_line (test)"])
    monkeypatch.setattr(thaidist, "_warned", False)
    doc = _documents()["circular"]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pdfs = [render_pdf(doc) for _ in range(2)]
        ours = [w for w in caught if issubclass(w.category, ThaiDistributeWarning)]
        assert len(ours) == 1, [str(w.message) for w in caught]
        message = str(ours[0].message)
        assert "left-aligned" in message and "justify_line (test)" in message
        assert not thaidist.installed()
        assert not hasattr(weasyprint.layout.inline.justify_line, "_kbo_thaidist_wraps")
        assert "int" not in vars(weasyprint.draw.text)
        assert textlayer.installed()  # the text layer is independent
        # Left-aligned (not WeasyPrint's space-only justification) and still exact text.
        assert _positions(pdfs[0]) == _positions(_sample("circular", False)[0])
        nodes = T.body_text_nodes(render_html(doc))
        assert T.compare(nodes, T.document_text(T.pypdf_pages(pdfs[0])), T.layout_text(pdfs[0])) == []
    finally:
        monkeypatch.undo()
        assert thaidist.install() is True


def test_force_fallback(monkeypatch):
    monkeypatch.setattr(thaidist, "_warned", False)
    try:
        with pytest.warns(ThaiDistributeWarning):
            assert thaidist.install(force_fallback=True) is False
        assert not thaidist.installed()
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # warned once already: silent now
            assert thaidist.install(force_fallback=True) is False
    finally:
        assert thaidist.install() is True


def test_a_failing_line_is_left_as_laid_out(monkeypatch, caplog):
    """An error inside the hook never breaks the render: that line keeps its layout."""
    def boom(line, extra_width):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(thaidist, "_distribute", boom)
    pdf, lines = _render_html(CASES["plain"])
    assert pdf.startswith(b"%PDF") and "boom" in caplog.text
    assert all(m.max_shift <= 0.01 for m in _measures(lines, _case("plain", False)[1]))


def test_other_text_is_drawn_byte_for_byte_as_before():
    """Installing changes nothing outside marked paragraphs (kerning included), and
    ``text-align: justify`` without the marker is WeasyPrint's own (spaces only)."""
    html = f'<p>{TEXT}</p><p style="text-align: justify">{MARKS} {TEXT}</p>'
    with_patch, _ = _render_html(html)
    thaidist.uninstall()
    try:
        assert not thaidist.installed() and "int" not in vars(weasyprint.draw.text)
        without, _ = _render_html(html, install=False)
    finally:
        assert thaidist.install()
    # The page content streams (every TJ number) are identical. (Not the whole file: the
    # embedded fonts carry fontTools' modification time.)
    assert _content_streams(without) == _content_streams(with_patch)
    assert _positions(without) == _positions(with_patch)


def _content_streams(pdf: bytes) -> list[bytes]:
    import io

    import pypdf

    return [page.get_contents().get_data() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]
