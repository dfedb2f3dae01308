"""A missing system library (Pango, HarfBuzz...) gives one line naming the apt package, exit 2,
no traceback and no half-written output: tried with a stand-in WeasyPrint whose import fails
the way cffi fails when libpango is not installed."""

from __future__ import annotations

import os
import subprocess

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
