"""Fixes of upstream bugs (kbo_docs.render.upstream): applied only where the bug shows, and the
result is what the library gives without the fix."""

from __future__ import annotations

import re
import types
import xml.etree.ElementTree as ET

import pytest
import tinyhtml5
from hypothesis import given, settings
from hypothesis import strategies as st
from tinyhtml5 import inputstream

from kbo_docs.load import load_project
from kbo_docs.render import upstream
from kbo_docs.render.pdf import render_html
from kbo_docs.render.view import Views

from ..helpers import SAMPLES


@pytest.fixture
def unfixed(monkeypatch):
    """tinyhtml5 as released (the fix taken out for the test, put back after it)."""
    cls = inputstream.HTMLUnicodeInputStream
    original = getattr(cls.chars_until, "kbo_docs_original", cls.chars_until)
    monkeypatch.setattr(cls, "chars_until", original)
    monkeypatch.setattr(upstream, "_installed", False)
    monkeypatch.setattr(inputstream, "characters_until_regex", {})
    return cls


def _tree(html: str) -> bytes:
    return ET.tostring(tinyhtml5.parse(html))


def test_the_pinned_tinyhtml5_misses_its_cache_and_the_fix_makes_it_hit(unfixed):
    assert upstream.tinyhtml5_cache_misses()
    assert upstream.fix_tinyhtml5()
    assert not upstream.tinyhtml5_cache_misses()
    inputstream.characters_until_regex.clear()
    tinyhtml5.parse("<p>ก &amp; ข</p>" * 20)
    keys = set(inputstream.characters_until_regex)
    assert keys and all(not isinstance(characters, re.Pattern) for characters, _ in keys)


def _htmls() -> list[str]:
    out = []
    for path in sorted(SAMPLES.glob("*.yaml")):
        loaded = load_project(path)
        out += [render_html(doc) for doc in Views(loaded.project).documents()[:3]]
    return out


def test_every_sample_parses_to_the_same_tree_with_the_fix(unfixed):
    htmls = _htmls()
    assert len(htmls) >= 7
    before = [_tree(h) for h in htmls]
    assert upstream.fix_tinyhtml5()
    assert [_tree(h) for h in htmls] == before


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=8))
def test_any_text_parses_alike_with_and_without_the_fix(texts):
    html = "".join(f"<td class=n title='{t}'>{t}</td><!--{t}--><script>{t}</script>{t}" for t in texts)
    cls = inputstream.HTMLUnicodeInputStream
    saved, installed = cls.chars_until, upstream._installed
    try:
        cls.chars_until = getattr(saved, "kbo_docs_original", saved)
        upstream._installed = False
        plain = _tree(html)
        assert upstream.fix_tinyhtml5()
        assert _tree(html) == plain
    finally:
        cls.chars_until, upstream._installed = saved, installed


def test_a_tinyhtml5_without_the_bug_is_left_alone():
    class Stream:
        def __init__(self, text: str) -> None:
            self.text = text

        def chars_until(self, characters, opposite=False):  # type: ignore[no-untyped-def]
            module.characters_until_regex[(characters, opposite)] = re.compile("x")
            return ""

    module = types.SimpleNamespace(HTMLUnicodeInputStream=Stream, characters_until_regex={})
    assert not upstream.tinyhtml5_cache_misses(module)
    other = types.SimpleNamespace()  # not the class this was written for
    assert not upstream.tinyhtml5_cache_misses(other)
