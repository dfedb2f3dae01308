"""Document text with locations: what every extractor produces and every text rule reads.

A document is a sequence of blocks in reading order: paragraphs and tables. Every piece of
text knows where it stands, as a :class:`Location` whose ``label`` is what a finding prints in
its ``line`` field:

- text and Markdown files: the line number (an ``int``);
- DOCX: ``p12`` (the 12th paragraph of the body, empty ones counted) and ``t1:r3:c2`` (table 1,
  row 3, column 2, counting grid columns);
- XLSX: ``Sheet1!B7``;
- PDF: ``page 2 line 14`` (text lines from the top of the page, running heads counted) and
  ``page 1 t1:r3:c2`` for table cells.

A PDF paragraph spans several lines: it keeps where each line starts, so a finding points at
the line where its words are.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

Number = int | Decimal


@dataclass(frozen=True)
class Location:
    label: int | str
    """What a finding prints as its ``line``."""
    order: tuple[int, ...]
    """Sort key in reading order."""

    def __str__(self) -> str:
        return str(self.label)


@dataclass
class Paragraph:
    text: str
    location: Location
    breaks: list[tuple[int, Location]] = field(default_factory=list)
    """For text read from several lines: ``(offset, location)`` where each later line starts."""

    def at(self, offset: int) -> Location:
        """The location of the character at ``offset``."""
        if not self.breaks:
            return self.location
        i = bisect.bisect_right([b[0] for b in self.breaks], offset)
        return self.location if i == 0 else self.breaks[i - 1][1]


@dataclass
class Cell:
    text: str
    location: Location
    value: Number | None = None
    """The cell's number, if it holds one (a typed number, ``-`` for zero, a computed formula)."""
    formula: str | None = None


@dataclass
class Table:
    rows: list[list[Cell]]
    location: Location
    """Where the table starts (its first cell)."""
    number: int = 0
    """1-based position among the document's tables."""

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> Cell | None:
        cells = self.rows[row]
        return cells[col] if col < len(cells) else None


Block = Paragraph | Table


@dataclass
class Document:
    file: str
    kind: str
    """``text``, ``docx``, ``xlsx`` or ``pdf``."""
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What the extractor could not read (e.g. headers and footers), for the reader of the report."""
    _texts: tuple[list[Block], list[tuple[str, Paragraph | Cell]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def texts(self) -> Iterator[tuple[str, Paragraph | Cell]]:
        """Every piece of text: each paragraph and each non-empty table cell, in reading order.

        Listed once for the blocks the document has (two dozen rules each walk a 10,000-row
        workbook's 50,000 cells); made again when its blocks change."""
        blocks, listed = self._texts or ((), [])
        if self._texts is None or len(blocks) != len(self.blocks) or any(a is not b for a, b in zip(blocks, self.blocks)):
            listed = []
            for block in self.blocks:
                if isinstance(block, Paragraph):
                    listed.append((block.text, block))
                else:
                    listed.extend((cell.text, cell) for row in block.rows for cell in row if cell.text.strip())
            self._texts = (list(self.blocks), listed)
        return iter(listed)

    def full_text(self) -> str:
        return "\n".join(text for text, _ in self.texts())


def at(piece: Paragraph | Cell, offset: int = 0) -> Location:
    """Where ``offset`` of a paragraph or cell stands."""
    return piece.at(offset) if isinstance(piece, Paragraph) else piece.location
