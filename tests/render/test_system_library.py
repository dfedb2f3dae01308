"""A missing system library (Pango, HarfBuzz...) gives one line naming the apt package, exit 2,
no traceback and no half-written output: tried with a stand-in WeasyPrint whose import fails
the way cffi fails when libpango is not installed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kbo_docs.render.system import package_for

from ..helpers import KBO_DOCS, SAMPLES


@pytest.mark.parametrize(("message", "package"), [
    ("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file", "libpango-1.0-0"),
    ("cannot load library 'libpangoft2-1.0-0.so.0'", "libpangoft2-1.0-0"),
    ("cannot load library 'libharfbuzz-subset.so.0'", "libharfbuzz-subset0"),
    ("cannot load library 'libgobject-2.0-0'", "libglib2.0-0"),
    ("cannot load library 'libfontconfig.so.1'", "libfontconfig1"),
    ("something else entirely", "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"),
])
def test_package_for_the_library_named(message, package):
    assert package_for(message) == package


def test_render_without_pango_says_which_package_to_install(tmp_path):
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: "
        "cannot open shared object file: No such file or directory\")\n", encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(fake.parent), "PYTHAINLP_READ_ONLY": "1"}
    done = subprocess.run([str(KBO_DOCS), "render", str(SAMPLES / "lampang-kbo-2568.yaml"), "-o", str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, done.stderr
    assert "sudo apt-get install libpango-1.0-0" in errors[0] and errors[0].startswith("weasyprint: สร้าง PDF ไม่ได้")
    assert not out.exists() or not any(p.suffix == ".pdf" for p in out.iterdir())


_IMPORT = """
import subprocess, sys
started = []
real = subprocess.Popen.__init__
subprocess.Popen.__init__ = lambda self, *a, **k: started.append(a[0] if a else k.get("args")) or real(self, *a, **k)
from kbo_docs.render import system
exec(sys.argv[1])
system.require_weasyprint()
from weasyprint.text import ffi
import cffi
print(len(started), ffi.pango is not None, ffi.pangoft2 is not None, ffi.harfbuzz_vector is None,
      cffi.FFI.dlopen.__module__ == "cffi.api")
"""


def _import_weasyprint(setup: str = "") -> list[str]:
    done = subprocess.run([sys.executable, "-c", _IMPORT, setup], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_weasyprint_finds_its_libraries_without_starting_a_process():
    started, pango, pangoft2, _vector, restored = _import_weasyprint()
    assert started == "0" and pango == pangoft2 == restored == "True"


def test_a_library_missing_by_its_soname_falls_back_to_weasyprints_own_search():
    # Pango's soname made unknown: WeasyPrint's own names and search still find it (and start
    # processes to do so); an optional library missing by its soname is left out, as WeasyPrint would.
    setup = ("system.SONAMES.update({n: ('libpango-no-such.so.9', False) for n, v in list(system.SONAMES.items())"
             " if v[0] == 'libpango-1.0.so.0' and n != 'libpango-1.0.so.0'})")
    started, pango, pangoft2, _vector, restored = _import_weasyprint(setup)
    assert int(started) > 0 and pango == pangoft2 == restored == "True"


def test_every_name_weasyprint_tries_is_known():
    """The table follows WeasyPrint's own list of names (read from its source, not imported)."""
    import importlib.util
    import re

    from kbo_docs.render.system import SONAMES

    package = importlib.util.find_spec("weasyprint").submodule_search_locations[0]  # found, not imported
    source = open(os.path.join(package, "text", "ffi.py"), encoding="utf-8").read()
    calls = re.findall(r"= _dlopen\(\s*ffi,(.*?)\)", source, re.S)
    names = {n for call in calls for n in re.findall(r"'([^']+)'", call)}
    assert len(calls) == 7 and names and names <= set(SONAMES)


_CDEF = "\n".join([f"typedef struct _S{i} {{ int a{i}; double b; }} S{i};" for i in range(300)]
                  + ["typedef int Handle;", "typedef unsigned int guint;", "typedef char gchar;",
                     "typedef void (*Callback)(Handle, S7 *);"])
_TYPES = ["S1 *", "S299[]", "int *", "Handle *", "guint[4]", "gchar **", "Callback", "S7 *[3]",
          "void (*)(Handle, S3 *)", "double", "struct _S5 *", "const gchar *"]


def test_quick_type_parsing_gives_cffi_own_types(monkeypatch):
    """Type names parsed with only the typedefs they mention declared are the types cffi's own
    parse gives (the parse of WeasyPrint's own type names included)."""
    import cffi
    from cffi import cparser

    from kbo_docs.render.system import quick_type_parsing, require_weasyprint

    require_weasyprint()
    assert quick_type_parsing()
    patched = cparser.Parser._parse
    assert patched.kbo_docs_quick
    quick = cffi.FFI()
    quick.cdef(_CDEF)
    ours = [quick.getctype(quick.typeof(t)) for t in _TYPES]
    from weasyprint.text.ffi import ffi as weasy

    weasy_types = ["PangoRectangle *", "int *", "PangoLayoutIter *", "hb_blob_t *", "FcChar8 **"]
    weasy_ours = [weasy.getctype(weasy.typeof(t)) for t in weasy_types if t.split()[0] in {"int"} or
                  f"typedef {t.split()[0]}" in weasy._parser._declarations]
    monkeypatch.setattr(cparser.Parser, "_parse", patched.original)
    plain = cffi.FFI()
    plain.cdef(_CDEF)
    assert ours == [plain.getctype(plain.typeof(t)) for t in _TYPES]
    weasy._parsed_types.clear()  # parse them again, cffi's own way
    assert weasy_ours == [weasy.getctype(weasy.typeof(t)) for t in weasy_types if t.split()[0] in {"int"} or
                          f"typedef {t.split()[0]}" in weasy._parser._declarations]
    assert len(weasy_ours) >= 3


def test_quick_type_parsing_leaves_another_cffi_alone(monkeypatch):
    from cffi import cparser

    from kbo_docs.render.system import quick_type_parsing

    class Other:  # a cffi whose parser has no _parse
        def parse_type(self, cdecl):  # type: ignore[no-untyped-def]
            return cdecl

    monkeypatch.setattr(cparser, "Parser", Other)
    assert quick_type_parsing() is False
    assert not hasattr(Other, "_parse")
