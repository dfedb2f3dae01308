"""The system libraries WeasyPrint loads (Pango, HarfBuzz, GObject, fontconfig): found by
their soname without starting a process, and when one is missing, the Debian/Ubuntu package
that brings it named in one line instead of cffi's traceback.

WeasyPrint 70 tries several names for each library (``libgobject-2.0-0``, ``gobject-2.0-0``,
... ``libgobject-2.0.so.0``) and cffi hands each name it cannot open directly to
``ctypes.util.find_library``, which runs ``ldconfig``, ``gcc`` and ``ld``: 54 processes and a
fifth of a second before the first page. While WeasyPrint is imported, its first name for a
library is opened by the library's soname instead (``dlopen`` finds it in the loader's cache);
when that fails, WeasyPrint's own search runs as before. An optional library (HarfBuzz's
subset and vector parts) that is not there by its soname is left out, as WeasyPrint leaves it
out when its search fails."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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


_NAMES = {
    # soname on Linux -> optional (WeasyPrint's allow_fail), WeasyPrint 70's names for the library
    "libgobject-2.0.so.0": (False, "libgobject-2.0-0 gobject-2.0-0 gobject-2.0 libgobject-2.0.0.dylib libgobject-2.0-0.dll"),
    "libpango-1.0.so.0": (False, "libpango-1.0-0 pango-1.0-0 pango-1.0 libpango-1.0.dylib libpango-1.0-0.dll"),
    "libharfbuzz.so.0": (False, "libharfbuzz-0 harfbuzz harfbuzz-0.0 libharfbuzz.0.dylib libharfbuzz-0.dll"),
    "libharfbuzz-subset.so.0": (True, "libharfbuzz-subset-0 harfbuzz-subset harfbuzz-subset-0.0 "
                                      "libharfbuzz-subset.0.dylib libharfbuzz-subset-0.dll"),
    "libharfbuzz-vector.so.0": (True, "libharfbuzz-vector-0 harfbuzz-vector harfbuzz-vector-0.0 "
                                      "libharfbuzz-vector.0.dylib libharfbuzz-vector-0.dll"),
    "libfontconfig.so.1": (False, "libfontconfig-1 fontconfig-1 fontconfig libfontconfig.1.dylib libfontconfig-1.dll"),
    "libpangoft2-1.0.so.0": (False, "libpangoft2-1.0-0 pangoft2-1.0-0 pangoft2-1.0 libpangoft2-1.0.dylib "
                                    "libpangoft2-1.0-0.dll"),
}
SONAMES: dict[str, tuple[str, bool]] = {
    name: (soname, optional) for soname, (optional, names) in _NAMES.items() for name in (soname, *names.split())
}
"""Each name WeasyPrint tries -> the library's soname and whether WeasyPrint can go without it."""


def _loadable(soname: str) -> bool:
    """Whether the dynamic loader opens ``soname`` (cffi, failing, would start a search)."""
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


@contextmanager
def sonames_first() -> Iterator[None]:
    """While the block runs (WeasyPrint's import), cffi opens the libraries WeasyPrint asks
    for by their soname first (see the module docstring); elsewhere than Linux, nothing changes."""
    import cffi

    original = cffi.FFI.dlopen
    if not sys.platform.startswith("linux"):
        yield
        return

    def dlopen(self: Any, name: Any, flags: int = 0) -> Any:
        known = SONAMES.get(name) if isinstance(name, str) else None
        if known is None:
            return original(self, name, flags)
        soname, optional = known
        if _loadable(soname):
            return original(self, soname, flags)  # found at once: cffi searches no further
        if optional:
            raise OSError(f"cannot load library '{soname}'")
        return original(self, name, flags)  # WeasyPrint's own search, as without us

    cffi.FFI.dlopen = dlopen  # type: ignore[method-assign]
    try:
        yield
    finally:
        cffi.FFI.dlopen = original  # type: ignore[method-assign]


_TYPE_PREFIX = "void __dummy(\n"
"""How cffi's ``CParser.parse_type`` wraps the type it is asked for (cffi 1.x and 2.x)."""
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def quick_type_parsing() -> bool:
    """Make cffi parse a type name (``ffi.new("PangoRectangle *")``, done once per name and
    process) with only the typedef names that appear in it declared, instead of all of them.

    cffi hands pycparser the type together with a ``typedef int NAME;`` line for every typedef
    of the whole ``cdef``: for WeasyPrint's Pango, HarfBuzz and fontconfig declarations, 8 ms a
    name and about 0.1 s of a first PDF. Which other identifiers are typedef names cannot
    change how this text parses, so the result is the same (tested against cffi's own parse).
    Installed once; false, and nothing changed, where cffi's parser is not the one this was
    written for."""
    try:
        from cffi import cparser
    except ImportError:  # pragma: no cover - cffi is WeasyPrint's dependency
        return False
    parser = getattr(cparser, "Parser", None)
    original = getattr(parser, "_parse", None)
    if parser is None or original is None or not callable(getattr(parser, "parse_type", None)):
        return False
    if getattr(original, "kbo_docs_quick", False):
        return True

    def _parse(self: Any, csource: str) -> Any:
        declarations = getattr(self, "_declarations", None)
        if not (isinstance(csource, str) and csource.startswith(_TYPE_PREFIX) and isinstance(declarations, dict)):
            return original(self, csource)
        words = set(_IDENTIFIER.findall(csource))
        self._declarations = {key: value for key, value in declarations.items()
                              if not key.startswith("typedef ") or key[8:] in words}
        try:
            return original(self, csource)
        finally:
            self._declarations = declarations

    _parse.kbo_docs_quick = True  # type: ignore[attr-defined]
    _parse.original = original  # type: ignore[attr-defined]
    parser._parse = _parse
    return True


def require_weasyprint() -> None:
    """Import WeasyPrint, turning a missing system library into :class:`MissingSystemLibrary`."""
    try:
        if "weasyprint" not in sys.modules:
            quick_type_parsing()
            with sonames_first():
                import weasyprint  # noqa: F401
    except OSError as exc:
        package = package_for(str(exc))
        raise MissingSystemLibrary(
            f"สร้าง PDF ไม่ได้ เพราะเครื่องนี้ไม่มีไลบรารีระบบที่ต้องใช้ ให้ติดตั้งด้วยคำสั่ง sudo apt-get install {package} / "
            f"cannot make PDFs: a system library is missing; install it with: sudo apt-get install {package}",
            "weasyprint",
        ) from None
