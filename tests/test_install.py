"""A plain install renders: ``pip install .`` (no extras) into a new virtual environment, then
``kbo-docs render`` of every sample writes DOCX, PDF and XLSX, as a new user would do it.

The project is copied first (the files git tracks), so the build leaves nothing in the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tracked_copy(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        src = ROOT / name
        if src.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    # files not yet committed but present (a working tree under test) travel too
    for folder in ("src", "templates", "fonts", "samples"):
        shutil.copytree(ROOT / folder, dest / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def test_plain_pip_install_renders_every_sample(tmp_path):
    project = _tracked_copy(tmp_path / "project")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(project)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    # the installed package, not the checkout: templates and fonts come from inside it
    where = subprocess.run([str(py), "-c", "import kbo_docs.render.paths as p; print(p.templates_dir(), p.fonts_dir())"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, check=True).stdout.split()
    assert all(str(env_dir) in w for w in where), where
    samples = sorted((project / "samples").glob("*.yaml"))
    assert samples
    for sample in samples:
        out = tmp_path / "out" / sample.stem
        run = subprocess.run([str(env_dir / "bin" / "kbo-docs"), "render", str(sample), "-o", str(out)],
                             capture_output=True, text=True, env={**env, "PYTHAINLP_READ_ONLY": "1"}, cwd=tmp_path,
                             timeout=600)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Traceback" not in run.stderr
        made = {p.suffix for p in out.iterdir()}
        assert {".docx", ".pdf"} <= made, (sample.name, sorted(p.name for p in out.iterdir()))
        if "registers:" in sample.read_text(encoding="utf-8"):
            assert ".xlsx" in made, sample.name
    assert sys.executable != str(py)
    # The web front end from the installed package: its migrations, templates, htmx and fonts.
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(env_dir / "bin" / "kbo-docs"), "serve", "--data", str(tmp_path / "data"),
                               "--port", str(port)], env={**env, "PYTHAINLP_READ_ONLY": "1"}, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        pages = {}
        deadline = time.monotonic() + 60
        for path in ("/healthz", "/", "/numbers", "/static/htmx.min.js", "/static/LICENSE.htmx", "/fonts/Sarabun-Bold.ttf"):
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                        pages[path] = (r.status, r.read())
                    break
                except OSError:
                    assert server.poll() is None and time.monotonic() < deadline, server.stdout.read().decode()
                    time.sleep(0.3)
        assert all(status == 200 for status, _ in pages.values()), {k: v[0] for k, v in pages.items()}
        assert "ทะเบียนหนังสือส่ง".encode() in pages["/numbers"][1]
    finally:
        server.terminate()
        server.wait(timeout=20)
