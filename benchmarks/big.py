"""Big registers and a quick start (issue 16): every aim printed with its measured ratio, in one run.

    .venv/bin/python benchmarks/big.py [--repeat N] [--only check,render,xlsx,pdf,lint] [--pdf-rows 1000,5000,10000] [--source]

Every figure is a fresh ``kbo-docs`` process (or a fresh LibreOffice), as a user runs it;
wall time, CPU time (user + system) and peak memory (max RSS) come from ``wait4``. Runs that
are compared are interleaved (A, B, A, B, ...) so the drift of a shared machine hits both
alike; figures are medians. On a busy machine compare the ratios and the CPU times: the wall
times of the absolute aims (4 s, 8 s, 15 s, 0.3 s) only hold on a machine that is not shared.

The registers are made by :mod:`bigdata` (honest files: every sum, total and target right).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
SAMPLE = ROOT / "samples" / "lampang-kbo-2568.yaml"
ONE_LETTER = ROOT / "tests" / "web" / "lampang-one-letter.yaml"
"""The Lampang circular as one letter and its register: the 5 files (circular DOCX and PDF,
register DOCX, PDF and XLSX) the issue's comparison was made with. The sample itself now writes
one letter per district (13 letters, the combined PDF and the ZIP)."""
KBO = str(Path(sys.executable).parent / "kbo-docs")
MiB = 1024 * 1024


ENV = dict(os.environ)
"""The environment of every timed process (:func:`bytecode` may take PYTHONDONTWRITEBYTECODE out)."""


def bytecode(compiled: bool) -> None:
    """Give kbo_docs its compiled bytecode, as an installed package has it (pip compiles at
    install). Where PYTHONDONTWRITEBYTECODE is set (as in the project's agent sessions) an
    editable install has none, and every "cold" process compiled kbo_docs's sources again:
    0.1 s of a 0.37 s ``check``. ``--source`` measures that way."""
    if not compiled:
        return
    import kbo_docs

    ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(kbo_docs.__file__).parent)], env=ENV,
                   check=True, stdout=subprocess.DEVNULL)


class Run:
    """One process: wall seconds, CPU seconds (user + system, its children's counted), peak RSS in
    MiB, exit status; with ``tree``, also the peak of the summed PSS of it and every process
    under it (sampled every 0.1 s: the memory of processes that work side by side)."""

    def __init__(self, cmd: list[str], tree: bool = False, **kwargs: object) -> None:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, **kwargs)  # type: ignore[call-overload]
        self.pss = 0.0
        while tree:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            from batch import _memory, _tree

            self.pss = max(self.pss, _memory(_tree(proc.pid))[0] / 1024)
            time.sleep(0.1)
        else:
            _, status, usage = os.wait4(proc.pid, 0)
        self.wall = time.perf_counter() - start
        self.cpu = usage.ru_utime + usage.ru_stime
        self.rss = usage.ru_maxrss / 1024
        self.code = os.waitstatus_to_exitcode(status)
        self.stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        proc.returncode = self.code
        if self.code != 0 and "--convert-to" not in cmd:  # every file here is honest: anything else is a bug
            raise SystemExit(f"{' '.join(cmd)} failed ({self.code}): {self.stderr[-2000:]}")


def medians(runs: list[Run]) -> tuple[float, float, float]:
    return (statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
            max(r.rss for r in runs))


def interleaved(variants: dict[str, Callable[[], Run]], repeat: int) -> dict[str, list[Run]]:
    out: dict[str, list[Run]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, fn in variants.items():
            out[name].append(fn())
    return out


def aim(label: str, value: float, limit: float, unit: str = "", detail: str = "") -> None:
    mark = "met" if value <= limit else "NOT met"
    print(f"  {label:<58} {value:>8.2f}{unit} (aim <= {limit:g}{unit}) {mark}{'  ' + detail if detail else ''}")


def register_file(folder: Path, rows: int) -> Path:
    """A register of ``rows`` rows, written by another process (this one stays small: a
    child's peak memory counts what it inherits)."""
    path = folder / f"register-{rows}.yaml"
    if not path.exists():
        code = ("import sys; sys.path.insert(0, sys.argv[1]); from bigdata import register_yaml; "
                "open(sys.argv[2], 'w', encoding='utf-8').write(register_yaml(int(sys.argv[3])))")
        subprocess.run([sys.executable, "-c", code, str(HERE), str(path), str(rows)], check=True)
    return path


def check_section(tmp: Path, repeat: int) -> None:
    print("check (fresh processes)")
    ten = register_file(tmp, 10_000)
    hundred = register_file(tmp, 100_000)
    runs = interleaved({
        "sample": lambda: Run([KBO, "check", str(SAMPLE)]),
        "10k": lambda: Run([KBO, "check", str(ten)]),
    }, repeat)
    (sw, sc, sr), (tw, tc, tr) = medians(runs["sample"]), medians(runs["10k"])
    print(f"  sample: {sw:.3f} s wall, {sc:.3f} s CPU, {sr:.0f} MiB; 10,000 rows: {tw:.3f} s wall, {tc:.3f} s CPU, {tr:.0f} MiB")
    aim("check 10,000 rows / cold check of the sample (wall)", tw / sw, 2.5, "x", f"CPU ratio {tc / sc:.2f}x")
    aim("cold check of the sample, wall", sw, 0.3, " s", f"CPU {sc:.3f} s")
    big = [Run([KBO, "check", str(hundred)]) for _ in range(max(1, repeat // 4))]
    bw, bc, br = medians(big)
    aim("check 100,000 rows, wall", bw, 4.0, " s", f"CPU {bc:.2f} s")
    aim("check 100,000 rows, peak memory", br, 300, " MiB")


def render_section(tmp: Path, repeat: int) -> None:
    soffice = shutil.which("soffice")
    print(f"cold render of the Lampang circular as one letter ({ONE_LETTER.relative_to(ROOT)}: circular + register, "
          "5 files) against one fresh-profile LibreOffice conversion of the circular's DOCX")
    if soffice is None:
        print("  soffice not found: skipped")
        return
    out = tmp / "render"
    docx_dir = tmp / "docx"
    subprocess.run([KBO, "render", str(ONE_LETTER), "-o", str(docx_dir), "--format", "docx", "--overwrite"], check=True,
                   capture_output=True)
    letter = docx_dir / "kbo68-districts.docx"
    count = [0]

    def libreoffice() -> Run:
        count[0] += 1
        profile = tmp / f"lo-profile-{count[0]}"
        return Run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(tmp / "lo"), str(letter)])

    runs = interleaved({
        "kbo": lambda: Run([KBO, "render", str(ONE_LETTER), "-o", str(out), "--overwrite"]),
        "lo": libreoffice,
    }, max(5, repeat))  # pairs: the ratio of one pair varies by a tenth on this machine
    ratios = [k.wall / lo.wall for k, lo in zip(runs["kbo"], runs["lo"])]
    kw, kc, kr = medians(runs["kbo"])
    lw, lc, _ = medians(runs["lo"])
    print(f"  kbo-docs render: {kw:.3f} s wall, {kc:.3f} s CPU, {kr:.0f} MiB; LibreOffice: {lw:.3f} s wall, {lc:.3f} s CPU")
    aim("kbo-docs render / LibreOffice conversion (median of pairs, wall)", statistics.median(ratios), 0.75, "x",
        f"CPU ratio {kc / lc:.2f}x")


def xlsx_section(tmp: Path, repeat: int) -> None:
    print("XLSX of a 100,000-row register (fresh process: load + render --format xlsx)")
    hundred = register_file(tmp, 100_000)
    runs = [Run([KBO, "render", str(hundred), "-o", str(tmp / "xlsx"), "--format", "xlsx", "--overwrite", "--force"])
            for _ in range(max(1, repeat // 4))]
    w, c, r = medians(runs)
    check = Run([KBO, "check", str(hundred)])
    aim("XLSX 100,000 rows, wall (whole command)", w, 8.0, " s",
        f"CPU {c:.2f} s, {r:.0f} MiB; of which check {check.wall:.2f} s wall, {check.cpu:.2f} s CPU")


def lint_section(tmp: Path, repeat: int) -> None:
    print("lint of a 10,000-row XLSX")
    ten = register_file(tmp, 10_000)
    subprocess.run([KBO, "render", str(ten), "-o", str(tmp / "lint"), "--format", "xlsx", "--overwrite"], check=True,
                   capture_output=True)
    book = next((tmp / "lint").glob("*.xlsx"))
    w, c, r = medians([Run([KBO, "lint", str(book)]) for _ in range(max(1, repeat // 2))])
    aim("lint 10,000-row XLSX, wall", w, 2.0, " s", f"CPU {c:.2f} s, {r:.0f} MiB")


def pdf_section(tmp: Path, sizes: list[int]) -> None:
    print("PDF of big registers (fresh process: load + render --format pdf)")
    points = []
    for rows in sizes:
        path = register_file(tmp, rows)
        run = Run([KBO, "render", str(path), "-o", str(tmp / f"pdf-{rows}"), "--format", "pdf", "--overwrite"],
                  tree=True)
        pages = _pages(next((tmp / f"pdf-{rows}").glob("*.pdf")))
        points.append((rows, run))
        print(f"  {rows:>7,} rows: {pages} pages, {run.wall:.2f} s wall, {run.cpu:.2f} s CPU (all processes), "
              f"{run.pss:.0f} MiB (summed PSS of all processes at once; largest one {run.rss:.0f} MiB RSS)")
    (r0, a), (r1, b) = points[0], points[-1]
    slope = (b.cpu - a.cpu) / (r1 - r0) * 1000
    per_row_small = a.cpu / r0 * 1000
    print(f"  slope {slope:.2f} ms CPU a row between {r0:,} and {r1:,} rows ({per_row_small:.2f} ms a row at {r0:,})")
    if r1 >= 10_000:
        aim(f"PDF {r1:,} rows, wall", b.wall, 15.0, " s", f"CPU {b.cpu:.2f} s")
        aim(f"PDF {r1:,} rows, peak memory (summed PSS)", b.pss, 400, " MiB")
    aim(f"linearity: CPU a row at {r1:,} / at {r0:,}", (b.cpu / r1) / (a.cpu / r0), 1.15, "x")


def _pages(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(path)).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--only", default="check,render,xlsx,lint,pdf")
    parser.add_argument("--pdf-rows", default="1000,5000,10000")
    parser.add_argument("--keep", help="folder for the generated files (kept between runs)")
    parser.add_argument("--source", action="store_true",
                        help="do not compile kbo_docs first (where PYTHONDONTWRITEBYTECODE is set and no bytecode exists, every run compiles it)")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    bytecode(not args.source)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; medians of {args.repeat} runs; "
          f"kbo_docs {'compiled on every run (--source)' if args.source else 'with its bytecode'}\n")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(args.keep or scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        if "check" in wanted:
            check_section(tmp, args.repeat)
        if "render" in wanted:
            render_section(tmp, args.repeat)
        if "xlsx" in wanted:
            xlsx_section(tmp, args.repeat)
        if "lint" in wanted:
            lint_section(tmp, args.repeat)
        if "pdf" in wanted:
            pdf_section(tmp, [int(n) for n in args.pdf_rows.split(",")])
    print(f"\nload average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
