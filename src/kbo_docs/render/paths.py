"""Where templates and fonts live: the folders named by ``KBO_DOCS_TEMPLATES`` /
``KBO_DOCS_FONTS`` (an office's own); else the repository's ``templates/`` and ``fonts/`` when
running from a checkout; else the copies installed inside the package (``kbo_docs/_templates``,
``kbo_docs/_fonts``, see setup.py)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
_ROOT = _PACKAGE.parents[1]


def _find(env: str, name: str) -> Path:
    if os.environ.get(env):
        return Path(os.environ[env])
    checkout = _ROOT / name
    if (_ROOT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return _PACKAGE / f"_{name}"


def templates_dir() -> Path:
    return _find("KBO_DOCS_TEMPLATES", "templates")


def fonts_dir() -> Path:
    return _find("KBO_DOCS_FONTS", "fonts")
