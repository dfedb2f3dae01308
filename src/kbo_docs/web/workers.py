"""Rendering in worker processes: WeasyPrint and pdfium are CPU-bound and not promised to be
thread-safe, so they run in a small process pool (one per core, at most 4) instead of the
server's threads. Checks and lints stay fast while letters render, and a render cannot hold
the server's interpreter lock.

The jobs take and return plain values (text in, bytes out), so nothing but data crosses the
process boundary."""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from .. import api


def render_job(text: str, file: str, fmt: str, only: str | None) -> tuple[str, bytes, list[str]]:
    return api.render_text(text, fmt, only, file)


def preview_job(text: str, file: str, doc_id: str, page: int) -> list[bytes]:
    return api.preview_pages(text, doc_id, page, file)


CACHE_BYTES = 64 * 1024 * 1024
"""Renders kept for the same text asked again (a preview after each page load, a download of
the version just previewed), least recently used first out."""


def _size(value: Any) -> int:
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(_size(v) for v in value)
    return 64


class Renderers:
    def __init__(self, processes: int | None = None, cache_bytes: int = CACHE_BYTES) -> None:
        self.processes = processes or max(1, min(4, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None
        self._cache: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._cached_bytes = 0
        self.cache_bytes = cache_bytes
        self.jobs = 0
        """Jobs sent to the workers (the cache answered the rest)."""

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=api.warm_renderers)
        return self._pool

    async def run(self, job: Any, *args: Any) -> Any:
        """``job(*args)`` in a worker; the same job with the same arguments is answered from
        the cache while it is there (jobs are pure: text in, bytes out)."""
        key = (job.__name__, hashlib.sha256(repr(args).encode()).hexdigest())
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        self.jobs += 1
        value = await asyncio.get_running_loop().run_in_executor(self._executor(), partial(job, *args))
        size = _size(value)
        if size <= self.cache_bytes // 4:
            self._cache[key] = value
            self._cached_bytes += size
            while self._cached_bytes > self.cache_bytes:
                _, old = self._cache.popitem(last=False)
                self._cached_bytes -= _size(old)
        return value

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
