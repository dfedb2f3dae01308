"""The embedded database: SQLAlchemy 2 models and the Alembic migrations that create them.

:func:`open_engine` takes any SQLAlchemy URL (``sqlite:////path/kbo-docs.sqlite`` by default,
``postgresql://...`` for a province running one server) or a plain file path, and brings the
schema to the newest revision before returning: the migrations travel inside the package and
run on open, so there is nothing to set up by hand. SQLite runs in WAL mode with foreign keys on;
:func:`write_transaction` takes SQLite's write lock at ``BEGIN`` so that a transaction that reads
and then writes (the next letter number) never races another process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from .models import Base, IssuedNumber, ProjectYear, User, Version

__all__ = ["Base", "IssuedNumber", "ProjectYear", "User", "Version", "StoreError", "database_url", "open_engine", "write_transaction"]

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_S = 30
_IMMEDIATE = "kbo_immediate"


class StoreError(RuntimeError):
    """The database cannot be used (a newer schema than this version knows, a bad URL)."""


def database_url(url_or_path: str | Path) -> str:
    """A SQLAlchemy URL: URLs pass through; a plain path becomes ``sqlite:///<absolute path>``."""
    text = str(url_or_path)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def open_engine(url_or_path: str | Path) -> Engine:
    """An engine on the database, migrated to the newest schema."""
    url = database_url(url_or_path)
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy.exc.ArgumentError: unreadable URL
        raise StoreError(f"อ่าน URL ฐานข้อมูลไม่ได้ / cannot read the database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_setup(engine)
    else:
        try:
            engine = create_engine(parsed, pool_pre_ping=True)
        except (ImportError, ArgumentError) as exc:  # an unknown scheme, or postgresql:// without a driver
            raise StoreError(f"ไม่มีไดรเวอร์ฐานข้อมูล / no database driver for {parsed.drivername}: {exc} "
                             "(install one into the venv, e.g. pip install psycopg)") from None
    try:
        migrate(engine)
    except (OperationalError, OSError) as exc:
        raise StoreError(f"เปิดฐานข้อมูลไม่ได้ / cannot open the database {parsed.render_as_string(hide_password=True)}: "
                         f"{getattr(exc, 'orig', None) or exc}") from None
    return engine


def _sqlite_setup(engine: Engine) -> None:
    """WAL, foreign keys and a busy timeout on every connection; SQLAlchemy (not the sqlite3
    module) emits ``BEGIN``, as ``BEGIN IMMEDIATE`` for :func:`write_transaction`."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_IMMEDIATE) else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it holds the write lock from its first read;
    on PostgreSQL it is an ordinary transaction (the unique constraints catch a race)."""
    with engine.connect().execution_options(**{_IMMEDIATE: True}) as conn, conn.begin():
        yield conn


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision, one process at a time."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(1414)")
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, "head")
        except CommandError as exc:
            raise StoreError(
                f"ฐานข้อมูลมาจากรุ่นที่ใหม่กว่า ({current}) ปรับรุ่น kbo-docs / the database is at revision "
                f"{current}, which this kbo-docs does not know: upgrade kbo-docs ({exc})"
            ) from None
