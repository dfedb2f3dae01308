"""Rules over circulars and external letters: number, dates, deadlines, enclosures, closing."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .. import checks, thai
from ..findings import Severity
from ..model import Circular, LetterNumber, Node, RecipientSource, number_parts
from .context import Context
from .registry import Issue, in_text, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def _texts(c: Circular) -> Iterator[tuple[Node, tuple[str | int, ...], str]]:
    """The circular's running text with where each piece stands."""
    for i, text in enumerate(c.body):
        yield c, ("body", i), text
    if c.actions_intro:
        yield c, ("actions_intro",), c.actions_intro
    for action in c.actions:
        yield action, ("text",), action.text
        for j, text in enumerate(action.items):
            yield action, ("items", j), text
    for i, text in enumerate(c.conclusion):
        yield c, ("conclusion", i), text


@rule("CIR001", "date-in-fiscal-year", WARNING, "circular")
def date_in_fiscal_year(c: Circular, ctx: Context) -> Iterator[Issue]:
    """The letter's date lies in the project's fiscal year. A warning, since a letter may be
    sent ahead of its year; an error when its own deadlines, inside the fiscal year, fall on or
    before that date: then the date is the slip (and CIR002 stays quiet about those deadlines).

    Wrong: a ปีงบประมาณ ๒๕๖๘ circular dated ๖ ธันวาคม ๒๕๖๘ (fiscal year ๒๕๖๙) asking for replies
    by ๒๐ ธันวาคม ๒๕๖๗.
    Right: dated ๖ ธันวาคม ๒๕๖๗. A letter sent ahead of the year is allowed: silence with ``noqa``.
    """
    problem = checks.letter_date_outside(c.date, ctx.fiscal_year) if ctx.fiscal_year else None
    if not problem:
        return
    th, en = problem
    before = sorted({day for _, _, day, _ in _deadlines(c) if _date_is_the_slip(c, ctx, day)})
    if not before:
        yield issue(c, th, en, "date")
        return
    n = len(before)
    listed_th = ", ".join(thai.format_date(d) for d in before)
    listed_en = ", ".join(checks.en_date(d) for d in before)
    th += f" และกำหนดส่งในหนังสือ ({listed_th}) มาก่อนวันที่นี้ จึงน่าจะพิมพ์วันที่หนังสือผิด"
    en += f", and the letter's own deadline{'s' if n > 1 else ''} ({listed_en}) come{'' if n > 1 else 's'} before it: the date is probably mistyped"
    fixed = [d for d in checks.same_day_other_years(c.date) if checks.in_fiscal_years(d, ctx.fiscal_year) and d < before[0]]
    if fixed:
        th += f" (หมายถึง {thai.format_date(fixed[-1])} หรือไม่)"
        en += f" (did you mean {checks.en_date(fixed[-1])}?)"
    yield issue(c, th, en, "date", severity=ERROR)


def _date_is_the_slip(c: Circular, ctx: Context, deadline: dt.date) -> bool:
    """The letter's date, outside the fiscal year, is the cause of a deadline not after it."""
    return (deadline <= c.date and checks.in_fiscal_years(deadline, ctx.fiscal_year)
            and not checks.in_fiscal_years(c.date, ctx.fiscal_year))


def _deadlines(c: Circular) -> Iterator[tuple[Node, tuple[str | int, ...], dt.date, dict[str, str]]]:
    """Deadlines: (where, path below it, date, where in the text it was typed, if it was)."""
    for action in c.actions:
        if action.deadline is not None:
            yield action, ("deadline",), action.deadline, {}
    for node, at, text in _texts(c):
        for start, end, day in checks.deadlines(text):
            yield node, at, day, in_text(text, start, end)


@rule("CIR002", "deadline-after-date", ERROR, "circular")
def deadline_after_date(c: Circular, ctx: Context) -> Iterator[Issue]:
    """Every deadline (``deadline:`` or ``ภายในวันที่ ...`` in the text) falls after the letter date.

    Wrong: a letter of ๖ ธันวาคม ๒๕๖๗ asking for replies ภายในวันที่ ๒๐ พฤศจิกายน ๒๕๖๗.
    Right: ``deadline: ๒๐ ธันวาคม ๒๕๖๗`` and ``ภายในวันที่ ${deadline}`` in the text.
    """
    for node, at, day, words in _deadlines(c):
        problem = checks.deadline_not_after(day, c.date)
        if problem and not _date_is_the_slip(c, ctx, day):  # else CIR001 names the date as the cause
            yield issue(node, *problem, *at, **words)


@rule("CIR003", "deadline-in-fiscal-year", ERROR, "circular")
def deadline_in_fiscal_year(c: Circular, ctx: Context) -> Iterator[Issue]:
    """Every deadline falls inside the project's fiscal year.

    Wrong: ``ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๘`` in a ปีงบประมาณ ๒๕๖๘ letter of ๖ ธันวาคม ๒๕๖๗ (a year late).
    Right: ``ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗``.
    """
    for node, at, day, words in _deadlines(c):
        problem = checks.deadline_outside(day, ctx.fiscal_year, letter_date=c.date) if ctx.fiscal_year else None
        if problem:
            yield issue(node, *problem, *at, **words)


enclosure_numbers = checks.enclosure_numbers  # kept for importers of the old name


@rule("CIR004", "enclosure-exists", ERROR, "circular")
def enclosure_exists(c: Circular, ctx: Context) -> Iterator[Issue]:
    """Every enclosure the text refers to (``สิ่งที่ส่งมาด้วย ๒ - ๓``) is listed under ``enclosures``.

    Wrong: ``(สิ่งที่ส่งมาด้วย ๔)`` with three enclosures.
    Right: list the fourth enclosure, or refer to one of the three.
    """
    for node, at, text in _texts(c):
        for number in checks.enclosure_numbers(text):
            problem = checks.missing_enclosure(number, len(c.all_enclosures()))
            if problem:
                yield issue(node, *problem, *at)


_NUMBER_SHAPE = re.compile(r"^[ก-ฮ]{2,}\.?\s[0-9๐-๙]{4}(?:\.[0-9๐-๙]+)*/(?:ว\s)?[0-9๐-๙]+$")


@rule("CIR005", "circular-number", ERROR, "circular")
def circular_number(c: Circular, ctx: Context) -> Iterator[Issue]:
    """A circular's number has ``ว`` right after the slash; an ordinary letter's has none.

    Wrong: ``kind: circular`` with ``number: ลป ๐๐๑๙.๓/๒๕๕๕``.
    Right: ``number: ลป ๐๐๑๙.๓/ว ๒๕๕๕``.
    """
    parts = number_parts(c.number, ctx.project.agency.reference_prefix)
    text, at = parts.text, _number_at(c)
    if parts.typed is not None and "/" not in text:
        yield issue(c, f"เลขที่หนังสือไม่มี '/': {text}", f"letter number has no '/': {text}", *at)
    elif c.kind == "circular" and not parts.circular:
        yield issue(c, f"หนังสือเวียนต้องมี ว หลังเครื่องหมาย /: {text}", f"a circular's number needs 'ว' after the slash: {text}", *at)
    elif c.kind == "letter" and parts.circular:
        yield issue(c, f"หนังสือที่ไม่ใช่หนังสือเวียนไม่ใช้ ว: {text}", f"only circulars are numbered with 'ว': {text}", *at)


def _number_at(c: Circular) -> tuple[str, ...]:
    """Where the number's circular flag stands: its own key when typed as parts."""
    return ("number", "circular") if isinstance(c.number, LetterNumber) and "circular" in c.number.model_fields_set else ("number",)


@rule("CIR006", "number-shape", WARNING, "circular")
def number_shape(c: Circular, ctx: Context) -> Iterator[Issue]:
    """The number has the usual shape: letter code, a space, a 4-digit owner code (with ``.n``
    parts), a slash, then (``ว`` and a space for circulars) the running number.

    The series alone (``ลป ๐๐๑๙.๓/ว``) is a number still to be taken from the numbering
    register when the letter is rendered (``--number-register``).

    Wrong: ``ลป ๐๐๑๙๓/ว ๒๕๕๕๕`` (five-digit owner code), ``ลป๐๐๑๙.๓/ว๒๕๕๕`` (no spaces).
    Right: ``ลป ๐๐๑๙.๓/ว ๒๕๕๕๕``, or ``ลป ๐๐๑๙.๓/ว`` to be numbered from the register.
    """
    parts = number_parts(c.number, ctx.project.agency.reference_prefix)
    if parts.running is None and "/" in parts.text:
        return  # CIR010 says what is missing
    if not _NUMBER_SHAPE.match(parts.text):
        where = ("number", "owner") if isinstance(c.number, LetterNumber) and c.number.owner else ("number",)
        yield issue(
            c, f"รูปแบบเลขที่หนังสือไม่ตรงแบบ (รหัส ๒ ตัวอักษร เว้นวรรค เลข ๔ หลัก/เลขทะเบียน): {parts.text}",
            f"unusual letter number shape (code, space, 4-digit owner number, '/', running number): {parts.text}", *where,
        )


@rule("CIR010", "running-number", WARNING, "circular")
def running_number(c: Circular, ctx: Context) -> Iterator[Issue]:
    """The number has its running number (เลขทะเบียนหนังสือส่ง) after the slash. Left empty while
    the letter is drafted, it must be filled in before the letter is sent.

    Wrong: ``number: ลป ๐๐๑๙.๓/ว`` or ``number: {owner: ลป ๐๐๑๙.๓, circular: true}``.
    Right: ``number: ลป ๐๐๑๙.๓/ว ๒๕๕๕`` or ``number: {owner: ลป ๐๐๑๙.๓, circular: true, running: ๒๕๕๕}``.
    """
    yield from running_number_missing(c, c.number, ctx)


def running_number_missing(node: Node, number: object, ctx: Context) -> Iterator[Issue]:
    """The finding for a number without its running number (circulars, memos)."""
    parts = number_parts(number, ctx.project.agency.reference_prefix)  # type: ignore[arg-type]
    if parts.running is None:
        yield issue(
            node, f"ยังไม่มีเลขทะเบียนหนังสือส่งหลังทับ: ที่ {parts.text} (ขอเลขจากงานสารบรรณแล้วใส่)",
            f"the running number after the slash is missing: {parts.text} (get it from the outgoing register)", "number",
        )


_PAIRS = checks.SALUTATION_CLOSINGS


@rule("CIR007", "salutation-closing", ERROR, "circular")
def salutation_closing(c: Circular, ctx: Context) -> Iterator[Issue]:
    """The closing (คำลงท้าย) matches the salutation (คำขึ้นต้น): เรียน / ขอแสดงความนับถือ,
    กราบเรียน / ขอแสดงความนับถืออย่างยิ่ง, นมัสการ / ขอนมัสการด้วยความเคารพ.

    Wrong: ``salutation: เรียน`` with ``closing: ขอแสดงความนับถืออย่างยิ่ง``.
    Right: ``salutation: เรียน`` with ``closing: ขอแสดงความนับถือ``.
    """
    expected = _PAIRS.get(c.salutation)
    where = "closing" if "closing" in c.model_fields_set else "salutation"
    if expected is None:
        yield issue(c, f"คำขึ้นต้นที่ไม่รู้จัก: {c.salutation}", f"unknown salutation: {c.salutation} (one of {', '.join(_PAIRS)})", "salutation")
    elif problem := checks.closing_mismatch(c.salutation, c.closing):
        yield issue(c, *problem, where)


_ACTING = ("ปฏิบัติราชการแทน", "รักษาราชการแทน", "รักษาการแทน", "ปฏิบัติหน้าที่แทน")


@rule("CIR008", "acting-line", ERROR, "circular")
def acting_line(c: Circular, ctx: Context) -> Iterator[Issue]:
    """An acting line under the signer's position starts with ปฏิบัติราชการแทน, รักษาราชการแทน,
    รักษาการแทน or ปฏิบัติหน้าที่แทน, followed by the owner's position.

    Wrong: ``acting: แทนผู้ว่าราชการจังหวัดลำปาง``.
    Right: ``acting: ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดลำปาง``.
    """
    acting = c.signer.acting if c.signer else None
    if c.signer is None or acting is None:
        return
    phrase = next((p for p in _ACTING if acting.startswith(p)), None)
    if phrase is None:
        yield issue(c.signer, f"บรรทัดลงนามแทนต้องขึ้นต้นด้วย {' / '.join(_ACTING)}: {acting}", f"acting line must start with one of the acting phrases: {acting}", "acting")
    elif not acting[len(phrase):].strip():
        yield issue(c.signer, f"บรรทัดลงนามแทนไม่มีตำแหน่งเจ้าของหนังสือ: {acting}", f"acting line names no position: {acting}", "acting")


@rule("CIR009", "enclosure-register", ERROR, "circular")
def enclosure_register(c: Circular, ctx: Context) -> Iterator[Issue]:
    """An enclosure that names a register (``register: <id>``) names one in this file.

    Wrong: ``register: kbo-2568`` when the register's id is ``kbo-68``.
    Right: ``register: kbo-68``.
    """
    for enclosure in c.enclosures:
        if enclosure.register_id and ctx.project.register(enclosure.register_id) is None:
            yield issue(enclosure, f"ไม่มีทะเบียน id '{enclosure.register_id}'", f"no register with id '{enclosure.register_id}'", "register")



@rule("CIR011", "recipient-name", ERROR, "circular")
def recipient_name(c: Circular, ctx: Context) -> Iterator[Issue]:
    """Every recipient of a letter sent to many has a name: it is the letter's เรียน line.

    Wrong: ``recipients: [{name: นายอำเภอเมืองลำปาง}, {address: ถนนพหลโยธิน}]``.
    Right: ``recipients: [{name: นายอำเภอเมืองลำปาง}, {name: นายอำเภองาว, address: ถนนพหลโยธิน}]``.
    """
    if isinstance(c.recipients, list):
        for i, r in enumerate(c.recipients):
            if not r.name:
                yield issue(c, f"ผู้รับลำดับที่ {i + 1} ไม่มีชื่อ (บรรทัดเรียน)",
                            f"recipient {i + 1} has no name (the เรียน line)", "recipients", i)


@rule("CIR012", "row-reference", ERROR, "circular")
def row_reference(c: Circular, ctx: Context) -> Iterator[Issue]:
    """``${row.<column>}`` names a column every recipient's row has, and only a letter with
    ``recipients`` uses it.

    Wrong: ``เป้าหมาย ${row.targets} ผลิตภัณฑ์`` (the register's column is ``target``).
    Right: ``เป้าหมาย ${row.target} ผลิตภัณฑ์``, with ``recipients: {register: kbo68-allocation}``.
    """
    from ..merge import ROW, letters, row_names
    from ..refs import REF_PATTERN
    from .text import iter_texts

    known = row_names(c, ctx.project)
    merged = letters(c, ctx.project) if known else []
    for node, at, text in iter_texts(c):
        for m in REF_PATTERN.finditer(text):
            name = (m.group(1) or "").strip()
            if m.group(1) is None or not name.startswith(ROW):
                continue
            where = in_text(text, m.start(), m.end())
            if known is None:
                yield issue(node, f"${{{name}}} ใช้ได้เฉพาะหนังสือที่มี recipients",
                            f"${{{name}}} needs recipients: this letter has none", *at, **where)
            elif name not in known:
                shown = ", ".join(sorted(k.removeprefix(ROW) for k in known))
                yield issue(node, f"ไม่มีคอลัมน์ {name.removeprefix(ROW)} ในแถวของผู้รับ (มี: {shown})",
                            f"no column {name.removeprefix(ROW)} in the recipients' rows (columns: {shown})", *at, **where)
            else:
                empty = [letter.label for letter in merged if letter.row.get(name) is None]
                if empty:
                    listed = ", ".join(empty[:5]) + (" ..." if len(empty) > 5 else "")
                    yield issue(node, f"${{{name}}} ไม่มีค่าในแถวของ {listed}",
                                f"${{{name}}} has no value for {listed}", *at, **where)


@rule("CIR013", "recipients-register", ERROR, "circular")
def recipients_register(c: Circular, ctx: Context) -> Iterator[Issue]:
    """Recipients bound to a register (``recipients: {register: <id>}``) name one in this file.

    Wrong: ``recipients: {register: kbo-2568}`` when the register's id is ``kbo68-allocation``.
    Right: ``recipients: {register: kbo68-allocation}``.
    """
    source = c.recipients
    if isinstance(source, RecipientSource):
        if not source.register_id:
            yield issue(c, "recipients ต้องระบุ register", "recipients needs a register (or a list of recipients)", "recipients")
        elif ctx.project.register(source.register_id) is None:
            ids = ", ".join(r.id for r in ctx.project.registers) or "-"
            yield issue(source, f"ไม่มีทะเบียน id '{source.register_id}' (มี: {ids})",
                        f"no register with id '{source.register_id}' (registers: {ids})", "register")
