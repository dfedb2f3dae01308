"""หนังสือภายนอก / หนังสือเวียน: an external letter or a circular (numbered with ว)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .agency import Contact
from .base import Count, Date, Item, Lines, Node, Person, Text


class Enclosure(Node):
    """สิ่งที่ส่งมาด้วย: one enclosure, e.g. ทะเบียนจัดสรรกลุ่มเป้าหมาย จำนวน ๑ ฉบับ."""

    title: Text
    quantity: Count = 1
    unit: str = "ฉบับ"
    register_id: str | None = Field(None, alias="register")
    """``register:`` the id of a register in this file that this enclosure is."""


class Action(Node):
    """One numbered request in the body (๑. ..., ๒. ...), with optional sub-items and deadline.

    The text may say ``${deadline}`` to print the deadline from the data."""

    text: Text
    items: list[str] = Field(default_factory=list)
    deadline: Date | None = None


class Circular(Item):
    """หนังสือภายนอก / หนังสือเวียน: a letter from the agency, numbered ว when it goes to many
    recipients, with its subject, salutation, body, numbered requests with deadlines,
    enclosures, closing and signer."""

    kind: Literal["circular", "letter"] = "circular"
    """``circular`` (หนังสือเวียน, numbered ว) or ``letter`` (an ordinary หนังสือภายนอก)."""
    number: Text
    """ที่: e.g. ลป ๐๐๑๙.๓/ว ๒๕๕๕ (without the word ที่)."""
    date: Date
    subject: Text
    salutation: str = "เรียน"
    recipient: Text
    references: list[str] = Field(default_factory=list)
    """อ้างถึง."""
    enclosures: list[Enclosure] = Field(default_factory=list)
    body: Lines = Field(default_factory=list)
    """Paragraphs before the numbered actions."""
    actions_intro: str | None = None
    actions: list[Action] = Field(default_factory=list)
    conclusion: Lines = Field(default_factory=list)
    """Paragraphs after the actions, e.g. จึงเรียนมาเพื่อพิจารณาดำเนินการ."""
    closing: str = "ขอแสดงความนับถือ"
    signer: Person
    unit: Lines = Field(default_factory=list)
    """ส่วนราชการเจ้าของเรื่อง; the agency's unit when empty."""
    contact: Contact | None = None
    """Contact lines; the agency's when empty."""
    copies: list[str] = Field(default_factory=list)
    """สำเนาส่ง."""
