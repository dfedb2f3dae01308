"""What a rule can ask about the file it checks: the project, lines, fiscal-year bounds."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from .. import checks, thai
from ..findings import Finding
from ..load import Loaded, line_of
from ..model import Item, Node, ProjectFile
from .registry import Issue, Rule


MAX_LOCATED = 200
"""Findings in one value placed on the exact line of a multi-line text; later ones in the same
value (a pasted page with thousands) point at the value's first line, so checking stays linear."""


class Context:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self._located: dict[tuple[str | int, ...], int] = {}

    @property
    def project(self) -> ProjectFile:
        return self.loaded.project

    @cached_property
    def fiscal_bounds(self) -> tuple[dt.date, dt.date]:
        return thai.fiscal_year_bounds(self.fiscal_year or 0)

    @cached_property
    def texts(self) -> list[tuple[Node, tuple[str | int, ...], str]]:
        """Every user-written string of the file (:func:`kbo_docs.rules.text.iter_texts`), walked
        once for all the text rules."""
        from .text import iter_texts

        return list(iter_texts(self.project))

    @property
    def fiscal_year(self) -> int | None:
        """The project's fiscal year; None in a file without a project (fiscal-year rules are quiet)."""
        return self.project.project.fiscal_year if self.project.project else None

    def in_fiscal_year(self, day: dt.date) -> bool:
        first, last = self.fiscal_bounds
        return first <= day <= last

    def fy_text(self) -> str:
        return checks.fiscal_year_text(self.fiscal_year)[0]

    def fy_text_en(self) -> str:
        return checks.fiscal_year_text(self.fiscal_year)[1]

    def suppressed(self, code: str, path: tuple[str | int, ...]) -> bool:
        """A rule is off where the file (``noqa:`` at the top) or the enclosing item says so."""
        if code in self.project.noqa:
            return True
        if len(path) >= 2 and isinstance(path[1], int):
            items = getattr(self.project, str(path[0]), None)
            if isinstance(items, list) and path[1] < len(items):
                item = items[path[1]]
                return isinstance(item, Item) and code in item.noqa
        return False

    def finding(self, rule: Rule, found: Issue) -> Finding:
        line = line_of(self.loaded.source, found.path)
        if found.snippet:
            located = self._located.get(found.path, 0)
            if located < MAX_LOCATED:  # each costs a pass (a count) over the value's text before the snippet
                self._located[found.path] = located + 1
                line = self.loaded.source.line_in(found.path, found.snippet, found.before) or line
        file = self.loaded.file
        if (place := self.loaded.source.place(found.path)) is not None:
            file, line = place  # a row read from a clerk's XLSX: its cell
        return Finding(file, line, rule.code, found.severity or rule.severity, f"{found.th} / {found.en}")
