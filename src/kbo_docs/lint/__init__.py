"""``kbo-docs lint``: the checks of ``kbo-docs check`` on documents typed by hand.

extract (DOCX, XLSX, PDF, text -> :class:`~kbo_docs.lint.document.Document`: paragraphs and
tables with locations) -> the rules of the registry that have a document front end
(:mod:`kbo_docs.lint.rules`) -> findings, as for data files.

This package imports no heavy library at import time: each extractor imports its own
(lxml, openpyxl, pdfplumber) when it is called.
"""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from .document import Document
from .limits import DEFAULT, Deadline, Limits

__all__ = ["DEFAULT", "Document", "Limits", "lint_document", "lint_path"]


def lint_document(doc: Document, select: set[str] | None = None, limits: Limits = DEFAULT,
                  deadline: Deadline | None = None) -> list[Finding]:
    """Run every document rule (or only ``select``) over an extracted document; findings in
    reading order. The rules share one deadline (``limits.max_seconds``, or the one reading
    the document started)."""
    from ..rules import REGISTRY
    from .context import DocContext

    ctx = DocContext(doc, deadline or Deadline(doc.file, limits))
    found: dict[tuple[object, ...], tuple[tuple[int, ...], Finding]] = {}
    for code, rule in REGISTRY.items():
        check = rule.lint
        if check is None or (select is not None and code not in select):
            continue
        ctx.deadline.check(f"rule {code}")
        for issue in check(doc, ctx):
            finding = Finding(doc.file, issue.location.label, code, rule.severity, f"{issue.th} / {issue.en}")  # type: ignore[arg-type]
            found.setdefault((issue.location.order, code, finding.message), (issue.location.order, finding))
    ranked = sorted(found.values(), key=lambda item: (item[0], item[1].rule, item[1].message))
    return [finding for _order, finding in ranked]


def lint_path(path: str | Path, select: set[str] | None = None, limits: Limits = DEFAULT) -> tuple[Document, list[Finding]]:
    """Extract and lint one file; InputError when the file cannot be used."""
    from .extract import extract

    deadline = Deadline(str(path), limits)
    doc = extract(path, limits)
    return doc, lint_document(doc, select, limits, deadline)
