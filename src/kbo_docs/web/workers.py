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


def render_job(text: str, file: str, fmt: str, only: str | None) -> tuple[str, bytes, list[str]]:
    return api.render_text(text, fmt, only, file)


def preview_job(text: str, file: str, doc_id: str, page: int) -> list[bytes]:
    return api.preview_pages(text, doc_id, page, file)


class Renderers:
    def __init__(self, processes: int | None = None) -> None:
        self.processes = processes or max(1, min(4, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=api.warm_renderers)
        return self._pool

    async def run(self, job: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor(), partial(job, *args))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
