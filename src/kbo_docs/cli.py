"""The ``kbo-docs`` command: a thin layer over :mod:`kbo_docs.api`."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

import click

from . import __version__
from .api import CheckResult, check_file, exit_code
from .model import KINDS

if TYPE_CHECKING:
    from .render.helper import PdfHelper

PDF_VARIANTS = ("pdf/a-3b", "pdf/a-1b", "pdf/a-2b", "pdf/ua-1")
"""The archival PDFs ``render --pdf-variant`` makes: :data:`kbo_docs.render.PDF_VARIANTS`, written
out so that ``check`` and ``lint`` do not import the renderers (a test keeps the two equal)."""


INTERNAL_ERROR = 3
"""Exit status of a bug in kbo-docs (an exception nobody expected): never 1 (findings) or 2 (bad input)."""


def _crash_log(exc: BaseException) -> str:
    """Write the stack of an unexpected exception to a log file; its path (or why none)."""
    import datetime as dt
    import os
    import tempfile
    import traceback

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"kbo-docs {__version__}\nargv: {sys.argv!r}\n\n" + "".join(traceback.format_exception(exc))
    try:
        fd, path = tempfile.mkstemp(prefix=f"kbo-docs-crash-{stamp}-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
        return path
    except OSError as err:  # no writable temporary folder: say so instead of failing again
        return f"(no log written: {err.strerror or err})"


class _Group(click.Group):
    """The top level: bad input raised from anywhere is one line and exit 2; any other
    exception is a bug, reported as one line naming a log file with the stack, and exit 3."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        from .findings import InputError

        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except InputError as exc:
            click.echo(click.style(str(exc), fg="red"), err=True)
            sys.exit(2)
        except BrokenPipeError:  # the reader went away (``| head``): not a bug, nothing more to say
            _quiet_stdout()
            sys.exit(SIGPIPE_EXIT)
        except MemoryError:
            click.echo("หน่วยความจำไม่พอ / out of memory: the input is too large", err=True)
            sys.exit(2)
        except Exception as exc:  # noqa: BLE001  (the one place where any exception is caught)
            log = _crash_log(exc)
            message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            click.echo(f"internal error: {message}; please report (details in {log})", err=True)
            sys.exit(INTERNAL_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kbo-docs")
def main() -> None:
    """kbo-docs: Thai programme paperwork (circulars, allocation registers, minutes) from one
    data file per project year. เอกสารราชการของโครงการจากแฟ้มข้อมูลปีละหนึ่งแฟ้ม"""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", help="Only these rule codes, comma-separated (e.g. REG001,CIR003).")
def check(files: tuple[str, ...], fmt: str, select: str | None) -> None:
    """Check data files. Exit 0: no errors; 1: errors found; 2: an input could not be used."""
    chosen = _selected(select, documents=False)
    _report([check_file(path, chosen) for path in files], fmt, "checked")


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", help="Only these rule codes, comma-separated (e.g. CIR003,LNT001).")
def lint(files: tuple[str, ...], fmt: str, select: str | None) -> None:
    """Check documents typed by hand: .docx, .xlsx, .pdf, .txt, .md.

    Totals, dates, deadlines, counts, enclosures, scripts, names spelled two ways. Exit 0: no
    errors; 1: errors found; 2: a file could not be used."""
    from .api import lint_file

    chosen = _selected(select, documents=True)
    _report([lint_file(path, chosen) for path in files], fmt, "linted")


def _selected(select: str | None, *, documents: bool) -> set[str] | None:
    """The rule codes of ``--select`` (None: all); a code that does not apply is a usage error."""
    if not select:
        return None
    from .rules import REGISTRY

    chosen = {code.strip().upper() for code in select.split(",")}
    unknown = sorted(c for c in chosen if c not in REGISTRY or (documents and REGISTRY[c].lint is None))
    if unknown:
        what = " for documents" if documents else ""
        raise click.UsageError(f"unknown rule code(s){what}: {', '.join(unknown)}")
    return chosen


def _report(results: list[CheckResult], fmt: str, verb: str) -> None:
    """Print findings (text or JSON) and exit with the worst status."""
    if fmt == "json":
        click.echo(json.dumps(_as_json(results), ensure_ascii=False, indent=2))
    else:
        _print_text(results, verb=verb)
    _exit(exit_code(results))


def _exit(code: int) -> None:
    """Exit with ``code``. Run as the ``kbo-docs`` command, once the report is flushed, the
    process ends without the interpreter's teardown (freeing every module and object one by one:
    50 ms of a 0.3 s ``check``; nothing is left to write). Called from Python (tests, the API),
    it exits as usual."""
    script = getattr(sys.modules.get("__main__"), "__file__", None) or ""
    if os.path.basename(script).removesuffix(".exe") == "kbo-docs":
        import atexit

        try:
            atexit._run_exitfuncs()  # what exit would still do (a render's font folders removed)
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # the reader went away (``| head``): the verdict still stands
            _quiet_stdout()
        except (OSError, ValueError):  # another failure to write: let Python say so as it always did
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


SIGPIPE_EXIT = 141
"""Exit status when the reader of the output went away mid-report (``kbo-docs check ... | head``):
what a shell reports for a program ended by SIGPIPE; not an internal error."""


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that Python's own final flush of a closed pipe
    cannot raise again (the recipe of Python's documentation on SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _as_json(results: list[CheckResult]) -> list[dict[str, object]]:
    from .api import findings_json

    return findings_json(results)


def _print_text(results: list[CheckResult], verb: str = "checked") -> None:
    colours = {"error": "red", "warning": "yellow"}
    total_errors = total_warnings = 0
    for result in results:
        if result.error is not None:
            click.echo(click.style(result.error.detailed(), fg="red"), err=True)
            continue
        if result.findings or result.notes:
            click.echo(click.style(result.file, bold=True))
        for f in result.findings:
            sev = click.style(f.severity.value, fg=colours[f.severity.value])
            click.echo(f"  {f.file}:{f.line}: {f.rule} {sev} {f.message}")
        for note in result.notes:
            click.echo(click.style(f"  note: {note}", dim=True))
        errors = len(result.errors)
        total_errors += errors
        total_warnings += len(result.findings) - errors
    checked = sum(1 for r in results if r.error is None)
    unreadable = len(results) - checked
    tail = f"; {unreadable} file(s) could not be used" if unreadable else ""
    click.echo(f"{checked} file(s) {verb}: {total_errors} error(s), {total_warnings} warning(s){tail}")


@main.command()
@click.argument("file")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--only", multiple=True, metavar="ID", help="Only this document (repeatable).")
@click.option("--format", "formats", default="docx,pdf,xlsx", show_default=True, help="Comma-separated: docx,pdf,xlsx.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), help="Archival PDF.")
@click.option("--chart", is_flag=True, help="Add a bar chart of targets to XLSX registers.")
@click.option("--thai-distribute/--no-thai-distribute", default=True, show_default=True,
              help="PDF body paragraphs Thai-distributed as in the DOCX, or left-aligned.")
@click.option("--template", "letterhead", metavar="LETTERHEAD.docx",
              help="The office's Word letterhead (.docx/.dotx) as the base of the DOCX output "
                   "(or KBO_DOCS_LETTERHEAD, or letterhead: in ~/.config/kbo-docs/config.yaml).")
@click.option("--overwrite", is_flag=True, help="Replace existing output files.")
@click.option("--force", is_flag=True, help="Render even when check finds errors.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--number-register", metavar="URL", envvar="KBO_DOCS_NUMBER_REGISTER",
              help="Numbering register (SQLAlchemy URL or SQLite file, e.g. kbo-data/kbo-docs.sqlite): letters "
                   "whose number is only its series (ลป ๐๐๑๙.๓/ว) take their numbers from it.")
def render(file: str, outdir: str, only: tuple[str, ...], formats: str, pdf_variant: str | None,
           chart: bool, thai_distribute: bool, letterhead: str | None, overwrite: bool, force: bool,
           jobs: int | None, quiet: bool, number_register: str | None) -> None:
    """Render a data file to DOCX, PDF and XLSX (check runs first).

    A circular with recipients gives one letter per recipient, their PDFs combined in order
    (<id>.pdf) and a ZIP of all of them (<id>.zip). Exit 0: all written; 1: refused (errors
    found) or some documents failed (the others are written); 2: an input could not be used."""
    from .render import FORMATS
    from .render.batch import default_jobs

    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in chosen if f not in FORMATS]
    if bad or not chosen:
        raise click.UsageError(f"--format takes docx, pdf, xlsx; got {formats!r}")
    from .render.helper import started

    jobs = jobs or default_jobs()
    with started(chosen, jobs) as helper:  # WeasyPrint warms up in it while the file is checked
        failed = _render(file, outdir, only, chosen, pdf_variant, chart, thai_distribute, letterhead, overwrite,
                         force, jobs, quiet, number_register, helper)
    _exit(1 if failed else 0)  # every file is written and the helper gone: no teardown to wait for


def _render(file: str, outdir: str, only: tuple[str, ...], chosen: list[str], pdf_variant: str | None,
            chart: bool, thai_distribute: bool, letterhead: str | None, overwrite: bool, force: bool,
            jobs: int, quiet: bool, number_register: str | None, helper: PdfHelper | None) -> bool:
    """Check, then render; whether some documents failed (exits itself on bad input or errors)."""
    from .findings import InputError
    from .render.jinja import TemplateError

    result = check_file(file)
    if result.error is not None:
        click.echo(click.style(result.error.detailed(), fg="red"), err=True)
        sys.exit(2)
    result.notes = []  # render's own warnings below say what check's notes would
    if not quiet or result.findings:
        _print_text([result])
    if result.errors and not force:
        click.echo("ไม่สร้างเอกสารเพราะยังมีข้อผิดพลาด / not rendering: fix the errors above or use --force", err=True)
        sys.exit(1)
    from .render import render_project
    from .render.progress import reporter

    try:
        register = _number_register(number_register) if number_register else None
        with reporter(quiet=quiet) as progress:
            rendered = render_project(result.loaded, outdir, formats=chosen, only=only, overwrite=overwrite,
                                      pdf_variant=pdf_variant, chart=chart, thai_distribute=thai_distribute,
                                      jobs=jobs, progress=progress, number_register=register,
                                      letterhead=letterhead, checked=result.findings, helper=helper)
    except (InputError, TemplateError) as exc:
        click.echo(click.style(getattr(exc, "detailed", exc.__str__)(), fg="red"), err=True)
        sys.exit(2)
    for warning in rendered.warnings:
        click.echo(click.style(f"warning: {warning}", fg="yellow"), err=True)
    for name, message in rendered.failed:
        click.echo(click.style(f"failed: {name}: {message}", fg="red"), err=True)
    if not quiet:
        for path in rendered.written:
            click.echo(f"wrote {path}")
        for taken in rendered.numbered:
            many = f" ({len(taken.documents)} ฉบับ / letters)" if len(taken.documents) > 1 else ""
            click.echo(f"ออกเลข / numbered: ที่ {taken.text} {taken.documents[0] if not many else ''}{many}".replace("  ", " "))
        failed = f", {len(rendered.failed)} ฉบับสร้างไม่ได้ / failed" if rendered.failed else ""
        click.echo(f"{len(rendered.written)} แฟ้ม / files, {rendered.pages} หน้า / pages, "
                   f"{rendered.seconds:.1f} วินาที / seconds{failed}")
    return bool(rendered.failed)


DEFAULT_NUMBER_REGISTER = "kbo-data/kbo-docs.sqlite"
"""The web front end's database when it runs from the same folder (``kbo-docs serve``)."""


def _number_register(url: str):  # type: ignore[no-untyped-def]
    """The numbering register at ``url`` (a SQLAlchemy URL or a SQLite file path)."""
    from pathlib import Path

    from .findings import InputError
    from .numbering import NumberRegister

    if "://" not in url:
        Path(url).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    try:
        return NumberRegister(url)
    except Exception as exc:  # noqa: BLE001  (SQLAlchemy and the driver raise many kinds)
        raise InputError(f"เปิดทะเบียนเลขที่หนังสือไม่ได้ / cannot open the numbering register: {type(exc).__name__}: {exc}",
                         url) from None


@main.group()
def number() -> None:
    """ทะเบียนหนังสือส่ง: the numbering register (the one the web front end uses).

    Numbers run per series and พ.ศ. year; two processes never get the same number."""


def _register_option(f):  # type: ignore[no-untyped-def]
    return click.option("--register", "url", metavar="URL", envvar="KBO_DOCS_NUMBER_REGISTER",
                        default=DEFAULT_NUMBER_REGISTER, show_default=True,
                        help="SQLAlchemy URL or SQLite file (env KBO_DOCS_NUMBER_REGISTER).")(f)


def _year_option(f):  # type: ignore[no-untyped-def]
    return click.option("--year", help="พ.ศ. year (Thai or Arabic digits).")(f)


def _open_or_exit(url: str):  # type: ignore[no-untyped-def]
    from .findings import InputError

    try:
        return _number_register(url)
    except InputError as exc:
        click.echo(click.style(str(exc), fg="red"), err=True)
        sys.exit(2)


@number.command("list")
@_register_option
@click.option("--series", help="Only this series, e.g. 'ลป ๐๐๑๙.๓/ว'.")
@_year_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def number_list(url: str, series: str | None, year: str | None, fmt: str) -> None:
    """List issued numbers, oldest first."""
    from . import thai

    rows = _open_or_exit(url).list(series=series, year=_whole(year, "--year"))
    if fmt == "json":
        click.echo(json.dumps([{"series": r.series, "year": r.year, "number": r.number, "text": r.text,
                                "date": r.date.isoformat(), "subject": r.subject, "recipient": r.recipient,
                                "file": r.file} for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(f"{r.text}	{thai.format_date(r.date)}	{r.recipient}	{r.subject}")
    click.echo(f"{thai.thai_digits(len(rows))} เลข / {len(rows)} number(s)")


@number.command("issue")
@_register_option
@click.option("--series", required=True, help="e.g. 'ลป ๐๐๑๙.๓/ว' (circular) or 'ลป ๐๐๑๙.๓/' (letter).")
@click.option("--date", "date_text", help="The letter's date (Thai or ISO); default today.")
@click.option("--subject", default="", help="เรื่อง.")
@click.option("--recipient", default="", help="ถึง.")
@click.option("--file", "file_name", default="", help="Where the letter is kept (แฟ้ม).")
def number_issue(url: str, series: str, date_text: str | None, subject: str, recipient: str, file_name: str) -> None:
    """Take the next number of a series and print it (ที่ ...)."""
    from .model.base import _date

    try:
        day = _date(date_text) if date_text else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None
    register = _open_or_exit(url)
    try:
        issued = register.issue(series=series, date=day, subject=subject, recipient=recipient, file=file_name)
    except ValueError as exc:
        click.echo(click.style(str(exc), fg="red"), err=True)
        sys.exit(2)
    click.echo(issued.text)


@number.command("export")
@_register_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .xlsx to write.")
@click.option("--series", help="Only this series.")
@_year_option
@click.option("--overwrite", is_flag=True, help="Replace an existing file.")
def number_export(url: str, output: str, series: str | None, year: str | None, overwrite: bool) -> None:
    """Export ทะเบียนหนังสือส่ง to XLSX (Thai headers, Thai digits, BE dates)."""
    from .findings import InputError
    from .numbering import register_xlsx
    from .write import write_bytes_atomic

    register = _open_or_exit(url)
    data = register_xlsx(register.list(series=series, year=_whole(year, "--year")))
    try:
        click.echo(f"wrote {write_bytes_atomic(output, data, overwrite=overwrite)}")
    except InputError as exc:
        click.echo(click.style(str(exc), fg="red"), err=True)
        sys.exit(2)


def _whole(text: str | None, what: str) -> int | None:
    """A whole number option (``--total``, ``--floor``); a bad one is one line and exit 2."""
    from . import thai
    from .findings import InputError

    if text is None:
        return None
    try:
        value = thai.parse_number(text)
    except ValueError as exc:
        raise InputError(str(exc), what) from None
    if not isinstance(value, int) or value < 0:
        raise InputError(f"ต้องเป็นจำนวนเต็มไม่ติดลบ / must be a whole number >= 0: {text[:40]!r}", what)
    return value


@main.command()
@click.argument("file")
@click.option("--register", "register_id", metavar="ID", help="The register (when the file has several).")
@click.option("--total", help="Seats to share (Thai or Arabic digits); default: the register's stated total target.")
@click.option("--method", type=click.Choice(["hamilton", "dhondt", "sainte-lague"]), help="Default: the register's rule, else hamilton.")
@click.option("--floor", help="Every row gets at least this many; default: the register's rule, else 0.")
@click.option("--weight", "weight_key", metavar="COLUMN", help="Weight column of the register; default: the register's rule.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--explain-fit", is_flag=True, help="Report which methods and floors reproduce the register's typed targets.")
def allocate(file: str, register_id: str | None, total: str | None, method: str | None, floor: str | None,
             weight_key: str | None, fmt: str, explain_fit: bool) -> None:
    """Share a total among rows by weight and explain every seat. FILE: a data file or a CSV
    with columns name,weight[,cap]."""
    from . import allocate as alloc
    from .api import explain_register_fit, pick_register, read_weights_csv
    from .findings import InputError
    from .load import load_project

    seats, lowest = _whole(total, "--total"), _whole(floor, "--floor")
    try:
        if explain_fit:
            loaded = load_project(file)
            _print_fits(explain_register_fit(loaded, register_id), fmt)
            return
        digits: str = "thai"
        if file.lower().endswith(".csv"):
            rows, caps = read_weights_csv(file)
            if seats is None:
                raise click.UsageError("a CSV needs --total")
            chosen_method, chosen_floor = method or "hamilton", lowest or 0
        else:
            project = load_project(file)
            digits = project.project.agency.digits
            reg = pick_register(project, register_id)
            rule = reg.allocation
            key = weight_key or (rule.weight if rule else None)
            if key is None:
                raise click.UsageError("the register declares no allocation rule: give --weight COLUMN")
            if key not in {c.key for c in reg.columns}:
                raise click.UsageError(f"no column {key!r} in register {reg.id}")
            rows = [(row.name, reg.value(row, key) or 0) for row in reg.rows]
            caps = {}
            if rule and rule.cap:
                caps = {row.name: v for row in reg.rows if (v := reg.value(row, rule.cap)) is not None}
            target = reg.target_column
            stated = rule.total if rule and rule.total is not None else (reg.totals.get(target.key) if target else None)
            seats = seats if seats is not None else stated
            if seats is None:
                raise click.UsageError("no total to share: give --total")
            chosen_method = method or (rule.method if rule else "hamilton")
            chosen_floor = lowest if lowest is not None else (rule.floor if rule else 0)
        result = alloc.allocate(rows, seats, chosen_method, chosen_floor, caps)
    except InputError as exc:
        click.echo(click.style(getattr(exc, "detailed", exc.__str__)(), fg="red"), err=True)
        sys.exit(2)
    except alloc.AllocationError as exc:
        click.echo(click.style(f"{file}: {exc}", fg="red"), err=True)
        sys.exit(2)
    _print_allocation(result, chosen_floor, fmt, digits)  # type: ignore[arg-type]


def _print_allocation(result, floor: int, fmt: str, digits: str = "thai") -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"name": r.name, "weight": int(r.weight) if r.weight.denominator == 1 else str(r.weight),
         "quota": str(r.quota), "quota_decimal": f"{float(r.quota):.4f}", "from_floor": r.from_floor,
         "from_whole": r.from_whole, "from_remainder": r.from_remainder, "target": r.target, "cap": r.cap}
        for r in result.rows
    ]
    if fmt == "json":
        ties = [{"value": str(t.value), "winners": list(t.winners), "losers": list(t.losers)} for t in result.ties]
        click.echo(json.dumps({"method": result.method, "total": result.total, "floor": floor, "rows": rows,
                               "ties": ties, "explanation": result.explanation}, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: _csv_text(v) for k, v in row.items()} for row in rows)
        click.echo(out.getvalue(), nl=False)
        return
    click.echo(_allocation_table(result, floor, digits))
    th, _, en = result.explanation.partition("\n")
    from . import thai

    click.echo((thai.thai_digits(th) if digits == "thai" else th) + (f"\n{en}" if en else ""))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: object) -> object:
    """A text cell of CSV output that a spreadsheet would run as a formula (``=HYPERLINK(...)``,
    ``+1``, ``@SUM``) gets a leading ``'``, the usual guard: it is shown as typed, never run."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _allocation_table(result, floor: int, digits: str) -> str:  # type: ignore[no-untyped-def]
    """The allocation as a clerk follows it from left to right: each row's weight, the floor it
    gets first, its share of the seats left after the floors (whole part and fraction), the
    seats from that share, the seat won on remainder, and the target = floor + seats + remainder.
    Thai first, in the agency's digits, aligned by display width (tone marks take no column)."""
    from . import thai
    from .allocate import METHOD_TH

    d = digits if digits in ("thai", "arabic") else "thai"

    def num(value: object) -> str:
        return thai.format_number(value, d)  # type: ignore[arg-type]

    def frac(value: object) -> str:
        return thai.format_number(f"{float(value):.3f}", d)  # type: ignore[arg-type]

    left = result.total - sum(r.from_floor for r in result.rows)
    wsum = sum(r.weight for r in result.rows)
    head_th = ("รายการ", "น้ำหนัก", "ขั้นต่ำ", f"ส่วนแบ่ง {num(left)} ที่", "ได้เต็ม", "ได้จากเศษ", "เป้า")
    head_en = ("name", "weight", "floor", f"share of {left}", "whole", "remainder", "target")
    body = []
    for r in result.rows:
        share = left * r.weight / wsum if wsum else 0
        weight = num(r.weight.numerator) if r.weight.denominator == 1 else frac(r.weight)
        body.append((r.name, weight, num(r.from_floor), frac(share), num(r.from_whole), num(r.from_remainder), num(r.target)))
    total_row = ("รวม / total", num(sum(r.weight for r in result.rows).numerator) if wsum.denominator == 1 else frac(wsum),
                 num(sum(r.from_floor for r in result.rows)), frac(left), num(sum(r.from_whole for r in result.rows)),
                 num(sum(r.from_remainder for r in result.rows)), num(result.total))
    table = [head_th, head_en, *body, total_row]
    widths = [max(thai.display_width(line[i]) for line in table) for i in range(len(head_th))]
    lines = [f"วิธี{METHOD_TH.get(result.method, result.method)} จัดสรร {num(result.total)} ที่ ขั้นต่ำแถวละ {num(floor)} / "
             f"method {result.method}, total {result.total}, floor {floor}"]
    for k, line in enumerate(table):
        cells = [thai.pad(line[0], widths[0])] + [thai.pad(c, w, "right") for c, w in zip(line[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if k == 1 or k == len(table) - 2:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("เป้า = ขั้นต่ำ + ได้เต็ม + ได้จากเศษ / target = floor + whole + remainder")
    return "\n".join(lines)


def _print_fits(found, fmt: str) -> None:  # type: ignore[no-untyped-def]
    if fmt == "json":
        click.echo(json.dumps([{"weight": key, "fits": [{"method": f.method, "floor": f.floor} for f in fits]}
                               for key, fits in found], ensure_ascii=False, indent=2))
        return
    for key, fits in found:
        if fits:
            listed = "; ".join(f"{f.method} with floor {f.floor}" for f in fits)
            click.echo(f"weight {key}: reproduced exactly by {listed}")
            click.echo("  " + fits[0].allocation.explanation.replace("\n", "\n  "))
        else:
            click.echo(f"weight {key}: no method and floor reproduces the targets")


@main.command()
@click.argument("kind", type=click.Choice([k.name for k in KINDS]))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="The file to write (default: KIND.yaml).")
@click.option("--overwrite", is_flag=True, help="Replace an existing file.")
def new(kind: str, output: str | None, overwrite: bool) -> None:
    """Write a commented Thai starter data file for KIND that checks clean and renders."""
    from .api import starter_text
    from .findings import InputError
    from .write import write_text_atomic

    try:
        path = write_text_atomic(output or f"{kind}.yaml", starter_text(kind), overwrite=overwrite)
    except InputError as exc:
        click.echo(click.style(str(exc), fg="red"), err=True)
        sys.exit(2)
    click.echo(f"wrote {path}")


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--overwrite", is_flag=True, help="Replace the file if it exists.")
def schema(output: str | None, overwrite: bool) -> None:
    """Print the JSON Schema of the data file (for editors' YAML validation)."""
    from .load import json_schema_text
    from .write import write_text_atomic

    text = json_schema_text()
    if output:
        write_text_atomic(output, text, overwrite=overwrite)
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--markdown", is_flag=True, help="Print the rules reference as Markdown (docs/rules.md).")
def rules(markdown: bool) -> None:
    """List the rules: code, severity, front ends, name and summary.

    Front ends: check (data files), lint (typed documents) or both."""
    from .rules import REGISTRY
    from .rules.docs import rules_markdown

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    for code, r in REGISTRY.items():
        fronts = "lint" if not r.checks_data else ("check+lint" if r.lint is not None else "check")
        click.echo(f"{code}  {r.severity.value:<7}  {fronts:<10}  {r.name:<26}  {r.summary}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback requires a login (see --add-user).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--data", "data_dir", default="kbo-data", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the database (kbo-docs.sqlite) and the session key.")
@click.option("--database", metavar="URL", help="SQLAlchemy URL instead of SQLite in --data, e.g. postgresql://...")
@click.option("--add-user", metavar="NAME", help="Create a local account (or set its password) and exit.")
def serve(host: str, port: int, data_dir: str, database: str | None, add_user: str | None) -> None:
    """Start the web front end: check documents, edit project years, issue letter numbers.
    เปิดหน้าเว็บสำหรับเจ้าหน้าที่ แล้วเปิด http://127.0.0.1:8000/ ในเบราว์เซอร์"""
    from .store import StoreError

    try:
        if add_user:
            from .api import Accounts, open_engine

            password = click.prompt("รหัสผ่าน / password", hide_input=True, confirmation_prompt=True)
            try:
                Accounts(open_engine(database or f"{data_dir}/kbo-docs.sqlite")).set_password(add_user, password)
            except ValueError as exc:
                raise click.UsageError(str(exc)) from None
            click.echo(f"บันทึกบัญชี {add_user} แล้ว / account {add_user} saved")
            return
        import uvicorn

        from .web import create_app
        from .web.security import is_loopback

        app = create_app(data_dir, database, host)
        if not is_loopback(host) and app.state.accounts.count() == 0:
            raise click.UsageError(
                f"--host {host} เปิดให้เครื่องอื่นเข้าได้ ต้องมีบัญชีผู้ใช้ก่อน / listening on {host} requires a login: "
                f"create an account first with kbo-docs serve --data {data_dir} --add-user NAME"
            )
    except StoreError as exc:
        click.echo(click.style(str(exc), fg="red"), err=True)
        sys.exit(2)
    click.echo(f"kbo-docs: เปิด http://{host if ':' not in host else f'[{host}]'}:{port}/ ในเบราว์เซอร์ / open it in a browser (Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False, server_header=False)


if __name__ == "__main__":  # pragma: no cover
    main()
