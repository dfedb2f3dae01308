"""The Jinja environment shared by the HTML and DOCX templates: autoescape on, strict
undefined (a missing variable is an error that names itself), the Thai filters."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markupsafe

from .filters import make_filters


BLANKS = {  # Markup: our own text, never broken up by kbo_docs.render.pdf.breakable
    "blank_short": markupsafe.Markup("." * 16),   # a time: เลิกประชุมเวลา ................ น.
    "blank_sign": markupsafe.Markup("." * 30),    # a signature, a name, a position
    "blank_long": markupsafe.Markup("." * 80),    # a resolution to write in by hand
}
"""Dotted blanks a part the data does not have is printed as, to fill in by hand (the same
in every template and backend)."""


class TemplateError(Exception):
    """A template could not be used: names the template and the tag or variable."""


def environment(folder: Path | None, digits: str, cls: type[jinja2.Environment] = jinja2.Environment) -> jinja2.Environment:
    env = cls(
        loader=jinja2.FileSystemLoader(str(folder)) if folder else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(make_filters(digits))  # type: ignore[arg-type]
    env.globals.update(BLANKS)
    return env


def describe(exc: Exception, template: str) -> TemplateError:
    """One clear line for a broken template (syntax error, missing variable)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or template}:{exc.lineno}"
        return TemplateError(f"{where}: แม่แบบผิดรูปแบบ / template syntax error: {exc.message}")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"{template}: แม่แบบอ้างถึงค่าที่ไม่มี / template uses an unknown variable: {exc.message}")
    return TemplateError(f"{template}: {type(exc).__name__}: {exc}")
