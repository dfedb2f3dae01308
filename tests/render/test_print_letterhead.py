"""Issue 12 point 6: ``render --template letterhead.docx`` puts the document into an office's
own Word letterhead, made here in LibreOffice: its page set-up, header, styles and emblem
are kept, our content is its body."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm, Pt

from kbo_docs.render import ooxml

from ..helpers import run_cli
from .printed import LAMPANG, bare, libreoffice_pdfs, pdf_lines

HEADER = "หัวจดหมายสำนักงานทดสอบ"


@pytest.fixture(scope="module")
def letterhead(tmp_path_factory) -> Path:
    """A letterhead written by LibreOffice: margins 2.5 cm, a header line, an emblem
    picture in the body, Laksaman 15 pt as the body font."""
    from PIL import Image

    tmp = tmp_path_factory.mktemp("letterhead")
    Image.new("RGB", (90, 110), (20, 20, 160)).save(tmp / "emblem.png")
    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.5)
    section.header.paragraphs[0].text = HEADER
    doc.add_paragraph().add_run().add_picture(str(tmp / "emblem.png"), height=Cm(2))
    doc.add_paragraph("ข้อความตัวอย่างของหัวจดหมาย")
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Laksaman", Pt(15)
    draft = tmp / "draft" / "letterhead.docx"
    draft.parent.mkdir()
    doc.save(draft)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp), str(draft)],
                   check=True, capture_output=True, timeout=300)
    made = tmp / "letterhead.docx"
    assert b"LibreOffice" in Path(made).read_bytes() or made.stat().st_size > 0
    return made


@pytest.fixture(scope="module")
def rendered(letterhead, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    run = run_cli("render", str(LAMPANG), "-o", str(out), "--only", "kbo68-districts", "--format", "docx",
                  "--template", str(letterhead))
    assert run.code == 0, run.output
    return sorted(out.glob("kbo68-districts-*.docx"))[0]  # the first district's letter (one per recipient)


def test_letterhead_page_setup_header_styles_and_emblem_kept(letterhead, rendered):
    base, doc = Document(str(letterhead)), Document(str(rendered))
    assert doc.sections[0].left_margin == base.sections[0].left_margin
    assert abs(doc.sections[0].left_margin - Cm(2.5)) < Cm(0.01)
    assert HEADER in "".join(p.text for p in doc.sections[0].header.paragraphs)
    assert doc.styles["Normal"].font.name == "Laksaman"
    body = doc.element.body
    assert list(body.iter(f"{{{ooxml.WP_NS}}}inline"))  # the emblem
    texts = [p.text for p in doc.paragraphs]
    assert "ข้อความตัวอย่างของหัวจดหมาย" not in texts
    assert any(t.startswith("ที่ ลป") for t in texts) and "ขอแสดงความนับถือ" in texts
    assert any(p.style.style_id == ooxml.SIGN_STYLE for p in doc.paragraphs)
    images = [n for n in __import__("zipfile").ZipFile(rendered).namelist() if n.startswith("word/media/")]
    assert len(images) == 1  # the letterhead's emblem; no placeholder of ours


def test_letterhead_output_prints_in_libreoffice(rendered, tmp_path):
    (pdf,) = libreoffice_pdfs([rendered], tmp_path / "lo", tmp_path)
    pages = pdf_lines(pdf)
    first = [bare(ln.text) for ln in pages[0]]
    assert bare(HEADER) in first[0]
    assert any(bare("ที่ ลป") in t for t in first)
    assert any(bare("ขอแสดงความนับถือ") == bare(ln.text) for page in pages for ln in page)


def test_missing_letterhead_is_one_line_exit_2(tmp_path):
    run = run_cli("render", str(LAMPANG), "-o", str(tmp_path), "--format", "docx", "--template", str(tmp_path / "none.docx"))
    assert run.code == 2 and "none.docx" in run.output and "Traceback" not in run.output


def test_broken_letterhead_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    run = run_cli("render", str(LAMPANG), "-o", str(tmp_path / "o"), "--format", "docx", "--template", str(bad))
    assert run.code == 2 and "bad.docx" in run.output and "Traceback" not in run.output
