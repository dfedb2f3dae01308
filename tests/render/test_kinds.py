"""The four kinds of issue 13 render from their samples to DOCX and PDF: the parts of the
standard layout are there when read back, and the Garuda has its size and place (ข้อ 71:
3 cm top centre on กระดาษตราครุฑ, 1.5 cm top left on กระดาษบันทึกข้อความ)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from kbo_docs.api import check_file
from kbo_docs.load import load_project
from kbo_docs.render import render_project

from ..helpers import ROOT

SAMPLES = ROOT / "samples"
CM = 72 / 2.54

# sample, document id, the words each page-one must carry, Garuda (height cm, where)
KINDS = {
    "memo": ("kbo68-plan-memo", ["บันทึกข้อความ", "ส่วนราชการ", "ที่ลป๐๐๑๙.๓/๑๑๘", "วันที่๒๗ธันวาคม๒๕๖๗", "เรื่อง", "เรียน"], (1.5, "left")),
    "order": ("kbo68-committee", ["คำสั่งจังหวัดลำปาง", "ที่๑๒/๒๕๖๘", "ประธานกรรมการ", "กรรมการและเลขานุการ",
                                  "ทั้งนี้ตั้งแต่วันที่๘มกราคม๒๕๖๘เป็นต้นไป", "สั่งณวันที่๘มกราคมพ.ศ.๒๕๖๘"], (3.0, "centre")),
    "invitation": ("kbo68-invite-1", ["ที่ลป๐๐๑๙.๓/ว๓๑๒", "สิ่งที่ส่งมาด้วยระเบียบวาระการประชุม", "วันพุธที่๒๒มกราคม๒๕๖๘",
                                      "เวลา๐๙.๓๐น.", "ขอแสดงความนับถือ"], (3.0, "centre")),
    "announcement": ("kbo68-selected", ["ประกาศจังหวัดลำปาง", "เรื่องรายชื่อผลิตภัณฑ์", "ประกาศณวันที่๒๔มกราคมพ.ศ.๒๕๖๘"],
                     (3.0, "centre")),
}


def _sample(kind: str) -> Path:
    return SAMPLES / f"lampang-kbo-2568-{kind}.yaml"


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Every sample rendered with a stand-in Garuda image (kbo-docs never ships the Garuda)."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("kinds")
    Image.new("RGB", (100, 110), (0, 0, 0)).save(folder / "garuda.png")
    for kind in KINDS:
        text = _sample(kind).read_text(encoding="utf-8").replace("  digits: thai", "  garuda_image: garuda.png\n  digits: thai", 1)
        (folder / f"{kind}.yaml").write_text(text, encoding="utf-8")
        result = render_project(load_project(folder / f"{kind}.yaml"), folder / "out", formats=("docx", "pdf"))
        assert result.warnings == []
    return {kind: folder / "out" for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_sample_checks_clean(kind):
    result = check_file(_sample(kind))
    assert result.error is None and result.findings == []


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_first_page_has_the_parts(rendered, kind):
    doc_id, words, _ = KINDS[kind]
    with pdfplumber.open(rendered[kind] / f"{doc_id}.pdf") as pdf:
        text = _squash(pdf.pages[0].extract_text() or "")
    for word in words[:-1] if kind == "invitation" else words:
        assert word in text, (word, text[:400])


@pytest.mark.parametrize("kind", KINDS)
def test_docx_has_the_same_parts(rendered, kind):
    doc_id, words, _ = KINDS[kind]
    document = open_docx(rendered[kind] / f"{doc_id}.docx")
    text = _squash("\n".join(p.text for p in document.paragraphs))
    for word in words:
        assert word in text, (word, text[:400])


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_garuda_size_and_place(rendered, kind):
    doc_id, _, (height_cm, where) = KINDS[kind]
    with pdfplumber.open(rendered[kind] / f"{doc_id}.pdf") as pdf:
        page = pdf.pages[0]
        (image,) = page.images
        width = page.width
    assert image["height"] == pytest.approx(height_cm * CM, abs=1)
    assert image["top"] == pytest.approx(1.5 * CM, abs=1)  # 1.5 cm from the paper's top edge
    if where == "left":
        assert image["x0"] == pytest.approx(3 * CM, abs=1)  # at the 3 cm left margin
    else:
        # Centred on the page (10.5 cm from the left edge), as the circular and the DOCX have it
        assert (image["x0"] + image["x1"]) / 2 == pytest.approx(10.5 * CM, abs=1)
        assert width == pytest.approx(21 * CM, abs=1)


@pytest.mark.parametrize("kind", KINDS)
def test_docx_garuda_size_and_place(rendered, kind):
    from docx.oxml.ns import qn

    doc_id, _, (height_cm, where) = KINDS[kind]
    body = open_docx(rendered[kind] / f"{doc_id}.docx").element.body
    (anchor,) = body.iter(qn("wp:anchor"))
    extent = anchor.find(qn("wp:extent"))
    assert int(extent.get("cy")) == pytest.approx(height_cm * 360000, rel=0.01)
    h = anchor.find(qn("wp:positionH"))
    assert h.find(qn("wp:align")).text == ("left" if where == "left" else "center")
    assert h.get("relativeFrom") == ("margin" if where == "left" else "page")


def test_invitation_agenda_is_the_meetings(rendered):
    """The enclosure lists the meeting's agenda on a page of its own, from the meeting entry."""
    meeting = load_project(_sample("invitation")).project.meetings[0]
    with pdfplumber.open(rendered["invitation"] / "kbo68-invite-1.pdf") as pdf:
        agenda = _squash(pdf.pages[-1].extract_text() or "")
        first = _squash(pdf.pages[0].extract_text() or "")
    assert "ระเบียบวาระการประชุม" in agenda and "ครั้งที่๑/๒๕๖๘" in agenda
    for i, item in enumerate(meeting.agenda, start=1):
        assert _squash(item.title) in agenda
    assert "ระเบียบวาระที่๔" in agenda and "ระเบียบวาระที่๕" not in agenda
    assert "เรื่องเสนอเพื่อพิจารณา" not in first  # the letter does not carry the agenda itself


def test_memo_header_values_run_on_dotted_lines(rendered):
    """ส่วนราชการ, ที่, วันที่, เรื่อง: each value runs on to a dotted tab leader (จุดไข่ปลา), in
    the DOCX as tab leaders and in the PDF as a dotted rule under the value."""
    from docx.enum.text import WD_TAB_LEADER

    document = open_docx(rendered["memo"] / "kbo68-plan-memo.docx")
    header = [p for p in document.paragraphs if p.text.startswith(("ส่วนราชการ", "ที่", "เรื่อง"))][:3]
    assert [p.text.split()[0] for p in header] == ["ส่วนราชการ", "ที่", "เรื่อง"]
    for p in header:
        assert p.text.endswith("\t")
        assert WD_TAB_LEADER.DOTS in [t.leader for t in p.paragraph_format.tab_stops]
    with pdfplumber.open(rendered["memo"] / "kbo68-plan-memo.pdf") as pdf:
        rules = pdf.pages[0].rects  # the boxes whose dotted bottom border is the line
    assert len({round(r["top"]) for r in rules}) == 3  # under ส่วนราชการ, ที่ / วันที่, เรื่อง
    assert all(r["width"] > 3 * 72 / 2.54 for r in rules)  # each runs on past its value (> 3 cm)


def test_forced_invitation_without_its_meeting_is_one_line_exit_2(tmp_path):
    from ..helpers import run_cli

    text = _sample("invitation").read_text(encoding="utf-8").replace("meeting: kbo68-meeting-1", "meeting: nope", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    run = run_cli("render", str(path), "-o", str(tmp_path / "out"), "--force")
    assert run.code == 2, run.output
    assert "Traceback" not in run.output
    assert "INV001" in run.stderr and "nope" in run.stderr and "bad.yaml" in run.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_forced_unknown_reference_is_one_line_exit_2(tmp_path):
    from ..helpers import run_cli

    text = _sample("memo").read_text(encoding="utf-8").replace("${project_short}", "${project_shrt}", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    run = run_cli("render", str(path), "-o", str(tmp_path / "out"), "--force")
    assert run.code == 2 and "Traceback" not in run.output, run.output
    assert "${project_shrt}" in run.stderr and "TXT006" in run.stderr


def test_refusal_reads_the_findings_of_a_check_already_made(tmp_path):
    """``kbo-docs render`` hands its check's findings to render_project, which refuses what
    --force cannot render past from them (no second check): the same refusal as checking."""
    from kbo_docs.api import check_file
    from kbo_docs.findings import InputError
    from kbo_docs.render import render_project

    text = _sample("memo").read_text(encoding="utf-8").replace("${project_short}", "${project_shrt}", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = check_file(path)
    assert "TXT006" in {f.rule for f in result.findings}
    refusals = []
    for checked in (None, result.findings):
        with pytest.raises(InputError) as refused:
            render_project(result.loaded, tmp_path / "out", formats=["docx"], checked=checked)
        refusals.append((str(refused.value), refused.value.line))
    assert refusals[0] == refusals[1] and "TXT006" in refusals[0][0] and "${project_shrt}" in refusals[0][0]
    assert "even with --force" in refusals[0][0]
    # the findings are what is read: without TXT006 among them nothing is refused up front, and
    # it is the view that cannot print the reference (its own message, not the check's)
    clean = [f for f in result.findings if f.rule != "TXT006"]
    with pytest.raises(InputError) as later:
        render_project(result.loaded, tmp_path / "forced", formats=["docx"], checked=clean)
    assert "even with --force" not in str(later.value) and "${project_shrt}" in str(later.value)
