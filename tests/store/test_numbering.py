"""The numbering register: consecutive numbers per (series, BE year), never twice, even from
parallel processes; the schema migrated on open; the XLSX export read back."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from kbo_docs import thai
from kbo_docs.numbering import HEADERS, NumberRegister
from kbo_docs.store import IssuedNumber, StoreError, database_url, open_engine, write_transaction

SERIES = "ลป ๐๐๑๙.๓/ว"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kbo-docs.sqlite'}"


def test_numbers_start_at_one_per_series_and_year(url: str) -> None:
    reg = NumberRegister(url)
    d = dt.date(2025, 3, 4)
    got = [reg.issue(SERIES, date=d, subject=f"เรื่องที่ {i}").number for i in range(3)]
    assert got == [1, 2, 3]
    assert reg.issue("ลป ๐๐๑๙.๓/", date=d).number == 1
    # A new calendar year starts again at 1, the old year goes on where it was.
    first_of_2569 = reg.issue(SERIES, year=2569, date=dt.date(2026, 1, 2))
    assert (first_of_2569.year, first_of_2569.number) == (2569, 1)
    assert reg.issue(SERIES, date=dt.date(2025, 12, 31)).number == 4


def test_issue_keeps_what_was_typed_and_lists_it(url: str) -> None:
    reg = NumberRegister(url)
    issued = reg.issue(
        series="  ลป   ๐๐๑๙.๓/ว ", year=2568, date=dt.date(2025, 5, 1),
        subject="=HYPERLINK(\"x\")", recipient="นายอำเภอทุกอำเภอ", file="kbo-2568.yaml",
    )
    assert issued.series == SERIES
    assert issued.text == "ลป ๐๐๑๙.๓/ว ๑"
    assert issued.issued_at.tzinfo is not None
    listed = NumberRegister(url).list()
    assert listed == [issued]
    assert reg.list(series=SERIES, year=2567) == []
    assert reg.list(year=2568)[0].subject == '=HYPERLINK("x")'


def test_year_must_be_the_be_year_of_the_date(url: str) -> None:
    reg = NumberRegister(url)
    with pytest.raises(ValueError, match="calendar year"):
        reg.issue(SERIES, year=2567, date=dt.date(2025, 1, 5))
    with pytest.raises(ValueError, match="series is empty"):
        reg.issue("  ", date=dt.date(2025, 1, 5))
    assert reg.issue(SERIES).year == thai.be_year(dt.date.today())


def test_sqlite_runs_in_wal_with_foreign_keys_and_is_migrated(url: str, tmp_path: Path) -> None:
    engine = open_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert "issued_numbers" in inspect(engine).get_table_names()
    # Opening again is a no-op; a plain path works like a URL.
    assert database_url(tmp_path / "kbo-docs.sqlite") == url
    NumberRegister(tmp_path / "kbo-docs.sqlite").issue(SERIES)


def test_migrations_match_the_models(url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from kbo_docs.store import Base

    engine = open_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_a_newer_database_is_refused_with_a_clear_message(url: str) -> None:
    engine = open_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="upgrade kbo-docs"):
        open_engine(url)


def test_the_unique_constraint_refuses_a_second_row_with_the_same_number(url: str) -> None:
    engine = open_engine(url)
    row = dict(series=SERIES, year=2568, number=7, date=dt.date(2025, 1, 1), subject="", recipient="", file="",
               issued_at=dt.datetime.now(dt.timezone.utc))
    with write_transaction(engine) as conn:
        conn.execute(IssuedNumber.__table__.insert().values(**row))
    with pytest.raises(IntegrityError), write_transaction(engine) as conn:
        conn.execute(IssuedNumber.__table__.insert().values(**row))


def _issue_many(args: tuple[str, int]) -> list[tuple[int, int]]:
    url, count = args
    reg = NumberRegister(url)
    out = []
    for _ in range(count):
        issued = reg.issue(SERIES, date=dt.date(2025, 6, 1))
        out.append((issued.year, issued.number))
    reg.close()
    return out


def test_parallel_processes_never_get_the_same_number(url: str) -> None:
    workers, each = 8, 50
    NumberRegister(url).close()  # created once; the workers also race to open it
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        results = pool.map(_issue_many, [(url, each)] * workers)
    numbers = [n for chunk in results for _, n in chunk]
    assert len(numbers) == workers * each
    assert sorted(numbers) == list(range(1, workers * each + 1))
    for chunk in results:  # each process sees its own numbers rise
        assert [n for _, n in chunk] == sorted(n for _, n in chunk)
    assert [i.number for i in NumberRegister(url).list()] == list(range(1, workers * each + 1))


def test_parallel_processes_open_a_fresh_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.map(_issue_many, [(url, 3)] * 4)
    assert sorted(n for chunk in results for _, n in chunk) == list(range(1, 13))


def test_export_xlsx_in_thai(url: str, tmp_path: Path) -> None:
    reg = NumberRegister(url)
    reg.issue(SERIES, date=dt.date(2025, 3, 4), subject="=1+1", recipient="นายอำเภอ", file="a.yaml")
    reg.issue(SERIES, date=dt.date(2025, 3, 5), subject="ขอเชิญประชุม", recipient="ผู้ใหญ่บ้าน")
    path = tmp_path / "out.xlsx"
    data = reg.export_xlsx(path)
    assert path.read_bytes() == data
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "ทะเบียนหนังสือส่ง"
    assert tuple(c.value for c in ws[2]) == HEADERS
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)]
    assert [r[:5] for r in rows] == [
        ("๑", "ลป ๐๐๑๙.๓/ว ๑", "๔ มีนาคม ๒๕๖๘", "นายอำเภอ", "=1+1"),
        ("๒", "ลป ๐๐๑๙.๓/ว ๒", "๕ มีนาคม ๒๕๖๘", "ผู้ใหญ่บ้าน", "ขอเชิญประชุม"),
    ]
    assert ws.cell(3, 5).data_type == "s"  # user text, never a formula
    assert not any(ch in "0123456789" for r in rows for v in r[:3] for ch in v)
    assert "น." in rows[0][6] and "๒๕" in rows[0][6]


def test_letter_number_spacing() -> None:
    assert thai.letter_number("ลป 0019.3/ว", 25) == "ลป ๐๐๑๙.๓/ว ๒๕"
    assert thai.letter_number("ลป ๐๐๑๙.๓/", 7) == "ลป ๐๐๑๙.๓/๗"
    assert thai.letter_number("ลป ๐๐๑๙.๓/ว", 7, digits="arabic") == "ลป 0019.3/ว 7"
