"""Model -> view data: what a template needs, with every ``${...}`` reference expanded and
every list numbered. Values stay values (dates, ints); templates format them with the
filters of :mod:`kbo_docs.render.filters`. Layout stays in the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import thai
from ..findings import InputError
from ..model import (
    BY_TEMPLATE, KINDS, Agency, Announcement, Circular, Invitation, Meeting, Memo, Order, Person, ProjectFile,
    Register, SubItem, number_parts,
)
from ..model.register import referenced_total
from ..refs import expand, meeting_scope, project_scope
from ..merge import Letter, file_stem, letters
from ..numbers import number_series


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

    @property
    def garuda(self) -> str | None:
        """``centre`` (กระดาษตราครุฑ), ``left`` (บันทึกข้อความ) or None (no Garuda)."""
        kind = BY_TEMPLATE.get(self.kind)
        return kind.garuda if kind else None

    @property
    def garuda_cm(self) -> float:
        """The Garuda's height: 3 cm on กระดาษตราครุฑ, 1.5 cm on กระดาษบันทึกข้อความ (ข้อ 71)."""
        return 1.5 if self.garuda == "left" else 3.0

    @property
    def xlsx(self) -> bool:
        kind = BY_TEMPLATE.get(self.kind)
        return bool(kind and kind.xlsx)


def label(style: str, index: int, digits: str = "thai") -> str:
    """A point's label in the chosen numbering style: ``๑.``, ``(๑)``, ``-`` or none."""
    n = thai.thai_digits(str(index)) if digits == "thai" else str(index)
    return {"๑.": f"{n}. ", "(๑)": f"({n}) ", "-": "- ", "none": ""}[style]


class Views:
    """Builds the view data of each document in a project file."""

    def __init__(self, project: ProjectFile) -> None:
        self.project = project
        self.digits = project.agency.digits
        self.scope = project_scope(project)
        self.local: dict[str, Any] = {}
        """Names of the document being built (an invitation's ``meeting.*``)."""

    def text(self, value: str, **local: Any) -> str:
        return expand(value, {**self.scope, **self.local, **local}, self.digits)

    def documents(self) -> list[Document]:
        """One document per item of every kind; ``Views.<kind name>(item)`` builds its data. A
        circular with recipients gives one document per recipient's letter (``group``: its id)."""
        docs: list[Document] = []
        for kind in KINDS:
            for item in getattr(self.project, kind.key):
                merged = letters(item, self.project, self.digits) if kind.name == "circular" else []
                width = max(2, len(str(len(merged))))
                docs += [self._letter(kind.template, file_stem(item.id, letter, width), item, letter) for letter in merged]
                if not merged:
                    docs.append(Document(kind.template, item.id, getattr(self, kind.name)(item), self.digits))
        return docs

    def _letter(self, template: str, doc_id: str, c: Circular, letter: Letter) -> Document:
        """One recipient's letter; a ``${row.x}`` without a value (rendered with ``--force``)
        fails that letter alone."""
        try:
            data = self.circular(c, letter)
        except KeyError as exc:
            name = exc.args[0] if exc.args else "?"
            return Document(template, doc_id, {}, self.digits, group=c.id, label=letter.label,
                            error=f"${{{name}}} ไม่มีค่า / ${{{name}}} has no value (see the check above)")
        return Document(template, doc_id, data, self.digits, group=c.id, label=letter.label)

    def agency(self, agency: Agency) -> dict[str, Any]:
        return {
            "name": agency.name or "",
            "issuer": agency.issuer or agency.name or "",
            "address": [self.text(line) for line in agency.address],
            "garuda_image": agency.garuda_image,
            "garuda_placeholder": False,
        }

    def issuer(self, typed: str | None) -> str:
        """The name after คำสั่ง / ประกาศ: as typed, else the agency's issuer or name."""
        agency = self.project.agency
        return typed or agency.issuer or agency.name or ""

    def number(self, number: Any) -> str:
        return number_parts(number, self.project.agency.reference_prefix).text

    def points(self, points: list[Any], style: str) -> list[dict[str, Any]]:
        return [
            {"label": label(style, i, self.digits), "text": self.text(a.text, deadline=a.deadline),
             "items": [self.text(t, deadline=a.deadline) for t in a.items]}
            for i, a in enumerate(points, start=1)
        ]

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
            "project": ({"name": self.project.project.name, "fiscal_year": self.project.project.fiscal_year}
                        if self.project.project else None),
            "number": self.number(c.number),
            "number_series": number_series(c.number, self.project.agency.reference_prefix),
            "letter_kind": c.kind,
            "recipients_all": text(c.recipient) if c.recipient else None,
            "date": c.date,
            "subject": text(c.subject),
            "salutation": (letter.salutation if letter else None) or c.salutation,
            "recipient": letter.name if letter else text(c.recipient or ""),
            "recipient_address": list(letter.address) if letter else [],
            "references": [text(r) for r in c.references],
            "enclosures": [
                {"title": text(e.title), "quantity": e.quantity, "unit": e.unit} for e in c.all_enclosures()
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
        from .measure import NBSP, REGISTER_SIZE_PT, REGISTER_TEXT_PT, fits, keep_short_words, register_columns, register_fractions

        totals = [r.total(c.key) for c in r.columns]  # each a sum over every row: once
        data = {
            "agency": self.agency(self.project.agency),
            "title": [self.text(t) for t in r.title],
            "row_label": r.row_label,
            "columns": [
                {"key": c.key, "title": c.title, "sum_of": c.sum_of, "target": c.target, "type": c.type,
                 "places": c.decimals, "unit": c.unit, "difference": c.difference,
                 "share_of": c.share_of.model_dump() if c.share_of else None}
                for c in r.columns
            ],
            "rows": [{"name": row.name, "values": [r.value(row, c.key) for c in r.columns],
                      "marks": [self.mark(r, c, row.values.get(c.key), self.expected(r, row, c)) for c in r.columns]}
                     for row in r.rows],
            "total_label": r.total_label,
            "totals": totals,
            "total_marks": [self.mark(r, c, r.totals.get(c.key), None if c.target else r.computed_total(c.key))
                            for c in r.columns],
            "baht_texts": [{"title": c.title, "total": total} for c, total in zip(r.columns, totals)
                           if c.baht_text and total is not None],
            "notes": [self.text(t) for t in r.notes],
        }
        # Column widths from the widest content, measured with the real font (all backends);
        # a table too wide for them is left to the PDF's own fitting (smaller, landscape:
        # kbo_docs.render.pdf) with automatic widths
        columns = register_columns(data, self.digits, distinct=True)
        data["widths"] = register_fractions(data, self.digits, columns=columns)
        data["fixed"] = fits(columns, REGISTER_TEXT_PT, REGISTER_SIZE_PT)
        # headers as printed: a number or letter tied to the word before it (DOCX: no-break
        # spaces; HTML: groups each kept on one line, the typed spaces kept)
        titles = [r.row_label] + [c.title for c in r.columns]
        units = [None] + [c.unit for c in r.columns]  # DOCX: on the title's line, HTML: below it
        data["headers"] = [keep_short_words(t) + (f" ({u})" if u else "") for t, u in zip(titles, units)]
        data["header_groups"] = [[g.replace(NBSP, " ") for g in keep_short_words(t).split(" ")] for t in titles]
        return data

    def expected(self, r: Register, row: Any, c: Any) -> Any:
        """What a typed cell should be: another register's total it equals, or its computation."""
        ref = row.equals.get(c.key)
        if ref is not None:
            return referenced_total(self.project.registers, ref)
        return r.computed_value(row, c.key) if c.computed else None

    @staticmethod
    def mark(r: Register, c: Any, typed: Any, expected: Any) -> dict[str, Any] | None:
        """A typed figure that disagrees with what it should be: marked in every format (PDF,
        DOCX, XLSX) with the figure it should be, rather than silently printed."""
        if typed is None or expected is None:
            return None
        kind = c.compare(typed, expected)
        return None if kind is None else {"kind": kind, "expected": c.rounded(expected)}

    def sub_item(self, sub: SubItem, style: str = "none", index: int = 0) -> dict[str, Any]:
        """A point, labelled in ``style`` (deeper points carry their own labels in their text)."""
        local = {"when": sub.when, "count": len(sub.items) if sub.items else None}
        return {"label": label(style, index, self.digits) if index else "", "text": self.text(sub.text, **local),
                "items": [self.sub_item(s) for s in sub.items],
                "resolution": self.text(sub.resolution) if sub.resolution else None}

    def points_of(self, m: Meeting, a: Any) -> list[dict[str, Any]]:
        style = a.numbering or m.numbering
        return [self.sub_item(s, style, i) for i, s in enumerate(a.items, start=1)]

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
            "start_label": m.start_label,
            "end_label": m.end_label,
            "weekday": m.weekday,
            "opening": self.text(m.opening) if m.opening else None,
            "agenda": [
                {
                    "title": self.text(a.title),
                    "items": self.points_of(m, a),
                    "resolution": self.text(a.resolution) if a.resolution else None,
                    "resolved": a.resolved,
                }
                for a in m.agenda
            ],
            "recorder": self.person(m.recorder),
            "checker": self.person(m.checker),
        }

    def memo(self, m: Memo) -> dict[str, Any]:
        agency = self.project.agency
        unit = list(m.unit) or [" ".join(agency.unit) or agency.name or ""]
        return {
            "agency": self.agency(agency),
            "unit": [self.text(u) for u in unit],
            "phone": None if m.unit else agency.contact.phone,
            "number": self.number(m.number),
            "date": m.date,
            "subject": self.text(m.subject),
            "salutation": m.salutation,
            "recipient": self.text(m.recipient),
            "body": [self.text(t) for t in m.body],
            "points_intro": self.text(m.points_intro) if m.points_intro else None,
            "points": self.points(m.points, m.numbering),
            "conclusion": [self.text(t) for t in m.conclusion],
            "signer": self.person(m.signer),
        }

    def order(self, o: Order) -> dict[str, Any]:
        return {
            "agency": self.agency(self.project.agency),
            "issuer": self.text(self.issuer(o.issuer)),
            "number": o.number.number,
            "year": o.number.year,
            "subject": self.text(o.subject),
            "preamble": [self.text(t) for t in o.preamble],
            "clauses": [
                {
                    "label": label("๑.", i, self.digits),
                    "text": self.text(c.text),
                    "members": [self.person(p) for p in c.members],
                    "duties_intro": c.duties_intro,
                    "duties": [self.text(d) for d in c.duties],
                }
                for i, c in enumerate(o.clauses, start=1)
            ],
            "after": [self.text(t) for t in o.after],
            "effective": o.effective,
            "date": o.date,
            "signer": self.person(o.signer),
        }

    def announcement(self, a: Announcement) -> dict[str, Any]:
        return {
            "agency": self.agency(self.project.agency),
            "issuer": self.text(self.issuer(a.issuer)),
            "subject": self.text(a.subject),
            "body": [self.text(t) for t in a.body],
            "points": self.points(a.points, a.numbering),
            "conclusion": [self.text(t) for t in a.conclusion],
            "date": a.date,
            "signer": self.person(a.signer),
        }

    def agenda(self, m: Meeting) -> dict[str, Any]:
        """ระเบียบวาระการประชุม: the meeting's heading and its agenda titles and points (no
        resolutions), from the same entry the minutes are written from."""
        return {
            "committee": self.text(m.committee),
            "number": m.number.number,
            "year": m.number.year,
            "date": m.date,
            "start": m.start,
            "venue": self.text(m.venue),
            "items": [{"title": self.text(a.title), "items": self.points_of(m, a)} for a in m.agenda],
        }

    def invitation(self, i: Invitation) -> dict[str, Any]:
        meeting = self.project.meeting(i.meeting)
        if meeting is None:  # INV001 reports it; even with --force there is no agenda to print
            raise InputError(f"{i.id}: ไม่มีการประชุม id '{i.meeting}' จึงสร้างระเบียบวาระไม่ได้ (INV001) / "
                             f"no meeting with id '{i.meeting}': the agenda cannot be made (INV001)")
        self.local = meeting_scope(meeting, self.digits)
        try:
            data = self.circular(i)
            data["agenda"] = self.agenda(meeting)
        finally:
            self.local = {}
        return data
