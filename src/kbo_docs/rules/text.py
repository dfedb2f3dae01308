"""Rules over every piece of text in the file: scripts, digits, spaces, brackets, references."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from .. import checks, thai
from ..findings import Severity
from ..model import Action, Invitation, Node, ProjectFile, SubItem
from ..refs import MEETING_NAMES, REF_PATTERN, project_scope
from .context import Context
from .registry import Issue, in_text, issue, rule

ERROR, WARNING = Severity.ERROR, Severity.WARNING

# Fields that hold identifiers, keys or paths, not document text.
_NOT_TEXT = {"id", "key", "sum_of", "pool", "register_id", "weight", "cap", "method", "kind", "digits", "garuda_image",
             "meeting", "numbering"}


def iter_texts(node: Node) -> Iterator[tuple[Node, tuple[str | int, ...], str]]:
    """Every user-written string below ``node``: (owning object, path below it, text)."""
    for name in type(node).model_fields:
        if name in _NOT_TEXT or name == "noqa":
            continue
        yield from _walk(node, (name,), getattr(node, name))


def _walk(owner: Node, at: tuple[str | int, ...], value: Any) -> Iterator[tuple[Node, tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield owner, at, value
    elif isinstance(value, Node):
        yield from iter_texts(value)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(owner, (*at, i), item)


def local_names(node: Node) -> set[str]:
    """Reference names that text in ``node`` may use besides the project-wide ones."""
    if isinstance(node, Invitation):
        return set(MEETING_NAMES)
    if isinstance(node, Action) and node.deadline is not None:
        return {"deadline"}
    if isinstance(node, SubItem):
        return ({"when"} if node.when is not None else set()) | ({"count"} if node.items else set())
    return set()


def _without_refs(text: str) -> str:
    """``text`` with each ``${...}`` blanked out (same length, so offsets still hold)."""
    return REF_PATTERN.sub(lambda m: " " * len(m.group()), text)


@rule("TXT001", "foreign-script", ERROR, "text")
def foreign_script(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """No letters of other scripts (Devanagari, Lao, Khmer, ...) inside Thai text: they look
    alike on screen, print wrong and break search.

    Wrong: ``ถนนวชิรवारุฒิดำเนิน`` (वा and रु are Devanagari).
    Right: ``ถนนวชิราวุธดำเนิน``, typed with the Thai keyboard.
    """
    for node, at, text in ctx.texts:
        for word in checks.foreign_words(text):
            yield issue(node, *word.message(), *at, **in_text(text, word.start, word.end))


@rule("TXT002", "mixed-digits", ERROR, "text")
def mixed_digits(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """No number mixes Thai and Arabic digits.

    Wrong: ``ปี 25๖๘``.
    Right: ``ปี ๒๕๖๘`` (or ``2568`` in an Arabic-digit document).
    """
    for node, at, text in ctx.texts:
        for start, end, raw in checks.mixed_digit_numbers(_without_refs(text)):
            yield issue(node, *checks.mixed_digits_message(raw), *at, **in_text(text, start, end))


@rule("TXT003", "double-space", WARNING, "text")
def double_space(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """No doubled spaces inside a text (layout comes from the template, not from spaces).

    The wide gap after a heading word opening a line (``เรียน  นายอำเภอ``, ``อ้างถึง``,
    ``สิ่งที่ส่งมาด้วย``, ``เรื่อง``, ``ที่``) is the letter's layout convention and is not
    reported; in a typed document, nor is a run of three or more spaces that aligns columns.

    Wrong: ``นายเจริญ  สีวาโย``.
    Right: ``นายเจริญ สีวาโย``.
    """
    for node, at, text in ctx.texts:
        spans = checks.doubled_spaces(text)
        if spans:
            start, end = checks.doubled_space_context(text, spans[0])
            yield issue(node, *checks.doubled_space_message(text[start:end]), *at, **in_text(text, start, end))


@rule("TXT004", "unbalanced-brackets", WARNING, "text")
def unbalanced_brackets(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """Brackets open and close in pairs within a text.

    Wrong: ``(Knowledge-Based OTOP : KBO``.
    Right: ``(Knowledge-Based OTOP : KBO)``.
    """
    for node, at, text in ctx.texts:
        if not checks.brackets_balanced(text):
            text = checks.LIST_NUMBER.sub(" ", text)
            yield issue(node, f"วงเล็บไม่ครบคู่: '{text[:60]}'", f"unbalanced brackets: '{text[:60]}'", *at)


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional embeddings, overrides and isolates: U+202E prints the text after it reversed."""


_MAYBE_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef"
                                "\ufffe\uffff\ud800-\udfff\U00010000-\U0010ffff]")
"""Every character :func:`unprintable` may report (and a line break, and every character
beyond the first plane), so that text without any of them is passed at once."""


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` no document may hold, as ``U+XXXX``: control characters but
    line break and tab, noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF), lone surrogates, and the
    bidirectional controls."""
    bad: set[int] = set()
    if not _MAYBE_UNPRINTABLE.search(text):  # the usual text: nothing to look at letter by letter
        return []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t" or (code < 0xFDD0 and 0x20 <= code < 0x7F):
            continue
        category = unicodedata.category(ch)
        if (category in ("Cc", "Cs") or ch in _BIDI_CONTROLS or 0xFDD0 <= code <= 0xFDEF
                or (code & 0xFFFE) == 0xFFFE):
            bad.add(code)
    return [f"U+{code:04X}" for code in sorted(bad)]


@rule("TXT005", "control-character", ERROR, "text")
def control_character(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """No control characters in text (they cannot be printed, and DOCX cannot hold most of
    them), no noncharacters (U+FFFE, U+FFFF) and no bidirectional overrides (U+202E prints the
    text after it reversed). ``render --force`` refuses them too: they never reach a document.

    Line breaks and tabs are allowed (a ``|`` block keeps them).

    Wrong: ``"เรื่อง\\x07ทดสอบ"`` (an escaped BEL in a quoted YAML string), ``"\\u202eเรื่อง"``.
    Right: ``"เรื่อง ทดสอบ"``.
    """
    for node, at, text in ctx.texts:
        bad = unprintable(text)
        if bad:
            yield issue(node, f"มีอักขระควบคุมหรืออักขระที่พิมพ์ไม่ได้ {', '.join(bad)} ให้ลบออก",
                        f"control characters {', '.join(bad)} (control, noncharacter or bidirectional override "
                        "characters cannot be printed): delete them", *at)


@rule("TXT006", "unknown-reference", ERROR, "text")
def unknown_reference(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """Every ``${name}`` in text names a value the file has (see :mod:`kbo_docs.refs`).

    Wrong: ``จำนวน ${kbo68.total.targets} ผลิตภัณฑ์`` (no column ``targets``).
    Right: ``จำนวน ${kbo68.total.target} ผลิตภัณฑ์``.
    """
    scope = {name for name, value in project_scope(project).items() if value is not None}
    for node, at, text in ctx.texts:
        names = scope | local_names(node)
        for m in REF_PATTERN.finditer(text):
            name = (m.group(1) or "").strip()
            if name.startswith("row.") and node.path[:1] == ("circulars",):
                continue  # a letter's own row: CIR012
            if m.group(1) is not None and name not in names:
                yield issue(node, f"ไม่รู้จักการอ้างอิง ${{{name}}}", f"unknown reference ${{{name}}}", *at,
                            **in_text(text, m.start(), m.end()))


_LATIN_BEFORE = re.compile(r"[A-Za-z][-–]?$")  # COVID-19, ISO9001: part of a Latin name


@rule("TXT007", "arabic-digits-in-prose", WARNING, "text")
def arabic_digits_in_prose(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """In a Thai-digit document (``agency.digits: thai``), numbers in text are written with Thai digits.

    Digits inside a Latin name (``COVID-19``) and inside ``${...}`` references are not prose.

    Wrong: ``ระดับ 1 - 3 ดาว``.
    Right: ``ระดับ ๑ - ๓ ดาว``, or ``agency.digits: arabic`` for an Arabic-digit office.
    """
    if project.agency.digits != "thai":
        return
    for node, at, text in ctx.texts:
        plain = _without_refs(text)
        arabic = [
            (start, end, raw) for start, end, raw in thai.find_numbers(plain)
            if not re.search("[๐-๙]", raw) and not _LATIN_BEFORE.search(plain[:start])
        ]
        if arabic:
            shown = ", ".join(raw for _s, _e, raw in arabic[:3])
            yield issue(node, f"ใช้เลขอารบิกในเอกสารเลขไทย: {shown}", f"Arabic digits in a Thai-digit document: {shown}", *at,
                        **in_text(text, arabic[0][0], arabic[0][1]))


_EDGE = re.compile(r"^[ \t\r\n]*|[ \t\r\n]*$")


@rule("TXT008", "spaces-around-text", WARNING, "text")
def spaces_around_text(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """Spaces or tabs typed before or after a text, and tabs inside it, are not printed as typed:
    a text is printed from its first letter to its last (the layout indents paragraphs itself),
    and a tab prints as one space in the PDF. A line break that ends a ``|`` block is not
    reported.

    Wrong: ``title: "    แบบรายงานผล"``, ``name: "นายเจริญ\\tสีวาโย"`` (a tab to line up columns).
    Right: ``title: แบบรายงานผล``; for columns use a table (a register) or a list field.
    """
    look_up = ctx.loaded.typed_spaces
    for node, at, text in ctx.texts:
        spaces, tab = "", "\t" in text
        if look_up and text:
            typed = ctx.loaded.typed((*node.path, *at))
            if isinstance(typed, str) and typed != text and typed.strip() == text:
                spaces = "".join(_EDGE.findall(typed))
        if not (" " in spaces or "\t" in spaces or tab):
            continue
        th, en = [], []
        if " " in spaces or "\t" in spaces:
            th.append("ช่องว่างหรือแท็บหน้าหรือหลังข้อความจะไม่ถูกพิมพ์ (การจัดหน้าเยื้องย่อหน้าให้เอง)")
            en.append("spaces or tabs before or after the text are not printed (the layout indents paragraphs itself)")
        if tab:
            th.append("แท็บในข้อความพิมพ์เป็นช่องว่างเดียวใน PDF")
            en.append("a tab inside the text prints as one space in the PDF")
        yield issue(node, "; ".join(th) + " ให้ลบออก ถ้าต้องการจัดเป็นคอลัมน์ให้ใช้ตาราง (ทะเบียน) หรือรายการ",
                    "; ".join(en) + ": remove them; for columns use a table (a register) or a list field", *at)


_PRINTS_AGENCY = {
    "circulars": lambda item: True,
    "invitations": lambda item: True,
    "memos": lambda item: not item.unit,
    "orders": lambda item: not item.issuer,
    "announcements": lambda item: not item.issuer,
}


@rule("PRJ001", "agency-where-printed", ERROR, "project")
def agency_where_printed(project: ProjectFile, ctx: Context) -> Iterator[Issue]:
    """The agency's name is given when a document prints it: a letter's heading, a memo's
    ส่วนราชการ line (unless the memo gives its own ``unit``), the name after คำสั่ง / ประกาศ
    (unless the document gives its own ``issuer``). A file of registers or minutes needs neither
    ``agency`` nor ``project``.

    Wrong: no ``agency: {name: ...}`` in a file with a circular.
    Right: ``agency: {name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง}``.
    """
    if project.agency.name:
        return
    for key, prints in _PRINTS_AGENCY.items():
        for item in getattr(project, key):
            if prints(item):
                yield issue(item, f"{item.id}: พิมพ์ชื่อส่วนราชการ แต่ไม่ได้ระบุ agency.name",
                            f"{item.id} prints the agency's name, but agency.name is not given", "id")
