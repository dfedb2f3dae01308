"""Explain a YAML syntax error the way a clerk can act on it.

PyYAML's own words (``mapping values are not allowed here``, ``expected <block end>, but found
'<block mapping start>'``) name the parser's state, not the typing slip. This module finds the
slip by trying the repairs a clerk could make near the error — replace a tab, put the text in
quotes, close a quote, indent the line like its neighbour, add the missing ``:`` — on the error
line and the lines just above it, re-parsing the text after each. The repair that gets the
parser furthest (best: the whole file parses) names the cause, and the message shows the
repaired line, so following the hint is known to work: it was tried before it was offered.

Each candidate parse runs on text no larger than the input (which the loader has already
bounded), and at most a fixed number of candidates is tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from . import thai

_MAX_CANDIDATES = 40
_LINES_ABOVE = 3


@dataclass(frozen=True)
class Repair:
    line: int
    """1-based line that the repair rewrites."""
    new: str
    """The repaired line, as the clerk should type it."""
    cause: str
    """One of: tab, unclosed_quote, colon_in_text, special_start, indent, missing_colon."""
    reach: float
    """How far the parser got afterwards: the next error's line, or inf when the file parses."""


@dataclass
class Explained:
    message: str
    line: int
    column: int
    context: list[str] = field(default_factory=list)
    fix: Repair | None = None


_CAUSES = {
    "tab": (
        "ใช้แท็บ (Tab) ย่อหน้า ซึ่ง YAML ไม่รับ ต้องย่อหน้าด้วยการเคาะช่องว่างเท่านั้น",
        "a tab is used to indent; YAML indents with spaces only",
    ),
    "unclosed_quote": (
        "เปิดเครื่องหมายคำพูดแล้วไม่ได้ปิด ต้องมีเครื่องหมายคำพูดปิดท้ายข้อความในบรรทัดเดียวกัน",
        "a quote is opened but not closed; close it at the end of the text",
    ),
    "colon_in_text": (
        "ข้อความมีเครื่องหมาย \": \" ซึ่ง YAML อ่านเป็นคีย์ใหม่ ต้องครอบข้อความทั้งหมดด้วยเครื่องหมายคำพูด",
        "the text contains ': ', which YAML reads as a new key; put the whole text in quotes",
    ),
    "special_start": (
        "ข้อความขึ้นต้นด้วยอักขระพิเศษของ YAML ต้องครอบข้อความทั้งหมดด้วยเครื่องหมายคำพูด",
        "the text starts with a character YAML reserves; put the whole text in quotes",
    ),
    "indent": (
        "ย่อหน้าไม่ตรงกับบรรทัดข้างบน คีย์ในชุดเดียวกันต้องเริ่มที่คอลัมน์เดียวกัน",
        "the indentation does not match the lines above; keys of one group start in the same column",
    ),
    "unclosed_bracket": (
        "เปิดวงเล็บเหลี่ยม [ แล้วไม่ได้ปิด ต้องมี ] ปิดท้ายรายการในบรรทัดเดียวกัน",
        "a '[' is opened but not closed; close the list with ']' on the same line",
    ),
    "missing_colon": (
        "ขาดเครื่องหมาย \":\" หลังชื่อคีย์",
        "a ':' is missing after the key",
    ),
}

_FALLBACK = (
    "ตรวจการย่อหน้า เครื่องหมายคำพูด และเครื่องหมาย \":\" ในบรรทัดนี้และบรรทัดข้างบน",
    "malformed YAML",
)


def _error_line(text: str) -> float:
    """Line of the first syntax error in ``text`` (1-based), or inf when it parses."""
    try:
        yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark else 0
    except (yaml.YAMLError, RecursionError):
        return 0
    return float("inf")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_KEY = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"][^:#]*?):(?:\s+|$)(?P<value>.*)$")
_ITEM = re.compile(r"^(?P<lead>\s*-\s+)(?P<value>.*)$")


def _quote(value: str) -> str:
    value = value.rstrip()
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _candidates(lines: list[str], at: int, context_line: int | None) -> list[tuple[int, str, str]]:
    """(line, repaired text, cause) for the error line ``at`` (1-based) and a few lines above."""
    out: list[tuple[int, str, str]] = []
    targets = []
    odd = next((k for k in range(at, 0, -1) if _odd_quotes(lines[k - 1])), None) if at <= len(lines) else None
    for n in [odd, context_line, at, *range(at - 1, max(0, at - 1 - _LINES_ABOVE), -1)]:
        if n and 1 <= n <= len(lines) and n not in targets and lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#"):
            targets.append(n)
    for n in targets:
        line = lines[n - 1]
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            for width in (2, 4):
                out.append((n, lead.replace("\t", " " * width) + line.lstrip(" \t"), "tab"))
        if _odd_quotes(line):
            body = line.split(" #")[0]  # the quote _odd_quotes found unpaired: a comment's do not count
            mark = '"' if body.count('"') % 2 == 1 else "'"
            opened = body.index(mark)
            # close it where a flow entry ends (", key:" or "]" / "}"), or at the end of the line
            for m in re.finditer(r"(?=,\s*[^\s,\[\]{}]+\s*:\s)|(?=\s*[\]}])", line[opened + 1:]):
                at_ = opened + 1 + m.start()
                out.append((n, line[:at_] + mark + line[at_:], "unclosed_quote"))
            out.append((n, line.rstrip() + mark, "unclosed_quote"))
        if line.count("[") > line.count("]"):
            out.append((n, line.rstrip() + "]" * (line.count("[") - line.count("]")), "unclosed_bracket"))
        m = _KEY.match(line) or _ITEM.match(line)
        if m and m["value"] and m["value"][0] not in "\"'|>[{":
            cause = "colon_in_text" if ": " in m["value"] or m["value"].endswith(":") else "special_start"
            out.append((n, m["lead"] + (f"{m['key']}: " if "key" in m.groupdict() and m["key"] else "") + _quote(m["value"]), cause))
        # indentation like one of the lines above (nearest first)
        levels: list[int] = []
        for k in range(n - 1, 0, -1):
            above = lines[k - 1]
            if above.strip() and not above.lstrip().startswith("#"):
                level = _indent(above.replace("\t", "  "))
                if above.lstrip().startswith("- "):
                    levels.append(level + 2)
                if level not in levels:
                    levels.append(level)
            if len(levels) >= 4:
                break
        for level in levels:
            if level != _indent(line):
                out.append((n, " " * level + line.lstrip(" \t"), "indent"))
        word = re.match(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*)(\s+)(\S.*)$", line)
        if word and ":" not in word[2]:
            out.append((n, f"{word[1]}{word[2]}: {word[4]}", "missing_colon"))
    return out[:_MAX_CANDIDATES]


def _odd_quotes(line: str) -> bool:
    body = line.split(" #")[0]
    return body.count('"') % 2 == 1 or (body.count("'") % 2 == 1 and re.search(r"(:\s+|-\s+)'", body) is not None)


def _best_repair(text: str, at: int, context_line: int | None) -> Repair | None:
    lines = text.split("\n")
    best: Repair | None = None
    for n, new, cause in _candidates(lines, at, context_line):
        trial = lines.copy()
        trial[n - 1] = new
        reach = _error_line("\n".join(trial))
        if reach <= at:
            continue
        if best is None or reach > best.reach:
            best = Repair(n, new, cause, reach)
    return best


def _quote_line(lines: list[str], number: int, column: int | None = None) -> list[str]:
    """The line as ``  12 | text`` and, when a column is given, a caret under it.
    The caret is placed by display width: Thai vowel and tone marks take no column."""
    if not 1 <= number <= len(lines):
        return []
    text = lines[number - 1].replace("\t", "→")
    shown = [f"{number:>5} | {text}"]
    if column is not None:
        pad = thai.display_width(text[:column])
        shown.append(f"{'':>5} | {' ' * pad}^")
    return shown


def explain(text: str, exc: yaml.MarkedYAMLError) -> Explained:
    """The clerk's message for a YAML syntax error in ``text``: a Thai cause, the English one,
    the line and column, the offending line (and the one above when the slip is there) quoted
    with a caret, and the repaired line to type."""
    lines = text.split("\n")
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    mark = problem_mark or context_mark
    at = mark.line + 1 if mark else 1
    column = mark.column if mark else 0
    if problem_mark and problem_mark.line + 1 > len(lines) - (0 if lines[-1:] != [""] else 1) and context_mark:
        at, column = context_mark.line + 1, context_mark.column  # "end of stream": the opening is the place
    context_line = context_mark.line + 1 if context_mark else None
    repair = _best_repair(text, at, context_line)
    parser_says = exc.problem or exc.context or "malformed YAML"
    if repair is None:
        th, en = _FALLBACK
        en = f"{en}: {parser_says}"
        line, col = at, column
    else:
        th, en = _CAUSES[repair.cause]
        line = repair.line
        col = column if repair.line == at else _first_char(lines[line - 1])
        if repair.cause == "unclosed_quote":  # point at the quote that is never closed
            col = _opening_quote(lines[line - 1], repair.new)
    context: list[str] = []
    if repair is not None and repair.line != at and 1 <= at <= len(lines):
        context += _quote_line(lines, line, col)
        context += _quote_line(lines, at)
    else:
        if line > 1 and lines[line - 2].strip():
            context += _quote_line(lines, line - 1)
        context += _quote_line(lines, line, col)
    if repair is not None:
        context.append(f"  แก้บรรทัด {line} เป็น / change line {line} to:")
        context.append(f"{line:>5} | {repair.new}")
        if repair.reach != float("inf"):
            context.append("  (แก้แล้วยังมีจุดผิดอื่นต่อไปในแฟ้ม / the file has more to fix after this)")
    message = f"แฟ้มข้อมูลผิดรูปแบบ: {th} / malformed YAML: {en}"
    return Explained(message, line, col + 1, context, repair)


def _opening_quote(line: str, repaired: str) -> int:
    """Column (0-based) of the quote that the repair closes: the last quote before the place
    where the repair inserted its closing one."""
    inserted = next((i for i, (a, b) in enumerate(zip(line, repaired)) if a != b), len(line))
    return max(line.rfind('"', 0, inserted), line.rfind("'", 0, inserted), 0)


def _first_char(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


__all__ = ["explain", "Explained", "Repair"]
