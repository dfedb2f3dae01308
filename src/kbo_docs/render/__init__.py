"""Render a project file: view data -> DOCX (docxtpl), PDF (WeasyPrint), XLSX (openpyxl).

Nothing of a document is written until all its formats have been produced in memory, each
file is written to a temporary name and renamed, and an existing file is never replaced
without ``overwrite=True`` (signed documents live in output folders). A circular with
recipients gives one letter per recipient (``<id>-<nn>-<name>.docx/.pdf``), their PDFs
combined in order (``<id>.pdf``, for printing) and all of them in ``<id>.zip``. Many
documents render in worker processes (:mod:`kbo_docs.render.batch`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING
from dataclasses import dataclass, field
from pathlib import Path

import markupsafe

from ..findings import Finding, InputError
from ..load import Loaded
from ..numbers import Numbered, assign
from ..write import preflight, write_bytes_atomic
from .batch import Options, Outcome, Progress, Task, run
from .view import Document, Views

if TYPE_CHECKING:
    from ..numbering import NumberRegister
    from .helper import PdfHelper

FORMATS = ("docx", "pdf", "xlsx")
PDF_VARIANTS = ("pdf/a-3b", "pdf/a-1b", "pdf/a-2b", "pdf/ua-1")


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(document, message) for each document that could not be rendered."""
    pages: int = 0
    """PDF pages written (the per-recipient letters; combined copies not counted twice)."""
    seconds: float = 0.0
    numbered: list[Numbered] = field(default_factory=list)
    """Numbers taken from the numbering register, in order."""


def plan(loaded: Loaded, formats: Iterable[str] = FORMATS, only: Iterable[str] | None = None) -> list[tuple[Document, str]]:
    """Which (document, format) pairs to produce: XLSX only for registers."""
    try:
        docs = Views(loaded.project).documents()
    except InputError as exc:  # what the view cannot build even with --force: name the file
        raise InputError(exc.message, loaded.file) from None
    except KeyError as exc:  # a ${name} nothing defines (TXT006), rendered with --force
        name = exc.args[0] if exc.args else "?"
        raise InputError(f"ไม่รู้จักการอ้างอิง ${{{name}}} จึงพิมพ์ข้อความไม่ได้ (TXT006) / "
                         f"unknown reference ${{{name}}}: the text cannot be printed (TXT006)", loaded.file) from None
    wanted = set(only or ())
    unknown = wanted - {d.id for d in docs} - {d.group for d in docs}
    if unknown:
        raise InputError(f"ไม่มีเอกสาร id / no document with id: {', '.join(sorted(unknown))}", loaded.file)
    chosen = [d for d in docs if not wanted or d.id in wanted or d.group in wanted]
    return [(d, fmt) for d in chosen for fmt in formats if fmt != "xlsx" or d.xlsx]


def _garuda(doc: Document, base_dir: Path, warnings: list[str]) -> None:
    """Resolve the office's Garuda image for every kind that prints one (``doc.garuda``): the
    data file's (against its folder), else the office configuration's
    (:mod:`kbo_docs.config`); without one, a framed placeholder ``ตราครุฑ`` of the kind's
    Garuda size marks the place on the draft and one warning says how to set it."""
    if doc.garuda is None or doc.error:
        return
    from ..config import GARUDA_HINT, load_config

    agency = doc.data["agency"]
    if agency["garuda_image"]:
        path = (base_dir / agency["garuda_image"]).resolve()
    else:
        path = load_config().garuda_image
        if path is None:
            agency["garuda_placeholder"] = True
            warnings.append(f"{doc.id}: ไม่มีภาพตราครุฑ พิมพ์กรอบ 'ตราครุฑ' แทน / no Garuda image configured, "
                            f"a framed placeholder is printed. {GARUDA_HINT}")
            return
    if not path.is_file():
        raise InputError(f"ไม่พบภาพตราครุฑ / Garuda image not found: {path}", doc.id)
    _check_image(path)
    # a URI (percent-encoded): Markup so the PDF's line-break helper leaves it whole
    agency["garuda_image"] = markupsafe.Markup(markupsafe.escape(path.as_uri()))


LETTERHEAD_KINDS_EXCLUDED = ("register",)
"""Kinds printed on plain paper even when an office letterhead is set (tables)."""


NEVER_FORCED = {"TXT005", "TXT006"}
"""Errors that ``--force`` cannot render past: characters no document can hold, and
``${name}`` references with nothing to put in their place."""


def _refuse_unrenderable(loaded: Loaded, checked: list[Finding] | None = None) -> None:
    """Refuse what ``--force`` cannot render past; ``checked``: the findings of a whole check
    of ``loaded`` already made (the same findings in the same order as checking again)."""
    if checked is None:
        from ..rules import check_loaded

        checked = check_loaded(loaded, NEVER_FORCED)
    for finding in (f for f in checked if f.rule in NEVER_FORCED):
        raise InputError(f"สร้างเอกสารไม่ได้แม้ใช้ --force / cannot render, even with --force: {finding.rule} "
                         f"{finding.message}", finding.file, finding.line if isinstance(finding.line, int) else 0)


def _check_image(path: Path) -> None:
    """An image a document embeds: a PNG, JPEG or GIF that Pillow reads, of sane size."""
    try:
        from PIL import Image

        with Image.open(path) as image:
            image.verify()
            width, height = image.size
    except Exception as exc:  # noqa: BLE001  (Pillow raises many kinds for a file that is no image)
        raise InputError(f"ไฟล์ภาพตราครุฑเปิดไม่ได้ / the Garuda image is not an image Pillow can read "
                         f"({type(exc).__name__}): use a PNG or JPEG", str(path)) from None
    if width * height > 50_000_000:
        raise InputError(f"ภาพตราครุฑใหญ่เกินไป / the Garuda image is {width}x{height} pixels: use one under "
                         "50 megapixels", str(path))


def render_one(doc: Document, fmt: str, *, pdf_variant: str | None = None, chart: bool = False,
               thai_distribute: bool = True, letterhead: Path | None = None) -> bytes:
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(doc, pdf_variant=pdf_variant, thai_distribute=thai_distribute)
    if fmt == "docx":
        from .docx import render_docx

        if letterhead is None or doc.kind in LETTERHEAD_KINDS_EXCLUDED:
            return render_docx(doc)
        from .letterhead import apply_letterhead

        # the letterhead carries the office's emblem: no placeholder of ours
        plain = Document(doc.kind, doc.id, {**doc.data, "agency": {**doc.data["agency"], "garuda_placeholder": False}},
                         doc.digits) if "agency" in doc.data else doc
        return apply_letterhead(render_docx(plain), letterhead)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(doc, chart=chart)
    raise ValueError(f"unknown format {fmt!r}")


def render_project(
    loaded: Loaded,
    outdir: str | Path,
    *,
    formats: Iterable[str] = FORMATS,
    only: Iterable[str] | None = None,
    overwrite: bool = False,
    pdf_variant: str | None = None,
    chart: bool = False,
    thai_distribute: bool = True,
    letterhead: str | Path | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    number_register: NumberRegister | None = None,
    checked: list[Finding] | None = None,
    helper: PdfHelper | None = None,
) -> RenderResult:
    """Render the chosen documents of a loaded file into ``outdir`` as ``<id>.<format>``.

    ``letterhead``: an office's Word letterhead (.docx/.dotx) as the base of the DOCX output
    (:mod:`kbo_docs.render.letterhead`); default: the office configuration's
    (:mod:`kbo_docs.config`), else none.

    ``thai_distribute=False``: PDF paragraphs that the DOCX lays out Thai-distributed are
    left-aligned instead (see :mod:`kbo_docs.render.thaidist`). ``jobs``: worker processes
    (see :mod:`kbo_docs.render.batch`); ``progress`` is called after each document. A
    document that fails is listed in ``failed``; the others are written. ``number_register``:
    letters whose number is only its series take their numbers from it (:mod:`kbo_docs.numbers`),
    after the outputs are known to be free and before anything is rendered. ``checked``: the
    findings of a whole check of ``loaded`` already made (the CLI's), read for what ``--force``
    cannot render past instead of checking again. ``helper``: a PDF helper process started
    before the file was loaded (:mod:`kbo_docs.render.helper`)."""
    started = time.perf_counter()
    out = Path(outdir)
    result = RenderResult()
    _refuse_unrenderable(loaded, checked)
    formats = list(formats)
    from ..collector import paused

    with paused():  # the views of a long register are many long-lived objects, nothing cyclic
        pairs = plan(loaded, formats, only)
    tasks: list[Task] = []
    for doc, fmt in pairs:
        if not tasks or tasks[-1].doc is not doc:
            tasks.append(Task(len(tasks), doc, []))
        tasks[-1].targets.append((fmt, out / f"{doc.id}.{fmt}"))
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        if task.doc.group:
            groups.setdefault(task.doc.group, []).append(task)
    combined = [out / f"{g}.pdf" for g in groups if "pdf" in formats] + [out / f"{g}.zip" for g in groups]
    targets = [t for task in tasks for _, t in task.targets] + combined
    for target in targets:
        preflight(target, overwrite=True)  # links, folders, over-long names: refused before any work
    existing = [t for t in targets if t.exists()]
    if existing and not overwrite:
        names = ", ".join(str(t) for t in existing[:10]) + (f" (+{len(existing) - 10})" if len(existing) > 10 else "")
        raise InputError(f"มีแฟ้มอยู่แล้ว ใช้ --overwrite เพื่อเขียนทับ / output exists (use --overwrite): {names}", str(out))
    base_dir = Path(loaded.file).resolve().parent
    if "docx" in formats:
        from ..config import load_config

        letterhead = Path(letterhead).expanduser().resolve() if letterhead else load_config().letterhead
        if letterhead is not None and not letterhead.is_file():
            raise InputError(f"ไม่พบแม่แบบหัวจดหมาย / letterhead template not found: {letterhead}", str(letterhead))
    else:
        letterhead = None
    garuda_warned: set[str] = set()
    for task in tasks:
        warnings: list[str] = []
        _garuda(task.doc, base_dir, warnings)
        key = task.doc.group or task.doc.id
        if warnings and key not in garuda_warned:
            garuda_warned.add(key)
            result.warnings += [w.replace(task.doc.id, key, 1) for w in warnings]
    docs = [task.doc for task in tasks]
    if number_register is not None:
        result.numbered = assign(docs, number_register, loaded.file)
        number_register.engine.dispose()  # no database connection is carried into forked workers
    else:
        blank = {d.group or d.id for d in docs if d.data.get("number_series")}
        result.warnings += [
            f"{key}: ยังไม่ได้ออกเลขที่หนังสือ เว้นว่างไว้เขียนด้วยมือ / not numbered: the number is left blank after the "
            "series (give --number-register to take it from the numbering register)" for key in sorted(blank)
        ]
    options = Options(pdf_variant=pdf_variant, chart=chart, thai_distribute=thai_distribute, overwrite=overwrite,
                      letterhead=letterhead, jobs=jobs)
    outcomes = run(tasks, options, jobs, progress, helper)
    for task, outcome in zip(tasks, outcomes):
        result.written += outcome.written
        result.pages += outcome.pages
        if outcome.error is not None:
            result.failed.append((task.name, outcome.error))
    for group, members in groups.items():
        failed = [t for t in members if outcomes[t.index].error is not None]
        if failed:
            result.warnings.append(
                f"{group}: ไม่ได้รวมแฟ้ม {group}.pdf / {group}.zip เพราะมีหนังสือที่สร้างไม่ได้ {len(failed)} ฉบับ / "
                f"{group}.pdf and {group}.zip not written: {len(failed)} letter(s) failed"
            )
            continue
        try:
            result.written += _combine(group, [(t, outcomes[t.index]) for t in members], out, formats, overwrite)
        except InputError as exc:
            result.failed.append((group, str(exc)))
    result.seconds = time.perf_counter() - started
    return result


def _combine(group: str, members: list[tuple[Task, Outcome]], out: Path, formats: list[str], overwrite: bool) -> list[Path]:
    """``<group>.pdf``: the letters' PDFs in order, for printing; ``<group>.zip``: every letter's
    files and ``recipients.csv`` (no., file, recipient, address: for envelopes)."""
    import csv
    import io
    import zipfile

    written = []
    pdfs = [p for _, o in members for p in o.written if p.suffix == ".pdf"]
    if "pdf" in formats and pdfs:
        written.append(write_bytes_atomic(out / f"{group}.pdf", combine_pdfs(pdfs), overwrite=overwrite))
    listing = io.StringIO()
    table = csv.writer(listing)
    table.writerow(["no", "file", "recipient", "address"])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for number, (task, outcome) in enumerate(members, 1):
            for path in outcome.written:
                zf.write(path, path.name)
            data = task.doc.data
            table.writerow([number, task.doc.id, data.get("recipient") or "", " ".join(data.get("recipient_address") or [])])
        zf.writestr("recipients.csv", "\ufeff" + listing.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
    written.append(write_bytes_atomic(out / f"{group}.zip", archive.getvalue(), overwrite=overwrite))
    return written


def combine_pdfs(sources: list[Path] | list[bytes]) -> bytes:
    """The pages of ``sources`` (files or PDF bytes) in order, as one PDF: PDFium imports each
    one's pages whole into the first (content streams, fonts and their ToUnicode maps untouched,
    so the text layer is each part's own; the first one's document information and language
    kept), about eight times less CPU than pypdf's parse-and-rewrite of every object (878
    two-page letters: 0.4 s against 3.4 s)."""
    import io

    import pypdfium2

    def opened(source: Path | bytes) -> pypdfium2.PdfDocument:
        return pypdfium2.PdfDocument(source if isinstance(source, bytes) else str(source))

    combined = opened(sources[0])
    try:
        for source in sources[1:]:
            part = opened(source)
            try:
                combined.import_pages(part)
            finally:
                part.close()
        buffer = io.BytesIO()
        combined.save(buffer)
        return buffer.getvalue()
    finally:
        combined.close()
