"""Letter numbers taken at render time from the numbering register (ทะเบียนหนังสือส่ง,
:class:`kbo_docs.numbering.NumberRegister`).

A letter whose ``number:`` is only its series, ``ลป ๐๐๑๙.๓/ว`` (a circular) or ``ลป ๐๐๑๙.๓/``
(an ordinary letter), is numbered when it is rendered with a register: a circular sent to many
recipients keeps one ว number for all its letters; the letters of ``kind: letter`` sent to many
take one number each, in order. Without a register the number is left blank after the series,
to be written in by hand, as offices do.

Rendering the same letter again (same data file name and id, same date and subject) finds the
number it was given instead of taking another; changing the date or the subject takes a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import thai

if TYPE_CHECKING:
    from .numbering import NumberRegister
    from .render.view import Document

def number_series(number: Any, default_owner: str | None = None) -> str | None:
    """The series (``ลป ๐๐๑๙.๓/ว``, ``ลป ๐๐๑๙.๓/``) when ``number`` (text or parts) has no running
    number yet, else None."""
    from .model import number_parts

    parts = number_parts(number, default_owner)
    if parts.running is not None or not parts.owner:
        return None
    return " ".join(f"{parts.owner}/{'ว' if parts.circular else ''}".split())


@dataclass(frozen=True)
class Numbered:
    """One number taken: for which documents (a circular's letters share it)."""

    text: str
    documents: tuple[str, ...]
    recipient: str


def assign(documents: list[Document], register: NumberRegister, file: str) -> list[Numbered]:
    """Take numbers for the documents that need one, in order, and print them into their view
    data. Each number is one atomic issue in the register (never given twice, even to
    parallel processes)."""
    from pathlib import Path

    name = Path(file).name
    taken: list[Numbered] = []
    shared: dict[str, str] = {}

    def number(doc: Document, key: str, recipient: str) -> str:
        data = doc.data
        series, day = data["number_series"], data["date"]
        subject, recipient = (" ".join(t.split()) for t in (data["subject"], recipient))  # no no-break spaces
        where = f"{name}#{key}"
        found = next((r for r in register.list(series=series, year=thai.be_year(day))
                      if r.file == where and r.date == day and r.subject == subject), None)
        issued = found or register.issue(series=series, date=day, subject=subject, recipient=recipient, file=where)
        return thai.letter_number(series, issued.number, doc.digits)  # type: ignore[arg-type]

    for doc in documents:
        data: dict[str, Any] = doc.data
        if not data.get("number_series") or doc.error:
            continue
        if doc.group and data.get("letter_kind") == "circular":
            if doc.group not in shared:
                members = [d for d in documents if d.group == doc.group]
                recipient = data.get("recipients_all") or f"{members[0].label} และอีก {len(members) - 1} ราย"
                shared[doc.group] = number(doc, doc.group, recipient)
                taken.append(Numbered(shared[doc.group], tuple(d.id for d in members), recipient))
            data["number"] = shared[doc.group]
        else:
            data["number"] = number(doc, doc.id, data.get("recipient") or "")
            taken.append(Numbered(data["number"], (doc.id,), data.get("recipient") or ""))
        data["number_series"] = None
    return taken
