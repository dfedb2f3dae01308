"""The hostile inputs of issue 10, built at test time (a few KB each; nothing large is stored).

Each :class:`Case` writes its files into a folder and returns the ``kbo-docs`` arguments that
attack with them, and says which exit statuses are right: 2 (one line naming the file: the
input cannot be used), or 0/1 where the input is legitimate once read in bounded time (a list
numbered from 999,999,999,999 in Roman numerals is shown with digits, as Word does).
"""

from __future__ import annotations

import zlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import LAMPANG, CHIANGMAI
from tests.lint.test_extract import CONTENT_TYPES, DOC_RELS, MC, RELS, W, write_package

SAMPLE = LAMPANG.read_text(encoding="utf-8")
MEETING = CHIANGMAI.read_text(encoding="utf-8")


@dataclass
class Case:
    name: str
    build: Callable[[Path], list[str]]
    codes: tuple[int, ...] = (2,)
    """Right exit statuses."""
    says: str = ""
    """Words the one error line must contain (when the status is 2)."""
    cpu: float = 2.0
    fsize: int | None = None


def _sample(tmp: Path, text: str, name: str = "data.yaml") -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Documents for lint


def _numbering(fmt: str, start: int) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}><w:abstractNum w:abstractNumId="0">'
            f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl>'
            '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def docx_roman(tmp: Path) -> list[str]:
    path = tmp / "roman.docx"
    body = "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr>'
                   f'<w:r><w:t>ข้อ {i}</w:t></w:r></w:p>' for i in range(20))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {MC}><w:body>{body}</w:body></w:document>')
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/numbering.xml", _numbering("upperRoman", 999_999_999_999))
    return ["lint", str(path)]


def _grid(tmp: Path, where: str) -> list[str]:
    path = tmp / f"{where}.docx"
    if where == "gridSpan":
        row = f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="300000000"/></w:tcPr><w:p><w:r><w:t>ก</w:t></w:r></w:p></w:tc></w:tr>'
    else:
        row = f'<w:tr><w:trPr><w:gridBefore w:val="300000000"/></w:trPr><w:tc><w:p><w:r><w:t>ก</w:t></w:r></w:p></w:tc></w:tr>'
    write_package(path, f"<w:tbl>{row}{row}</w:tbl>", numbering=False)
    return ["lint", str(path)]


def _workbook(path: Path, cells: list[tuple[int, int, object]]) -> list[str]:
    import openpyxl

    wb = openpyxl.Workbook()
    for r, c, value in cells:
        wb.active.cell(r, c, value)
    wb.save(path)
    return ["lint", str(path)]


def xlsx_sparse(tmp: Path) -> list[str]:
    """A cell in column A and one in XFD on 2,000 rows: was a 2,000 x 16,384 grid (7.8 GB)."""
    return _workbook(tmp / "sparse.xlsx", [(r, c, r) for r in range(1, 2001) for c in (1, 16384)])


def xlsx_sums(tmp: Path) -> list[str]:
    """300 rows of SUM formulas over 100,000-cell ranges, without cached results."""
    cells = [(r, 1, r) for r in range(1, 301)] + [(r, 2, "=SUM(A1:CV1000)") for r in range(1, 301)]
    cells += [(r, 3, f"=SUM(B1:B{r})+SUM(A1:CV1000)") for r in range(1, 301)]
    return _workbook(tmp / "sums.xlsx", cells)


def pdf_giant_run(tmp: Path, glyphs: int = 2_000_000) -> list[str]:
    path = tmp / "run.pdf"
    stream = zlib.compress(b"BT /F1 1 Tf 10 800 Td (" + b"A" * glyphs + b") Tj ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return ["lint", str(path)]


def names_pairwise(tmp: Path) -> list[str]:
    """40 venue names of 9,000 letters each (360 KB), nearly alike: pairwise difflib was 61 s."""
    base = ("กขคงจฉชซฌญ" * 900)
    lines = [f"ประชุม ณ โรงแรม{base[:-i - 1]}ข{base[-i:] if i else ''} วันนี้" for i in range(40)]
    path = tmp / "names.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["lint", str(path)]


def lead_ins(tmp: Path, lines: int = 300_000) -> list[str]:
    """300,000 list lead-ins ("จำนวน ๒ ข้อ ดังนี้"), each followed by its items: MTG004 copied
    the rest of the document for every one."""
    path = tmp / "leadins.txt"
    path.write_text("จำนวน ๒ ข้อ ดังนี้\n๑. ก\n" * (lines // 2), encoding="utf-8")
    return ["lint", str(path)]


def pipe_lines(tmp: Path) -> list[str]:
    """Lines that open like a Markdown table but never make one: each was scanned to the end."""
    path = tmp / "pipes.md"
    path.write_text("|---|\n" * 40_000, encoding="utf-8")
    return ["lint", str(path)]


# ---------------------------------------------------------------------------------------------
# Data files for check, render, allocate


def long_number(tmp: Path) -> list[str]:
    return ["check", str(_sample(tmp, SAMPLE.replace('target: ๓๔}', f'target: "{"9" * 4300}"}}')))]


def many_findings(tmp: Path, kib: int = 1024) -> list[str]:
    """One folded paragraph of ``kib`` KiB whose every line has a Thai word with Devanagari
    letters in it (a TXT001 finding each): SourceMap.line_in rebuilt a per-character list of the
    whole value for every finding."""
    line = "        ถนนวชิรवारุฒิดำเนิน ทดสอบ" + "ก" * 20 + "\n"
    block = "    body:\n      - >-\n" + line * (kib * 1024 // len(line.encode()))
    text = SAMPLE.replace("    body:\n", block, 1)
    return ["check", str(_sample(tmp, text))]


def long_enclosure(tmp: Path, old: str = "      - title: แบบรายงานผลก่อนการพัฒนา\n",
                   new: str = "      - title: แบบรายงาน{}\n") -> list[str]:
    """A 5,000-letter run with no break in a text of the letter head: laid out by its content
    (a table cell's or a flex item's min-content width) it cost time quadratic in its length."""
    text = SAMPLE.replace(old, new.format("ก" * 5000), 1)
    assert text != SAMPLE
    return ["render", str(_sample(tmp, text)), "-o", str(tmp / "out"), "--format", "pdf", "--only", "kbo68-districts-01-เมืองลำปาง"]  # one district's letter


def dhondt_huge(tmp: Path) -> list[str]:
    text = SAMPLE.replace("allocation: {method: hamilton, weight: total, floor: ๒}",
                          'allocation: {method: dhondt, weight: total, total: "100000000"}')
    return ["check", str(_sample(tmp, text))]


def explain_fit_many(tmp: Path) -> list[str]:
    """A register of 13 rows whose typed targets add up to 3,000,000: explain-fit's search."""
    text = SAMPLE.replace("๓๔}", '"3,000,000"}').replace("allocation: {method: hamilton, weight: total, floor: ๒}", "")
    lines = text.splitlines()
    out = []
    for line in lines:
        if line.strip().startswith("- [") and line.rstrip().endswith("]") and "," in line:
            cells = line.rstrip()[:-1].split(",")
            cells[-1] = " 230769" if "เมืองลำปาง" not in line else " 230772"
            line = ",".join(cells) + "]"
        out.append(line)
    return ["allocate", "--explain-fit", str(_sample(tmp, "\n".join(out) + "\n"))]


def total_digits(tmp: Path) -> list[str]:
    return ["allocate", "--total", "9" * 310, str(LAMPANG)]


def csv_big_cell(tmp: Path) -> list[str]:
    path = tmp / "w.csv"
    path.write_text('name,weight\n"' + "ก" * (140 * 1024) + '",1\n', encoding="utf-8")
    return ["allocate", "--total", "5", str(path)]


def csv_duplicate_header(tmp: Path) -> list[str]:
    path = tmp / "w.csv"
    path.write_text("name,weight,weight\nก,1,2\nข,3,4\n", encoding="utf-8")
    return ["allocate", "--total", "5", str(path)]


def long_id(tmp: Path) -> list[str]:
    text = SAMPLE.replace("id: kbo68-districts", "id: " + "ก" * 84).replace("kbo68-districts", "ก" * 84)
    return ["render", str(_sample(tmp, text)), "-o", str(tmp / "out"), "--format", "docx"]


def nonchar_title(tmp: Path) -> list[str]:
    """U+FFFE typed raw (YAML refuses the byte) and as an escape (TXT005; the XLSX writer failed)."""
    text = SAMPLE.replace("    title:\n      - ทะเบียนจัดสรรกลุ่มเป้าหมาย\n", '    title:\n      - "ทะเบียนจัดสรร\\uFFFEกลุ่มเป้าหมาย"\n', 1)
    assert text != SAMPLE
    return ["render", str(_sample(tmp, text)), "-o", str(tmp / "out"), "--format", "xlsx", "--force"]


def nonchar_raw(tmp: Path) -> list[str]:
    text = SAMPLE.replace("    title:\n      - ทะเบียนจัดสรรกลุ่มเป้าหมาย\n", "    title:\n      - ทะเบียนจัดสรร\ufffeกลุ่มเป้าหมาย\n", 1)
    assert text != SAMPLE
    return ["check", str(_sample(tmp, text))]


def bidi_override(tmp: Path) -> list[str]:
    text = SAMPLE.replace("conclusion: จึงเรียนมาเพื่อพิจารณาดำเนินการ", "conclusion: จึงเรียน\u202eมาเพื่อพิจารณา")
    assert text != SAMPLE
    return ["check", str(_sample(tmp, text))]


def control_char(tmp: Path) -> list[str]:
    text = SAMPLE.replace("conclusion: จึงเรียนมาเพื่อพิจารณาดำเนินการ", 'conclusion: "จึงเรียน\\aมาเพื่อ\\fพิจารณา"')
    return ["render", str(_sample(tmp, text)), "-o", str(tmp / "out"), "--format", "docx,xlsx", "--force"]


def unknown_placeholder(tmp: Path) -> list[str]:
    text = SAMPLE.replace("conclusion: จึงเรียนมาเพื่อพิจารณาดำเนินการ", "conclusion: จึงเรียน ${nobody} เพื่อพิจารณา")
    return ["render", str(_sample(tmp, text)), "-o", str(tmp / "out"), "--format", "docx", "--force"]


def garuda_not_image(tmp: Path) -> list[str]:
    (tmp / "garuda.png").write_text("not an image", encoding="utf-8")
    text = SAMPLE.replace("garuda_image: null", "garuda_image: garuda.png")
    return ["render", str(_sample(tmp, text)), "-o", str(tmp / "out"), "--format", "docx"]


def parent_is_file(tmp: Path) -> list[str]:
    (tmp / "out").write_text("a file", encoding="utf-8")
    return ["render", str(LAMPANG), "-o", str(tmp / "out" / "docs"), "--format", "docx"]


def target_is_folder(tmp: Path) -> list[str]:
    (tmp / "out" / "kbo68-districts-01-เมืองลำปาง.docx").mkdir(parents=True)
    return ["render", str(LAMPANG), "-o", str(tmp / "out"), "--format", "docx", "--overwrite"]


def dangling_link(tmp: Path) -> list[str]:
    out = tmp / "out"
    out.mkdir()
    (out / "kbo68-allocation.docx").symlink_to(tmp / "nowhere")
    return ["render", str(LAMPANG), "-o", str(out), "--format", "docx"]


def disk_full(tmp: Path) -> list[str]:
    return ["render", str(LAMPANG), "-o", str(tmp / "out"), "--format", "docx,xlsx"]


def schema_existing(tmp: Path) -> list[str]:
    (tmp / "schema.json").write_text("mine", encoding="utf-8")
    return ["schema", "-o", str(tmp / "schema.json")]


CASES = [
    Case("docx-roman-999999999999", docx_roman, (0, 1)),
    Case("docx-gridSpan-300000000", lambda t: _grid(t, "gridSpan"), says="63"),
    Case("docx-gridBefore-300000000", lambda t: _grid(t, "gridBefore"), says="63"),
    Case("xlsx-cells-in-A-and-XFD", xlsx_sparse, says="stray cells"),
    Case("xlsx-sum-formulas", xlsx_sums, (0, 1, 2)),
    Case("pdf-2M-glyph-run", pdf_giant_run, says="glyphs"),
    Case("lnt001-40-long-names", names_pairwise, (0, 1)),
    Case("mtg004-300000-lead-ins", lead_ins, says="at most 50,000"),
    Case("mtg004-40000-lead-ins", lambda t: lead_ins(t, 40_000), (1,), cpu=6.0),
    Case("text-40000-pipe-lines", pipe_lines, (0, 1, 2)),
    Case("number-of-4300-digits", long_number, says="digits"),
    Case("check-1MiB-value-with-7384-findings", many_findings, (1,)),
    Case("check-4.2MB-value-with-31000-findings", lambda t: many_findings(t, 4200), (1,), cpu=6.0),
    Case("render-enclosure-title-5000-letters", long_enclosure, (0,), cpu=6.0),
    Case("render-address-line-5000-letters",  # was 56 s with the letter head in flex boxes
         lambda t: long_enclosure(t, "    - ศาลากลางจังหวัดลำปาง\n", "    - ศาลากลาง{}\n"), (0,), cpu=6.0),
    Case("render-subject-5000-letters",
         lambda t: long_enclosure(t, "    subject: การดำเนิน", "    subject: การดำเนิน{}"), (0,), cpu=6.0),
    Case("dhondt-100000000-seats", dhondt_huge, (1,)),
    Case("explain-fit-3000000-seats", explain_fit_many, (0,)),
    Case("allocate-total-310-digits", total_digits, says="--total"),
    Case("csv-cell-over-128KiB", csv_big_cell, says="w.csv"),
    Case("csv-duplicate-header", csv_duplicate_header, says="weight"),
    Case("render-id-84-thai-letters", long_id, says="too long", cpu=6.0),
    Case("render-force-U+FFFE-escaped", nonchar_title, says="U+FFFE", cpu=6.0),
    Case("check-U+FFFE-raw", nonchar_raw, says="U+FFFE"),
    Case("check-U+202E", bidi_override, (1,)),
    Case("render-force-control-chars", control_char, says="U+0007", cpu=6.0),
    Case("render-force-unknown-placeholder", unknown_placeholder, says="nobody", cpu=6.0),
    Case("render-garuda-not-an-image", garuda_not_image, says="garuda", cpu=6.0),
    Case("render-parent-is-a-file", parent_is_file, says="out", cpu=6.0),
    Case("render-target-is-a-folder", target_is_folder, says="folder", cpu=6.0),
    Case("render-dangling-link", dangling_link, says="link", cpu=6.0),
    Case("render-disk-full", disk_full, says="full", cpu=6.0, fsize=20_000),
    Case("schema-o-existing", schema_existing, says="--overwrite"),
]
