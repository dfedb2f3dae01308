"""The letter's number (``ที่ มท ๐๔๐๖.๒/ว ๑๒๓``) on typed letters, memos and circulars:
LNT016, and the document front end of CIR005 (ว on a circular to many recipients).

The shape offices use: a code of Thai letters (the ministry's or province's: มท, ลป, ชม), a
space, the owner's number (four digits with ``.n`` parts, ``๐๔๐๖.๒``; five for local
governments and some departments, ``๗๑๒๐๑``), a slash, ``ว`` for a circular, and the running
number. An order's or announcement's ``ที่ ๑๒๓/๒๕๖๘`` has no code and is not a letter number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..rules import circular as _circular  # noqa: F401  (registers CIR005)
from ..rules.registry import document_check, rule
from .context import DocContext, DocIssue
from .document import Document, Paragraph

ERROR = Severity.ERROR

_D = "[0-9๐-๙]"
_NUMBER_LINE = re.compile(
    rf"^ที่\s*(?P<number>(?P<code>[ก-ฮ]{{1,5}}\.?)?\s*(?P<owner>[0-9๐-๙.,]*{_D}[0-9๐-๙.,]*)?\s*"
    rf"(?P<slash>/)?\s*(?P<wor>ว\.?)?\s*(?P<run>{_D}*))(?=\s|$)"
)
_OWNER = re.compile(rf"^(?:{_D}{{4}}|{_D}{{5}})(?:\.{_D}{{1,3}})*$")
_ORDER = re.compile(rf"^ที่\s*{_D}+\s*/\s*(?:พ\.ศ\.\s*)?{_D}{{4}}(?!{_D})")


def letter_number(doc: Document, ctx: DocContext) -> tuple[Paragraph, re.Match[str]] | None:
    """The ``ที่ ...`` line of a letter or memo among its first paragraphs."""
    for p in ctx.head[:12]:
        if not p.text.startswith("ที่") or _ORDER.match(p.text):
            continue
        m = _NUMBER_LINE.match(p.text)
        if m and (m["code"] or m["owner"]) and (m["code"] or m["slash"]):
            return p, m
    return None


def _problem(m: re.Match[str]) -> tuple[str, str] | None:
    number = " ".join(m["number"].split())
    code, owner = (m["code"] or "").rstrip("."), m["owner"] or ""
    if not code or not 2 <= len(code) <= 4:
        return (f"เลขที่หนังสือไม่มีรหัสตัวอักษรของส่วนราชการ (เช่น มท, ลป): {number}",
                f"the letter number has no letter code of the office (such as มท, ลป): {number}")
    if not owner or not _OWNER.match(owner):
        return (f"รหัสเจ้าของเรื่องผิดรูป (ต้องเป็นเลข ๔ หรือ ๕ หลัก อาจมี .n ต่อท้าย): {number}",
                f"malformed owner number (four or five digits, optionally with .n parts): {number}")
    if not m["slash"]:
        return (f"เลขที่หนังสือไม่มีเครื่องหมาย / หน้าเลขทะเบียนส่ง: {number}",
                f"the letter number has no '/' before the running number: {number}")
    if not m["run"]:
        return (f"เลขที่หนังสือไม่มีเลขทะเบียนส่งหลังเครื่องหมาย /: {number}",
                f"the letter number has no running number after the '/': {number}")
    return None


@rule("LNT016", "letter-number", ERROR, "document")
def letter_number_shape(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A letter's number (``ที่ ...``) has the office's letter code, a four- or five-digit owner
    number (with ``.n`` parts), a slash and a running number.

    The shapes of ministries, provinces, districts and local governments all pass
    (``มท ๐๔๐๖.๒/ว ๑๒๓``, ``ลป ๐๐๑๙.๓/ว ๒๕๕๕๕``, ``นม ๗๑๒๐๑/๔๕๖``); an order's ``ที่ ๑๒/๒๕๖๘`` is
    not a letter number.

    Wrong: ``ที่ ชม ๐๐๑๘.๓/`` (no running number), ``ที่ ชม ๐๑๘.๓/๑๒๓`` (three-digit owner number).
    Right: ``ที่ ชม ๐๐๑๘.๓/๑๒๓``.
    """
    found_ = letter_number(doc, ctx)
    if found_ is None:
        return
    p, m = found_
    if re.search("[0-9]", m["number"]) and re.search("[๐-๙]", m["number"]):
        return  # TXT002
    problem = _problem(m)
    if problem:
        yield DocIssue(p.at(m.start("number")), *problem)


_MANY = re.compile(r"^(?:เรียน|กราบเรียน)\s.*(?:ทุก(?:อำเภอ|แห่ง|ท่าน|หน่วย|คน|จังหวัด|ตำบล|โรงเรียน|ส่วน|กอง|องค์กร|ภาค)|ตาม(?:บัญชี)?รายชื่อ(?:แนบท้าย|ที่แนบ)|ตามบัญชีแนบท้าย)")


@document_check("CIR005")
def circular_wor(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A letter to many recipients (``เรียน นายอำเภอ ทุกอำเภอ``, ``ตามบัญชีรายชื่อแนบท้าย``) is a
    circular: its number has ``ว`` after the slash."""
    found_ = letter_number(doc, ctx)
    if found_ is None:
        return
    p, m = found_
    if m["wor"] or not m["slash"] or not m["run"]:
        return
    if any(_MANY.match(q.text) for q in doc.paragraphs[:25]):
        number = " ".join(m["number"].split())
        yield DocIssue(
            p.at(m.start("number")),
            f"หนังสือเวียนถึงผู้รับหลายราย ต้องมี ว หลังเครื่องหมาย /: {number}",
            f"a circular to many recipients needs 'ว' after the slash: {number}",
        )
