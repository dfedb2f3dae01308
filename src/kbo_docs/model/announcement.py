"""ประกาศ: an announcement; ระเบียบงานสารบรรณ ข้อ 18 (หนังสือประชาสัมพันธ์), แบบที่ 7."""

from __future__ import annotations

from pydantic import Field

from .base import Date, Item, Lines, Numbering, Person, Text
from .circular import Action


class Announcement(Item):
    """ประกาศ<ส่วนราชการ> เรื่อง ...: body, ประกาศ ณ วันที่ ..., signature."""

    issuer: str | None = Field(None, title="ผู้ออกประกาศ / issuer",
                               description="ชื่อส่วนราชการหลังคำว่า ประกาศ (ว่าง: agency.issuer) / printed after ประกาศ")
    subject: Text = Field(title="เรื่อง / subject")
    body: Lines = Field(default_factory=list, title="ข้อความ / body",
                        description="เหตุผลที่ออกประกาศและข้อความที่ประกาศ / the reason and what is announced")
    points: list[Action] = Field(default_factory=list, title="ข้อ / points")
    numbering: Numbering = "๑."
    conclusion: Lines = Field(default_factory=list, title="ข้อความท้าย / conclusion",
                              description="เช่น จึงประกาศให้ทราบโดยทั่วกัน / e.g. จึงประกาศให้ทราบโดยทั่วกัน")
    date: Date = Field(title="ประกาศ ณ วันที่ / date")
    signer: Person | None = Field(None, title="ผู้ลงนาม / signer")
