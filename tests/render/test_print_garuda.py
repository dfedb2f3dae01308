"""Issue 12 point 5: the Garuda set once (environment or user configuration file), a framed
placeholder ``ตราครุฑ`` where none is set, one line saying how to set it, and the emblem
centred on the page (not on the text block)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbo_docs.api import check_file
from kbo_docs.config import ENV_CONFIG, ENV_GARUDA, load_config
from kbo_docs.findings import InputError
from kbo_docs.load import load_project
from kbo_docs.render import render_project

from ..helpers import run_cli
from .printed import LAMPANG, PT_PER_CM, libreoffice_pdfs

A4_WIDTH = 21 * PT_PER_CM


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (100, 120), (200, 30, 30)).save(path)
    return path


def _render(tmp: Path, formats=("pdf",)):
    return render_project(load_project(LAMPANG), tmp / "out", only=["kbo68-districts"], formats=list(formats))


def test_placeholder_centred_on_the_page_and_one_line_how_to_set_it(tmp_path):
    import pdfplumber

    result = _render(tmp_path)
    garuda = [w for w in result.warnings if "ตราครุฑ" in w]  # (the sample also warns that it is not numbered)
    assert len(garuda) == 1 and "\n" not in garuda[0]
    assert ENV_GARUDA in garuda[0] and "config.yaml" in garuda[0]
    with pdfplumber.open(result.written[0]) as pdf:
        page = pdf.pages[0]
        mark = [c for c in page.chars if c["top"] < 5 * PT_PER_CM]
        assert "".join(c["text"] for c in mark).replace(" ", "").startswith("ตราครุฑ")
        frame = [e for e in page.edges if e["top"] < 5 * PT_PER_CM]
        left, right = min(e["x0"] for e in frame), max(e["x1"] for e in frame)
        top, bottom = min(e["top"] for e in frame), max(e["bottom"] for e in frame)
    assert (left + right) / 2 == pytest.approx(A4_WIDTH / 2, abs=0.05 * PT_PER_CM)
    assert top / PT_PER_CM == pytest.approx(1.5, abs=0.1)
    assert (bottom - top) / PT_PER_CM == pytest.approx(3.0, abs=0.1)


def test_check_says_in_one_line_how_to_set_it():
    notes = check_file(LAMPANG).notes
    assert len(notes) == 1 and ENV_GARUDA in notes[0] and "\n" not in notes[0]
    assert "no Garuda image" in run_cli("check", str(LAMPANG)).output


@pytest.mark.parametrize("how", ["env", "config"])
def test_garuda_set_once_is_used_centred_on_the_page(how, tmp_path, monkeypatch):
    import pdfplumber

    image = _png(tmp_path / "ตราครุฑ.png")
    if how == "env":
        monkeypatch.setenv(ENV_GARUDA, str(image))
    else:
        config = tmp_path / "cfg" / "config.yaml"
        config.parent.mkdir()
        config.write_text("garuda_image: ../ตราครุฑ.png\n", encoding="utf-8")
        monkeypatch.setenv(ENV_CONFIG, str(config))
    assert load_config().garuda_image == image.resolve()
    assert check_file(LAMPANG).notes == []
    result = _render(tmp_path)
    assert [w for w in result.warnings if "ตราครุฑ" in w] == []
    with pdfplumber.open(result.written[0]) as pdf:
        (img,) = pdf.pages[0].images
    assert (img["x0"] + img["x1"]) / 2 == pytest.approx(A4_WIDTH / 2, abs=0.05 * PT_PER_CM)
    assert img["top"] / PT_PER_CM == pytest.approx(1.5, abs=0.1)
    assert (img["bottom"] - img["top"]) / PT_PER_CM == pytest.approx(3.0, abs=0.05)


def test_bad_configuration_file_is_one_clear_line(tmp_path, monkeypatch):
    config = tmp_path / "config.yaml"
    config.write_text("garuda: x.png\n", encoding="utf-8")
    monkeypatch.setenv(ENV_CONFIG, str(config))
    with pytest.raises(InputError) as info:
        load_config()
    assert str(config) in str(info.value) and "garuda_image" in str(info.value)


def test_docx_placeholder_centred_as_libreoffice_prints_it(tmp_path):
    import pdfplumber

    docx = _render(tmp_path, ("docx",)).written[0]
    (pdf,) = libreoffice_pdfs([docx], tmp_path / "lo", tmp_path)
    with pdfplumber.open(pdf) as doc:
        (img,) = doc.pages[0].images
    assert (img["x0"] + img["x1"]) / 2 == pytest.approx(A4_WIDTH / 2, abs=0.05 * PT_PER_CM)
    assert img["top"] / PT_PER_CM == pytest.approx(1.5, abs=0.1)
    assert (img["bottom"] - img["top"]) / PT_PER_CM == pytest.approx(3.0, abs=0.05)


@pytest.mark.parametrize(("kind", "height_cm", "centre_cm"), [("memo", 1.5, None), ("order", 3.0, 10.5),
                                                            ("invitation", 3.0, 10.5), ("announcement", 3.0, 10.5)])
def test_every_kind_with_a_garuda_prints_the_placeholder(kind, height_cm, centre_cm, tmp_path):
    """Issue 13's kinds: the framed placeholder at their Garuda's size and place (a memo's
    1.5 cm top left, the others' 3 cm centred on the page), in the PDF and the DOCX."""
    import pdfplumber
    from docx import Document
    from docx.oxml.ns import qn

    sample = LAMPANG.with_name(f"lampang-kbo-2568-{kind}.yaml")
    assert len(check_file(sample).notes) == 1
    loaded = load_project(sample)
    doc_id = getattr(loaded.project, kind + "s")[0].id
    result = render_project(loaded, tmp_path / "out", only=[doc_id], formats=["pdf", "docx"])
    garuda = [w for w in result.warnings if "ตราครุฑ" in w]
    assert len(garuda) == 1 and ENV_GARUDA in garuda[0]
    pdf_path = next(p for p in result.written if p.suffix == ".pdf")
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        # the frame's edges: above the text (the memo's dotted header lines start below it)
        frame = [e for e in page.edges if e["bottom"] < (1.5 + height_cm + 0.1) * PT_PER_CM]
        left, right = min(e["x0"] for e in frame), max(e["x1"] for e in frame)
        top, bottom = min(e["top"] for e in frame), max(e["bottom"] for e in frame)
        mark = "".join(c["text"] for c in page.chars if top <= c["top"] and c["bottom"] <= bottom and left <= c["x0"] <= right)
    assert mark.replace(" ", "") == "ตราครุฑ"
    assert top / PT_PER_CM == pytest.approx(1.5, abs=0.1)
    assert (bottom - top) / PT_PER_CM == pytest.approx(height_cm, abs=0.1)
    if centre_cm is None:
        assert left / PT_PER_CM == pytest.approx(3.0, abs=0.1)  # the left margin
    else:
        assert (left + right) / 2 / PT_PER_CM == pytest.approx(centre_cm, abs=0.1)
    docx_path = next(p for p in result.written if p.suffix == ".docx")
    (anchor,) = Document(str(docx_path)).element.body.iter(qn("wp:anchor"))
    assert int(anchor.find(qn("wp:extent")).get("cy")) == pytest.approx(height_cm * 360000, rel=0.01)
