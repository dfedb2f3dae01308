"""One letter per recipient, rendered in worker processes: each letter carries its own row, the
combined PDF keeps the order, the ZIP holds everything, a failing letter is named and the
others are kept, progress shows on a terminal, as plain lines in a log, or not at all."""

from __future__ import annotations

import csv
import gc
import io
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from kbo_docs import thai
from kbo_docs.load import load_project, load_text
from kbo_docs.render import render_project
from kbo_docs.render.batch import default_jobs
from kbo_docs.render.progress import reporter

from ..helpers import LAMPANG, replace_once, run_cli

SAMPLE = LAMPANG.read_text(encoding="utf-8")


def districts() -> list[tuple[str, int]]:
    """(district, target) as the register prints them (targets computed by its rule when empty)."""
    reg = load_project(LAMPANG).project.register("kbo68-allocation")
    return [(row.name, reg.value(row, "target")) for row in reg.rows]


def first_page_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join((pdf.pages[0].extract_text() or "").split())


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "OUT"
    lines: list[tuple[int, int, str]] = []
    result = render_project(load_project(LAMPANG), out, formats=["docx", "pdf"], only=["kbo68-districts"],
                            jobs=2, progress=lambda task, outcome, done, total: lines.append((done, total, task.doc.id)))
    return out, result, lines


def test_each_district_gets_its_own_letter_with_its_own_target(batch):
    out, result, _ = batch
    assert result.failed == []
    rows = districts()
    assert len(rows) == 13 and sum(t for _, t in rows) == 34
    for i, (name, target) in enumerate(rows, 1):
        stem = f"kbo68-districts-{i:02d}-{name}"
        page = squeeze(first_page_text(out / f"{stem}.pdf"))
        assert squeeze(f"เรียน นายอำเภอ{name}") in page
        wanted = f"ของอำเภอ{name} จำนวน {thai.format_number(target)} ผลิตภัณฑ์"
        assert squeeze(wanted) in page, (name, target)
        others = [n for n, _ in rows if n != name and name not in n and n not in name]
        assert not any(squeeze(f"นายอำเภอ{n}") in page for n in others)
        docx_text = "\n".join(p.text for p in open_docx(out / f"{stem}.docx").paragraphs).replace("\u00a0", " ")
        assert f"เรียน\tนายอำเภอ{name}" in docx_text
        assert wanted in docx_text


def test_combined_pdf_is_every_letter_in_order(batch):
    out, result, _ = batch
    letters = sorted(out.glob("kbo68-districts-*.pdf"))
    combined = PdfReader(out / "kbo68-districts.pdf")
    per_letter = [len(PdfReader(p).pages) for p in letters]
    assert len(combined.pages) == sum(per_letter) == result.pages
    starts = [sum(per_letter[:i]) for i in range(len(per_letter))]
    for (name, _), start in zip(districts(), starts):
        assert squeeze(f"เรียนนายอำเภอ{name}") in squeeze(combined.pages[start].extract_text())
    # every page is the letter's own page: same text layer (as extracted), same size (PDFium
    # writes the box to 4 decimals), same fonts
    pages = [page for path in letters for page in PdfReader(path).pages]
    for page, own in zip(combined.pages, pages, strict=True):
        assert page.extract_text() == own.extract_text()
        assert [float(v) for v in page.mediabox] == pytest.approx([float(v) for v in own.mediabox], abs=1e-3)
        fonts = [f["/BaseFont"] for f in page["/Resources"]["/Font"].values()]
        assert fonts == [f["/BaseFont"] for f in own["/Resources"]["/Font"].values()]


def test_zip_holds_every_letter_and_the_recipient_list(batch):
    out, _, _ = batch
    with zipfile.ZipFile(out / "kbo68-districts.zip") as zf:
        names = set(zf.namelist())
        letters = {p.name for p in out.glob("kbo68-districts-*")}
        assert names == letters | {"recipients.csv"}
        assert len(letters) == 26
        for name in letters:
            assert zf.read(name) == (out / name).read_bytes()
        rows = list(csv.reader(io.StringIO(zf.read("recipients.csv").decode("utf-8-sig"))))
    assert rows[0] == ["no", "file", "recipient", "address"]
    assert [r[2] for r in rows[1:]] == [f"นายอำเภอ{name}" for name, _ in districts()]


def test_progress_is_called_once_per_letter(batch):
    _, _, lines = batch
    assert sorted(done for done, _, _ in lines) == list(range(1, 14))
    assert {total for _, total, _ in lines} == {13}
    assert len({doc for _, _, doc in lines}) == 13


LISTED = replace_once(
    SAMPLE, '    recipients: {register: kbo68-allocation, name: "นายอำเภอ${row.name}"}\n',
    "    recipients:\n"
    "      - {name: นายอำเภอเถิน, address: [ที่ว่าการอำเภอเถิน, ลป ๕๒๑๖๐], target: ๒}\n"
    "      - {name: นายอำเภองาว, target: ''}\n"
    "      - {name: นายอำเภอแม่ทะ, target: ๓}\n",
)


def test_a_failing_letter_is_named_and_the_others_are_kept(tmp_path):
    """นายอำเภองาว's target is empty (no value): check reports it (CIR012); rendered anyway, that
    one letter fails, by name, and the two others are written; no combined PDF or ZIP of an
    incomplete set."""
    data = tmp_path / "listed.yaml"
    data.write_text(LISTED, encoding="utf-8")
    out = tmp_path / "OUT"
    run = run_cli("render", str(data), "-o", str(out), "--format", "pdf", "--only", "kbo68-districts",
                  "--force", "--jobs", "2")
    assert run.code == 1, run.output
    assert "CIR012" in run.stdout and "Traceback" not in run.output
    assert "failed: kbo68-districts-02-นายอำเภองาว" in run.stderr and "row.target" in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["kbo68-districts-01-นายอำเภอเถิน.pdf",
                                                     "kbo68-districts-03-นายอำเภอแม่ทะ.pdf"]
    assert "kbo68-districts.pdf and kbo68-districts.zip not written" in run.stderr
    assert "2 แฟ้ม / files" in run.stdout and "1 ฉบับสร้างไม่ได้ / failed" in run.stdout


def test_listed_recipients_print_their_own_values_and_addresses(tmp_path):
    text = LISTED.replace("target: ''", "target: '๑,๒๐๐'")
    out = tmp_path / "OUT"
    result = render_project(load_text(text, str(tmp_path / "x.yaml")), out, formats=["pdf"], only=["kbo68-districts"], jobs=1)
    assert result.failed == []
    page = squeeze(first_page_text(out / "kbo68-districts-02-นายอำเภองาว.pdf"))
    assert squeeze("จำนวน ๑,๒๐๐ ผลิตภัณฑ์") in page
    with zipfile.ZipFile(out / "kbo68-districts.zip") as zf:
        rows = list(csv.reader(io.StringIO(zf.read("recipients.csv").decode("utf-8-sig"))))
    assert rows[1][2:] == ["นายอำเภอเถิน", "ที่ว่าการอำเภอเถิน ลป ๕๒๑๖๐"]


def test_an_existing_letter_blocks_the_whole_batch(tmp_path):
    out = tmp_path / "OUT"
    out.mkdir()
    signed = out / "kbo68-districts-07-วังเหนือ.pdf"
    signed.write_bytes(b"signed")
    run = run_cli("render", str(LAMPANG), "-o", str(out), "--format", "pdf", "--jobs", "2")
    assert run.code == 2 and str(signed) in run.stderr and "--overwrite" in run.stderr
    assert [p.name for p in out.iterdir()] == [signed.name] and signed.read_bytes() == b"signed"


def test_plain_progress_lines_summary_and_quiet(tmp_path):
    run = run_cli("render", str(LAMPANG), "-o", str(tmp_path / "A"), "--format", "pdf", "--jobs", "2")
    assert run.code == 0, run.output
    progress = [line for line in run.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 14 and progress[-1].startswith("[14/14] ok ")
    assert "16 แฟ้ม / files, 27 หน้า / pages," in run.stdout and "วินาที / seconds" in run.stdout
    quiet = run_cli("render", str(LAMPANG), "-o", str(tmp_path / "B"), "--format", "pdf", "--quiet")
    assert quiet.code == 0 and quiet.stdout == "" and "[" not in quiet.stderr
    assert len(list((tmp_path / "B").iterdir())) == 16


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rich_progress_bar_on_a_terminal(tmp_path):
    screen = Terminal()
    with reporter(stream=screen) as progress:
        render_project(load_project(LAMPANG), tmp_path, formats=["pdf"], jobs=1, progress=progress)
    shown = screen.getvalue()
    assert "14/14" in shown and "━" in shown  # rich's bar and its count
    with reporter(quiet=True, stream=screen) as progress:
        assert progress is None


def test_collector_state_is_restored_after_a_batch(tmp_path):
    render_project(load_project(LAMPANG), tmp_path, formats=["docx"], jobs=1)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_default_jobs_is_the_usable_cores():
    import os

    assert default_jobs() == len(os.sched_getaffinity(0))
