"""The tables (SQLAlchemy 2 declarative models). Change them only together with a new
migration in ``migrations/versions`` (a test compares the two)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


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


class ProjectYear(Base):
    """A project year edited in the web front end; its data lives in its versions."""

    __tablename__ = "project_years"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    versions: Mapped[list[Version]] = relationship(back_populates="project", order_by="Version.number")


class Version(Base):
    """One save of a project year: the whole data file as YAML text."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_versions_project_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project_years.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    project: Mapped[ProjectYear] = relationship(back_populates="versions")


class User(Base):
    """A local account for the web front end (required when it listens beyond loopback)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
