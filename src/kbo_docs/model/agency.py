"""The office that issues the paperwork, and the project year."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import BEYear, Lines, Node, Text


class Contact(Node):
    """Contact lines printed under the owning unit (โทร. / โทรสาร / ไปรษณีย์อิเล็กทรอนิกส์)."""

    phone: str | None = None
    fax: str | None = None
    email: str | None = None


class Agency(Node):
    """ส่วนราชการ: the issuing office."""

    name: Text | None = None
    """The office, e.g. สำนักงานพัฒนาชุมชนจังหวัดลำปาง (needed where a document prints it: PRJ001)."""
    issuer: Text | None = None
    """ส่วนราชการเจ้าของหนังสือ when it differs from ``name`` (e.g. จังหวัดลำปาง)."""
    address: Lines = Field(default_factory=list)
    """Address lines printed at the top right of a letter."""
    reference_prefix: str | None = None
    """The ที่ code before the slash, e.g. ลป ๐๐๑๙.๓."""
    unit: Lines = Field(default_factory=list)
    """ส่วนราชการเจ้าของเรื่อง, printed at the bottom left of a letter."""
    contact: Contact = Field(default_factory=Contact)
    garuda_image: str | None = None
    """Path to the office's own Garuda image (never shipped with kbo-docs)."""
    digits: Literal["thai", "arabic"] = "thai"


class Project(Node):
    """The programme and its fiscal year."""

    name: Text
    short_name: str | None = None
    fiscal_year: BEYear
    """ปีงบประมาณ พ.ศ. (1 Oct of the year before to 30 Sep)."""
