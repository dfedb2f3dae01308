"""The tables (SQLAlchemy 2 declarative models). Change them only together with a new
migration in ``migrations/versions`` (a test compares the two)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class IssuedNumber(Base):
    """One row of ทะเบียนหนังสือส่ง: a letter number taken from its series for a BE year."""

    __tablename__ = "issued_numbers"
    __table_args__ = (UniqueConstraint("series", "year", "number", name="uq_issued_series_year_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    """พ.ศ. calendar year."""
    number: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text, default="")
    recipient: Mapped[str] = mapped_column(Text, default="")
    file: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
