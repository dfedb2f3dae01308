"""One letter per district, many districts: the batch figures of issue 15, as ratios measured in
one run (the machine may be shared, so absolute seconds drift; ratios taken side by side hold).

    .venv/bin/python benchmarks/batch.py [--letters 878] [--sample 60] [--jobs 2]

1. A data file is made from the Lampang sample: its register grown to ``--letters`` districts
   (the 13 real rows repeated with numbered names), the circular bound to it, so every letter
   carries its own district and target.
2. Speed-up of ``--jobs 2`` over ``--jobs 1`` on the first ``--sample`` letters, against the
   speed-up that a pure-CPU Python loop gets from two processes, measured right before and
   right after (the mean of the two) in the same run.
3. The whole batch (``--letters`` letters, DOCX + PDF, plus the combined PDF and the ZIP) with
   ``kbo-docs render --jobs 2``: wall seconds, peak memory of the process tree (sum of the
   processes' proportional set size, PSS, and, as an upper bound, of their RSS).
4. Per-letter cost in the batch against a cold ``kbo-docs render`` of one letter (a new process:
   start-up, imports, check, render).

Every run is the installed console script in a subprocess, as a clerk runs it.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lampang-kbo-2568.yaml"
KBO_DOCS = Path(sys.executable).with_name("kbo-docs")
ROW = re.compile(r"^      - \[(\S+?),\s*(.*)\]\s*$")


def data_file(letters: int) -> str:
    """The Lampang sample with a register of ``letters`` districts (no stated totals and no
    allocation rule: each row keeps its typed target) and the circular sent to each."""
    from kbo_docs import thai

    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    rows = [(m[1], m[2]) for line in lines if (m := ROW.match(line))]
    assert len(rows) == 13, "the sample's register rows changed shape"
    first = next(i for i, line in enumerate(lines) if ROW.match(line))
    grown = []
    for i in range(letters):
        name, cells = rows[i % len(rows)]
        suffix = "" if i < len(rows) else f" {thai.thai_digits(str(i // len(rows) + 1))}"
        grown.append(f"      - [\"{name}{suffix}\", {cells}]")
    lines[first:first + len(rows)] = grown
    out = "\n".join(lines) + "\n"
    out = re.sub(r"^    totals: .*\n", "", out, flags=re.M)
    out = re.sub(r"^    allocation: .*\n", "", out, flags=re.M)
    return out


# ---------------------------------------------------------------- pure-CPU reference

def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def cpu_speedup(n: int = 6_000_000) -> float:
    """Time of ``2n`` loop steps in one process / time of ``n`` in each of two processes."""
    start = time.perf_counter()
    _spin(2 * n)
    one = time.perf_counter() - start
    context = multiprocessing.get_context("fork")
    start = time.perf_counter()
    procs = [context.Process(target=_spin, args=(n,)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    two = time.perf_counter() - start
    return one / two


# ---------------------------------------------------------------- rendering in a subprocess

def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """Summed PSS and RSS in KiB."""
    pss = rss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            continue
    return pss, rss


def render(data: Path, out: Path, *args: str) -> tuple[float, int, int, str]:
    """Wall seconds, peak PSS and RSS (KiB) of ``kbo-docs render`` and its stdout."""
    # Output goes to files, not pipes: nobody reads a pipe while the render runs.
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out_file, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen([str(KBO_DOCS), "render", str(data), "-o", str(out), "--format", "docx,pdf", *args],
                                stdout=out_file, stderr=err_file, text=True)
        peak_pss = peak_rss = 0
        while proc.poll() is None:
            pss, rss = _memory(_tree(proc.pid))
            peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        stdout, stderr = out_file.read(), err_file.read()
    if proc.returncode != 0:
        raise SystemExit(f"kbo-docs render failed ({proc.returncode}):\n{stderr[-2000:]}")
    return seconds, peak_pss, peak_rss, stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=878)
    parser.add_argument("--sample", type=int, default=60, help="letters for the --jobs 1 / --jobs 2 comparison")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big, small = folder / "districts.yaml", folder / "sample.yaml"
        big.write_text(data_file(args.letters), encoding="utf-8")
        small.write_text(data_file(args.sample), encoding="utf-8")
        only = ["--only", "kbo68-districts", "--quiet"]

        # Cold: one letter in a new process (best of 3).
        cold = min(render(small, folder / f"cold{i}", "--only", "kbo68-districts-01-เมืองลำปาง", "--quiet")[0]
                   for i in range(3))

        # Speed-up: jobs 1 and jobs 2, between two measurements of the pure-CPU reference.
        cpu_before = cpu_speedup()
        one = render(small, folder / "one", *only, "--jobs", "1")[0]
        two = render(small, folder / "two", *only, "--jobs", str(args.jobs))[0]
        cpu_after = cpu_speedup()
        cpu = (cpu_before + cpu_after) / 2
        ours = one / two

        # The whole batch.
        seconds, pss, rss, stdout = render(big, folder / "big", *only[:2], "--jobs", str(args.jobs))
        summary = stdout.strip().splitlines()[-1]

    per_letter = seconds / args.letters
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (shared: absolute times drift)")
    print(f"batch: {args.letters} letters (DOCX + PDF) with --jobs {args.jobs}: {seconds:.1f} s wall "
          f"({per_letter * 1000:.0f} ms a letter); {summary}")
    if args.letters == 878:
        print(f"  aim <= 45 s on the project's 2-core machine: {'met' if seconds <= 45 else 'NOT met'} in this run")
    print(f"speed-up --jobs {args.jobs} over --jobs 1 ({args.sample} letters): {ours:.2f}x "
          f"({one:.1f} s / {two:.1f} s); pure-CPU loop in two processes: {cpu:.2f}x "
          f"({cpu_before:.2f} before, {cpu_after:.2f} after)")
    print(f"  ratio {ours / cpu:.2f} of the loop's speed-up (aim >= 0.90)")
    print(f"per-letter cost in the batch / cold render of one letter: {per_letter:.3f} s / {cold:.2f} s = "
          f"{per_letter / cold:.3f}x (aim <= 0.15)")
    print(f"peak memory of the batch: {pss / 1024:.0f} MiB PSS summed over the processes "
          f"({rss / 1024:.0f} MiB RSS summed, shared pages counted in each) (aim <= 1024 MiB)")


if __name__ == "__main__":
    main()
