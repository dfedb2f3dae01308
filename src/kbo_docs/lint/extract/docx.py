"""DOCX: the body's paragraphs and tables, read with lxml straight from the package.

python-docx is not used here: it loads every part of the package into memory, which a zip
bomb turns into gigabytes; reading only ``word/document.xml`` (and ``numbering.xml``) through
:mod:`kbo_docs.lint.package` keeps time and memory bounded and never resolves entities.

What is read: body paragraphs (also inside content controls), tables (rows, cells at their
grid columns, nested tables as tables of their own), text boxes (after their anchor
paragraph), tabs and line breaks, automatic list numbers (``1.``, ``๑.``, ``(ก)``) as the reader
sees them. Deleted tracked changes, field codes and the VML copies of text boxes are skipped.
Not read: headers, footers, footnotes and comments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import thai
from ...findings import InputError
from ..document import Cell, Document, Location, Paragraph, Table
from ..limits import Deadline, Limits
from ..package import main_part, open_package, parse_xml, read_member, related
from .cells import cell_number

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WORD_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_SKIP = {
    W + "pPr", W + "rPr", W + "tblPr", W + "trPr", W + "tcPr", W + "sectPr", W + "del", W + "delText",
    W + "instrText", W + "delInstrText", W + "fldData", W + "txbxContent", W + "moveFrom", W + "commentReference",
    W + "footnoteReference", W + "endnoteReference", MC + "Fallback",
}
MAX_GRID_COLUMNS = 63
"""Word's limit on the columns of a table; a gridSpan or gridBefore past it is damage or an attack."""
_SPACE_AROUND_BREAK = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0]*")


def _clean(text: str) -> str:
    return _SPACE_AROUND_BREAK.sub("\n", unicodedata.normalize("NFC", text)).strip()


def extract_docx(path: Path, limits: Limits) -> Document:
    name = str(path)
    deadline = Deadline(name, limits)
    with open_package(path, "docx", limits) as package:
        part = main_part(package, name, limits) or "word/document.xml"
        if part.startswith("xl/"):
            raise InputError("นี่คือแฟ้ม Excel ไม่ใช่ Word / this is an Excel workbook, not a Word document (rename it .xlsx)", name)
        if part not in package.namelist():
            raise InputError(f"ไม่ใช่เอกสาร Word / not a Word document: the package has no {part}", name)
        root = parse_xml(read_member(package, part, name, limits), part, name)
        if root.tag != W + "document":
            raise InputError(f"ไม่ใช่เอกสาร Word / not a Word document: {part} holds <{root.tag}>", name)
        numbering_part = related(package, part, "/numbering", name, limits)
        numbering = Numbering.read(package, numbering_part, name, limits) if numbering_part else Numbering()
    body = root.find(W + "body")
    reader = _Reader(Document(name, "docx"), numbering, deadline, limits)
    if body is not None:
        reader.blocks(body)
    return reader.doc


@dataclass
class _Reader:
    doc: Document
    numbering: Numbering
    deadline: Deadline
    limits: Limits
    paragraphs: int = 0
    chars: int = 0
    cells: int = 0

    def blocks(self, parent: Any) -> None:
        for child in parent:
            if child.tag == W + "p":
                self.paragraph(child)
            elif child.tag == W + "tbl":
                self.table(child)
            elif child.tag in (W + "sdt", W + "customXml", W + "smartTag", W + "ins", W + "moveTo"):
                content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if content is not None:
                    self.blocks(content)

    def _count(self, text: str) -> None:
        self.chars += len(text)
        if self.chars > self.limits.max_chars:
            raise InputError(f"เอกสารยาวเกินไป / more than {self.limits.max_chars:,} characters of text", self.doc.file)

    def paragraph(self, p: Any) -> None:
        self.paragraphs += 1
        if self.paragraphs % 200 == 0:
            self.deadline.check("reading paragraphs")
            if len(self.doc.blocks) > self.limits.max_blocks:
                raise InputError(f"เอกสารยาวเกินไป / more than {self.limits.max_blocks:,} paragraphs and tables: "
                                 "split it", self.doc.file)
        number = self.paragraphs
        text = self.numbering.label(p) + paragraph_text(p)
        self._count(text)
        location = Location(f"p{number}", (number, 0))
        text = _clean(text)
        if text:
            self.doc.blocks.append(Paragraph(text, location))
        for k, box in enumerate(text_boxes(p), start=1):
            for j, inner in enumerate(box.iter(W + "p"), start=1):
                inner_text = _clean(paragraph_text(inner))
                if inner_text:
                    self._count(inner_text)
                    self.doc.blocks.append(Paragraph(inner_text, Location(f"p{number}", (number, k, j))))

    def _grid(self, count: int, column: int, row: int, table: int) -> int:
        """A number of grid columns (gridBefore, gridSpan), refused past Word's 63 columns."""
        if column + count > MAX_GRID_COLUMNS:
            raise InputError(
                f"ตารางที่ {table} แถว {row} กว้างเกิน {MAX_GRID_COLUMNS} คอลัมน์ / table {table} row {row} spans "
                f"{column + count:,} grid columns (Word allows {MAX_GRID_COLUMNS}): the file is damaged",
                self.doc.file,
            )
        return max(0, count)

    def table(self, tbl: Any) -> None:
        self.deadline.check("reading tables")
        number = len(self.doc.tables) + 1
        order = (self.paragraphs, 1, number)
        rows: list[list[Cell]] = []
        nested: list[Any] = []
        for r, tr in enumerate(_children(tbl, W + "tr"), start=1):
            row: list[Cell] = []
            column = self._grid(_int(tr.find(f"{W}trPr/{W}gridBefore"), 0), 0, r, number)
            row.extend(Cell("", Location(f"t{number}:r{r}:c{c + 1}", (*order, r, c + 1))) for c in range(column))
            for tc in _children(tr, W + "tc"):
                span = max(1, self._grid(_int(tc.find(f"{W}tcPr/{W}gridSpan"), 1), column, r, number))
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                continued = merge is not None and merge.get(W + "val", "continue") == "continue"
                parts = []
                for inner in tc:
                    if inner.tag == W + "p":
                        parts.append(self.numbering.label(inner) + paragraph_text(inner))
                    elif inner.tag == W + "tbl":
                        nested.append(inner)
                    elif inner.tag == W + "sdt":
                        content = inner.find(W + "sdtContent")
                        parts.extend(paragraph_text(q) for q in (content.iter(W + "p") if content is not None else []))
                text = "" if continued else _clean("\n".join(parts))
                self._count(text)
                location = Location(f"t{number}:r{r}:c{column + 1}", (*order, r, column + 1))
                row.append(Cell(text, location, cell_number(text)))
                for extra in range(1, span):
                    row.append(Cell("", Location(f"t{number}:r{r}:c{column + 1 + extra}", (*order, r, column + 1 + extra))))
                column += span
            rows.append(row)
            self.cells += len(row)
            if self.cells > self.limits.max_cells:
                raise InputError(f"ตารางใหญ่เกินไป / more than {self.limits.max_cells:,} table cells", self.doc.file)
            if r % 200 == 0:
                self.deadline.check("reading table rows")
        if rows and any(c.text for row in rows for c in row):
            self.doc.blocks.append(Table(rows, rows[0][0].location if rows[0] else Location(f"t{number}", order), number))
        for inner in nested:
            self.table(inner)


def _children(parent: Any, tag: str) -> list[Any]:
    """Direct children with ``tag``, looking through content controls and custom XML."""
    found = []
    for child in parent:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                found.extend(_children(content, tag))
    return found


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(W + "val", default))
    except ValueError:
        return default


def paragraph_text(p: Any) -> str:
    """The text a reader sees in a paragraph (runs, tabs, breaks, hyperlinks, field results)."""
    out: list[str] = []
    _walk(p, out)
    return "".join(out)


def _walk(element: Any, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W + "t":
            out.append(child.text or "")
        elif tag == W + "tab" or tag == W + "ptab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "softHyphen":
            continue
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is not None:
                _walk(choice, out)
        else:
            _walk(child, out)


def text_boxes(p: Any) -> list[Any]:
    """Text boxes anchored in a paragraph (the DrawingML copy; the VML fallback is a duplicate)."""
    boxes = []
    for box in p.iter(W + "txbxContent"):
        ancestor = box.getparent()
        fallback = False
        while ancestor is not None and ancestor is not p:
            if ancestor.tag == MC + "Fallback":
                fallback = True
                break
            ancestor = ancestor.getparent()
        if not fallback:
            boxes.append(box)
    return boxes


# ---------------------------------------------------------------------------------------
# Automatic list numbering (numbering.xml): the label a reader sees before the text

_THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


def _format(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt == "thaiNumbers":
        return thai.thai_digits(str(n))
    if fmt == "thaiLetters":
        return _THAI_LETTERS[(n - 1) % len(_THAI_LETTERS)]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "bullet":
        return "•"
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    """Roman numerals as Word writes them (1-3999); outside that range Word shows the digits."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Word's automatic numbering: levels per abstract numbering, counters per list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """numId -> level -> format."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, package: Any, part: str, name: str, limits: Limits) -> Numbering:
        if part not in package.namelist():
            return cls()
        root = parse_xml(read_member(package, part, name, limits), part, name)
        abstract: dict[str, dict[int, _Level]] = {}
        for a in root.iter(W + "abstractNum"):
            abstract[a.get(W + "abstractNumId", "")] = {
                _int_attr(lvl, "ilvl"): _level(lvl) for lvl in a.iter(W + "lvl")
            }
        numbering = cls()
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = dict(abstract.get(ref.get(W + "val", "") if ref is not None else "", {}))
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int_attr(override, "ilvl")
                level = override.find(W + "lvl")
                if level is not None:
                    levels[ilvl] = _level(level)
                start = override.find(W + "startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = _Level(levels[ilvl].fmt, levels[ilvl].text, _int(start, 1))
            numbering.levels[num.get(W + "numId", "")] = levels
        return numbering

    def label(self, p: Any) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
        num_id = num_id_el.get(W + "val", "0") if num_id_el is not None else "0"
        ilvl = _int(ilvl_el, 0)
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        text = levels[ilvl].text

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            level = levels.get(k, _Level())
            return _format(counters.get(k, level.start), level.fmt)

        label = re.sub(r"%([1-9])", value, text)
        return f"{label} " if label else ""


def _int_attr(element: Any, attr: str) -> int:
    try:
        return int(element.get(W + attr, 0))
    except ValueError:
        return 0


def _level(lvl: Any) -> _Level:
    fmt = lvl.find(W + "numFmt")
    text = lvl.find(W + "lvlText")
    start = lvl.find(W + "start")
    return _Level(
        fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
        text.get(W + "val", "") if text is not None else "",
        _int(start, 1),
    )


__all__ = ["WORD_MAIN", "extract_docx", "paragraph_text"]
