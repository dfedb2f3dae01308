"""The corpus of real-world documents (tests/corpus, issue 11): its size and annotations, that
its generated files are what the build script makes, and lint's figures on it against the
issue's aims. ``benchmarks/corpus.py`` prints the same figures as tables."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import build  # noqa: E402
import harness  # noqa: E402

# The aims.
MIN_RECALL = 0.90
MIN_CLASS_RECALL = 0.80
MAX_CLEAN_ERRORS = 0
MAX_WARNINGS_PER_CLEAN_DOCUMENT = 1.0
MAX_QUIET_HITS = 0

# What the corpus must hold.
MIN_DOCUMENTS = 60
MIN_WITH_MISTAKES = 40
MIN_CLEAN = 20
MIN_MISTAKES = 80
MIN_PER_CLASS = 8
FORMATS = {"txt", "docx", "xlsx", "pdf"}
OLDEST_BEFORE = 2530
NEWEST_FROM = 2565


@functools.cache
def entries() -> tuple[harness.Entry, ...]:
    return tuple(harness.load())


@functools.cache
def figures() -> harness.Figures:
    return harness.figures(harness.run(harness.load()))


def test_corpus_is_big_and_varied_enough() -> None:
    census = harness.census(list(entries()))
    assert census["documents"] >= MIN_DOCUMENTS
    assert census["with_mistakes"] >= MIN_WITH_MISTAKES
    assert census["clean"] >= MIN_CLEAN
    assert census["mistakes"] >= MIN_MISTAKES
    per_class = census["per_class"]
    assert set(per_class) == set(harness.CLASSES), per_class
    assert all(n >= MIN_PER_CLASS for n in per_class.values()), per_class
    assert set(census["formats"]) == FORMATS
    assert all(n >= 4 for n in census["formats"].values()), census["formats"]
    years = census["years"]
    assert len(years) == census["documents"], "every document names the year of its model"
    assert min(years) < OLDEST_BEFORE and max(years) >= NEWEST_FROM
    assert all(2520 <= y <= 2569 for y in years)


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.name)
def test_annotation_is_well_formed(entry: harness.Entry) -> None:
    from kbo_docs.rules import REGISTRY

    for key in ("office", "year", "kind"):
        assert entry.model.get(key), f"{entry.annotation.name}: model.{key} missing"
    for mistake in entry.mistakes:
        assert mistake.cls in harness.CLASSES
        assert mistake.what, "say what the mistake is"
        if mistake.rule is not None:
            assert mistake.rule in REGISTRY, mistake.rule
            known = harness.class_of(mistake.rule)
            assert known in (None, mistake.cls), f"{mistake.rule} is a class {known} rule, not class {mistake.cls}"
    mistake_places = {p for m in entry.mistakes for p in m.places}
    for places in entry.quiet:
        assert not mistake_places.intersection(places), f"{places} is both a mistake and quiet"


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.name)
def test_every_annotated_place_exists(entry: harness.Entry) -> None:
    """Each place of a mistake or a quiet line names text that is there: a non-empty line of a
    text file, or a place kbo-docs reads text at in the other formats."""
    places = [p for m in entry.mistakes for p in m.places] + [p for q in entry.quiet for p in q]
    if entry.format == "txt":
        lines = entry.path.read_text(encoding="utf-8").splitlines()
        for place in places:
            first, _, last = place.partition("-")
            for number in {int(first), int(last or first)}:
                assert 1 <= number <= len(lines) and lines[number - 1].strip(), f"{entry.name}: no text on line {place}"
        return
    labels = [label for label, _text in build.places(entry.path)]
    for place in places:
        assert any(harness.at_place(label, place) for label in labels), f"{entry.name}: nothing at {place}"


def test_harness_matches_places() -> None:
    assert harness.at_place(14, "14")
    assert harness.at_place(13, "12-14") and not harness.at_place(15, "12-14")
    assert harness.at_place("t1:r3:c2", "t1:r3") and not harness.at_place("t1:r30:c2", "t1:r3")
    assert harness.at_place("page 1 t1:r3:c4", "page 1 t1:r3")
    assert harness.at_place("'ทะเบียน 68'!C4", "ทะเบียน 68!C4")
    assert harness.at_place("Sheet1!B7", "Sheet1!7") and not harness.at_place("Sheet1!B17", "Sheet1!7")
    assert not harness.at_place("page 1 line 14", "page 1 line 1")


def test_harness_matches_by_class_or_rule() -> None:
    mistake = harness.Mistake("x.txt", ["3"], 2, "MTG004")
    assert harness.compatible("MTG004", mistake)
    assert harness.compatible("LNT003", mistake)  # another class-2 rule
    assert not harness.compatible("TXT003", mistake)  # a class-3 rule
    assert harness.compatible("NEW999", mistake)  # a rule the harness does not know yet
    assert not harness.compatible("CIR004", mistake)  # a rule of none of the seven classes


def test_every_rule_has_a_class() -> None:
    """So that a finding of a new rule is matched to mistakes of its own class only."""
    from kbo_docs.rules import REGISTRY

    missing = sorted(set(REGISTRY) - set(harness.RULE_CLASS))
    assert not missing, f"add these rules to harness.RULE_CLASS (class 1-7, or 0 for none): {missing}"
    assert set(harness.RULE_CLASS.values()) <= {0, *harness.CLASSES}


def test_documents_and_annotations_pair_up() -> None:
    stems = {e.path.stem for e in entries()}
    generated = {build.target(s).stem for s in build.sources()}
    assert generated <= stems
    assert {e.path.stem for e in entries() if e.format != "txt"} == generated, "every DOCX/XLSX/PDF has its source"


@pytest.mark.parametrize("source", build.sources(), ids=lambda s: s.name)
def test_build_reproduces_the_committed_file(source: Path, tmp_path: Path) -> None:
    """The committed DOCX/XLSX/PDF is what the build script makes of its source: kbo-docs reads
    the same text at the same places from both."""
    from kbo_docs.lint.extract import extract

    def reading(path: Path) -> list[tuple[str, str]]:
        return [(str(piece.location.label), text) for text, piece in extract(path).texts()]

    fresh = build.build(source, tmp_path)
    assert reading(fresh) == reading(build.target(source))


# --- the aims (these measure lint; they fail until the rules reach the aims) ---


def test_recall_overall() -> None:
    fig = figures()
    assert fig.recall >= MIN_RECALL, f"recall {fig.recall:.2f} ({fig.found} of {fig.mistakes})"


@pytest.mark.parametrize("cls", sorted(harness.CLASSES))
def test_recall_per_class(cls: int) -> None:
    fig = figures()
    found, total = fig.per_class[cls]
    assert fig.class_recall(cls) >= MIN_CLASS_RECALL, f"class {cls} ({harness.CLASSES[cls]}): {found} of {total}"


def test_no_error_on_clean_controls() -> None:
    fig = figures()
    assert len(fig.clean_errors) <= MAX_CLEAN_ERRORS, "\n".join(map(str, fig.clean_errors))


def test_few_warnings_on_clean_controls() -> None:
    fig = figures()
    assert fig.warnings_per_clean_document <= MAX_WARNINGS_PER_CLEAN_DOCUMENT, (
        f"{fig.clean_warnings} warnings on {fig.clean_documents} clean documents")


def test_nothing_on_quiet_lines() -> None:
    fig = figures()
    assert len(fig.quiet_hits) <= MAX_QUIET_HITS, "\n".join(map(str, fig.quiet_hits))


def test_every_document_is_readable() -> None:
    assert not figures().unreadable
