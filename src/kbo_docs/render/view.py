"""Model -> view data: what a template needs, with every ``${...}`` reference expanded and
every list numbered. Values stay values (dates, ints); templates format them with the
filters of :mod:`kbo_docs.render.filters`. Layout stays in the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Agency, Circular, Meeting, Person, ProjectFile, Register, SubItem
from ..refs import expand, project_scope


@dataclass
class Document:
    """One document to render: its kind (template name), id and view data."""

    kind: str
    id: str
    data: dict[str, Any]
    digits: str = "thai"


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
        docs = [Document("circular", c.id, self.circular(c), self.digits) for c in p.circulars]
        docs += [Document("register", r.id, self.register(r), self.digits) for r in p.registers]
        docs += [Document("minutes", m.id, self.meeting(m), self.digits) for m in p.meetings]
        return docs

    def agency(self, agency: Agency) -> dict[str, Any]:
        return {
            "name": agency.name,
            "issuer": agency.issuer or agency.name,
            "address": [self.text(line) for line in agency.address],
            "garuda_image": agency.garuda_image,
            "garuda_placeholder": False,
        }

    def person(self, person: Person | None) -> dict[str, Any] | None:
        if person is None:
            return None
        return {k: getattr(person, k) for k in ("name", "position", "role", "acting", "reason", "substitute_for")}

    def circular(self, c: Circular) -> dict[str, Any]:
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
            "date": c.date,
            "subject": self.text(c.subject),
            "salutation": c.salutation,
            "recipient": self.text(c.recipient),
            "references": [self.text(r) for r in c.references],
            "enclosures": [
                {"title": self.text(e.title), "quantity": e.quantity, "unit": e.unit} for e in c.enclosures
            ],
            "body": [self.text(t) for t in c.body],
            "actions_intro": self.text(c.actions_intro) if c.actions_intro else None,
            "actions": [
                {
                    "text": self.text(a.text, deadline=a.deadline),
                    "items": [self.text(i, deadline=a.deadline) for i in a.items],
                }
                for a in c.actions
            ],
            "conclusion": [self.text(t) for t in c.conclusion],
            "closing": c.closing,
            "signer": self.person(c.signer),
            "unit": c.unit or agency.unit,
            "contact": [{"label": label, "value": value} for label, value in contact_lines],
            "copies": [self.text(t) for t in c.copies],
        }

    def register(self, r: Register) -> dict[str, Any]:
        from .measure import NBSP, keep_short_words, register_fractions

        data = {
            "agency": self.agency(self.project.agency),
            "title": [self.text(t) for t in r.title],
            "row_label": r.row_label,
            "columns": [{"key": c.key, "title": c.title, "sum_of": c.sum_of, "target": c.target} for c in r.columns],
            "rows": [{"name": row.name, "values": [r.value(row, c.key) for c in r.columns]} for row in r.rows],
            "total_label": r.total_label,
            "totals": [r.total(c.key) for c in r.columns],
            "notes": [self.text(t) for t in r.notes],
        }
        # Column widths from the widest content, measured with the real font (all backends)
        data["widths"] = register_fractions(data, self.digits)
        # headers as printed: a number or letter tied to the word before it (DOCX: no-break
        # spaces; HTML: groups each kept on one line, the typed spaces kept)
        titles = [r.row_label] + [c.title for c in r.columns]
        data["headers"] = [keep_short_words(t) for t in titles]
        data["header_groups"] = [[g.replace(NBSP, " ") for g in keep_short_words(t).split(" ")] for t in titles]
        return data

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
