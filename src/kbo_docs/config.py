"""An office's own settings, set once for every data file: its Garuda image (ตราครุฑ, which
kbo-docs never ships) and its Word letterhead template.

Where they come from, first found wins:

1. the data file (``agency.garuda_image``), relative to the data file;
2. the environment: ``KBO_DOCS_GARUDA`` (an image), ``KBO_DOCS_LETTERHEAD`` (a .docx);
3. the user configuration file, ``KBO_DOCS_CONFIG`` or ``$XDG_CONFIG_HOME/kbo-docs/config.yaml``
   (``~/.config/kbo-docs/config.yaml``)::

       garuda_image: /home/office/ตราครุฑ.png   # relative paths: to this file's folder
       letterhead: letterhead.docx
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .findings import InputError

ENV_GARUDA = "KBO_DOCS_GARUDA"
ENV_LETTERHEAD = "KBO_DOCS_LETTERHEAD"
ENV_CONFIG = "KBO_DOCS_CONFIG"
KEYS = ("garuda_image", "letterhead")

GARUDA_HINT = (
    f"ตั้งภาพตราครุฑครั้งเดียว: {ENV_GARUDA}=/path/garuda.png หรือ garuda_image: ใน ~/.config/kbo-docs/config.yaml"
    f" / set the Garuda once: {ENV_GARUDA}=/path/garuda.png or garuda_image: in ~/.config/kbo-docs/config.yaml"
)
"""The one line ``check`` and ``render`` print when no Garuda image is set."""


def config_path() -> Path:
    explicit = os.environ.get(ENV_CONFIG)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "kbo-docs" / "config.yaml"


@dataclass(frozen=True)
class UserConfig:
    garuda_image: Path | None = None
    letterhead: Path | None = None
    source: str = ""
    """Where the values were found (for messages)."""


def load_config() -> UserConfig:
    """The office settings from the environment and the configuration file (environment
    first). A configuration file that cannot be read is an :class:`InputError` naming it."""
    path = config_path()
    values: dict[str, Path] = {}
    if path.is_file():
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            raise InputError(f"อ่านแฟ้มตั้งค่าไม่ได้ / cannot read the configuration file: {exc}".splitlines()[0],
                             str(path), (line + 1) if line is not None else 0) from None
        if not isinstance(data, dict):
            raise InputError("แฟ้มตั้งค่าต้องเป็น key: value / the configuration file must be a mapping", str(path), 1)
        unknown = sorted(str(k) for k in data if k not in KEYS)
        if unknown:
            raise InputError(f"ไม่รู้จักค่า / unknown setting(s): {', '.join(unknown)} (known: {', '.join(KEYS)})",
                             str(path), 1)
        for key in KEYS:
            if data.get(key):
                values[key] = (path.parent / Path(str(data[key])).expanduser()).resolve()
    source = str(path)
    for key, env in (("garuda_image", ENV_GARUDA), ("letterhead", ENV_LETTERHEAD)):
        if os.environ.get(env):
            values[key] = Path(os.environ[env]).expanduser().resolve()
            source = env
    return UserConfig(values.get("garuda_image"), values.get("letterhead"), source)
