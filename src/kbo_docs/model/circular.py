"""หนังสือภายนอก / หนังสือเวียน: an external letter or a circular (numbered with ว)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, model_validator

from .agency import Contact
from .base import Count, Date, Item, Lines, Node, Person, SheetSource, Text, one_of
from .number import LetterNumberField


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


class Recipient(Node):
    """One addressee of a letter sent to many: its เรียน line, optional address and salutation,
    and any other keys as its own values, printed with ``${row.<key>}`` in the body.

    ``- {name: นายอำเภอเมืองลำปาง, target: ๔}``"""

    model_config = ConfigDict(title="ผู้รับ / recipient")

    name: str | None = None
    """The เรียน line, e.g. นายอำเภอเมืองลำปาง."""
    address: Lines = Field(default_factory=list)
    """Where the letter goes (listed in the ZIP's ``recipients.csv``, for envelopes)."""
    salutation: str | None = None
    """คำขึ้นต้น of this recipient's letter; the circular's when empty."""
    values: dict[str, str | None] = Field(default_factory=dict)
    """Everything else on the recipient's row, as typed (``-`` or empty: no value)."""

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if isinstance(data, dict) and "values" not in data:
            known = {k: v for k, v in data.items() if k in ("name", "address", "salutation")}
            return {**known, "values": {k: v for k, v in data.items() if k not in known}}
        return data


class RecipientSource(Node):
    """Recipients bound to a register in this file: one letter per row
    (``{register: kbo68-allocation, name: นายอำเภอ${row.name}}``), each printing its row with
    ``${row.<column>}``."""

    model_config = ConfigDict(title="ผูกกับทะเบียน: หนึ่งฉบับต่อแถว / bound to a register: one letter per row")
    register_id: str | None = Field(None, alias="register")
    """``register:`` the id of a register in this file: one letter per row."""
    name: Text = "${row.name}"
    """The เรียน line of each letter; ``${row.name}`` is the row's name."""
    salutation: str | None = None
    address: Lines = Field(default_factory=list)


class RecipientSheet(SheetSource):
    """Recipients kept in the clerk's own XLSX (``{xlsx: districts.xlsx, sheet: Sheet1,
    columns: {target: เป้า}}``): one letter per row under the header row; the columns named
    ชื่อ/เรียน, ที่อยู่ and คำขึ้นต้น are each letter's name, address and salutation, and
    ``columns`` gives other headers the keys ``${row.<key>}`` prints."""

    columns: dict[str, str] = Field(
        default_factory=dict, title="คอลัมน์ (คีย์: หัวคอลัมน์) / columns (key: header)",
        description="เช่น target: เป้า ให้ ${row.target} พิมพ์คอลัมน์ เป้า / e.g. target: เป้า, printed by ${row.target}",
    )


def _recipients_form(value: Any) -> str | None:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "xlsx" if "xlsx" in value else "register"
    return None


Recipients = one_of(_recipients_form, {
    "list": Annotated[list[Recipient], Field(title="รายชื่อผู้รับ (พิมพ์เอง) / a list of recipients")],
    "register": RecipientSource,
    "xlsx": RecipientSheet,
}, "ผู้รับ (recipients) ต้องเป็นรายชื่อ (- name: ...) หรือ {register: <id>} หรือ {xlsx: <แฟ้ม>} / "
   "recipients must be a list (- name: ...), {register: <id>} or {xlsx: <file>}")


class Circular(Item):
    """หนังสือภายนอก / หนังสือเวียน: a letter from the agency, numbered ว when it goes to many
    recipients, with its subject, salutation, body, numbered requests with deadlines,
    enclosures, closing and signer."""

    kind: Literal["circular", "letter"] = "circular"
    """``circular`` (หนังสือเวียน, numbered ว) or ``letter`` (an ordinary หนังสือภายนอก)."""
    number: LetterNumberField
    """ที่: e.g. ลป ๐๐๑๙.๓/ว ๒๕๕๕ (without the word ที่), or ``{owner, circular, running}``."""
    date: Date
    subject: Text
    salutation: str = "เรียน"
    recipient: Text | None = None
    """The เรียน line of a letter to one addressee (e.g. นายอำเภอ ทุกอำเภอ); with ``recipients``,
    the collective name written in the numbering register."""
    recipients: Recipients | None = None
    """One letter per recipient: a list (``- {name: ..., target: ...}``), a register's rows
    (``{register: <id>, name: นายอำเภอ${row.name}}``) or an XLSX sheet's (``{xlsx: districts.xlsx}``);
    each letter's body may print its row with ``${row.<column>}``."""
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
    signer: Person | None = Field(None, title="ผู้ลงนาม / signer", description="ว่างได้จนกว่าจะรู้ผู้ลงนาม / may stay empty")
    unit: Lines = Field(default_factory=list)
    """ส่วนราชการเจ้าของเรื่อง; the agency's unit when empty."""
    contact: Contact | None = None
    """Contact lines; the agency's when empty."""
    copies: list[str] = Field(default_factory=list)
    """สำเนาส่ง."""

    @model_validator(mode="after")
    def _addressed(self) -> Circular:
        if not (self.recipient or self.recipients):
            raise ValueError("ต้องมี recipient หรือ recipients / a letter needs a recipient or recipients")
        return self

    def all_enclosures(self) -> list[Enclosure]:
        """The enclosures as printed (an invitation adds its agenda first)."""
        return list(self.enclosures)
