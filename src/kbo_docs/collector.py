"""Python's cyclic garbage collector paused around work that builds many long-lived objects.

Loading a 100,000-row register makes millions of objects that all live until the check ends;
every full collection would walk all of them again for nothing (a fifth of the time). Almost
nothing they make is cyclic, so reference counting frees it; the collector runs again as soon
as the work is done."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block (nested or already off: left alone)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
