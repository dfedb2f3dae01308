"""How ``kbo-docs lint`` does on the corpus of real-world documents (tests/corpus, issue 11).

    .venv/bin/python benchmarks/corpus.py [--misses] [--false]

Prints recall (overall, per class of mistake, per rule expected), precision, the findings on
clean controls (errors, warnings per document) and the findings on lines that must stay quiet.
``--misses`` lists the mistakes not found; ``--false`` the findings that report no annotated
mistake.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import harness  # noqa: E402


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    - "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="list the mistakes not found")
    parser.add_argument("--false", action="store_true", help="list the findings that match no annotated mistake")
    args = parser.parse_args(argv)

    entries = harness.load()
    census = harness.census(entries)
    start = time.perf_counter()
    results = harness.run(entries)
    seconds = time.perf_counter() - start
    fig = harness.figures(results)

    formats = ", ".join(f"{n} {k}" for k, n in census["formats"].items())  # type: ignore[union-attr]
    years = census["years"]
    print(f"corpus: {census['documents']} documents ({formats}), BE {min(years)}-{max(years)}; "  # type: ignore[call-overload]
          f"{census['with_mistakes']} with mistakes, {census['clean']} clean controls; {census['mistakes']} mistakes; "
          f"linted in {seconds:.1f} s")
    print()
    print("| class | found | mistakes | recall |")
    print("|---|---|---|---|")
    for cls, name in harness.CLASSES.items():
        found, total = fig.per_class.get(cls, (0, 0))
        print(f"| {cls}. {name} | {found} | {total} | {pct(found, total)} |")
    print(f"| **all** | {fig.found} | {fig.mistakes} | {pct(fig.found, fig.mistakes)} |")
    print()
    print("| rule expected | found | by that rule | mistakes | recall |")
    print("|---|---|---|---|---|")
    for rule, (found, exact, total) in fig.per_rule.items():
        print(f"| {rule} | {found} | {exact} | {total} | {pct(found, total)} |")
    print()
    print("| rule reporting | findings | matching a mistake | precision |")
    print("|---|---|---|---|")
    for rule, (count, true) in fig.findings_per_rule.items():
        print(f"| {rule} | {count} | {true} | {pct(true, count)} |")
    print(f"| **all** | {fig.findings} | {fig.true_findings} | {pct(fig.true_findings, fig.findings)} |")
    print()
    print(f"clean controls: {fig.clean_documents}; error findings on them: {len(fig.clean_errors)}; "
          f"warnings: {fig.clean_warnings} ({fig.warnings_per_clean_document:.2f} per document)")
    print(f"findings on quiet lines: {len(fig.quiet_hits)}")
    for finding in fig.clean_errors:
        print(f"  clean error: {finding}")
    for finding in fig.quiet_hits:
        print(f"  on a quiet line: {finding}")
    for line in fig.unreadable:
        print(f"  unreadable: {line}")
    if args.misses:
        print()
        print("missed:")
        for result in results:
            for m in result.entry.mistakes:
                if not m.found:
                    print(f"  {m.doc}:{'|'.join(m.places)}: class {m.cls} {m.rule or ''} {m.what}")
    if args.false:
        print()
        print("findings that report no annotated mistake:")
        for result in results:
            for finding in result.unmatched:
                print(f"  {Path(finding.file).name}:{finding.line}: {finding.rule} [{finding.severity}] {finding.message[:120]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
