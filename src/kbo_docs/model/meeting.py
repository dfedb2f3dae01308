"""รายงานการประชุม: a committee meeting and its minutes."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from .. import thai
from .base import Count, Date, Flag, Item, Node, Numbering, Period, Person, Text, Time, also_written_as


_NUMBER = re.compile(r"^\s*(\S+?)\s*/\s*(\S+)\s*$")


def number_from_text(value: Any, th: str, en: str) -> Any:
    """``n/ปี`` typed as one string, as ``{number, year}``; anything else unchanged."""
    if isinstance(value, str):
        m = _NUMBER.match(value)
        if not m:
            raise ValueError(f"{th} ต้องเป็น n/ปี เช่น ๑/๒๕๖๕ / {en} must be n/year: {value!r}")
        return {"number": m.group(1), "year": thai.parse_number(m.group(2))}
    return value


class SubItem(Node):
    """A numbered point under an agenda item, or a planned activity with a period.

    ``text`` may say ``${when}`` (the period) and ``${count}`` (how many ``items`` follow).
    A plain string is read as ``{text: ...}``."""

    text: Text
    when: Period | None = None
    items: list[SubItem] = Field(default_factory=list)
    resolution: str | None = Field(None, title="มติ / resolution",
                                   description="มติที่ประชุมเรื่องนี้ (พิมพ์ต่อจากข้อนี้) / the resolution on this point, printed after it")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data

    __get_pydantic_json_schema__ = also_written_as({"type": "string"})


class AgendaItem(Node):
    """ระเบียบวาระที่ n."""

    number: Count | None = None
    title: Text
    items: list[SubItem] = Field(default_factory=list)
    resolution: str | None = None
    """มติที่ประชุม."""
    numbering: Numbering | None = Field(None, title="รูปแบบเลขข้อ / numbering",
                                        description="ว่าง: ตามการประชุม (numbering) / empty: the meeting's")


class MeetingNumber(Node):
    """ครั้งที่ n/ปี (พ.ศ.); also a คำสั่ง's ที่ n/ปี. Written ``๑/๒๕๖๕`` or ``{number, year}``."""

    number: Count
    year: int

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return number_from_text(value, "เลขที่", "the number")

    __get_pydantic_json_schema__ = also_written_as({"type": "string", "pattern": r"^\s*\S+\s*/\s*\S+\s*$"})


class Meeting(Item):
    """รายงานการประชุม: the minutes of one meeting of a committee: its number, date, venue,
    who attended and who did not, the start and end times, the agenda with its points and
    resolutions, and who recorded and checked the minutes."""

    committee: Text
    """รายงานการประชุม<ชื่อคณะ>."""
    number: MeetingNumber
    date: Date
    venue: Text
    members: Count | None = None
    """How many members the committee has (for the quorum), if known."""
    present: list[Person] = Field(default_factory=list)
    """ผู้มาประชุม: empty before the meeting (an invitation's meeting) or when the minutes list nobody."""
    absent: list[Person] = Field(default_factory=list)
    attending: list[Person] = Field(default_factory=list)
    """ผู้เข้าร่วมประชุม: people who are not members."""
    start: Time
    end: Time | None = None
    start_label: str = Field("เริ่มประชุมเวลา", title="คำนำเวลาเริ่ม / start label", description="เช่น เปิดประชุมเวลา / e.g. เปิดประชุมเวลา")
    end_label: str = Field("เลิกประชุมเวลา", title="คำนำเวลาเลิก / end label", description="เช่น ปิดประชุมเวลา / e.g. ปิดประชุมเวลา")
    weekday: Flag = Field(True, title="พิมพ์วันในสัปดาห์ / weekday", description="false: เมื่อ ๑๑ มกราคม ๒๕๖๕ (ไม่มีวัน) / no weekday in the heading")
    numbering: Numbering = Field("๑.", title="รูปแบบเลขข้อ / numbering", description="ข้อย่อยในระเบียบวาระ: ๑. | (๑) | - | none / agenda points")
    opening: str | None = None
    agenda: list[AgendaItem] = Field(min_length=1)
    recorder: Person | None = None
    checker: Person | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        return number_from_text(value, "ครั้งที่", "meeting number")
