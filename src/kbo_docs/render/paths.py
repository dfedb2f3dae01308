"""Where templates and fonts live: the repository's ``templates/`` and ``fonts/`` folders,
or the folders named by ``KBO_DOCS_TEMPLATES`` / ``KBO_DOCS_FONTS`` (an office's own)."""

from __future__ import annotations

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[3]


def templates_dir() -> Path:
    return Path(os.environ.get("KBO_DOCS_TEMPLATES", _ROOT / "templates"))


def fonts_dir() -> Path:
    return Path(os.environ.get("KBO_DOCS_FONTS", _ROOT / "fonts"))
