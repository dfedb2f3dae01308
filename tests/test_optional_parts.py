"""Parts that are not fixed: a signer not yet known, another closing, minutes without an
attendee list or with a group attending, other start/end labels, no weekday, points bulleted
or unnumbered, a resolution in the middle of an agenda item. Each is read back from the PDF
and the DOCX."""

from __future__ import annotations

import pdfplumber
from docx import Document as open_docx

from kbo_docs.api import check_file
from kbo_docs.load import load_text
from kbo_docs.render import render_project

from .helpers import ROOT, replace_once

INVITATION = (ROOT / "samples" / "lampang-kbo-2568-invitation.yaml").read_text(encoding="utf-8")
MEMO = (ROOT / "samples" / "lampang-kbo-2568-memo.yaml").read_text(encoding="utf-8")


def _render(text: str, tmp_path, doc_id: str) -> tuple[str, str]:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_file(path)
    assert result.error is None and result.errors == [], result.findings
    render_project(load_text(text, str(path)), tmp_path / "out", formats=("docx", "pdf"), only=[doc_id])
    with pdfplumber.open(tmp_path / "out" / f"{doc_id}.pdf") as pdf:
        pdf_text = "".join("".join((p.extract_text() or "").split()) for p in pdf.pages)
    docx_text = "".join("".join(p.text.split()) for p in open_docx(tmp_path / "out" / f"{doc_id}.docx").paragraphs)
    return pdf_text, docx_text


MINUTES = INVITATION.replace("""    recorder:
      position: นักวิชาการพัฒนาชุมชนชำนาญการ
""", """    end: ๑๒.๑๕ น.
    start_label: เปิดประชุมเวลา
    end_label: ปิดประชุมเวลา
    weekday: false
    numbering: "-"
    attending:
      - คณะอนุกรรมการเครือข่ายองค์ความรู้ (KBO) อำเภอแจ้ห่ม
    recorder:
      position: นักวิชาการพัฒนาชุมชนชำนาญการ
""").replace("""          - คัดเลือกผลิตภัณฑ์เป้าหมาย จำนวน ๓๔ ผลิตภัณฑ์ ตามทะเบียนจัดสรรกลุ่มเป้าหมาย
""", """          - text: คัดเลือกผลิตภัณฑ์เป้าหมาย จำนวน ๓๔ ผลิตภัณฑ์ ตามทะเบียนจัดสรรกลุ่มเป้าหมาย
            resolution: เห็นชอบรายชื่อผลิตภัณฑ์ตามที่เสนอ
""")


def test_minutes_with_other_labels_no_attendee_list_a_group_and_a_resolution_inside(tmp_path):
    pdf_text, docx_text = _render(MINUTES, tmp_path, "kbo68-meeting-1")
    for text in (pdf_text, docx_text):
        assert "เปิดประชุมเวลา๐๙.๓๐น." in text and "ปิดประชุมเวลา๑๒.๑๕น." in text
        assert "เริ่มประชุมเวลา" not in text
        assert "เมื่อวันที่๒๒มกราคม๒๕๖๘" in text and "วันพุธ" not in text
        assert "ผู้มาประชุม" not in text  # no attendee list given: no heading
        assert "คณะอนุกรรมการเครือข่ายองค์ความรู้(KBO)อำเภอแจ้ห่ม" in text
        assert "-คัดเลือกผลิตภัณฑ์เป้าหมาย" in text and "๑.คัดเลือกผลิตภัณฑ์เป้าหมาย" not in text
        # the resolution follows its point, before the next point of the same item
        at = text.index("มติที่ประชุมเห็นชอบรายชื่อผลิตภัณฑ์ตามที่เสนอ")
        assert text.index("คัดเลือกผลิตภัณฑ์เป้าหมาย") < at < text.index("แผนการลงพื้นที่")


def test_letter_with_no_signer_yet_and_another_closing(tmp_path):
    text = INVITATION.replace("""    signer:
      name: นายอนุชา ศรีสว่าง
      position: รองผู้ว่าราชการจังหวัด
      acting: ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดลำปาง
""", "")
    text = replace_once(text, "    recipient: คณะกรรมการ", "    salutation: กราบเรียน\n    closing: ขอแสดงความนับถืออย่างยิ่ง\n    recipient: คณะกรรมการ")
    pdf_text, docx_text = _render(text, tmp_path, "kbo68-invite-1")
    for read in (pdf_text, docx_text):
        assert "ขอแสดงความนับถืออย่างยิ่ง" in read and "กราบเรียน" in read
        assert "(..........................................)" in read  # room for the signer, dotted
        assert "นายอนุชา" not in read


def test_memo_points_unnumbered(tmp_path):
    text = replace_once(MEMO, 'numbering: "๑."', "numbering: none")
    pdf_text, docx_text = _render(text, tmp_path, "kbo68-plan-memo")
    for read in (pdf_text, docx_text):
        assert "ดังนี้ประชุมคณะกรรมการ" in read.replace("๑.", "X")  # no label before the first point
        assert "๒.ลงพื้นที่" not in read
