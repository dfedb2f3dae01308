"""Text and Markdown files: one paragraph per non-empty line (its location is the line number),
tab-separated blocks with numbers and Markdown pipe tables as tables.

Light markup is taken off before the rules read a line, for ``.md`` and for text files written
in the same style (``**bold**``, ``<b>...</b>``, ``# heading``, ``[text](link)``): the rules see the
words a reader sees. Lines are stripped: indentation and trailing spaces (a Markdown line
break) are layout, not doubled spaces.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

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
    lines = [line.strip() for line in raw]
    doc = Document(name, "text")
    i = 0
    while i < len(lines):
        table, i_next = _table_at(raw, i, markdown)
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


def _table_at(lines: list[str], start: int, markdown: bool) -> tuple[Table | None, int]:
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
        return None, start
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

