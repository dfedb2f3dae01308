"""The exact Thai text layer of the PDFs (kbo_docs.render.textlayer, approach E of
docs/spec/pdf-text-layer.md): what pypdf, pdfplumber and pdftotext read back must be
the documents' text, fonts must stay consistent (W = hmtx, no empty ToUnicode), PDF/A must
keep working, pages must look the same, and an unknown WeasyPrint must fall back loudly."""

from __future__ import annotations

import io
import os
import random
import re
import struct
import warnings
from functools import cache
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

import weasyprint
import weasyprint.draw.text
import weasyprint.pdf.fonts

from kbo_docs.load import load_project
from kbo_docs.render import textlayer
from kbo_docs.render.paths import fonts_dir
from kbo_docs.render.pdf import font_face_css, render_html, render_pdf
from kbo_docs.render.textlayer import TextLayerWarning
from kbo_docs.render.view import Document, Views

from . import pdftext as T

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ("lampang-kbo-2568.yaml", "chiangmai-kbo-meeting-1-2565.yaml")

SHORT_THAI = ("น้ำ ทำ ทั้ง ผู้ กตัญญู ปั้น ญี่ปุ่น ฐู ญุ ฎู ฏุ ป่ำ ค่ำ ก๋วยเตี๋ยว ฤๅษี ลำปาง "
              "ประจำปีงบประมาณ ข่มเหง ที่ นั่น กิ๊ฟ ปั้ม เลื่อน ฟื้นฟู ถั่ว ผู้ใหญ่ อำเภอ สำนักงาน")


# ------------------------------------------------------------------------------------------
# Rendering (cached: each document is rendered once per session)
# ------------------------------------------------------------------------------------------


@cache
def _documents() -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for sample in SAMPLES:
        for doc in Views(load_project(ROOT / "samples" / sample).project).documents():
            if doc.group and any(d.group == doc.group for d in docs.values()):
                continue  # one letter of a circular to many stands for the rest
            docs[f"{sample.split('-')[0]}-{doc.kind}-{doc.id}"] = doc
    return docs


@cache
def _pdf(key: str, variant: str | None = None) -> bytes:
    return render_pdf(_documents()[key], pdf_variant=variant)


@cache
def _layout(key: str, variant: str | None = None) -> str:
    return T.layout_text(_pdf(key, variant))


@cache
def _nodes(key: str) -> tuple[str, ...]:
    return tuple(T.body_text_nodes(render_html(_documents()[key])))


def _render_html(html: str, css: str = "", *, stock: bool = False, **options: object) -> bytes:
    """Render HTML with the bundled Sarabun fonts, with the fix (or WeasyPrint's stock text
    layer, after which the fix is put back)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    sheet = CSS(string=font_face_css(fonts_dir()) + "\nhtml { font-family: Sarabun; }\n" + css, font_config=config)
    if not stock:
        assert textlayer.install()
        return HTML(string=html).write_pdf(stylesheets=[sheet], font_config=config, **options)
    textlayer.uninstall()
    try:
        return HTML(string=html).write_pdf(stylesheets=[sheet], font_config=config, **options)
    finally:
        assert textlayer.install()


LAMPANG_CIRCULAR = next(key for key in _documents() if key.startswith("lampang-circular"))
DOCS = sorted(_documents())

EXTRACTORS = {
    "pypdf": T.pypdf_pages,
    "pdfplumber": T.pdfplumber_pages,
    "pdftotext-raw": lambda pdf: T.pdftotext_pages(pdf, raw=True),
}


# ------------------------------------------------------------------------------------------
# Installation and the WeasyPrint pin
# ------------------------------------------------------------------------------------------


def test_weasyprint_is_the_pinned_version_with_every_internal():
    """Fails loudly on a WeasyPrint upgrade: re-check textlayer against the new internals."""
    assert weasyprint.__version__ == textlayer.WEASYPRINT_VERSION == "70.0"
    assert textlayer._missing_internals() == []


def test_install_is_idempotent_and_wraps_once():
    assert textlayer.install() is True
    first = (weasyprint.draw.text.draw_first_line, weasyprint.pdf.fonts.Font.clean,
             weasyprint.pdf.fonts._build_vector_font_dictionary)
    assert textlayer.install() is True
    again = (weasyprint.draw.text.draw_first_line, weasyprint.pdf.fonts.Font.clean,
             weasyprint.pdf.fonts._build_vector_font_dictionary)
    assert first == again
    for wrapper in again:
        original = wrapper._kbo_textlayer_wraps
        assert not hasattr(original, "_kbo_textlayer_wraps")  # one layer of wrapping
    assert textlayer.installed()


def test_missing_internals_are_reported(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    monkeypatch.delattr(weasyprint.pdf.fonts, "_build_vector_font_dictionary")
    missing = textlayer._missing_internals()
    assert any("71.0" in m for m in missing)
    assert any("_build_vector_font_dictionary" in m for m in missing)


def test_fallback_warns_once_and_renders_stock(monkeypatch):
    monkeypatch.setattr(textlayer, "_missing_internals", lambda: ["weasyprint.draw.text.draw_first_line (test)"])
    monkeypatch.setattr(textlayer, "_warned", False)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pdfs = [render_pdf(_documents()[LAMPANG_CIRCULAR]) for _ in range(2)]
        ours = [w for w in caught if issubclass(w.category, TextLayerWarning)]
        assert len(ours) == 1, [str(w.message) for w in caught]
        assert "inexact" in str(ours[0].message) and "draw_first_line (test)" in str(ours[0].message)
        assert not textlayer.installed()
        assert not hasattr(weasyprint.draw.text.draw_first_line, "_kbo_textlayer_wraps")
        assert not hasattr(weasyprint.pdf.fonts.Font.clean, "_kbo_textlayer_wraps")
        # The stock text layer: renders, but reads back wrong (the bug this module fixes).
        text = T.document_text(T.pypdf_pages(pdfs[0]))
        assert "ประจาปีงบประมาณ" in text and "ประจำปีงบประมาณ" not in text
        assert T.compare(list(_nodes(LAMPANG_CIRCULAR)), text)
        assert any(font.empty_to_unicode for font in T.check_fonts(pdfs[0]))
        assert T.content_operators(pdfs[0])[b"Ts"] > 0
    finally:
        monkeypatch.undo()
        assert textlayer.install() is True


def test_force_fallback(monkeypatch):
    monkeypatch.setattr(textlayer, "_warned", False)
    try:
        with pytest.warns(TextLayerWarning):
            assert textlayer.install(force_fallback=True) is False
        assert not textlayer.installed()
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # warned once already: silent now
            assert textlayer.install(force_fallback=True) is False
    finally:
        assert textlayer.install() is True


# ------------------------------------------------------------------------------------------
# Round trip of the sample documents
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("extractor", sorted(EXTRACTORS))
@pytest.mark.parametrize("key", DOCS)
def test_document_text_round_trips(key, extractor):
    pdf = _pdf(key)
    text = T.document_text(EXTRACTORS[extractor](pdf))
    nodes = list(_nodes(key))
    assert T.compare(nodes, text, _layout(key)) == []
    # Plain whitespace normalisation too (the check above is stricter about spaces).
    assert re.sub(r"\s", "", T.without_ordinals(text)) == re.sub(r"\s", "", T.without_ordinals("".join(nodes)))


@pytest.mark.parametrize("key", DOCS)
def test_document_text_pdftotext_layout_mode(key):
    text = T.document_text(T.pdftotext_pages(_pdf(key)))
    assert T.compare_lines(list(_nodes(key)), text) == []


@pytest.mark.parametrize("extractor", sorted(EXTRACTORS) + ["pdftotext"])
def test_lampang_circular_words_that_stock_gets_wrong(extractor):
    pdf = _pdf(LAMPANG_CIRCULAR)
    pages = T.pdftotext_pages(pdf) if extractor == "pdftotext" else EXTRACTORS[extractor](pdf)
    text = " ".join(T.document_text(pages).split())
    for word in ("ประจำปีงบประมาณ", "ลำปาง", "จังหวัดลำปาง", "ดำเนินโครงการ", "ที่ส่งมาด้วย", "สู่ตลาด"):
        assert word in text, word
    for wrong in ("ประจาปี", "ลาปาง", "ลำปำง", "ดาเนิน", "สง่", "สู ่"):
        assert wrong not in text, wrong


def test_stock_gets_the_lampang_circular_wrong(monkeypatch):
    """The same checks fail on WeasyPrint's own text layer, so they can fail."""
    monkeypatch.setattr(textlayer, "_missing_internals", lambda: ["stock on purpose"])
    monkeypatch.setattr(textlayer, "_warned", True)
    try:
        pdf = render_pdf(_documents()[LAMPANG_CIRCULAR])
    finally:
        monkeypatch.undo()
        assert textlayer.install()
    nodes = list(_nodes(LAMPANG_CIRCULAR))
    for extractor in EXTRACTORS.values():
        text = T.document_text(extractor(pdf))
        assert T.compare(nodes, text, T.layout_text(pdf)), extractor
    text = T.document_text(T.pypdf_pages(pdf))
    assert "ลำปาง" not in text or "ประจำปีงบประมาณ" not in text


# ------------------------------------------------------------------------------------------
# Fonts
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", DOCS)
def test_fonts_embedded_and_consistent(key):
    pdf = _pdf(key)
    import pdfplumber
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    base_fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
                  for f in page["/Resources"]["/Font"].values()}
    assert base_fonts and all(re.fullmatch(r"/[A-Z]{6}\+Sarabun(-Bold|-Italic)?", name) for name in base_fonts), base_fonts
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        names = {c["fontname"] for page in document.pages for c in page.chars}
    assert names and all(re.fullmatch(r"[A-Z]{6}\+Sarabun(-Bold|-Italic)?", name) for name in names), names

    checks = T.check_fonts(pdf)
    assert checks
    for font in checks:
        assert font.cid_to_gid == "stream", font.name
        assert font.encoding == "/Identity-H", font.name
        assert font.width_mismatches == [], (font.name, font.width_mismatches[:5])
        assert font.empty_to_unicode == [], (font.name, font.empty_to_unicode[:10])
        assert font.unmapped_cids == [], (font.name, font.unmapped_cids[:10])
    assert sum(font.new_cids for font in checks) > 0  # composites/aliases are in use
    assert T.content_operators(pdf)[b"Ts"] == 0  # no text rise: marks sit inside composites


def test_composites_are_shared_and_texts_unique():
    """One CID per (glyphs, positions, text): repeated graphemes reuse their composite."""
    pdf = _render_html(f"<p>{SHORT_THAI}</p>" * 3)
    (font,) = T.check_fonts(pdf)
    graphemes = set(font.to_unicode.values())
    assert {"น", "้ำ", "ทั้", "ผู้", "ปั้", "ญี่", "ปุ่", "ที่"} <= graphemes
    assert font.new_cids < 60  # 3 copies of the text, each grapheme once


# ------------------------------------------------------------------------------------------
# A few thousand dictionary words
# ------------------------------------------------------------------------------------------


def _word_sample() -> list[str]:
    from pythainlp.corpus import thai_words

    words = sorted(thai_words())
    with_am = [w for w in words if "ำ" in w]
    others = [w for w in words if "ำ" not in w]
    return with_am + random.Random(2568).sample(others, 3000)


def _pack(words: list[str], width_units: float) -> list[str]:
    """Greedy lines that fit (advances from Sarabun's hmtx, ignoring kerning)."""
    from fontTools.ttLib import TTFont

    font = TTFont(fonts_dir() / "Sarabun-Regular.ttf")
    cmap, hmtx = font.getBestCmap(), font["hmtx"]

    def width(text: str) -> int:
        return sum(hmtx[cmap[ord(c)]][0] if ord(c) in cmap else 1000 for c in text)

    lines, line = [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if line and width(candidate) > width_units:
            lines.append(line)
            candidate = word
        line = candidate
    lines.append(line)
    # pdftotext joins a line that ends in "-" with the next one: never end a line so.
    for i in range(len(lines) - 1):
        while lines[i].endswith("-") and " " in lines[i]:
            head, last = lines[i].rsplit(" ", 1)
            lines[i], lines[i + 1] = head, f"{last} {lines[i + 1]}"
    return lines


@cache
def _word_list_pdf(stock: bool = False) -> tuple[list[str], bytes]:
    size_pt, margin_pt = 8, 28
    lines = _pack(_word_sample(), (595 - 2 * margin_pt) / size_pt * 1000 * 0.9)
    html = "<pre>" + "\n".join(lines).replace("&", "&amp;").replace("<", "&lt;") + "</pre>"
    css = (f"@page {{ size: A4; margin: {margin_pt}pt; }} "
           f"pre {{ font-family: Sarabun; font-size: {size_pt}pt; line-height: 1.3; margin: 0; }}")
    return "\n".join(lines).split(), _render_html(html, css, stock=stock)


@pytest.mark.parametrize("extractor", ["pypdf", "pdftotext"])
def test_word_list_round_trips(extractor):
    """pdfplumber gives 0 differences too, but takes 6 s on these pages: left out."""
    expected, pdf = _word_list_pdf()
    assert len(expected) > 6000
    read = {"pypdf": T.pypdf_pages, "pdftotext": T.pdftotext_pages}[extractor]
    errors = T.token_errors(expected, "\n".join(read(pdf)))
    assert errors == [], f"{len(errors)} differences, e.g. {errors[:10]}"


# ------------------------------------------------------------------------------------------
# PDF/A, full fonts, page images
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/a-1b"])
def test_pdfa_renders_and_extracts_exactly(variant):
    import pypdf

    pdf = _pdf(LAMPANG_CIRCULAR, variant)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reader = pypdf.PdfReader(io.BytesIO(pdf), strict=True)
        for number in range(1, reader.trailer["/Size"]):  # every object parses
            assert reader.get_object(number) is not None, number
        for page in reader.pages:
            page.get_contents().get_data()
    assert "/OutputIntents" in reader.trailer["/Root"]
    part = variant[len("pdf/a-"):-1]
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert f'pdfaid:part="{part}" pdfaid:conformance="B"'.encode() in metadata
    nodes = list(_nodes(LAMPANG_CIRCULAR))
    for extractor in EXTRACTORS.values():
        assert T.compare(nodes, T.document_text(extractor(pdf)), _layout(LAMPANG_CIRCULAR, variant)) == []
    for font in T.check_fonts(pdf):
        assert font.width_mismatches == [] and font.empty_to_unicode == [] and font.unmapped_cids == []
    if variant == "pdf/a-1b":  # PDF/A-1: the CIDSet must list every CID used, new ones included
        for page in reader.pages:
            for ref in page["/Resources"]["/Font"].values():
                descendant = ref.get_object()["/DescendantFonts"][0].get_object()
                bits = descendant["/FontDescriptor"]["/CIDSet"].get_object().get_data()
                widths = T._widths(descendant["/W"])
                assert all(bits[cid // 8] & (0x80 >> cid % 8) for cid in widths)
                assert max(widths) >= 1024  # composite/alias CIDs are among them


def test_full_fonts_keep_the_text_layer():
    pdf = _render_html(f"<p>{SHORT_THAI}</p><p><b>{SHORT_THAI}</b></p>", full_fonts=True)
    text = " ".join(T.document_text(T.pypdf_pages(pdf)).split())
    assert text == f"{SHORT_THAI} {SHORT_THAI}"
    for font in T.check_fonts(pdf):
        assert font.empty_to_unicode == [] and font.width_mismatches == []


def test_pages_look_the_same_as_stock():
    html = f"<p>{SHORT_THAI}</p><p><b>{SHORT_THAI}</b></p>"
    css = "p { font-size: 22pt; line-height: 1.6; } b { font-weight: bold; }"
    fixed = _render_html(html, css)
    stock = _render_html(html, css, stock=True)
    assert fixed != stock
    (fixed_png,), (stock_png,) = T.png_pages(fixed, 100), T.png_pages(stock, 100)
    different, total = T.differing_pixels(fixed_png, stock_png)
    ink, _ = T.differing_pixels(fixed_png, T.png_pages(_render_html("<p></p>", css), 100)[0])
    assert ink > 0.01 * total  # there is text on the page
    assert different < 0.005 * total, f"{different} of {total} pixels differ"
    # Stricter: apart from anti-aliasing and sub-pixel shifts (stock truncates the TJ
    # adjustment after each mark, composites do not), every pixel has its match.
    assert T.misplaced_pixels(fixed_png, stock_png) < 20
    text = " ".join(T.document_text(T.pypdf_pages(fixed)).split())
    assert text == f"{SHORT_THAI} {SHORT_THAI}"


def test_fonts_without_glyf_get_aliases_only(monkeypatch):
    """CFF fonts cannot take composite glyphs: there the fix only gives each (glyph, text)
    its own CID, which makes the characters exact once whitespace is removed."""

    class NoGlyf(textlayer._FontState):
        def __post_init__(self) -> None:
            self.composites_ok = False

    monkeypatch.setattr(textlayer, "_FontState", NoGlyf)
    pdf = _render_html(f"<p>{SHORT_THAI}</p>")
    (font,) = T.check_fonts(pdf)
    assert font.cid_to_gid == "stream" and font.new_cids > 0  # aliases, e.g. SARA AA read as ำ
    assert font.width_mismatches == [] and font.unmapped_cids == []
    import pypdf
    from fontTools.ttLib import TTFont

    descriptor = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    program = next(iter(descriptor.values())).get_object()["/DescendantFonts"][0].get_object()
    data = program["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    assert not any(name.startswith("kbo.") for name in TTFont(io.BytesIO(data)).getGlyphOrder())
    text = "".join(T.pypdf_pages(pdf)[0].split())
    assert text == "".join(SHORT_THAI.split())


def test_letter_spacing_keeps_pages_and_text():
    """Letter-spacing (which Thai distributed justification will use) puts x offsets and
    widths on marks: the composites must follow them."""
    html = f"<p>{SHORT_THAI}</p><p><b>{SHORT_THAI}</b></p>"
    css = "p { font-size: 20pt; line-height: 1.6; letter-spacing: 1.3pt; } b { font-weight: bold; }"
    fixed, stock = _render_html(html, css), _render_html(html, css, stock=True)
    (fixed_png,), (stock_png,) = T.png_pages(fixed, 100), T.png_pages(stock, 100)
    assert T.misplaced_pixels(fixed_png, stock_png) < 20
    assert "".join(T.pypdf_pages(fixed)[0].split()) == "".join((SHORT_THAI * 2).split())
    assert "".join(T.pdftotext_pages(fixed, raw=True)[0].split()) == "".join((SHORT_THAI * 2).split())
    for font in T.check_fonts(fixed):
        assert font.width_mismatches == [] and font.empty_to_unicode == []
    # The spacing is written as TJ adjustments, not into the composites: a composite has the
    # advance (W) it has without spacing. (Without the SARA AM glue of thaidist, Pango's
    # letter-spacing still moves the า of ำ, so ำ may get two composites here.)
    plain = _new_cids(_render_html(html, css.replace("letter-spacing: 1.3pt;", "")))
    for family, new in _new_cids(fixed).items():
        widths = dict(plain[family].values())
        assert sum(text in widths for text, _width in new.values()) > 0.8 * len(new)
        assert [(text, width) for text, width in new.values() if widths.get(text, width) != width] == []


def _new_cids(pdf: bytes) -> dict[str, dict[int, tuple[str, float]]]:
    """Font name -> {CID: (text, W)} of the CIDs the text layer added (composites, aliases)."""
    import pypdf

    out: dict[str, dict[int, tuple[str, float]]] = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            table = descendant["/CIDToGIDMap"].get_object().get_data()
            texts = T.parse_to_unicode(font["/ToUnicode"].get_object().get_data())
            new = out.setdefault(str(font["/BaseFont"]).split("+")[-1], {})
            for cid, width in T._widths(descendant["/W"]).items():
                if 2 * cid + 2 <= len(table) and int.from_bytes(table[2 * cid:2 * cid + 2], "big") != cid:
                    new[cid] = (texts[cid], width)
    return out


# ------------------------------------------------------------------------------------------
# The font writer: raw sfnt tables, fontTools as the fallback
# ------------------------------------------------------------------------------------------


def _captured_fonts(monkeypatch, html: str) -> list[tuple[bytes, list]]:
    """(subset font program, composites) of every font that gets composites."""
    seen = []
    original = textlayer._append_composites

    def spy(font, state):  # type: ignore[no-untyped-def]
        seen.append((font.file_content, sorted(state.composites.values(), key=lambda c: c.cid)))
        return original(font, state)

    monkeypatch.setattr(textlayer, "_append_composites", spy)
    _render_html(html)
    return seen


def test_raw_font_writer_matches_fonttools(monkeypatch):
    """The raw writer gives the glyphs, metrics and bounds a fontTools load and save gives,
    keeps every existing glyph's bytes and writes valid checksums."""
    from fontTools.ttLib import TTFont, sfnt

    fonts = _captured_fonts(monkeypatch, f"<p>{SHORT_THAI}</p><p><b>{SHORT_THAI}</b></p>")
    assert len(fonts) == 2
    for content, composites in fonts:
        raw, first_new = textlayer._append_raw(content, composites)

        class Program:
            file_content, index, family = content, 0, "Sarabun"

        state = textlayer._FontState(glyph_count=0, upem=1000, composites_ok=True, next_cid=0)
        state.composites = {c.cid: c for c in composites}
        textlayer._append_fonttools(Program, state)
        assert state.cid_to_gid == {c.cid: first_new + n for n, c in enumerate(composites)}
        ours, theirs = TTFont(io.BytesIO(raw)), TTFont(io.BytesIO(Program.file_content))
        ours.ensureDecompiled()
        original = TTFont(io.BytesIO(content))
        assert sorted(ours.keys()) == sorted(theirs.keys())
        order, other_order = ours.getGlyphOrder(), theirs.getGlyphOrder()
        assert len(order) == len(other_order) == len(original.getGlyphOrder()) + len(composites)
        for gid, (name, other) in enumerate(zip(order, other_order)):
            glyph, expected = ours["glyf"][name], theirs["glyf"][other]
            assert ours["hmtx"][name] == theirs["hmtx"][other], gid
            assert [getattr(glyph, k, 0) for k in ("xMin", "yMin", "xMax", "yMax")] == \
                   [getattr(expected, k, 0) for k in ("xMin", "yMin", "xMax", "yMax")], gid
            if gid >= first_new:
                assert [(order.index(c.glyphName), c.x, c.y, c.flags) for c in glyph.components] == \
                       [(other_order.index(c.glyphName), c.x, c.y, c.flags) for c in expected.components]
        for table, fields in (("maxp", ("numGlyphs", "maxComponentElements", "maxComponentDepth",
                                        "maxCompositePoints", "maxCompositeContours")),
                              ("head", ("xMin", "yMin", "xMax", "yMax", "indexToLocFormat"))):
            for name in fields:
                assert getattr(ours[table], name) == getattr(theirs[table], name), (table, name)
        reader = sfnt.SFNTReader(io.BytesIO(raw), checkChecksums=2)  # raises on a bad checksum
        before = sfnt.SFNTReader(io.BytesIO(content))
        for tag in reader.tables:
            if tag not in ("head", "hhea", "hmtx", "maxp", "loca", "glyf"):
                assert reader[tag] == before[tag], tag
        assert reader["glyf"][:len(before["glyf"])] == before["glyf"]  # existing glyphs untouched
        assert sum(struct.unpack(f">{len(raw) // 4}I", raw)) % 2**32 == 0xB1B0AFBA


def test_fonttools_fallback(monkeypatch):
    """A font the raw writer does not take (here: every font) goes through fontTools."""
    calls = []
    original = textlayer._append_fonttools
    monkeypatch.setattr(textlayer, "_append_raw", lambda content, composites: None)
    monkeypatch.setattr(textlayer, "_append_fonttools", lambda font, state: calls.append(1) or original(font, state))
    pdf = _render_html(f"<p>{SHORT_THAI}</p>")
    assert calls
    assert " ".join(T.document_text(T.pypdf_pages(pdf)).split()) == SHORT_THAI
    for font in T.check_fonts(pdf):
        assert font.new_cids > 0 and font.width_mismatches == [] and font.empty_to_unicode == []


def test_raw_font_writer_declines_what_it_does_not_know():
    content = (fonts_dir() / "Sarabun-Regular.ttf").read_bytes()
    assert textlayer._append_raw(b"OTTO" + content[4:], []) is None  # CFF
    assert textlayer._append_raw(b"ttcf" + content[4:], []) is None  # a collection
    assert textlayer._append_raw(content, []) is None  # post format 2: glyph names to extend
    post = content.index(b"post", 12)  # the table record: rename it to a table it does not know
    assert textlayer._append_raw(content[:post] + b"gvar" + content[post + 4:], []) is None
