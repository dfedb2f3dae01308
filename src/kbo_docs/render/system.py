"""The system libraries WeasyPrint loads (Pango, HarfBuzz, GObject, fontconfig): when one is
missing, say which Debian/Ubuntu package brings it, in one line, instead of cffi's traceback."""

from __future__ import annotations

import re

from ..findings import InputError

# the library a message names -> the Debian/Ubuntu package that installs it
PACKAGES = {
    "pango": "libpango-1.0-0",
    "pangoft2": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
    "harfbuzz": "libharfbuzz0b",
    "gobject": "libglib2.0-0",
    "glib": "libglib2.0-0",
    "fontconfig": "libfontconfig1",
}
ALL = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


class MissingSystemLibrary(InputError):
    """A system library that PDF rendering needs is not installed (exit status 2)."""


def package_for(message: str) -> str:
    """The apt package for the library an OSError names, or the usual set when unsure."""
    m = re.search(r"library '([^']+)'", message) or re.search(r"(lib[\w.+-]+)", message)
    name = m[1].lower() if m else ""
    for key, package in sorted(PACKAGES.items(), key=lambda kv: -len(kv[0])):  # pangoft2 before pango
        if key in name:
            return package
    return ALL


def require_weasyprint() -> None:
    """Import WeasyPrint, turning a missing system library into :class:`MissingSystemLibrary`."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        package = package_for(str(exc))
        raise MissingSystemLibrary(
            f"สร้าง PDF ไม่ได้ เพราะเครื่องนี้ไม่มีไลบรารีระบบที่ต้องใช้ ให้ติดตั้งด้วยคำสั่ง sudo apt-get install {package} / "
            f"cannot make PDFs: a system library is missing; install it with: sudo apt-get install {package}",
            "weasyprint",
        ) from None
