"""Project years and their versions (every save is a new version; restoring saves an old
text again), and the local accounts of the web front end."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, func, insert, select

from . import write_transaction
from .models import ProjectYear, User, Version


@dataclass(frozen=True)
class VersionInfo:
    project_id: int
    number: int
    text: str
    saved_at: dt.datetime
    author: str
    note: str


@dataclass(frozen=True)
class ProjectInfo:
    id: int
    name: str
    created_at: dt.datetime
    versions: int
    saved_at: dt.datetime | None


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


class ProjectStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, name: str, text: str, author: str = "") -> int:
        """A new project year with its first version; returns its id."""
        now = dt.datetime.now(dt.timezone.utc)
        with write_transaction(self.engine) as conn:
            pid = conn.execute(insert(ProjectYear).values(name=name, created_at=now)).inserted_primary_key[0]
            conn.execute(insert(Version).values(project_id=pid, number=1, text=text, saved_at=now, author=author,
                                                note="สร้าง / created"))
        return int(pid)

    def list(self) -> list[ProjectInfo]:
        v = Version.__table__
        p = ProjectYear.__table__
        query = (
            select(p.c.id, p.c.name, p.c.created_at, func.count(v.c.id), func.max(v.c.saved_at))
            .join(v, v.c.project_id == p.c.id, isouter=True)
            .group_by(p.c.id, p.c.name, p.c.created_at)
            .order_by(p.c.id.desc())
        )
        with self.engine.connect() as conn:
            return [ProjectInfo(r[0], r[1], _utc(r[2]), r[3], _utc(r[4]) if r[4] else None) for r in conn.execute(query)]

    def name(self, project_id: int) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(ProjectYear.name).where(ProjectYear.id == project_id)).scalar_one_or_none()

    def save(self, project_id: int, text: str, author: str = "", note: str = "", name: str | None = None) -> int:
        """A new version (numbered one above the last); returns its number. An unchanged text
        is not saved again: the last version's number comes back."""
        now = dt.datetime.now(dt.timezone.utc)
        v = Version.__table__
        with write_transaction(self.engine) as conn:
            last = conn.execute(
                select(v.c.number, v.c.text).where(v.c.project_id == project_id).order_by(v.c.number.desc()).limit(1)
            ).first()
            if name:
                conn.execute(ProjectYear.__table__.update().where(ProjectYear.id == project_id).values(name=name))
            if last is not None and last.text == text:
                return int(last.number)
            number = (last.number if last else 0) + 1
            conn.execute(insert(v).values(project_id=project_id, number=number, text=text, saved_at=now,
                                          author=author, note=note))
        return number

    def versions(self, project_id: int) -> list[VersionInfo]:
        v = Version.__table__
        with self.engine.connect() as conn:
            rows = conn.execute(select(v).where(v.c.project_id == project_id).order_by(v.c.number.desc()))
            return [VersionInfo(r.project_id, r.number, r.text, _utc(r.saved_at), r.author, r.note) for r in rows]

    def version(self, project_id: int, number: int | None = None) -> VersionInfo | None:
        """A version, or the latest when ``number`` is None."""
        v = Version.__table__
        query = select(v).where(v.c.project_id == project_id)
        query = query.where(v.c.number == number) if number is not None else query.order_by(v.c.number.desc()).limit(1)
        with self.engine.connect() as conn:
            r = conn.execute(query).first()
        return None if r is None else VersionInfo(r.project_id, r.number, r.text, _utc(r.saved_at), r.author, r.note)


# Passwords: scrypt (hashlib) with a random salt per account.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), dklen=32, n=int(n), r=8, p=1)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


class Accounts:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count(User.id))).scalar_one())

    def set_password(self, username: str, password: str) -> None:
        """Create the account, or change its password."""
        if not username.strip() or len(password) < 8:
            raise ValueError("ชื่อผู้ใช้ต้องไม่ว่าง และรหัสผ่านยาวอย่างน้อย ๘ ตัว / a user name and a password of at least 8 characters")
        hashed = hash_password(password)
        u = User.__table__
        with write_transaction(self.engine) as conn:
            if conn.execute(select(u.c.id).where(u.c.username == username)).first():
                conn.execute(u.update().where(u.c.username == username).values(password_hash=hashed))
            else:
                conn.execute(insert(u).values(username=username, password_hash=hashed))

    def verify(self, username: str, password: str) -> bool:
        with self.engine.connect() as conn:
            stored = conn.execute(select(User.password_hash).where(User.username == username)).scalar_one_or_none()
        if stored is None:
            verify_password(password, hash_password("x" * 8))  # same time for unknown users
            return False
        return verify_password(password, stored)
