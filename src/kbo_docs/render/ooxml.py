"""The OOXML details python-docx does not expose, in one place.

Thai is a complex script: Word and LibreOffice draw it from the *complex-script* slots of a
run, which python-docx's ``font.name`` / ``font.size`` / ``font.bold`` never write
(library-notes.md, baseline.md §3). This module sets them:

- ``w:rFonts`` ``w:ascii`` / ``w:hAnsi`` / ``w:eastAsia`` / ``w:cs`` (and drops the theme
  attributes, which would win over the names in Word);
- ``w:sz`` and ``w:szCs``; ``w:b`` and ``w:bCs`` (``w:i`` / ``w:iCs``);
- ``w:lang w:bidi="th-TH"``;
- python-docx's default template's ``cstheme="minorBidi"``, ``szCs=22``, ``bidi="ar-SA"`` and
  its 10 pt space after / 1.15 line spacing, replaced by single spacing and no space after.

It also writes what the DOCX templates need beyond python-docx's API: the PAGE field of the
page-number header, the page-number format of a section, repeated table header rows, table
widths, and a picture floating at a fixed place on the page (the Garuda). Elements are
inserted in schema order so Word opens the result.

Used by ``templates/docx/build.py`` (building the templates) and by
:mod:`kbo_docs.render.docx` (the post-pass after docxtpl).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from .. import thai

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_WP = f"{{{WP_NS}}}"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

THAI_LANG = "th-TH"
EMU_PER_CM = 360000
TWIPS_PER_CM = 1440 / 2.54


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute: ``w("rFonts")`` -> ``{ns}rFonts``."""
    return _W + tag


def twips(cm: float) -> int:
    """Centimetres -> twentieths of a point (3 cm -> 1701, 2 cm -> 1134)."""
    return round(cm * TWIPS_PER_CM)


def emu(cm: float) -> int:
    """Centimetres -> English Metric Units (1.5 cm -> 540000, 3 cm -> 1080000)."""
    return round(cm * EMU_PER_CM)


# Child order of the elements this module edits (ECMA-376 part 1, CT_RPr / CT_PPr /
# CT_SectPr / CT_TrPr / CT_TblPr). A new child goes before the first sibling that follows it.
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
    "sectPr pPrChange"
).split()
SECTPR_ORDER = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange"
).split()
TRPR_ORDER = (
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing "
    "jc hidden ins del trPrChange"
).split()
TBLPR_ORDER = (
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
).split()
TCPR_ORDER = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign "
    "hideMark"
).split()

_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


def child(parent: Any, tag: str, order: Iterable[str], *, create: bool = True) -> Any:
    """The ``w:<tag>`` child of ``parent``; created in schema order when missing."""
    found = parent.find(w(tag))
    if found is not None or not create:
        return found
    order = list(order)
    new = parent.makeelement(w(tag), {})
    if tag in order:
        later = {w(t) for t in order[order.index(tag) + 1 :]}
        for i, sibling in enumerate(parent):
            if sibling.tag in later:
                parent.insert(i, new)
                return new
    parent.append(new)
    return new


def rpr_of(element: Any) -> Any:
    """The ``w:rPr`` of a run, paragraph mark, style or ``w:rPrDefault`` (created if missing)."""
    from lxml import etree

    local = etree.QName(element).localname
    if local == "rPr":
        return element
    if local == "pPr":
        return child(element, "rPr", PPR_ORDER)
    if local == "style":
        return child(element, "rPr", ("name aliases basedOn next link autoRedefine hidden uiPriority "
                                      "semiHidden unhideWhenUsed qFormat locked personal personalCompose "
                                      "personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr").split())
    found = element.find(w("rPr"))
    if found is None:
        found = element.makeelement(w("rPr"), {})
        element.insert(0, found)
    return found


def set_font(rpr: Any, name: str | None = None, size_pt: float | None = None, *,
             lang_bidi: str | None = None) -> None:
    """Put ``name`` into all four ``w:rFonts`` slots (no theme fonts), ``size_pt`` into
    ``w:sz`` and ``w:szCs`` (half-points), ``lang_bidi`` into ``w:lang/@w:bidi``."""
    if name is not None:
        fonts = child(rpr, "rFonts", RPR_ORDER)
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(w(attr), None)
        for slot in _FONT_SLOTS:
            fonts.set(w(slot), name)
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        child(rpr, "sz", RPR_ORDER).set(w("val"), half_points)
        child(rpr, "szCs", RPR_ORDER).set(w("val"), half_points)
    if lang_bidi is not None:
        child(rpr, "lang", RPR_ORDER).set(w("bidi"), lang_bidi)


_MIRRORED = {w("b"): "bCs", w("i"): "iCs", w("sz"): "szCs"}


def mirror_complex(rpr: Any) -> None:
    """Copy the Latin bold / italic / size of ``rpr`` into the complex-script ones
    (``w:bCs``, ``w:iCs``, ``w:szCs``): Thai text reads only those."""
    for src in [el for el in rpr if el.tag in _MIRRORED]:
        dst = child(rpr, _MIRRORED[src.tag], RPR_ORDER)
        if dst.attrib != src.attrib:
            dst.attrib.clear()
            dst.attrib.update(src.attrib)


def set_bold(run: Any, on: bool = True) -> None:
    """Bold for Latin and Thai: ``w:b`` and ``w:bCs`` (python-docx's ``run.bold`` writes only
    ``w:b``). ``run`` is a python-docx Run or a ``w:r`` element."""
    r = getattr(run, "_r", run)
    rpr = rpr_of(r)
    for tag in ("b", "bCs"):
        el = child(rpr, tag, RPR_ORDER)
        el.attrib.clear()
        if not on:
            el.set(w("val"), "0")


def set_spacing(ppr: Any, *, before: int | None = None, after: int | None = 0,
                line: int | None = 240, line_rule: str = "auto") -> None:
    """``w:spacing`` in twips; defaults to single spacing with nothing after."""
    spacing = child(ppr, "spacing", PPR_ORDER)
    for key, value in (("before", before), ("after", after), ("line", line)):
        if value is not None:
            spacing.set(w(key), str(value))
    if line is not None:
        spacing.set(w("lineRule"), line_rule)


def _styles_root(document: Any) -> Any:
    return document.styles.element


def set_document_defaults(document: Any, font: str, size_pt: float, *, lang_bidi: str = THAI_LANG) -> None:
    """Font, size, Thai language and single spacing on the document defaults and on the
    Normal style (``document`` is a python-docx Document)."""
    root = _styles_root(document)
    defaults = child(root, "docDefaults", ("docDefaults", "latentStyles", "style"))
    rpr_default = child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault"))
    rpr = child(rpr_default, "rPr", ())
    set_font(rpr, font, size_pt, lang_bidi=lang_bidi)
    ppr_default = child(defaults, "pPrDefault", ("rPrDefault", "pPrDefault"))
    set_spacing(child(ppr_default, "pPr", ()), before=0)
    child(child(ppr_default, "pPr", ()), "widowControl", PPR_ORDER)  # no single line left alone

    normal = normal_style(root)
    if normal is not None:
        set_font(rpr_of(normal), font, size_pt, lang_bidi=lang_bidi)
        ppr = normal.find(w("pPr"))
        if ppr is None:
            ppr = normal.makeelement(w("pPr"), {})
            normal.find(w("rPr")).addprevious(ppr)
        set_spacing(ppr, before=0)


def normal_style(styles_root: Any) -> Any:
    for style in styles_root.iter(w("style")):
        if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
            return style
    return None


def xml_parts(document: Any, kinds: Iterable[str] = ("document.main", "styles", "header", "footer",
                                                     "footnotes", "endnotes", "numbering")) -> Iterator[Any]:
    """Root elements of the parts that hold text and formatting, by the last part of their
    content type (``...wordprocessingml.document.main+xml`` -> ``document.main``)."""
    wanted = set(kinds)
    for part in document.part.package.iter_parts():
        kind = part.content_type.rsplit("wordprocessingml.", 1)[-1].removesuffix("+xml")
        if kind in wanted and hasattr(part, "element"):
            yield part.element


def font_names(rpr: Any) -> set[str]:
    """The font names (not theme references) in the ``w:rFonts`` of ``rpr``."""
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    if fonts is None:
        return set()
    return {v for k, v in fonts.attrib.items() if k in {w(s) for s in _FONT_SLOTS}}


def body_fonts(document: Any) -> set[str]:
    """The body font of a document: the names on its defaults and Normal style."""
    root = _styles_root(document)
    names = font_names(root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}"))
    normal = normal_style(root)
    if normal is not None:
        names |= font_names(normal.find(w("rPr")))
    return names


def apply_font(document: Any, font: str, size_pt: float, *, lang_bidi: str = THAI_LANG) -> None:
    """The configured font everywhere the template's body font was.

    - the defaults and the Normal style get ``font`` in all four slots, ``size_pt`` in
      ``w:sz`` / ``w:szCs``, Thai as the complex-script language, single spacing;
    - every other ``w:rFonts`` (styles, runs, paragraph marks, headers, footers) that names
      the template's body font or a theme font gets ``font`` in all four slots; a font the
      office chose on purpose (a symbol font, another face for a title) is kept;
    - every explicit bold / italic / size is mirrored into ``w:bCs`` / ``w:iCs`` / ``w:szCs``
      (Thai reads only those). Explicit sizes are kept (a bigger title stays bigger).
    """
    old = body_fonts(document)
    set_document_defaults(document, font, size_pt, lang_bidi=lang_bidi)
    theme = {w(a) for a in _THEME_ATTRS}
    for root in xml_parts(document, ("document.main", "styles", "header", "footer", "footnotes", "endnotes")):
        for rpr in root.iter(w("rPr")):
            fonts = rpr.find(w("rFonts"))
            if fonts is not None and (theme & set(fonts.attrib) or font_names(rpr) & old):
                set_font(rpr, font)
            mirror_complex(rpr)


# ---------------------------------------------------------------- keeping the end together

SIGN_STYLE = "KBOSign"
"""Style id of the paragraphs of a closing and signature block (คำลงท้าย, the space for the
signature, the name, position and acting line, or a minutes' ลงชื่อ block). Every DOCX
template marks those paragraphs with it; :func:`keep_end` does the rest."""
SIGN_STYLE_NAME = "KBO Sign"
KEEP_BODY_PARAGRAPHS = 2
"""Body paragraphs tied to a signature block: with widow control, a page break before the
block carries at least two body lines onto the signature page."""


def add_sign_style(document: Any) -> Any:
    """The :data:`SIGN_STYLE` paragraph style (based on Normal) in a python-docx document;
    the existing one if the document has it."""
    from docx.enum.style import WD_STYLE_TYPE

    for style in document.styles:
        if style.style_id == SIGN_STYLE:
            return style
    style = document.styles.add_style(SIGN_STYLE_NAME, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.paragraph_format.keep_together = True
    style.paragraph_format.widow_control = True
    return style


def _style_of(p: Any) -> str | None:
    ppr = p.find(w("pPr"))
    ps = ppr.find(w("pStyle")) if ppr is not None else None
    return ps.get(w("val")) if ps is not None else None


def _set_keep_next(p: Any, on: bool) -> None:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = p.makeelement(w("pPr"), {})
        p.insert(0, ppr)
    el = child(ppr, "keepNext", PPR_ORDER)
    el.attrib.clear()
    if not on:
        el.set(w("val"), "0")


def keep_end(document: Any, style_id: str = SIGN_STYLE, body_paragraphs: int = KEEP_BODY_PARAGRAPHS) -> int:
    """Never leave a signature alone on a page (Word and LibreOffice alike).

    For each run of consecutive paragraphs styled ``style_id``: every paragraph but the last
    keeps with the next (the block is never split), and so do the ``body_paragraphs``
    non-empty paragraphs before it (the last body lines go with the block; widow control
    keeps at least two lines of a paragraph together). Returns the number of blocks."""
    paragraphs = [p for p in document.element.body.iter(w("p"))
                  if p.getparent().tag == w("body")]
    blocks = 0
    i = 0
    while i < len(paragraphs):
        if _style_of(paragraphs[i]) != style_id:
            i += 1
            continue
        j = i
        while j + 1 < len(paragraphs) and _style_of(paragraphs[j + 1]) == style_id:
            j += 1
        for p in paragraphs[i:j]:
            _set_keep_next(p, True)
        _set_keep_next(paragraphs[j], False)
        before = [p for p in paragraphs[:i] if paragraph_text(p).strip()]
        for p in before[-body_paragraphs:]:
            _set_keep_next(p, True)
        blocks += 1
        i = j + 1
    return blocks


# ---------------------------------------------------------------- page numbers

PAGE_FORMATS = {"thai": "thaiNumbers", "arabic": "decimal"}
"""``w:pgNumType/@w:fmt`` for a digit mode. Word draws a plain ``PAGE`` field in its section's
format, so ``thaiNumbers`` gives ๒. (``PAGE \\* ThaiArabic`` would do the same in Word, but
LibreOffice 7.4 reads that switch as Thai *letters*: ข for page 2. LibreOffice ignores
``thaiNumbers`` and shows 2.)"""


def set_page_number_format(sect_pr: Any, digits: str) -> None:
    """The page-number format of a section (``w:sectPr``) for ``digits`` (thai / arabic)."""
    child(sect_pr, "pgNumType", SECTPR_ORDER).set(w("fmt"), PAGE_FORMATS.get(digits, "decimal"))


def set_title_page(sect_pr: Any, on: bool = True) -> None:
    """``w:titlePg``: a different (here: empty) header on the first page."""
    el = child(sect_pr, "titlePg", SECTPR_ORDER)
    if not on:
        el.set(w("val"), "0")


def add_field(paragraph: Any, instruction: str, result: str) -> None:
    """Append a complex field (``begin`` / instruction / ``separate`` / result / ``end``) to a
    python-docx paragraph, e.g. ``add_field(p, "PAGE", "๒")``."""
    from lxml import etree

    p = getattr(paragraph, "_p", paragraph)

    def run() -> Any:
        return etree.SubElement(p, w("r"))

    etree.SubElement(run(), w("fldChar")).set(w("fldCharType"), "begin")
    instr = etree.SubElement(run(), w("instrText"))
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    etree.SubElement(run(), w("fldChar")).set(w("fldCharType"), "separate")
    etree.SubElement(run(), w("t")).text = result
    etree.SubElement(run(), w("fldChar")).set(w("fldCharType"), "end")


def fields(root: Any) -> Iterator[tuple[str, list[Any]]]:
    """Each complex field of a part: its instruction text and the ``w:t`` of its result."""
    instruction: list[str] = []
    result: list[Any] = []
    state = None  # None, "instr" or "result"
    for el in root.iter(w("fldChar"), w("instrText"), w("t")):
        local = el.tag[len(_W):]
        if local == "fldChar":
            kind = el.get(w("fldCharType"))
            if kind == "begin":
                state, instruction, result = "instr", [], []
            elif kind == "separate" and state:
                state = "result"
            elif kind == "end" and state:
                yield "".join(instruction).strip(), result
                state = None
        elif local == "instrText" and state == "instr":
            instruction.append(el.text or "")
        elif local == "t" and state == "result":
            result.append(el)


def set_page_number_digits(document: Any, digits: str) -> None:
    """Page numbers in ``digits``: the format of every section, and the cached result of
    every PAGE field (what a viewer shows before it updates fields)."""
    body = document.element.body
    for sect_pr in body.iter(w("sectPr")):
        set_page_number_format(sect_pr, digits)
    convert = thai.thai_digits if digits == "thai" else thai.arabic_digits
    # fields live in runs: styles and numbering hold none (and are not parsed for nothing)
    for root in xml_parts(document, ("document.main", "header", "footer", "footnotes", "endnotes")):
        for instruction, result in fields(root):
            if instruction.split()[:1] == ["PAGE"]:
                for t in result:
                    t.text = convert(t.text or "")


# ---------------------------------------------------------------- tables

def set_repeat_header(row: Any, on: bool = True) -> None:
    """``w:tblHeader``: repeat this row at the top of each page (python-docx Row or ``w:tr``)."""
    tr = getattr(row, "_tr", row)
    tr_pr = child(tr, "trPr", ("tblPrEx", "trPr", "tc"))
    el = child(tr_pr, "tblHeader", TRPR_ORDER)
    if not on:
        el.set(w("val"), "0")


def set_cant_split(row: Any) -> None:
    """``w:cantSplit``: keep a row on one page."""
    tr = getattr(row, "_tr", row)
    child(child(tr, "trPr", ("tblPrEx", "trPr", "tc")), "cantSplit", TRPR_ORDER)


def set_table_width(table: Any, width: int) -> None:
    """``w:tblW`` in twips and a fixed layout (python-docx Table or ``w:tbl``)."""
    tbl = getattr(table, "_tbl", table)
    tbl_pr = tbl.find(w("tblPr"))
    tbl_w = child(tbl_pr, "tblW", TBLPR_ORDER)
    tbl_w.set(w("w"), str(width))
    tbl_w.set(w("type"), "dxa")
    child(tbl_pr, "tblLayout", TBLPR_ORDER).set(w("type"), "fixed")


def set_cell_valign(cell: Any, value: str = "center") -> None:
    tc = getattr(cell, "_tc", cell)
    tc_pr = child(tc, "tcPr", ("tcPr", "p", "tbl"))
    child(tc_pr, "vAlign", TCPR_ORDER).set(w("val"), value)


def fit_tables(document: Any) -> None:
    """Make tables whose loops (docxtpl ``{%tc for %}``) changed the number of columns add
    up to their width again: the first column keeps its width, the others share the rest.

    Only tables with a fixed ``w:tblW`` in twips and no merged cells are touched, and only
    when their rows no longer add up to that width."""
    for tbl in document.element.body.iter(w("tbl")):
        tbl_pr = tbl.find(w("tblPr"))
        tbl_w = tbl_pr.find(w("tblW")) if tbl_pr is not None else None
        if tbl_w is None or tbl_w.get(w("type")) != "dxa":
            continue
        total = int(tbl_w.get(w("w"), "0"))
        rows = tbl.findall(w("tr"))
        if not total or not rows or any(tbl.iter(w("gridSpan"), w("vMerge"))):
            continue
        counts = {len(r.findall(w("tc"))) for r in rows}
        if len(counts) != 1:
            continue
        n = counts.pop()
        first_cells = rows[0].findall(w("tc"))
        widths = [_cell_width(tc) for tc in first_cells]
        if abs(sum(widths) - total) <= total // 100:
            continue
        first = widths[0] if 0 < widths[0] <= total // 2 else total // n
        rest = (total - first) // max(n - 1, 1)
        new = [first] + [rest] * (n - 1)
        new[-1] += total - sum(new)
        set_column_widths(tbl, new)


def set_column_widths(tbl: Any, widths: list[int]) -> bool:
    """Column widths in twips of a table without merged cells (``w:tblGrid`` and every
    cell's ``w:tcW``), its width their sum, fixed layout. False (nothing changed) when the
    table's rows do not have ``len(widths)`` cells."""
    from lxml import etree

    tbl = getattr(tbl, "_tbl", tbl)
    rows = tbl.findall(w("tr"))
    if not rows or any(len(r.findall(w("tc"))) != len(widths) for r in rows):
        return False
    set_table_width(tbl, sum(widths))
    grid = tbl.find(w("tblGrid"))
    if grid is not None:
        for col in list(grid):
            grid.remove(col)
        for width in widths:
            etree.SubElement(grid, w("gridCol")).set(w("w"), str(width))
    for r in rows:
        for tc, width in zip(r.findall(w("tc")), widths):
            tc_w = child(child(tc, "tcPr", ("tcPr", "p", "tbl")), "tcW", TCPR_ORDER)
            tc_w.set(w("w"), str(width))
            tc_w.set(w("type"), "dxa")
    return True


def _cell_width(tc: Any) -> int:
    tc_pr = tc.find(w("tcPr"))
    tc_w = tc_pr.find(w("tcW")) if tc_pr is not None else None
    if tc_w is None or tc_w.get(w("type")) not in (None, "dxa"):
        return 0
    try:
        return int(tc_w.get(w("w"), "0"))
    except ValueError:
        return 0


# ---------------------------------------------------------------- floating pictures

def float_picture(inline: Any, *, top_cm: float, align: str = "center", relative_h: str = "page",
                  relative_v: str = "page") -> Any:
    """Turn a ``wp:inline`` picture into a ``wp:anchor`` at a fixed place on the page and
    return it: horizontally ``align``-ed (left / center / right) to ``relative_h``, its top
    ``top_cm`` below the top of ``relative_v``; same size, ``docPr`` and ``a:graphic``.

    The picture floats in front of the text without pushing it (``wp:wrapNone``): the
    paragraph holding it is what keeps the text clear of it. Children in CT_Anchor order
    (ECMA-376 part 1, 20.4.2.3): simplePos, positionH, positionV, extent, effectExtent, the
    wrap element, docPr, cNvGraphicFramePr, graphic."""
    def wp(tag: str) -> str:
        return _WP + tag

    anchor = inline.makeelement(wp("anchor"), {
        "distT": "0", "distB": "0", "distL": "0", "distR": "0", "simplePos": "0",
        "relativeHeight": "251659264", "behindDoc": "0", "locked": "1", "layoutInCell": "1",
        "allowOverlap": "1",
    })

    def add(tag: str, attrs: dict[str, str] | None = None, parent: Any = anchor) -> Any:
        el = parent.makeelement(wp(tag), attrs or {})
        parent.append(el)
        return el

    add("simplePos", {"x": "0", "y": "0"})
    add("align", parent=add("positionH", {"relativeFrom": relative_h})).text = align
    add("posOffset", parent=add("positionV", {"relativeFrom": relative_v})).text = str(emu(top_cm))
    extent = inline.find(wp("extent"))
    anchor.append(extent)
    effect = inline.find(wp("effectExtent"))
    anchor.append(effect if effect is not None else anchor.makeelement(
        wp("effectExtent"), {"l": "0", "t": "0", "r": "0", "b": "0"}))
    add("wrapNone")
    for tag in ("docPr", "cNvGraphicFramePr"):
        found = inline.find(wp(tag))
        if found is not None:
            anchor.append(found)
    anchor.append(inline.find(f"{{{A_NS}}}graphic"))
    inline.getparent().replace(inline, anchor)
    return anchor


def float_pictures(root: Any, r_id: str, **position: Any) -> list[Any]:
    """:func:`float_picture` every ``wp:inline`` under ``root`` showing the image related as
    ``r_id`` (its ``a:blip/@r:embed``); the anchors made."""
    embed = f"{{{R_NS}}}embed"
    inlines = [inline for inline in root.iter(_WP + "inline")
               if any(blip.get(embed) == r_id for blip in inline.iter(f"{{{A_NS}}}blip"))]
    return [float_picture(inline, **position) for inline in inlines]


# ---------------------------------------------------------------- reading back

def paragraph_text(p: Any) -> str:
    """The text of a ``w:p``: its ``w:t`` joined, ``w:tab`` as a tab, ``w:br`` as a newline
    (field instructions are not text)."""
    out = []
    for el in p.iter(w("t"), w("tab"), w("br")):
        local = el.tag[len(_W):]
        if local == "t":
            out.append(el.text or "")
        elif local == "tab" and el.getparent().tag == w("r"):
            out.append("\t")
        elif local == "br":
            out.append("\n")
    return "".join(out)


_TAG = re.compile(r"<[^>]+>")


def strip_tags(xml: str) -> str:
    """The text of an XML fragment (for error messages quoting a template paragraph)."""
    return _TAG.sub("", xml)
