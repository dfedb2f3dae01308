"""Measuring Thai-distributed lines in rendered PDFs (for test_thaidist.py and the docs).

The laid-out WeasyPrint document says which lines belong to paragraphs marked
``--thai-distribute``, where their block's right edge is and which line is a paragraph's
last line or ends in a forced ``<br>``; the positions themselves are read back from the PDF
with pdfplumber. A distributed render is compared with the left-aligned render of the same
HTML (same line breaks, same characters in the same order)."""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

PX = 0.75  # pt per CSS px
_CID_GAP = 1024  # kbo_docs.render.textlayer: new CIDs start at the font's glyph count + 1024


@dataclass
class Line:
    page: int
    baseline: float  # pt from the top of the page
    right: float  # pt, the block's content right edge
    key: tuple
    forced_break: bool = False
    final: bool = False
    chars: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


def marked_lines(document) -> list[Line]:  # type: ignore[no-untyped-def]
    """The line boxes of marked paragraphs, in document order, with ``final`` set on each
    paragraph's last line (over all pages) and on lines ending in ``<br>``."""
    from weasyprint.formatting_structure import boxes

    from kbo_docs.render.thaidist import is_marked

    lines: list[Line] = []

    def leaves(box, out):  # type: ignore[no-untyped-def]
        for child in getattr(box, "children", []):
            if not child.is_in_normal_flow():
                continue
            out.append(child)
            if isinstance(child, boxes.InlineBox):
                leaves(child, out)
        return out

    def walk(box, block, page):  # type: ignore[no-untyped-def]
        if isinstance(box, boxes.LineBox):
            if is_marked(box.style):
                inline = leaves(box, [])
                texts = [b for b in inline if isinstance(b, boxes.TextBox) and b.text.strip()]
                if texts:
                    first = texts[0]
                    last_box = inline[-1] if inline else None
                    lines.append(Line(
                        page=page,
                        baseline=(first.position_y + first.baseline) * PX,
                        right=(block.content_box_x() + block.width) * PX,
                        key=(id(block.element), block.element_tag, type(block).__name__),
                        forced_break=bool(last_box is not None and isinstance(last_box, boxes.InlineBox)
                                          and last_box.element_tag.split("::")[0] == "br"),
                    ))
            return
        for child in getattr(box, "children", []):
            walk(child, box if isinstance(box, boxes.BlockContainerBox) else block, page)

    for number, page in enumerate(document.pages):
        walk(page._page_box, None, number)
    seen: set[tuple] = set()
    for line in reversed(lines):
        if line.key not in seen:
            line.final = True
            seen.add(line.key)
        if line.forced_break:
            line.final = True
    return lines


def attach_chars(pdf: bytes, lines: list[Line], tolerance: float = 6.0) -> list[Line]:
    """Put pdfplumber's characters (content-stream order) on the marked line whose baseline
    is nearest (within ``tolerance`` pt; marks drawn with text rise sit off the baseline)."""
    import pdfplumber

    by_page: dict[int, list[Line]] = {}
    for line in lines:
        line.chars = []
        by_page.setdefault(line.page, []).append(line)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages):
            candidates = by_page.get(number, [])
            if not candidates:
                continue
            for char in page.chars:
                baseline = float(page.height) - char["matrix"][5]
                line = min(candidates, key=lambda item: abs(item.baseline - baseline))
                if abs(line.baseline - baseline) <= tolerance:
                    line.chars.append({k: char[k] for k in ("text", "x0", "x1", "fontname")})
    return lines


def attached(text: str) -> bool:
    """A character read back as this text belongs to the grapheme before it (a mark, or the
    SARA AA part of ำ that the text layer puts on its own code)."""
    return bool(text) and (unicodedata.category(text[0]) == "Mn" or text[0] == "\u0e33")


@dataclass
class Measure:
    line: Line
    end: float  # visible end: last character's x0 + its advance in the left-aligned render
    left_end: float
    start_shift: float  # first character: distributed x0 - left x0
    increments: list[float]  # spaced boundaries: gap growth against the left render
    attached_moves: list[float]  # boundaries inside a grapheme: gap growth (should be 0)
    max_shift: float  # largest |x0 change| of any character (0 for untouched lines)


def measure(dist: Line, left: Line) -> Measure:
    a, b = [c for c in dist.chars], [c for c in left.chars]
    assert [c["text"] for c in a] == [c["text"] for c in b], (dist.text, left.text)
    # The visible end: each character's x0 plus its advance in the left render, so that the
    # measure does not depend on how an extractor reports a distributed character's width.
    ends = [(ca["x0"] + (cb["x1"] - cb["x0"]), cb["x1"]) for ca, cb in zip(a, b) if cb["text"].strip()]
    end = max(e for e, _ in ends)
    left_end = max(e for _, e in ends)
    increments, moves = [], []
    for i in range(1, len(a)):
        growth = (a[i]["x0"] - a[i - 1]["x0"]) - (b[i]["x0"] - b[i - 1]["x0"])
        (moves if attached(a[i]["text"]) else increments).append(growth)
    return Measure(dist, end, left_end, a[0]["x0"] - b[0]["x0"], increments, moves,
                   max(abs(ca["x0"] - cb["x0"]) for ca, cb in zip(a, b)))


def mark_offsets(line: Line) -> list[tuple[str, float]]:
    """(text, x0 - x0 of the base before it) of every zero-advance character on a line
    (marks as the stock text layer draws them, each on its own glyph)."""
    out = []
    base = None
    for char in line.chars:
        if char["x1"] - char["x0"] < 0.01:
            if base is not None:
                out.append((char["text"], char["x0"] - base["x0"]))
        else:
            base = char
    return out


def composites(pdf: bytes) -> dict[str, set[tuple]]:
    """Text of each composite glyph the text layer added -> its components
    (glyph name, dx, dy) relative to the first component, in font units."""
    import pypdf
    from fontTools.ttLib import TTFont

    from .pdftext import parse_to_unicode

    out: dict[str, set[tuple]] = {}
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    done = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            if ref.idnum in done:
                continue
            done.add(ref.idnum)
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            program = TTFont(io.BytesIO(descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
            table = descendant["/CIDToGIDMap"].get_object().get_data()
            texts = parse_to_unicode(font["/ToUnicode"].get_object().get_data())
            order = program.getGlyphOrder()
            glyf = program["glyf"]
            family = str(font["/BaseFont"]).split("+")[-1]
            original = _glyph_count(family)
            for cid, text in texts.items():
                gid = int.from_bytes(table[2 * cid:2 * cid + 2], "big") if 2 * cid + 2 <= len(table) else cid
                glyph = glyf[order[gid]]
                if cid < original + _CID_GAP or not glyph.isComposite():  # not added by the text layer
                    continue
                parts = glyph.components
                x0, y0 = parts[0].x, parts[0].y
                out.setdefault(f"{family}:{text}", set()).add(
                    tuple((p.glyphName, p.x - x0, p.y - y0) for p in parts))
    return out


def _glyph_count(family: str) -> int:
    from fontTools.ttLib import TTFont

    from kbo_docs.render.paths import fonts_dir

    name = family if "-" in family else f"{family}-Regular"
    return len(TTFont(fonts_dir() / f"{name}.ttf").getGlyphOrder())
