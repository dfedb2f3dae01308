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
    document: object | None = None
    """The linted document's text with locations (a :class:`kbo_docs.lint.Document`)."""

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
    from .collector import paused
    from .rules import check_loaded

    with paused():
        try:
            loaded = load_project(path)
        except InputError as exc:
            return CheckResult(str(path), error=exc)
        return CheckResult(str(path), check_loaded(loaded, select), loaded=loaded, notes=_garuda_note(loaded))


def _garuda_note(loaded: Loaded) -> list[str]:
    """One line on how to set the Garuda, when a document printing one (every kind with a
    Garuda, :mod:`kbo_docs.model.kinds`) will print without it."""
    from .config import GARUDA_HINT, load_config
    from .model.kinds import KINDS

    project = loaded.project
    if project.agency.garuda_image or not any(getattr(project, k.key) for k in KINDS if k.garuda):
        return []
    try:
        if load_config().garuda_image is not None:
            return []
    except InputError as exc:
        return [str(exc)]
    return [f"ไม่มีภาพตราครุฑ หนังสือจะพิมพ์กรอบ 'ตราครุฑ' แทน / no Garuda image: documents print a placeholder. {GARUDA_HINT}"]


def lint_file(path: str | Path, select: set[str] | None = None, limits: Limits | None = None) -> CheckResult:
    """Extract and lint one hand-typed document (.docx, .xlsx, .pdf, .txt, .md). Bad input never
    raises: it comes back as ``error`` (exit status 2), as for :func:`check_file`. ``limits``
    bounds what is read (:class:`kbo_docs.lint.Limits`: pages, sizes, time)."""
    from .lint import DEFAULT, lint_path

    try:
        doc, findings = lint_path(path, select, limits or DEFAULT)
    except InputError as exc:
        return CheckResult(str(path), error=exc)
    return CheckResult(str(path), findings, notes=list(doc.notes), document=doc)


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


# ---------------------------------------------------------------------------------------
# Text and bytes instead of files (the web front end: nothing a client sends names a path)


def check_text(text: str, file: str = "<input>", select: set[str] | None = None) -> CheckResult:
    """:func:`check_file` on data-file text."""
    from .load import load_text
    from .rules import check_loaded

    try:
        loaded = load_text(text, file, workbooks=False)  # a client's text names no file here
    except InputError as exc:
        return CheckResult(file, error=exc)
    return CheckResult(file, check_loaded(loaded, select), loaded=loaded)


def decode_data(raw: bytes, file: str = "<input>") -> str:
    """Data-file bytes as text (UTF-8, a BOM allowed), within the loader's size limit."""
    from .source import decode_text

    return decode_text(raw, file)


def sniff_document(data: bytes) -> str | None:
    """The kind of a document by its content, not its name: ``.docx``, ``.xlsx``, ``.pdf``,
    ``.txt`` (UTF-8 text without NUL bytes) or None."""
    import io
    import zipfile

    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return ".xlsx"
        return None
    if b"%PDF-" in data[:1024]:
        return ".pdf"
    if b"\x00" in data:
        return None
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return ".txt"


def lint_bytes(data: bytes, name: str = "upload", select: set[str] | None = None,
               limits: Limits | None = None) -> CheckResult:
    """:func:`lint_file` on an uploaded document. Its kind is read from its content; it is
    written to a private temporary folder under a name chosen here, read, and deleted.
    An unknown kind raises ``ValueError`` (the caller answers 415)."""
    import tempfile

    suffix = sniff_document(data)
    if suffix is None:
        raise ValueError(
            "ตรวจได้เฉพาะ DOCX, XLSX, PDF หรือข้อความ UTF-8 / only DOCX, XLSX, PDF or UTF-8 text can be checked"
        )
    with tempfile.TemporaryDirectory(prefix="kbo-lint-") as folder:
        path = Path(folder) / f"document{suffix}"
        path.write_bytes(data)
        result = lint_file(path, select, limits)
    result.file = name
    shown = str(path)
    if result.error is not None:
        result.error.file = name
    result.findings = [Finding(name, f.line, f.rule, f.severity, f.message) if f.file == shown else f
                       for f in result.findings]
    if result.document is not None:
        result.document.file = name  # type: ignore[attr-defined]
    return result


def findings_json(results: list[CheckResult]) -> list[dict[str, object]]:
    """The JSON of ``--format json``: findings, and an ``INPUT`` entry for an unusable input."""
    out: list[dict[str, object]] = []
    for result in results:
        if result.error is not None:
            out.append(result.error.as_dict())
        out.extend(f.as_dict() for f in result.findings)
    return out


def render_bytes(loaded: Loaded, fmt: str, only: str | None = None) -> tuple[str, bytes, list[str]]:
    """One download for a loaded file: ``(file name, bytes, warnings)``.

    ``fmt`` is ``pdf``, ``docx``, ``xlsx`` (one document, or a ZIP of every document in that
    format) or ``zip`` (every document in every format). No path in the data reaches the file
    system: a configured Garuda image is left out with a warning."""
    import io
    import zipfile

    from .render import FORMATS, plan, render_one

    if fmt not in (*FORMATS, "zip"):
        raise ValueError(f"format ต้องเป็น pdf, docx, xlsx หรือ zip / format must be pdf, docx, xlsx or zip, not {fmt!r}")
    jobs = plan(loaded, FORMATS if fmt == "zip" else (fmt,), [only] if only else None)
    if not jobs:
        raise InputError(f"ไม่มีเอกสารที่ออกเป็น {fmt} ได้ / no document in this file renders as {fmt}", loaded.file)
    warnings: list[str] = []
    for doc in {id(d): d for d, _ in jobs}.values():
        if doc.kind == "circular" and doc.data["agency"].get("garuda_image"):
            doc.data["agency"]["garuda_image"] = None
            warnings.append(f"{doc.id}: ภาพตราครุฑไม่ถูกใส่ในเอกสารจากเว็บ / the Garuda image is left out of web downloads")
    files = [(f"{doc.id}.{kind}", render_one(doc, kind)) for doc, kind in jobs]
    if len(files) == 1 and fmt != "zip":
        return files[0][0], files[0][1], warnings
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    stem = Path(loaded.file).stem or "kbo-docs"
    return f"{stem}{'' if fmt == 'zip' else '-' + fmt}.zip", out.getvalue(), warnings


def pdf_page_images(pdf: bytes, scale: float = 1.0, max_pages: int = 20) -> list[bytes]:
    """PNG images of a PDF's pages (pdfium), for a preview beside the form."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(min(len(document), max_pages)):
            bitmap = document[index].render(scale=scale)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            images.append(buffer.getvalue())
        return images
    finally:
        document.close()


def finding_paths(text: str, result: CheckResult) -> list[tuple[tuple[str | int, ...], Finding | InputError]]:
    """Each finding (or the input error) of a check with the data-file path of the line it
    names, so a form can show it beside its field: ``(("circulars", 0, "date"), finding)``.
    The deepest path that starts on that line is taken; ``()`` when no path does."""
    from .source import parse_yaml

    try:
        _, source = parse_yaml(text, result.file)
    except InputError:
        source = None
    by_line: dict[int, tuple[str | int, ...]] = {}
    if source is not None:
        for path, line in source.lines.items():
            if len(path) > len(by_line.get(line, ())) or line not in by_line:
                by_line[line] = path
    items: list[Finding | InputError] = [*([result.error] if result.error else []), *result.findings]
    out = []
    for item in items:
        line = item.line if isinstance(item.line, int) else 0
        out.append((by_line.get(line, ()), item))
    return out


def dump_data(data: object) -> str:
    """YAML text of plain data (dicts, lists, strings), Thai kept as typed, key order kept."""
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def parse_data(text: str, file: str = "<input>") -> object:
    """Plain data (dicts, lists, strings) of data-file text, the loader's way; InputError if unreadable."""
    from .source import parse_yaml

    return parse_yaml(text, file)[0]


def read_date(text: str) -> "object":
    """A date typed as in a data file (``๖ ธ.ค. ๖๗``, ``2024-12-06``); ValueError with the reason."""
    from pydantic import TypeAdapter, ValidationError

    from .model.base import Date

    try:
        return TypeAdapter(Date).validate_python(text)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise ValueError(str((error.get("ctx") or {}).get("error") or error["msg"])) from None


def documents(loaded: Loaded) -> list[dict[str, object]]:
    """The documents a loaded file renders: id, kind and the formats each comes in. The letters
    of a circular sent to many recipients are one entry (its id), with ``letters`` (how many;
    ``only=<id>`` downloads them as a ZIP) and ``preview`` (the id of the first letter)."""
    from .render import FORMATS, plan

    out: dict[str, dict[str, object]] = {}
    for doc, fmt in plan(loaded, FORMATS):
        key = doc.group or doc.id
        entry = out.setdefault(key, {"id": key, "kind": doc.kind, "formats": [], "letters": 0, "preview": doc.id})
        if fmt not in entry["formats"]:  # type: ignore[operator]
            entry["formats"].append(fmt)  # type: ignore[union-attr]
        if doc.group and fmt == "pdf":
            entry["letters"] = int(entry["letters"]) + 1  # type: ignore[call-overload]
    return list(out.values())


def document_blocks(result: CheckResult) -> tuple[list[dict[str, object]], list[Finding]]:
    """A linted document's text in reading order with each finding at the paragraph or cell it
    names: ``[{"kind": "p", "label", "text", "findings"} | {"kind": "table", "rows": [[cell]]}]``
    and the findings that name no piece of text."""
    from .lint.document import Paragraph

    doc = result.document
    if doc is None:
        return [], list(result.findings)
    by_label: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_label.setdefault(str(f.line), []).append(f)
    used: set[str] = set()

    def take(*labels: object) -> list[Finding]:
        found: list[Finding] = []
        for label in labels:
            key = str(label)
            if key in by_label and key not in used:
                used.add(key)
                found += by_label[key]
        return found

    blocks: list[dict[str, object]] = []
    for block in doc.blocks:  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            labels = [block.location.label, *(loc.label for _, loc in block.breaks)]
            blocks.append({"kind": "p", "label": str(block.location.label), "text": block.text, "findings": take(*labels)})
        else:
            rows = [[{"label": str(c.location.label), "text": c.text, "findings": take(c.location.label)} for c in row]
                    for row in block.rows]
            blocks.append({"kind": "table", "label": str(block.location.label), "rows": rows, "findings": []})
    loose = [f for f in result.findings if str(f.line) not in used]
    return blocks, loose


def render_text(text: str, fmt: str, only: str | None = None, file: str = "<input>") -> tuple[str, bytes, list[str]]:
    """:func:`render_bytes` of data-file text (InputError when it cannot be loaded)."""
    from .load import load_text

    return render_bytes(load_text(text, file, workbooks=False), fmt, only)


def preview_pages(text: str, doc_id: str, pages: int, file: str = "<input>") -> list[bytes]:
    """PNG images of the first ``pages`` pages of one document's PDF."""
    _, pdf, _ = render_text(text, "pdf", doc_id, file)
    return pdf_page_images(pdf, scale=1.0, max_pages=pages)


def warm_renderers() -> None:
    """Import the renderers (for a worker process, before its first job)."""
    from .render import docx, pdf, xlsx  # noqa: F401


def template_filters() -> dict[str, object]:
    """The shared Jinja filters (Thai digits and dates) for a front end's own templates."""
    from .render.filters import make_filters

    return make_filters("thai")  # type: ignore[return-value]


FONT_FILES = ("Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf")


def font_bytes(name: str) -> bytes | None:
    """One of the bundled Sarabun files by its exact name (:data:`FONT_FILES`), or None."""
    from .render.paths import fonts_dir

    if name not in FONT_FILES:
        return None
    return (fonts_dir() / name).read_bytes()


def __getattr__(name: str) -> object:
    """``api.NumberRegister``, ``api.ProjectStore``, ``api.Accounts``, ``api.open_engine``: the
    stores, imported (with SQLAlchemy) only when used."""
    if name == "NumberRegister":
        from .numbering import NumberRegister

        return NumberRegister
    if name in ("ProjectStore", "Accounts"):
        from .store import projects

        return getattr(projects, name)
    if name == "open_engine":
        from .store import open_engine

        return open_engine
    if name == "ProjectFile":
        from .model import ProjectFile

        return ProjectFile
    if name == "member_of":  # which form of a ``one_of`` value some data has (the web form's choice)
        from .model.base import member_of

        return member_of
    raise AttributeError(name)
