"""PDF: text lines and ruled tables from each page (pdfplumber), joined into paragraphs, with
``page 2 line 14`` locations.

Characters are taken in content-stream order, the order the producer wrote them: sorting them
by position (what most extractors do) tears Thai marks from their letters, because marks
above and below a letter sit at its x or to its left. A new line starts where the baseline
moves or the pen jumps back; a space is put where the producer left a gap but wrote no space.
Lines are then joined into paragraphs: a line continues the one above it when the spacing is
the body's line spacing, the line above reaches the right margin, and the line does not open
with a list number or a heading word. Text is repaired where extraction is known to get Thai
wrong in an unambiguous way (:func:`kbo_docs.thai.repair_extracted_text`).

What a PDF cannot tell: whether a line ended at a space (lines are joined without one between
two Thai letters), doubled spaces where the producer wrote no space characters, and any
character the PDF's text layer maps wrongly (WeasyPrint's stock Thai text layer; fonts whose
ToUnicode tables are wrong). Pages beyond ``limits.max_pages`` are refused, not skipped.
"""

from __future__ import annotations

import contextvars
import html
import itertools
import re
import shutil
import statistics
import subprocess
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import thai
from ...findings import InputError
from ..document import Cell, Document, Location, Paragraph, Table
from ..limits import Deadline, Limits
from ..package import what_is
from .cells import cell_number

_RUNNING_HEAD = re.compile(r"^[-–—]\s*[0-9๐-๙]{1,4}\s*[-–—]$|^(?:หน้า|page)\s*[0-9๐-๙]{1,4}(?:\s*(?:/|จาก|of)\s*[0-9๐-๙]{1,4})?$",
                           re.IGNORECASE)
_LONE_NUMBER = re.compile(r"^\(?[0-9๐-๙]{1,3}[.)]$")
"""A list number alone on a line: WeasyPrint draws CSS list markers after the page's text."""
_OPENS_ITEM = re.compile(
    r"^(?:\(?[0-9๐-๙]{1,3}[.)](?![0-9๐-๙])|[-•●○▪■◦]\s|\(?[ก-ฮ][.)]\s|"
    r"(?:ระเบียบ)?วาระ(?:การประชุม)?ที่|กิจกรรมที่|ข้อ(?:ที่)?\s*[0-9๐-๙]|เรื่อง\s|เรียน\s|สิ่งที่ส่งมาด้วย|อ้างถึง|มติที่ประชุม)"
)


def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.category(ch) in ("Mn", "Me", "Cf") for ch in text)


@dataclass
class _Line:
    page: int
    number: int
    chars: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 10.0
    in_table: bool = False

    @property
    def location(self) -> Location:
        return Location(f"page {self.page} line {self.number}", (self.page, self.number))


def _lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters grouped into visual lines, in content-stream order."""
    lines: list[list[dict[str, Any]]] = []
    baseline = None
    previous = None
    for c in chars:
        if not c.get("upright", True):
            continue
        mark = _is_mark(c["text"]) or not c["text"]
        size = c.get("size") or 10.0
        if previous is not None and not mark:
            moved_down = baseline is not None and abs(c["bottom"] - baseline) > 0.5 * size
            jumped_back = c["x0"] < previous["x0"] - size
            if (moved_down and abs(c["top"] - previous["top"]) > 0.5 * size) or jumped_back:
                previous = None
        if previous is None:
            lines.append([c])
            baseline = c["bottom"]
        else:
            lines[-1].append(c)
            if not mark:
                baseline = c["bottom"]
        previous = c
    return lines


def _line_text(chars: list[dict[str, Any]]) -> str:
    out: list[str] = []
    previous = None
    for c in chars:
        text = c["text"]
        if previous is not None and text and not _is_mark(text) and not text.isspace():
            gap = c["x0"] - previous["x1"]
            size = c.get("size") or 10.0
            if gap > 0.2 * size and out and not out[-1][-1:].isspace():
                out.append(" ")
        out.append(text)
        if text and not _is_mark(text):
            previous = c
    return thai.repair_extracted_text("".join(out))


def _thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4f"


def _join(left: str, right: str) -> str:
    """Join two lines of one paragraph: no space between Thai letters (Thai breaks lines
    between words without one) or after a hyphen inside a Latin word, else one space."""
    if not left:
        return right
    a, b = left[-1], right[:1]
    if (_thai_letter(a) and _thai_letter(b)) or (a == "-" and b.isascii() and b.isalpha()):
        return left + right
    return left + " " + right


class _GlyphBudget:
    """Glyphs pdfminer may lay out on one page, counted as it lays them out: a page holding one
    text run of millions of glyphs is refused before its characters fill memory."""

    def __init__(self, name: str, limits: Limits, deadline: Deadline) -> None:
        self.name, self.limits, self.deadline = name, limits, deadline
        self.page, self.count = 0, 0

    def start(self, page: int) -> None:
        self.page, self.count = page, 0

    def spend(self) -> None:
        self.count += 1
        if self.count > self.limits.max_page_glyphs:
            raise InputError(
                f"PDF หน้า {self.page} มีตัวอักษรมากเกินไป / page {self.page} draws more than "
                f"{self.limits.max_page_glyphs:,} glyphs: the file is damaged or not a document", self.name,
            )
        if self.count % 2000 == 0:
            self.deadline.check(f"page {self.page}")


_BUDGET: contextvars.ContextVar[_GlyphBudget | None] = contextvars.ContextVar("kbo_pdf_glyphs", default=None)


def _count_glyphs() -> None:
    """Count every glyph pdfminer lays out against the budget of the extraction running now."""
    from pdfminer.converter import PDFLayoutAnalyzer

    if getattr(PDFLayoutAnalyzer.render_char, "_kbo_counted", False):
        return
    original = PDFLayoutAnalyzer.render_char

    def render_char(self: Any, *args: Any, **kwargs: Any) -> float:
        budget = _BUDGET.get()
        if budget is not None:
            budget.spend()
        return original(self, *args, **kwargs)

    render_char._kbo_counted = True  # type: ignore[attr-defined]
    PDFLayoutAnalyzer.render_char = render_char  # type: ignore[method-assign]


def extract_pdf(path: Path, limits: Limits) -> Document:
    name = str(path)
    deadline = Deadline(name, limits)
    budget = _GlyphBudget(name, limits, deadline)
    token = _BUDGET.set(budget)
    try:
        return _extract_pdf(path, limits, deadline, budget)
    finally:
        _BUDGET.reset(token)


def _unwrap(exc: BaseException) -> InputError | None:
    """The InputError inside an exception pdfplumber wrapped (PdfminerException(InputError))."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, InputError):
            return exc
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__  # type: ignore[assignment]
        seen += 1
    return None


def _extract_pdf(path: Path, limits: Limits, deadline: Deadline, budget: _GlyphBudget) -> Document:
    name = str(path)
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise InputError(f"ไม่ใช่แฟ้ม PDF / not a PDF file: it looks like {what_is(head)}", name)
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect

        _count_glyphs()
    except ImportError:  # pragma: no cover - an installation without pdfplumber
        raise InputError("อ่าน PDF ต้องติดตั้ง pdfplumber / reading PDF needs pdfplumber: pip install pdfplumber", name) from None
    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except Exception as exc:  # noqa: BLE001  (pdfminer raises many kinds on broken files)
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect) or "password" in str(exc).lower():
            raise InputError("PDF ถูกเข้ารหัสด้วยรหัสผ่าน / the PDF is encrypted with a password: lint cannot read it "
                             "(save an unprotected copy)", name) from None
        raise InputError(f"อ่าน PDF ไม่ได้ / cannot read the PDF: {type(exc).__name__}: {exc}".rstrip(": "), name) from None
    doc = Document(name, "pdf")
    try:
        if len(pages) > limits.max_pages:
            raise InputError(
                f"PDF มี {len(pages)} หน้า เกินกว่าที่ตรวจได้ ({limits.max_pages} หน้า) / the PDF has {len(pages)} pages; "
                f"lint reads at most {limits.max_pages}: split it", name,
            )
        if not pages:
            raise InputError("PDF ไม่มีหน้า / the PDF has no pages", name)
        reader = _Reader(doc, limits)
        for number, page in enumerate(pages, start=1):
            deadline.check(f"page {number}")
            budget.start(number)
            try:
                reader.page(number, page)
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001  (a broken page: any error of pdfminer)
                inner = _unwrap(exc)
                if inner is not None:
                    raise inner from None
                raise InputError(f"อ่าน PDF หน้า {number} ไม่ได้ / cannot read page {number}: {type(exc).__name__}: {exc}",
                                 name) from None
            finally:
                page.close()
        page_count = len(pages)
    finally:
        pdf.close()
    if reader.visible == 0:
        return _with_poppler(path, page_count, limits, deadline)
    return doc


def _with_poppler(path: Path, pages: int, limits: Limits, deadline: Deadline) -> Document:
    """Read a PDF whose characters pdfminer cannot decode (WeasyPrint writes an embedded
    encoding CMap when a glyph is missing from its font; pdfminer reads none of such a font's
    text) with poppler's ``pdftotext``, if it is installed: lines and their places, no tables."""
    name = str(path)
    exe = shutil.which("pdftotext")
    no_text = ("PDF ไม่มีข้อความที่อ่านได้ / the PDF has no text that can be read (a scanned page, or fonts "
               "whose encoding cannot be decoded): lint cannot check it")
    if exe is None:
        raise InputError(no_text + "; installing poppler-utils (pdftotext) may help", name)
    remaining = max(1.0, deadline.until - time.monotonic())
    try:
        out = subprocess.run([exe, "-q", "-bbox-layout", "-enc", "UTF-8", "-l", str(pages), str(path), "-"],
                             capture_output=True, timeout=remaining, check=False).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        deadline.check("pdftotext")
        raise InputError(no_text, name) from None
    doc = Document(name, "pdf", notes=["อ่านด้วย pdftotext: ไม่เห็นตารางและเว้นวรรคซ้อน / read with poppler's pdftotext: tables and doubled spaces are not seen"])
    reader = _Reader(doc, limits)
    for number, page in enumerate(_PAGE.finditer(out), start=1):
        lines = []
        for m in _LINE.finditer(page.group(2)):
            words = [html.unescape(w) for w in _WORD.findall(m.group(5))]
            text = thai.repair_extracted_text(" ".join(words)).strip()
            if not text:
                continue
            x0, top, x1, bottom = (float(m.group(k)) for k in range(1, 5))
            lines.append(_Line(number, 0, [], text, x0, x1, top, bottom, max(1.0, 0.75 * (bottom - top))))
        reader.chars += sum(len(ln.text) for ln in lines)
        reader.visible += len(lines)
        if reader.chars > limits.max_chars:
            raise InputError(f"เอกสารยาวเกินไป / more than {limits.max_chars:,} characters of text", name)
        _number_visually(lines)
        reader.lay_out(number, _merge_baselines(lines), [], None, float(page.group(1)))
    if reader.visible == 0:
        raise InputError(no_text, name)
    return doc


def _merge_baselines(lines: list[_Line]) -> list[_Line]:
    """One line per visual line: pdftotext splits a line where a tab left a wide gap."""
    merged: dict[int, _Line] = {}
    for line in sorted(lines, key=lambda ln: (ln.number, ln.x0)):
        if line.number not in merged:
            merged[line.number] = line
            continue
        into = merged[line.number]
        into.text = f"{into.text} {line.text}"
        into.x1 = max(into.x1, line.x1)
    return list(merged.values())


_PAGE = re.compile(r'<page width="([0-9.]+)"[^>]*>(.*?)</page>', re.DOTALL)
_LINE = re.compile(r'<line xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">(.*?)</line>', re.DOTALL)
_WORD = re.compile(r"<word [^>]*>(.*?)</word>", re.DOTALL)


def _inside(c: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _number_visually(lines: list[_Line]) -> None:
    """Number lines from the top of the page as a reader counts them (a running head drawn
    last is still line 1; pieces of text on one baseline share a number)."""
    number, top = 0, None
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if top is None or line.top - top > 0.5 * line.size:
            number, top = number + 1, line.top
        line.number = number


class _Reader:
    def __init__(self, doc: Document, limits: Limits) -> None:
        self.doc = doc
        self.limits = limits
        self.chars = 0
        self.open: Paragraph | None = None
        self.last: _Line | None = None
        self.last_full = False
        self.right = 0.0
        self.visible = 0

    def page(self, number: int, page: Any) -> None:
        chars = [c for c in page.chars if c.get("text") is not None]
        self.chars += len(chars)
        if self.chars > self.limits.max_chars:
            raise InputError(f"เอกสารยาวเกินไป / more than {self.limits.max_chars:,} characters of text", self.doc.file)
        tables = page.find_tables() if page.rects or page.lines or page.curves else []
        boxes = [t.bbox for t in tables]
        lines: list[_Line] = []
        for group in _lines(chars):
            visible = [c for c in group if c["text"].strip()]
            if not visible:
                continue
            line = _Line(number, 0, group, _line_text(group).strip())
            line.x0 = min(c["x0"] for c in visible)
            line.x1 = max(c["x1"] for c in visible)
            line.top = statistics.median(c["top"] for c in visible)
            line.bottom = statistics.median(c["bottom"] for c in visible)
            line.size = statistics.median((c.get("size") or 10.0) for c in visible)
            line.in_table = any(sum(_inside(c, b) for c in visible) * 2 > len(visible) for b in boxes)
            lines.append(line)
            self.visible += len(visible)
        _number_visually(lines)
        self.lay_out(number, lines, tables, page, float(page.width))

    def lay_out(self, number: int, lines: list[_Line], tables: list[Any], page: Any, page_width: float) -> None:
        """Join a page's lines into paragraphs, and put its tables where they stand."""
        body = [ln for ln in lines
                if ln.text and not ln.in_table and not _RUNNING_HEAD.match(ln.text) and not _LONE_NUMBER.match(ln.text)]
        # a table stands where its first line stands
        first_line = {id(t): min((ln for ln in lines if ln.in_table and ln.chars and _inside(ln.chars[0], t.bbox)),
                                 key=lambda ln: ln.top, default=None) for t in tables}
        placed = {id(t): first_line[id(t)].top if first_line[id(t)] else t.bbox[1] for t in tables}
        pending = sorted(tables, key=lambda t: placed[id(t)])
        if not body and not pending:
            return
        left = min((ln.x0 for ln in body), default=0.0)
        # the right margin: the longest line so far in the document, or the left margin mirrored
        self.right = max([self.right, page_width - left] + [ln.x1 for ln in body])
        right = self.right
        width = max(right - left, 1.0)
        pitches = sorted(b.top - a.top for a, b in itertools.pairwise(body) if b.top - a.top > 0.8 * a.size)
        pitch = pitches[0] if pitches else None
        for line in body:
            while pending and placed[id(pending[0])] < line.top:
                table = pending.pop(0)
                self.table(number, table, page, first_line[id(table)])
            self.line(line, left, right, width, pitch)
        for table in pending:
            self.table(number, table, page, first_line[id(table)])

    def line(self, line: _Line, left: float, right: float, width: float, pitch: float | None) -> None:
        previous = self.last
        new = (
            self.open is None or previous is None or not self.last_full
            or bool(_OPENS_ITEM.match(line.text))
            or line.x0 > previous.x0 + 2 * line.size and previous.page == line.page
        )
        if not new and previous is not None:
            if previous.page == line.page:
                new = pitch is not None and line.top - previous.top > pitch + 0.3 * line.size
            else:
                new = line.x0 > left + 0.5 * line.size
        if new or self.open is None:
            self.open = Paragraph(line.text, line.location)
            self.doc.blocks.append(self.open)
        else:
            joined = _join(self.open.text, line.text)
            self.open.breaks.append((len(joined) - len(line.text), line.location))
            self.open.text = joined
        self.last = line
        self.last_full = line.x1 >= right - 0.15 * width

    def table(self, page_number: int, table: Any, page: Any, first: _Line | None) -> None:
        self.open = None
        self.last = None
        number = len(self.doc.tables) + 1
        rows: list[list[Cell]] = []
        chars = [c for c in page.chars if c.get("text") is not None]
        for r, row in enumerate(table.rows, start=1):
            cells: list[Cell] = []
            for c, box in enumerate(row.cells, start=1):
                order = (page_number, first.number if first else 0, r, c)
                location = Location(f"page {page_number} t{number}:r{r}:c{c}", order)
                if box is None:
                    cells.append(Cell("", location))
                    continue
                inside = [ch for ch in chars
                          if box[0] <= (ch["x0"] + ch["x1"]) / 2 <= box[2] and box[1] <= (ch["top"] + ch["bottom"]) / 2 <= box[3]]
                text = ""
                for group in _lines(inside):
                    text = _join(text, _line_text(group).strip())
                text = text.strip()
                cells.append(Cell(text, location, cell_number(text)))
            rows.append(cells)
        if rows:
            self.doc.blocks.append(Table(rows, rows[0][0].location, number))

