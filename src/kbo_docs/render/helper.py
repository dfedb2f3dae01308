"""A PDF helper process started before the data is loaded, so a cold ``kbo-docs render`` uses
both cores of a small machine (issue 16).

A cold render of a letter and its register spends about a quarter of its time importing and
setting up WeasyPrint and most of the rest laying out PDFs, while the DOCX and XLSX need
neither. :func:`started` forks a helper as the command starts; it imports WeasyPrint, installs
the text-layer and Thai-distribution patches and builds the fonts and stylesheet
(:func:`kbo_docs.render.pdf.warm`) while this process loads and checks the data. The render
then hands the helper the PDFs of the first documents (:func:`kbo_docs.render.batch.run`) and
makes their DOCX and XLSX itself; the helper sends the PDFs' bytes back and this process
writes every file, so a document's files are still all written or none.

The helper only ever speeds things up: when it fails in any way (an exception in it, a message
that cannot be sent, the process gone) the PDF is made again in this process by the same code,
so a broken template or a missing system library is reported exactly as without it. It is not
started on one core, without ``fork``, with ``--jobs 1``, or where WeasyPrint is already
imported (a warm process such as the web server or a test run has nothing to overlap).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

WORTH_A_HELPER = 2
"""Cores the process may use before a helper is started."""


@dataclass
class Reply:
    """The helper's answer for one task: the PDFs' bytes and pages, or why it could not."""

    index: int
    produced: list[tuple[Path, bytes]]
    pages: int = 0
    error: str | None = None


class PdfHelper:
    """The parent's handle on a forked helper process (see the module's docstring)."""

    def __init__(self, pid: int, conn: Connection) -> None:
        self.pid = pid
        self._conn = conn
        self._sender: threading.Thread | None = None
        self._send_failed = False
        self.pending: list[int] = []
        """Indexes of the tasks handed over whose reply has not been read."""
        self.answered = 0
        """Tasks whose PDFs the helper made."""
        self.status: int | None = None
        """The helper's wait status once :meth:`close` has reaped it."""

    def submit(self, tasks: list[Any], options: Any) -> None:
        """Hand ``tasks`` (each with only its PDF targets) to the helper. Sent from a thread: a
        long register is megabytes the helper reads only when it is warm, and this process has
        its DOCX and XLSX to make meanwhile."""
        self.pending = [t.index for t in tasks]

        def send() -> None:
            try:
                self._conn.send((tasks, options))
            except Exception:  # noqa: BLE001 - the PDFs are then made here (see replies)
                self._send_failed = True

        self._sender = threading.Thread(target=send, name="kbo-docs-pdf-helper-send", daemon=True)
        self._sender.start()

    def replies(self) -> Iterator[Reply]:
        """One reply per submitted task, in the order given; a reply with ``error`` set when the
        helper could not make it (the caller makes it itself)."""
        if self._sender is not None:
            self._sender.join()
        broken = "the PDF helper could not be given the documents" if self._send_failed else None
        for index in self.pending:
            if broken is None:
                try:
                    reply = self._conn.recv()
                    if not isinstance(reply, Reply) or reply.index != index:
                        broken = "the PDF helper answered out of turn"
                except Exception as exc:  # noqa: BLE001 - EOF (helper gone) or a reply that cannot be read
                    broken = f"the PDF helper stopped ({type(exc).__name__})"
            if broken is not None:
                reply = Reply(index, [], error=broken)
            elif reply.error is None:
                self.answered += 1
            yield reply
        self.pending = []

    def close(self) -> None:
        """Tell the helper to stop (its end of the pipe sees EOF; SIGTERM if it still has work whose
        replies will not be read, or was given none) and wait for it, so its CPU time and memory
        are counted with this process's and no process is left behind."""
        if self.pending or self._sender is None:  # work nobody will read, or none given: no waiting for it
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)  # it removes its font folder and ends (_serve)
        with contextlib.suppress(OSError):
            self._conn.close()
        with contextlib.suppress(ChildProcessError):
            self.status = os.waitpid(self.pid, 0)[1]


def wanted(formats: list[str], jobs: int) -> bool:
    """Whether a helper pays for itself: PDFs asked for, more than one core and job allowed,
    ``fork`` available and WeasyPrint not yet imported here."""
    from .batch import default_jobs

    return ("pdf" in formats and jobs > 1 and default_jobs() >= WORTH_A_HELPER and hasattr(os, "fork")
            and "weasyprint" not in sys.modules)


def start() -> PdfHelper | None:
    """Fork a helper (None when the fork fails: everything is then made here)."""
    from multiprocessing import Pipe

    parent_end, child_end = Pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        parent_end.close()
        child_end.close()
        return None
    if pid == 0:  # the helper: never returns into the command
        code = 0
        try:
            parent_end.close()
            _serve(child_end)
        except SystemExit:  # stopped by the parent (SIGTERM)
            code = 0
        except BaseException:  # noqa: BLE001 - the parent makes whatever it did not get
            code = 1
        finally:
            with contextlib.suppress(BaseException):
                from .pdf import release_fonts

                release_fonts()  # no atexit after os._exit: its font folder goes here
            os._exit(code)
    child_end.close()
    return PdfHelper(pid, parent_end)


@contextlib.contextmanager
def started(formats: list[str], jobs: int) -> Iterator[PdfHelper | None]:
    """A helper for the ``with`` block when :func:`wanted`, else None; always stopped after it."""
    helper = start() if wanted(formats, jobs) else None
    try:
        yield helper
    finally:
        if helper is not None:
            helper.close()


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)  # through start()'s finally: the font folder is removed before os._exit


def _serve(conn: Connection) -> None:
    """The helper's life: warm up, then make the PDFs of each batch of tasks it is sent, until
    the parent closes the pipe."""
    import gc

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: the parent reports, the helper just goes
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, _stop)
    from .pdf import warm

    with contextlib.suppress(Exception):  # a failure shows again, and is reported, when the parent makes the PDF
        warm()
    gc.freeze()
    from .batch import Outcome, make

    while True:
        try:
            tasks, options = conn.recv()
        except EOFError:
            return
        for task in tasks:
            outcome = Outcome(task.index)
            try:
                reply = Reply(task.index, make(task, options, outcome), outcome.pages)
            except Exception as exc:  # noqa: BLE001 - made again (and reported) by the parent
                reply = Reply(task.index, [], error=f"{type(exc).__name__}: {exc}")
            conn.send(reply)
