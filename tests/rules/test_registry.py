"""The rule registry: codes, names, docstrings, the generated reference, and test coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kbo_docs.findings import Severity
from kbo_docs.rules import REGISTRY
from kbo_docs.rules.docs import rules_markdown

from ..helpers import ROOT

HERE = Path(__file__).resolve().parent
CODES = sorted(REGISTRY)
SCOPES = {"REG": "register", "CIR": "circular", "MTG": "meeting", "TXT": "text", "MEM": "memo", "ORD": "order",
          "INV": "invitation", "ANN": "announcement"}

# Rules whose docstring's first line stops mid-sentence, so ``kbo-docs rules`` prints a cut
# summary (e.g. "... the meeting date (numbering restarts").


def test_there_are_rules():
    assert len(REGISTRY) >= 30


@pytest.mark.parametrize("code", CODES)
def test_code_shape_and_scope(code):
    rule = REGISTRY[code]
    assert re.fullmatch(r"[A-Z]{3}\d{3}", code)
    assert rule.code == code
    assert isinstance(rule.severity, Severity)
    if code[:3] in SCOPES:
        assert rule.scope == SCOPES[code[:3]]


def test_names_are_unique_kebab_case():
    names = [rule.name for rule in REGISTRY.values()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", name), name


@pytest.mark.parametrize("code", CODES)
def test_docstring_shows_wrong_and_right(code):
    doc = REGISTRY[code].doc
    assert doc, f"{code} has no docstring"
    assert "Wrong:" in doc and "Right:" in doc
    assert doc.index("Wrong:") < doc.index("Right:")


def _is_sentence(text: str) -> bool:
    text = text.strip()
    return bool(text) and not text[0].islower() and text.endswith((".", "?", "!"))


@pytest.mark.parametrize("code", CODES)
def test_docstring_opens_with_a_sentence(code):
    first_paragraph = REGISTRY[code].doc.split("\n\n")[0]
    assert _is_sentence(" ".join(first_paragraph.split())), first_paragraph


@pytest.mark.parametrize("code", CODES)
def test_summary_is_the_whole_first_sentence(code):
    """`kbo-docs rules` prints the summary: the first paragraph on one line, never cut mid-sentence."""
    rule = REGISTRY[code]
    first_paragraph = " ".join(rule.doc.split("\n\n")[0].split())
    assert rule.summary == first_paragraph
    assert _is_sentence(rule.summary), rule.summary


def _test_sources() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8") for path in sorted(HERE.glob("test_*.py")) if path.name != Path(__file__).name
    )


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_tests(code):
    sources = _test_sources()
    assert re.search(rf"\b{code}\b", sources), f"no test under tests/rules names {code}"


@pytest.mark.parametrize("code", CODES)
def test_every_rule_is_triggered_and_asserted_on_its_own(code):
    """Each rule is run alone (``select={CODE}``) by some test, through ``one(..., "CODE", ...)``
    or an explicit ``select``."""
    sources = _test_sources()
    assert f'"{code}"' in sources, f"no test selects {code}"


def test_rules_markdown_mentions_every_code():
    markdown = rules_markdown()
    for code, rule in REGISTRY.items():
        assert f"### {code} `{rule.name}` ({rule.severity.value})" in markdown
    assert markdown.endswith("\n")


def test_committed_rules_reference_is_up_to_date():
    path = ROOT / "docs" / "rules.md"
    assert path.exists(), "run: kbo-docs rules --markdown > docs/rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(), "run: kbo-docs rules --markdown > docs/rules.md"
