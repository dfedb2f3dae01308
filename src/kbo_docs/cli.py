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
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--only", multiple=True, metavar="ID", help="Only this document (repeatable).")
@click.option("--format", "formats", default="docx,pdf,xlsx", show_default=True, help="Comma-separated: docx,pdf,xlsx.")
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3b", "pdf/a-1b", "pdf/a-2b", "pdf/ua-1"]), help="Archival PDF.")
@click.option("--chart", is_flag=True, help="Add a bar chart of targets to XLSX registers.")
@click.option("--overwrite", is_flag=True, help="Replace existing output files.")
@click.option("--force", is_flag=True, help="Render even when check finds errors.")
def render(file: str, outdir: str, only: tuple[str, ...], formats: str, pdf_variant: str | None,
           chart: bool, overwrite: bool, force: bool) -> None:
    """Render a data file to DOCX, PDF and XLSX (check runs first)."""
    from .findings import InputError
    from .render import FORMATS
    from .render.jinja import TemplateError

    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.UsageError(f"--format takes docx, pdf, xlsx; got {formats!r}")
    result = check_file(file)
    if result.error is not None:
        click.echo(click.style(str(result.error), fg="red"), err=True)
        sys.exit(2)
    _print_text([result])
    if result.errors and not force:
        click.echo("ไม่สร้างเอกสารเพราะยังมีข้อผิดพลาด / not rendering: fix the errors above or use --force", err=True)
        sys.exit(1)
    from .render import render_project

    try:
        rendered = render_project(result.loaded, outdir, formats=chosen, only=only, overwrite=overwrite,
                                  pdf_variant=pdf_variant, chart=chart)
    except (InputError, TemplateError) as exc:
        click.echo(click.style(str(exc), fg="red"), err=True)
        sys.exit(2)
    for warning in rendered.warnings:
        click.echo(click.style(f"warning: {warning}", fg="yellow"), err=True)
    for path in rendered.written:
        click.echo(f"wrote {path}")


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
