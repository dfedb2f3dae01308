"""PDF through WeasyPrint: Jinja HTML templates + CSS, the bundled Sarabun fonts embedded,
an exact Thai text layer (see :mod:`kbo_docs.render.textlayer`) and Thai distributed
paragraphs, as the DOCX's ``thaiDistribute`` (see :mod:`kbo_docs.render.thaidist`)."""

from __future__ import annotations

import atexit
import math
from functools import lru_cache
from pathlib import Path

import jinja2
import markupsafe

from .jinja import describe, environment
from .paths import fonts_dir, templates_dir
from .view import Document

PDF_BODY_SIZE = "11pt"
"""Sarabun at 11 pt looks like TH Sarabun at 16 pt (saraban.md §14)."""

_FACES = (("Sarabun-Regular.ttf", "normal", "normal"), ("Sarabun-Bold.ttf", "bold", "normal"),
          ("Sarabun-Italic.ttf", "normal", "italic"))


def font_face_css(folder: Path) -> str:
    rules = []
    for name, weight, style in _FACES:
        path = folder / name
        if path.exists():
            rules.append(
                f'@font-face {{ font-family: "Sarabun"; src: url("{path.resolve().as_uri()}"); '
                f"font-weight: {weight}; font-style: {style}; }}"
            )
    if not rules:
        raise FileNotFoundError(f"no Sarabun font files in {folder}")
    return "\n".join(rules)


@lru_cache(maxsize=4)
def _stylesheet(folder: str, fonts: str, body_size: str):  # type: ignore[no-untyped-def]
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    if not _CONFIGS:
        atexit.register(release_fonts)
    _CONFIGS.append(config)
    css = font_face_css(Path(fonts)) + "\n" + (Path(folder) / "base.css").read_text(encoding="utf-8")
    css += f"\n:root {{ --body-size: {body_size}; }}\n"
    return CSS(string=css, font_config=config), config


_CONFIGS: list[object] = []
"""The font configurations made here (each has a temporary folder of fontconfig files)."""


def release_fonts() -> None:
    """Remove the font configurations' temporary folders (``/tmp/weasyprint-*``). WeasyPrint
    removes one when its configuration is deleted, but a cached configuration is deleted only
    at interpreter teardown, when ``shutil.rmtree`` may already be gone (``TypeError`` in
    ``FontConfiguration.__del__``) and the folder stays behind: one per render. Run at exit,
    and by the PDF helper before it ends; the configurations are not usable afterwards."""
    import shutil

    _stylesheet.cache_clear()
    while _CONFIGS:
        config = _CONFIGS.pop()
        folder = getattr(config, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
            config._folder = None  # type: ignore[attr-defined]


def warm() -> None:
    """What every PDF needs before its document: WeasyPrint imported, the text-layer and Thai
    distribution patches installed, the fonts and stylesheet built (the PDF helper,
    :mod:`kbo_docs.render.helper`, does this while the data is loaded)."""
    _patched(True)
    _stylesheet(str(templates_dir() / "html"), str(fonts_dir()), PDF_BODY_SIZE)


def _patched(thai_distribute: bool) -> bool:
    """WeasyPrint imported and kbo-docs' patches of it installed (each idempotent): the exact
    text layer, layouts freed once written, the tinyhtml5 fix, and Thai distribution when asked
    for; whether paragraphs are Thai-distributed (see :func:`render_document`)."""
    from .system import require_weasyprint

    require_weasyprint()
    from . import release, textlayer, thaidist, upstream

    textlayer.install()
    release.install()
    upstream.fix_tinyhtml5()
    return thai_distribute and thaidist.install()


MAX_UNBROKEN = 40
"""Characters a line may hold with no break opportunity (Thai words break by dictionary)."""


def breakable(value: object) -> object:
    """Text for the PDF with a U+200B (zero width space, never printed) after every
    ``MAX_UNBROKEN`` characters of a run where Pango finds no line break: a long word, number
    or code then wraps inside the page instead of running off it, and laying it out stays
    linear (Pango breaking one very long run character by character is quadratic)."""
    if not isinstance(value, str) or isinstance(value, markupsafe.Markup) or len(value) <= MAX_UNBROKEN:
        return value
    from weasyprint.text.line_break import get_log_attrs

    attrs = get_log_attrs(value, "th")
    out: list[str] = []
    run = 0
    for i, ch in enumerate(value):
        if ch.isspace() or attrs[i].is_line_break:
            run = 0
        elif run >= MAX_UNBROKEN:
            out.append("\u200b")
            run = 0
        out.append(ch)
        run += 1
    return "".join(out)


@lru_cache(maxsize=8)
def _html_environment(folder: str, digits: str) -> jinja2.Environment:
    """One environment per template folder and digit mode, so templates compile once
    (Jinja still reloads a template whose file changed); every value printed is made
    :func:`breakable`."""
    env = environment(Path(folder), digits)
    env.finalize = breakable
    return env


def render_html(doc: Document, folder: Path | None = None) -> str:
    folder = folder or templates_dir() / "html"
    name = f"{doc.kind}.html"
    env = _html_environment(str(folder), doc.digits)
    try:
        return env.get_template(name).render(**doc.data)
    except jinja2.TemplateError as exc:
        raise describe(exc, str(folder / name)) from None


@lru_cache(maxsize=1)
def _fallback_stylesheet():  # type: ignore[no-untyped-def]
    from weasyprint import CSS

    from .thaidist import FALLBACK_CSS

    return CSS(string=FALLBACK_CSS)


def render_document(doc: Document, *, base_url: str | None = None, pdf_variant: str | None = None,
                    body_size: str = PDF_BODY_SIZE, thai_distribute: bool = True,
                    extra_css: str = ""):  # type: ignore[no-untyped-def]
    """The laid-out WeasyPrint document (``.write_pdf(pdf_variant=...)`` gives the PDF).

    ``thai_distribute=False`` lays the paragraphs that the DOCX distributes
    (``--thai-distribute`` in base.css) out left-aligned; so does a WeasyPrint whose
    internals differ from the ones :mod:`kbo_docs.render.thaidist` was written for (with
    one ``ThaiDistributeWarning``)."""
    distributed = _patched(thai_distribute)
    from weasyprint import HTML

    from . import release

    folder = templates_dir() / "html"
    html = render_html(doc, folder)
    # one stylesheet (and font configuration) per body size at most: the sizes a register steps
    # through are passed as extra CSS on the body size's stylesheet
    stylesheet, config = _stylesheet(str(folder), str(fonts_dir()), PDF_BODY_SIZE)
    if body_size != PDF_BODY_SIZE:
        extra_css = f":root {{ --body-size: {body_size}; }}\n{extra_css}"
    stylesheets = [stylesheet] if distributed else [stylesheet, _fallback_stylesheet()]
    if extra_css:
        from weasyprint import CSS

        stylesheets.append(CSS(string=extra_css, font_config=config))
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    document = HTML(string=html, base_url=base_url).render(stylesheets=stylesheets, font_config=config, **options)
    release.finished_later(document)
    return document


def render_pdf(doc: Document, *, base_url: str | None = None, pdf_variant: str | None = None,
               body_size: str = PDF_BODY_SIZE, thai_distribute: bool = True) -> bytes:
    """The PDF of a document; see :func:`render_document` for ``thai_distribute``."""
    return render_pdf_pages(doc, base_url=base_url, pdf_variant=pdf_variant, body_size=body_size,
                            thai_distribute=thai_distribute)[0]


def render_pdf_pages(doc: Document, *, base_url: str | None = None, pdf_variant: str | None = None,
                     body_size: str = PDF_BODY_SIZE, thai_distribute: bool = True,
                     jobs: int = 1) -> tuple[bytes, int]:
    """The PDF of a document and its number of pages. A register is fitted to the page
    (:func:`_fit_register`); a long one is laid out in parts (:mod:`kbo_docs.render.parts`),
    in up to ``jobs`` processes at once."""
    from ..collector import paused
    from .release import released

    options = {"pdf_variant": pdf_variant} if pdf_variant else {}

    def lay_out(size: str, css: str = ""):  # type: ignore[no-untyped-def]
        return render_document(doc, base_url=base_url, pdf_variant=pdf_variant, body_size=size,
                               thai_distribute=thai_distribute, extra_css=css)

    # the layouts made here are freed by reference counting once written (kbo_docs.render.release),
    # before the collector runs again: it has little left to walk
    with paused(collect=True):
        with released():
            from .parts import needs_parts

            if needs_parts(doc, pdf_variant):
                from .parts import render_parts

                return render_parts(doc, lambda part, size, css: render_document(
                    part, base_url=base_url, body_size=size, thai_distribute=thai_distribute, extra_css=css),
                    _fit_register, body_size, jobs)
            document = _fit_register(lay_out, body_size) if doc.kind == "register" else lay_out(body_size)
            result = document.write_pdf(**options), len(document.pages)
            del document
        return result


FLOOR_PT = 8.0
"""The smallest body size a register is printed at before the page is turned."""
LANDSCAPE_CSS = "@page { size: A4 landscape; }"
NAMES_ANYWHERE_CSS = ("table.grid td { overflow-wrap: anywhere; } table.grid td.name { white-space: normal; } "
                      "table.grid th:first-child { width: 20%; }")
NUMBERS_WRAP_CSS = "table.grid td.num { white-space: normal; }"


def _table_overflow(document) -> float:  # type: ignore[no-untyped-def]
    """How far (pt) the widest table of a laid-out document reaches past its page's content box."""
    from weasyprint.formatting_structure import boxes

    worst = 0.0
    for page in document.pages:
        root = page._page_box
        right = root.content_box_x() + root.width
        for box in root.descendants():
            if isinstance(box, boxes.TableBox):
                worst = max(worst, box.position_x + box.margin_width() - right)
    return worst


def _fit_register(lay_out, body_size: str):  # type: ignore[no-untyped-def]
    """A register's table is never wider than the page: at the body size if it fits; else the
    font steps down (estimated from how far it overflows) to :data:`FLOOR_PT`; else the page is
    turned (landscape), stepping down again; else names wrap at any character, and last the
    numbers too. At most seven layouts, so the time stays bounded."""
    first = lay_out(body_size)
    over = _table_overflow(first)
    if over <= 0.5:
        return first
    size = float(body_size.removesuffix("pt"))
    root = first.pages[0]._page_box
    room = root.width
    table = room + over
    for css, width in (("", room), (LANDSCAPE_CSS, root.height + root.margin_top + root.margin_bottom
                                    - root.margin_left - root.margin_right)):
        guess = math.floor(size * width / table * 2) / 2
        if guess < FLOOR_PT:
            continue
        for step in (guess, guess - 0.5):
            if step < FLOOR_PT:
                break
            document = lay_out(f"{min(step, size):g}pt", css)
            if _table_overflow(document) <= 0.5:
                return document
    floor = f"{FLOOR_PT:g}pt"
    document = lay_out(floor, f"{LANDSCAPE_CSS}\n{NAMES_ANYWHERE_CSS}")
    if _table_overflow(document) <= 0.5:
        return document
    return lay_out(floor, f"{LANDSCAPE_CSS}\n{NAMES_ANYWHERE_CSS}\n{NUMBERS_WRAP_CSS}")
