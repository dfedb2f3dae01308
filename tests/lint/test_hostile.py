"""Hostile and broken files: each gets one clear line and exit status 2, within bounded time and
memory, and nothing is ever written next to it."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from kbo_docs.api import lint_file
from kbo_docs.lint import Limits

from .test_extract import CONTENT_TYPES, RELS, W, write_package

MiB = 1024 * 1024
SECONDS = 15.0
"""Time any one hostile file may take (most take milliseconds)."""
MAX_RSS_MIB = 600
"""Peak memory of a process that lints all of them at once."""

_XML_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode()
_XML_TAIL = b"</w:t></w:r></w:p></w:body></w:document>"


def _bomb(path: Path, member: str, mib: int, level: int) -> None:
    """A package whose ``member`` expands to ``mib`` MiB of spaces (written in 1 MiB pieces)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open(member, "w", force_zip64=True) as f:
            f.write(_XML_HEAD)
            chunk = b" " * MiB
            for _ in range(mib):
                f.write(chunk)
            f.write(_XML_TAIL)


def _lying_sizes(path: Path) -> None:
    """A DOCX whose ZIP headers say document.xml is 1 KiB while its data inflates to 16 MiB."""
    real = _XML_HEAD + b" " * (16 * MiB) + _XML_TAIL
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", real)
    data = bytearray(path.read_bytes())
    size = len(real).to_bytes(4, "little")
    small = (1024).to_bytes(4, "little")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + offset: start + offset + 4] == size:
                data[start + offset: start + offset + 4] = small
            start += 4
    path.write_bytes(bytes(data))


def _entities(path: Path, doctype: str, use: str) -> None:
    document = f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document {W}><w:body><w:p><w:r><w:t>{use}</w:t></w:r></w:p></w:body></w:document>'
    write_package(path, "", numbering=False, document=document)


def _pdf_pages(path: Path, pages: int) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    with path.open("wb") as f:
        writer.write(f)


def _encrypted_pdf(path: Path, source: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(source))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with path.open("wb") as f:
        writer.write(f)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """name -> (file, words its one-line message must hold)."""
    folder = tmp_path_factory.mktemp("hostile")
    noise = random.Random(5).randbytes(8192)
    files: dict[str, tuple[Path, str]] = {}

    def add(name: str, filename: str, expect: str, data: bytes | None = None) -> Path:
        path = folder / filename
        if data is not None:
            path.write_bytes(data)
        files[name] = (path, expect)
        return path

    add("random-bytes.docx", "random.docx", "not a DOCX file", noise)
    add("text-renamed.docx", "letter.docx", "looks like a text file", "เรียน นายอำเภอ\n".encode() * 50)
    add("pdf-renamed.docx", "scan.docx", "a PDF (rename it .pdf)", b"%PDF-1.7\n" + noise)
    add("old-word-or-encrypted.docx", "old.docx", "old binary Office file", bytes.fromhex("d0cf11e0a1b11ae1") + noise)
    add("empty.docx", "empty.docx", "empty", b"")
    zipped = add("zip-without-document.docx", "nodoc.docx", "not a Word document")
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "hello")
    from openpyxl import Workbook

    book = add("workbook-renamed.docx", "book.docx", "Excel workbook, not a Word document")
    Workbook().save(str(book))
    docx_as_xlsx = add("document-renamed.xlsx", "letter.xlsx", "Word document, not an Excel workbook")
    write_package(docx_as_xlsx, "<w:p/>", numbering=False)
    _bomb(add("zip-bomb-1GiB.docx", "bomb.docx", "zip bomb"), "word/document.xml", 1024, 1)
    _bomb(add("zip-bomb-ratio.docx", "ratio.docx", "expands"), "word/document.xml", 48, 9)
    _bomb(add("zip-bomb.xlsx", "bomb.xlsx", "zip bomb"), "xl/worksheets/sheet1.xml", 256, 1)
    _lying_sizes(add("lying-zip-sizes.docx", "lying.docx", "broken or tampered"))
    _entities(add("external-entity.docx", "xxe.docx", "declares a DTD"),
              '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")
    _entities(add("network-entity.docx", "net.docx", "declares a DTD"),
              '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>', "&xxe;")
    _entities(add("billion-laughs.docx", "laughs.docx", "declares a DTD"),
              '<!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
              '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>', "&h;")
    _entities(add("malformed-xml.docx", "broken.docx", "malformed XML"), "", "<w:t>")
    source = folder / "source.pdf"
    from .build import write_weasyprint_pdf

    write_weasyprint_pdf("เรื่อง ทดสอบ\nภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗\n", source)
    _encrypted_pdf(add("encrypted.pdf", "secret.pdf", "encrypted with a password"), source)
    _pdf_pages(add("500-pages.pdf", "long.pdf", "500 pages"), 500)
    _pdf_pages(add("no-text.pdf", "blank.pdf", "no text that can be read"), 1)
    add("garbage.pdf", "garbage.pdf", "cannot read the PDF", b"%PDF-1.7\n" + noise)
    add("truncated.pdf", "truncated.pdf", "cannot read", source.read_bytes()[:600])
    add("random-bytes.pdf", "random.pdf", "not a PDF file", noise)
    add("binary.txt", "binary.txt", "not a text file", noise + b"\x00")
    add("random-bytes.xlsx", "random.xlsx", "not an XLSX file", noise)
    add("unknown-kind.doc", "old.doc", "save this .doc file as .docx", noise)
    add("unknown-kind.odt", "letter.odt", "save this .odt file", noise)
    add("unknown-kind.html", "page.html", "lint reads", noise)
    files["missing"] = (folder / "missing.docx", "no such file")
    (folder / "folder.docx").mkdir()
    files["directory"] = (folder / "folder.docx", "not a file")
    source.unlink()
    return files


CASES = [
    "random-bytes.docx", "text-renamed.docx", "pdf-renamed.docx", "old-word-or-encrypted.docx", "empty.docx",
    "zip-without-document.docx", "workbook-renamed.docx", "document-renamed.xlsx", "zip-bomb-1GiB.docx",
    "zip-bomb-ratio.docx", "zip-bomb.xlsx", "lying-zip-sizes.docx", "external-entity.docx", "network-entity.docx",
    "billion-laughs.docx", "malformed-xml.docx", "encrypted.pdf", "500-pages.pdf", "no-text.pdf", "garbage.pdf",
    "truncated.pdf", "random-bytes.pdf", "binary.txt", "random-bytes.xlsx", "unknown-kind.doc", "unknown-kind.odt", "unknown-kind.html",
    "missing", "directory",
]


def test_every_case_is_built(hostile):
    assert sorted(hostile) == sorted(CASES)


@pytest.mark.parametrize("name", CASES)
def test_hostile_file_gets_one_clear_line_quickly(hostile, name):
    path, expect = hostile[name]
    start = time.monotonic()
    result = lint_file(path)
    elapsed = time.monotonic() - start
    assert result.error is not None, result.findings
    assert result.exit_code == 2
    message = str(result.error)
    assert expect in message, message
    assert "\n" not in message and "Traceback" not in message
    assert elapsed < SECONDS, f"{name} took {elapsed:.1f} s"


def test_the_external_entity_is_never_read(hostile, monkeypatch):
    """The DTD is refused before any parser sees it: /etc/passwd never appears."""
    result = lint_file(hostile["external-entity.docx"][0])
    assert "root:" not in str(result.error)


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def test_all_at_once_in_bounded_memory_and_nothing_written(hostile, tmp_path):
    """One `kbo-docs lint` process over every hostile file (and a good one): exit 2, one
    message per file, peak memory bounded, the input folder unchanged, the working folder empty."""
    folder = hostile["random-bytes.docx"][0].parent
    good = folder.parent / "good.txt"
    good.write_text("เรียน นายอำเภอ\n", encoding="utf-8")
    before = _snapshot(folder)
    script = (
        "import json, resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))\n"
        "from kbo_docs.cli import main\n"
        "try:\n"
        "    main(sys.argv[1:], prog_name='kbo-docs')\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'code': code, 'rss_kib': rss}), file=sys.stderr)\n"
    )
    paths = [str(hostile[name][0]) for name in CASES] + [str(good)]
    start = time.monotonic()
    run = subprocess.run([sys.executable, "-c", script, "lint", "--format", "json", *paths],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False)
    elapsed = time.monotonic() - start
    status = json.loads(run.stderr.strip().splitlines()[-1])
    assert status["code"] == 2
    reported = json.loads(run.stdout)
    assert [r["file"] for r in reported] == paths[:-1]
    assert all(r["rule"] == "INPUT" and r["severity"] == "error" and r["message"] for r in reported)
    assert status["rss_kib"] / 1024 < MAX_RSS_MIB, f"peak memory {status['rss_kib'] / 1024:.0f} MiB"
    assert elapsed < 120
    assert _snapshot(folder) == before
    assert list(tmp_path.iterdir()) == []


def test_limits_can_be_lowered(tmp_path):
    """The bounds are parameters: a 3-page PDF is refused when lint may read 2 pages, and a long
    text file when it may read fewer bytes."""
    pdf = tmp_path / "three.pdf"
    _pdf_pages(pdf, 3)
    result = lint_file(pdf, limits=Limits(max_pages=2))
    assert result.exit_code == 2 and "at most 2" in str(result.error)
    text = tmp_path / "long.txt"
    text.write_text("ก" * 2000, encoding="utf-8")
    result = lint_file(text, limits=Limits(max_text_bytes=1000))
    assert result.exit_code == 2 and "text file of" in str(result.error)


def test_reading_time_is_bounded(tmp_path):
    """A document that takes longer than the time budget to read is stopped with a message."""
    pdf = tmp_path / "five.pdf"
    _pdf_pages(pdf, 5)
    result = lint_file(pdf, limits=Limits(max_seconds=0.0))
    assert result.exit_code == 2 and "longer than" in str(result.error)
