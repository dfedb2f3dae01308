"""คำสั่ง: an order, e.g. appointing a committee; ระเบียบงานสารบรรณ ข้อ 16, แบบที่ 4."""

from __future__ import annotations

from pydantic import Field

from .base import Count, Date, Item, Lines, Node, Person, Text
from .meeting import MeetingNumber


class Clause(Node):
    """One numbered clause (๑. ...), optionally a committee with its members and duties."""

    number: Count | None = Field(None, title="เลขข้อ / number", description="ว่าง: เรียงให้เอง / empty: numbered in order")
    text: Text = Field(title="ข้อความ / text", description="เช่น คณะกรรมการอำนวยการ ประกอบด้วย / e.g. the committee's name")
    members: list[Person] = Field(
        default_factory=list, title="กรรมการ / members",
        description="ตารางกรรมการ: ชื่อ ตำแหน่ง และหน้าที่ในคณะ (role: ประธานกรรมการ / กรรมการ / "
                    "กรรมการและเลขานุการ) / the committee table: name, position, role",
    )
    duties_intro: str = Field("มีหน้าที่", title="ข้อความนำหน้าที่ / duties heading")
    duties: list[str] = Field(default_factory=list, title="หน้าที่ / duties", description="(๑) ... / the duties")


class Order(Item):
    """คำสั่ง<ส่วนราชการ> ที่ n/ปี เรื่อง ...: preamble, numbered clauses, ทั้งนี้ ตั้งแต่ ..., สั่ง ณ วันที่ ..., signature."""

    issuer: str | None = Field(None, title="ผู้ออกคำสั่ง / issuer",
                               description="ชื่อส่วนราชการหรือตำแหน่งหลังคำว่า คำสั่ง (ว่าง: agency.issuer) / "
                                           "printed after คำสั่ง; empty: the agency's issuer")
    number: MeetingNumber = Field(title="ที่ / number", description="เลขคำสั่ง n/ปี พ.ศ. เช่น ๑๒/๒๕๖๘ / the order number n/BE year")
    subject: Text = Field(title="เรื่อง / subject")
    preamble: Lines = Field(default_factory=list, title="เหตุและอำนาจ / preamble",
                            description="เหตุที่ออกคำสั่งและอำนาจ / the reason and the authority")
    clauses: list[Clause] = Field(default_factory=list, title="ข้อ / clauses")
    after: Lines = Field(default_factory=list, title="ข้อความหลังข้อ / text after the clauses")
    effective: Date | None = Field(None, title="วันใช้บังคับ / effective date",
                                   description="ว่าง: ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป / empty: from now on")
    date: Date = Field(title="สั่ง ณ วันที่ / date")
    signer: Person | None = Field(None, title="ผู้ลงนาม / signer")
