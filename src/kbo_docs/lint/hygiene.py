"""Thai text hygiene on typed documents (LNT010-LNT015): marks without a letter, decomposed
SARA AM, Latin look-alikes inside Thai words, invisible characters, a number in the other
digit system, and blanks left unfilled."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..rules.registry import rule
from .context import DocContext, DocIssue, found
from .document import Document, Paragraph

ERROR, WARNING = Severity.ERROR, Severity.WARNING

_CONSONANT = "\u0e01-\u0e2e"
_ABOVE_BELOW = "\u0e31\u0e34-\u0e3a\u0e47"  # ั ิ ี ึ ื ุ ู ฺ ็
_TONE = "\u0e48-\u0e4b"  # ่ ้ ๊ ๋
_OTHER_MARK = "\u0e4c-\u0e4e"  # ์ ํ ๎
_MARK = f"{_ABOVE_BELOW}{_TONE}{_OTHER_MARK}"
_ORPHAN = re.compile(f"(?:^|(?<=[\\s0-9๐-๙.,:;()\\[\\]\"'\\-–]))[{_MARK}]")
"""A mark after a space, a digit or punctuation (a mark on a letter of another script is TXT001)."""
_DOUBLED = re.compile(
    f"([{_MARK}])\\1"  # the same mark twice
    f"|[{_TONE}][{_TONE}\u0e4c]|\u0e4c[{_TONE}]"  # two tone marks
    f"|[\u0e31\u0e34-\u0e37\u0e47][\u0e31\u0e34-\u0e37\u0e47]"  # two vowels above
    f"|[\u0e38\u0e39][\u0e38\u0e39]"  # two vowels below
    f"|[{_TONE}\u0e4c][{_ABOVE_BELOW}]"  # a tone mark typed before its vowel
    f"|\u0e33[{_TONE}]"  # a tone mark typed after SARA AM (น้ำ is น ้ ำ)
    "|\u0e40\u0e40"  # SARA E typed twice for SARA AE (เเ for แ)
)


def _shown(text: str, start: int) -> str:
    return text[max(0, start - 6): start + 6].strip()


@rule("LNT010", "stray-mark", ERROR, "document")
def stray_mark(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A Thai vowel or tone mark stands on a letter: none after a space, at the start of a line
    or after a digit, and none doubled or typed in the wrong order.

    SARA E typed twice for SARA AE (``เเพร่``, which looks like ``แพร่``) is reported with them.

    Wrong: ``ผู้ ้เข้าร่วม`` (a tone mark after the space), ``ที่่`` (doubled), ``น่ํา`` / ``นำ้``, ``เเพร่``.
    Right: ``ผู้เข้าร่วม``, ``ที่``, ``น้ำ``, ``แพร่``.
    """
    for text, piece in doc.texts():
        for m in _ORPHAN.finditer(text):
            shown = _shown(text, m.start())
            yield found(piece, m.start(), f"สระหรือวรรณยุกต์ไม่มีพยัญชนะนำ: '{shown}'",
                        f"a Thai vowel or tone mark with no letter before it: '{shown}'")
        for m in _DOUBLED.finditer(text):
            shown = _shown(text, m.start())
            yield found(piece, m.start(), f"สระหรือวรรณยุกต์ซ้ำหรือสลับลำดับ: '{shown}'",
                        f"a Thai mark doubled or typed out of order: '{shown}'")


_DECOMPOSED = "\u0e4d\u0e32"


@rule("LNT011", "decomposed-sara-am", ERROR, "document")
def decomposed_sara_am(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """SARA AM is one character (U+0E33), not NIKHAHIT + SARA AA (U+0E4D U+0E32), which looks
    the same but is not found by search and breaks sorting.

    Text that PDF extraction wrote (every SARA AM decomposed) is read joined back and not
    reported; a typed text that mixes the two is.

    Wrong: ``จ\\u0e4d\\u0e32นวน`` (looks like จำนวน).
    Right: ``จำนวน``.
    """
    for text, piece in doc.texts():
        start = text.find(_DECOMPOSED)
        while start != -1:
            shown = _shown(text, start).replace(_DECOMPOSED, "\u0e33")
            yield found(piece, start, f"สระอำพิมพ์เป็นนิคหิต + สระอา (U+0E4D U+0E32): '{shown}'",
                        f"SARA AM typed as NIKHAHIT + SARA AA (U+0E4D U+0E32): '{shown}'")
            start = text.find(_DECOMPOSED, start + 2)


_THAI_LETTER = f"[{_CONSONANT}\u0e30-\u0e3a\u0e40-\u0e4e]"
_LOOKALIKE = re.compile(f"(?<={_THAI_LETTER})[A-Za-z]{{1,2}}(?={_THAI_LETTER})")
_LATIN_IN_DIGITS = re.compile("(?<=[๐-๙])[oOlI](?=[๐-๙])|(?<=[๐-๙])[oO](?![A-Za-z0-9])|(?<![A-Za-z])[oO](?=[๐-๙][๐-๙])")


@rule("LNT012", "look-alike-letter", ERROR, "document")
def look_alike_letter(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A Latin letter inside a Thai word (Thai letters on both sides), or a Latin o, O, l or I
    inside a number in Thai digits: a look-alike typed by mistake or copied from a converted
    file (Devanagari and other scripts are TXT001).

    Wrong: ``กรมการพัฒนาชุมชu`` inside a word (``ชุมชuน``), ``๒๕๖O``.
    Right: ``ชุมชน``, ``๒๕๖๐``.
    """
    for text, piece in doc.texts():
        for m in _LOOKALIKE.finditer(text):
            shown = _shown(text, m.start())
            yield found(piece, m.start(), f"อักษรละติน '{m.group()}' ปนในคำไทย: '{shown}'",
                        f"Latin letter '{m.group()}' inside a Thai word: '{shown}'")
        for m in _LATIN_IN_DIGITS.finditer(text):
            shown = _shown(text, m.start())
            yield found(piece, m.start(), f"อักษรละติน '{m.group()}' ปนในตัวเลขไทย: '{shown}'",
                        f"Latin letter '{m.group()}' inside a number in Thai digits: '{shown}'")


_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")


@rule("LNT013", "invisible-character", WARNING, "document")
def invisible_character(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """No zero-width or other invisible characters (zero-width space and joiners, word joiner,
    BOM, soft hyphen) inside the text: they split words for search and copying.

    Wrong: ``จังหวัด\\u200bลำปาง``.
    Right: ``จังหวัดลำปาง``.
    """
    for text, piece in doc.texts():
        m = _INVISIBLE.search(text)
        if m:
            name = f"U+{ord(m.group()):04X}"
            yield found(piece, m.start(), f"มีอักขระที่มองไม่เห็น ({name}): ลบออก",
                        f"invisible character {name} in the text: delete it")


_NUMBER_RUN = re.compile(r"(?<![A-Za-z0-9๐-๙_./:-])([0-9๐-๙][0-9๐-๙,.]*)(?![A-Za-z0-9๐-๙_/:-])")
_LATIN_AROUND = re.compile(r"[A-Za-z]")


@rule("LNT014", "lone-digit-system", WARNING, "document")
def lone_digit_system(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """In a document written in Thai digits, a number in Arabic digits stands out (and the
    reverse): one digit system throughout, as the สารบรรณ rules ask.

    The document's own system is the one of at least nine in ten of its numbers (and at least
    ten numbers); numbers next to Latin text (codes, English words, web addresses) and in table
    cells are left.

    Wrong: ``จำนวน 25 คน`` in a letter whose other numbers are ๑, ๒๕๖๘, ๓๐.
    Right: ``จำนวน ๒๕ คน``.
    """
    numbers: list[tuple[str, int, object, str]] = []
    for text, piece in doc.texts():
        if not isinstance(piece, Paragraph):
            continue  # a workbook's numbers are values, shown in whatever digits the format says
        for m in _NUMBER_RUN.finditer(text):
            raw = m.group(1).rstrip(",.")
            if re.search("[0-9]", raw) and re.search("[๐-๙]", raw):
                continue  # TXT002
            around = text[max(0, m.start() - 3): m.end() + 3]
            if _LATIN_AROUND.search(around):
                continue
            system = "arabic" if re.search("[0-9]", raw) else "thai"
            numbers.append((system, m.start(), piece, raw))
    if len(numbers) < 10:
        return
    arabic = sum(1 for n in numbers if n[0] == "arabic")
    thai_count = len(numbers) - arabic
    if thai_count >= 9 * arabic and arabic:
        odd, usual = "arabic", ("เลขไทย", "Thai digits")
    elif arabic >= 9 * thai_count and thai_count:
        odd, usual = "thai", ("เลขอารบิก", "Arabic digits")
    else:
        return
    for system, start, piece, raw in numbers:
        if system == odd:
            yield found(piece, start, f"ตัวเลข {raw} ต่างระบบจากตัวเลขอื่นในเอกสาร ซึ่งใช้{usual[0]}",  # type: ignore[arg-type]
                        f"the number {raw} is not in {usual[1]}, which the rest of the document uses")


_BLANK = r"(?:[.…_]\s*){4,}"
_FIELD_BLANK = re.compile(
    rf"(?:หมู่ที่|วันที่|เลขที่|บ้านเลขที่|ตำบล|อำเภอ|จังหวัด|เดือน|พ\.ศ\.|เวลา|ครั้งที่|ที่|ชื่อ|โทร\.?|โทรศัพท์)\s*{_BLANK}"
)
_SIGNATURE_BLANK = re.compile(rf"^\(?ลงชื่อ\)?\s*{_BLANK}")
_POSITION = re.compile(
    r"^(?:รอง|ผู้ช่วย|รักษาราชการแทน|ปฏิบัติราชการแทน|แทน)?\s*(?:อธิบดี|ปลัด|นายก|ผู้ว่าราชการ|นายอำเภอ|ประธาน|"
    r"ผู้อำนวยการ|หัวหน้า|เลขาธิการ|เลขานุการ|กำนัน|ผู้ใหญ่บ้าน|รัฐมนตรี|ผู้บัญชาการ|ผู้บังคับการ|ผู้กำกับการ|"
    r"ครูใหญ่|เจ้าอาวาส|อธิการบดี|คณบดี|นายแพทย์|สาธารณสุข|พัฒนาการ|เกษตร|ท้องถิ่น|ผู้จัดการ|ผู้รับมอบอำนาจ)"
)
"""A signer's position under a signature line: the copy names the signer by office."""
_NAME_IN_BRACKETS = re.compile(r"^\(\s*(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|พระ|ร\.ต\.|พ\.ต\.|จ\.ส\.|[ก-ฮ])")


@rule("LNT015", "unfilled-blank", ERROR, "document")
def unfilled_blank(doc: Document, ctx: DocContext) -> Iterator[DocIssue]:
    """A document that is filled in leaves no blank of a form unfilled: ``หมู่ที่ ......``,
    ``วันที่ ....``, or ``(ลงชื่อ) ......`` with no name in brackets under it (a signature line
    over the signer's position, ``อธิบดีกรมบัญชีกลาง``, is the place for the pen of a published
    copy, not a blank).

    A blank form (three or more such blanks) is a form, not a mistake, and is left alone.

    Wrong: ``ณ ศาลาประชาคม หมู่ที่ ...... ตำบลบ้านเหล่า`` in a filled invitation.
    Right: ``ณ ศาลาประชาคม หมู่ที่ ๕ ตำบลบ้านเหล่า``.
    """
    blanks = []
    paragraphs = doc.paragraphs
    for text, piece in doc.texts():
        for m in _FIELD_BLANK.finditer(text):
            blanks.append((piece, m.start(), m.group()))
    for i, p in enumerate(paragraphs):
        if _SIGNATURE_BLANK.match(p.text):
            following = [re.sub(rf"^.*?{_BLANK}\s*", "", p.text)] + [q.text for q in paragraphs[i + 1: i + 2]]
            # a role after the line (ผู้จดรายงานการประชุม, ผู้ตรวจรายงาน, ผู้รับรอง) makes it the place to sign
            if not any(_NAME_IN_BRACKETS.match(t) or _POSITION.match(t) or t.startswith("ผู้") for t in following):
                blanks.append((p, 0, p.text[:20]))
    if not 1 <= len(blanks) <= 2:
        return
    for piece, start, shown in blanks:
        shown = " ".join(shown.split())
        yield found(piece, start, f"ช่องว่างยังไม่ได้กรอก: '{shown}'", f"a blank left unfilled: '{shown}'")  # type: ignore[arg-type]

