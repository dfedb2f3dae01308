"""บันทึกข้อความ (หนังสือภายใน): an internal memo, ระเบียบงานสารบรรณ ข้อ 12, แบบที่ 2."""

from __future__ import annotations

from pydantic import Field

from .base import Date, Item, Lines, Numbering, Person, Text
from .circular import Action
from .number import LetterNumberField


class Memo(Item):
    """บันทึกข้อความ: small Garuda top left; ส่วนราชการ / ที่ / วันที่ / เรื่อง; เรียน; body;
    signature; no คำลงท้าย."""

    unit: Lines = Field(default_factory=list, title="ส่วนราชการ / issuing unit",
                        description="ส่วนราชการเจ้าของเรื่อง พร้อมโทรศัพท์ (ว่าง: agency.unit และ contact.phone) / "
                                    "the owning unit and phone; empty: the agency's")
    number: LetterNumberField
    date: Date = Field(title="วันที่ / date")
    subject: Text = Field(title="เรื่อง / subject")
    salutation: str = Field("เรียน", title="คำขึ้นต้น / salutation")
    recipient: Text = Field(title="ผู้รับ / recipient", description="เช่น ผู้ว่าราชการจังหวัดลำปาง / e.g. the governor")
    body: Lines = Field(default_factory=list, title="ข้อความ / body", description="ย่อหน้าก่อนข้อ / paragraphs before the points")
    points_intro: str | None = Field(None, title="ข้อความนำข้อ / text before the points")
    points: list[Action] = Field(default_factory=list, title="ข้อ / points",
                                 description="ข้อที่เสนอ เช่น ข้อเท็จจริง ข้อพิจารณา / numbered points")
    numbering: Numbering = "๑."
    conclusion: Lines = Field(default_factory=list, title="ข้อความท้าย / conclusion",
                              description="เช่น จึงเรียนมาเพื่อโปรดพิจารณา / e.g. จึงเรียนมาเพื่อโปรดพิจารณา")
    signer: Person | None = Field(None, title="ผู้ลงนาม / signer", description="ว่างได้จนกว่าจะรู้ผู้ลงนาม / may stay empty")
