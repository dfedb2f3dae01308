"""The rule registry: every rule is a small function with a stable code, a severity and a
docstring that shows the mistake (``Wrong:``) and its fix (``Right:``), in the spirit of
sqlfluff and ruff. ``docs/rules.md`` is generated from here (``kbo-docs rules --markdown``).

One rule, two front ends: a rule over the data model (``check``) may also have a front end
over hand-typed documents (``lint``, :mod:`kbo_docs.lint.rules`), attached with
:func:`document_check` under the same code; both call the same logic in :mod:`kbo_docs.checks`.
Rules that only make sense on a typed document (scope ``"document"``) are registered with
:func:`rule` and run by ``lint`` alone.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..findings import Severity
from ..model import KINDS, Node
from ..source import Prefix

Scope = str
"""``project``, ``text``, ``document``, or a kind's name (:data:`kbo_docs.model.kinds.KINDS`)."""


@dataclass(frozen=True)
class Issue:
    """What a rule function yields: where (a model object and optional field/item path
    below it) and the message in Thai and English."""

    node: Node
    th: str
    en: str
    at: tuple[str | int, ...] = ()
    snippet: str | None = None
    """The words concerned, to find their own line inside a multi-line text."""
    before: str | Prefix = ""
    """The text ahead of ``snippet`` in its value (tells equal snippets apart)."""
    severity: Severity | None = None
    """Set where the evidence makes this finding weigh more (or less) than the rule's default."""

    @functools.cached_property
    def path(self) -> tuple[str | int, ...]:  # asked several times per finding
        return (*self.node.path, *self.at)


def issue(node: Node, th: str, en: str, *at: str | int, snippet: str | None = None, before: str | Prefix = "",
          severity: Severity | None = None) -> Issue:
    return Issue(node, th, en, at, snippet, before, severity)


def in_text(text: str, start: int, end: int) -> dict[str, Any]:
    """``issue(..., **in_text(text, start, end))``: point at ``text[start:end]`` inside its value."""
    return {"snippet": text[start:end], "before": Prefix(text, start)}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    check: Callable[..., Iterable[Issue]]
    document: Callable[..., Iterable[Any]] | None = None
    """The front end over hand-typed documents, ``document(doc, context)``, if the rule has one."""

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    @property
    def lint(self) -> Callable[..., Iterable[Any]] | None:
        """What ``kbo-docs lint`` runs for this rule: the rule itself for a document rule, else
        its document front end (None: the rule checks data files only)."""
        return self.check if self.scope == "document" else self.document

    @property
    def checks_data(self) -> bool:
        """``kbo-docs check`` runs this rule on data files."""
        return self.scope != "document"

    @property
    def summary(self) -> str:
        first = self.doc.split("\n\n", 1)[0]
        return " ".join(first.split()) if first else self.name

    def run(self, subject: Any, context: Any) -> Iterator[Issue]:
        yield from self.check(subject, context)


REGISTRY: dict[str, Rule] = {}
SCOPES = ("project", "text", "document", *(k.name for k in KINDS))


def rule(code: str, name: str, severity: Severity, scope: Scope) -> Callable[[Callable[..., Iterable[Issue]]], Callable[..., Iterable[Issue]]]:
    """Register a rule function ``check(subject, context) -> Iterable[Issue]``."""

    def register(check: Callable[..., Iterable[Issue]]) -> Callable[..., Iterable[Issue]]:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        if scope not in SCOPES:
            raise ValueError(f"rule {code}: unknown scope {scope!r} (one of {', '.join(SCOPES)})")
        REGISTRY[code] = Rule(code, name, severity, scope, check)
        return check

    return register


def document_check(code: str) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Attach a front end over hand-typed documents to the data-model rule ``code``."""

    def attach(check: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        found = REGISTRY.get(code)
        if found is None:
            raise ValueError(f"no rule {code} to attach a document check to")
        if found.lint is not None:
            raise ValueError(f"rule {code} already has a document check")
        REGISTRY[code] = dataclasses.replace(found, document=check)
        return check

    return attach
