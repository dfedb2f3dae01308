"""A finished layout freed by reference counting (:mod:`kbo_docs.render.release`), both ways:
with the patch a written register's layout is gone without the cyclic collector, in one
layout and in parts; in the fallback (an internal missing) nothing is patched and the
collector frees it; the pages are the same either way."""

from __future__ import annotations

import gc
import weakref

import pytest
import weasyprint
import weasyprint.document
from weasyprint.document import Document as WeasyDocument
from weasyprint.formatting_structure import boxes

from kbo_docs.api import pdf_page_images
from kbo_docs.render import parts, release
from kbo_docs.render.pdf import render_document, render_pdf_pages

from .test_register_parts import _document, _register_text


@pytest.fixture(autouse=True)
def _reinstall():
    yield
    release.install()


def _tables(document) -> list[weakref.ref]:  # type: ignore[no-untyped-def]
    return [weakref.ref(box) for page in document.pages for box in page._page_box.descendants()
            if isinstance(box, boxes.TableBox)]


def _written_without_collector(doc) -> tuple[list[weakref.ref], list[bool]]:  # type: ignore[no-untyped-def]
    """A register laid out and written in a ``released`` block with the collector off: weak
    references to its tables and layout context, and which of them were still alive when the
    block had ended (before the collector is on again)."""
    contexts: list[weakref.ref] = []

    class Spy(weasyprint.document.LayoutContext):  # type: ignore[misc,name-defined]
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            contexts.append(weakref.ref(self))

    gc.collect()
    gc.disable()
    try:
        with pytest.MonkeyPatch.context() as m:
            m.setattr(weasyprint.document, "LayoutContext", Spy)
            with release.released():
                document = render_document(doc)
                document.write_pdf()
                tables = _tables(document)
                del document
        refs = tables + contexts
        alive = [ref() is not None for ref in refs]
        assert tables and contexts
        return refs, alive
    finally:
        gc.enable()


def test_weasyprint_has_every_internal():
    assert release._missing_internals() == []
    assert release.install() and release.installed()


def test_missing_internals_are_reported(monkeypatch):
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert any("71.0" in m for m in release._missing_internals())
    monkeypatch.undo()
    monkeypatch.setattr(WeasyDocument, "_build_layout_context", classmethod(lambda cls, html: None))
    assert any("_build_layout_context" in m for m in release._missing_internals())


def test_install_wraps_once_and_uninstall_restores():
    release.uninstall()
    original = WeasyDocument.__dict__["_build_layout_context"]
    assert release.install() and release.install()
    wrapper = WeasyDocument.__dict__["_build_layout_context"]
    assert wrapper is not original and getattr(wrapper.__func__, release._STATE_ATTR) is original
    release.uninstall()
    assert WeasyDocument.__dict__["_build_layout_context"] is original


def test_written_layout_is_freed_without_the_collector():
    _, alive = _written_without_collector(_document(_register_text(rows=60)))
    assert not any(alive)


def test_fallback_patches_nothing_and_the_collector_frees_the_layout(monkeypatch):
    monkeypatch.setattr(release, "_missing_internals", lambda: ["weasyprint.document (test)"])
    assert not release.install()
    assert not release.installed()
    assert not hasattr(WeasyDocument.__dict__["_build_layout_context"].__func__, release._STATE_ATTR)
    refs, alive = _written_without_collector(_document(_register_text(rows=60)))
    assert all(alive)  # held by their cycles
    gc.collect()
    assert all(ref() is None for ref in refs)


def test_render_document_outside_a_block_keeps_its_layout_usable():
    doc = _document(_register_text(rows=60))
    with release.released():
        pass  # a block that ended before the document was made does not touch it
    document = render_document(doc)
    first = document.write_pdf()
    assert document.write_pdf()[:4] == first[:4] == b"%PDF" and len(document.pages) >= 2


@pytest.mark.parametrize("split", [False, True])
def test_same_pages_either_way(monkeypatch, split):
    """The same page images with the cycles cut and without (in one layout and in parts)."""
    if split:
        monkeypatch.setattr(parts, "PARTS_ABOVE", 300)
        monkeypatch.setattr(parts, "PART_CELLS", 350)
    doc = _document(_register_text(rows=150))
    images = []
    for fallback in (False, True):
        with monkeypatch.context() as m:
            if fallback:
                m.setattr(release, "_missing_internals", lambda: ["weasyprint.document (test)"])
            pdf, count = render_pdf_pages(doc)
        assert release.installed() == (not fallback)
        images.append(pdf_page_images(pdf, max_pages=count))
    assert len(images[0]) >= 4 and images[0] == images[1]
