"""``kbo-docs serve`` options: accounts, and no listening beyond loopback without one."""

from __future__ import annotations

from click.testing import CliRunner

from kbo_docs.api import Accounts, open_engine
from kbo_docs.cli import main


def test_add_user_then_verify(tmp_path) -> None:
    data = tmp_path / "data"
    r = CliRunner().invoke(main, ["serve", "--data", str(data), "--add-user", "clerk"], input="ลับมาก-123\nลับมาก-123\n")
    assert r.exit_code == 0, r.output
    accounts = Accounts(open_engine(data / "kbo-docs.sqlite"))
    assert accounts.verify("clerk", "ลับมาก-123") and not accounts.verify("clerk", "ลับมาก-124")
    r = CliRunner().invoke(main, ["serve", "--data", str(data), "--add-user", "x"], input="short\nshort\n")
    assert r.exit_code == 2 and "8" in r.output


def test_beyond_loopback_needs_an_account_first(tmp_path) -> None:
    r = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d"), "--host", "0.0.0.0"])
    assert r.exit_code == 2
    assert "--add-user" in r.output and "Traceback" not in r.output


def test_a_database_from_a_newer_version_is_one_clear_line(tmp_path) -> None:
    from sqlalchemy import text

    engine = open_engine(tmp_path / "d" / "kbo-docs.sqlite")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    r = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d")])
    assert r.exit_code == 2 and "upgrade kbo-docs" in r.output and "Traceback" not in r.output


def test_a_database_that_cannot_be_opened_is_one_clear_line(tmp_path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "kbo-docs.sqlite").mkdir()  # a folder where the database file should be
    r = CliRunner().invoke(main, ["serve", "--data", str(folder)])
    assert r.exit_code == 2 and "cannot open the database" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(main, ["serve", "--data", str(folder), "--database", "nosuchdb://x/y"])
    assert r.exit_code == 2 and "Traceback" not in r.output
