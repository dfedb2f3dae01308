"""Exact Thai text layer for WeasyPrint 70.0 PDFs ("grapheme composites").

Why
---
WeasyPrint 70.0 gives each glyph id one ToUnicode string, first use wins
(``draw_first_line`` in ``weasyprint/draw/text.py``). HarfBuzz's Thai shaper turns ำ into
NIKHAHIT + SARA AA and reuses the plain SARA AA glyph, so ``ประจำ`` reads back as ``ประจา``
and ``ลำปาง`` as ``ลำปำง``. Marks are also placed with TJ offsets and text rise (``Ts``),
which makes pdftotext, pypdf and pdfplumber split or reorder words.
``docs/spec/pdf-text-layer.md`` has the measurements; this module is its approach E.

What it does
------------
Every Thai grapheme (a base glyph plus the zero-width marks after it, or the glyphs of one
cluster) is drawn as *one* code:

* a group that is one glyph without vertical offset keeps its glyph id, unless that id already
  reads as another text; then it gets an **alias CID** that the ``/CIDToGIDMap`` maps back to
  the same glyph;
* any other group becomes a **composite glyph** (TrueType ``glyf`` component glyph) appended
  to the embedded subset font. Its components are the group's glyphs at the positions Pango
  gave them, its ToUnicode entry is the grapheme's text, its W width equals its hmtx advance,
  which is the font's own advance of those glyphs: kerning and letter- or word-spacing are
  not in it but in the TJ adjustment after the code, as WeasyPrint writes them for any
  glyph whose Pango width differs from the font's.

The content stream therefore holds one code per grapheme, with no TJ offsets and no ``Ts``
inside words, and the font dictionary keeps ``/Encoding /Identity-H``.

Seams touched in WeasyPrint 70.0 (wrapped, never copied)
--------------------------------------------------------
1. ``weasyprint.draw.text.draw_first_line`` (module attribute; ``draw_text`` and
   ``svg/text.py`` look it up at call time). While the stock function runs, the instance
   attribute ``textbox.pango_layout.get_first_line`` is shadowed: every line the stock code
   asks for is rewritten in place (``PangoGlyphString.glyphs``/``log_clusters``/
   ``num_glyphs``) and the shadow is removed afterwards. The shadow calls whatever
   ``get_first_line`` the layout had before (the class method of ``Layout`` *or of a
   subclass*), so it composes with code that subclasses ``Layout``.
2. ``weasyprint.pdf.fonts.Font.clean``: the original subsets the font with the component
   glyphs kept; then the composites are appended: ``glyf``, ``loca``, ``hmtx``, ``hhea``,
   ``maxp`` and ``head`` of the subset are extended directly (about 1 ms per font); a font
   with tables this writer does not know goes through a fontTools load and save (5-7 ms).
3. ``weasyprint.pdf.fonts._build_vector_font_dictionary``: after the original, the
   descendant font gets a ``/CIDToGIDMap`` stream (and, for ``full_fonts``, W and ToUnicode
   entries for the new CIDs).

It also relies on: ``Layout.get_first_line``/``Layout.text``; ``stream.add_font`` and
``stream._fonts``; ``Font`` fields ``to_unicode``, ``widths``, ``glyph_count``, ``upem``,
``hash``, ``missing``, ``file_content``, ``type``, ``bitmap``/``png``/``svg``/``colr``; the
stock loop's ``if glyph_id not in font.to_unicode`` rule and its TJ/``Ts`` scaling
(x and y offsets divided by 1000, widths by ``PANGO_SCALE``); ``pydyf.PDF.objects``.
:func:`_missing_internals` checks these before anything is patched.

Living beside other patches (e.g. Thai distributed justification, thai-distributed.md)
--------------------------------------------------------------------------------------
That change patches ``weasyprint.layout.inline.justify_line``, subclasses ``Layout``
(``get_first_line``, the SARA AM glue) and shadows the global ``int`` in
``weasyprint.draw.text``. None of these is touched here:

* the glue runs inside the layout's own ``get_first_line``, *before* this module groups the
  glyphs, so composites are built from the glued geometry;
* letter-spacing stays outside the composites: a group's first glyph keeps its ``x_offset``
  (Pango puts the left half of the spacing there) and the difference between Pango's width
  of the group (spacing included) and the composite's advance (the font's) is written by
  the stock loop as a TJ adjustment, through the (possibly shadowed) ``int``;
* composites are keyed on (components, font advance, text), so one composite serves every
  line whatever its spacing. Offsets that letter-spacing leaves within one x-offset unit
  (1/1000 px) of an existing composite's, which may round to another font unit, reuse it.

Limits
------
* RTL runs and bitmap/colour fonts keep stock behaviour.
* Fonts without a ``glyf`` table (CFF ``.otf``) get aliases only: the group's text goes on its
  first glyph, its other glyphs read as '' (exact characters, but marks keep their TJ/Ts
  positioning). No CFF Thai font was at hand: this path is tested by simulation only.
* New CIDs start at ``glyph_count + 1024``; a font with more than 1024 distinct missing
  characters could collide with WeasyPrint's ``.notdef`` stand-ins (checked when a CID is
  allocated, not when WeasyPrint allocates later).
* ``full_fonts=True`` gets W and ToUnicode for the new CIDs rebuilt here. PDF form fields
  (``font.used_in_forms``) with the same font as the text are not handled.
* ``text-overflow: ellipsis``: as in stock, the "…" reads as the text it hides.
* Pages: the stock loop truncates the TJ adjustment after each positioned mark (``int()``),
  composites do not, so glyphs after marks may move by up to 1/1000 em (sub-pixel). Outside
  distributed paragraphs the TJ adjustment of a composite with kerning or CSS letter-spacing
  is truncated like any glyph's (stock behaviour); without them it is a rounding residual
  under one unit, written as 0 as before.
* Checked with poppler, pypdf and pdfminer only (the spec also checked PDFium); no veraPDF.
"""

from __future__ import annotations

import array
import io
import itertools
import logging
import struct
import sys
import threading
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .internals import WEASYPRINT_VERSION, Missing, params

__all__ = ["WEASYPRINT_VERSION", "TextLayerWarning", "install", "installed", "uninstall"]

LOGGER = logging.getLogger(__name__)

"""The only WeasyPrint version whose internals this module has been checked against."""

_CID_GAP = 1024
"""New CIDs start at ``glyph_count + _CID_GAP``, above WeasyPrint's ``.notdef`` stand-ins."""

_MAX_CID = 0xFFFF
_WORD_SIZE = array.array("I").itemsize  # 4 on every platform we know; the raw font writer needs it
_STATE_ATTR = "_kbo_textlayer_state"


class TextLayerWarning(UserWarning):
    """The exact Thai text layer could not be installed; PDFs use WeasyPrint's stock one."""


# --------------------------------------------------------------------------------------------
# Installation
# --------------------------------------------------------------------------------------------

_lock = threading.RLock()
_originals: dict[str, Any] = {}
"""Patched name -> original object, empty while not installed."""
_warned = False


def installed() -> bool:
    """Whether the patches are in place."""
    return bool(_originals)


def install(*, force_fallback: bool = False) -> bool:
    """Install the text-layer fix (idempotent; cheap to call before every render).

    Returns True when the fix is active. If the WeasyPrint version or one of the internals
    it needs differs (or ``force_fallback``), nothing is patched (patches already in place are
    removed), one :class:`TextLayerWarning` is emitted per process and WeasyPrint renders
    with its stock text layer.
    """
    global _warned
    with _lock:
        missing = ["forced fallback"] if force_fallback else _missing_internals()
        if missing:
            uninstall()
            if not _warned:
                _warned = True
                warnings.warn(
                    "kbo_docs: the exact Thai PDF text layer is not installed ("
                    + "; ".join(missing)
                    + "); PDFs use WeasyPrint's stock text layer, so text copied or extracted "
                    "from them may be inexact (e.g. ำ read as า, words split at marks).",
                    TextLayerWarning,
                    stacklevel=2,
                )
            return False
        if not _originals:
            _patch()
        return True


def uninstall() -> None:
    """Put WeasyPrint's original functions back (no-op when not installed)."""
    with _lock:
        if not _originals:
            return
        import weasyprint.draw.text as draw_text
        import weasyprint.pdf.fonts as pdf_fonts

        for owner, attribute, key in ((draw_text, "draw_first_line", "draw_first_line"),
                                      (pdf_fonts.Font, "clean", "Font.clean"),
                                      (pdf_fonts, "_build_vector_font_dictionary",
                                       "_build_vector_font_dictionary")):
            current = getattr(owner, attribute, None)
            if getattr(current, "_kbo_textlayer_wraps", None) is _originals[key]:
                setattr(owner, attribute, _originals[key])
            else:  # someone wrapped our wrapper: leave theirs (ours stays inside it)
                LOGGER.warning("kbo_docs text layer: %s was re-wrapped, not restored", key)
        _originals.clear()


def _original(obj: Any) -> Any:
    """The stock object behind one of our wrappers (``obj`` itself when not wrapped)."""
    while getattr(obj, "_kbo_textlayer_wraps", None) is not None:
        obj = obj._kbo_textlayer_wraps
    return obj



def _missing_internals() -> list[str]:
    """What this module needs from WeasyPrint but does not find (empty list: all there)."""
    try:
        import pydyf
        import weasyprint
        import weasyprint.draw.text as draw_text
        import weasyprint.pdf.fonts as pdf_fonts
        import weasyprint.pdf.stream as pdf_stream
        import weasyprint.text.ffi as text_ffi
        from fontTools.ttLib import TTFont  # noqa: F401
        from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent  # noqa: F401
        from weasyprint.text import line_break
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - depends on the environment
        return [f"import failed: {exc!r}"]

    missing = Missing(weasyprint)
    need = missing.need

    dfl = _original(getattr(draw_text, "draw_first_line", None))
    clean = _original(getattr(getattr(pdf_fonts, "Font", None), "clean", None))
    bvfd = _original(getattr(pdf_fonts, "_build_vector_font_dictionary", None))
    need(lambda: params(dfl) == ["stream", "textbox", "text_overflow", "block_ellipsis", "matrix"],
         "weasyprint.draw.text.draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)")
    need(lambda: {"get_first_line", "to_unicode", "add_font", "widths"} <= set(dfl.__code__.co_names),
         "draw_first_line's get_first_line()/font.to_unicode/font.widths use")
    need(lambda: "draw_first_line" in draw_text.draw_text.__code__.co_names,
         "weasyprint.draw.text.draw_text calling draw_first_line")
    need(lambda: params(clean) == ["self", "to_unicode", "hinting"],
         "weasyprint.pdf.fonts.Font.clean(self, to_unicode, hinting)")
    need(lambda: params(bvfd) == ["font_dictionary", "pdf", "font", "widths", "compress", "reference",
                                   "pdf_version"],
         "weasyprint.pdf.fonts._build_vector_font_dictionary(font_dictionary, pdf, font, widths, "
         "compress, reference, pdf_version)")
    need(lambda: {"clean", "_build_vector_font_dictionary"}
         <= set(pdf_fonts.build_fonts_dictionary.__code__.co_names),
         "weasyprint.pdf.fonts.build_fonts_dictionary calling clean/_build_vector_font_dictionary")
    need(lambda: {"to_unicode", "widths", "glyph_count", "upem", "hash", "missing", "file_content",
                  "index", "bitmap", "png", "svg", "colr", "tables"}
         <= set(pdf_fonts.Font.__init__.__code__.co_names),
         "weasyprint.pdf.fonts.Font fields")
    need(lambda: isinstance(pdf_fonts.Font.type, property), "weasyprint.pdf.fonts.Font.type")
    need(lambda: params(line_break.Layout.get_first_line) == ["self"],
         "weasyprint.text.line_break.Layout.get_first_line(self)")
    need(lambda: params(pdf_stream.Stream.add_font) == ["self", "pango_font"],
         "weasyprint.pdf.stream.Stream.add_font(self, pango_font)")
    need(lambda: "_fonts" in pdf_stream.Stream.__init__.__code__.co_names, "weasyprint.pdf.stream.Stream._fonts")
    need(lambda: all(hasattr(text_ffi, n) for n in ("ffi", "pango", "FROM_UNITS"))
         and text_ffi.pango.PANGO_GLYPH_EMPTY == 0x0FFFFFFF
         and text_ffi.pango.PANGO_GLYPH_UNKNOWN_FLAG == 0x10000000
         and callable(text_ffi.pango.pango_font_get_glyph_extents),
         "weasyprint.text.ffi (ffi, pango glyph constants, FROM_UNITS)")
    need(lambda: text_ffi.ffi.typeof("PangoGlyphString *") is not None
         and {"glyph", "geometry", "attr"} <= {f for f, _ in text_ffi.ffi.typeof("PangoGlyphInfo").fields},
         "cffi PangoGlyphString/PangoGlyphInfo declarations")
    need(lambda: "objects" in pydyf.PDF().__dict__ and callable(pydyf.Stream), "pydyf.PDF.objects")
    return missing


def _patch() -> None:
    import weasyprint.draw.text as draw_text
    import weasyprint.pdf.fonts as pdf_fonts

    originals = {  # _original(): never wrap a wrapper left by an earlier import of this module
        "draw_first_line": _original(draw_text.draw_first_line),
        "Font.clean": _original(pdf_fonts.Font.clean),
        "_build_vector_font_dictionary": _original(pdf_fonts._build_vector_font_dictionary),
    }
    wrappers = {
        "draw_first_line": _wrap_draw_first_line(originals["draw_first_line"]),
        "Font.clean": _wrap_clean(originals["Font.clean"]),
        "_build_vector_font_dictionary": _wrap_build_vector(originals["_build_vector_font_dictionary"]),
    }
    draw_text.draw_first_line = wrappers["draw_first_line"]
    pdf_fonts.Font.clean = wrappers["Font.clean"]
    pdf_fonts._build_vector_font_dictionary = wrappers["_build_vector_font_dictionary"]
    _originals.update(originals)


def _wrapper_of(original: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(wrapper: Callable[..., Any]) -> Callable[..., Any]:
        wrapper.__name__ = getattr(original, "__name__", wrapper.__name__)
        wrapper.__qualname__ = getattr(original, "__qualname__", wrapper.__qualname__)
        wrapper.__doc__ = getattr(original, "__doc__", None)
        wrapper._kbo_textlayer_wraps = original  # type: ignore[attr-defined]
        return wrapper

    return decorate


# --------------------------------------------------------------------------------------------
# Per-font state (shared by the Font objects that embed one file, i.e. have one ``hash``)
# --------------------------------------------------------------------------------------------


@dataclass
class _Composite:
    cid: int
    components: tuple[tuple[int, int, int], ...]  # (glyph id, x, y) in font units
    advance: int  # font units


@dataclass
class _FontState:
    glyph_count: int
    upem: int
    composites_ok: bool
    next_cid: int
    texts: dict[int, str] = field(default_factory=dict)  # code -> text, for codes we decided
    widths: dict[int, float] = field(default_factory=dict)  # new CID -> W width
    aliases: dict[tuple[int, str], int] = field(default_factory=dict)  # (gid, text) -> CID
    composites: dict[tuple[Any, ...], _Composite] = field(default_factory=dict)  # one key each
    similar: dict[tuple[Any, ...], list[tuple[list[tuple[int, float, float]], _Composite]]] = field(
        default_factory=dict)  # (glyph ids, advance, text) -> (unrounded positions, composite)
    cid_to_gid: dict[int, int] = field(default_factory=dict)  # new CID -> glyph id in the file
    advances: Any = None  # the font's hmtx advance widths (long metrics only), None: unreadable
    fonts: weakref.WeakSet = field(default_factory=weakref.WeakSet)

    def new_cid(self, missing: dict[int, int]) -> int | None:
        taken = set(missing.values())
        while self.next_cid in taken:
            self.next_cid += 1
        if self.next_cid > _MAX_CID:
            return None
        cid = self.next_cid
        self.next_cid += 1
        return cid


def _state_for(stream: Any, font: Any) -> _FontState | None:
    state = font.__dict__.get(_STATE_ATTR)
    if state is not None:
        return state
    if font.bitmap or font.png or font.svg or font.colr:
        font.__dict__[_STATE_ATTR] = None
        return None
    for other in getattr(stream, "_fonts", {}).values():
        if other is not font and other.hash == font.hash and other.__dict__.get(_STATE_ATTR):
            state = other.__dict__[_STATE_ATTR]
            break
    else:
        state = _FontState(
            glyph_count=font.glyph_count,
            upem=font.upem,
            composites_ok=font.type == "ttf" and "glyf" in font.tables,
            next_cid=font.glyph_count + _CID_GAP,
        )
        if state.composites_ok:
            state.advances = _hmtx_advances(font.file_content, font.index)
    for other in [font, *getattr(stream, "_fonts", {}).values()]:
        if other.hash == font.hash and not other.__dict__.get(_STATE_ATTR):
            state.fonts.add(other)
            other.__dict__[_STATE_ATTR] = state
    return state


def _hmtx_advances(content: bytes, index: int) -> Any:
    """The advance widths of the font's ``hmtx`` long metrics (a glyph past them has the last
    one), read straight from the file; None if the tables cannot be read."""
    try:
        start = struct.unpack_from(">I", content, 12 + 4 * index)[0] if content[:4] == b"ttcf" else 0
        tables = {}
        for number in range(struct.unpack_from(">H", content, start + 4)[0]):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", content, start + 12 + 16 * number)
            tables[tag] = (offset, length)
        count = struct.unpack_from(">H", content, tables[b"hhea"][0] + 34)[0]
        offset, length = tables[b"hmtx"]
        if not 0 < count <= length // 4:
            return None
        return _read_array(content[offset:offset + 4 * count], "H", 2 * count)[0::2]
    except (struct.error, KeyError, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# (1) draw_first_line: rewrite each drawn line into one code per grapheme
# --------------------------------------------------------------------------------------------

_NOT_SET = object()


def _wrap_draw_first_line(original: Callable[..., Any]) -> Callable[..., Any]:
    @_wrapper_of(original)
    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):  # type: ignore[no-untyped-def]
        layout = textbox.pango_layout
        previous = layout.__dict__.get("get_first_line", _NOT_SET)
        get_line = layout.get_first_line

        def get_first_line():  # type: ignore[no-untyped-def]
            line, index = get_line()
            try:
                _rewrite_line(stream, textbox, line)
            except Exception:  # pragma: no cover - never break a render for the text layer
                LOGGER.exception("kbo_docs text layer: line left as WeasyPrint drew it")
            return line, index

        layout.get_first_line = get_first_line
        try:
            return original(stream, textbox, text_overflow, block_ellipsis, matrix)
        finally:
            if layout.__dict__.get("get_first_line") is get_first_line:
                if previous is _NOT_SET:
                    del layout.get_first_line
                else:
                    layout.get_first_line = previous

    return draw_first_line


def _rewrite_line(stream: Any, textbox: Any, line: Any) -> None:
    from weasyprint.text.ffi import ffi, pango

    utf8 = textbox.pango_layout.text.encode()
    run = line.runs
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        item = glyph_item.item
        if item.analysis.level % 2:  # RTL: stock behaviour
            continue
        pango_font = item.analysis.font
        font, font_size = stream.add_font(pango_font)
        state = _state_for(stream, font)
        if state is None:
            continue
        if pango.pango_version() < 14802 or font.png:  # as the stock loop does
            font_size = textbox.style["font_size"]
        _rewrite_run(stream, font, state, pango_font, font_size, glyph_item, utf8)


def _rewrite_run(stream: Any, font: Any, state: _FontState, pango_font: Any, font_size: float,
                 glyph_item: Any, utf8: bytes) -> None:
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    glyph_string = glyph_item.glyphs
    count = glyph_string.num_glyphs
    if count <= 0:
        return
    glyphs, log_clusters = glyph_string.glyphs, glyph_string.log_clusters
    # Read the run once into Python lists (cdata field access is the slow part).
    infos = [glyphs[i] for i in range(count)]
    gids = [info.glyph for info in infos]
    geometries = [info.geometry for info in infos]
    run = _Run(list(gids), [g.width for g in geometries], [g.x_offset for g in geometries],
               [g.y_offset for g in geometries])
    clusters = ffi.unpack(log_clusters, count)
    empty, unknown, limit = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG, state.glyph_count
    # Empty and missing glyphs, and codes already rewritten, stand alone.
    special = [gid == empty or bool(gid & unknown) or gid >= limit for gid in gids]

    # A glyph joins the group before it if it has no advance (a mark) or is in the same cluster.
    groups: list[list[int]] = []
    for i in range(count):
        if groups and not special[i] and not special[groups[-1][0]] and (
                run.widths[i] == 0 or clusters[i] <= clusters[groups[-1][0]]):
            groups[-1].append(i)
        else:
            groups.append([i])

    offset, length = glyph_item.item.offset, glyph_item.item.length
    k = state.upem / (1000 * font_size)  # the stock TJ and Ts scaling: offsets / 1000
    to_units = FROM_UNITS / font_size * state.upem  # Pango units -> font units
    out = 0
    for number, group in enumerate(groups):
        first = group[0]
        code = None
        if not special[first]:
            start = clusters[first]
            end = clusters[groups[number + 1][0]] if number + 1 < len(groups) else length
            text = utf8[offset + start:offset + end].decode("utf-8", "replace")
            code = _code_for_group(stream, font, state, pango_font, font_size, run, group, text, k, to_units)
        if code is None:  # keep the glyphs as they are (aliases may have been set)
            for i in group:
                if i != out:
                    glyphs[out] = glyphs[i]
                    log_clusters[out] = clusters[i]
                if run.gids[i] != gids[i]:
                    glyphs[out].glyph = run.gids[i]
                out += 1
            continue
        if out != first:
            glyphs[out] = glyphs[first]
            log_clusters[out] = clusters[first]
        info = glyphs[out]
        if code != gids[first]:
            info.glyph = code
        if len(group) > 1:
            info.geometry.width = sum(run.widths[i] for i in group)
        if run.y_offsets[first]:
            info.geometry.y_offset = 0
        out += 1
    glyph_string.num_glyphs = out


@dataclass
class _Run:
    gids: list[int]
    widths: list[int]
    x_offsets: list[int]
    y_offsets: list[int]


def _code_for_group(stream: Any, font: Any, state: _FontState, pango_font: Any, font_size: float,
                    run: _Run, group: list[int], text: str, k: float, to_units: float) -> int | None:
    """The code that draws ``group`` (its first glyph keeps its x offset), or None to keep
    the group's glyphs (after setting aliases in ``run.gids``)."""
    first = group[0]
    gid = run.gids[first]
    if len(group) == 1 and run.y_offsets[first] == 0:
        known = state.texts.get(gid)
        if known is None:
            known = font.to_unicode.get(gid)
        if known is None or known == text:
            state.texts[gid] = text
            font.to_unicode.setdefault(gid, text)
            return gid
        return _alias(stream, font, state, pango_font, font_size, gid, text)

    if not state.composites_ok:
        # No glyf table (CFF): the group's text on its first glyph, '' on the others.
        for position, i in enumerate(group):
            part = text if position == 0 else ""
            g = run.gids[i]
            known = state.texts.get(g, font.to_unicode.get(g))
            if known is None:
                state.texts[g] = part
                font.to_unicode.setdefault(g, part)
            elif known != part:
                cid = _alias(stream, font, state, pango_font, font_size, g, part)
                if cid is not None:
                    run.gids[i] = cid
        return None

    # Composite: components relative to the first glyph's drawn origin, in font units. Its
    # advance is the font's own (hmtx) advance of the glyphs Pango gave an advance, so it
    # holds no letter- or word-spacing or kerning: the stock loop writes the difference from
    # Pango's width (kept on the group's first glyph) as the TJ adjustment after the code,
    # as it does for any glyph, and one composite serves every line.
    x0 = run.x_offsets[first] * k
    pen = 0.0
    positions = []  # (glyph id, x, y) in font units, before rounding
    advance = 0
    hmtx = state.advances
    for i in group:
        gid = run.gids[i]
        positions.append((gid, pen + run.x_offsets[i] * k - x0, -run.y_offsets[i] * k))
        width = run.widths[i]
        if width:
            pen += width * to_units
            if hmtx is not None:
                advance += hmtx[gid] if gid < len(hmtx) else hmtx[-1]
    if hmtx is None:  # hmtx unreadable: Pango's width, spacing included (one composite per line)
        advance = round(pen)
    components = tuple((gid, round(x), round(y)) for gid, x, y in positions)
    key = (components, advance, text)
    composite = state.composites.get(key)
    if composite is None:
        # Letter-spacing leaves the offsets within one x-offset unit (1/1000 px, ``k`` font
        # units: thaidist's exact offsets are whole units) of the unspaced geometry, which
        # can round the other way: such a grapheme takes the composite already made.
        near = (tuple(gid for gid, _x, _y in positions), advance, text)
        tolerance = 1.001 * k
        for other, candidate in state.similar.get(near, ()):
            if all(abs(a[1] - b[1]) <= tolerance and abs(a[2] - b[2]) <= tolerance
                   for a, b in zip(positions, other)):
                composite = candidate
                break
    if composite is None:
        cid = state.new_cid(font.missing)
        if cid is None:
            return None
        composite = state.composites[key] = _Composite(cid, components, advance)
        state.similar.setdefault(near, []).append((positions, composite))
        state.texts[cid] = text
        state.widths[cid] = round(advance * 1000 / state.upem)
    font.to_unicode[composite.cid] = text
    font.widths[composite.cid] = state.widths[composite.cid]
    return composite.cid


def _alias(stream: Any, font: Any, state: _FontState, pango_font: Any, font_size: float, gid: int,
           text: str) -> int | None:
    cid = state.aliases.get((gid, text))
    if cid is None:
        cid = state.new_cid(font.missing)
        if cid is None:
            return None
        state.aliases[(gid, text)] = cid
        state.cid_to_gid[cid] = gid
        state.texts[cid] = text
        state.widths[cid] = _glyph_width(stream, font, pango_font, font_size, gid)
    font.to_unicode[cid] = text
    font.widths[cid] = state.widths[cid]
    return cid


def _glyph_width(stream: Any, font: Any, pango_font: Any, font_size: float, gid: int) -> float:
    """W width of a real glyph, computed as the stock loop does."""
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    if gid in font.widths:
        return font.widths[gid]
    ink, logical = ffi.new("PangoRectangle *"), ffi.new("PangoRectangle *")
    pango.pango_font_get_glyph_extents(pango_font, gid, ink, logical)
    return round(logical.width * 1000 * FROM_UNITS / font_size)


# --------------------------------------------------------------------------------------------
# (2) Font.clean: keep the component glyphs, then append the composites
# --------------------------------------------------------------------------------------------


def _wrap_clean(original: Callable[..., Any]) -> Callable[..., Any]:
    @_wrapper_of(original)
    def clean(self, to_unicode, hinting):  # type: ignore[no-untyped-def]
        state = self.__dict__.get(_STATE_ATTR)
        if not state or not (state.composites or state.aliases):
            return original(self, to_unicode, hinting)
        new_cids = set(state.texts) - set(range(state.glyph_count))
        for font in list(state.fonts):  # every Font object of this file reads every code
            for code, text in state.texts.items():
                font.to_unicode.setdefault(code, text)
            for cid, width in state.widths.items():
                font.widths.setdefault(cid, width)
        kept = {code: text for code, text in to_unicode.items() if code not in new_cids}
        if to_unicode:  # empty means "don't subset" (full_fonts or forms)
            for composite in state.composites.values():
                for gid, _x, _y in composite.components:
                    kept.setdefault(gid, "")
            for gid in state.cid_to_gid.values():
                kept.setdefault(gid, "")
        result = original(self, kept, hinting)
        if state.composites:
            try:
                _append_composites(self, state)
            except Exception:
                LOGGER.exception("kbo_docs text layer: could not add composite glyphs to %s", self.family)
                for composite in state.composites.values():  # degrade: draw the base glyph only
                    state.cid_to_gid[composite.cid] = composite.components[0][0]
        return result

    return clean


def _append_composites(font: Any, state: _FontState) -> None:
    """Append the composites to the (subset) font program and map their CIDs to them.

    The usual subset (a single TrueType font with the tables HarfBuzz keeps) is extended in
    place by :func:`_append_raw`; any other font goes through a fontTools load and save
    (:func:`_append_fonttools`), which costs 5-7 ms per font."""
    composites = sorted(state.composites.values(), key=lambda c: c.cid)
    try:
        result = _append_raw(font.file_content, composites)
    except (ValueError, OverflowError, struct.error, IndexError, KeyError):
        LOGGER.debug("kbo_docs text layer: %s goes through fontTools", font.family, exc_info=True)
        result = None
    if result is None:
        _append_fonttools(font, state)
        return
    font.file_content, first_new = result
    for number, composite in enumerate(composites):
        state.cid_to_gid[composite.cid] = first_new + number


# Tables whose content does not depend on the glyph count (or only lists glyph ids that
# stay valid); with any other table the fontTools path is taken. hdmx/VDMX/LTSH/kern are
# dropped, as the fontTools path does. post must be format 3 (no glyph names).
_RAW_KEPT = frozenset({b"OS/2", b"cmap", b"name", b"post", b"gasp", b"cvt ", b"fpgm", b"prep", b"GDEF",
                       b"GSUB", b"GPOS", b"BASE", b"JSTF", b"MATH", b"STAT", b"meta", b"PCLT"})
_RAW_REBUILT = frozenset({b"head", b"hhea", b"hmtx", b"maxp", b"loca", b"glyf"})
_RAW_DROPPED = frozenset({b"hdmx", b"VDMX", b"LTSH", b"kern"})


def _append_raw(content: bytes, composites: list[_Composite]) -> tuple[bytes, int] | None:
    """The font program with ``composites`` appended as composite glyphs, and the glyph id
    of the first one; None when the font is not a plain TrueType font this writer knows.

    Only ``glyf``, ``loca``, ``hmtx``, ``hhea``, ``maxp`` and ``head`` change: the new
    glyphs' records are appended (bounds and maxp figures read from the component glyphs'
    headers, never decompiled), ``hmtx`` gets long metrics up to the last new advance, the
    table directory and checksums are rewritten. The existing glyphs keep their bytes, the
    other tables are copied as they are (``head.modified`` included)."""
    if content[:4] not in (b"\x00\x01\x00\x00", b"true") or _WORD_SIZE != 4:
        return None
    count = struct.unpack_from(">H", content, 4)[0]
    tables: dict[bytes, bytes] = {}  # in the file's order
    for offset, length, tag in sorted((offset, length, tag) for tag, _checksum, offset, length in (
            struct.unpack_from(">4sIII", content, 12 + 16 * number) for number in range(count))):
        if offset + length > len(content):
            return None
        tables[tag] = content[offset:offset + length]
    tags = set(tables) - _RAW_DROPPED
    if not _RAW_REBUILT <= tags or not tags <= _RAW_KEPT | _RAW_REBUILT:
        return None
    if b"post" in tables and tables[b"post"][:4] != b"\x00\x03\x00\x00":
        return None
    head, hhea, maxp = bytearray(tables[b"head"]), bytearray(tables[b"hhea"]), bytearray(tables[b"maxp"])
    glyph_count = struct.unpack_from(">H", maxp, 4)[0]
    long_metrics = struct.unpack_from(">H", hhea, 34)[0]
    long_loca = struct.unpack_from(">h", head, 50)[0]
    if len(head) < 54 or len(hhea) < 36 or long_loca not in (0, 1) or not 0 < long_metrics <= glyph_count:
        return None
    loca = _read_array(tables[b"loca"], "I" if long_loca else "H", glyph_count + 1)
    if not long_loca:
        loca = [2 * offset for offset in loca]
    glyf, hmtx = tables[b"glyf"], tables[b"hmtx"]
    if loca[-1] > len(glyf) or any(b < a for a, b in itertools.pairwise(loca)):
        return None
    if len(hmtx) < 4 * long_metrics + 2 * (glyph_count - long_metrics):
        return None
    metrics = _read_array(hmtx, "H", 2 * long_metrics)
    advances, bearings = list(metrics[0::2]), [b - 0x10000 if b >= 0x8000 else b for b in metrics[1::2]]
    extra = _read_array(hmtx[4 * long_metrics:], "H", glyph_count - long_metrics)
    advances += [advances[-1]] * len(extra)
    bearings += [b - 0x10000 if b >= 0x8000 else b for b in extra]

    cache: dict[int, _Outline] = {}

    def outline(gid: int, depth: int = 0) -> _Outline:
        if gid in cache:
            return cache[gid]
        if depth > 16 or gid >= glyph_count:
            raise ValueError(f"glyph {gid}: bad component")
        data = glyf[loca[gid]:loca[gid + 1]]
        if len(data) < 10:
            result: _Outline = (None, 0, 0, 0)
        else:
            contours, *box = struct.unpack_from(">hhhhh", data)
            if contours >= 0:
                points = struct.unpack_from(">H", data, 8 + 2 * contours)[0] + 1 if contours else 0
                result = (tuple(box), points, contours, 0)  # type: ignore[assignment]
            else:
                points = contours = deepest = 0
                position, flags = 10, 0x20
                while flags & 0x20:  # MORE_COMPONENTS
                    flags, component = struct.unpack_from(">HH", data, position)
                    position += 4 + (4 if flags & 0x1 else 2) + (
                        2 if flags & 0x8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0)
                    _box, p, c, d = outline(component, depth + 1)
                    points, contours, deepest = points + p, contours + c, max(deepest, d)
                result = (tuple(box), points, contours, deepest + 1)  # type: ignore[assignment]
        cache[gid] = result
        return result

    font_box = list(struct.unpack_from(">hhhh", head, 36))
    max_advance, min_lsb, min_rsb, max_extent = struct.unpack_from(">Hhhh", hhea, 10)
    max_points, max_contours, max_elements, max_depth = 0, 0, 0, 0
    records = []
    for composite in composites:
        boxes, points, contours, depth = [], 0, 0, 0
        parts = []
        last = len(composite.components) - 1
        for number, (gid, x, y) in enumerate(composite.components):
            box, p, c, d = outline(gid)
            if box:
                boxes.append((box[0] + x, box[1] + y, box[2] + x, box[3] + y))
            points, contours, depth = points + p, contours + c, max(depth, d)
            flags = 0x2 | (0x20 if number < last else 0)  # ARGS_ARE_XY_VALUES, MORE_COMPONENTS
            if -128 <= x <= 127 and -128 <= y <= 127:
                parts.append(struct.pack(">HHbb", flags, gid, x, y))
            else:
                parts.append(struct.pack(">HHhh", flags | 0x1, gid, x, y))  # ARG_1_AND_2_ARE_WORDS
        if boxes:
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                   max(b[2] for b in boxes), max(b[3] for b in boxes))
            font_box = [min(font_box[0], box[0]), min(font_box[1], box[1]),
                        max(font_box[2], box[2]), max(font_box[3], box[3])]
            min_lsb = min(min_lsb, box[0])
            min_rsb = min(min_rsb, composite.advance - box[2])
            max_extent = max(max_extent, box[2])
        else:
            box = (0, 0, 0, 0)
        record = struct.pack(">hhhhh", -1, *box) + b"".join(parts)
        records.append(record + b"\0" * (-len(record) % 4))
        advances.append(composite.advance)
        bearings.append(box[0])
        max_advance = max(max_advance, composite.advance)
        max_points, max_contours = max(max_points, points), max(max_contours, contours)
        max_elements, max_depth = max(max_elements, len(parts)), max(max_depth, depth + 1)

    total = glyph_count + len(composites)
    if total > 0xFFFF:
        return None
    new_glyf = bytearray(glyf[:loca[-1]])
    if len(new_glyf) % 2:
        new_glyf.append(0)
    locations = loca[:-1] + [len(new_glyf)]
    for record in records:
        new_glyf += record
        locations.append(len(new_glyf))
    long_loca = long_loca or locations[-1] > 0x1FFFE
    new_loca = _write_array("I", locations) if long_loca else _write_array("H", [o // 2 for o in locations])
    long_metrics = total  # as fontTools does: the last advance stands for the glyphs after it
    while long_metrics > 1 and advances[long_metrics - 2] == advances[long_metrics - 1]:
        long_metrics -= 1
    metrics = [0] * (2 * long_metrics)
    metrics[0::2] = advances[:long_metrics]
    metrics[1::2] = [b & 0xFFFF for b in bearings[:long_metrics]]
    metrics += [b & 0xFFFF for b in bearings[long_metrics:]]

    struct.pack_into(">hhhh", head, 36, *font_box)
    struct.pack_into(">h", head, 50, long_loca)
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below
    struct.pack_into(">Hhhh", hhea, 10, max_advance, min_lsb, min_rsb, max_extent)
    struct.pack_into(">H", hhea, 34, long_metrics)
    struct.pack_into(">H", maxp, 4, total)
    if struct.unpack_from(">I", maxp, 0)[0] == 0x00010000 and len(maxp) >= 32:
        old = struct.unpack_from(">HH", maxp, 10) + struct.unpack_from(">HH", maxp, 28)
        struct.pack_into(">HH", maxp, 10, max(old[0], max_points), max(old[1], max_contours))
        struct.pack_into(">HH", maxp, 28, max(old[2], max_elements), max(old[3], max_depth))
    new_tables = {tag: tables[tag] for tag in tables if tag in tags}  # the file's order
    new_tables.update({b"head": bytes(head), b"hhea": bytes(hhea), b"maxp": bytes(maxp), b"loca": new_loca,
                       b"glyf": bytes(new_glyf), b"hmtx": _write_array("H", metrics)})
    return _sfnt(content[:4], new_tables), glyph_count


def _read_array(data: bytes, code: str, count: int) -> Any:
    """``count`` big-endian unsigned integers (``code``: "H" or "I") from ``data``."""
    values = array.array(code)
    size = values.itemsize * count
    if len(data) < size:
        raise ValueError("table too short")
    values.frombytes(data[:size])
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _write_array(code: str, values: Any) -> bytes:
    out = array.array(code, values)
    if sys.byteorder == "little":
        out.byteswap()
    return out.tobytes()


def _checksum(data: bytes) -> int:
    words = array.array("I")
    words.frombytes(data + b"\0" * (-len(data) % 4))
    if sys.byteorder == "little":
        words.byteswap()
    return sum(words) & 0xFFFFFFFF


def _sfnt(version: bytes, tables: dict[bytes, bytes]) -> bytes:
    """An sfnt file of ``tables`` (data in their order, directory sorted by tag), with the
    checksums and head.checkSumAdjustment set."""
    count = len(tables)
    selector = count.bit_length() - 1
    header = struct.pack(">4sHHHH", version, count, 16 << selector, selector, 16 * count - (16 << selector))
    records, body = {}, []
    offset = 12 + 16 * count
    for tag, data in tables.items():
        records[tag] = struct.pack(">4sIII", tag, _checksum(data), offset, len(data))
        body.append(data + b"\0" * (-len(data) % 4))
        offset += len(body[-1])
    font = bytearray(header + b"".join(records[tag] for tag in sorted(records)) + b"".join(body))
    head_at = struct.unpack_from(">I", records[b"head"], 8)[0]
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def _append_fonttools(font: Any, state: _FontState) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    content = font.file_content
    number = font.index if content[:4] == b"ttcf" else 0
    # recalcBBoxes=False: the existing glyphs are written back byte for byte (recompiling
    # every glyph costs most of the time); bounds and maxp are updated below for the new ones.
    ttfont = TTFont(io.BytesIO(content), fontNumber=number, recalcBBoxes=False)
    order = list(ttfont.getGlyphOrder())
    glyf, hmtx = ttfont["glyf"], ttfont["hmtx"]
    names = set(order)
    new: list[tuple[_Composite, str, Any]] = []
    for composite in sorted(state.composites.values(), key=lambda c: c.cid):
        name = f"kbo.cid{composite.cid}"
        while name in names:
            name += "_"
        names.add(name)
        glyph = Glyph()
        glyph.numberOfContours = -1
        glyph.components = []
        for gid, x, y in composite.components:
            component = GlyphComponent()
            component.glyphName = order[gid]
            component.x, component.y = x, y
            component.flags = 0
            glyph.components.append(component)
        new.append((composite, name, glyph))
    first_new = len(order)
    order += [name for _composite, name, _glyph in new]
    ttfont.setGlyphOrder(order)
    glyf.glyphOrder = order
    head, maxp = ttfont["head"], ttfont["maxp"]
    cache: dict[str, tuple[tuple[int, int, int, int] | None, int, int, int]] = {}
    for number, (composite, name, glyph) in enumerate(new):
        bounds, points, contours, depth = _outline(glyf, name, cache, glyph)
        glyf.glyphs[name] = glyph
        glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax = bounds or (0, 0, 0, 0)
        hmtx[name] = (composite.advance, glyph.xMin)
        if "vmtx" in ttfont:
            ttfont["vmtx"][name] = ttfont["vmtx"][order[composite.components[0][0]]]
        state.cid_to_gid[composite.cid] = first_new + number
        if bounds:
            head.xMin, head.yMin = min(head.xMin, glyph.xMin), min(head.yMin, glyph.yMin)
            head.xMax, head.yMax = max(head.xMax, glyph.xMax), max(head.yMax, glyph.yMax)
        if maxp.tableVersion == 0x00010000:
            maxp.maxComponentElements = max(maxp.maxComponentElements, len(glyph.components))
            maxp.maxComponentDepth = max(maxp.maxComponentDepth, depth)
            maxp.maxCompositePoints = max(maxp.maxCompositePoints, points)
            maxp.maxCompositeContours = max(maxp.maxCompositeContours, contours)
    for tag in ("hdmx", "VDMX", "LTSH", "kern"):
        if tag in ttfont:
            del ttfont[tag]
    output = io.BytesIO()
    ttfont.save(output, reorderTables=False)
    font.file_content = output.getvalue()


_Outline = tuple[tuple[int, int, int, int] | None, int, int, int]


def _outline(glyf: Any, name: str, cache: dict[str, _Outline], glyph: Any = None) -> _Outline:
    """(bounds, points, contours, component depth) of a glyph, read from the glyph headers
    without decompiling simple glyphs (pure-Python outline maths is the slow part)."""
    if glyph is None and name in cache:
        return cache[name]
    glyph = glyph if glyph is not None else glyf.glyphs[name]
    data = getattr(glyph, "data", None)
    if data is not None:
        if len(data) < 10:
            result: _Outline = (None, 0, 0, 0)
        else:
            count, x_min, y_min, x_max, y_max = struct.unpack(">hhhhh", data[:10])
            if count >= 0:
                points = struct.unpack(">H", data[8 + 2 * count:10 + 2 * count])[0] + 1 if count else 0
                result = ((x_min, y_min, x_max, y_max), points, count, 0)
            else:
                result = _outline(glyf, name, cache, glyf[name])  # expands the composite
                result = ((x_min, y_min, x_max, y_max), *result[1:])
    elif getattr(glyph, "numberOfContours", 0) == 0:
        result = (None, 0, 0, 0)
    elif glyph.numberOfContours > 0:
        bounds = (glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax) if hasattr(glyph, "xMin") else None
        result = (bounds, len(glyph.coordinates), glyph.numberOfContours, 0)
    else:
        boxes, points, contours, depth = [], 0, 0, 0
        for component in glyph.components:
            box, p, c, d = _outline(glyf, component.glyphName, cache)
            x, y = getattr(component, "x", 0), getattr(component, "y", 0)
            if box:
                boxes.append((box[0] + x, box[1] + y, box[2] + x, box[3] + y))
            points, contours, depth = points + p, contours + c, max(depth, d)
        bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                  max(b[2] for b in boxes), max(b[3] for b in boxes)) if boxes else None
        result = (bounds, points, contours, depth + 1)
    cache[name] = result
    return result


# --------------------------------------------------------------------------------------------
# (3) _build_vector_font_dictionary: /CIDToGIDMap stream (and W/ToUnicode for full fonts)
# --------------------------------------------------------------------------------------------


def _wrap_build_vector(original: Callable[..., Any]) -> Callable[..., Any]:
    @_wrapper_of(original)
    def _build_vector_font_dictionary(font_dictionary, pdf, font, widths, compress, reference,  # type: ignore[no-untyped-def]
                                      pdf_version):
        state = font.__dict__.get(_STATE_ATTR)
        if not state or not state.cid_to_gid:
            return original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        full_font = widths is not font.widths  # full_fonts / forms: stock rebuilt W from the file
        if full_font:
            for cid, width in state.widths.items():
                widths[cid] = width
        start = len(pdf.objects)
        result = original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        descendant = _descendant(font_dictionary, pdf, start)
        import pydyf

        # Identity for every glyph of the file (composites included, for full_fonts' W),
        # then the new CIDs.
        identity = max(state.glyph_count, max(state.cid_to_gid.values()) + 1)
        top = max(max(state.cid_to_gid), identity - 1)
        table = bytearray((top + 1) * 2)
        for cid in range(identity):
            table[2 * cid:2 * cid + 2] = cid.to_bytes(2, "big")
        for cid, gid in state.cid_to_gid.items():
            table[2 * cid:2 * cid + 2] = gid.to_bytes(2, "big")
        cid_map = pydyf.Stream([bytes(table)], compress=compress)
        pdf.add_object(cid_map)
        descendant["CIDToGIDMap"] = cid_map.reference
        if full_font:
            _replace_to_unicode(font_dictionary, pdf, font, state, compress)
        return result

    return _build_vector_font_dictionary


def _descendant(font_dictionary: Any, pdf: Any, start: int) -> Any:
    reference = font_dictionary["DescendantFonts"][0]
    if isinstance(reference, bytes):
        reference = reference.decode()
    number = int(str(reference).split()[0])
    candidate = pdf.objects[number] if number < len(pdf.objects) else None
    if candidate is not None and "CIDToGIDMap" in candidate:
        return candidate
    for candidate in reversed(pdf.objects[start:]):  # pragma: no cover - pydyf changed
        if isinstance(candidate, dict) and "CIDToGIDMap" in candidate:
            return candidate
    raise LookupError("descendant CIDFont not found")


def _replace_to_unicode(font_dictionary: Any, pdf: Any, font: Any, state: _FontState, compress: bool) -> None:
    """full_fonts: the stock ToUnicode comes from the cmap; add the drawn texts and new CIDs."""
    import pydyf
    from fontTools.ttLib import TTFont

    content = font.file_content
    ttfont = TTFont(io.BytesIO(content), fontNumber=font.index if content[:4] == b"ttcf" else 0)
    mapping: dict[int, str] = {}
    for codepoint, name in sorted((ttfont.getBestCmap() or {}).items()):
        mapping.setdefault(ttfont.getGlyphID(name), chr(codepoint))
    mapping.update({code: text for code, text in font.to_unicode.items() if text})
    mapping.update({code: text for code, text in state.texts.items() if text})
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo", b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0",
             b">> def", b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
             b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange"]
    items = sorted(mapping.items())
    for i in range(0, len(items), 100):
        batch = items[i:i + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode() for code, text in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    stream = pydyf.Stream(lines, compress=compress)
    pdf.add_object(stream)
    font_dictionary["ToUnicode"] = stream.reference
