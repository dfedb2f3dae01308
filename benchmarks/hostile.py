"""The table of issue 10: every hostile case of ``tests/hostile/cases.py`` run ``--attempts``
times as a user runs it (its own process, ``RLIMIT_CPU`` as in the tests), with the worst wall
time, CPU time and peak resident memory of its attempts, as a Markdown table.

    .venv/bin/python benchmarks/hostile.py --attempts 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.hostile.cases import CASES  # noqa: E402
from tests.hostile.harness import run_limited  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--attempts", type=int, default=3)
    args = parser.parse_args()
    print("| attack | attempts | exit | worst time (s) | worst CPU (s) | worst memory (MB) |")
    print("|---|---|---|---|---|---|")
    for case in CASES:
        worst = (0.0, 0.0, 0.0)
        codes = set()
        for _ in range(args.attempts):
            with tempfile.TemporaryDirectory() as folder:
                result = run_limited(case.build(Path(folder)), cpu=case.cpu, fsize=case.fsize)
            codes.add(result.code)
            worst = (max(worst[0], result.seconds), max(worst[1], result.cpu), max(worst[2], result.peak_mb))
        print(f"| {case.name} | {args.attempts} | {', '.join(map(str, sorted(codes)))} | {worst[0]:.2f} | "
              f"{worst[1]:.2f} | {worst[2]:.0f} |", flush=True)


if __name__ == "__main__":
    main()
