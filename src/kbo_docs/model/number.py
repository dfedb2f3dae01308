"""ที่: a letter's number, typed as one string (``ลป ๐๐๑๙.๓/ว ๒๕๕๕``) or as its parts
(``{owner: ลป ๐๐๑๙.๓, circular: true, running: ๒๕๕๕}``); the printed form is built from the
parts, a typed string is printed exactly as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import ConfigDict, Field

from .base import Flag, Node, one_of


class LetterNumber(Node):
    """เลขที่หนังสือ as parts: the owner's code, ว for a circular, the running number."""

    model_config = ConfigDict(title="แยกส่วน: รหัสเจ้าของเรื่อง ว และเลขทะเบียน / in parts: owner code, ว, running number")

    owner: str | None = Field(
        None, title="รหัสเจ้าของเรื่อง / owner code",
        description="รหัสพยัญชนะและเลขประจำของเจ้าของเรื่อง เช่น ลป ๐๐๑๙.๓ (ว่างไว้: ใช้ agency.reference_prefix) / "
                    "the owner's letter code and number; empty: the agency's reference_prefix",
    )
    circular: Flag = Field(False, title="หนังสือเวียน / circular",
                           description="true: เลขหนังสือเวียน มี ว หลังทับ / a circular, numbered with ว")
    running: Annotated[str, Field(pattern=r"^\s*[0-9๐-๙]+\s*$")] | None = Field(
        None, title="เลขทะเบียนหนังสือส่ง / running number",
        description="เลขทะเบียนหนังสือส่ง (ว่างไว้ได้จนกว่าสารบรรณจะออกเลข) / the running number from the "
                    "outgoing register (may stay empty until the clerk issues it)",
    )


@dataclass(frozen=True)
class NumberParts:
    """A number, whichever way it was typed: what rules and templates use."""

    owner: str
    circular: bool
    running: str | None
    typed: str | None
    """The string as typed, when it was typed as one string."""

    @property
    def text(self) -> str:
        if self.typed is not None:
            return self.typed
        return f"{self.owner}/{'ว ' if self.circular else ''}{self.running or ''}"


_SPLIT = re.compile(r"^(?P<owner>[^/]*)/\s*(?P<wor>ว(?![\u0E01-\u0E4E]))?\s*(?P<running>.*)$")


def number_parts(number: LetterNumber | str, default_owner: str | None = None) -> NumberParts:
    """The parts of a letter number (a typed string is split at its slash)."""
    if isinstance(number, LetterNumber):
        running = number.running.strip() if number.running else None
        return NumberParts((number.owner or default_owner or "").strip(), bool(number.circular), running, None)
    m = _SPLIT.match(number)
    if not m:
        return NumberParts(number.strip(), False, None, number)
    return NumberParts(m["owner"].strip(), bool(m["wor"]), m["running"].strip() or None, number)


def _number_form(value: Any) -> str | None:
    return "parts" if isinstance(value, dict) else "text"


LetterNumberField = Annotated[
    one_of(_number_form, {
        "parts": LetterNumber,
        "text": Annotated[str, Field(min_length=1, title="พิมพ์ทั้งเลข เช่น ลป ๐๐๑๙.๓/ว ๒๕๕๕ / typed whole")],
    }, "ที่ (number) ต้องเป็นข้อความ เช่น ลป ๐๐๑๙.๓/ว ๒๕๕๕ หรือ {owner, circular, running} / "
       "the number must be text such as ลป ๐๐๑๙.๓/ว ๒๕๕๕, or {owner, circular, running}"),
    Field(title="ที่ / number",
          description="เลขที่หนังสือ: ข้อความเดียว เช่น ลป ๐๐๑๙.๓/ว ๒๕๕๕ หรือแยกส่วน {owner, circular, running} / "
                      "the letter number: one string, or its parts"),
]


