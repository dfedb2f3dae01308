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

**Side by side.** One layout is a chain (where a page starts depends on every page before
it), so with ``jobs`` > 1 the chain is predicted and checked instead of waited for: the
probe's layout gives where a page's first row stands and how tall each row will be
(:func:`_row_heights`), which gives every page's first row; the parts start at predicted page
starts about :data:`SIDE_BY_SIDE_CELLS` cells apart and are laid out at once in forked
workers, each to the next part's first row, that row included. Taken in order, a part whose
dropped last page began with that row proved the next part's start; a part that does not start
where the pages before it end, or is numbered otherwise, is laid out again from where they end
(:data:`REPAIRS`). So the pages are those of one layout whatever the prediction; a wrong one
costs the time of a stretch laid out twice.

PDF/A and PDF/UA variants are laid out whole: a joined file would need its XMP metadata,
output intent and structure tree merged, which page import does not do.
"""

from __future__ import annotations

import gc
import heapq
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .view import Document

PARTS_ABOVE = 7_500
"""Registers with more cells than this (rows times columns, the row labels counted) are laid
out in parts: 1,500 rows of the usual five columns, about 45 pages, 240 MiB laid out whole."""
PART_CELLS = 5_000
"""Cells laid out in one part: 1,000 rows of five columns, about 30 pages (memory grows with
the part, about 105 MiB a thousand such rows; time is the same with parts of half the size)."""
SIDE_BY_SIDE_CELLS = 3_500
"""Cells in one part when parts are laid out side by side: 700 rows of five columns, so two
workers at once hold about what one part of :data:`PART_CELLS` does alone (10,000 rows:
312 MiB summed PSS of every process of ``kbo-docs render``; 371 MiB with 1,000-row parts)."""
MAX_WORKERS = 4
"""At most this many parts are laid out at once (each holds about 105 MiB a thousand rows)."""
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


def _probe_rows(data: dict[str, Any], digits: str) -> list[int]:
    """The indexes of the rows holding each column's widest cells (the total row is always in
    the table), in order."""
    from .measure import register_columns, text_width

    rows = data["rows"]
    chosen: set[int] = set()
    for column in register_columns(data, digits):
        cells = column.cells[: len(rows)]
        chosen.update(heapq.nlargest(PROBE_ROWS, range(len(cells)), key=lambda i: text_width(cells[i], 10.0)))
    return sorted(chosen)


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
    return len({id(row.element) for page in pages for row in _body_rows(page)})


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


@dataclass(frozen=True)
class Spec:
    """A part to lay out: rows ``[start, end)``, its first page numbered ``page``; a part that
    is not ``last`` has its last page left out."""

    start: int
    end: int
    page: int
    last: bool


@dataclass(frozen=True)
class Laid:
    """A part laid out: its PDF, the pages kept, and the row the next part starts with."""

    pdf: bytes
    pages: int
    next_start: int


class _Job:
    """What every part of one register shares (inherited by forked workers, never pickled)."""

    def __init__(self, doc: Document, base: dict[str, Any], lay_out: Callable[..., Any], size: str, css: str) -> None:
        self.doc, self.base, self.lay_out, self.size, self.css = doc, base, lay_out, size, css

    def run(self, spec: Spec) -> Laid:
        doc = self.doc
        part = Document(doc.kind, doc.id, {**self.base, "part": {"start": spec.start, "end": spec.end,
                                                                  "first": spec.start == 0, "last": spec.last}},
                        doc.digits)
        extra = self.css if not spec.start else f"{self.css}\n{CONTINUED_CSS.format(first=spec.page)}"
        from .release import released

        with released():  # the part's layout freed as soon as it is written (kbo_docs.render.release)
            pdf, count, consumed = _part(self.lay_out, part, self.size, extra, spec.last)
        # what is left of the part's layout (the few cycles release does not cut: the HTML parser's
        # tree) is freed before the next part. The collector is paused, so it is all in its youngest
        # generation: collecting only that one does not walk the register's data again
        gc.collect(0)
        return Laid(pdf, count, spec.start + consumed)


REPAIRS: list[tuple[int, int]] = []
"""(row, page) of each stretch laid out again because the prediction missed it (for tests and
benchmarks: an empty list after a register means every part was used as predicted)."""

_JOB: _Job | None = None
"""The register being laid out by this process's workers (set before they are forked)."""


def _run_in_worker(spec: Spec) -> Laid:
    assert _JOB is not None
    return _JOB.run(spec)


def render_parts(doc: Document, lay_out: Callable[..., Any], fit: Callable[..., Any],
                 body_size: str, jobs: int = 1) -> tuple[bytes, int]:
    """The register's PDF from parts, and its number of pages. ``lay_out(document, size, css)``
    lays out a document (:func:`kbo_docs.render.pdf.render_document`); ``fit(lay_out, size)``
    is :func:`kbo_docs.render.pdf._fit_register`. With ``jobs`` > 1 the parts are laid out side
    by side in worker processes, from predicted page starts (:func:`_side_by_side`)."""
    from . import combine_pdfs

    data = doc.data
    rows = data["rows"]
    probed = _probe_rows(data, doc.digits)
    probe = Document(doc.kind, doc.id, {**data, "rows": [rows[i] for i in probed]}, doc.digits)
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
    job = _Job(doc, base, lay_out, size, css)
    workers = _workers(jobs)
    step = max(1, (PART_CELLS if workers == 1 else SIDE_BY_SIDE_CELLS) * len(rows) // _cells(data))
    starts = _predicted_starts(job, fitted, probed, step) if workers > 1 else None
    del fitted, chosen
    if starts:
        laid = _side_by_side(job, starts, step, workers)
    else:
        laid = []
        spec = Spec(0, min(step, len(rows)), 1, step >= len(rows))
        while True:
            laid.append(job.run(spec))
            if spec.last:
                break
            start, page = laid[-1].next_start, spec.page + laid[-1].pages
            end = min(start + step, len(rows))
            spec = Spec(start, end, page, end == len(rows))
    return combine_pdfs([part.pdf for part in laid]), sum(part.pages for part in laid)


def _workers(jobs: int) -> int:
    """Worker processes for the parts: ``jobs``, at most :data:`MAX_WORKERS`, and none in a
    process that may not have children (a batch's own worker), that runs other threads (a web
    server: a fork copies locks other threads may hold) or that has no ``fork``."""
    import multiprocessing
    import threading

    if (jobs < 2 or multiprocessing.current_process().daemon or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return 1
    return min(jobs, MAX_WORKERS)


def _body_rows(page) -> list[Any]:  # type: ignore[no-untyped-def]
    """The register's row boxes on a laid-out page (the header and footer rows not counted)."""
    from weasyprint.formatting_structure import boxes

    return [row for box in page._page_box.descendants()
            if isinstance(box, boxes.TableRowGroupBox) and not (box.is_header or box.is_footer)
            for row in box.children]


def _bottom(page) -> float:  # type: ignore[no-untyped-def]
    box = page._page_box
    return box.content_box_y() + box.height


def _predicted_starts(job: _Job, fitted: Any, probed: list[int], step: int) -> list[tuple[int, int]] | None:
    """Where the parts laid out side by side start: (row, page number) pairs, the first (0, 1),
    each at a row predicted to begin a page, about ``step`` rows apart; None when the layouts
    give nothing to predict from.

    A page of the register is its repeated header and the rows that fit under it. The first
    page's first row is where the probe (the title and the widest rows) put it, a later page's
    where a part that starts on it puts it (a small layout of the probe as such a part); a row
    is as tall as the probe laid that row out, any other row as tall as the probe's shortest
    (rows are one line each unless names wrap). A prediction that is wrong costs time, never
    pages: every part is checked against the pages before it (:func:`_side_by_side`)."""
    rows = job.base["rows"]
    first_page = fitted.pages[0]
    first_rows = _body_rows(first_page)
    if len(first_rows) < len(probed):
        return None  # the probe's rows did not all fit on its first page: nothing measured
    heights = {index: box.height for index, box in zip(probed, first_rows)}
    if not heights or min(heights.values()) <= 0:
        return None
    estimate = _row_heights(job, first_rows[: len(probed)])
    # the probe's rows as a part after the first: rows[1:] of a list whose row 0 is never printed
    later = job.lay_out(Document(job.doc.kind, job.doc.id, {
        **job.base, "rows": [None, *(rows[i] for i in probed)],
        "part": {"start": 1, "end": 1 + len(probed), "first": False, "last": False}}, job.doc.digits),
        job.size, f"{job.css}\n{CONTINUED_CSS.format(first=2)}")
    later_rows = _body_rows(later.pages[0])
    if not later_rows:
        return None
    top = (first_rows[0].position_y, later_rows[0].position_y)
    bottom = (_bottom(first_page), _bottom(later.pages[0]))
    del later
    starts, page, y, on_page = [(0, 1)], 0, top[0], 0
    for index in range(len(rows)):
        height = heights[index] if index in heights else estimate(index)
        if on_page and y + height > bottom[min(page, 1)]:
            page, y, on_page = page + 1, top[1], 0
            if index - starts[-1][0] >= step:
                starts.append((index, page + 1))
        y += height
        on_page += 1
    return starts if len(starts) > 1 else None


def _lines(row: Any) -> int:
    """The most lines a cell of a laid-out row holds."""
    from weasyprint.formatting_structure import boxes

    return max((sum(isinstance(line, boxes.LineBox) for line in cell.children) for cell in row.children), default=1)


def _text_style(cell: Any) -> Any:
    """The computed style of the first text in a laid-out cell (None if it holds none)."""
    from weasyprint.formatting_structure import boxes

    for box in cell.descendants():
        if isinstance(box, boxes.TextBox):
            return box.style
    return None


def _row_heights(job: _Job, probe_rows: list[Any]) -> Callable[[int], float]:
    """How tall each row of the register will be, from the probe's laid-out rows: as tall as
    the shortest when every probe row is one line (names and figures do not wrap); otherwise a
    one-line row's height plus a line for each line more that a cell's text takes at its
    column's width. A text that fits by the font's advance widths is one line; a longer one is
    broken into lines as WeasyPrint breaks it (``split_first_line``, Pango)."""
    from weasyprint.text.line_break import split_first_line

    from .measure import register_columns, text_width
    from .pdf import breakable

    shortest = min(row.height for row in probe_rows)
    if all(_lines(row) == 1 for row in probe_rows):
        return lambda index: shortest
    try:
        cells = probe_rows[0].children
        line = max(cell.children[0].height for cell in cells if cell.children)
        one = min(row.height - (_lines(row) - 1) * line for row in probe_rows)
        widths = [cell.width for cell in cells]
        styles = [_text_style(cell) for cell in cells]
        columns = register_columns(job.base, job.doc.digits)
        if len(columns) != len(widths) or line <= 0 or min(widths) <= 0:
            return lambda index: shortest
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        return lambda index: shortest
    def lines_of(text: str, style: Any, width: float) -> int:
        if style is None or text_width(text, style["font_size"]) <= width:  # widths scale with the size
            return 1
        text, count = str(breakable(text)), 0
        while text and count < 1000:
            count += 1
            _, _, resume, *_ = split_first_line(text, style, None, width, 0)
            if resume is None:
                break
            text = text.encode()[resume:].decode(errors="ignore")
        return max(count, 1)

    def height(index: int) -> float:
        try:
            lines = max(lines_of(column.cells[index], style, width)
                        for column, style, width in zip(columns, styles, widths))
        except Exception:  # noqa: BLE001 - a guess that cannot be made is the shortest row (checked anyway)
            return shortest
        return one + (lines - 1) * line

    return height


def _side_by_side(job: _Job, starts: list[tuple[int, int]], step: int, workers: int) -> list[Laid]:
    """The parts laid out in ``workers`` forked processes at once, each from a predicted page
    start to the next one, that next row included: the part's last page is left out, and the
    prediction was right when that page began with that row. The parts are then taken in order:
    a part is used only if it starts where the pages before it end and is numbered on from
    them; otherwise that stretch is laid out again from where they end (to the next predicted
    start), as the parts one after the other would be. So the pages are those of one layout
    whatever the prediction; a wrong one only costs the time of laying a stretch out twice."""
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    global _JOB
    rows = len(job.base["rows"])
    starts = [(0, 1), *sorted({row: page for row, page in starts if 0 < row < rows}.items())]
    boundaries = [row for row, _ in starts]
    specs = {row: Spec(row, boundaries[i + 1] + 1, page, False) if i + 1 < len(starts) else Spec(row, rows, page, True)
             for i, (row, page) in enumerate(starts)}
    _JOB = job
    REPAIRS.clear()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures: dict[Spec, Future[Laid]] = {spec: pool.submit(_run_in_worker, spec) for spec in specs.values()}
            laid: list[Laid] = []
            start, page = 0, 1
            while True:
                spec = specs.get(start)
                if spec is None or spec.page != page:
                    REPAIRS.append((start, page))
                    ahead = [row for row in boundaries if row >= start + max(1, step // 2)]
                    spec = Spec(start, min(ahead[0] + 1, rows), page, False) if ahead else Spec(start, rows, page, True)
                    if spec not in futures:
                        futures[spec] = pool.submit(_run_in_worker, spec)
                part = futures.pop(spec).result()
                laid.append(part)
                if spec.last:
                    break
                start, page = part.next_start, page + part.pages
                for other in [s for s in futures if s.start < start]:  # stretches already laid out
                    futures.pop(other).cancel()
            pool.shutdown(wait=True, cancel_futures=True)  # a stretch no longer wanted is not started
            return laid
    finally:
        _JOB = None
