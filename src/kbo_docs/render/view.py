"""Model -> view data: what a template needs, with every ``${...}`` reference expanded and
every list numbered. Values stay values (dates, ints); templates format them with the
filters of :mod:`kbo_docs.render.filters`. Layout stays in the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..merge import Letter, file_stem, letters
from ..numbers import series_only
from ..model import Agency, Circular, Meeting, Person, ProjectFile, Register, SubItem
from ..refs import expand, project_scope


@dataclass
class Document:
    """One document to render: its kind (template name), id and view data."""

    kind: str
    id: str
    data: dict[str, Any]
    digits: str = "thai"
    group: str | None = None
    """For one recipient's letter: the id of the circular it belongs to (its letters are also
    combined into ``<group>.pdf`` and ``<group>.zip``)."""
    label: str | None = None
    """For one recipient's letter: whose it is (the row or recipient name)."""
    error: str | None = None
    """Why the document cannot be rendered (a reference without a value, rendered with
    ``--force``): that document fails, the others do not."""


class Views:
    """Builds the view data of each document in a project file."""

    def __init__(self, project: ProjectFile) -> None:
        self.project = project
        self.digits = project.agency.digits
        self.scope = project_scope(project)

    def text(self, value: str, **local: Any) -> str:
        return expand(value, {**self.scope, **local}, self.digits)

    def documents(self) -> list[Document]:
        p = self.project
        docs: list[Document] = []
        for c in p.circulars:
            merged = letters(c, p, self.digits)
            width = max(2, len(str(len(merged))))
            docs += [self._document("circular", file_stem(c.id, letter, width), lambda c=c, letter=letter: self.circular(c, letter),
                                    group=c.id, label=letter.label) for letter in merged]
            if not merged:
                docs.append(self._document("circular", c.id, lambda c=c: self.circular(c)))
        docs += [self._document("register", r.id, lambda r=r: self.register(r)) for r in p.registers]
        docs += [self._document("minutes", m.id, lambda m=m: self.meeting(m)) for m in p.meetings]
        return docs

    def _document(self, kind: str, doc_id: str, build: Any, **more: Any) -> Document:
        try:
            return Document(kind, doc_id, build(), self.digits, **more)
        except KeyError as exc:
            name = exc.args[0] if exc.args else "?"
            return Document(kind, doc_id, {}, self.digits, **more,
                            error=f"${{{name}}} ไม่มีค่า / ${{{name}}} has no value (see the check above)")

    def agency(self, agency: Agency) -> dict[str, Any]:
        return {
            "name": agency.name,
            "issuer": agency.issuer or agency.name,
            "address": [self.text(line) for line in agency.address],
            "garuda_image": agency.garuda_image,
        }

    def person(self, person: Person | None) -> dict[str, Any] | None:
        if person is None:
            return None
        return {k: getattr(person, k) for k in ("name", "position", "role", "acting", "reason", "substitute_for")}

    def circular(self, c: Circular, letter: Letter | None = None) -> dict[str, Any]:
        """The view of a letter; with ``letter``, one recipient's: its เรียน line, salutation
        and ``${row.<column>}`` values."""
        row = letter.row if letter else {}
        text = (lambda value, **local: self.text(value, **row, **local)) if row else self.text
        agency = self.project.agency
        contact = c.contact or agency.contact
        contact_lines = []
        if contact.phone and contact.fax and contact.phone == contact.fax:
            contact_lines.append(("โทร./โทรสาร", contact.phone))
        else:
            contact_lines += [(label, v) for label, v in (("โทร.", contact.phone), ("โทรสาร", contact.fax)) if v]
        if contact.email:
            contact_lines.append(("ไปรษณีย์อิเล็กทรอนิกส์", contact.email))
        return {
            "agency": self.agency(agency),
            "project": {"name": self.project.project.name, "fiscal_year": self.project.project.fiscal_year},
            "number": c.number,
            "number_series": series_only(c.number),
            "letter_kind": c.kind,
            "recipients_all": text(c.recipient) if c.recipient else None,
            "date": c.date,
            "subject": text(c.subject),
            "salutation": (letter.salutation if letter else None) or c.salutation,
            "recipient": letter.name if letter else text(c.recipient or ""),
            "recipient_address": list(letter.address) if letter else [],
            "references": [text(r) for r in c.references],
            "enclosures": [
                {"title": text(e.title), "quantity": e.quantity, "unit": e.unit} for e in c.enclosures
            ],
            "body": [text(t) for t in c.body],
            "actions_intro": text(c.actions_intro) if c.actions_intro else None,
            "actions": [
                {
                    "text": text(a.text, deadline=a.deadline),
                    "items": [text(i, deadline=a.deadline) for i in a.items],
                }
                for a in c.actions
            ],
            "conclusion": [text(t) for t in c.conclusion],
            "closing": c.closing,
            "signer": self.person(c.signer),
            "unit": c.unit or agency.unit,
            "contact": [{"label": label, "value": value} for label, value in contact_lines],
            "copies": [text(t) for t in c.copies],
        }

    def register(self, r: Register) -> dict[str, Any]:
        return {
            "agency": self.agency(self.project.agency),
            "title": [self.text(t) for t in r.title],
            "row_label": r.row_label,
            "columns": [{"key": c.key, "title": c.title, "sum_of": c.sum_of, "target": c.target} for c in r.columns],
            "rows": [{"name": row.name, "values": [r.value(row, c.key) for c in r.columns]} for row in r.rows],
            "total_label": r.total_label,
            "totals": [r.total(c.key) for c in r.columns],
            "notes": [self.text(t) for t in r.notes],
        }

    def sub_item(self, sub: SubItem) -> dict[str, Any]:
        local = {"when": sub.when, "count": len(sub.items) if sub.items else None}
        return {"text": self.text(sub.text, **local), "items": [self.sub_item(s) for s in sub.items]}

    def meeting(self, m: Meeting) -> dict[str, Any]:
        return {
            "agency": self.agency(self.project.agency),
            "committee": self.text(m.committee),
            "number": m.number.number,
            "year": m.number.year,
            "date": m.date,
            "venue": self.text(m.venue),
            "present": [self.person(p) for p in m.present],
            "absent": [self.person(p) for p in m.absent],
            "attending": [self.person(p) for p in m.attending],
            "start": m.start,
            "end": m.end,
            "opening": self.text(m.opening) if m.opening else None,
            "agenda": [
                {
                    "title": self.text(a.title),
                    "items": [self.sub_item(s) for s in a.items],
                    "resolution": self.text(a.resolution) if a.resolution else None,
                }
                for a in m.agenda
            ],
            "recorder": self.person(m.recorder),
            "checker": self.person(m.checker),
        }
