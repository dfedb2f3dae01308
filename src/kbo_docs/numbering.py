"""ทะเบียนหนังสือส่ง: the register that gives each outgoing letter the next number of its series.

Numbers start at 1 for each (series, BE calendar year). Issuing is one transaction: read the
highest number, insert the next. SQLite holds its write lock for the whole transaction
(``BEGIN IMMEDIATE``); on any database the unique constraint on (series, year, number) turns a
race into an integrity error, and the issue is retried. Two clerks (or processes, or servers on
one PostgreSQL) never get the same number.

    reg = NumberRegister("sqlite:////srv/kbo/kbo-docs.sqlite")
    issued = reg.issue(series="ลป ๐๐๑๙.๓/ว", date=datetime.date(2025, 3, 4), subject="...")
    issued.number, issued.text   # 1, 'ลป ๐๐๑๙.๓/ว ๑'
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from . import thai
from .store import IssuedNumber, open_engine, write_transaction

ATTEMPTS = 100
"""How often an issue is retried after losing a race (each retry waits a few milliseconds)."""

HEADERS = ("เลขทะเบียนส่ง", "ที่", "ลงวันที่", "ถึง", "เรื่อง", "แฟ้ม", "ออกเลขเมื่อ")
"""Columns of the exported ทะเบียนหนังสือส่ง."""


@dataclass(frozen=True)
class Issued:
    """One issued number."""

    series: str
    year: int
    """พ.ศ. calendar year."""
    number: int
    date: dt.date
    subject: str
    recipient: str
    file: str
    issued_at: dt.datetime

    @property
    def text(self) -> str:
        """The ที่ as printed: ``ลป ๐๐๑๙.๓/ว ๑๒``."""
        return thai.letter_number(self.series, self.number)


class NumberRegister:
    """The numbering register on a database URL (or a path to a SQLite file); created and
    migrated on open."""

    def __init__(self, url: str | Path, *, engine: Engine | None = None) -> None:
        self.engine = engine if engine is not None else open_engine(url)

    def issue(
        self,
        series: str,
        year: int | None = None,
        date: dt.date | None = None,
        subject: str = "",
        recipient: str = "",
        file: str = "",
    ) -> Issued:
        """Take the next number of ``series`` in ``year`` (the พ.ศ. year of ``date``; ``date``
        defaults to today). A ``year`` that is not ``date``'s BE year raises ``ValueError``."""
        series = " ".join(series.split())
        if not series:
            raise ValueError("ต้องระบุชุดเลขที่หนังสือ เช่น ลป ๐๐๑๙.๓/ว / the series is empty: e.g. ลป ๐๐๑๙.๓/ว")
        date = date or dt.date.today()
        if year is None:
            year = thai.be_year(date)
        elif year != thai.be_year(date):
            raise ValueError(
                f"ปี พ.ศ. {thai.thai_digits(year)} ไม่ตรงกับวันที่ {thai.format_date(date)} / year {year} "
                f"is not the BE year of {date.isoformat()} ({thai.be_year(date)}): numbers run per calendar year"
            )
        for attempt in range(ATTEMPTS):
            try:
                return self._issue_once(series, year, date, subject, recipient, file)
            except (IntegrityError, OperationalError) as exc:
                if isinstance(exc, OperationalError) and "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == ATTEMPTS - 1:
                    raise
                time.sleep(random.uniform(0.001, 0.01 * (1 + attempt)))
        raise AssertionError("unreachable")

    def _issue_once(self, series: str, year: int, date: dt.date, subject: str, recipient: str, file: str) -> Issued:
        t = IssuedNumber.__table__
        with write_transaction(self.engine) as conn:
            last = conn.execute(
                select(func.max(t.c.number)).where(t.c.series == series, t.c.year == year)
            ).scalar_one()
            issued = Issued(
                series=series, year=year, number=(last or 0) + 1, date=date, subject=subject,
                recipient=recipient, file=file, issued_at=dt.datetime.now(dt.timezone.utc),
            )
            conn.execute(insert(t).values(
                series=issued.series, year=issued.year, number=issued.number, date=issued.date,
                subject=issued.subject, recipient=issued.recipient, file=issued.file, issued_at=issued.issued_at,
            ))
        return issued

    def list(self, series: str | None = None, year: int | None = None) -> list[Issued]:
        """Issued numbers, oldest series/year first, in number order."""
        t = IssuedNumber.__table__
        query = select(t).order_by(t.c.year, t.c.series, t.c.number)
        if series is not None:
            query = query.where(t.c.series == " ".join(series.split()))
        if year is not None:
            query = query.where(t.c.year == year)
        with self.engine.connect() as conn:
            return [
                Issued(
                    series=r.series, year=r.year, number=r.number, date=r.date, subject=r.subject,
                    recipient=r.recipient, file=r.file, issued_at=_utc(r.issued_at),
                )
                for r in conn.execute(query)
            ]

    def export_xlsx(self, path: str | Path | None = None, series: str | None = None, year: int | None = None) -> bytes:
        """ทะเบียนหนังสือส่ง as a workbook: Thai headers, Thai digits, BE dates. Written to
        ``path`` when given; the bytes are returned either way."""
        data = register_xlsx(self.list(series, year))
        if path is not None:
            Path(path).write_bytes(data)
        return data

    def close(self) -> None:
        self.engine.dispose()


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def register_xlsx(rows: list[Issued]) -> bytes:
    """The workbook of :meth:`NumberRegister.export_xlsx`. Every user string is a text cell
    (a subject beginning with ``=`` never becomes a formula)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    from .render.xlsx import FONT_NAME, FONT_SIZE
    from .thai import display_width
    from .render.xlsx import _text_cell as text_cell

    wb = Workbook()
    ws = wb.active
    ws.title = "ทะเบียนหนังสือส่ง"
    font = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    title = text_cell(ws, 1, 1, "ทะเบียนหนังสือส่ง")
    title.font, title.alignment = bold, Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    for col, header in enumerate(HEADERS, 1):
        cell = text_cell(ws, 2, col, header)
        cell.font, cell.border, cell.alignment = bold, box, Alignment(horizontal="center")
    for r, issued in enumerate(rows, 3):
        local = issued.issued_at.astimezone(dt.timezone(dt.timedelta(hours=7)))
        values = (
            thai.thai_digits(issued.number),
            issued.text,
            thai.format_date(issued.date),
            issued.recipient,
            issued.subject,
            issued.file,
            f"{thai.format_date(local.date())} {thai.format_time(local.time().replace(second=0, microsecond=0))}",
        )
        for col, value in enumerate(values, 1):
            cell = text_cell(ws, r, col, value)
            cell.font, cell.border = font, box
            cell.alignment = Alignment(horizontal="center" if col == 1 else "left", vertical="top", wrap_text=col in (4, 5))
    for col, header in enumerate(HEADERS, 1):
        widest = max([display_width(header)] + [display_width(str(ws.cell(r, col).value or "")) for r in range(3, len(rows) + 3)])
        ws.column_dimensions[get_column_letter(col)].width = min(60, widest + 4)
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
