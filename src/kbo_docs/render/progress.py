"""Progress of a render on standard error: a rich progress bar on a terminal, one plain line per
document otherwise (a log, a CI job), nothing when quiet."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from .batch import Outcome, Progress, Task


@contextmanager
def reporter(*, quiet: bool = False, stream: TextIO | None = None) -> Iterator[Progress | None]:
    """A progress callback for :func:`kbo_docs.render.render_project`, or None when quiet."""
    if quiet:
        yield None
        return
    out = stream or sys.stderr
    if not out.isatty():
        yield _plain(out)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

    # No refresh thread (auto_refresh=False): worker processes are forked while the bar shows.
    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
              console=Console(file=out), auto_refresh=False, transient=False)
    with bar:
        task_id = bar.add_task("render", total=None)

        def update(task: Task, outcome: Outcome, done: int, total: int) -> None:
            if outcome.error is not None:
                bar.console.print(f"[red]failed: {task.name}: {outcome.error}[/red]", markup=True, highlight=False)
            bar.update(task_id, total=total, completed=done, description=task.doc.id[:40])
            bar.refresh()

        yield update


def _plain(out: TextIO) -> Progress:
    def update(task: Task, outcome: Outcome, done: int, total: int) -> None:
        status = "ok" if outcome.error is None else "failed"
        print(f"[{done}/{total}] {status} {task.name}", file=out, flush=True)

    return update
