"""What kbo-docs' WeasyPrint patches (:mod:`.textlayer`, :mod:`.thaidist`) check before
they install: the pinned version, and each internal they reach into."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

WEASYPRINT_VERSION = "70.0"
"""The WeasyPrint release the patches are written for (pinned in pyproject.toml)."""


def params(function: Any) -> list[str]:
    """A function's parameter names (to notice a changed signature)."""
    return list(inspect.signature(function).parameters)


class Missing(list[str]):
    """The internals found wanting; empty when everything a patch needs is there."""

    def __init__(self, weasyprint: Any) -> None:
        super().__init__()
        version = getattr(weasyprint, "__version__", None)
        if version != WEASYPRINT_VERSION:
            self.append(f"weasyprint.__version__ is {version!r}, not {WEASYPRINT_VERSION!r}")

    def need(self, ok: Callable[[], bool], what: str) -> None:
        """Note ``what`` as missing unless ``ok()`` is true (an exception counts as false)."""
        try:
            good = ok()
        except Exception:  # noqa: BLE001 - any failure means "not there"
            good = False
        if not good:
            self.append(what)
