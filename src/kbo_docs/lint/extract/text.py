"""Text and Markdown files: one paragraph per non-empty line (its location is the line number),
tab-separated blocks with numbers, Markdown pipe tables, and columns aligned with runs of
spaces (as typed, or as ``pdftotext -layout`` writes a table) as tables.

Text that ``pdftotext`` wrote with every SARA AM decomposed (NIKHAHIT + SARA AA) is read with
it joined back; a typed text that mixes the two keeps its characters, for LNT011 to report.

Light markup is taken off before the rules read a line, for ``.md`` and for text files written
in the same style (``**bold**``, ``<b>...</b>``, ``# heading``, ``[text](link)``): the rules see the
words a reader sees. Lines are stripped: indentation and trailing spaces (a Markdown line
break) are layout, not doubled spaces.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ... import thai
from ...findings import InputError
from ..document import Cell, Document, Location, Paragraph, Table
from ..limits import Limits
from .cells import cell_number

_TAGS = re.compile(r"</?(?:b|i|u|s|em|strong|br|span|sup|sub|p|div|font|mark|small|big)\b[^<>]*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6}\s+")
_QUOTE = re.compile(r"^(?:>\s?)+")
_BULLET = re.compile(r"^[-*+]\s+")
_CODE = re.compile(r"`([^`]*)`")
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def strip_markup(line: str, markdown: bool) -> str:
    line = _TAGS.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _EMPHASIS.sub(r"\2", line)
    if markdown:
        line = _HEADING.sub("", line)
        line = _QUOTE.sub("", line)
        line = _BULLET.sub("", line)
        line = _CODE.sub(r"\1", line)
    return line


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or Thai Windows-874."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data:
        raise InputError("ไม่ใช่แฟ้มข้อความ / not a text file (it holds NUL bytes: a binary file?)", name)
    else:
        for encoding in ("utf-8-sig", "cp874"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise InputError("อ่านรหัสอักขระไม่ได้ / not a text file: neither UTF-8, UTF-16 nor Thai Windows-874", name)


def extract_text(path: Path, limits: Limits) -> Document:
    name = str(path)
    size = path.stat().st_size
    if size > limits.max_text_bytes:
        raise InputError(f"แฟ้มข้อความใหญ่เกินไป / text file of {size:,} bytes (at most {limits.max_text_bytes:,})", name)
    text = decode(path.read_bytes(), name)
    if "\x00" in text:
        raise InputError("ไม่ใช่แฟ้มข้อความ / not a text file (it holds NUL characters)", name)
    count = text.count("\n") + 1
    if count > limits.max_blocks and sum(1 for line in text.splitlines() if line.strip()) > limits.max_blocks:
        raise InputError(f"เอกสารยาวเกินไป / the document has {count:,} lines (at most {limits.max_blocks:,} "
                         "that are not empty): split it", name)
    markdown = path.suffix.lower() in (".md", ".markdown")
    raw = [strip_markup(unicodedata.normalize("NFC", line), markdown).rstrip(" \u00a0\r") for line in text.splitlines()]
    if _extracted(text):
        raw = [thai.repair_extracted_text(line) for line in raw]
    lines = [line.strip() for line in raw]
    doc = Document(name, "text")
    i = 0
    scanned = [0]  # lines up to here were already found not to start an aligned table
    while i < len(lines):
        table, i_next = _table_at(raw, i, markdown, scanned)
        if table is not None:
            table.number = len(doc.tables) + 1
            doc.blocks.append(table)
            i = i_next
            continue
        for k in range(i, max(i_next, i + 1)):  # a run that is no table: none of its tails is one either
            if lines[k]:
                doc.blocks.append(Paragraph(lines[k], Location(k + 1, (k + 1,))))
        i = max(i_next, i + 1)
    return doc


def _table_at(lines: list[str], start: int, markdown: bool, scanned: list[int]) -> tuple[Table | None, int]:
    """A table starting at ``lines[start]``: Markdown pipe rows, or a block of tab-separated
    lines with the same number of cells of which one column holds numbers."""
    line = lines[start].strip()
    if line.startswith("|") and line.count("|") >= 2:
        end = start
        rows: list[tuple[int, list[str]]] = []
        while end < len(lines) and lines[end].strip().startswith("|"):
            if not _PIPE_SEPARATOR.match(lines[end].strip()):
                cells = [c.strip() for c in lines[end].strip().strip("|").split("|")]
                rows.append((end, cells))
            end += 1
        if len(rows) >= 2:
            return _make_table(rows), end
        return None, end
    if "\t" not in line:
        if start < scanned[0]:
            return None, start
        table, end = _aligned_table_at(lines, start)
        if table is None:
            scanned[0] = max(scanned[0], end)
            return None, start
        return table, end
    end = start
    rows = []
    while end < len(lines) and "\t" in lines[end]:
        rows.append((end, [c.strip() for c in lines[end].split("\t")]))
        end += 1
    columns = max((len(cells) for _, cells in rows), default=0)
    if len(rows) < 2 or columns < 2:
        return None, end
    rows = [(index, cells + [""] * (columns - len(cells))) for index, cells in rows]
    numeric = any(sum(1 for _, cells in rows if cell_number(cells[c]) is not None) >= 2 for c in range(1, columns))
    if not numeric:
        return None, end
    return _make_table(rows), end


def _make_table(rows: list[tuple[int, list[str]]]) -> Table:
    table_rows = []
    for index, cells in rows:
        location = Location(index + 1, (index + 1,))
        table_rows.append([Cell(text, location, cell_number(text)) for text in cells])
    return Table(table_rows, table_rows[0][0].location)



def _extracted(text: str) -> bool:
    """Text as PDF extraction writes it: SARA AM decomposed nearly everywhere it occurs (at
    least twice, and never or hardly ever composed; one decomposed SARA AM alone says nothing
    about where the text came from and is reported)."""
    decomposed = text.count("\u0e4d\u0e32")
    return decomposed >= 2 and decomposed >= 4 * text.count("\u0e33")


_GAP = re.compile(r"\S+(?:[ \u00a0]\S+)*")
_MAX_COLUMNS = 40
_NUMBER_CELL = re.compile(r"-?[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?%?|-")


def _width(text: str) -> int:
    """Display width: combining marks (Thai vowels above and below, tone marks) take no column."""
    return sum(1 for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn")


def _aligned_cells(line: str) -> list[tuple[int, int, str]]:
    """Cells of a line whose columns are separated by two or more spaces: ``(start, end, text)``
    in display columns."""
    cells = []
    for m in _GAP.finditer(line):
        # numbers of neighbouring columns that pdftotext set one space apart are two cells
        pieces = [(m.start(), m.group())]
        if " " in m.group() and all(_NUMBER_CELL.fullmatch(p) for p in m.group().split(" ")):
            pieces, offset = [], m.start()
            for part in m.group().split(" "):
                pieces.append((offset, part))
                offset += len(part) + 1
        for begin, text in pieces:
            start = _width(line[:begin])
            cells.append((start, start + _width(text), text))
    return cells


def _aligned_table_at(lines: list[str], start: int) -> tuple[Table | None, int]:
    """A block of lines whose cells are separated by runs of two or more spaces, of which at
    least two rows hold a number in the same column past the first: a table typed with the
    space bar, or a table as ``pdftotext -layout`` writes it. Cells are put in the columns of
    the row with the most cells, by where they stand (numbers are often right-aligned)."""
    rows: list[tuple[int, list[tuple[int, int, str]]]] = []
    end = start
    while end < len(lines) and lines[end].strip():
        cells = _aligned_cells(lines[end].rstrip())
        if len(cells) < 2 or len(cells) > _MAX_COLUMNS:
            break
        rows.append((end, cells))
        end += 1
    if len(rows) < 2:
        return None, end
    widest = max(rows, key=lambda r: (len(r[1]), sum(1 for cell in r[1] if _NUMBER_CELL.fullmatch(cell[2]))))[1]
    spans = [(a, b) for a, b, _ in widest]

    def column_of(a: int, b: int) -> int:
        overlaps = [(min(b, y) - max(a, x), -abs((a + b) - (x + y)), i) for i, (x, y) in enumerate(spans)]
        return max(overlaps)[2]

    grid: list[tuple[int, list[str]]] = []
    for index, cells in rows:
        row = [""] * len(spans)
        if len(cells) == len(spans):  # a full row: one cell per column, whatever the padding
            row = [text for _a, _b, text in cells]
        else:
            for a, b, text in cells:
                c = column_of(a, b)
                row[c] = f"{row[c]} {text}".strip()
        grid.append((index, row))
    numeric_rows = [sum(1 for c in range(1, len(spans)) if cell_number(row[c]) is not None) for _, row in grid]
    with_numbers = sum(1 for n in numeric_rows if n)
    if with_numbers < 2 or (len(spans) < 3 and with_numbers < 3):
        return None, end
    return _make_table(grid), end
