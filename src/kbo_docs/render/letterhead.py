"""An office's own Word letterhead (.docx or .dotx) as the base of the DOCX output.

The letterhead keeps its page set-up (size, margins, headers and footers with their images),
its styles and fonts, and the pictures in its body (the emblem); the rendered document's
body goes in after them, in place of the letterhead's other body text. What the rendered
body needs and the letterhead lacks is copied over: paragraph and table styles (by style
id) and pictures (as new relationships). The letterhead's fonts and sizes win over kbo-docs'
defaults, as the office chose them.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from . import ooxml
from .jinja import TemplateError

_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_R_EMBED = f"{{{ooxml.R_NS}}}embed"
_R_ID = f"{{{ooxml.R_NS}}}id"
_PICTURES = (f"{{{ooxml.WP_NS}}}inline", f"{{{ooxml.WP_NS}}}anchor", ooxml.w("pict"))


def open_letterhead(path: Path) -> Any:
    """A python-docx Document of a .docx or .dotx (a template is read as a document)."""
    from docx import Document

    try:
        data = Path(path).read_bytes()
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_MAIN.encode(), _DOCUMENT_MAIN.encode())
                target.writestr(item, content)
        return Document(io.BytesIO(out.getvalue()))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"{path}: อ่านแม่แบบหัวจดหมายไม่ได้ / not a readable Word letterhead (.docx/.dotx): {exc}") from None


def _has_picture(element: Any) -> bool:
    return any(True for _ in element.iter(*_PICTURES))


def _is_spacer(p: Any) -> bool:
    """kbo-docs' own Garuda space (an empty paragraph of exact height): the letterhead has
    its own emblem."""
    spacing = p.find(f"{ooxml.w('pPr')}/{ooxml.w('spacing')}")
    return (not ooxml.paragraph_text(p).strip() and not _has_picture(p) and spacing is not None
            and spacing.get(ooxml.w("lineRule")) == "exact")


def apply_letterhead(rendered: bytes, path: Path) -> bytes:
    """``rendered`` (a DOCX made by kbo-docs) with ``path``'s letterhead as its base."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    base = open_letterhead(path)
    ours = Document(io.BytesIO(rendered))
    body = base.element.body
    sect_pr = body.find(ooxml.w("sectPr"))
    kept = [el for el in body if el.tag != ooxml.w("sectPr") and _has_picture(el)]
    for el in list(body):
        if el.tag != ooxml.w("sectPr") and el not in kept:
            body.remove(el)

    content = [el for el in ours.element.body if el.tag != ooxml.w("sectPr")]
    if content and content[0].tag == ooxml.w("p") and _is_spacer(content[0]):
        content = content[1:]
    for el in content:
        el = copy.deepcopy(el)
        for node in el.iter():
            for attr in (_R_EMBED, _R_ID):
                r_id = node.get(attr)
                if r_id and r_id in ours.part.rels and not ours.part.rels[r_id].is_external:
                    target = ours.part.rels[r_id].target_part
                    if ours.part.rels[r_id].reltype == RT.IMAGE:
                        node.set(attr, base.part.relate_to(target, RT.IMAGE))
        if sect_pr is not None:
            sect_pr.addprevious(el)
        else:
            body.append(el)
    _copy_styles(ours, base)
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


def _copy_styles(source: Any, target: Any) -> None:
    """Styles the rendered body uses that the letterhead lacks (with the styles they are
    based on)."""
    have = {s.get(ooxml.w("styleId")) for s in target.styles.element.iter(ooxml.w("style"))}
    theirs = {s.get(ooxml.w("styleId")): s for s in source.styles.element.iter(ooxml.w("style"))}
    used = set()
    for tag in ("pStyle", "tblStyle", "rStyle"):
        used |= {el.get(ooxml.w("val")) for el in target.element.body.iter(ooxml.w(tag))}
    queue = [u for u in used if u not in have]
    while queue:
        style_id = queue.pop()
        style = theirs.get(style_id)
        if style is None or style_id in have:
            continue
        target.styles.element.append(copy.deepcopy(style))
        have.add(style_id)
        based = style.find(ooxml.w("basedOn"))
        if based is not None and based.get(ooxml.w("val")) not in have:
            queue.append(based.get(ooxml.w("val")))
