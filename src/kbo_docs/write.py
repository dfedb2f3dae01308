"""Writing output files safely: all or nothing.

A set of outputs is written to temporary files in the target folder first; only when every one
of them has been written completely are they renamed to their final names. If anything fails
(disk full, a read-only folder, a name too long for the file system) none of the set is left
behind, temporary files included, and the error is one :class:`InputError` line. An existing
file is never replaced unless asked (signed documents live in output folders), and a target
that is a link or a folder is refused rather than followed. When asked to replace, the old files
are first moved aside in their folder and put back if any file of the set fails, so a failed
``--overwrite`` leaves the folder as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .findings import InputError

_EXISTS = "มีแฟ้มนี้อยู่แล้ว ใช้ --overwrite เพื่อเขียนทับ / file exists (use --overwrite)"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def os_error_message(exc: OSError) -> str:
    """One Thai / English line for an operating-system error while writing."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "ดิสก์เต็ม ไม่ได้เขียนแฟ้มใดเลย / the disk is full: nothing was written"
    if code in (errno.EROFS,):
        return "โฟลเดอร์นี้อ่านได้อย่างเดียว / the folder is read-only: choose another output folder"
    if code in (errno.EACCES, errno.EPERM):
        return "ไม่มีสิทธิ์เขียนในโฟลเดอร์นี้ / permission denied: choose a folder you can write to"
    if code == errno.ENAMETOOLONG:
        return "ชื่อแฟ้มยาวเกินไป / the file name is too long for the file system: use a shorter id"
    if code == errno.ENOTDIR:
        return "ส่วนหนึ่งของเส้นทางเป็นแฟ้ม ไม่ใช่โฟลเดอร์ / a part of the path is a file, not a folder"
    if code == errno.EISDIR:
        return "ปลายทางเป็นโฟลเดอร์ / the target is a folder, not a file"
    if code == errno.ELOOP:
        return "ปลายทางเป็นลิงก์วนซ้ำ / the target is a link that loops"
    return f"เขียนแฟ้มไม่ได้ / cannot write: {exc.strerror or exc}"


def _name_max(folder: Path) -> int:
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        return os.pathconf(probe, "PC_NAME_MAX")
    except (OSError, ValueError):
        return 255


def preflight(target: Path, overwrite: bool) -> None:
    """Refuse what would fail or surprise before anything is written."""
    name = str(target)
    if len(os.fsencode(target.name)) + 16 > _name_max(target.parent):  # + room for the temporary name
        raise InputError(os_error_message(OSError(errno.ENAMETOOLONG, "")), name)
    if target.is_symlink():
        raise InputError("ปลายทางเป็นลิงก์ ไม่เขียนตามลิงก์ / the target is a link: remove it or choose another folder", name)
    if target.is_dir():
        raise InputError(os_error_message(OSError(errno.EISDIR, "")), name)
    if target.exists() and not overwrite:
        raise InputError(_EXISTS, name)
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(os_error_message(OSError(errno.ENOTDIR, "")), str(parent))
            break


def write_all(items: Iterable[tuple[str | Path, bytes]], *, overwrite: bool = False) -> list[Path]:
    """Write every ``(path, data)``, or none of them. Returns the paths written.

    With ``overwrite`` an existing target is first moved aside to a temporary name in its own
    folder, so that a failure on a later file can put every original back as it was; the
    set-aside originals are removed only once the whole set is in place.
    """
    pending = [(Path(path), data) for path, data in items]
    for target, _ in pending:
        preflight(target, overwrite)
    temps: list[tuple[Path, str]] = []
    aside: list[tuple[Path, str]] = []  # (target, where its original now is)
    done: list[Path] = []
    current = pending[0][0] if pending else Path(".")
    try:
        for target, data in pending:
            current = target
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".kbo-", suffix=".tmp", dir=target.parent)
            temps.append((target, tmp))
            os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a document is an ordinary file
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for target, tmp in temps:
            current = target
            if overwrite and target.exists():
                _set_aside(target, aside)
            os.link(tmp, target)  # fails if the target appeared meanwhile: never clobbers
            done.append(target)
    except FileExistsError:
        _undo(done, temps, aside)
        raise InputError(_EXISTS, str(current)) from None
    except OSError as exc:
        _undo(done, temps, aside)
        raise InputError(os_error_message(exc), str(current)) from None
    except BaseException:
        _undo(done, temps, aside)
        raise
    for _, tmp in temps:
        _remove(tmp)
    for _, old in aside:
        try:
            _remove(old)
        except OSError:
            pass
    return done


def _set_aside(target: Path, aside: list[tuple[Path, str]]) -> None:
    """Move an existing ``target`` to a fresh temporary name in its folder, noting where."""
    fd, old = tempfile.mkstemp(prefix=".kbo-", suffix=".old", dir=target.parent)
    os.close(fd)
    try:
        os.replace(target, old)  # one rename: the original is never copied, never half-moved
    except BaseException:
        _remove(old)
        raise
    aside.append((target, old))


def _remove(path: str | Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _undo(done: list[Path], temps: list[tuple[Path, str]], aside: list[tuple[Path, str]]) -> None:
    """Take back a partly written set: the new names we linked, our temporary files, and put
    every original that was set aside back under its name (best effort: an original that
    cannot be put back stays under its temporary name rather than being lost)."""
    for target in done:
        try:
            _remove(target)
        except OSError:
            pass
    for _, tmp in temps:
        try:
            _remove(tmp)
        except OSError:
            pass
    for target, old in reversed(aside):
        try:
            os.replace(old, target)
        except OSError:
            pass


def write_bytes_atomic(path: str | Path, data: bytes, *, overwrite: bool = False) -> Path:
    return write_all([(path, data)], overwrite=overwrite)[0]


def write_text_atomic(path: str | Path, text: str, *, overwrite: bool = False) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), overwrite=overwrite)
