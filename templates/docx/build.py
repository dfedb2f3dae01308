"""Build the DOCX templates: circular.docx, register.docx, minutes.docx.

    .venv/bin/python templates/docx/build.py [OUTDIR]      # default: this folder

The templates are docxtpl templates (Jinja tags inside Word paragraphs) written with
python-docx, so every layout value is reviewable here and the files can be rebuilt. An office
may open them in Word and restyle them; ``KBO_DOCS_TEMPLATES`` points kbo-docs at such a copy.

Tags, as docxtpl reads them:
- ``{{ x }}`` prints a value; every number and date goes through a filter (``number``,
  ``digits``, ``thai_date``, ``thai_time``, ``period``, ``baht_text``);
- ``{%p for ... %}`` / ``{%p if ... %}`` / ``{%p endfor %}``: a paragraph holding only the tag
  repeats or drops the paragraphs between (the tag paragraph itself disappears);
- ``{%tr ... %}`` does the same with table rows, ``{%tc ... %}`` with table cells;
- ``{{p macro(...) }}`` replaces its paragraph with the paragraphs the macro returns.

The text, parts and their order are those of ``templates/html/*.html`` (the PDF backend).
Layout (saraban.md §1, §2, §5, §9): A4; margins left 3 cm, right 2 cm, top 2.5 cm, bottom
2 cm; single spacing, nothing after paragraphs; TH SarabunIT๙ 16 pt in all four font slots
(ascii, hAnsi, eastAsia, cs) with Thai as the complex-script language; body paragraphs
Thai-distributed with a 2.5 cm first-line indent; page numbers "- ๒ -" centred at the top from
page 2 on; the Garuda 3 cm high, centred, 1.5 cm from the top edge of a letter.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Mm, Pt, Twips

from kbo_docs.render import ooxml

FONT = "TH SarabunIT๙"
SIZE_PT = 16
TEXT_WIDTH_CM = 16.0  # 21 cm - 3 cm - 2 cm

TOP_MARGIN_CM = 2.5
GARUDA_CM = 3.0       # กระดาษตราครุฑ: Garuda 3 cm high, top centre (ข้อ 71, แบบที่ 26)
GARUDA_TOP_CM = 1.5   # its top from the paper's top edge (saraban.md §1.1; HTML: @page :first)
GARUDA_GAP_CM = 0.3   # emblem bottom to the ที่ line (HTML: .head margin-top)
NUMBER_BEFORE = Pt(8)  # space before the ที่ line
# The first paragraph: from the top margin down to where the ที่ line's space-before starts.
GARUDA_SPACE_CM = (GARUDA_TOP_CM + GARUDA_CM + GARUDA_GAP_CM - TOP_MARGIN_CM
                   - NUMBER_BEFORE.cm)
RIGHT_HALF_CM = 8.0   # issuer address block and date line start here (HTML: 50 %)
SIGNATURE_CM = 6.4    # signature block: centred on what is right of this (HTML: 40 %)
SIGNOFF_CM = 7.2      # minutes recorder / checker block (HTML: 45 %)
LABEL_CM = 1.5        # text after เรื่อง / เรียน / อ้างถึง starts here
ENCLOSURE_CM = 3.25   # text after สิ่งที่ส่งมาด้วย starts here
INDENT_CM = 2.5       # first-line indent of a body paragraph
SUBITEM_CM = 3.5      # first-line indent of a numbered sub-item in a letter
MINUTES_ITEM_CM = (1.5, 2.5)  # first-line indents of agenda items, level 1 and deeper

J = WD_ALIGN_PARAGRAPH
BLOCK = Pt(6)  # space before a block (ที่, date, เรื่อง, ...): "1 Enter + Before 6 pt" is the
               # กห practice; HTML uses 0.2 cm


def new_document(title: str):
    doc = Document()
    ooxml.set_document_defaults(doc, FONT, SIZE_PT)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "kbo-docs", "kbo-docs"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.revision = 1

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(TOP_MARGIN_CM), Cm(2)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1)
    section.gutter = Cm(0)

    # Page numbers "- ๒ -" at the top centre from page 2 on; nothing on page 1.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = J.CENTER
    p.add_run("- ")
    ooxml.add_field(p, "PAGE", "๒")
    p.add_run(" -")
    ooxml.set_page_number_format(section._sectPr, "thai")
    return doc


def para(container, text: str = "", *, align=None, first_line: float | None = None,
         left: float | None = None, hanging: float | None = None, before=None,
         bold: bool = False, keep_next: bool = False, tabs=(), exact_cm: float | None = None,
         at_least_cm: float | None = None):
    """Add a paragraph. Lengths in cm; ``tabs`` = [(cm, WD_TAB_ALIGNMENT), ...]."""
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        if bold:
            ooxml.set_bold(run)
    f = p.paragraph_format
    if align is not None:
        p.alignment = align
    if left is not None:
        f.left_indent = Cm(left)
    if hanging is not None:
        f.first_line_indent = -Cm(hanging)
    elif first_line is not None:
        f.first_line_indent = Cm(first_line)
    if before is not None:
        f.space_before = before
    if keep_next:
        f.keep_with_next = True
    for pos, kind, *leader in tabs:  # (cm, alignment) or (cm, alignment, leader)
        f.tab_stops.add_tab_stop(Cm(pos), kind, *leader)
    if exact_cm is not None:
        f.line_spacing = Twips(ooxml.twips(exact_cm))
        f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if at_least_cm is not None:
        f.line_spacing = Twips(ooxml.twips(at_least_cm))
        f.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    return p


def tag(container, text: str):
    """A paragraph holding only a docxtpl paragraph tag (it disappears when rendered)."""
    return container.add_paragraph(text)


def body(container, text: str, *, first_line: float = INDENT_CM, before=BLOCK, keep_next: bool = False):
    """A body paragraph: Thai distributed, first-line indent."""
    return para(container, text, align=J.THAI_JUSTIFY, first_line=first_line, before=before,
                keep_next=keep_next)


def signature(doc, *, before=None):
    """ลายมือชื่อ, (ชื่อเต็ม), ตำแหน่ง, ปฏิบัติราชการแทน ...: centred on the right half; a dotted
    line for a signer not yet known."""
    sig = dict(align=J.CENTER, left=SIGNATURE_CM, keep_next=True)
    para(doc, "", exact_cm=1.6, before=before, **sig)  # room for the handwritten signature
    tag(doc, "{%p if signer and signer.name %}")
    para(doc, "({{ signer.name }})", **sig)
    tag(doc, "{%p else %}")
    para(doc, "(..........................................)", **sig)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if signer and signer.position %}")
    para(doc, "{{ signer.position }}", **sig)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if signer and signer.acting %}")
    para(doc, "{{ signer.acting }}", align=J.CENTER, left=SIGNATURE_CM)
    tag(doc, "{%p endif %}")


def paragraphs(doc, name: str, *, keep_next: bool = False):
    tag(doc, f"{{%p for p in {name} %}}")
    body(doc, "{{ p }}", keep_next=keep_next)
    tag(doc, "{%p endfor %}")


def points(doc, name: str = "points"):
    """Numbered points in their numbering style (the label comes with the view data)."""
    tag(doc, f"{{%p for a in {name} %}}")
    body(doc, "{{ a.label }}{{ a.text }}")
    tag(doc, '{%p for item in a["items"] %}')
    body(doc, "({{ loop.index | digits }}) {{ item }}", first_line=SUBITEM_CM, before=Pt(3))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


def garuda_space(doc):
    """The Garuda paragraph of กระดาษตราครุฑ (see circular())."""
    para(doc, "{% if garuda %}{{ garuda }}{% endif %}", align=J.CENTER, exact_cm=GARUDA_SPACE_CM)


# ------------------------------------------------------------------ หนังสือภายนอก / หนังสือเวียน

def circular():
    doc = new_document("หนังสือเวียน")

    # ตราครุฑ: 3 cm high, centred on the page, its top 1.5 cm from the paper's top edge. The
    # picture (the office's own image; kbo-docs never ships the Garuda) is anchored in this
    # paragraph and floated there by kbo_docs.render.docx. The paragraph itself is blank
    # space, exactly as high as puts the ที่ line 0.3 cm below the emblem (as the PDF does),
    # with or without an image; the top margin stays 2.5 cm for page 2 on.
    para(doc, "{% if garuda %}{{ garuda }}{% endif %}", align=J.CENTER, exact_cm=GARUDA_SPACE_CM)

    # ที่ (left) and ส่วนราชการเจ้าของหนังสือ (its address, on the right half)
    para(doc, "ที่ {{ number | digits }}\t{% if agency.address %}{{ agency.address[0] }}{% endif %}",
         before=NUMBER_BEFORE, tabs=[(RIGHT_HALF_CM, WD_TAB_ALIGNMENT.LEFT)])
    tag(doc, "{%p for line in agency.address[1:] %}")
    para(doc, "{{ line }}", left=RIGHT_HALF_CM)
    tag(doc, "{%p endfor %}")

    # วัน เดือน ปี
    para(doc, "{{ date | thai_date }}", left=RIGHT_HALF_CM, before=BLOCK)

    # เรื่อง, คำขึ้นต้น
    para(doc, "เรื่อง\t{{ subject }}", left=LABEL_CM, hanging=LABEL_CM, before=BLOCK)
    para(doc, "{{ salutation }}\t{{ recipient }}", left=LABEL_CM, hanging=LABEL_CM, before=BLOCK)

    # อ้างถึง
    tag(doc, "{%p if references %}")
    para(doc, "อ้างถึง\t{{ references[0] }}", left=LABEL_CM, hanging=LABEL_CM, before=BLOCK)
    tag(doc, "{%p for r in references[1:] %}")
    para(doc, "\t{{ r }}", left=LABEL_CM, hanging=LABEL_CM)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    # สิ่งที่ส่งมาด้วย: numbered when more than one; the quantity flush right
    enclosure = dict(left=ENCLOSURE_CM, hanging=ENCLOSURE_CM,
                     tabs=[(TEXT_WIDTH_CM, WD_TAB_ALIGNMENT.RIGHT)])
    tag(doc, "{%p if enclosures %}")
    para(doc, "สิ่งที่ส่งมาด้วย\t{% if enclosures | length > 1 %}{{ 1 | digits }}. {% endif %}"
              "{{ enclosures[0].title }}\tจำนวน {{ enclosures[0].quantity | number }} {{ enclosures[0].unit }}",
         before=BLOCK, **enclosure)
    tag(doc, "{%p for e in enclosures[1:] %}")
    para(doc, "\t{{ (loop.index + 1) | digits }}. {{ e.title }}\tจำนวน {{ e.quantity | number }} {{ e.unit }}",
         **enclosure)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    # ข้อความ
    tag(doc, "{%p for p in body %}")
    body(doc, "{{ p }}", before=Pt(10))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if actions_intro %}")
    body(doc, "{{ actions_intro }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for a in actions %}")
    body(doc, "{{ loop.index | digits }}. {{ a.text }}")
    tag(doc, '{%p for item in a["items"] %}')
    body(doc, "({{ loop.index | digits }}) {{ item }}", first_line=SUBITEM_CM, before=Pt(3))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for p in conclusion %}")
    body(doc, "{{ p }}", keep_next=True)  # never leave the signature alone on a page
    tag(doc, "{%p endfor %}")

    # คำลงท้าย, ลายมือชื่อ, (ชื่อเต็ม), ตำแหน่ง, ปฏิบัติราชการแทน ...: centred on the right half
    sig = dict(align=J.CENTER, left=SIGNATURE_CM, keep_next=True)
    para(doc, "{{ closing }}", before=Pt(14), **sig)
    signature(doc)

    # ส่วนราชการเจ้าของเรื่อง, โทร. / โทรสาร / ไปรษณีย์อิเล็กทรอนิกส์, สำเนาส่ง: bottom left
    para(doc, "", exact_cm=1.0)
    tag(doc, "{%p for line in unit %}")
    para(doc, "{{ line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for c in contact %}")
    para(doc, "{{ c.label }} {{ c.value | digits }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if copies %}")
    para(doc, "สำเนาส่ง", before=BLOCK)
    tag(doc, "{%p for c in copies %}")
    para(doc, "{{ c }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    return doc


# ------------------------------------------------------------------ ทะเบียนจัดสรร

def register():
    doc = new_document("ทะเบียนจัดสรร")
    tag(doc, "{%p for line in title %}")
    para(doc, "{{ line }}", align=J.CENTER, bold=True)
    tag(doc, "{%p endfor %}")
    para(doc, "", exact_cm=0.4)

    # Columns: the row label, then one per data column ({%tc for %} repeats the cell).
    # The first column keeps its width; the data columns share the rest (ooxml.fit_tables).
    name_cm = 4.0
    col_cm = (TEXT_WIDTH_CM - name_cm) / 3
    table = doc.add_table(rows=7, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.set_table_width(table, ooxml.twips(TEXT_WIDTH_CM))
    for i, col in enumerate(table.columns):
        col.width = Cm(name_cm if i == 0 else col_cm)
        for cell in col.cells:
            cell.width = Cm(name_cm if i == 0 else col_cm)

    def fill(row, texts, *, bold=False, aligns=(J.LEFT, None, J.RIGHT, None)):
        for cell, text, align in zip(row.cells, texts, aligns):
            p = cell.paragraphs[0]
            if text:
                run = p.add_run(text)
                if bold:
                    ooxml.set_bold(run)
            if align is not None:
                p.alignment = align

    rows = table.rows
    # Header row, repeated at the top of every page.
    fill(rows[0], ["{{ row_label }}", "{%tc for c in columns %}", "{{ c.title }}{% if c.unit %} ({{ c.unit }}){% endif %}",
                   "{%tc endfor %}"],
         bold=True, aligns=(J.CENTER, None, J.CENTER, None))
    ooxml.set_repeat_header(rows[0])
    for cell in rows[0].cells:
        ooxml.set_cell_valign(cell, "center")
    # One row per อำเภอ / unit; numbers right-aligned.
    fill(rows[1], ["{%tr for row in rows %}", "", "", ""])
    shade = ("{%% cellbg %s and ('FFF2CC' if %s.kind == 'rounding' else 'F4CCCC') or 'auto' %%}")
    fill(rows[2], ["{{ row.name }}", '{%tc for v in row["values"] %}',
                   shade % ("row.marks[loop.index0]", "row.marks[loop.index0]") + "{% if v is not none %}{{ v | amount(columns[loop.index0].places) }}{% endif %}"
                   "{% if row.marks[loop.index0] %}*{% endif %}", "{%tc endfor %}"])
    fill(rows[3], ["{%tr endfor %}", "", "", ""])
    # Totals row, bold.
    fill(rows[4], ["{{ total_label }}", "{%tc for v in totals %}",
                   shade % ("total_marks[loop.index0]", "total_marks[loop.index0]") + "{% if v is not none %}{{ v | amount(columns[loop.index0].places) }}{% endif %}"
                   "{% if total_marks[loop.index0] %}*{% endif %}", "{%tc endfor %}"], bold=True)
    # Spare rows the build does not need.
    for row in rows[5:]:
        row._tr.getparent().remove(row._tr)
    for row in table.rows:
        ooxml.set_cant_split(row)

    # จำนวนเงินตัวอักษร, and the figures that disagree with what they should be (starred above)
    tag(doc, "{%p for b in baht_texts %}")
    para(doc, "{{ b.title }}รวมทั้งสิ้น ({{ b.total | baht_text }})", before=BLOCK)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for row in rows %}")
    tag(doc, "{%p for m in row.marks %}")
    tag(doc, "{%p if m %}")
    para(doc, '* {{ row.name }} ช่อง {{ columns[loop.index0].title }}: พิมพ์ไว้ {{ row["values"][loop.index0] | '
              'amount(columns[loop.index0].places) }} คำนวณได้ {{ m.expected | amount(columns[loop.index0].places) }} '
              '{% if m.kind == "rounding" %}(ผลต่างจากการปัดเศษ){% else %}(ไม่ตรงกัน){% endif %}')
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for m in total_marks %}")
    tag(doc, "{%p if m %}")
    para(doc, "* {{ total_label }} ช่อง {{ columns[loop.index0].title }}: พิมพ์ไว้ {{ totals[loop.index0] | "
              'amount(columns[loop.index0].places) }} คำนวณได้ {{ m.expected | amount(columns[loop.index0].places) }} '
              '{% if m.kind == "rounding" %}(ผลต่างจากการปัดเศษ){% else %}(ไม่ตรงกัน){% endif %}')
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if notes %}")
    para(doc, "{{ notes[0] }}", bold=True, before=Pt(12), keep_next=True)
    tag(doc, "{%p for n in notes[1:] %}")
    para(doc, "{{ n }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    return doc


# ------------------------------------------------------------------ รายงานการประชุม

PERSON = ("{% if p.name %}{{ p.name }}{% endif %}{% if p.name and p.position %} {% endif %}"
          "{% if p.position %}{{ p.position }}{% endif %}"
          "{% if p.substitute_for %} แทน {{ p.substitute_for }}{% endif %}"
          "{% if p.role %} {{ p.role }}{% endif %}{% if p.reason %} ({{ p.reason }}){% endif %}")


def minutes():
    doc = new_document("รายงานการประชุม")

    # Macros first (they print nothing where they are defined).
    tag(doc, "{%p macro people(list) %}")
    tag(doc, "{%p for p in list %}")
    para(doc, "{{ loop.index | digits }}. " + PERSON, left=1.5)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endmacro %}")

    tag(doc, "{%p macro agenda_items(list, depth) %}")
    tag(doc, "{%p for s in list %}")
    tag(doc, "{%p if depth == 1 %}")
    body(doc, "{{ s.label }}{{ s.text }}", first_line=MINUTES_ITEM_CM[0], before=Pt(4))
    tag(doc, "{%p else %}")
    body(doc, "{{ s.text }}", first_line=MINUTES_ITEM_CM[1], before=Pt(4))  # deeper points carry their own labels
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if s.resolution %}")
    body(doc, "มติที่ประชุม {{ s.resolution }}", first_line=MINUTES_ITEM_CM[0], before=Pt(4))
    tag(doc, "{%p endif %}")
    tag(doc, '{%p if s["items"] %}')
    tag(doc, '{{p agenda_items(s["items"], depth + 1) }}')
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endmacro %}")

    # รายงานการประชุม..., ครั้งที่, เมื่อ, ณ
    para(doc, "รายงานการประชุม{{ committee }}", align=J.CENTER, bold=True)
    para(doc, "ครั้งที่ {{ number | digits }}/{{ year | digits }}", align=J.CENTER)
    para(doc, 'เมื่อ{% if weekday %}{{ date | thai_date("weekday") }}{% else %}วันที่ {{ date | thai_date }}{% endif %}',
         align=J.CENTER)
    para(doc, "ณ {{ venue }}", align=J.CENTER)

    # ผู้มาประชุม, ผู้ไม่มาประชุม, ผู้เข้าร่วมประชุม
    heading = dict(bold=True, before=Pt(10), keep_next=True)
    tag(doc, "{%p if present %}")
    para(doc, "ผู้มาประชุม", **heading)
    tag(doc, "{{p people(present) }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if absent %}")
    para(doc, "ผู้ไม่มาประชุม", **heading)
    tag(doc, "{{p people(absent) }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if attending %}")
    para(doc, "ผู้เข้าร่วมประชุม", **heading)
    tag(doc, "{{p people(attending) }}")
    tag(doc, "{%p endif %}")

    # เริ่มประชุมเวลา, the agenda with its resolutions, เลิกประชุมเวลา
    para(doc, "{{ start_label }} {{ start | thai_time }}", before=Pt(10))
    tag(doc, "{%p if opening %}")
    body(doc, "{{ opening }}", first_line=MINUTES_ITEM_CM[0], before=Pt(4))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for a in agenda %}")
    para(doc, "ระเบียบวาระที่ {{ loop.index | digits }} {{ a.title }}", **heading)
    tag(doc, '{%p if a["items"] %}')
    tag(doc, '{{p agenda_items(a["items"], 1) }}')
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if a.resolution %}")
    body(doc, "มติที่ประชุม {{ a.resolution }}", first_line=MINUTES_ITEM_CM[0], before=Pt(4))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if end %}")
    para(doc, "{{ end_label }} {{ end | thai_time }}", before=Pt(10))
    tag(doc, "{%p endif %}")

    # ผู้จดรายงานการประชุม (and ผู้ตรวจรายงานการประชุม): centred on the right
    for who, label in (("recorder", "ผู้จดรายงานการประชุม"), ("checker", "ผู้ตรวจรายงานการประชุม")):
        sig = dict(align=J.CENTER, left=SIGNOFF_CM, keep_next=True)
        tag(doc, f"{{%p if {who} %}}")
        para(doc, label, before=Pt(22), **sig)
        para(doc, "", **sig)
        tag(doc, f"{{%p if {who}.name %}}")
        para(doc, f"({{{{ {who}.name }}}})", **sig)
        tag(doc, "{%p endif %}")
        tag(doc, f"{{%p if {who}.position %}}")
        para(doc, f"{{{{ {who}.position }}}}", align=J.CENTER, left=SIGNOFF_CM)
        tag(doc, "{%p endif %}")
        tag(doc, "{%p endif %}")
    return doc


# ------------------------------------------------------------------ บันทึกข้อความ (แบบที่ 2)

MEMO_TITLE_PT = 29   # "บันทึกข้อความ" bold 29 pt, the labels bold 20 pt (saraban.md §1.3)
MEMO_LABEL_PT = 20
SMALL_GARUDA_CM = 1.5


def run_size(run, pt: float):
    """A run's size in both slots: ``w:sz`` (Latin) and ``w:szCs`` (Thai, complex script)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run.font.size = Pt(pt)
    rpr = run._r.get_or_add_rPr()
    cs = OxmlElement("w:szCs")
    cs.set(qn("w:val"), str(int(pt * 2)))
    rpr.append(cs)


def memo():
    doc = new_document("บันทึกข้อความ")
    # The 1.5 cm Garuda is floated to the top left by kbo_docs.render.docx; the title line is
    # exactly as high as the emblem, so the header starts below it with or without an image.
    p = para(doc, "{% if garuda %}{{ garuda }}{% endif %}", align=J.CENTER,
             exact_cm=GARUDA_TOP_CM + SMALL_GARUDA_CM - TOP_MARGIN_CM + 0.2)
    run = p.add_run("บันทึกข้อความ")
    ooxml.set_bold(run)
    run_size(run, MEMO_TITLE_PT)

    def field(label: str, value: str, **kw):
        q = para(doc, "", **kw)
        r = q.add_run(label)
        ooxml.set_bold(r)
        run_size(r, MEMO_LABEL_PT)
        q.add_run(value)
        return q

    # Each value runs on a dotted line to its tab stop (saraban.md §1.2: จุดไข่ปลา after the labels).
    dots = [(TEXT_WIDTH_CM, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)]
    field("ส่วนราชการ", "  {% for line in unit %}{{ line }}{% if not loop.last %} {% endif %}{% endfor %}"
          "{% if phone %} โทร. {{ phone | digits }}{% endif %}\t", before=BLOCK, tabs=dots)
    field("ที่", "  {{ number | digits }}\t", tabs=[(RIGHT_HALF_CM, WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS), *dots])
    last = doc.paragraphs[-1]
    r = last.add_run("วันที่")
    ooxml.set_bold(r)
    run_size(r, MEMO_LABEL_PT)
    last.add_run("  {{ date | thai_date }}\t")
    field("เรื่อง", "  {{ subject }}\t", tabs=dots)
    para(doc, "{{ salutation }}\t{{ recipient }}", left=LABEL_CM, hanging=LABEL_CM, before=BLOCK)
    paragraphs(doc, "body")
    tag(doc, "{%p if points_intro %}")
    body(doc, "{{ points_intro }}")
    tag(doc, "{%p endif %}")
    points(doc)
    paragraphs(doc, "conclusion", keep_next=True)
    signature(doc, before=Pt(14))
    return doc


# ------------------------------------------------------------------ คำสั่ง (แบบที่ 4)

def decree_head(title: str, word: str, numbered: bool):
    """กระดาษตราครุฑ with the centred heading of a คำสั่ง or ประกาศ: <word><issuer>, (ที่ n/ปี),
    เรื่อง, a rule."""
    doc = new_document(title)
    garuda_space(doc)
    para(doc, word + "{{ issuer }}", align=J.CENTER, bold=True, before=NUMBER_BEFORE)
    if numbered:
        para(doc, "ที่ {{ number | digits }}/{{ year | digits }}", align=J.CENTER)
    para(doc, "เรื่อง {{ subject }}", align=J.CENTER)
    para(doc, "-----------------------------", align=J.CENTER)
    return doc


def dated_signature(doc, label: str):
    """สั่ง ณ วันที่ / ประกาศ ณ วันที่ <day month> พ.ศ. <year>, then the signature."""
    para(doc, label + ' ณ วันที่ {{ date | thai_date("be") }}', left=SIGNATURE_CM, before=Pt(14), keep_next=True)
    signature(doc)
    return doc


def order():
    doc = decree_head("คำสั่ง", "คำสั่ง", numbered=True)
    paragraphs(doc, "preamble")
    tag(doc, "{%p for c in clauses %}")
    body(doc, "{{ c.label }}{{ c.text }}")
    # The committee: one line per member, number / name and position / role, on tab stops.
    tag(doc, "{%p for p in c.members %}")
    para(doc, "{{ loop.index | digits }}.\t{% if p.name %}{{ p.name }}{% endif %}{% if p.name and p.position %} {% endif %}"
              "{% if p.position %}{{ p.position }}{% endif %}\t{% if p.role %}{{ p.role }}{% endif %}",
         left=INDENT_CM + 1.0, hanging=1.0, tabs=[(INDENT_CM + 1.0, WD_TAB_ALIGNMENT.LEFT),
                                                   (TEXT_WIDTH_CM - 5.5, WD_TAB_ALIGNMENT.LEFT)])
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if c.duties %}")
    body(doc, "{{ c.duties_intro }}")
    tag(doc, "{%p for d in c.duties %}")
    body(doc, "({{ loop.index | digits }}) {{ d }}", first_line=SUBITEM_CM, before=Pt(3))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    paragraphs(doc, "after")
    body(doc, "ทั้งนี้ ตั้งแต่{% if effective %}วันที่ {{ effective | thai_date }} {% else %}บัดนี้{% endif %}เป็นต้นไป",
         keep_next=True)
    return dated_signature(doc, "สั่ง")


# ------------------------------------------------------------------ ประกาศ (แบบที่ 7)

def announcement():
    doc = decree_head("ประกาศ", "ประกาศ", numbered=False)
    paragraphs(doc, "body")
    points(doc)
    paragraphs(doc, "conclusion", keep_next=True)
    return dated_signature(doc, "ประกาศ")


# ------------------------------------------------------------------ หนังสือเชิญประชุม + ระเบียบวาระ

def invitation():
    """The letter of circular(), then the agenda (ระเบียบวาระการประชุม) on a page of its own."""
    from docx.enum.text import WD_BREAK

    doc = circular()
    doc.core_properties.title = "หนังสือเชิญประชุม"
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.PAGE)
    para(doc, "ระเบียบวาระการประชุม{{ agenda.committee }}", align=J.CENTER, bold=True)
    para(doc, "ครั้งที่ {{ agenda.number | digits }}/{{ agenda.year | digits }}", align=J.CENTER)
    para(doc, '{{ agenda.date | thai_date("weekday") }} เวลา {{ agenda.start | thai_time }}', align=J.CENTER)
    para(doc, "ณ {{ agenda.venue }}", align=J.CENTER)
    para(doc, "-----------------------------", align=J.CENTER)
    tag(doc, '{%p for a in agenda["items"] %}')
    para(doc, "ระเบียบวาระที่ {{ loop.index | digits }} {{ a.title }}", bold=True, before=Pt(10), keep_next=True)
    tag(doc, '{%p for s in a["items"] %}')
    body(doc, "{{ s.label }}{{ s.text }}", first_line=MINUTES_ITEM_CM[0], before=Pt(4))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    return doc


BUILDERS = {"circular": circular, "register": register, "minutes": minutes, "memo": memo, "order": order,
            "announcement": announcement, "invitation": invitation}


def build(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = outdir / f"{name}.docx"
        builder().save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for path in build(out):
        print(path)
