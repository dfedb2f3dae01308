"""DOCX through docxtpl: the templates in ``templates/docx/`` (built by
``templates/docx/build.py``, or an office's own copy under ``KBO_DOCS_TEMPLATES``), filled
with the same view data and the same Jinja environment as the HTML/PDF backend, then an
OOXML post-pass (:mod:`kbo_docs.render.ooxml`) for what docxtpl and python-docx leave out:
the Thai complex-script font slots, page-number digits, table widths, and the Garuda floated
to its place on the page.

User text arrives literally: the environment autoescapes (``&``, ``<b>`` stay text; docxtpl's
own default would drop them), values are never parsed as tags (``{{ x }}`` stays text), and
docxtpl's ``{_{`` unescaping is kept away from user text.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .jinja import TemplateError, describe, environment
from .paths import fonts_dir, templates_dir
from .view import Document

DEFAULT_FONT = "TH SarabunIT๙"
DEFAULT_SIZE_PT = 16
TEXT_WIDTH_CM = 16.0   # A4 less the 3 cm and 2 cm margins
GARUDA_HEIGHT_MM = 30  # กระดาษตราครุฑ: 3 cm (saraban.md §1.1)
GARUDA_TOP_CM = 1.5    # its top, from the paper's top edge, centred across the page (LAYOUT-1)


# docxtpl turns "{_{", "}_}", "{_%" and "%_}" into "{{", "}}", "{%" and "%}" after rendering;
# an "_" next to a brace or percent sign in user text is written as a character reference so
# those replacements never see it (the XML parser reads it back as "_").
_DOCXTPL_UNESCAPE = re.compile(r"(?<=[{}%])_|_(?=[{}%])")


def template_path(kind: str, folder: Path | None = None) -> Path:
    return (folder or templates_dir() / "docx") / f"{kind}.docx"


def render_docx(doc: Document, *, base_dir: Path | None = None, font: str = DEFAULT_FONT,
                size_pt: int = DEFAULT_SIZE_PT) -> bytes:
    """Render one document to DOCX bytes.

    ``base_dir`` resolves a relative ``agency.garuda_image`` (normally the folder of the
    project file); an absolute path or a ``file://`` URI is used as it is. ``font`` and
    ``size_pt`` go into every font slot (ascii, hAnsi, eastAsia, cs) and size (sz, szCs) of the document defaults and Normal style.

    Raises :class:`~kbo_docs.render.jinja.TemplateError` for a missing or broken template
    (naming the template and the tag or variable) and ``FileNotFoundError`` for a Garuda
    image that is named but missing.
    """
    import jinja2
    from lxml import etree

    from . import ooxml

    path = template_path(doc.kind)
    if not path.is_file():
        raise TemplateError(f"{path}: ไม่พบแม่แบบ / template not found")
    lazy_styles()
    tpl = _template_class()(io.BytesIO(_prepared_template(str(path), path.stat().st_mtime_ns, font, size_pt)))
    tpl.init_docx()

    env = _docx_environment(doc.digits)
    context: dict[str, Any] = dict(doc.data)
    garuda = context["garuda"] = _garuda(tpl, doc, base_dir)

    try:
        tpl.render(context, jinja_env=env, autoescape=True)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, path) from None
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"{path}: แม่แบบให้ XML ที่ไม่ถูกต้อง / the template produced invalid XML: {exc}") from None

    document = tpl.docx
    if garuda is not None:
        # docxtpl puts the picture inline, i.e. below the 2.5 cm top margin; float it to
        # 1.5 cm from the paper's top edge, centred on the page. The template's first
        # paragraph keeps the body text below it (and the space when there is no image).
        for r_id in _image_rel_ids(document, garuda.image_descriptor):
            if doc.garuda == "left":  # บันทึกข้อความ: top left of the text area
                ooxml.float_pictures(document.element.body, r_id, top_cm=GARUDA_TOP_CM, align="left",
                                     relative_h="margin")
            else:
                ooxml.float_pictures(document.element.body, r_id, top_cm=GARUDA_TOP_CM, align="center")
    ooxml.set_page_number_digits(document, doc.digits)
    ooxml.keep_end(document)
    ooxml.fit_tables(document)
    if doc.kind == "register":
        # widths from the widest content at the DOCX's size (kbo_docs.render.measure);
        # Word's cell margins are 0.19 cm a side
        from .measure import TH_SARABUN_SCALE, fits, register_columns, register_fractions

        total = ooxml.twips(TEXT_WIDTH_CM)
        padding = 0.38 / 2.54 * 72 + 2
        columns = register_columns(doc.data, doc.digits, distinct=True)
        # the largest size, down to 12 pt, at which names and numbers fit on one line
        table_size = next((s for s in range(int(size_pt), 11, -1)
                           if fits(columns, total / 20, s * TH_SARABUN_SCALE, padding_pt=padding)), 12)
        fractions = register_fractions(doc.data, doc.digits, size_pt=table_size * TH_SARABUN_SCALE,
                                       padding_pt=padding, columns=columns)
        if table_size != size_pt:
            for tbl in document.element.body.iter(ooxml.w("tbl")):
                for r in tbl.iter(ooxml.w("r")):
                    ooxml.set_font(ooxml.rpr_of(r), size_pt=table_size)
        widths = [round(total * f) for f in fractions]
        widths[-1] += total - sum(widths)
        for tbl in document.element.body.iter(ooxml.w("tbl")):
            ooxml.set_column_widths(tbl, widths)

    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def _template_class() -> Any:
    """docxtpl's DocxTemplate remembering its ``patch_xml``: the clean-up of a part's XML
    before Jinja (a dozen regular expressions over the whole part, a seventh of a letter's
    DOCX time) depends on that XML alone, which is the same for every document made from one
    template."""
    from docxtpl import DocxTemplate

    @lru_cache(maxsize=64)
    def patched(src_xml: str) -> str:
        return DocxTemplate.patch_xml(None, src_xml)  # type: ignore[arg-type]  # uses no state

    class Template(DocxTemplate):  # type: ignore[misc]
        def patch_xml(self, src_xml):  # type: ignore[no-untyped-def]
            return patched(src_xml) if isinstance(src_xml, str) else super().patch_xml(src_xml)

    return Template


@lru_cache(maxsize=1)
def lazy_styles() -> bool:
    """Let python-docx read a document's ``styles.xml`` only when something asks for it.

    Rendering fills the body, headers and footers; the template's styles (350 KB of XML in
    the bundled templates, most of it Word's latent and table styles) pass through unchanged,
    yet python-docx parsed and re-serialized them for every document: a third of a letter's
    DOCX time. The styles part now keeps its bytes and parses them on first use (the
    letterhead and the font pass still read and change styles as before); untouched, the
    same bytes are written back. Returns False, changing nothing, when another class than
    python-docx's own is registered for the styles part."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.part import PartFactory
    from docx.oxml.parser import parse_xml
    from docx.parts.styles import StylesPart

    if PartFactory.part_type_for.get(CT.WML_STYLES) is not StylesPart:
        return False

    class LazyStylesPart(StylesPart):
        _raw: bytes | None = None

        @classmethod
        def load(cls, partname, content_type, blob, package):  # type: ignore[no-untyped-def, override]
            part = cls(partname, content_type, None, package)  # type: ignore[arg-type]
            part._raw = blob
            return part

        @property  # type: ignore[override]
        def _element(self):  # type: ignore[no-untyped-def]
            element = self.__dict__.get("_parsed")
            if element is None and self._raw is not None:
                element = self.__dict__["_parsed"] = parse_xml(self._raw)
                self._raw = None
            return element

        @_element.setter
        def _element(self, value):  # type: ignore[no-untyped-def]
            self.__dict__["_parsed"] = value

        @property
        def blob(self):  # type: ignore[no-untyped-def]
            if self.__dict__.get("_parsed") is None and self._raw is not None:
                return self._raw
            return super().blob

    PartFactory.part_type_for[CT.WML_STYLES] = LazyStylesPart
    return True


@lru_cache(maxsize=4)
def _docx_environment(digits: str) -> Any:
    """The Jinja environment of DOCX rendering, one per digit mode, remembering what it
    compiled: docxtpl hands it the same template XML for every document made from one
    template, and compiling that XML was half the cost of a letter. The cache is keyed by
    the XML itself, so another template (or a changed one) compiles afresh."""
    import jinja2

    class CompilingOnce(jinja2.Environment):
        compiled: dict[str, jinja2.Template]

        def from_string(self, source, globals=None, template_class=None):  # type: ignore[no-untyped-def, override]
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            found = self.compiled.get(source)
            if found is None:
                if len(self.compiled) >= 64:
                    self.compiled.clear()
                found = self.compiled[source] = super().from_string(source)
            return found

    env = environment(None, digits, CompilingOnce)
    env.compiled = {}  # type: ignore[attr-defined]
    env.finalize = _literal
    return env


@lru_cache(maxsize=16)
def _prepared_template(path: str, mtime_ns: int, font: str, size_pt: float) -> bytes:
    """The template with the configured font in every slot (:func:`ooxml.apply_font`), done
    once per template file (and again when it changes). Rendering only fills and repeats the
    template's own runs, so fonting the template fonts the document."""
    from docx import Document as open_docx

    from . import ooxml

    lazy_styles()
    try:
        document = open_docx(path)
    except Exception as exc:  # not a zip / not a Word document
        raise TemplateError(f"{path}: แฟ้มแม่แบบเสียหาย / not a readable .docx: {exc}") from None
    ooxml.apply_font(document, font, size_pt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _literal(value: Any) -> Any:
    """Jinja ``finalize``: escape text here, so docxtpl's post-render replacements cannot
    change it. Markup (an image, a macro's paragraphs) passes unchanged."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        from markupsafe import Markup, escape

        return Markup(_DOCXTPL_UNESCAPE.sub("&#95;", str(escape(value))))
    return value


def _garuda(tpl: Any, doc: Document, base_dir: Path | None) -> Any:
    """The Garuda as a docxtpl InlineImage 3 cm high (floated by :func:`render_docx`), or None."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    agency = doc.data.get("agency") or {}
    image = agency.get("garuda_image")
    if doc.garuda is None:  # no Garuda on this kind of document
        return None
    if not image and agency.get("garuda_placeholder"):
        return InlineImage(tpl, io.BytesIO(placeholder_png()), height=Mm(doc.garuda_cm * 10))
    if not image:
        return None  # the template keeps the space
    path = _image_path(str(image))
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    if not path.is_file():
        raise FileNotFoundError(f"ไม่พบภาพครุฑ / Garuda image not found: {path}")
    return InlineImage(tpl, str(path), height=Mm(doc.garuda_cm * 10))


@lru_cache(maxsize=1)
def placeholder_png() -> bytes:
    """A framed ``ตราครุฑ`` placeholder, 2.6 x 3 cm at 300 dpi, drawn with the bundled Sarabun
    (the PDF draws the same box in CSS)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 307, 354
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 24):  # dashed frame
        draw.line([(x, 1), (min(x + 12, width), 1)], fill="black", width=4)
        draw.line([(x, height - 2), (min(x + 12, width), height - 2)], fill="black", width=4)
    for y in range(0, height, 24):
        draw.line([(1, y), (1, min(y + 12, height))], fill="black", width=4)
        draw.line([(width - 2, y), (width - 2, min(y + 12, height))], fill="black", width=4)
    font = ImageFont.truetype(str(fonts_dir() / "Sarabun-Regular.ttf"), 46)
    draw.text((width / 2, height / 2), "ตราครุฑ", font=font, fill="black", anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


def _image_rel_ids(document: Any, path: Any) -> list[str]:
    """The relationship ids under which the main part shows the image file ``path`` (none
    when an office's template does not print ``{{ garuda }}``)."""
    from docx.image.image import Image

    if hasattr(path, "seek"):
        path.seek(0)
    sha1 = Image.from_file(path).sha1
    return [r_id for r_id, rel in document.part.rels.items()
            if not rel.is_external and getattr(rel.target_part, "sha1", None) == sha1]


def _image_path(image: str) -> Path:
    """A path, or a ``file://`` URI (what the HTML backend needs), as a Path."""
    if image.startswith("file:"):
        from urllib.parse import unquote, urlparse
        from urllib.request import url2pathname

        return Path(url2pathname(unquote(urlparse(image).path)))
    return Path(image).expanduser()


def _template_error(exc: Exception, path: Path) -> TemplateError:
    """describe()'s one line, plus the text of the template paragraph holding the bad tag."""
    from . import ooxml

    message = str(describe(exc, str(path)))
    lineno = getattr(exc, "lineno", None)
    source = getattr(exc, "source", None)
    snippet = ""
    if lineno and source:
        lines = source.splitlines()
        if 0 < lineno <= len(lines):
            snippet = ooxml.strip_tags(lines[lineno - 1])
    if snippet:
        snippet = " ".join(snippet.split())
        if len(snippet) > 120:
            snippet = snippet[:117] + "..."
        message += f" [ในแม่แบบ / in the template: {snippet}]"
    return TemplateError(message)
