"""Python's cyclic garbage collector paused around work that builds many long-lived objects.

Loading a 100,000-row register makes millions of objects that all live until the check ends;
every full collection would walk all of them again for nothing (a fifth of the time). Almost
nothing they make is cyclic, so reference counting frees it; the collector runs again as soon
as the work is done. A PDF layout makes cyclic garbage, but the collections during it cost a
third of the time of a long register and free nearly nothing (peak memory is the same with the
collector off): it runs once after the document."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused(*, collect: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block (nested or already off: left alone).

    ``collect``: run it once after the block, for work that leaves cyclic garbage behind (a
    WeasyPrint layout: boxes pointing at their parents), so it goes while the process still
    needs the memory, not at exit."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if collect:
            gc.collect()
