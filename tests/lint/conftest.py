"""Documents built once per test session: the two real examples and their corrected copies as
text, DOCX, PDF by WeasyPrint and PDF by LibreOffice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .build import (
    Layout,
    layout,
    libreoffice,
    libreoffice_pdfs,
    write_docx,
    write_weasyprint_pdf,
)
from .examples import CHIANGMAI, LAMPANG, corrected, corrected_path, example_text


@dataclass
class Built:
    text: str
    layout: Layout
    files: dict[str, Path]
    """kind -> file: txt, docx, pdf (WeasyPrint), lo.pdf (LibreOffice, when installed)."""


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Built]:
    """(example name, "original" | "corrected") -> the document in every kind."""
    folder = tmp_path_factory.mktemp("examples")
    out: dict[tuple[str, str], Built] = {}
    for name in (LAMPANG, CHIANGMAI):
        for variant in ("original", "corrected"):
            text = example_text(name) if variant == "original" else corrected(name)
            stem = folder / f"{Path(name).stem}-{variant}"
            txt = stem.with_suffix(".txt")
            txt.write_text(text, encoding="utf-8")
            plan = write_docx(text, stem.with_suffix(".docx"))
            write_weasyprint_pdf(text, stem.with_suffix(".pdf"))
            out[(name, variant)] = Built(text, plan, {"txt": txt, "docx": stem.with_suffix(".docx"),
                                                      "pdf": stem.with_suffix(".pdf")})
    if libreoffice():
        lo = folder / "libreoffice"
        lo.mkdir()
        docx = [b.files["docx"] for b in out.values()]
        for built_, pdf in zip(out.values(), libreoffice_pdfs(docx, lo, tmp_path_factory.mktemp("soffice"))):
            built_.files["lo.pdf"] = pdf
    return out


__all__ = ["Built", "built", "corrected_path", "layout"]
