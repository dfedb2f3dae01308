"""The Python API that the command line is a thin layer over."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, InputError, Severity
from .lint.limits import Limits
from .load import Loaded, load_project


@dataclass
class CheckResult:
    """The outcome of checking one file: its findings, or the error that stopped loading it."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None
    loaded: Loaded | None = None
    notes: list[str] = field(default_factory=list)
    """What could not be read from a linted document (e.g. a PDF read without its tables)."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return 2
        return 1 if self.errors else 0


def check_file(path: str | Path, select: set[str] | None = None) -> CheckResult:
    """Load and check one data file. Bad input never raises: it comes back as ``error``."""
    from .rules import check_loaded

    try:
        loaded = load_project(path)
    except InputError as exc:
        return CheckResult(str(path), error=exc)
    return CheckResult(str(path), check_loaded(loaded, select), loaded=loaded)


def lint_file(path: str | Path, select: set[str] | None = None, limits: Limits | None = None) -> CheckResult:
    """Extract and lint one hand-typed document (.docx, .xlsx, .pdf, .txt, .md). Bad input never
    raises: it comes back as ``error`` (exit status 2), as for :func:`check_file`. ``limits``
    bounds what is read (:class:`kbo_docs.lint.Limits`: pages, sizes, time)."""
    from .lint import DEFAULT, lint_path

    try:
        doc, findings = lint_path(path, select, limits or DEFAULT)
    except InputError as exc:
        return CheckResult(str(path), error=exc)
    return CheckResult(str(path), findings, notes=list(doc.notes))


def starter_text(kind: str) -> str:
    """The commented Thai starter data file for a kind (``templates/starters/<kind>.yaml``):
    it checks clean and renders. Raises InputError for an unknown kind."""
    from .model import BY_NAME
    from .render.paths import templates_dir

    if kind not in BY_NAME:
        raise InputError(f"ไม่รู้จักชนิดเอกสาร / unknown kind '{kind}' (one of {', '.join(BY_NAME)})", kind)
    return (templates_dir() / "starters" / f"{kind}.yaml").read_text(encoding="utf-8")


def exit_code(results: list[CheckResult]) -> int:
    """2 if any input could not be used, else 1 if any error was found, else 0."""
    return max((r.exit_code for r in results), default=0)


def read_weights_csv(path: str | Path) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """Rows for :func:`kbo_docs.allocate.allocate` from a CSV with a header ``name,weight[,cap]``
    (Thai or Arabic digits, thousands commas in quoted cells). Bad rows raise InputError with the line."""
    import csv
    import io

    from .source import read_text

    name = str(path)
    reader = csv.DictReader(io.StringIO(read_text(path)))
    try:
        return _weights(reader, name)
    except csv.Error as exc:  # a cell over the field limit, a quote left open, ...
        raise InputError(f"อ่าน CSV ไม่ได้ / cannot read the CSV: {exc}", name, reader.line_num or 1) from None


def _weights(reader, name: str) -> tuple[list[tuple[str, int]], dict[str, int]]:  # type: ignore[no-untyped-def]
    import re

    from . import thai

    fields = [f.strip().lower() for f in reader.fieldnames or []]
    if "name" not in fields or "weight" not in fields:
        raise InputError("CSV ต้องมีหัวคอลัมน์ name,weight / the CSV needs a header with name and weight", name, 1)
    from collections import Counter

    twice = sorted(f for f, n in Counter(fields).items() if f and n > 1)
    if twice:
        raise InputError(f"หัวคอลัมน์ซ้ำ / the header names {', '.join(twice)} twice: keep one column of each", name, 1)
    rows: list[tuple[str, int]] = []
    caps: dict[str, int] = {}
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record:
            raise InputError(
                "แถวมีช่องเกินหัวคอลัมน์ (ใส่ 1,000 ในเครื่องหมายคำพูด) / more cells than the header: "
                'quote numbers with thousands commas ("1,000")', name, line,
            )
        record = {k.strip().lower(): (v or "").strip() for k, v in record.items() if k}
        split = [k for k in ("weight", "cap") if re.fullmatch(r"[0๐][0-9๐-๙]+", record.get(k, ""))]
        if split:
            raise InputError(
                f"'{record[split[0]]}' ดูเหมือนส่วนหนึ่งของตัวเลขที่มีจุลภาค (ใส่ในเครื่องหมายคำพูด) / "
                f"'{record[split[0]]}' looks like the tail of a number split at its comma: quote it (\"1,000\")", name, line,
            )
        if record["name"] in seen:
            raise InputError(f"ชื่อแถวซ้ำกับบรรทัด {seen[record['name']]} / duplicate row name "
                             f"'{record['name']}' (also on line {seen[record['name']]})", name, line)
        seen[record["name"]] = line
        try:
            weight = thai.parse_number(record["weight"])
            if not isinstance(weight, int) or weight < 0:
                raise ValueError(f"น้ำหนักต้องเป็นจำนวนเต็มไม่ติดลบ / weight must be a whole number >= 0: {record['weight']!r}")
            rows.append((record["name"], weight))
            if record.get("cap"):
                cap = thai.parse_number(record["cap"])
                if not isinstance(cap, int):
                    raise ValueError(f"cap must be a whole number: {record['cap']!r}")
                caps[record["name"]] = cap
        except ValueError as exc:
            raise InputError(str(exc), name, line) from None
    if not rows:
        raise InputError("CSV ไม่มีแถวข้อมูล / the CSV has no rows", name, 1)
    return rows, caps


def pick_register(loaded: Loaded, register_id: str | None):  # type: ignore[no-untyped-def]
    """The register named ``register_id``, or the only one in the file."""
    registers = loaded.project.registers
    if register_id is not None:
        found = loaded.project.register(register_id)
        if found is None:
            raise InputError(f"ไม่มีทะเบียน id / no register with id '{register_id}'", loaded.file)
        return found
    if len(registers) != 1:
        ids = ", ".join(r.id for r in registers) or "none"
        raise InputError(f"ระบุ --register / name a register with --register (registers: {ids})", loaded.file)
    return registers[0]


def explain_register_fit(loaded: Loaded, register_id: str | None = None) -> list[tuple[str, list[object]]]:
    """Which methods and floors reproduce a register's typed targets, per weight column.

    Returns ``[(weight column key, [Fit, ...]), ...]`` for every column that can be a weight
    (every column but the target)."""
    from .allocate import explain_fit

    reg = pick_register(loaded, register_id)
    target = reg.target_column
    if target is None:
        raise InputError("ทะเบียนไม่มีคอลัมน์เป้า (target: true) / the register has no target column", loaded.file)
    targets = {row.name: row.values.get(target.key) for row in reg.rows}
    if any(v is None for v in targets.values()):
        raise InputError("ต้องมีเป้าทุกแถว / every row needs a typed target to explain", loaded.file)
    out: list[tuple[str, list[object]]] = []
    for col in reg.columns:
        if col.target:
            continue
        rows = [(row.name, reg.value(row, col.key)) for row in reg.rows]
        if any(w is None for _, w in rows):
            continue
        out.append((col.key, list(explain_fit(rows, targets))))  # type: ignore[arg-type]
    return out
