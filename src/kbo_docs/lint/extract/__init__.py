"""Extractors: a file in, a :class:`~kbo_docs.lint.document.Document` out, or InputError.

The kind is chosen by the file's extension and checked against its first bytes, so a text
file renamed ``.docx`` or a PDF renamed ``.txt`` gets a message that says what it is. Each
extractor imports its library (lxml, openpyxl, pdfplumber) only when called: linting a text
file imports none of them.
"""

from __future__ import annotations

from pathlib import Path

from ...findings import InputError
from ..document import Document
from ..limits import DEFAULT, Limits

KINDS = {".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
         ".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".pdf": "pdf"}
SUFFIXES = ", ".join(sorted({".docx", ".xlsx", ".pdf", ".txt", ".md"}))


def extract(path: str | Path, limits: Limits = DEFAULT) -> Document:
    """Read one document. Unusable input raises InputError with one clear line; nothing is
    ever written anywhere (no caches, no converted copies next to the input)."""
    path = Path(path)
    name = str(path)
    kind = KINDS.get(path.suffix.lower())
    if kind is None and path.suffix.lower() in (".doc", ".xls", ".rtf", ".odt", ".ods"):
        raise InputError(f"ตรวจได้เฉพาะ {SUFFIXES} / lint reads {SUFFIXES}: save this {path.suffix} file as .docx or .xlsx", name)
    if kind is None:
        raise InputError(f"ตรวจได้เฉพาะ {SUFFIXES} / lint reads {SUFFIXES} files, not '{path.suffix or path.name}'", name)
    try:
        if not path.exists():
            raise InputError("ไม่พบแฟ้ม / no such file", name)
        if not path.is_file():
            raise InputError("ไม่ใช่แฟ้ม / not a file", name)
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise InputError(f"แฟ้มใหญ่เกินไป / the file is {size:,} bytes (at most {limits.max_file_bytes:,})", name)
        if size == 0:
            raise InputError("แฟ้มว่างเปล่า / the file is empty", name)
        doc = _extract(path, kind, limits)
        if len(doc.blocks) > limits.max_blocks:
            raise InputError(f"เอกสารยาวเกินไป / the document has {len(doc.blocks):,} paragraphs and tables "
                             f"(at most {limits.max_blocks:,}): split it", name)
        return doc
    except PermissionError:
        raise InputError("อ่านแฟ้มไม่ได้ (ไม่มีสิทธิ์) / permission denied", name) from None
    except MemoryError:
        raise InputError("หน่วยความจำไม่พอ / out of memory while reading the file", name) from None
    except RecursionError:
        raise InputError("โครงสร้างซ้อนลึกเกินไป / the file nests too deeply to read", name) from None
    except OSError as exc:
        raise InputError(f"อ่านแฟ้มไม่ได้ / cannot read the file: {exc.strerror or exc}", name) from None
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001  (never a traceback for a file: say what failed instead)
        raise InputError(f"อ่านแฟ้มไม่ได้ / cannot read the file ({kind}): {type(exc).__name__}: {exc}", name) from None


def _extract(path: Path, kind: str, limits: Limits) -> Document:
    if kind == "text":
        from .text import extract_text

        return extract_text(path, limits)
    if kind == "docx":
        from .docx import extract_docx

        return extract_docx(path, limits)
    if kind == "xlsx":
        from .xlsx import extract_xlsx

        return extract_xlsx(path, limits)
    from .pdf import extract_pdf

    return extract_pdf(path, limits)
