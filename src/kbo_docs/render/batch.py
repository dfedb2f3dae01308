"""Rendering many documents: in this process or in N warm worker processes.

Each document (one recipient's letter, a register, minutes) is one task: all its formats are
produced in memory, then written atomically (:func:`kbo_docs.write.write_bytes_atomic`), so a
document's files are all there or none is. A task that fails is reported by its document's id
and name; the other tasks still run and their files are kept.

Workers are forked from this process after it has rendered the first document itself, so
fonts, templates, the compiled stylesheet and the PDF text layer's glyph tables are built once
and every worker starts warm. Garbage collection is what a long render spends much of its time
in (WeasyPrint builds many short-lived cyclic objects): the warm state is frozen out of the
collector (:func:`gc.freeze`), the collector is paused while a document renders and run once
after it, when only that document's garbage is left to look at.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import InputError
from ..write import write_all
from .view import Document

if TYPE_CHECKING:
    from .helper import PdfHelper


@dataclass(frozen=True)
class Options:
    """How every document of a batch is rendered."""

    pdf_variant: str | None = None
    chart: bool = False
    thai_distribute: bool = True
    overwrite: bool = False
    letterhead: Path | None = None
    """An office's Word letterhead as the base of the DOCX (:mod:`kbo_docs.render.letterhead`)."""
    jobs: int = 1
    """Processes one long register's PDF may be laid out in (:mod:`kbo_docs.render.parts`)."""


@dataclass(eq=False)
class Task:
    index: int
    doc: Document
    targets: list[tuple[str, Path]]
    """(format, file) pairs to produce."""

    @property
    def name(self) -> str:
        return f"{self.doc.id} ({self.doc.label})" if self.doc.label and self.doc.label not in self.doc.id else self.doc.id


@dataclass
class Outcome:
    index: int
    written: list[Path] = field(default_factory=list)
    pages: int = 0
    error: str | None = None


Progress = Callable[[Task, Outcome, int, int], None]
"""Called in this process after each task: (task, its outcome, tasks done, tasks in all)."""


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def produce(task: Task, options: Options) -> Outcome:
    """Render one document in every format it needs, then write its files. Never raises."""
    outcome = Outcome(task.index)
    try:
        _write(make(task, options, outcome), options, outcome)
    except Exception as exc:  # one document's failure must not lose the others
        outcome.error = _describe(exc)
    return outcome


def make(task: Task, options: Options, outcome: Outcome) -> list[tuple[Path, bytes]]:
    """Every file of one document, in memory (pages counted into ``outcome``). The collector
    is paused while the document is built and run once after it."""
    from . import render_one

    if task.doc.error:
        raise InputError(task.doc.error, task.doc.id)
    collecting = gc.isenabled()
    gc.disable()
    try:
        produced = []
        for fmt, target in task.targets:
            if fmt == "pdf":
                from .pdf import render_pdf_pages

                # as render_one, with the page count: a register fitted to the page, a long one in parts
                data, pages = render_pdf_pages(task.doc, pdf_variant=options.pdf_variant,
                                               thai_distribute=options.thai_distribute, jobs=options.jobs)
                outcome.pages += pages
            else:
                data = render_one(task.doc, fmt, chart=options.chart, letterhead=options.letterhead)
            produced.append((target, data))
        return produced
    finally:
        if collecting:
            gc.enable()
            gc.collect()


def _write(produced: list[tuple[Path, bytes]], options: Options, outcome: Outcome) -> None:
    """A document's files: all of them or none (:func:`kbo_docs.write.write_all`)."""
    outcome.written += write_all(produced, overwrite=options.overwrite)


def _describe(exc: Exception) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    from .jinja import TemplateError

    if isinstance(exc, (TemplateError, FileNotFoundError, KeyError)):
        return str(exc) if not isinstance(exc, KeyError) else f"ไม่รู้จักการอ้างอิง / unknown reference: {exc}"
    return f"{type(exc).__name__}: {exc}"


_OPTIONS = Options()


def _worker_start(options: Options) -> None:
    global _OPTIONS
    _OPTIONS = options
    gc.freeze()  # what the parent built (fonts, templates, glyph tables) is never garbage


def _worker_task(task: Task) -> Outcome:
    return produce(task, _OPTIONS)


def run(tasks: list[Task], options: Options, jobs: int, progress: Progress | None = None,
        helper: PdfHelper | None = None) -> list[Outcome]:
    """Every task's outcome, in task order. ``jobs`` > 1 renders in that many worker processes
    (when there are more tasks than one process would finish quickly). ``helper``: a PDF helper
    process (:mod:`kbo_docs.render.helper`) that makes the PDFs of the first documents while this
    process makes their other formats, when there is nothing after them for workers to do."""
    outcomes: dict[int, Outcome] = {}
    total = len(tasks)

    def done(task: Task, outcome: Outcome) -> None:
        outcomes[task.index] = outcome
        if progress is not None:
            progress(task, outcome, len(outcomes), total)

    # The first document of each kind is built here before anything is written: a broken
    # template or a missing system library stops the render with nothing written, and this
    # process, which the workers are forked from, is warm for every kind.
    from .jinja import TemplateError
    from .system import MissingSystemLibrary

    kinds: dict[str, Task] = {}
    for task in tasks:
        kinds.setdefault(task.doc.kind, task)
    firsts = list(kinds.values())
    # the workers below are forked from this process, warm for PDFs only if it made some itself
    handed = _hand_over(firsts, options, helper) if helper is not None and len(firsts) == len(tasks) else {}
    probes: list[tuple[Task, Outcome, list[tuple[Path, bytes]]]] = []
    for task in firsts:
        outcome = Outcome(task.index)
        try:
            here = Task(task.index, task.doc, [t for t in task.targets if t[0] != "pdf"]) if task.index in handed else task
            probes.append((task, outcome, make(here, options, outcome)))
        except (TemplateError, MissingSystemLibrary):
            raise
        except Exception as exc:
            outcome.error = _describe(exc)
            probes.append((task, outcome, []))
    if handed:
        assert helper is not None
        _take_back(helper, handed, {t.index: (t, o, p) for t, o, p in probes}, options)
    for task, outcome, produced in probes:
        if outcome.error is None:
            _write(produced, options, outcome)  # a folder that cannot be written stops the render here
        done(task, outcome)
    del probes
    probed = {t.index for t in firsts}
    pending = [t for t in tasks if t.index not in probed]
    jobs = max(1, min(jobs, len(pending)))
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        gc.freeze()
        try:
            for task in pending:
                done(task, produce(task, options))
        finally:
            gc.unfreeze()
        return [outcomes[t.index] for t in tasks]
    for task, outcome in _in_workers(pending, options, jobs):
        done(task, outcome)
    return [outcomes[t.index] for t in tasks]


def _hand_over(firsts: list[Task], options: Options, helper: PdfHelper) -> dict[int, Task]:
    """Give the helper the PDF targets of ``firsts`` (a document in error is made here, where
    its message is written); the tasks handed over, by index."""
    handed = {t.index: Task(t.index, t.doc, [x for x in t.targets if x[0] == "pdf"])
              for t in firsts if not t.doc.error and any(fmt == "pdf" for fmt, _ in t.targets)}
    if handed:
        helper.submit(list(handed.values()), options)
    return handed


def _take_back(helper: PdfHelper, handed: dict[int, Task],
               probes: dict[int, tuple[Task, Outcome, list[tuple[Path, bytes]]]], options: Options) -> None:
    """The helper's PDFs put into each document's files in the order of its targets; a PDF the
    helper could not make is made here, by the same code, and fails here if it fails."""
    from .jinja import TemplateError
    from .system import MissingSystemLibrary

    for reply in helper.replies():
        task, outcome, produced = probes[reply.index]
        if outcome.error is not None:
            continue  # the document failed here already: its files are not written
        if reply.error is None:
            pdfs, outcome.pages = reply.produced, outcome.pages + reply.pages
        else:
            try:
                pdfs = make(handed[reply.index], options, outcome)
            except (TemplateError, MissingSystemLibrary):
                raise
            except Exception as exc:
                outcome.error = _describe(exc)
                produced.clear()
                continue
        made = dict(produced + pdfs)
        produced[:] = [(target, made[target]) for _, target in task.targets]


def _in_workers(tasks: list[Task], options: Options, jobs: int) -> Iterator[tuple[Task, Outcome]]:
    """Outcomes as workers finish them. At most ``2 * jobs`` tasks are queued at a time, so a
    large batch does not sit pickled in memory; a worker that dies takes only its own tasks."""
    context = multiprocessing.get_context("fork")
    queue = iter(tasks)
    running: dict[Future[Outcome], Task] = {}
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start, initargs=(options,)) as pool:
        broken: str | None = None

        def submit() -> None:
            task = next(queue, None)
            if task is not None:
                running[pool.submit(_worker_task, task)] = task

        for _ in range(2 * jobs):
            submit()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                task = running.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool as exc:
                    broken = broken or f"worker process died / กระบวนการทำงานหยุดกะทันหัน: {exc}"
                    outcome = Outcome(task.index, error=broken)
                yield task, outcome
                if broken is None:
                    submit()
        for task in queue:  # after a worker died: the rest are reported, not lost silently
            yield task, Outcome(task.index, error=broken or "not rendered")
