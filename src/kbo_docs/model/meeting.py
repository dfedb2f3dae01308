"""รายงานการประชุม: a committee meeting and its minutes."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from .. import thai
from .base import Count, Date, Item, Node, Period, Person, Text, Time, also_written_as


class SubItem(Node):
    """A numbered point under an agenda item, or a planned activity with a period.

    ``text`` may say ``${when}`` (the period) and ``${count}`` (how many ``items`` follow).
    A plain string is read as ``{text: ...}``."""

    text: Text
    when: Period | None = None
    items: list[SubItem] = Field(default_factory=list)

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


class MeetingNumber(Node):
    """ครั้งที่ n/ปี (พ.ศ.)."""

    number: Count
    year: int

    __get_pydantic_json_schema__ = also_written_as({"type": "string", "pattern": r"^\s*\S+\s*/\s*\S+\s*$"})


_NUMBER = re.compile(r"^\s*(\S+?)\s*/\s*(\S+)\s*$")


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
    present: list[Person] = Field(min_length=1)
    absent: list[Person] = Field(default_factory=list)
    attending: list[Person] = Field(default_factory=list)
    """ผู้เข้าร่วมประชุม: people who are not members."""
    start: Time
    end: Time | None = None
    opening: str | None = None
    agenda: list[AgendaItem] = Field(min_length=1)
    recorder: Person | None = None
    checker: Person | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, str):
            m = _NUMBER.match(value)
            if not m:
                raise ValueError(f"ครั้งที่ ต้องเป็น n/ปี เช่น ๑/๒๕๖๕ / meeting number must be n/year: {value!r}")
            return {"number": m.group(1), "year": thai.parse_number(m.group(2))}
        return value
