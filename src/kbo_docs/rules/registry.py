"""The rule registry: every rule is a small function with a stable code, a severity and a
docstring that shows the mistake (``Wrong:``) and its fix (``Right:``), in the spirit of
sqlfluff and ruff. ``docs/rules.md`` is generated from here (``kbo-docs rules --markdown``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..findings import Severity
from ..model import Node

Scope = Literal["project", "circular", "register", "meeting", "text"]


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
    before: str = ""
    """The text ahead of ``snippet`` in its value (tells equal snippets apart)."""

    @property
    def path(self) -> tuple[str | int, ...]:
        return (*self.node.path, *self.at)


def issue(node: Node, th: str, en: str, *at: str | int, snippet: str | None = None, before: str = "") -> Issue:
    return Issue(node, th, en, at, snippet, before)


def in_text(text: str, start: int, end: int) -> dict[str, str]:
    """``issue(..., **in_text(text, start, end))``: point at ``text[start:end]`` inside its value."""
    return {"snippet": text[start:end], "before": text[:start]}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    check: Callable[..., Iterable[Issue]]

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        first = self.doc.split("\n\n", 1)[0]
        return " ".join(first.split()) if first else self.name

    def run(self, subject: Any, context: Any) -> Iterator[Issue]:
        yield from self.check(subject, context)


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity, scope: Scope) -> Callable[[Callable[..., Iterable[Issue]]], Callable[..., Iterable[Issue]]]:
    """Register a rule function ``check(subject, context) -> Iterable[Issue]``."""

    def register(check: Callable[..., Iterable[Issue]]) -> Callable[..., Iterable[Issue]]:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        REGISTRY[code] = Rule(code, name, severity, scope, check)
        return check

    return register
