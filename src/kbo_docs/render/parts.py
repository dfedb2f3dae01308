"""A long register's PDF laid out in parts (issue 16).

WeasyPrint keeps every laid-out page of a document until ``write_pdf`` is done, so a
10,000-row register (about 290 pages) held over a gigabyte. A register of more than
:data:`PARTS_ABOVE` cells is therefore laid out as a run of documents of about
:data:`PART_CELLS` cells each, with the same template (``part`` in ``register.html``): the
title only on the first part, the total row, the sums in words, the marks and the notes only
on the last. Each part's PDF is written (text layer and font subsets its own) and its layout
dropped before the next is laid out; the parts are joined by
:func:`kbo_docs.render.combine_pdfs` (the first part's document information and language kept).

The joined pages are the pages one layout would give:

* **No half-empty page between parts.** The last page of a part that is not the last part is
  dropped, and the next part starts with the first row of that page: every page a part keeps
  was filled as in one layout (a page of the register is its repeated header and the rows
  that fit; rows are never split), so only the part's last page is laid out twice.
* **Page numbers continue**: a part after the first starts its page counter where the
  previous part stopped and its first page is a page like the others (no ``:first`` margin,
  the number at the top as on every page after the first: ``base.css``). The template
  prints no page total, so no second pass is needed.
* **One size and column widths for all parts**: the body size (and landscape) is chosen by
  :func:`kbo_docs.render.pdf._fit_register` on a *probe*, the register with only its widest
  rows (per column, by the font's advance widths: :mod:`kbo_docs.render.measure`); a table
  laid out with automatic widths gets the probe's column widths, fixed, in every part.

PDF/A and PDF/UA variants are laid out whole: a joined file would need its XMP metadata,
output intent and structure tree merged, which page import does not do.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Callable
from typing import Any

from .view import Document

PARTS_ABOVE = 7_500
"""Registers with more cells than this (rows times columns, the row labels counted) are laid
out in parts: 1,500 rows of the usual five columns, about 45 pages, 240 MiB laid out whole."""
PART_CELLS = 5_000
"""Cells laid out in one part: 1,000 rows of five columns, about 30 pages (memory grows with
the part, about 105 MiB a thousand such rows; time is the same with parts of half the size)."""
PROBE_ROWS = 2
"""The widest rows of each column put in the probe."""

# A part after the first: its first page is a page like any after the first (base.css gives
# the document's first page a smaller top margin and no number), its number follows on, and
# the table starts at the top as a table continued on a new page does (no top margin).
CONTINUED_CSS = ('@page :first {{ margin-top: 2.5cm; counter-reset: page {first}; '
                 '@top-center {{ content: "- " counter(page, thai) " -"; }} }}\n'
                 'table.grid {{ margin-top: 0; }}')


def _cells(data: dict[str, Any]) -> int:
    return len(data["rows"]) * (1 + len(data["columns"]))


def needs_parts(doc: Document, pdf_variant: str | None) -> bool:
    return doc.kind == "register" and not pdf_variant and _cells(doc.data) > PARTS_ABOVE


def _probe_rows(data: dict[str, Any], digits: str) -> list[dict[str, Any]]:
    """The rows holding each column's widest cells (the total row is always in the table)."""
    from .measure import register_columns, text_width

    rows = data["rows"]
    chosen: set[int] = set()
    for column in register_columns(data, digits):
        cells = column.cells[: len(rows)]
        chosen.update(heapq.nlargest(PROBE_ROWS, range(len(cells)), key=lambda i: text_width(cells[i], 10.0)))
    return [rows[i] for i in sorted(chosen)]


def _column_fractions(document) -> list[float] | None:  # type: ignore[no-untyped-def]
    from weasyprint.formatting_structure import boxes

    for box in document.pages[0]._page_box.descendants():
        if isinstance(box, boxes.TableBox):
            widths = list(box.column_widths)
            total = sum(widths)
            return [w / total for w in widths] if total > 0 else None
    return None


def _rows_laid_out(pages) -> int:  # type: ignore[no-untyped-def]
    """How many register rows (the header not counted) the pages hold."""
    from weasyprint.formatting_structure import boxes

    seen = set()
    for page in pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TableRowGroupBox) and not (box.is_header or box.is_footer):
                seen.update(id(row.element) for row in box.children)
    return len(seen)


def _part(lay_out: Callable[..., Any], part: Document, size: str, css: str, last: bool) -> tuple[bytes, int, int]:
    """One part's PDF, its number of pages and of rows; when it is not the last part, its last
    page is left out (laid out again, filled, at the start of the next part)."""
    document = lay_out(part, size, css)
    pages = document.pages
    rows = part.data["part"]["end"] - part.data["part"]["start"]
    if not last:
        kept = pages[:-1] if len(pages) > 1 else pages
        rows = _rows_laid_out(kept)
        if not rows:  # the kept pages hold no row (a title page): keep the part whole
            kept, rows = pages, _rows_laid_out(pages)
        if not rows:
            raise RuntimeError(f"{part.id}: a part of the register laid out no row")
        pages = kept
    return document.copy(pages).write_pdf(), len(pages), rows


def render_parts(doc: Document, lay_out: Callable[..., Any], fit: Callable[..., Any],
                 body_size: str) -> tuple[bytes, int]:
    """The register's PDF from parts, and its number of pages. ``lay_out(document, size, css)``
    lays out a document (:func:`kbo_docs.render.pdf.render_document`); ``fit(lay_out, size)``
    is :func:`kbo_docs.render.pdf._fit_register`."""
    from . import combine_pdfs
    from .release import released

    data = doc.data
    rows = data["rows"]
    probe = Document(doc.kind, doc.id, {**data, "rows": _probe_rows(data, doc.digits)}, doc.digits)
    chosen: dict[str, Any] = {}

    def lay_out_probe(size: str, css: str = ""):  # type: ignore[no-untyped-def]
        chosen["size"], chosen["css"] = size, css
        chosen["document"] = lay_out(probe, size, css)
        return chosen["document"]

    fitted = fit(lay_out_probe, body_size)
    assert fitted is chosen["document"]  # the fit returns its latest layout
    size, css = chosen["size"], chosen["css"]
    base = dict(data)
    if not data.get("fixed"):
        fractions = _column_fractions(fitted)
        if fractions and len(fractions) == len(data["widths"]):
            base.update(fixed=True, widths=fractions)
    del fitted, chosen
    pdfs: list[bytes] = []
    start, pages_done = 0, 0
    step = max(1, PART_CELLS * len(rows) // _cells(data))
    while True:
        end = min(start + step, len(rows))
        last = end == len(rows)
        part = Document(doc.kind, doc.id, {**base, "part": {"start": start, "end": end, "first": start == 0,
                                                              "last": last}}, doc.digits)
        extra = css if not start else f"{css}\n{CONTINUED_CSS.format(first=pages_done + 1)}"
        with released():  # the part's layout freed as soon as it is written (kbo_docs.render.release)
            pdf, count, consumed = _part(lay_out, part, size, extra, last)
        # what is left of the part's layout (the few cycles release does not cut: the HTML parser's
        # tree) is freed before the next part. The collector is paused, so it is all in its youngest
        # generation: collecting only that one does not walk the register's data again
        gc.collect(0)
        pages_done += count
        pdfs.append(pdf)
        if last:
            break
        start += consumed
    return combine_pdfs(pdfs), pages_done
