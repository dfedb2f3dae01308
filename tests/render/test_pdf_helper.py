"""The PDF helper process of a cold render (kbo_docs.render.helper): it makes the first
documents' PDFs while this process makes their DOCX and XLSX, the files are the same as
without it, and when it fails in any way this process makes the PDFs itself."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from kbo_docs.load import load_project
from kbo_docs.render import batch, helper, render_project

from ..helpers import ROOT

ONE_LETTER = ROOT / "tests" / "web" / "lampang-one-letter.yaml"
FILES = {"kbo68-districts.docx", "kbo68-districts.pdf", "kbo68-allocation.docx", "kbo68-allocation.pdf",
         "kbo68-allocation.xlsx"}


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> Path:
    """The one-letter file rendered with no helper and no workers."""
    out = tmp_path_factory.mktemp("alone")
    result = render_project(load_project(ONE_LETTER), out, jobs=1)
    assert result.failed == [] and {p.name for p in result.written} == FILES
    return out


def render_with(pdf_helper: helper.PdfHelper | None, out: Path):  # type: ignore[no-untyped-def]
    try:
        return render_project(load_project(ONE_LETTER), out, jobs=2, helper=pdf_helper)
    finally:
        if pdf_helper is not None:
            pdf_helper.close()


def same_files(out: Path, alone: Path) -> None:
    assert {p.name for p in out.iterdir()} == FILES
    for name in sorted(FILES):
        if name.endswith(".pdf"):
            assert pdf_text(out / name) == pdf_text(alone / name), name
        else:
            assert (out / name).stat().st_size > 0


def test_the_helper_makes_the_pdfs_and_they_are_the_pdfs_this_process_makes(alone, tmp_path):
    pdf_helper = helper.start()
    assert pdf_helper is not None
    result = render_with(pdf_helper, tmp_path)
    assert result.failed == [] and result.pages == 3
    assert pdf_helper.answered == 2  # both PDFs came from the helper
    assert pdf_helper.status is not None and os.WIFEXITED(pdf_helper.status) and os.WEXITSTATUS(pdf_helper.status) == 0
    same_files(tmp_path, alone)


def test_a_helper_that_dies_at_once_is_replaced_by_this_process(alone, tmp_path, monkeypatch):
    monkeypatch.setattr(helper, "_serve", lambda conn: os._exit(7))
    pdf_helper = helper.start()
    assert pdf_helper is not None
    result = render_with(pdf_helper, tmp_path)
    assert result.failed == [] and result.pages == 3
    assert pdf_helper.answered == 0
    same_files(tmp_path, alone)


def test_a_pdf_the_helper_cannot_make_is_made_here(alone, tmp_path, monkeypatch):
    here = os.getpid()
    make = batch.make

    def fails_in_the_helper(task, options, outcome):  # type: ignore[no-untyped-def]
        if os.getpid() != here and task.doc.kind == "register":
            raise RuntimeError("only in the helper")
        return make(task, options, outcome)

    monkeypatch.setattr(batch, "make", fails_in_the_helper)
    pdf_helper = helper.start()
    assert pdf_helper is not None
    result = render_with(pdf_helper, tmp_path)
    assert result.failed == [] and result.pages == 3
    assert pdf_helper.answered == 1  # the circular's; the register's was made here
    same_files(tmp_path, alone)


def test_a_helper_whose_work_is_not_wanted_is_stopped_not_waited_for(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # the helper's font folder goes under TMPDIR
    from kbo_docs.render import pdf

    monkeypatch.setattr(pdf, "_CONFIGS", [])
    pdf._stylesheet.cache_clear()  # the helper builds its own fonts, in TMPDIR
    pdf_helper = helper.start()
    assert pdf_helper is not None
    project = load_project(ONE_LETTER)
    from kbo_docs.render import plan
    from kbo_docs.render.batch import Options, Task

    docs = [doc for doc, fmt in plan(project, ["pdf"], None) if fmt == "pdf"]
    out = tmp_path / "out"
    out.mkdir()
    pdf_helper.submit([Task(i, doc, [("pdf", out / f"{doc.id}.pdf")]) for i, doc in enumerate(docs)], Options())
    time.sleep(0.5)  # at work
    started = time.perf_counter()
    pdf_helper.close()
    assert time.perf_counter() - started < 5
    assert pdf_helper.status is not None and os.WIFEXITED(pdf_helper.status)
    assert list(out.iterdir()) == []  # the helper writes nothing itself
    assert list((tmp_path / "tmp").iterdir()) == []  # and removed its font folder on the way out
    pdf._stylesheet.cache_clear()


def test_a_helper_never_given_work_is_stopped_at_once():
    pdf_helper = helper.start()
    assert pdf_helper is not None
    started = time.perf_counter()
    pdf_helper.close()
    assert time.perf_counter() - started < 5
    status = pdf_helper.status
    assert status is not None  # reaped: no process left behind
    # ended by its handler (0), or by SIGTERM itself before the handler was set (no font folder yet)
    assert (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0) or \
        (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM)


def test_a_helper_is_started_only_where_it_can_pay_for_itself(monkeypatch):
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    monkeypatch.delitem(__import__("sys").modules, "weasyprint", raising=False)
    assert helper.wanted(["docx", "pdf"], jobs=2)
    assert not helper.wanted(["docx", "xlsx"], jobs=2)  # nothing for it to do
    assert not helper.wanted(["pdf"], jobs=1)  # --jobs 1: one process
    monkeypatch.setattr(batch, "default_jobs", lambda: 1)
    assert not helper.wanted(["pdf"], jobs=2)


def test_no_helper_in_a_process_where_weasyprint_is_warm(monkeypatch):
    import weasyprint  # noqa: F401

    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    assert not helper.wanted(["pdf"], jobs=2)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_command_line_render_leaves_nothing_in_the_temporary_folder(tmp_path, jobs):
    """WeasyPrint's font configuration keeps fontconfig files in a temporary folder that its
    ``__del__`` could no longer remove at interpreter teardown: one ``weasyprint-*`` folder was
    left behind by every render (and by the helper, which ends with ``os._exit``)."""
    import subprocess
    import sys

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    kbo = Path(sys.executable).parent / "kbo-docs"
    env = {**os.environ, "TMPDIR": str(temporary)}
    proc = subprocess.run([str(kbo), "render", str(ONE_LETTER), "-o", str(tmp_path / "out"), "-j", jobs],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Exception ignored" not in proc.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} == FILES
    assert list(temporary.iterdir()) == []


def test_release_fonts_removes_the_font_folders_and_a_later_pdf_makes_new_ones(tmp_path):
    from kbo_docs.render import pdf
    from kbo_docs.render.view import Views

    pdf.warm()
    folders = [c._folder for c in pdf._CONFIGS if getattr(c, "_folder", None)]  # type: ignore[attr-defined]
    pdf.release_fonts()
    assert pdf._CONFIGS == []
    assert folders and not any(Path(f).exists() for f in folders)
    doc = next(d for d in Views(load_project(ONE_LETTER).project).documents() if d.kind == "register")
    assert pdf.render_pdf(doc).startswith(b"%PDF")  # fonts configured again
