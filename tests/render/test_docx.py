"""DOCX backend: read the produced files back as XML and check fonts, page set-up, layout,
text and order; user text stays literal; broken templates give a clear TemplateError; every
sample converts with LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kbo_docs.load import load_project, load_text
from kbo_docs.render import ooxml
from kbo_docs.render.docx import render_docx
from kbo_docs.render.jinja import TemplateError
from kbo_docs.render.view import Document, Views

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
LAMPANG = SAMPLES / "lampang-kbo-2568.yaml"
CHIANGMAI = SAMPLES / "chiangmai-kbo-meeting-1-2565.yaml"
TEMPLATES = ROOT / "templates" / "docx"

NS = {
    "w": ooxml.W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
W = ooxml.w
FONT = "TH SarabunIT๙"
APT_HINT = "apt-get install libreoffice-writer fonts-thai-tlwg"


# ---------------------------------------------------------------- helpers

def documents(path: Path) -> dict[str, Document]:
    """The first document of each kind (of a circular to many recipients: its first letter)."""
    found: dict[str, Document] = {}
    for d in Views(load_project(path).project).documents():
        found.setdefault(d.kind, d)
    return found


def docs_from_text(text: str) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for d in Views(load_text(text, "test.yaml").project).documents():
        found.setdefault(d.kind, d)
    return found


class Docx:
    """A rendered DOCX opened for reading: parts as lxml trees."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.document = self.xml("word/document.xml")
        self.styles = self.xml("word/styles.xml")

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    @property
    def body(self) -> etree._Element:
        return self.document.find("w:body", NS)

    def paragraphs(self) -> list[etree._Element]:
        return list(self.body.iter(W("p")))

    def texts(self, nbsp: bool = False) -> list[str]:
        """The text of every non-empty paragraph, in document order (tables included).
        No-break spaces (inside dates, ``พ.ศ. ๒๕๖๘``) read as spaces unless ``nbsp``."""
        texts = (ooxml.paragraph_text(p) for p in self.paragraphs())
        return [t if nbsp else t.replace("\u00a0", " ") for t in texts if t.strip()]

    def paragraph(self, starts: str) -> etree._Element:
        for p in self.paragraphs():
            if ooxml.paragraph_text(p).startswith(starts):
                return p
        raise AssertionError(f"no paragraph starts with {starts!r}")

    def sect_pr(self) -> etree._Element:
        return self.body.find("w:sectPr", NS)

    def header(self, kind: str) -> etree._Element:
        ref = self.sect_pr().find(f"w:headerReference[@w:type='{kind}']", NS)
        assert ref is not None, f"no {kind} header"
        rels = self.xml("word/_rels/document.xml.rels")
        rid = ref.get("{%s}id" % NS["r"])
        target = rels.find(f"{{*}}Relationship[@Id='{rid}']").get("Target")
        return self.xml(f"word/{target}")


def assert_in_order(texts: list[str], needles: list[str]) -> None:
    """Each needle occurs in the joined text, after the previous one."""
    joined = "\n".join(texts)
    at = 0
    for needle in needles:
        found = joined.find(needle, at)
        assert found >= 0, f"{needle!r} missing (or out of order) after position {at}:\n{joined[at:at + 400]}"
        at = found + len(needle)


def attr(el: etree._Element | None, name: str) -> str | None:
    return None if el is None else el.get(W(name))


@pytest.fixture(scope="module")
def lampang() -> dict[str, Document]:
    return documents(LAMPANG)


@pytest.fixture(scope="module")
def chiangmai() -> dict[str, Document]:
    return documents(CHIANGMAI)


@pytest.fixture(scope="module")
def rendered(lampang, chiangmai) -> dict[str, Docx]:
    docs = {**lampang, **chiangmai}
    return {kind: Docx(render_docx(doc)) for kind, doc in docs.items()}


KINDS = ("circular", "register", "minutes")


# ---------------------------------------------------------------- fonts and page set-up

@pytest.mark.parametrize("kind", KINDS)
def test_font_in_all_four_slots_and_sizes(rendered, kind):
    styles = rendered[kind].styles
    default_rpr = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    normal = styles.find("w:style[@w:styleId='Normal']", NS)
    for rpr in (default_rpr, normal.find("w:rPr", NS)):
        fonts = rpr.find("w:rFonts", NS)
        assert {s: attr(fonts, s) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == dict.fromkeys(
            ("ascii", "hAnsi", "eastAsia", "cs"), FONT)
        assert attr(rpr.find("w:sz", NS), "val") == "32"
        assert attr(rpr.find("w:szCs", NS), "val") == "32"
        assert attr(rpr.find("w:lang", NS), "bidi") == "th-TH"
    # python-docx's default template: no theme fonts (they win over names in Word), no ar-SA,
    # no 10 pt after / 1.15 spacing.
    raw = etree.tostring(styles).decode()
    for leftover in ("cstheme", "asciiTheme", "hAnsiTheme", "eastAsiaTheme", 'w:bidi="ar-SA"'):
        assert leftover not in raw
    for ppr in (styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS), normal.find("w:pPr", NS)):
        spacing = ppr.find("w:spacing", NS)
        assert (attr(spacing, "after"), attr(spacing, "line"), attr(spacing, "lineRule")) == ("0", "240", "auto")
    # Runs carry no other font.
    for fonts in rendered[kind].document.iter(W("rFonts")):
        assert set(fonts.attrib.values()) == {FONT}


@pytest.mark.parametrize("kind", ("register", "minutes"))
def test_bold_runs_are_bold_for_thai_too(rendered, kind):
    bold = [r for r in rendered[kind].document.iter(W("r")) if r.find("w:rPr/w:b", NS) is not None]
    assert bold, "the template has bold runs"
    for run in bold:
        assert run.find("w:rPr/w:bCs", NS) is not None, etree.tostring(run)


def test_configured_font_and_size(lampang):
    out = Docx(render_docx(lampang["circular"], font="TH Sarabun New", size_pt=14))
    rpr = out.styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert set(rpr.find("w:rFonts", NS).attrib.values()) == {"TH Sarabun New"}
    assert attr(rpr.find("w:sz", NS), "val") == attr(rpr.find("w:szCs", NS), "val") == "28"
    normal = out.styles.find("w:style[@w:styleId='Normal']/w:rPr", NS)
    assert set(normal.find("w:rFonts", NS).attrib.values()) == {"TH Sarabun New"}


def test_styles_pass_through_unparsed_but_parse_when_used(lampang):
    """styles.xml is not parsed and re-written for every document (lazy_styles): the letter
    carries the prepared template's styles byte for byte; a document whose styles are read
    and changed (python-docx's own API) still saves the change."""
    from docx import Document as open_docx

    from kbo_docs.render.docx import DEFAULT_FONT, DEFAULT_SIZE_PT, _prepared_template, lazy_styles, template_path

    data = render_docx(lampang["circular"])
    path = template_path("circular")
    prepared = _prepared_template(str(path), path.stat().st_mtime_ns, DEFAULT_FONT, DEFAULT_SIZE_PT)
    with zipfile.ZipFile(io.BytesIO(prepared)) as template:
        assert Docx(data).zip.read("word/styles.xml") == template.read("word/styles.xml")
    assert lazy_styles()
    document = open_docx(io.BytesIO(data))
    from docx.enum.style import WD_STYLE_TYPE

    assert document.styles.element.find("w:style[@w:styleId='KBOLazyTest']", NS) is None
    document.styles.add_style("KBO Lazy Test", WD_STYLE_TYPE.PARAGRAPH)
    out = io.BytesIO()
    document.save(out)
    styles = Docx(out.getvalue()).styles
    assert styles.find("w:style[@w:styleId='KBOLazyTest']", NS) is not None
    assert styles.find("w:style[@w:styleId='Normal']", NS) is not None


@pytest.mark.parametrize("kind", KINDS)
def test_page_a4_margins_and_page_numbers(rendered, kind):
    out = rendered[kind]
    sect = out.sect_pr()
    size = sect.find("w:pgSz", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")  # A4 in twips
    margins = sect.find("w:pgMar", NS)
    assert attr(margins, "left") == "1701"    # 3 cm
    assert attr(margins, "right") == "1134"   # 2 cm
    assert attr(margins, "top") == "1417"     # 2.5 cm
    assert attr(margins, "bottom") == "1134"  # 2 cm
    # Different first page: an empty header there, "- ๒ -" (a PAGE field) from page 2 on.
    assert sect.find("w:titlePg", NS) is not None
    assert attr(sect.find("w:pgNumType", NS), "fmt") == "thaiNumbers"
    header = out.header("default")
    instructions = [i.text.strip() for i in header.iter(W("instrText"))]
    assert instructions == ["PAGE"]
    p = header.find(".//w:p", NS)
    assert attr(p.find("w:pPr/w:jc", NS), "val") == "center"
    assert ooxml.paragraph_text(p) == "- ๒ -"
    first = out.header("first")
    assert not list(first.iter(W("instrText"))) and not "".join(first.itertext()).strip()


# ---------------------------------------------------------------- the circular

def test_circular_text_in_order(rendered):
    assert_in_order(rendered["circular"].texts(), [
        "ที่ ลป ๐๐๑๙.๓/ว",
        "ศาลากลางจังหวัดลำปาง",
        "๖ ธันวาคม ๒๕๖๗",
        "เรื่อง\tการดำเนินโครงการส่งเสริมกระบวนการเครือข่ายองค์ความรู้ (Knowledge – Based OTOP : KBO) "
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
        "เรียน\tนายอำเภอเมืองลำปาง",
        "สิ่งที่ส่งมาด้วย\t๑. ทะเบียนจัดสรรกลุ่มเป้าหมาย\tจำนวน ๑ ฉบับ",
        "๒. แบบรายงานผลก่อนการพัฒนา\tจำนวน ๑ ฉบับ",
        "๓. แบบรายละเอียดข้อมูลกลุ่มและผลิตภัณฑ์\tจำนวน ๑ ฉบับ",
        "ด้วยจังหวัดลำปาง ได้รับแจ้งจากกรมการพัฒนาชุมชน",
        "ในการนี้",
        "๑. คัดเลือกผลิตภัณฑ์สินค้าชุมชนของอำเภอเมืองลำปาง จำนวน ๔ ผลิตภัณฑ์",
        "(๑) เป็นผู้ผลิต",
        "(๒) ในกรณีกลุ่มเป้าหมาย",
        "๒. ส่งแบบรายงานผลก่อนการพัฒนา",
        "ภายในวันที่ ๒๐ ธันวาคม ๒๕๖๗",
        "จึงเรียนมาเพื่อพิจารณาดำเนินการ",
        "ขอแสดงความนับถือ",
        "(นางสาวนิตยา พงษ์พานิช)",
        "รองผู้ว่าราชการจังหวัด",
        "ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดลำปาง",
        "สำนักงานพัฒนาชุมชนจังหวัด",
        "กลุ่มงานส่งเสริมการพัฒนาชุมชน",
        "โทร./โทรสาร ๐ ๕๕๒๖ ๕๐๕๕",
    ])


def test_circular_layout(rendered):
    out = rendered["circular"]
    # Body paragraphs: Thai distributed, first line indented 2.5 cm (1417 twips).
    for start in ("ด้วยจังหวัดลำปาง", "ในการนี้", "๑. คัดเลือก", "๒. ส่งแบบ", "จึงเรียนมา"):
        p = out.paragraph(start)
        assert attr(p.find("w:pPr/w:jc", NS), "val") == "thaiDistribute", start
        assert attr(p.find("w:pPr/w:ind", NS), "firstLine") == "1417", start
    assert attr(out.paragraph("(๑) เป็นผู้ผลิต").find("w:pPr/w:jc", NS), "val") == "thaiDistribute"
    # Signature block centred on the right half.
    for start in ("ขอแสดงความนับถือ", "(นางสาวนิตยา", "รองผู้ว่าราชการจังหวัด", "ปฏิบัติราชการแทน"):
        ppr = out.paragraph(start).find("w:pPr", NS)
        assert attr(ppr.find("w:jc", NS), "val") == "center", start
        assert int(attr(ppr.find("w:ind", NS), "left")) >= ooxml.twips(6), start
    # The owning unit at the left margin.
    ind = out.paragraph("สำนักงานพัฒนาชุมชนจังหวัด").find("w:pPr/w:ind", NS)
    assert ind is None or int(attr(ind, "left") or 0) == 0
    # No template tag survives.
    assert not [t for t in out.texts() if "{%" in t or "{{" in t]


GARUDA_CY = 1080000    # 3 cm in EMU
GARUDA_TOP = 540000    # 1.5 cm in EMU, from the paper's top edge (saraban.md §1.1, LAYOUT-1)
NUMBER_LINE_CM = 4.8   # the ที่ line: 1.5 + 3 + 0.3 cm from the top edge, as in the PDF


def WP(tag: str) -> str:
    return f"{{{NS['wp']}}}{tag}"


def _first_paragraph_space_cm(first: etree._Element, second: etree._Element) -> float:
    """Top margin + the first paragraph's exact height + the space before the second (cm)."""
    spacing = first.find("w:pPr/w:spacing", NS)
    assert attr(spacing, "lineRule") == "exact"
    before = int(attr(second.find("w:pPr/w:spacing", NS), "before") or 0)
    return 2.5 + (int(attr(spacing, "line")) + before) / ooxml.TWIPS_PER_CM


def test_circular_without_garuda_keeps_the_space(lampang):
    doc = documents(LAMPANG)["circular"]
    out = Docx(render_docx(doc))
    assert not list(out.body.iter(WP("inline"))) and not list(out.body.iter(WP("anchor")))
    assert not [n for n in out.zip.namelist() if n.startswith("word/media/")]
    first, second = out.paragraphs()[:2]
    assert not ooxml.paragraph_text(first).strip()
    assert ooxml.paragraph_text(second).startswith("ที่ ")
    assert _first_paragraph_space_cm(first, second) == pytest.approx(NUMBER_LINE_CM, abs=0.01)


def _garuda_png(path: Path) -> Path:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 150), "white")
    ImageDraw.Draw(image).ellipse((10, 10, 110, 140), fill="black")
    image.save(path)
    return path


def _garuda_docx(tmp_path: Path) -> bytes:
    _garuda_png(tmp_path / "garuda.png")
    text = LAMPANG.read_text(encoding="utf-8").replace("garuda_image: null", "garuda_image: garuda.png")
    return render_docx(docs_from_text(text)["circular"], base_dir=tmp_path)


def assert_floating_garuda(out: Docx) -> etree._Element:
    """One picture, anchored (not inline) in the first paragraph: 3 cm high, centred on the
    page, its top 1.5 cm from the paper's top edge; children in CT_Anchor order."""
    assert not list(out.body.iter(WP("inline")))
    anchors = list(out.body.iter(WP("anchor")))
    assert len(anchors) == 1
    anchor = anchors[0]
    assert {k: anchor.get(k) for k in ("behindDoc", "allowOverlap", "simplePos", "layoutInCell")} == {
        "behindDoc": "0", "allowOverlap": "1", "simplePos": "0", "layoutInCell": "1"}
    assert anchor.get("locked") in ("0", "1") and anchor.get("relativeHeight", "").isdigit()
    h, v = anchor.find("wp:positionH", NS), anchor.find("wp:positionV", NS)
    assert h.get("relativeFrom") == "page" and h.find("wp:align", NS).text == "center"
    assert v.get("relativeFrom") == "page" and int(v.find("wp:posOffset", NS).text) == GARUDA_TOP
    assert int(anchor.find("wp:extent", NS).get("cy")) == GARUDA_CY
    order = [etree.QName(c).localname for c in anchor]
    assert order == ["simplePos", "positionH", "positionV", "extent", "effectExtent", "wrapNone",
                     "docPr", "cNvGraphicFramePr", "graphic"], order
    assert anchor.find("wp:docPr", NS).get("id")
    first = out.paragraphs()[0]
    assert anchor in list(first.iter(WP("anchor"))), "the Garuda is anchored in the first paragraph"
    return anchor


def test_circular_with_garuda_image(tmp_path):
    out = Docx(_garuda_docx(tmp_path))
    anchor = assert_floating_garuda(out)
    assert int(anchor.find("wp:extent", NS).get("cx")) == round(GARUDA_CY * 120 / 150)
    # The picture shows the office's image.
    embed = anchor.find(f".//{{{ooxml.A_NS}}}blip").get(f"{{{NS['r']}}}embed")
    rels = out.xml("word/_rels/document.xml.rels")
    target = rels.find(f"{{*}}Relationship[@Id='{embed}']").get("Target")
    assert target.startswith("media/") and f"word/{target}" in out.zip.namelist()
    # The first paragraph is blank space down to the ที่ line, as without an image.
    first, second = out.paragraphs()[:2]
    assert not ooxml.paragraph_text(first).strip()
    assert ooxml.paragraph_text(second).startswith("ที่ ")
    assert _first_paragraph_space_cm(first, second) == pytest.approx(NUMBER_LINE_CM, abs=0.01)
    # Page 2 on keeps the 2.5 cm margin and the "- ๒ -" header; page 1 an empty one.
    assert attr(out.sect_pr().find("w:pgMar", NS), "top") == "1417"
    assert out.sect_pr().find("w:titlePg", NS) is not None


def test_garuda_image_given_as_file_uri(tmp_path):
    """kbo_docs.render.render_project resolves the image to a file:// URI for the PDF."""
    uri = _garuda_png(tmp_path / "ตราครุฑ garuda.png").resolve().as_uri()
    text = LAMPANG.read_text(encoding="utf-8").replace("garuda_image: null", f'garuda_image: "{uri}"')
    assert_floating_garuda(Docx(render_docx(docs_from_text(text)["circular"])))


def test_float_picture_keeps_other_pictures_inline(tmp_path):
    """ooxml.float_pictures moves only the pictures of the image it is given."""
    from docx import Document as Word
    from PIL import Image

    other = _garuda_png(tmp_path / "other.png")
    Image.new("RGB", (10, 10), "red").save(tmp_path / "red.png")
    word = Word()
    word.add_picture(str(other))
    word.add_picture(str(tmp_path / "red.png"))
    r_id, _ = word.part.get_or_add_image(str(other))
    anchors = ooxml.float_pictures(word.element.body, r_id, top_cm=1.5)
    assert len(anchors) == 1
    assert len(list(word.element.body.iter(WP("inline")))) == 1
    buffer = io.BytesIO()
    word.save(buffer)  # still a valid package
    assert Docx(buffer.getvalue()).body.find(".//wp:anchor/wp:positionV/wp:posOffset", NS).text == "540000"


def test_missing_garuda_file_is_an_error(tmp_path):
    text = LAMPANG.read_text(encoding="utf-8").replace("garuda_image: null", "garuda_image: nowhere.png")
    with pytest.raises(FileNotFoundError, match="nowhere.png"):
        render_docx(docs_from_text(text)["circular"], base_dir=tmp_path)


# ---------------------------------------------------------------- register and minutes

def test_register_table(rendered, lampang):
    out = rendered["register"]
    texts = out.texts()
    assert_in_order(texts, ["ทะเบียนจัดสรรกลุ่มเป้าหมาย", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "อำเภอ",
                            "จำนวนผลิตภัณฑ์ ๑-๓ ดาว ปี ๖๗", "เป้า KBO ปี ๖๘"])
    assert_in_order(texts, [row["name"] for row in lampang["register"].data["rows"]])
    table = out.body.find("w:tbl", NS)
    rows = table.findall("w:tr", NS)
    assert len(rows) == 1 + 13 + 1
    cells = [[ooxml.paragraph_text(tc) for tc in tr.findall("w:tc", NS)] for tr in rows]
    assert cells[1] == ["เมืองลำปาง", "๑๔", "๓๕๔", "๓๖๘", "๔"]
    assert cells[-1] == ["รวม", "๕๒", "๑,๖๙๖", "๑,๗๔๘", "๓๔"]
    # Header row repeated on each page; numbers right-aligned; the total row bold.
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    for tr in rows[1:]:
        for tc in tr.findall("w:tc", NS)[1:]:
            assert attr(tc.find("w:p/w:pPr/w:jc", NS), "val") == "right"
    for run in rows[-1].iter(W("r")):
        assert run.find("w:rPr/w:b", NS) is not None and run.find("w:rPr/w:bCs", NS) is not None
    # Five columns filling the 16 cm text width, each as wide as its widest content at
    # the table's size (kbo_docs.render.measure): the longest name fits on one line.
    from kbo_docs.render.measure import TH_SARABUN_SCALE, text_width

    grid = [int(attr(c, "w")) for c in table.findall("w:tblGrid/w:gridCol", NS)]
    assert len(grid) == 5 and sum(grid) == ooxml.twips(16)
    size = int(rows[1].find(".//w:r/w:rPr/w:sz", NS).get(W("val"))) / 2 if rows[1].find(".//w:r/w:rPr/w:sz", NS) is not None else 16
    assert grid[0] / 20 >= text_width("เมืองลำปาง", size * TH_SARABUN_SCALE) + 10
    assert_in_order(texts, ["รวม", "แนวทางการคัดเลือกกลุ่มเป้าหมาย", "๑. เป็นผู้ผลิต", "๒. ในกรณีกลุ่มเป้าหมาย"])


def test_minutes_parts_in_regulation_order(rendered):
    out = rendered["minutes"]
    assert_in_order(out.texts(), [
        "รายงานการประชุมคณะกรรมการเครือข่ายองค์ความรู้ (Knowledge-Based OTOP : KBO) จังหวัดเชียงใหม่",
        "ครั้งที่ ๑/๒๕๖๕",
        "เมื่อวันอังคารที่ ๑๑ มกราคม ๒๕๖๕",
        "ณ โรงแรมฮอลิเดย์การ์เด้น",
        "ผู้มาประชุม",
        "๑. นายวรญาณ บุญณราช รองผู้ว่าราชการจังหวัดเชียงใหม่ ประธาน",
        "๒. นายเจริญ สีวาโย พัฒนาการจังหวัดเชียงใหม่",
        "๓. นางลัดดา พรหมเมือง",
        "ผู้เข้าร่วมประชุม",
        "๑. เจ้าหน้าที่ และนักวิชาการพัฒนาชุมชน",
        "เริ่มประชุมเวลา ๐๙.๐๐ น.",
        "ประธานได้นำเสนอระเบียบวาระการประชุม",
        "ระเบียบวาระที่ ๑ เรื่องประธานแจ้งให้ทราบ",
        "ระเบียบวาระที่ ๒ เรื่องรับรองรายงานการประชุม",
        "ระเบียบวาระที่ ๓ เรื่องเพื่อพิจารณา",
        "๔. แผนปฏิบัติการ",
        "กิจกรรมที่ ๑ การพัฒนาศักยภาพเครือข่ายองค์ความรู้ KBO จังหวัด",
        "กิจกรรมที่ ๒ การพัฒนาผลิตภัณฑ์ OTOP",
        "กิจกรรมที่ ๓ ประกวดและเผยแพร่ผลการดำเนินงาน",
        "๕. ซึ่งขั้นตอนของการดำเนินงานในวันนี้",
        "ผู้จดรายงานการประชุม",
        "นักวิชาการพัฒนาชุมชน สำนักงานพัฒนาชุมชนจังหวัดเชียงใหม่",
    ])
    assert "ผู้ไม่มาประชุม" not in out.texts()  # no absentees in the sample
    # Agenda items: Thai distributed, nested items indented further.
    level1 = out.paragraph("๔. แผนปฏิบัติการ")
    level2 = out.paragraph("กิจกรรมที่ ๑")  # deeper points are not numbered
    for p in (level1, level2):
        assert attr(p.find("w:pPr/w:jc", NS), "val") == "thaiDistribute"
    assert int(attr(level2.find("w:pPr/w:ind", NS), "firstLine")) > int(
        attr(level1.find("w:pPr/w:ind", NS), "firstLine"))
    title = out.paragraph("รายงานการประชุม")
    assert title.find(".//w:b", NS) is not None and title.find(".//w:bCs", NS) is not None


# ---------------------------------------------------------------- user text and digits

LITERAL_YAML = """\
agency:
  name: "สำนักงาน & หน่วย <b>ทดสอบ</b>"
  unit: ["{{ x }} กลุ่มงาน", "=SUM(A1:A3)"]
  contact: {phone: "๐ ๕๕๒๖ ๕๐๕๕"}
project:
  name: โครงการทดสอบ
  fiscal_year: ๒๕๖๘
circulars:
  - id: c1
    number: ลป ๐๐๑๙.๓/ว ๑
    date: ๖ ธันวาคม ๒๕๖๗
    subject: "นายอำเภอ & ปลัดอำเภอ <ทุกอำเภอ> {{ x }} {% if %} {_{ y }_}"
    recipient: "=HYPERLINK(\\"http://x\\")"
    body:
      - "<w:p>ไม่ใช่ XML</w:p> &amp; ข้อความ"
    signer: {name: "นาย ก <ข>", position: ตำแหน่ง}
"""


def test_user_text_comes_out_literally():
    doc = docs_from_text(LITERAL_YAML)["circular"]
    texts = Docx(render_docx(doc)).texts()
    assert_in_order(texts, [
        "เรื่อง\tนายอำเภอ & ปลัดอำเภอ <ทุกอำเภอ> {{ x }} {% if %} {_{ y }_}",
        'เรียน\t=HYPERLINK("http://x")',
        "<w:p>ไม่ใช่ XML</w:p> &amp; ข้อความ",
        "(นาย ก <ข>)",
        "{{ x }} กลุ่มงาน",
        "=SUM(A1:A3)",
    ])


def test_arabic_digit_mode():
    text = LAMPANG.read_text(encoding="utf-8").replace("digits: thai", "digits: arabic")
    docs = docs_from_text(text)
    out = Docx(render_docx(docs["circular"]))
    assert_in_order(out.texts(), ["ที่ ลป 0019.3/ว", "6 ธันวาคม 2567", "ภายในวันที่"])
    assert attr(out.sect_pr().find("w:pgNumType", NS), "fmt") == "decimal"
    assert ooxml.paragraph_text(out.header("default").find(".//w:p", NS)) == "- 2 -"
    register = Docx(render_docx(docs["register"]))
    assert "1,748" in register.texts()


# ---------------------------------------------------------------- broken templates

def _office_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str | None = None, edit=None) -> Path:
    """A copy of the templates, with ``extra`` as a paragraph at the end of circular.docx (or
    ``edit(word_document)`` applied), used through KBO_DOCS_TEMPLATES."""
    from docx import Document as Word

    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder / "docx", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = folder / "docx" / "circular.docx"
    word = Word(str(path))
    if extra is not None:
        word.add_paragraph(extra)
    if edit is not None:
        edit(word)
    word.save(str(path))
    monkeypatch.setenv("KBO_DOCS_TEMPLATES", str(folder))
    return path


def test_office_edits_get_the_complex_script_slots(tmp_path, monkeypatch, lampang):
    """Bold set in Word / python-docx (w:b only) gets w:bCs; a run in the template's body
    font or a theme font gets the configured font; a symbol font is left alone."""
    from docx.shared import Pt

    def edit(word):
        p = word.add_paragraph()
        bold = p.add_run("ตัวหนา {{ subject }}")
        bold.bold = True
        bold.font.size = Pt(20)  # w:sz 40, no w:szCs
        body_font = p.add_run(" เนื้อ")
        body_font.font.name = FONT  # ascii/hAnsi only
        themed = p.add_run(" ธีม")
        fonts = themed._r.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(W("cstheme"), "minorBidi")
        symbol = p.add_run("\uf0fc")
        symbol.font.name = "Wingdings"

    _office_copy(tmp_path, monkeypatch, edit=edit)
    out = Docx(render_docx(lampang["circular"], font="TH Sarabun New"))
    p = out.paragraph("ตัวหนา")
    bold, body_font, themed, symbol = p.findall("w:r", NS)
    assert bold.find("w:rPr/w:bCs", NS) is not None
    assert attr(bold.find("w:rPr/w:szCs", NS), "val") == "40"
    for run in (body_font, themed):
        fonts = run.find("w:rPr/w:rFonts", NS)
        assert dict(fonts.attrib) == {W(s): "TH Sarabun New" for s in ("ascii", "hAnsi", "eastAsia", "cs")}
    assert set(symbol.find("w:rPr/w:rFonts", NS).attrib.values()) == {"Wingdings"}


def test_unknown_variable_in_user_template(tmp_path, monkeypatch, lampang):
    _office_copy(tmp_path, monkeypatch, "ลงชื่อ {{ unknown_var }}")
    with pytest.raises(TemplateError) as err:
        render_docx(lampang["circular"])
    message = str(err.value)
    assert "circular.docx" in message and "unknown_var" in message
    assert "\n" not in message


def test_syntax_error_in_user_template(tmp_path, monkeypatch, lampang):
    _office_copy(tmp_path, monkeypatch, "{% for %}")
    with pytest.raises(TemplateError) as err:
        render_docx(lampang["circular"])
    message = str(err.value)
    assert "circular.docx" in message and "{% for %}" in message
    assert "\n" not in message


def test_missing_template(tmp_path, monkeypatch, lampang):
    monkeypatch.setenv("KBO_DOCS_TEMPLATES", str(tmp_path))
    with pytest.raises(TemplateError, match="circular.docx"):
        render_docx(lampang["circular"])


def test_templates_match_their_build_script(tmp_path):
    """templates/docx/*.docx are what build.py makes (rebuild them after editing it)."""
    script = TEMPLATES / "build.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True,
                   capture_output=True)
    for kind in KINDS:
        built, kept = zipfile.ZipFile(tmp_path / f"{kind}.docx"), zipfile.ZipFile(TEMPLATES / f"{kind}.docx")
        for name in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/header2.xml"):
            assert built.read(name) == kept.read(name), f"{kind}.docx {name}: run templates/docx/build.py"


# ---------------------------------------------------------------- LibreOffice

def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: {package}")
    return path


def _squash(text: str) -> str:
    """Whitespace-free; pdftotext also drops a hyphen at a line end."""
    return re.sub(r"[\s\-]+", "", text)


def test_libreoffice_converts_every_sample(tmp_path, lampang, chiangmai):
    soffice = _tool("soffice", APT_HINT)
    pdftotext = _tool("pdftotext", "apt-get install poppler-utils")
    pdffonts = _tool("pdffonts", "apt-get install poppler-utils")
    docs = {**lampang, **chiangmai}
    files = []
    for kind, doc in docs.items():
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(render_docx(doc))
        files.append(path)
    outdir = tmp_path / "pdf"
    run = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
        capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    expected = {
        "circular": docs["circular"].data["subject"],
        "register": " ".join(docs["register"].data["title"]),
        "minutes": "รายงานการประชุม" + docs["minutes"].data["committee"],
    }
    for kind, subject in expected.items():
        pdf = outdir / f"{kind}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 1000, f"{kind}: no PDF ({run.stdout} {run.stderr})"
        text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert _squash(subject) in _squash(text), f"{kind}: {subject!r} not in the PDF text"
        fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
        names = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]
        thai = [n for n in names if not re.search(r"DejaVu|Liberation|OpenSymbol", n)]
        assert thai, f"{kind}: no Thai font in the PDF ({names}); {APT_HINT}"


def test_libreoffice_places_the_garuda(tmp_path):
    """LAYOUT-1 in the converted PDF: the Garuda 3 cm high, centred, its top 1.5 cm from the
    paper's top edge; the ที่ line below it; page 2 keeps the 2.5 cm margin and its header."""
    import pdfplumber

    soffice = _tool("soffice", APT_HINT)
    docx_path = tmp_path / "circular.docx"
    docx_path.write_bytes(_garuda_docx(tmp_path))
    run = subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
        check=False, capture_output=True, text=True, timeout=300)
    pdf_path = tmp_path / "circular.pdf"
    assert run.returncode == 0 and pdf_path.is_file(), run.stderr
    pt_per_cm = 72 / 2.54
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        assert len(page.images) == 1
        image = page.images[0]
        assert image["top"] == pytest.approx(1.5 * pt_per_cm, abs=3)       # 42.5 pt
        assert image["bottom"] - image["top"] == pytest.approx(3 * pt_per_cm, abs=3)  # 85 pt
        assert (image["x0"] + image["x1"]) / 2 == pytest.approx(page.width / 2, abs=3)
        lines = [line for line in page.extract_text_lines() if line["text"].strip()]
        assert _squash(lines[0]["text"]).startswith("ที่ลป"), lines[0]["text"]
        assert image["bottom"] < lines[0]["top"] < 5.2 * pt_per_cm
        # Page 2: no picture; "- ๒ -" above the 2.5 cm margin, the body text below it.
        page2 = pdf.pages[1]
        assert not page2.images
        lines2 = [line for line in page2.extract_text_lines() if line["text"].strip()]
        assert re.fullmatch(r"-\s*[2๒]\s*-", lines2[0]["text"].strip()), lines2[0]["text"]
        assert lines2[0]["bottom"] < 2.5 * pt_per_cm < lines2[1]["top"]


def test_dates_and_year_labels_do_not_break_across_lines(lampang):
    text = "\n".join(Docx(render_docx(documents(LAMPANG)["circular"])).texts(nbsp=True))
    assert "๖\u00a0ธันวาคม\u00a0๒๕๖๗" in text  # the date line
    assert "พ.ศ.\u00a0๒๕๖๘" in text  # the subject
    assert "ภายในวันที่ ๒๐\u00a0ธันวาคม\u00a0๒๕๖๗" in text  # ${deadline}
