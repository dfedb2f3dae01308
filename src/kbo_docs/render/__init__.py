"""Render a project file: view data -> DOCX (docxtpl), PDF (WeasyPrint), XLSX (openpyxl).

Nothing is written until every output has been produced in memory, each file is written
to a temporary name and renamed, and an existing file is never replaced without
``overwrite=True`` (signed documents live in output folders).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import markupsafe

from ..findings import InputError
from ..load import Loaded
from ..write import preflight, write_all
from .view import Document, Views

FORMATS = ("docx", "pdf", "xlsx")
PDF_VARIANTS = ("pdf/a-3b", "pdf/a-1b", "pdf/a-2b", "pdf/ua-1")


@dataclass
class RenderResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    unknown = wanted - {d.id for d in docs}
    if unknown:
        raise InputError(f"ไม่มีเอกสาร id / no document with id: {', '.join(sorted(unknown))}", loaded.file)
    chosen = [d for d in docs if not wanted or d.id in wanted]
    return [(d, fmt) for d in chosen for fmt in formats if fmt != "xlsx" or d.xlsx]


def _garuda(doc: Document, base_dir: Path, warnings: list[str]) -> None:
    """Resolve the office's Garuda image for every kind that prints one (``doc.garuda``): the
    data file's (against its folder), else the office configuration's
    (:mod:`kbo_docs.config`); without one, a framed placeholder ``ตราครุฑ`` of the kind's
    Garuda size marks the place on the draft and one warning says how to set it."""
    if doc.garuda is None:
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


def _refuse_unrenderable(loaded: Loaded) -> None:
    from ..rules import check_loaded

    for finding in check_loaded(loaded, NEVER_FORCED):
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
) -> RenderResult:
    """Render the chosen documents of a loaded file into ``outdir`` as ``<id>.<format>``.

    ``letterhead``: an office's Word letterhead (.docx/.dotx) as the base of the DOCX output
    (:mod:`kbo_docs.render.letterhead`); default: the office configuration's
    (:mod:`kbo_docs.config`), else none.

    ``thai_distribute=False``: PDF paragraphs that the DOCX lays out Thai-distributed are
    left-aligned instead (see :mod:`kbo_docs.render.thaidist`)."""
    out = Path(outdir)
    result = RenderResult()
    _refuse_unrenderable(loaded)
    jobs = plan(loaded, formats, only)
    targets = [out / f"{doc.id}.{fmt}" for doc, fmt in jobs]
    for target in targets:
        preflight(target, overwrite=True)  # links, folders, over-long names: refused before any work
    existing = [t for t in targets if t.exists()]
    if existing and not overwrite:
        names = ", ".join(str(t) for t in existing)
        raise InputError(f"มีแฟ้มอยู่แล้ว ใช้ --overwrite เพื่อเขียนทับ / output exists (use --overwrite): {names}", str(out))
    base_dir = Path(loaded.file).resolve().parent
    if "docx" in formats:
        from ..config import load_config

        letterhead = Path(letterhead).expanduser().resolve() if letterhead else load_config().letterhead
        if letterhead is not None and not letterhead.is_file():
            raise InputError(f"ไม่พบแม่แบบหัวจดหมาย / letterhead template not found: {letterhead}", str(letterhead))
    else:
        letterhead = None
    for doc in {id(d): d for d, _ in jobs}.values():
        _garuda(doc, base_dir, result.warnings)
    produced = [(target, render_one(doc, fmt, pdf_variant=pdf_variant, chart=chart, thai_distribute=thai_distribute,
                                   letterhead=letterhead))
                for (doc, fmt), target in zip(jobs, targets)]
    result.written.extend(write_all(produced, overwrite=overwrite))
    return result
