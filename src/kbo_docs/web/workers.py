"""Rendering in worker processes: WeasyPrint and pdfium are CPU-bound and not promised to be
thread-safe, so they run in a small process pool (one per core, at most 4) instead of the
server's threads. Checks and lints stay fast while letters render, and a render cannot hold
the server's interpreter lock.

The jobs take and return plain values (text in, bytes out), so nothing but data crosses the
process boundary."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from .. import api


def _warm() -> None:
    """Import the renderers once per worker, before the first request waits for them."""
    import kbo_docs.render.docx  # noqa: F401
    import kbo_docs.render.pdf  # noqa: F401
    import kbo_docs.render.xlsx  # noqa: F401


def render_job(text: str, file: str, fmt: str, only: str | None) -> tuple[str, bytes, list[str]]:
    from ..load import load_text

    return api.render_bytes(load_text(text, file), fmt, only)


def preview_job(text: str, file: str, doc_id: str, page: int) -> list[bytes]:
    from ..load import load_text

    _, pdf, _ = api.render_bytes(load_text(text, file), "pdf", doc_id)
    return api.pdf_page_images(pdf, scale=1.0, max_pages=page)


class Renderers:
    def __init__(self, processes: int | None = None) -> None:
        self.processes = processes or max(1, min(4, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_warm)
        return self._pool

    async def run(self, job: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor(), partial(job, *args))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
