"""``kbo-docs new KIND``: a commented Thai starter file for every kind that checks clean,
renders, and is not written over an existing file."""

from __future__ import annotations

import pytest

from kbo_docs.api import check_file
from kbo_docs.load import load_project
from kbo_docs.model import KINDS
from kbo_docs.render import render_project

from .helpers import run_cli


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_starter_checks_clean_and_renders(tmp_path, kind):
    path = tmp_path / f"{kind}.yaml"
    result = run_cli("new", kind, "-o", str(path))
    assert result.code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) >= 3  # commented
    assert "ตรวจ" in text  # in Thai
    checked = check_file(path)
    assert checked.error is None and checked.findings == [], checked.findings
    spec = next(k for k in KINDS if k.name == kind)
    assert getattr(checked.loaded.project, spec.key), "the starter holds a document of its kind"
    formats = ("docx", "pdf", "xlsx") if spec.xlsx else ("docx", "pdf")
    rendered = render_project(load_project(path), tmp_path / "out", formats=formats)
    assert {p.suffix for p in rendered.written} >= {f".{f}" for f in formats}
    assert all(p.stat().st_size > 1000 for p in rendered.written)


def test_new_refuses_to_overwrite(tmp_path):
    path = tmp_path / "memo.yaml"
    path.write_text("mine", encoding="utf-8")
    result = run_cli("new", "memo", "-o", str(path))
    assert result.code == 2
    assert path.read_text(encoding="utf-8") == "mine"
    assert run_cli("new", "memo", "-o", str(path), "--overwrite").code == 0
    assert "memos:" in path.read_text(encoding="utf-8")


def test_new_unknown_kind_is_a_usage_error(tmp_path):
    result = run_cli("new", "memorandum", "-o", str(tmp_path / "x.yaml"))
    assert result.code == 2
    assert not (tmp_path / "x.yaml").exists()
