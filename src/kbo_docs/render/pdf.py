"""PDF through WeasyPrint: Jinja HTML templates + CSS, the bundled Sarabun fonts embedded,
an exact Thai text layer (see :mod:`kbo_docs.render.textlayer`) and Thai distributed
paragraphs, as the DOCX's ``thaiDistribute`` (see :mod:`kbo_docs.render.thaidist`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

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
    css = font_face_css(Path(fonts)) + "\n" + (Path(folder) / "base.css").read_text(encoding="utf-8")
    css += f"\n:root {{ --body-size: {body_size}; }}\n"
    return CSS(string=css, font_config=config), config


@lru_cache(maxsize=8)
def _html_environment(folder: str, digits: str) -> jinja2.Environment:
    """One environment per template folder and digit mode, so templates compile once
    (Jinja still reloads a template whose file changed)."""
    return environment(Path(folder), digits)


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
                    body_size: str = PDF_BODY_SIZE, thai_distribute: bool = True):  # type: ignore[no-untyped-def]
    """The laid-out WeasyPrint document (``.write_pdf(pdf_variant=...)`` gives the PDF).

    ``thai_distribute=False`` lays the paragraphs that the DOCX distributes
    (``--thai-distribute`` in base.css) out left-aligned; so does a WeasyPrint whose
    internals differ from the ones :mod:`kbo_docs.render.thaidist` was written for (with
    one ``ThaiDistributeWarning``)."""
    from .system import require_weasyprint

    require_weasyprint()
    from weasyprint import HTML

    from . import textlayer, thaidist

    textlayer.install()
    distributed = thai_distribute and thaidist.install()
    folder = templates_dir() / "html"
    html = render_html(doc, folder)
    stylesheet, config = _stylesheet(str(folder), str(fonts_dir()), body_size)
    stylesheets = [stylesheet] if distributed else [stylesheet, _fallback_stylesheet()]
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    return HTML(string=html, base_url=base_url).render(stylesheets=stylesheets, font_config=config, **options)


def render_pdf(doc: Document, *, base_url: str | None = None, pdf_variant: str | None = None,
               body_size: str = PDF_BODY_SIZE, thai_distribute: bool = True) -> bytes:
    """The PDF of a document; see :func:`render_document` for ``thai_distribute``."""
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    document = render_document(doc, base_url=base_url, pdf_variant=pdf_variant, body_size=body_size,
                               thai_distribute=thai_distribute)
    return document.write_pdf(**options)
