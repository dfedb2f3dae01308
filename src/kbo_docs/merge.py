"""Mail merge: a circular with ``recipients`` becomes one letter per recipient, each with its
own เรียน line and its own row for ``${row.<column>}`` references in the body.

Recipients come from a list in the circular (or an XLSX read by the loader into that list), or
from the rows of a register (``recipients: {register: <id>}``), where ``${row.target}`` is the
row's target as the register prints it (computed by its allocation rule when left empty).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import thai
from .model import Circular, ProjectFile, Recipient, RecipientSource
from .model.base import NIL
from .refs import expand

ROW = "row."
"""Prefix of the names a letter's own row adds to the reference scope: ``${row.target}``."""


@dataclass(frozen=True)
class Letter:
    """One recipient's letter of a circular."""

    index: int
    """1-based position in the circular's recipient list (the printing order)."""
    name: str | None
    salutation: str | None
    address: tuple[str, ...] = ()
    row: dict[str, Any] = field(default_factory=dict)
    """``{"row.name": ..., "row.target": 4, ...}``: names for :func:`kbo_docs.refs.expand`."""
    label: str = ""
    """What names the letter in messages and file names: its row's or recipient's name."""


def cell_value(value: str | None) -> Any:
    """A recipient's cell as a value: a whole number typed with Thai or Arabic digits becomes an
    int (printed by :mod:`kbo_docs.thai`), ``-`` is nil (0) as in a register, empty is no value,
    anything else stays text."""
    if value is None or not value.strip():
        return None
    if value.strip() in NIL:
        return 0
    try:
        number = thai.parse_number(value)
    except ValueError:
        return value
    return number


def row_names(circular: Circular, project: ProjectFile) -> set[str] | None:
    """The ``row.`` names every letter of ``circular`` can print (None: it has no recipients;
    an empty set: they come from a register that does not exist)."""
    source = circular.recipients
    if source is None:
        return None
    if isinstance(source, RecipientSource):
        reg = project.register(source.register_id) if source.register_id else None
        return {"row.name"} | {ROW + c.key for c in reg.columns} if reg else set()
    names = {"row.name"}
    keys = [set(r.values) for r in source]
    return names | {ROW + k for k in set.intersection(*keys)} if keys else names


def letters(circular: Circular, project: ProjectFile, digits: str = "thai") -> list[Letter]:
    """The circular's letters in order (empty when it has no recipients)."""
    source = circular.recipients
    if source is None:
        return []
    if isinstance(source, RecipientSource):
        return _from_register(source, project, digits)
    return [_from_list(i, r) for i, r in enumerate(source, 1)]


def _from_list(index: int, r: Recipient) -> Letter:
    row: dict[str, Any] = {"row.name": r.name}
    row.update({ROW + k: cell_value(v) for k, v in r.values.items()})
    return Letter(index, r.name, r.salutation, tuple(r.address), row, r.name or f"#{index}")


def _from_register(source: RecipientSource, project: ProjectFile, digits: str) -> list[Letter]:
    reg = project.register(source.register_id) if source.register_id else None
    if reg is None:
        return []
    out = []
    for i, r in enumerate(reg.rows, 1):
        row: dict[str, Any] = {"row.name": r.name}
        row.update({ROW + c.key: reg.value(r, c.key) for c in reg.columns})
        try:
            name = expand(source.name, row, digits)
        except KeyError:
            name = None  # an unknown ${row.x} in the name: reported by CIR012
        out.append(Letter(i, name, source.salutation, tuple(source.address), row, r.name))
    return out


_UNSAFE = re.compile(r"[\s/\\:*?\"<>|\x00-\x1f\x7f]+")


def file_stem(circular_id: str, letter: Letter, width: int) -> str:
    """``<circular id>-<nn>-<name>``: sorts in printing order and says whose letter it is."""
    label = _UNSAFE.sub("-", letter.label).strip("-.")[:60] or "letter"
    return f"{circular_id}-{letter.index:0{width}d}-{label}"
