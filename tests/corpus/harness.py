"""Measure ``kbo-docs lint`` on the corpus of real-world documents (issue 11).

Every document in ``tests/corpus/docs/`` has a YAML annotation beside it (same stem,
``.yaml``)::

    model:                 # what the document was modelled on
      office: องค์การบริหารส่วนตำบล...
      year: 2551           # Buddhist Era
      kind: announcement
      page: https://...    # the public page it was modelled on, when there is one
    mistakes:              # empty for a clean control
      - at: 14             # where kbo-docs should report it (see LOCATIONS below)
        class: 2           # 1-7 as numbered in issue 11
        rule: MTG004       # the rule expected; left out when no rule exists yet
        what: จำนวน ๓ สมัย but two sessions are listed
    quiet:                 # places where nothing may be reported
      - at: 20
        why: a correct start time

LOCATIONS are written as kbo-docs prints them (``Finding.line``): a line number of a text file,
``p12`` or ``t1:r3:c2`` in a DOCX, ``Sheet1!B7`` in a workbook, ``page 1 line 14`` or
``page 1 t1:r3:c4`` in a PDF. An annotation may also name a whole table row (``t1:r3``,
``page 1 t1:r3``, ``Sheet1!7``), a range of text lines (``"12-14"``), or a list of such places
when a mistake may fairly be reported at either (a wrong cell breaks its row and its column).

A finding *matches* a mistake when it stands at one of the mistake's places and its rule is the
rule expected or any rule of the mistake's class (:data:`RULE_CLASS`; a rule the harness does not
know yet counts for any class). Recall is counted per mistake, precision per finding.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
SUFFIXES = (".txt", ".docx", ".xlsx", ".pdf")
CLASSES = {
    1: "tables anywhere",
    2: "counts stated in prose",
    3: "Thai text hygiene",
    4: "letter numbers",
    5: "one name, two spellings",
    6: "meetings as offices number them",
    7: "dates in prose",
}
RULE_CLASS = {
    "REG001": 1, "REG002": 1, "REG003": 1, "REG004": 1, "REG005": 1, "REG006": 1, "REG007": 1,
    "REG008": 1, "REG009": 1, "LNT004": 1, "LNT005": 1, "LNT006": 1, "LNT007": 1,
    "LNT003": 2, "MTG004": 2, "MTG006": 2, "LNT008": 2, "LNT009": 2,
    "TXT001": 3, "TXT002": 3, "TXT003": 3, "TXT004": 3, "TXT005": 3, "TXT007": 3,
    "LNT010": 3, "LNT011": 3, "LNT012": 3, "LNT013": 3, "LNT014": 3, "LNT015": 3,
    "CIR005": 4, "CIR006": 4, "LNT016": 4,
    "LNT001": 5, "LNT017": 5,
    "MTG001": 6, "MTG002": 6, "MTG003": 6, "MTG007": 6, "MTG008": 6, "LNT020": 6,
    "LNT002": 7, "CIR001": 7, "CIR002": 7, "CIR003": 7, "MTG005": 7, "LNT018": 7, "LNT019": 7,
    "CIR004": 0, "CIR007": 0, "CIR008": 0, "CIR009": 0, "MTG009": 0, "MTG010": 0, "TXT006": 0,
    "CIR011": 0, "CIR012": 0, "CIR013": 0,  # recipients of a letter to many: data files only
    # rules of `check` alone (no document front end yet), by the class their mistakes belong to
    "REG010": 1, "REG011": 1, "REG012": 1, "REG013": 1,
    "TXT008": 3,
    "CIR010": 4, "MEM002": 4,
    "ORD001": 6, "INV001": 6, "INV003": 6,
    "ANN002": 7, "INV002": 7, "MEM003": 7, "ORD004": 7, "ORD005": 7, "ORD007": 7,
    "PRJ001": 0, "ANN001": 0, "MEM001": 0, "ORD002": 0, "ORD003": 0, "ORD006": 0,
}
"""The class of every rule of the registry (0: none of the seven, e.g. enclosures or the salutation).
Whoever adds a rule adds it here; ``tests/test_corpus.py`` checks that none is missing."""


@dataclass
class Mistake:
    doc: str
    places: list[str]
    cls: int
    rule: str | None
    what: str = ""
    found_by: list[str] = field(default_factory=list)
    """Rules of the findings that matched it."""

    @property
    def found(self) -> bool:
        return bool(self.found_by)


@dataclass
class Entry:
    path: Path
    annotation: Path
    model: dict[str, object]
    mistakes: list[Mistake]
    quiet: list[list[str]]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def clean(self) -> bool:
        return not self.mistakes

    @property
    def format(self) -> str:
        return self.path.suffix.lstrip(".")


def _places(at: object) -> list[str]:
    values = at if isinstance(at, list) else [at]
    return [str(v).strip() for v in values]


def load(docs: Path = DOCS) -> list[Entry]:
    """Every annotated document, in name order. A document without its YAML, or a YAML without
    its document, is an error: the corpus must be complete."""
    entries = []
    annotations = sorted(docs.glob("*.yaml"))
    documents = {p.stem: p for p in docs.iterdir() if p.suffix in SUFFIXES}
    stems = {a.stem for a in annotations}
    orphans = sorted(set(documents) ^ stems)
    if orphans:
        raise ValueError(f"documents and annotations do not pair up: {orphans}")
    for annotation in annotations:
        data = yaml.safe_load(annotation.read_text(encoding="utf-8")) or {}
        path = documents[annotation.stem]
        mistakes = [
            Mistake(path.name, _places(m["at"]), int(m["class"]), m.get("rule"), str(m.get("what", "")))
            for m in data.get("mistakes") or []
        ]
        quiet = [_places(q["at"]) for q in data.get("quiet") or []]
        entries.append(Entry(path, annotation, data.get("model") or {}, mistakes, quiet))
    return entries


_ROW = re.compile(r"(.*\bt\d+:r\d+)")
_RANGE = re.compile(r"(\d+)\s*-\s*(\d+)")
_SHEET_ROW = re.compile(r"(.+)!(\d+)")
_CELL = re.compile(r"(.+)![A-Z]+(\d+)")


def _unquote(place: str) -> str:
    """``'ทะเบียน 68'!C4`` and ``ทะเบียน 68!C4`` name the same cell."""
    m = re.fullmatch(r"'(.*)'!(.*)", place)
    return f"{m.group(1)}!{m.group(2)}" if m else place


def at_place(line: int | str, place: str) -> bool:
    """Whether a finding's ``line`` stands at an annotated place."""
    got = _unquote(str(line).strip())
    place = _unquote(place)
    if got == place:
        return True
    if _ROW.fullmatch(place) and got.startswith(place + ":"):
        return True
    if (m := _RANGE.fullmatch(place)) and got.isdigit():
        return int(m.group(1)) <= int(got) <= int(m.group(2))
    if (m := _SHEET_ROW.fullmatch(place)) and (c := _CELL.fullmatch(got)):
        return c.group(1) == m.group(1) and c.group(2) == m.group(2)
    return False


def class_of(rule: str) -> int | None:
    return RULE_CLASS.get(rule)


def compatible(rule: str, mistake: Mistake) -> bool:
    """A finding of ``rule`` may report ``mistake``: the rule expected, a rule of the same class,
    or a rule whose class the harness does not know yet."""
    known = class_of(rule)
    return rule == mistake.rule or known is None or known == mistake.cls


@dataclass
class DocResult:
    entry: Entry
    findings: list[object]
    error: str | None
    unmatched: list[object] = field(default_factory=list)
    """Findings that report no annotated mistake."""
    on_quiet: list[object] = field(default_factory=list)


def run(entries: Iterable[Entry] | None = None) -> list[DocResult]:
    """Lint every document and match its findings to its annotations."""
    from kbo_docs.api import lint_file

    results = []
    for entry in entries if entries is not None else load():
        result = lint_file(entry.path)
        error = str(result.error) if result.error else None
        out = DocResult(entry, list(result.findings), error)
        for mistake in entry.mistakes:
            mistake.found_by = []
        for finding in result.findings:
            hit = False
            for mistake in entry.mistakes:
                if compatible(finding.rule, mistake) and any(at_place(finding.line, p) for p in mistake.places):
                    mistake.found_by.append(finding.rule)
                    hit = True
            if not hit:
                out.unmatched.append(finding)
            if any(at_place(finding.line, p) for places in entry.quiet for p in places):
                out.on_quiet.append(finding)
        results.append(out)
    return results


@dataclass
class Figures:
    documents: int
    clean_documents: int
    mistakes: int
    found: int
    findings: int
    true_findings: int
    per_class: dict[int, tuple[int, int]]
    """class -> (found, mistakes)."""
    per_rule: dict[str, tuple[int, int, int]]
    """expected rule (or ``class N`` when none) -> (found, found by that very rule, mistakes)."""
    findings_per_rule: dict[str, tuple[int, int]]
    """rule -> (findings, of them matching a mistake)."""
    clean_errors: list[object]
    clean_warnings: int
    quiet_hits: list[object]
    unreadable: list[str]

    @property
    def recall(self) -> float:
        return self.found / self.mistakes if self.mistakes else 1.0

    @property
    def precision(self) -> float:
        return self.true_findings / self.findings if self.findings else 1.0

    def class_recall(self, cls: int) -> float:
        found, total = self.per_class.get(cls, (0, 0))
        return found / total if total else 1.0

    @property
    def warnings_per_clean_document(self) -> float:
        return self.clean_warnings / self.clean_documents if self.clean_documents else 0.0


def figures(results: list[DocResult]) -> Figures:
    per_class: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean_errors: list[object] = []
    clean_warnings = 0
    quiet_hits: list[object] = []
    findings = true_findings = mistakes = found = 0
    for result in results:
        unmatched = {id(f) for f in result.unmatched}
        for finding in result.findings:
            findings += 1
            by_rule[finding.rule][0] += 1
            if id(finding) not in unmatched:
                true_findings += 1
                by_rule[finding.rule][1] += 1
            if result.entry.clean:
                if finding.severity.value == "error":
                    clean_errors.append(finding)
                else:
                    clean_warnings += 1
        quiet_hits.extend(result.on_quiet)
        for mistake in result.entry.mistakes:
            mistakes += 1
            key = mistake.rule or f"class {mistake.cls}"
            per_class[mistake.cls][1] += 1
            per_rule[key][2] += 1
            if mistake.found:
                found += 1
                per_class[mistake.cls][0] += 1
                per_rule[key][0] += 1
                if mistake.rule in mistake.found_by:
                    per_rule[key][1] += 1
    return Figures(
        documents=len(results),
        clean_documents=sum(r.entry.clean for r in results),
        mistakes=mistakes,
        found=found,
        findings=findings,
        true_findings=true_findings,
        per_class={c: (v[0], v[1]) for c, v in sorted(per_class.items())},
        per_rule={k: (v[0], v[1], v[2]) for k, v in sorted(per_rule.items())},
        findings_per_rule={k: (v[0], v[1]) for k, v in sorted(by_rule.items())},
        clean_errors=clean_errors,
        clean_warnings=clean_warnings,
        quiet_hits=quiet_hits,
        unreadable=[f"{r.entry.name}: {r.error}" for r in results if r.error],
    )


def census(entries: list[Entry]) -> dict[str, object]:
    """What the corpus holds: for the size test and the benchmark's heading."""
    return {
        "documents": len(entries),
        "with_mistakes": sum(not e.clean for e in entries),
        "clean": sum(e.clean for e in entries),
        "mistakes": sum(len(e.mistakes) for e in entries),
        "per_class": dict(sorted(Counter(m.cls for e in entries for m in e.mistakes).items())),
        "formats": dict(sorted(Counter(e.format for e in entries).items())),
        "years": sorted(int(e.model["year"]) for e in entries if "year" in e.model),
    }
