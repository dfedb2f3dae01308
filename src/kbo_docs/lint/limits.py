"""Bounds on what ``kbo-docs lint`` reads, so that a hostile or broken file (a zip bomb, a
500-page PDF, a sheet claiming a million rows) gets a clear message in bounded time and memory
instead of exhausting the machine."""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..findings import InputError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * MiB
    """Any input file."""
    max_text_bytes: int = 16 * MiB
    """A .txt or .md file."""
    max_part_bytes: int = 64 * MiB
    """One member of a DOCX/XLSX package, uncompressed (as declared and as read)."""
    max_package_bytes: int = 256 * MiB
    """All members of a DOCX/XLSX package together, uncompressed."""
    max_members: int = 5000
    max_ratio: int = 200
    """Largest compression ratio allowed for a member bigger than 1 MiB (XML packs ~10-30x)."""
    max_pages: int = 100
    """PDF pages read; a longer PDF is refused (split it)."""
    max_page_glyphs: int = 20_000
    """Glyphs drawn on one PDF page (a dense A4 page of 6 pt text holds about 20,000)."""
    max_cells: int = 250_000
    """Non-empty XLSX cells over all sheets."""
    max_grid_cells: int = 2_000_000
    """XLSX grid positions walked over all sheets, empty ones included (a cell in A and one in
    XFD make a row 16,384 wide)."""
    max_formula_refs: int = 1_000_000
    """Cell references followed while evaluating formulas that have no cached result."""
    max_blocks: int = 50_000
    """Paragraphs and tables of one document (a 1,000-page report has about 30,000)."""
    max_chars: int = 5_000_000
    """Characters of text taken from one document."""
    max_seconds: float = 60.0
    """Wall-clock time for reading one document."""


DEFAULT = Limits()


class Deadline:
    """Raises InputError once a document has taken longer than ``limits.max_seconds`` to read."""

    def __init__(self, file: str, limits: Limits) -> None:
        self.file = file
        self.seconds = limits.max_seconds
        self.until = time.monotonic() + limits.max_seconds

    def check(self, doing: str = "") -> None:
        if time.monotonic() > self.until:
            what = f" ({doing})" if doing else ""
            raise InputError(
                f"อ่านเอกสารนานเกิน {self.seconds:g} วินาที / reading took longer than {self.seconds:g} s{what}; "
                "the file is too large or too complex to lint",
                self.file,
            )
