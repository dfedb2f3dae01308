"""Shared model pieces: the base class and value types that read clerks' typing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PrivateAttr,
    Tag,
    WithJsonSchema,
    model_validator,
)

from .. import thai


class LocatedError(ValueError):
    """A validation error about a part of the value being validated: ``at`` is the path below it,
    so the loader can name that part's line (a register's row, a key in its totals)."""

    def __init__(self, message: str, *at: str | int) -> None:
        super().__init__(message)
        self.at = at


def also_written_as(shorthand: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A classmethod for ``__get_pydantic_json_schema__``: the model, or a shorthand form the
    loader also accepts (a plain string for a sub-item, a list for a register row)."""

    def schema(cls, core_schema, handler):  # type: ignore[no-untyped-def]
        full = handler.resolve_ref_schema(handler(core_schema))
        return {"anyOf": [shorthand, dict(full)]}

    return classmethod(schema)


VARIANT = "variant:"
"""Prefix of the tags of :func:`one_of`'s members (the loader leaves them out of the place it names)."""


def one_of(pick: Callable[[Any], str | None], members: dict[str, Any], what: str) -> Any:
    """A value the data may give in one of several forms (``members``: tag -> type, each titled
    ``ไทย / English`` by its ``Field(title=...)`` or its model's ``title``), told apart by ``pick``
    from the shape of the typed value (a list, a mapping with ``xlsx:``...). A mistake is then
    reported against the form the clerk wrote, and the web form offers a choice of the forms.
    ``what`` (``ไทย / English``) says what the value may be, when it is none of them."""
    models = [(tag, tp) for tag, tp in members.items() if isinstance(tp, type) and issubclass(tp, BaseModel)]

    def discriminate(value: Any) -> str | None:
        if isinstance(value, BaseModel):  # revalidated: the member it already is
            tag = next((t for t, tp in models if isinstance(value, tp)), None)
        else:
            tag = pick(value)
        return None if tag is None else VARIANT + tag

    tagged = tuple(Annotated[tp, Tag(VARIANT + tag)] for tag, tp in members.items())
    return Annotated[Union[tagged], Discriminator(discriminate, custom_error_type="variant",  # noqa: UP007
                                                  custom_error_message=what)]


def member_of(annotation: Any, value: Any) -> Any | None:
    """The member of a :func:`one_of` union (``annotation``) that ``value`` is written as, with
    its ``Annotated`` metadata; None when ``annotation`` is no such union or ``value`` fits none."""
    if get_origin(annotation) is not Annotated:
        return None
    inner, *meta = get_args(annotation)
    chooser = next((m for m in meta if isinstance(m, Discriminator)), None)
    if chooser is None or not callable(chooser.discriminator):
        return None
    tag = chooser.discriminator(value)
    for member in get_args(inner):
        if any(isinstance(m, Tag) and m.tag == tag for m in get_args(member)[1:]):
            return member
    return None


class Node(BaseModel):
    """Base of every model object: unknown keys are errors; each object knows its path
    in the data file (set by :func:`kbo_docs.load.load_project`), so rules can name a line."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_default=True)
    _path: tuple[str | int, ...] = PrivateAttr(default=())

    @property
    def path(self) -> tuple[str | int, ...]:
        return self._path


class Item(Node):
    """A document in the file (circular, register, meeting): an id, and rules switched off
    for it with a stated reason, e.g. ``noqa: {MTG001: numbered by fiscal year}``."""

    id: Annotated[str, Field(min_length=1, pattern=r"^[\w.-]+$")]
    noqa: dict[str, Annotated[str, Field(min_length=1)]] = Field(default_factory=dict)


def _count(value: Any) -> Any:
    """Whole numbers typed with Thai or Arabic digits, with or without thousands commas."""
    if isinstance(value, str):
        number = thai.parse_number(value)
        if not isinstance(number, int):
            raise ValueError(f"ต้องเป็นจำนวนเต็ม: '{value}' / must be a whole number: '{value}'")
        return number
    return value


NIL = frozenset({"-", "–", "—", "−"})
"""What Thai tables print for "none": a dash in a number cell is zero."""


def _cell(value: Any) -> Any:
    """A register cell: a number as :func:`_count` reads it, ``-`` (nil in Thai tables) as 0,
    and an empty cell (``""``, ``~`` or nothing) as no value, which kbo-docs computes where
    it can (sums, targets) and REG008 reports where it cannot."""
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        if stripped in NIL:
            return 0
    return _amount(value)


def _amount(value: Any) -> Any:
    """A number as typed: a whole number stays an ``int``, one with a decimal point is an exact
    ``Decimal`` (baht and satang, percentages, weights); never a float."""
    if isinstance(value, str):
        return thai.parse_number(value)
    if isinstance(value, float):
        raise ValueError(f"พิมพ์ตัวเลขทศนิยมเป็นข้อความ: {value!r} / type decimals as text, not a float: {value!r}")
    return value


def _date(value: Any) -> Any:
    """A date typed the Thai way (BE year) or as ISO ``YYYY-MM-DD`` (year >= 2400 is BE)."""
    if not isinstance(value, str):
        return value
    day = thai.parse_date(value)
    m = thai.DATE_RE.fullmatch(" ".join(value.split()))
    if m and not m["era"] and len(m["year"]) == 4 and thai.parse_number(m["year"]) < 2400:
        be = thai.be_year(day)
        raise ValueError(
            f"ปีในวันที่แบบไทยต้องเป็น พ.ศ.: '{value}' (ค.ศ. {thai.thai_digits(day.year)} = พ.ศ. {thai.thai_digits(be)}) "
            f"ให้เขียน {thai.format_date(day)} / a Thai date takes a BE year: '{value}' "
            f"(ค.ศ. {day.year} = พ.ศ. {be}); write {thai.format_date(day)}"
        )
    if not 2400 <= thai.be_year(day) <= 2700:
        raise ValueError(f"ปี พ.ศ. {thai.thai_digits(thai.be_year(day))} อยู่นอกช่วง ๒๔๐๐-๒๗๐๐: '{value}' / BE year out of range 2400-2700: '{value}'")
    return day


def _period(value: Any) -> Any:
    if isinstance(value, str):
        return thai.parse_period(value)
    return value


def _time(value: Any) -> Any:
    if isinstance(value, str):
        return thai.parse_time(value)
    return value


def _be_year(value: Any) -> Any:
    year = _count(value)
    if isinstance(year, int) and not 2400 <= year <= 2700:
        ce = 1857 <= year <= 2157
        th = f" ถ้าเป็น ค.ศ. {thai.thai_digits(year)} ให้เขียน พ.ศ. {thai.thai_digits(thai.be_year(year))}" if ce else ""
        en = f"; for ค.ศ. {year} write พ.ศ. {thai.be_year(year)}" if ce else ""
        raise ValueError(f"ปี พ.ศ. ต้องอยู่ระหว่าง ๒๔๐๐-๒๗๐๐ ไม่ใช่ {thai.thai_digits(year)}{th} / "
                         f"a BE year must be 2400-2700, not {year}{en}")
    return year


def _lines(value: Any) -> Any:
    """A text that may be given as one string or a list of lines."""
    if isinstance(value, str):
        return [value]
    return value


_iso = PlainSerializer(lambda v: v.isoformat(), when_used="json")
_DIGITS = r"^\s*-?[0-9๐-๙][0-9๐-๙,]*\s*$"


def _number_schema(description: str, **extra: Any) -> WithJsonSchema:
    """Clerks type numbers as text (Thai digits, commas): the schema accepts what the loader does."""
    options = [{"type": "integer", **extra}, {"type": "string", "pattern": _DIGITS}]
    return WithJsonSchema({"anyOf": options, "description": description})


def _text_schema(description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "description": description})


Count = Annotated[
    int, BeforeValidator(_count), Field(ge=0), _number_schema("จำนวน (เลขไทยหรืออารบิก) / a count", minimum=0)
]
"""A count: Thai or Arabic digits, never negative."""
_DECIMAL = r"^\s*-?[0-9๐-๙][0-9๐-๙,]*(\.[0-9๐-๙]+)?\s*$"
Number = Annotated[
    int | Decimal, BeforeValidator(_amount),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": _DECIMAL}],
                    "description": "ตัวเลข (ทศนิยมได้ เช่น ๑,๒๓๔.๕๐) / a number (decimals allowed)"}),
]
"""A number the rules check themselves (register totals): whole, or an exact Decimal."""
Cell = Annotated[
    int | Decimal | None, BeforeValidator(_cell),
    WithJsonSchema({"anyOf": [{"type": "number"},
                              {"type": "string", "pattern": r"^\s*(-?[0-9๐-๙][0-9๐-๙,]*(\.[0-9๐-๙]+)?|[-–—−])?\s*$"},
                              {"type": "null"}],
                    "description": "ตัวเลข (ทศนิยมได้) หรือ - (ไม่มี = ๐) หรือเว้นว่างให้คำนวณ / "
                                   "a number (decimals allowed), - for none (0), or empty to compute"}),
]
"""A register cell: a whole number, ``-`` for none (0), or empty (computed where it can be)."""
Date = Annotated[
    dt.date, BeforeValidator(_date), _iso,
    _text_schema("วันที่ เช่น ๖ ธันวาคม ๒๕๖๗, ๖ ธ.ค. ๖๗ หรือ 2024-12-06 / a Thai or ISO date"),
]
Period = Annotated[
    thai.Period, BeforeValidator(_period), PlainSerializer(lambda v: str(v), when_used="json"),
    _text_schema("ช่วงเวลา เช่น ๑๘ - ๑๙ มกราคม ๒๕๖๕ หรือ มกราคม - มีนาคม ๒๕๖๕ / a date, date range or month range"),
]
"""A date, a range of days or a range of months, as typed in a plan."""
Time = Annotated[dt.time, BeforeValidator(_time), _iso, _text_schema("เวลา เช่น ๐๙.๐๐ น. / a time")]
BEYear = Annotated[int, BeforeValidator(_be_year), _number_schema("ปี พ.ศ. / a Buddhist-era year")]
Lines = Annotated[
    list[str], BeforeValidator(_lines),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                    "description": "ข้อความบรรทัดเดียว หรือรายการบรรทัด / one line, or a list of lines"}),
]
Text = Annotated[str, Field(min_length=1)]
Numbering = Annotated[
    Literal["๑.", "(๑)", "-", "none"],
    Field(title="รูปแบบเลขข้อ / numbering", description="๑. | (๑) | - | none (ไม่มีเลข / no label)"),
]
"""How points are labelled: ``๑.``, ``(๑)``, a dash, or nothing."""
Flag = Annotated[bool, WithJsonSchema({"anyOf": [{"type": "boolean"}, {"enum": ["true", "false", "yes", "no"]}]})]
"""true / false (the loader reads every scalar as text first)."""


class Person(Node):
    """Somebody named in a document: a signer, a member, a recorder."""

    name: str | None = None
    position: str | None = None
    role: str | None = None
    """Role in a meeting, e.g. ประธาน, กรรมการ, เลขานุการ."""
    acting: str | None = None
    """Acting line under the position, e.g. ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดลำปาง."""
    reason: str | None = None
    """Why a member did not attend (ผู้ไม่มาประชุม), e.g. ติดราชการ."""
    substitute_for: str | None = None
    """Whom a substitute attends for (…แทน…)."""

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        """A plain string is a name, or a group attending as one (คณะอนุกรรมการ ... จังหวัด)."""
        return {"name": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _named(self) -> Person:
        if not (self.name or self.position):
            raise ValueError("ต้องมีชื่อหรือตำแหน่ง / a person needs a name or a position")
        return self

    @property
    def label(self) -> str:
        return " ".join(part for part in (self.name, self.position) if part)


class SheetSource(Node):
    """Rows kept in the clerk's own XLSX (``{xlsx: allocation.xlsx, sheet: ทะเบียน}``): the loader
    reads the sheet (its header row found by the columns' titles or keys) and puts its rows here,
    each bad cell named as ``Sheet!B7`` (:mod:`kbo_docs.sheets`). The path is relative to the data
    file; the web app reads no file named in the data."""

    model_config = ConfigDict(title="จากแฟ้ม Excel / from an XLSX sheet")
    xlsx: Text = Field(title="แฟ้ม Excel / workbook", description="เทียบกับโฟลเดอร์ของแฟ้มข้อมูล เช่น districts.xlsx / "
                                                                   "relative to the data file's folder")
    sheet: str | None = Field(None, title="ชีต / sheet", description="ว่างไว้: ชีตแรกที่มีข้อมูล / empty: the first sheet with data")

    @model_validator(mode="after")
    def _read_by_the_loader(self) -> SheetSource:
        raise ValueError(f"แฟ้ม {self.xlsx} ยังไม่ได้อ่าน: ให้เปิดแฟ้มข้อมูลด้วย kbo-docs (kbo_docs.load) ซึ่งอ่านแฟ้ม Excel ให้ / "
                         f"{self.xlsx} was not read: load the data file with kbo-docs (kbo_docs.load), which reads the workbook")
