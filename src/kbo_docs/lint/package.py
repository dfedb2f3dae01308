"""Opening DOCX and XLSX packages safely: ZIP checks before anything is decompressed, reads
capped in bytes, and XML parsed without DTDs, entities or network access.

- A file that is not a ZIP package gets a message naming what it looks like (an old binary
  Office file or a password-protected one, a PDF, text).
- Every member's declared uncompressed size, the total, and the compression ratio of large
  members are checked from the ZIP directory before any member is read (zip bombs); reads
  are capped as well, and :mod:`zipfile` itself never inflates past a member's declared size.
- XML with a DOCTYPE (the carrier of external entities and of "billion laughs") is refused:
  OOXML never uses one. lxml parses with ``resolve_entities=False``, ``no_network=True``,
  ``load_dtd=False`` as a second line of defence.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ..findings import InputError
from .limits import Limits, MiB

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)

OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


def what_is(head: bytes) -> str:
    """A short description of what a file's first bytes look like."""
    if head.startswith(OLE_MAGIC):
        return ("an old binary Office file (.doc/.xls) or a password-protected Office file; "
                "save it as .docx/.xlsx without a password")
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "a PDF (rename it .pdf)"
    if head.startswith(b"{\\rtf"):
        return "an RTF file; save it as .docx"
    if not head:
        return "an empty file"
    if b"\x00" not in head[:4096]:
        return "a text file"
    return "unknown binary data"


def open_package(path: Path, kind: str, limits: Limits) -> zipfile.ZipFile:
    """Open ``path`` as a ZIP package after checking its directory against ``limits``."""
    name = str(path)
    with path.open("rb") as f:
        head = f.read(4096)
    if not head.startswith(ZIP_MAGIC):
        article = "an" if kind.upper().startswith("X") else "a"
        raise InputError(f"ไม่ใช่แฟ้ม {kind.upper()} / not {article} {kind.upper()} file: it looks like {what_is(head)}", name)
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise InputError(f"แฟ้ม {kind.upper()} เสียหาย / broken {kind.upper()} package (ZIP): {exc}", name) from None
    try:
        check_directory(package, name, limits)
    except InputError:
        package.close()
        raise
    return package


def check_directory(package: zipfile.ZipFile, name: str, limits: Limits) -> None:
    members = package.infolist()
    if len(members) > limits.max_members:
        raise InputError(f"แพ็กเกจมีแฟ้มย่อยมากเกินไป / the package holds {len(members)} parts (at most {limits.max_members})", name)
    total = 0
    for info in members:
        size = info.file_size
        total += size
        if size > limits.max_part_bytes:
            raise InputError(
                f"แฟ้มย่อยใหญ่เกินไป (อาจเป็น zip bomb) / part {info.filename} would expand to {size / MiB:,.0f} MiB "
                f"(at most {limits.max_part_bytes / MiB:,.0f} MiB): refusing to read it (zip bomb?)", name,
            )
        if size > MiB and size > limits.max_ratio * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise InputError(
                f"อัตราการบีบอัดสูงผิดปกติ (อาจเป็น zip bomb) / part {info.filename} expands {ratio:,.0f} times "
                f"(at most {limits.max_ratio}): refusing to read it (zip bomb?)", name,
            )
    if total > limits.max_package_bytes:
        raise InputError(
            f"แพ็กเกจใหญ่เกินไป / the package would expand to {total / MiB:,.0f} MiB "
            f"(at most {limits.max_package_bytes / MiB:,.0f} MiB): refusing to read it (zip bomb?)", name,
        )


def read_member(package: zipfile.ZipFile, member: str, name: str, limits: Limits) -> bytes:
    """A member's bytes, at most ``limits.max_part_bytes`` of them (whatever its header says)."""
    try:
        with package.open(member) as f:
            data = f.read(limits.max_part_bytes + 1)
    except KeyError:
        raise InputError(f"ไม่พบส่วน {member} ในแพ็กเกจ / the package has no part {member}", name) from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(f"อ่านส่วน {member} ไม่ได้ / cannot read part {member} (a broken or tampered package): {exc}", name) from None
    if len(data) > limits.max_part_bytes:
        raise InputError(f"ส่วน {member} ใหญ่เกินไป / part {member} is larger than {limits.max_part_bytes / MiB:,.0f} MiB", name)
    return data


def refuse_dtd(data: bytes, member: str, name: str) -> None:
    if _DTD.search(data):
        raise InputError(
            f"XML ใน {member} มี DOCTYPE/ENTITY ซึ่ง OOXML ไม่ใช้ / part {member} declares a DTD or entities "
            "(never used by Word or Excel; possible external-entity or entity-expansion attack): not read", name,
        )


def parse_xml(data: bytes, member: str, name: str) -> Any:
    """An lxml element tree from a member's bytes: no DTD, no entities, no network."""
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - an installation without lxml
        raise InputError("อ่าน DOCX ต้องติดตั้ง lxml / reading DOCX needs lxml (pip install lxml)", name) from None

    refuse_dtd(data, member, name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"XML ใน {member} เสียหาย / malformed XML in {member}: {exc}", name) from None
    if root is None:
        raise InputError(f"XML ใน {member} ว่างเปล่า / empty XML in {member}", name)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or getattr(docinfo, "internalDTD", None) is not None:
        refuse_dtd(b"<!DOCTYPE", member, name)
    return root


def main_part(package: zipfile.ZipFile, name: str, limits: Limits) -> str | None:
    """The package's main part (``word/document.xml``, ``xl/workbook.xml``), from ``_rels/.rels``."""
    if "_rels/.rels" not in package.namelist():
        return None
    root = parse_xml(read_member(package, "_rels/.rels", name, limits), "_rels/.rels", name)
    for rel in root:
        if rel.get("Type") in (OFFICE_DOCUMENT, STRICT_OFFICE_DOCUMENT):
            target = rel.get("Target", "")
            return posixpath.normpath(target.lstrip("/"))
    return None


def part_rels(package: zipfile.ZipFile, part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def related(package: zipfile.ZipFile, part: str, type_suffix: str, name: str, limits: Limits) -> str | None:
    """The part that ``part`` relates to with a relationship type ending in ``type_suffix``."""
    rels = part_rels(package, part)
    if rels not in package.namelist():
        return None
    root = parse_xml(read_member(package, rels, name, limits), rels, name)
    for rel in root:
        if rel.get("Type", "").endswith(type_suffix) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            if target.startswith("/"):
                return posixpath.normpath(target.lstrip("/"))
            return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
    return None
