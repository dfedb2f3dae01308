"""Run ``kbo-docs`` in its own process under resource limits and measure what it used.

Every hostile case runs as a user runs it (the console script, a fresh process) with
``RLIMIT_CPU`` set, so a loop that never ends is killed by the kernel instead of hanging the
suite, and with its peak memory sampled from ``/proc/PID/status`` (``VmHWM``) while it runs.
``wait4``'s ``ru_maxrss`` cannot be used for that: it counts the forked child before ``exec``,
which shares the test runner's pages, so late in a long pytest run every case would look as
large as pytest itself.
``RLIMIT_AS`` (address space, 200 MB) is set too where it is honest: for ``check``,
``allocate``, ``schema`` and ``lint``, whose libraries fit in it. Rendering maps WeasyPrint, Pango,
HarfBuzz and fontconfig, whose address space is far more than they touch, so for ``render`` the
resident peak (``ru_maxrss``) is asserted instead.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

KBO_DOCS = Path(sys.executable).parent / "kbo-docs"
MAX_MB = 200
"""Peak resident memory any hostile case may use."""
CPU_SECONDS = 2.0
"""CPU time a case may use, interpreter start-up and imports included (render cases, which
lay out a PDF with WeasyPrint, are given their own figure)."""


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    cpu: float
    peak_mb: float
    killed: str = ""

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.stdout + self.stderr).splitlines() if line.strip()]

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def run_limited(args: list[str], *, cpu: float = CPU_SECONDS, cwd: Path | None = None,
                fsize: int | None = None, wall: float = 60.0, address_space: bool | None = None) -> Outcome:
    """``kbo-docs ARGS`` with at most ``cpu`` seconds of CPU, ``MAX_MB`` of address space unless
    it renders (``address_space``), and ``fsize`` bytes per file written (a full disk)."""
    if address_space is None:
        address_space = args[0] != "render"

    def limit() -> None:
        seconds = int(cpu) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
        if address_space:
            resource.setrlimit(resource.RLIMIT_AS, (MAX_MB * 1024 * 1024, MAX_MB * 1024 * 1024))
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "PYTHAINLP_READ_ONLY": "1", "LC_ALL": "C.UTF-8", "TMPDIR": tempfile.gettempdir()}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([str(KBO_DOCS), *args], stdout=out, stderr=err, cwd=cwd, env=env,
                                preexec_fn=limit)
        killed = ""
        deadline = start + wall
        peak_kb = 0
        while True:
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                killed = f"wall clock over {wall} s"
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode < 0 and not killed:
            killed = f"signal {signal.Signals(-proc.returncode).name}"
        out.seek(0)
        err.seek(0)
        return Outcome(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                       seconds, usage.ru_utime + usage.ru_stime, (peak_kb or usage.ru_maxrss) / 1024, killed)


def _high_water_kb(pid: int) -> int:
    """The resident high-water mark of ``pid`` once it runs kbo-docs (0 before its ``exec``, when
    it is still a copy of the test runner, or once it has exited)."""
    try:
        if str(KBO_DOCS).encode() not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return 0
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0
