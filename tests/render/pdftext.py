"""Helpers for reading rendered PDFs back: the text a document should carry (from its HTML),
text extraction with pypdf, pdfplumber and poppler's pdftotext, a comparison that says where
characters or spaces went wrong, and checks of the embedded fonts (W against hmtx, ToUnicode)."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# ------------------------------------------------------------------------------------------
# Expected text: the text nodes of <body>, in order
# ------------------------------------------------------------------------------------------


class _BodyText(HTMLParser):
    _SKIP = frozenset({"script", "style", "title", "head", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._in_body = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._in_body = True
        elif tag in self._SKIP:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "body":
            self._in_body = False
        elif tag in self._SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_body and not self._skip:
            self.nodes.append(data)


def body_text_nodes(html: str) -> list[str]:
    parser = _BodyText()
    parser.feed(html)
    parser.close()
    return parser.nodes


# ------------------------------------------------------------------------------------------
# Extraction (one string per page)
# ------------------------------------------------------------------------------------------


def pypdf_pages(pdf: bytes) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def pdfplumber_pages(pdf: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text(use_text_flow=True) for page in document.pages]


def pdfplumber_chars(pdf: bytes) -> list[list[dict]]:
    """pdfplumber's characters of each page, in content-stream order."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [[{k: c[k] for k in ("text", "x0", "x1", "top", "bottom", "fontname")} for c in page.chars]
                for page in document.pages]


def pdftotext_pages(pdf: bytes, *, raw: bool = False) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.pdf"
        path.write_bytes(pdf)
        command = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
        out = subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def drop_page_number(text: str, page: int) -> str:
    """Remove the running head "- ๒ -" (pages 2 on), which is not in the HTML body text."""
    if page < 2:
        return text
    number = str(page).translate(THAI_DIGITS)
    mark = rf"-\s*{number}\s*-"
    # pdftotext (layout mode) joins a line that ends with "-" to the next one: "-๒ขอแสดง…"
    new, count = re.subn(rf"^\s*{mark}?\s*|\s*{mark}\s*$", "\n", text, count=1)
    assert count == 1, f"page {page}: running head '- {number} -' not found in {text[:80]!r}…{text[-80:]!r}"
    return new


def document_text(pages: list[str]) -> str:
    return "\n".join(drop_page_number(text, number) for number, text in enumerate(pages, 1))


def layout_text(pdf: bytes) -> str:
    """pdfplumber's characters in content-stream order, running heads dropped, with a newline
    wherever the next character starts a new visual line (or page) and no other whitespace."""
    pages = []
    for number, page in enumerate(pdfplumber_chars(pdf), 1):
        out: list[str] = []
        previous = None
        for char in page:
            if not char["text"].strip():
                continue
            if previous is not None and (abs(char["top"] - previous["top"]) > 2
                                         or char["x0"] < previous["x0"] - 1):
                out.append("\n")
            out.append(re.sub(r"\s", "", char["text"]))
            previous = char
        pages.append("".join(out))
    return document_text(pages)


# ------------------------------------------------------------------------------------------
# Comparison
# ------------------------------------------------------------------------------------------

_ORDINALS = re.compile(r"(?<![0-9])(?:[0-9]{1,3}\.)+(?![0-9])")


def without_ordinals(text: str) -> str:
    """Drop Latin-digit ordinals ("1.", "1.2.3.") on both sides of a comparison: CSS list
    markers (``::marker``) are not HTML text nodes, and WeasyPrint draws them after the rest
    of the page, so extractors read them out of place. The documents write their own
    numbers in Thai digits, which are kept."""
    return _ORDINALS.sub("", text)


@dataclass
class Spaced:
    """Text without whitespace plus where whitespace was, as positions in that text."""

    chars: str
    spaces: set[int] = field(default_factory=set)
    boundaries: set[int] = field(default_factory=set)


def spaced(parts: list[str] | str) -> Spaced:
    result = Spaced("")
    out: list[str] = []
    length = 0
    for part in [parts] if isinstance(parts, str) else parts:
        result.boundaries.add(length)
        for char in part:
            if char.isspace():
                result.spaces.add(length)
            else:
                out.append(char)
                length += 1
    result.chars = "".join(out)
    result.spaces.discard(0)
    result.spaces.discard(length)
    return result


def _context(text: str, position: int, width: int = 15) -> str:
    return f"…{text[max(0, position - width):position]}|{text[position:position + width]}…"


def compare(expected_nodes: list[str], extracted: str, layout: str | None = None) -> list[str]:
    """Problems found when ``extracted`` is compared with the body text nodes.

    1. With all whitespace removed, the texts must be equal.
    2. Every whitespace of the expected text must be whitespace in the extraction (no words
       run together) and every extra whitespace must fall where two text nodes meet or where
       a visual line ends (``layout``: the PDF's characters with a newline at each visual
       line break, see :func:`layout_text`), so a space inside a word ("ปั้ น") is an error.
       With ``layout=None`` the extraction's own newlines count as line ends.
    """
    want = spaced([without_ordinals(node) for node in expected_nodes])
    got = spaced(without_ordinals(extracted))
    line_breaks = _newline_positions(without_ordinals(extracted if layout is None else layout))
    problems: list[str] = []
    if want.chars != got.chars:
        at = next((i for i, (a, b) in enumerate(zip(want.chars, got.chars)) if a != b),
                  min(len(want.chars), len(got.chars)))
        problems.append(f"text differs at {at}: expected {_context(want.chars, at)!r}, "
                        f"extracted {_context(got.chars, at)!r}")
        return problems
    joined = sorted(want.spaces - got.spaces)
    if joined:
        problems.append(f"{len(joined)} spaces lost, e.g. {[_context(want.chars, p) for p in joined[:5]]}")
    split = sorted(got.spaces - want.spaces - want.boundaries - line_breaks)
    if split:
        problems.append(f"{len(split)} spaces inside words, e.g. {[_context(got.chars, p) for p in split[:5]]}")
    return problems


def _newline_positions(text: str) -> set[int]:
    positions, length = set(), 0
    for char in text:
        if char == "\n":
            positions.add(length)
        elif not char.isspace():
            length += 1
    return positions


def compare_lines(expected_nodes: list[str], extracted: str) -> list[str]:
    """For pdftotext's layout mode, which reorders blocks (flex rows, table cells) and joins a
    line ending in "-" to the next one (dropping the "-"): every extracted line must occur in
    the expected text (a dropped "-" may be put back at one place), with spaces only where the
    expected text has whitespace or a node boundary, and the characters must be the same
    multiset apart from dropped "-"."""
    want = spaced([without_ordinals(node) for node in expected_nodes])
    allowed = want.spaces | want.boundaries
    extracted = without_ordinals(extracted)
    problems: list[str] = []
    dropped = 0
    for line in extracted.splitlines():
        got = spaced(line)
        if not got.chars:
            continue
        candidates = [(got.chars, got.spaces)]
        candidates += [(got.chars[:i] + "-" + got.chars[i:], {p + (p >= i) for p in got.spaces})
                       for i in range(1, len(got.chars))]
        for number, (chars, spaces) in enumerate(candidates):
            starts = [m.start() for m in re.finditer(re.escape(chars), want.chars)]
            if any({start + p for p in spaces} <= allowed for start in starts):
                dropped += number > 0
                break
        else:
            problems.append(f"line not in the text (or a space inside a word): {line!r}")
    got_all = spaced(extracted).chars
    missing = Counter(want.chars) - Counter(got_all)
    extra = Counter(got_all) - Counter(want.chars)
    if missing.get("-", 0) == dropped:
        missing.pop("-", None)
    if missing or extra:
        problems.append(f"characters missing {dict(missing)} / extra {dict(extra)}")
    return problems


def token_errors(expected: list[str], extracted: str) -> list[tuple[str, str]]:
    """(expected, extracted) pairs where the whitespace tokens differ (difflib alignment)."""
    import difflib

    got = extracted.split()
    errors: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=expected, b=got, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            errors.append((" ".join(expected[a1:a2]), " ".join(got[b1:b2])))
    return errors


def count_wrong_words(expected: list[str], extracted: str) -> int:
    return sum(len(a.split()) for a, _b in token_errors(expected, extracted))


# ------------------------------------------------------------------------------------------
# Fonts: names, W against the embedded font's hmtx, ToUnicode entries
# ------------------------------------------------------------------------------------------


@dataclass
class FontCheck:
    name: str
    cids: int = 0
    new_cids: int = 0
    width_mismatches: list[tuple[int, int, float, float]] = field(default_factory=list)  # cid, gid, W, hmtx
    empty_to_unicode: list[int] = field(default_factory=list)
    unmapped_cids: list[int] = field(default_factory=list)  # in W but not in ToUnicode
    cid_to_gid: str = "/Identity"
    encoding: str = ""
    to_unicode: dict[int, str] = field(default_factory=dict)


def _widths(w_array) -> dict[int, float]:  # type: ignore[no-untyped-def]
    widths: dict[int, float] = {}
    items = [x.get_object() if hasattr(x, "get_object") else x for x in w_array]
    i = 0
    while i < len(items):
        first = int(items[i])
        nxt = items[i + 1].get_object() if hasattr(items[i + 1], "get_object") else items[i + 1]
        if isinstance(nxt, list):
            for offset, width in enumerate(nxt):
                widths[first + offset] = float(width)
            i += 2
        else:
            for cid in range(first, int(nxt) + 1):
                widths[cid] = float(items[i + 2])
            i += 3
    return widths


def parse_to_unicode(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    text = data.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.DOTALL):
        for code, value in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(code, 16)] = bytes.fromhex(value).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.DOTALL):
        for low, high, value in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            start = bytes.fromhex(value).decode("utf-16-be")
            for n, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = start[:-1] + chr(ord(start[-1]) + n)
    return mapping


def check_fonts(pdf: bytes) -> list[FontCheck]:
    """For every Type0 font: W of each CID against the hmtx advance of the glyph the
    /CIDToGIDMap maps it to (in 1/1000 em), empty ToUnicode strings, CIDs without text."""
    import pypdf
    from fontTools.ttLib import TTFont

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen: dict[int, FontCheck] = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            key = ref.idnum if hasattr(ref, "idnum") else id(font)
            if key in seen or font.get("/Subtype") != "/Type0":
                continue
            descendant = font["/DescendantFonts"][0].get_object()
            check = FontCheck(str(font["/BaseFont"]))
            check.encoding = str(font["/Encoding"]) if not hasattr(font["/Encoding"], "get_data") else "stream"
            descriptor = descendant["/FontDescriptor"].get_object()
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            program.ensureDecompiled()  # every table and glyph parses
            for name in program.getGlyphOrder():
                glyph = program["glyf"][name]
                for component in getattr(glyph, "components", []):
                    assert component.glyphName in program["hmtx"].metrics, (check.name, name)
            upem = program["head"].unitsPerEm
            order = program.getGlyphOrder()
            hmtx = program["hmtx"]
            mapping = descendant.get("/CIDToGIDMap")
            if mapping is not None and hasattr(mapping.get_object(), "get_data"):
                table = mapping.get_object().get_data()
                check.cid_to_gid = "stream"

                def gid_of(cid: int, table: bytes = table) -> int:
                    return int.from_bytes(table[2 * cid:2 * cid + 2], "big") if 2 * cid + 2 <= len(table) else 0
            else:
                def gid_of(cid: int) -> int:
                    return cid
            widths = _widths(descendant.get("/W", []))
            check.to_unicode = parse_to_unicode(font["/ToUnicode"].get_object().get_data())
            raw = font["/ToUnicode"].get_object().get_data()
            check.empty_to_unicode = [int(c, 16) for c in re.findall(rb"<([0-9a-fA-F]+)>\s*<>", raw)]
            glyph_count = len(order)
            for cid, width in widths.items():
                check.cids += 1
                gid = gid_of(cid)
                if gid != cid:
                    check.new_cids += 1
                advance = hmtx[order[gid]][0] * 1000 / upem if gid < glyph_count else float("nan")
                if not abs(width - advance) <= 0.51:  # W is rounded to integers
                    check.width_mismatches.append((cid, gid, width, advance))
                if cid not in check.to_unicode:
                    check.unmapped_cids.append(cid)
            seen[key] = check
    return list(seen.values())


def content_operators(pdf: bytes) -> Counter:
    """How often each text operator occurs in the pages' content streams (e.g. b'Ts')."""
    import pypdf

    counts: Counter = Counter()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        counts.update(re.findall(rb"(?<=\s)(Ts|TJ|Tj)(?=\s)", data))
    return counts


# ------------------------------------------------------------------------------------------
# Images
# ------------------------------------------------------------------------------------------


def png_pages(pdf: bytes, dpi: int = 100) -> list[bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(Path(folder) / "p")], check=True)
        return [p.read_bytes() for p in sorted(Path(folder).glob("p*.png"))]


def differing_pixels(a: bytes, b: bytes, threshold: int = 64) -> tuple[int, int]:
    """(pixels whose grey level differs by more than ``threshold``, all pixels)."""
    from PIL import Image, ImageChops

    first = Image.open(io.BytesIO(a)).convert("L")
    second = Image.open(io.BytesIO(b)).convert("L")
    assert first.size == second.size, (first.size, second.size)
    diff = ImageChops.difference(first, second)
    histogram = diff.histogram()
    return sum(histogram[threshold + 1:]), first.size[0] * first.size[1]


def misplaced_pixels(a: bytes, b: bytes, threshold: int = 64) -> int:
    """Pixels of either image that no pixel of the other one's 3x3 neighbourhood matches
    within ``threshold``: anti-aliasing and sub-pixel shifts are absorbed, a glyph or mark
    moved by two pixels or more is not."""
    from PIL import Image, ImageChops, ImageFilter

    first = Image.open(io.BytesIO(a)).convert("L")
    second = Image.open(io.BytesIO(b)).convert("L")
    count = 0
    for x, y in ((first, second), (second, first)):
        low, high = y.filter(ImageFilter.MinFilter(3)), y.filter(ImageFilter.MaxFilter(3))
        below = ImageChops.subtract(low, x)  # how far x is darker than any neighbour of y
        above = ImageChops.subtract(x, high)  # how far x is lighter than any neighbour of y
        worst = ImageChops.lighter(below, above)
        count += sum(worst.histogram()[threshold + 1:])
    return count
