"""End-to-end tests of ``kbo-docs render`` (PDF and XLSX; DOCX is tested elsewhere).

Each test runs the installed console script in a subprocess, so what is checked is what a
clerk sees: exit codes, the ``wrote`` lines, warnings on stderr, no traceback, and output
folders that hold exactly the finished files (never a temporary one, never a clobbered one).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from kbo_docs.load import load_project

from ..helpers import LAMPANG, ROOT, replace_once

KBO_DOCS = Path(sys.executable).with_name("kbo-docs")
SAMPLE_TEXT = LAMPANG.read_text(encoding="utf-8")
CIRCULAR = "kbo68-districts.pdf"
"""The sample circular goes to each district: its letters, combined in order for printing."""
ZIP = "kbo68-districts.zip"
DISTRICTS = [row.name for row in load_project(LAMPANG).project.registers[0].rows]
LETTERS = [f"kbo68-districts-{i:02d}-{name}.pdf" for i, name in enumerate(DISTRICTS, 1)]
REGISTER_PDF = "kbo68-allocation.pdf"
REGISTER_XLSX = "kbo68-allocation.xlsx"
ALL = {CIRCULAR, ZIP, REGISTER_PDF, REGISTER_XLSX, *LETTERS}
GARUDA_WARNING = "no Garuda image configured"


def render(*args: str, templates: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KBO_DOCS_TEMPLATES"}
    if templates is not None:
        env["KBO_DOCS_TEMPLATES"] = str(templates)
    return subprocess.run([str(KBO_DOCS), "render", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def listing(folder: Path) -> set[str]:
    return set(os.listdir(folder)) if folder.exists() else set()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def no_temporaries(folder: Path) -> None:
    assert [p.name for p in folder.glob(".*")] == []
    assert [p.name for p in folder.glob("*.tmp")] == []


def wrote(proc: subprocess.CompletedProcess[str]) -> set[str]:
    return {Path(line.removeprefix("wrote ")).name for line in proc.stdout.splitlines() if line.startswith("wrote ")}


def write_sample(folder: Path, text: str = SAMPLE_TEXT, name: str = "lampang.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("render") / "OUT"
    proc = render(str(LAMPANG), "-o", str(out), "--format", "pdf,xlsx")
    return out, proc


# --- the sample --------------------------------------------------------------------------------


def test_render_sample_writes_circular_register_pdf_and_xlsx(rendered):
    out, proc = rendered
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert wrote(proc) == ALL
    assert [line for line in proc.stdout.splitlines() if line.startswith("wrote ")] == [
        f"wrote {out / name}" for name in (*LETTERS, REGISTER_PDF, REGISTER_XLSX, CIRCULAR, ZIP)
    ]
    assert f"{len(ALL)} แฟ้ม / files, {len(DISTRICTS) * 2 + 1} หน้า / pages" in proc.stdout
    assert "0 error(s)" in proc.stdout
    assert GARUDA_WARNING in proc.stderr and "kbo68-districts" in proc.stderr
    assert GARUDA_WARNING not in proc.stdout
    assert listing(out) == ALL
    no_temporaries(out)
    assert (out / CIRCULAR).read_bytes().startswith(b"%PDF-")
    assert (out / REGISTER_PDF).read_bytes().startswith(b"%PDF-")
    assert (out / REGISTER_XLSX).read_bytes().startswith(b"PK")
    assert "ทะเบียนจัดสรรกลุ่มเป้าหมาย" in pdf_text(out / REGISTER_PDF)


def test_second_run_refuses_then_overwrite_replaces(rendered):
    out, first = rendered
    assert first.returncode == 0
    before = snapshot(out)
    inodes = {name: (out / name).stat().st_ino for name in ALL}

    again = render(str(LAMPANG), "-o", str(out), "--format", "pdf,xlsx")
    assert again.returncode == 2
    assert "Traceback" not in again.stderr
    assert "--overwrite" in again.stderr
    named = [name for name in ALL if str(out / name) in again.stderr]
    assert len(named) == 10 and f"(+{len(ALL) - 10})" in again.stderr  # the first ten, and how many more
    assert wrote(again) == set()
    assert snapshot(out) == before  # same bytes, same modification times
    no_temporaries(out)

    replaced = render(str(LAMPANG), "-o", str(out), "--format", "pdf,xlsx", "--overwrite")
    assert replaced.returncode == 0, replaced.stderr
    assert wrote(replaced) == ALL
    assert listing(out) == ALL
    no_temporaries(out)
    after = snapshot(out)
    assert all(after[name][1] >= before[name][1] for name in ALL)
    assert all((out / name).stat().st_ino != inodes[name] for name in ALL)  # replaced, not edited in place


def test_one_existing_output_blocks_the_whole_render(tmp_path):
    out = tmp_path / "OUT"
    out.mkdir()
    signed = out / REGISTER_XLSX
    signed.write_bytes(b"signed copy")
    stamp = signed.stat().st_mtime_ns
    proc = render(str(LAMPANG), "-o", str(out), "--format", "pdf,xlsx")
    assert proc.returncode == 2
    assert str(signed) in proc.stderr
    assert str(out / CIRCULAR) not in proc.stderr
    assert listing(out) == {REGISTER_XLSX}  # nothing else written either
    assert signed.read_bytes() == b"signed copy" and signed.stat().st_mtime_ns == stamp


def test_outputs_get_the_usual_file_mode(tmp_path):
    """Rendered documents follow the umask like any file (not mkstemp's private 0600)."""
    out = tmp_path / "OUT"
    env = {k: v for k, v in os.environ.items() if k != "KBO_DOCS_TEMPLATES"}
    proc = subprocess.run([str(KBO_DOCS), "render", str(LAMPANG), "-o", str(out), "--format", "xlsx"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
                          preexec_fn=lambda: os.umask(0o022))
    assert proc.returncode == 0, proc.stderr
    assert (out / REGISTER_XLSX).stat().st_mode & 0o777 == 0o644


def test_only_one_document(tmp_path):
    out = tmp_path / "OUT"
    proc = render(str(LAMPANG), "-o", str(out), "--format", "pdf,xlsx", "--only", "kbo68-allocation")
    assert proc.returncode == 0, proc.stderr
    assert wrote(proc) == {REGISTER_PDF, REGISTER_XLSX}
    assert listing(out) == {REGISTER_PDF, REGISTER_XLSX}
    assert GARUDA_WARNING not in proc.stderr  # no circular, no Garuda


def test_only_unknown_document(tmp_path):
    out = tmp_path / "OUT"
    proc = render(str(LAMPANG), "-o", str(out), "--format", "pdf,xlsx", "--only", "nope")
    assert proc.returncode == 2
    assert "nope" in proc.stderr and "no document with id" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert listing(out) == set()


@pytest.mark.parametrize("formats", ["pdf,html", "", "docx;pdf"])
def test_unknown_format_is_a_usage_error(tmp_path, formats):
    out = tmp_path / "OUT"
    proc = render(str(LAMPANG), "-o", str(out), "--format", formats)
    assert proc.returncode == 2
    assert "--format" in proc.stderr
    assert listing(out) == set()


# --- refusing a file with rule errors ---------------------------------------------------------------


def test_rule_error_refuses_unless_forced(tmp_path):
    text = replace_once(SAMPLE_TEXT, "deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    path = write_sample(tmp_path, text)
    out = tmp_path / "OUT"
    refused = render(str(path), "-o", str(out), "--format", "pdf,xlsx")
    assert refused.returncode == 1
    assert "CIR003" in refused.stdout
    assert "--force" in refused.stderr
    assert wrote(refused) == set()
    assert listing(out) == set()

    forced = render(str(path), "-o", str(out), "--format", "pdf,xlsx", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "CIR003" in forced.stdout
    assert wrote(forced) == ALL
    assert listing(out) == ALL
    no_temporaries(out)


def test_unusable_input_exits_2(tmp_path):
    path = write_sample(tmp_path, "agency: [\n")
    out = tmp_path / "OUT"
    proc = render(str(path), "-o", str(out), "--format", "pdf,xlsx")
    assert proc.returncode == 2
    assert str(path) in proc.stderr and "Traceback" not in proc.stderr
    assert listing(out) == set()


# --- broken templates ---------------------------------------------------------------------------


@pytest.mark.parametrize("broken", ["{{ nope }}", "{% for x in %}"], ids=["unknown-variable", "syntax-error"])
def test_broken_template_is_named_and_nothing_written(tmp_path, broken):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "html" / "circular.html"
    page.write_text(replace_once(page.read_text(encoding="utf-8"), '<body class="letter">',
                                 f'<body class="letter">{broken}'), encoding="utf-8")
    out = tmp_path / "OUT"
    proc = render(str(LAMPANG), "-o", str(out), "--format", "pdf,xlsx", templates=templates)
    assert proc.returncode == 2
    assert "circular.html" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "nope" in proc.stderr if "nope" in broken else "syntax error" in proc.stderr
    assert wrote(proc) == set()
    assert listing(out) == set()  # the register's files were not written either


# --- the Garuda image ------------------------------------------------------------------------------


def test_missing_garuda_file_exits_2_with_its_path(tmp_path):
    text = replace_once(SAMPLE_TEXT, "garuda_image: null", "garuda_image: no-such-garuda.png")
    path = write_sample(tmp_path, text)
    out = tmp_path / "OUT"
    proc = render(str(path), "-o", str(out), "--format", "pdf,xlsx")
    assert proc.returncode == 2
    assert str((tmp_path / "no-such-garuda.png").resolve()) in proc.stderr
    assert "Traceback" not in proc.stderr
    assert listing(out) == set()


def test_real_garuda_is_placed_3_cm_high(tmp_path):
    from PIL import Image

    Image.new("RGB", (120, 120), (180, 20, 20)).save(tmp_path / "garuda.png")
    text = replace_once(SAMPLE_TEXT, "garuda_image: null", "garuda_image: garuda.png")
    path = write_sample(tmp_path, text)
    out = tmp_path / "OUT"
    proc = render(str(path), "-o", str(out), "--format", "pdf", "--only", "kbo68-districts",
                  "--number-register", str(tmp_path / "numbers.sqlite"))
    assert proc.returncode == 0, proc.stderr
    assert "Garuda" not in proc.stderr and "warning" not in proc.stderr
    with pdfplumber.open(out / CIRCULAR) as pdf:
        images = pdf.pages[0].images
    assert len(images) == 1
    assert images[0]["height"] == pytest.approx(3 / 2.54 * 72, abs=2)  # 85 pt
    assert images[0]["top"] < 72  # at the head of the page


# --- archival PDF ------------------------------------------------------------------------------------


def test_pdf_a_3b_variant(tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "OUT"
    proc = render(str(LAMPANG), "-o", str(out), "--format", "pdf", "--only", "kbo68-allocation",
                  "--pdf-variant", "pdf/a-3b")
    assert proc.returncode == 0, proc.stderr
    reader = PdfReader(out / REGISTER_PDF)
    root = reader.trailer["/Root"]
    metadata = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfaid" in metadata
    assert 'pdfaid:part="3"' in metadata and 'pdfaid:conformance="B"' in metadata
    assert "/OutputIntents" in root


def test_bad_pdf_variant_is_a_usage_error(tmp_path):
    proc = render(str(LAMPANG), "-o", str(tmp_path / "OUT"), "--format", "pdf", "--pdf-variant", "pdf/x")
    assert proc.returncode == 2
    assert listing(tmp_path / "OUT") == set()


# --- user text is text ----------------------------------------------------------------------------------

USER_TEXT = """\
agency:
  name: สำนักงานพัฒนาชุมชนจังหวัดลำปาง
project:
  name: โครงการทดสอบ
  fiscal_year: ๒๕๖๘
circulars:
  - id: c1
    kind: circular
    number: ลป ๐๐๑๙.๓/ว ๒๕๕๕
    date: ๖ ธันวาคม ๒๕๖๗
    subject: "เรื่อง <b>x</b> & {{ y }}"
    salutation: เรียน
    recipient: นายอำเภอ ทุกอำเภอ
    body:
      - "ตามสูตร =SUM(A1) และ <i>ตัวเอน</i> & {% if %}"
    conclusion: จึงเรียนมาเพื่อพิจารณาดำเนินการ
    closing: ขอแสดงความนับถือ
    signer:
      name: นางสาวทดสอบ ระบบดี
      position: รองผู้ว่าราชการจังหวัด
registers:
  - id: r1
    title: "=SUM(A1) <b>x</b> & {{ y }}"
    columns:
      - {key: n, title: จำนวน}
    rows:
      - ["<b>x</b> & {{ y }}", ๑]
"""


def test_user_text_is_printed_literally(tmp_path):
    path = write_sample(tmp_path, USER_TEXT, "user.yaml")
    out = tmp_path / "OUT"
    proc = render(str(path), "-o", str(out), "--format", "pdf,xlsx")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert wrote(proc) == {"c1.pdf", "r1.pdf", "r1.xlsx"}
    circular = pdf_text(out / "c1.pdf")
    assert "<b>x</b>&{{y}}" in circular
    assert "=SUM(A1)" in circular
    assert "<i>ตัวเอน</i>&{%if%}" in circular
    register = pdf_text(out / "r1.pdf")
    assert register.count("<b>x</b>&{{y}}") == 2  # the title and the row name
    assert "=SUM(A1)" in register

    import openpyxl

    ws = openpyxl.load_workbook(out / "r1.xlsx").active
    assert ws["A1"].value == "=SUM(A1) <b>x</b> & {{ y }}" and ws["A1"].data_type == "s"
    names = [c for c in ws["A"] if c.value == "<b>x</b> & {{ y }}"]
    assert len(names) == 1 and names[0].data_type == "s"
