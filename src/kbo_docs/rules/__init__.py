"""Rules over the project model, and (from :mod:`kbo_docs.lint.rules`) their front ends over
hand-typed documents. Importing this package registers every rule."""

from __future__ import annotations

from ..findings import Finding
from ..lint import rules as _document_rules  # noqa: F401  (registers the document front ends)
from ..load import Loaded
from ..model import KINDS
from . import announcement, circular, invitation, meeting, memo, order, register, text  # noqa: F401  (registers the rules)
from .context import Context
from .registry import REGISTRY, Issue, Rule, document_check, issue, rule

__all__ = ["REGISTRY", "Context", "Issue", "Rule", "check_loaded", "document_check", "issue", "rule"]


def check_loaded(loaded: Loaded, select: set[str] | None = None) -> list[Finding]:
    """Run every rule (or only ``select``) over a loaded file; findings sorted by line."""
    ctx = Context(loaded)
    project = loaded.project
    subjects: dict[str, list] = {"project": [project], "text": [project]}
    for kind in KINDS:  # each kind's items, under its own scope and the scopes it also answers to
        for scope in (kind.name, *kind.also):
            subjects.setdefault(scope, []).extend(getattr(project, kind.key))
    findings: list[Finding] = []
    for code, rule_ in REGISTRY.items():
        if select is not None and code not in select:
            continue
        for subject in subjects.get(rule_.scope, []):
            for found in rule_.run(subject, ctx):
                if not ctx.suppressed(code, found.path):
                    findings.append(ctx.finding(rule_, found))
    # Findings in a workbook the file reads rows from (kbo_docs.sheets) come after the file's own.
    return sorted(set(findings), key=lambda f: (f.file != loaded.file, f.file, f.line if isinstance(f.line, int) else 0,
                                                str(f.line), f.rule, f.message))
