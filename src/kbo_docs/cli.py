"""The ``kbo-docs`` command: a thin layer over :mod:`kbo_docs.api`."""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .api import CheckResult, check_file, exit_code


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbo-docs")
def main() -> None:
    """kbo-docs: Thai programme paperwork (circulars, allocation registers, minutes) from one
    data file per project year. เอกสารราชการของโครงการจากแฟ้มข้อมูลปีละหนึ่งแฟ้ม"""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", help="Only these rule codes, comma-separated (e.g. REG001,CIR003).")
def check(files: tuple[str, ...], fmt: str, select: str | None) -> None:
    """Check data files. Exit 0: no errors; 1: errors found; 2: an input could not be used."""
    chosen = {code.strip().upper() for code in select.split(",")} if select else None
    if chosen:
        from .rules import REGISTRY

        unknown = sorted(chosen - set(REGISTRY))
        if unknown:
            raise click.UsageError(f"unknown rule code(s): {', '.join(unknown)}")
    results = [check_file(path, chosen) for path in files]
    if fmt == "json":
        click.echo(json.dumps(_as_json(results), ensure_ascii=False, indent=2))
    else:
        _print_text(results)
    sys.exit(exit_code(results))


def _as_json(results: list[CheckResult]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for result in results:
        if result.error is not None:
            out.append({
                "rule": "INPUT", "severity": "error", "message": result.error.message,
                "file": result.error.file, "line": result.error.line,
            })
        out.extend(f.as_dict() for f in result.findings)
    return out


def _print_text(results: list[CheckResult]) -> None:
    colours = {"error": "red", "warning": "yellow"}
    total_errors = total_warnings = 0
    for result in results:
        if result.error is not None:
            click.echo(f"{click.style(str(result.error), fg='red')}", err=True)
            continue
        if result.findings:
            click.echo(click.style(result.file, bold=True))
        for f in result.findings:
            sev = click.style(f.severity.value, fg=colours[f.severity.value])
            click.echo(f"  {f.file}:{f.line}: {f.rule} {sev} {f.message}")
        errors = len(result.errors)
        total_errors += errors
        total_warnings += len(result.findings) - errors
    checked = sum(1 for r in results if r.error is None)
    click.echo(f"{checked} file(s) checked: {total_errors} error(s), {total_warnings} warning(s)")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def schema(output: str | None) -> None:
    """Print the JSON Schema of the data file (for editors' YAML validation)."""
    from .load import json_schema_text
    from .write import write_text_atomic

    text = json_schema_text()
    if output:
        write_text_atomic(output, text, overwrite=True)
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--markdown", is_flag=True, help="Print the rules reference as Markdown (docs/rules.md).")
def rules(markdown: bool) -> None:
    """List the rules: code, severity, name and summary."""
    from .rules import REGISTRY
    from .rules.docs import rules_markdown

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    for code, r in REGISTRY.items():
        click.echo(f"{code}  {r.severity.value:<7}  {r.name:<26}  {r.summary}")


if __name__ == "__main__":  # pragma: no cover
    main()
