"""Thai distributed justification (Word's ``w:jc="thaiDistribute"``) for WeasyPrint 70.0 PDFs.

What it does
------------
Every line of a marked paragraph except its last line (and except a line that ends in a
forced ``<br>``) is filled to the right margin by spreading the line's slack evenly over the
gaps between its grapheme clusters, as Word does: glyph advances stay as they are, marks
(tone marks, upper and lower vowels, and SARA AM ำ) stay on their consonants, a space is one
cluster like any other. Line breaking is WeasyPrint's (libthai's), unchanged.

Marking paragraphs (CSS)
------------------------
A line is distributed when its block has ``text-align: justify`` and the inherited custom
property ``--thai-distribute`` is set (to anything but ``0``/``none``)::

    .para { text-align: var(--thai-distributed-align, justify); --thai-distribute: 1; }

``text-align-last`` decides the last line, as for ``justify`` (default: start). Without the
custom property, ``text-align: justify`` keeps WeasyPrint's own behaviour (spaces only).
:data:`FALLBACK_CSS` sets ``--thai-distributed-align: left``: the fallback the renderer
adds when distribution is switched off or cannot be installed, so templates written as
above fall back to left alignment, never to space-only justification.

How (see docs/spec/thai-distributed.md for the measurements behind it)
--------------------------------------------------------------------------------
1. ``weasyprint.layout.inline.justify_line`` is wrapped (``text_align`` looks the name up at
   call time and calls it only for non-last justified lines). For a marked LTR line, ``n`` =
   the grapheme clusters on the line (Pango cursor positions of each text box, SARA AM not
   counted, see 3.), and every text box gets a copied style with ``letter-spacing`` increased
   by ``slack / (n - 1)``, rounded to whole Pango units (1/1024 px) away from Pango's
   whole-pixel hinting. Pango adds letter-spacing at cursor positions only, half before and
   half after a cluster, trimmed at both ends of a box, so marks keep their offsets. Each
   box is re-shaped once with the new spacing, its width measured (sum of glyph advances) and
   the boxes after it moved, the way WeasyPrint's ``add_word_spacing`` does for spaces
   (Pango 1.50 does not trim the half spacing after a box that ends in a mark; that half is
   left out of the width). If the measured growth of the line misses the slack (ligatures
   that letter-spacing turns off, a Pango that spaces differently), the spacing is
   corrected once from the measurement.
2. ``TextBox.pango_layout`` becomes an instance of a ``Layout`` subclass; WeasyPrint
   re-shapes it from ``box.style`` at draw time (``reactivate``), so the spacing reaches the
   PDF. While such a layout is active, the global ``int`` of ``weasyprint.draw.text`` (only
   used for the TJ kerning, and for a cffi width with ``text-overflow: ellipsis``) keeps
   three decimals instead of truncating: stock truncation loses up to 1/1000 em per glyph,
   which leaves a letter-spaced line 0.1-0.8 pt short of the margin. Other text boxes are
   drawn byte for byte as before.
3. Glyph fix-ups (in the subclass's ``get_first_line``, re-applied after every re-shape,
   see :func:`_adjust_glyphs`). SARA AM glue: Pango 1.50 has a cursor position before ำ,
   so plain letter-spacing opens a gap between a consonant and ำ, and after a tone mark
   (HarfBuzz merges "้ำ" into one cluster that starts at a non-cursor position) it even
   splits ำ: the ring stays, the า part moves. The glue moves the gap to after the ำ.
   Exact offsets: the spacing Pango puts into x offsets is pre-scaled for WeasyPrint's
   draw loop, which reads x offsets as 1/1000 px instead of 1/1024 px (2.4 % off). Both run
   before :mod:`kbo_docs.render.textlayer` groups the glyphs (that module shadows
   ``get_first_line`` on the instance and calls the class method first), so composites are
   built from the fixed geometry.

Guard
-----
Written for WeasyPrint 70.0 (:data:`WEASYPRINT_VERSION`) with Pango 1.50. :func:`install`
checks the version and every internal it uses (:func:`_missing_internals`); if anything
differs, or with ``force_fallback=True``, nothing is patched, one
:class:`ThaiDistributeWarning` is emitted per process and ``install`` returns False, and the
renderer then adds :data:`FALLBACK_CSS` (left alignment). It never breaks a render: an
error while distributing one line leaves that line left-aligned (logged).

Limits
------
* RTL lines and ``text-overflow: ellipsis`` inside marked paragraphs are not distributed
  specially (RTL: WeasyPrint's justification; ellipsis: the spacing is kept, the clipping
  is stock).
* Latin text in marked paragraphs is letter-spaced too, and Pango turns ligatures off on a
  letter-spaced box (Word behaves the same as far as we know; unverified). Sarabun's
  ligature "ฤๅ" becomes ฤ + ๅ with a gap, like any two clusters.
* The spacing is written as one TJ number per grapheme (three decimals): the content
  streams of distributed paragraphs are larger (the minutes' PDF: 28.7 KB against 24.4 KB
  left-aligned). The text layer's composites do not hold the spacing (one per grapheme for
  every line), so pdfplumber's ``x1 - x0`` of a character is its advance without spacing.
* Atomic inline boxes (images, inline-blocks) are moved, not counted as clusters.
* Word's own line breaks (dictionary based) are not reproduced: the breaks are libthai's.
* Whether Word keeps ำ with its consonant needs a Word-exported sample to confirm.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import logging
import sys
import threading
import warnings
from typing import Any

from .internals import WEASYPRINT_VERSION, Missing, params

__all__ = ["FALLBACK_CSS", "PROPERTY", "WEASYPRINT_VERSION", "ThaiDistributeWarning", "install",
           "installed", "is_marked", "uninstall"]

LOGGER = logging.getLogger(__name__)

"""The only WeasyPrint version whose internals this module has been checked against."""

PROPERTY = "--thai-distribute"
"""The inherited CSS custom property that marks Thai-distributed paragraphs."""

_KEY = "__thai_distribute"  # how WeasyPrint 70 stores ``--thai-distribute`` in a style

FALLBACK_CSS = ":root { --thai-distributed-align: left; }"
"""Added by the renderer when distribution is off: marked paragraphs become left-aligned."""

_AM = "\u0e33"  # THAI CHARACTER SARA AM
_AM_UTF8 = _AM.encode()
_OFF_VALUES = frozenset({"", "0", "none", "off", "false", "no"})
_STATE_ATTR = "_kbo_thaidist_wraps"


class ThaiDistributeWarning(UserWarning):
    """Thai distributed justification could not be installed; marked paragraphs are left-aligned."""


# --------------------------------------------------------------------------------------------
# Installation
# --------------------------------------------------------------------------------------------

_lock = threading.RLock()
_installed: dict[str, Any] = {}
"""While installed: 'justify_line' -> the original function, 'layout_class' -> our subclass."""
_warned = False
class _Flags(threading.local):
    exact = False  # a distributed text box is being drawn in this thread


_flags = _Flags()


def installed() -> bool:
    """Whether the patches are in place."""
    return bool(_installed)


def install(*, force_fallback: bool = False) -> bool:
    """Install Thai distributed justification (idempotent; cheap to call before every render).

    Returns True when it is active. If the WeasyPrint version or one of the internals it
    needs differs (or ``force_fallback``), nothing is patched (patches in place are removed),
    one :class:`ThaiDistributeWarning` is emitted per process and False is returned: the
    caller should then add :data:`FALLBACK_CSS` so marked paragraphs are left-aligned.
    """
    global _warned
    with _lock:
        missing = ["forced fallback"] if force_fallback else _missing_internals()
        if missing:
            uninstall()
            if not _warned:
                _warned = True
                warnings.warn(
                    "kbo_docs: Thai distributed justification is not installed ("
                    + "; ".join(missing)
                    + "); paragraphs marked --thai-distribute are left-aligned in PDFs.",
                    ThaiDistributeWarning,
                    stacklevel=2,
                )
            return False
        if not _installed:
            _patch()
        return True


def uninstall() -> None:
    """Put WeasyPrint's originals back (no-op when not installed)."""
    with _lock:
        if not _installed:
            return
        import weasyprint.draw.text as draw_text
        from weasyprint.layout import inline

        original = _installed["justify_line"]
        if getattr(inline.justify_line, _STATE_ATTR, None) is original:
            inline.justify_line = original
        else:  # someone wrapped our wrapper: leave theirs
            LOGGER.warning("kbo_docs thaidist: justify_line was re-wrapped, not restored")
        if draw_text.__dict__.get("int") is _installed["int"]:
            del draw_text.int
        _installed.clear()


def _unwrapped(function: Any) -> Any:
    """The stock function behind wrappers of this module or of the text layer."""
    for _ in range(8):
        inner = getattr(function, _STATE_ATTR, None) or getattr(function, "_kbo_textlayer_wraps", None)
        if inner is None:
            break
        function = inner
    return function



@functools.lru_cache(maxsize=8)
def _source(function: Any) -> str:
    """A function's source (cached: :func:`install` runs before every render)."""
    return inspect.getsource(function)


def _missing_internals() -> list[str]:
    """What this module needs from WeasyPrint/Pango but does not find (empty: all there)."""
    try:
        import weasyprint
        import weasyprint.draw.text as draw_text
        from weasyprint import css
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout import inline
        from weasyprint.text import ffi as text_ffi
        from weasyprint.text import line_break
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - depends on the environment
        return [f"import failed: {exc!r}"]

    missing = Missing(weasyprint)
    need = missing.need

    justify = _unwrapped(getattr(inline, "justify_line", None))
    need(lambda: params(justify) == ["context", "line", "extra_width"],
         "weasyprint.layout.inline.justify_line(context, line, extra_width)")
    need(lambda: params(inline.text_align) == ["context", "line", "available_width", "last"]
         and "justify_line" in inline.text_align.__code__.co_names,
         "weasyprint.layout.inline.text_align(context, line, available_width, last) calling justify_line")
    need(lambda: all(isinstance(getattr(boxes, name), type) for name in
                     ("TextBox", "InlineBox", "LineBox", "ParentBox", "AtomicInlineLevelBox"))
         and callable(boxes.Box.translate) and callable(boxes.Box.is_in_normal_flow),
         "weasyprint.formatting_structure.boxes (TextBox, InlineBox, LineBox, translate, is_in_normal_flow)")
    layout = getattr(line_break, "Layout", None)
    need(lambda: params(layout.__init__) == ["self", "style", "justification_spacing", "max_width"]
         and params(layout.setup) == ["self", "style"]
         and params(layout.set_text) == ["self", "text", "justify"]
         and params(layout.get_first_line) == ["self"]
         and params(layout.deactivate) == ["self"]
         and params(layout.reactivate) == ["self", "style"]
         and "letter_spacing" in layout.set_text.__code__.co_consts,
         "weasyprint.text.line_break.Layout(style, justification_spacing, max_width) with setup, "
         "set_text(text, justify) reading letter_spacing, get_first_line, deactivate, reactivate")
    need(lambda: {"reactivate", "deactivate", "draw_first_line"} <= set(draw_text.draw_text.__code__.co_names),
         "weasyprint.draw.text.draw_text re-shaping with reactivate/deactivate")
    dfl = _unwrapped(getattr(draw_text, "draw_first_line", None))
    need(lambda: "int" in dfl.__code__.co_names
         and draw_text.__dict__.get("int", _KerningInt) is _KerningInt,
         "weasyprint.draw.text.draw_first_line using the global int() for kerning")
    need(lambda: any(isinstance(c, str) and c[:2] == "__" or c == "__"
                     for c in css.ComputedStyle.__missing__.__code__.co_consts),
         "weasyprint.css.ComputedStyle storing custom properties as '__name'")
    need(lambda: text_ffi.TO_UNITS == 1024 and text_ffi.FROM_UNITS == 1 / 1024,
         "weasyprint.text.ffi TO_UNITS/FROM_UNITS (Pango units)")
    need(lambda: all(callable(getattr(text_ffi.pango, name)) for name in
                     ("pango_get_log_attrs", "pango_language_from_string", "pango_layout_get_log_attrs_readonly"))
         and "is_cursor_position" in {f for f, _ in text_ffi.ffi.typeof("PangoLogAttr").fields}
         and {"glyphs", "num_glyphs", "log_clusters"} <= {f for f, _ in text_ffi.ffi.typeof("PangoGlyphString").fields}
         and {"width", "x_offset"} <= {f for f, _ in text_ffi.ffi.typeof("PangoGlyphGeometry").fields}
         and {"offset", "length"} <= {f for f, _ in text_ffi.ffi.typeof("PangoItem").fields},
         "weasyprint.text.ffi: pango_get_log_attrs, PangoLogAttr.is_cursor_position, glyph strings")
    need(lambda: _glyph_info_layout() == _GLYPH_INFO
         and all(text_ffi.ffi.sizeof(t) == 4 for t in ("PangoGlyphUnit", "PangoGlyph"))
         and "glyph_info.geometry.x_offset / font_size" in _source(dfl),
         "PangoGlyphInfo layout (int32 words), draw_first_line writing x_offset / font_size")
    need(lambda: text_ffi.pango.pango_version() // 100 == 150,
         "Pango 1.50 (letter-spacing at cursor positions, cursor position before SARA AM)")
    return missing


def _patch() -> None:
    import weasyprint.draw.text as draw_text
    from weasyprint.layout import inline

    original = _unwrapped(inline.justify_line)

    def justify_line(context, line, extra_width):  # type: ignore[no-untyped-def]
        if is_marked(line.style) and line.style["direction"] != "rtl" and extra_width > 0:
            try:
                if _distribute(line, extra_width):
                    return None
            except Exception:  # never break a render for the alignment
                LOGGER.exception("kbo_docs thaidist: line left as laid out")
                return None
        return original(context, line, extra_width)

    justify_line.__name__ = original.__name__
    justify_line.__qualname__ = original.__qualname__
    justify_line.__doc__ = original.__doc__
    setattr(justify_line, _STATE_ATTR, original)
    _installed["layout_class"] = _make_layout_class()
    _installed["int"] = _KerningInt
    _installed["justify_line"] = original
    inline.justify_line = justify_line
    draw_text.int = _KerningInt


# --------------------------------------------------------------------------------------------
# The marker
# --------------------------------------------------------------------------------------------


def is_marked(style: Any) -> bool:
    """Whether a computed style carries ``--thai-distribute`` with a value that is not off."""
    value = style[_KEY]
    if not value:
        return False
    text = "".join(getattr(token, "serialize", lambda t=token: str(t))() for token in value)
    return text.strip().lower() not in _OFF_VALUES


# --------------------------------------------------------------------------------------------
# Distributing one line
# --------------------------------------------------------------------------------------------


def _leaves(box: Any, out: list[Any]) -> list[Any]:
    """Text boxes and atomic inline boxes of a line, in order (normal flow only)."""
    from weasyprint.formatting_structure import boxes

    for child in box.children:
        if not child.is_in_normal_flow():
            continue
        if isinstance(child, boxes.TextBox):
            out.append(child)
        elif isinstance(child, (boxes.InlineBox, boxes.LineBox)):
            _leaves(child, out)
        else:
            out.append(child)
    return out


_languages: dict[str, Any] = {}
_cursor_mask: list[int] = []


def _language(lang: str | None) -> Any:
    from weasyprint.text.ffi import pango

    key = lang or ""
    language = _languages.get(key)
    if language is None:
        if key:
            language = pango.pango_language_from_string(key.encode())
        else:
            language = pango.pango_language_get_default()
        _languages[key] = language
    return language


def _cursor_bit() -> int:
    """The bit of a PangoLogAttr (read as one native unsigned int) that is is_cursor_position."""
    if not _cursor_mask:
        from weasyprint.text.ffi import ffi

        probe = ffi.new("PangoLogAttr *")
        probe.is_cursor_position = 1
        _cursor_mask.append(int.from_bytes(ffi.buffer(probe), sys.byteorder))
    return _cursor_mask[0]


def _clusters(text: str, style: Any) -> int:
    """Gaps Pango's letter-spacing puts in ``text`` plus one: its cursor positions, except
    those before a SARA AM that follows something (the glue closes those)."""
    from weasyprint.text.ffi import ffi, pango

    data = text.encode()
    size = len(text) + 1
    attrs = ffi.new("PangoLogAttr[]", size)
    pango.pango_get_log_attrs(data, len(data), 0, _language(style["lang"]), attrs, size)
    raw = ffi.buffer(attrs)
    mask = _cursor_bit()
    width = ffi.sizeof("PangoLogAttr")
    if width == 4:
        values = memoryview(raw).cast("I")
    else:  # pragma: no cover - PangoLogAttr is one guint in Pango 1.50
        values = [int.from_bytes(raw[i * width:(i + 1) * width], sys.byteorder) for i in range(size)]
    count = 0
    for index, char in enumerate(text):
        if values[index] & mask and (char != _AM or index == 0):
            count += 1
    return count


def _units(letter_spacing: Any) -> int:
    """Pango units of a computed letter-spacing, as ``Layout.set_text`` converts it."""
    return 0 if letter_spacing == "normal" else int(letter_spacing * 1024)


def _spacing_for(base: Any, increment: int) -> float:
    """A letter-spacing (px) that ``Layout.set_text`` turns into base + ``increment`` Pango
    units, avoiding whole pixels (Pango rounds those and splits them unevenly)."""
    units = _units(base) + increment
    if units % 1024 == 0:
        units += 1
    return (units + 0.5) / 1024


def _measure(layout_class: type, box: Any, spacing: float, clusters: int) -> tuple[Any, Any, float]:
    """(style, deactivated layout, width in px) of ``box`` with ``letter-spacing: spacing``.

    The width follows WeasyPrint's ``line_size()``: the advance of the box's glyphs plus
    one letter-spacing (the gap to whatever follows; Pango trims the spacing at both ends
    of a box). One Pango 1.50 quirk is taken out: when the text ends in a zero-width mark,
    the half spacing after the last cluster is not trimmed."""
    from weasyprint.text.ffi import ffi

    style = box.style.copy()
    style["letter_spacing"] = spacing
    layout = layout_class(style, 0, None)
    layout.set_text(box.text)
    line, _index = layout.get_first_line()
    total = 0
    last = None
    stride, width_at, _x_at = _GLYPH_INFO
    run = line.runs
    while run != ffi.NULL:
        glyphs = run.data.glyphs
        run = run.next
        if glyphs.num_glyphs > 0:
            widths = _glyph_view(glyphs)[width_at::stride]
            total += sum(widths)
            last = widths[-1]
    layout.deactivate()
    units = _units(spacing)
    increment = units - _units(box.style["letter_spacing"])
    natural = box.width * 1024 - _units(box.style["letter_spacing"])
    surplus = total - natural - (clusters - 1) * increment
    right = units - units // 2
    if last == 0 and abs(surplus - right) <= 2:
        total -= right
    return style, layout, (total + units) / 1024


def _distribute(line: Any, extra_width: float) -> bool:
    """Spread ``extra_width`` over the clusters of ``line``; False: leave it to WeasyPrint."""
    from weasyprint.formatting_structure import boxes

    layout_class = _installed["layout_class"]
    leaves = [leaf for leaf in _leaves(line, []) if not (isinstance(leaf, boxes.TextBox) and not leaf.text)]
    texts = [leaf for leaf in leaves if isinstance(leaf, boxes.TextBox) and leaf.text]
    if not leaves or not texts:
        return False
    counts = [_clusters(box.text, box.style) for box in texts]
    trailing = isinstance(leaves[-1], boxes.TextBox)  # its last gap is past the line's end
    gaps = sum(counts) - trailing
    if gaps <= 0:
        return False
    increment = round(extra_width * 1024 / gaps)
    if increment <= 0:
        return True  # less than a Pango unit per gap: nothing to spread, stay as laid out

    for attempt in range(2):
        measured = []
        growth = 0.0
        for box, clusters in zip(texts, counts):
            spacing = _spacing_for(box.style["letter_spacing"], increment)
            style, layout, width = _measure(layout_class, box, spacing, clusters)
            measured.append((box, style, layout, width))
            growth += width - box.width
        if trailing:
            growth -= _units(measured[-1][1]["letter_spacing"]) / 1024 - _units(texts[-1].style["letter_spacing"]) / 1024
        error = extra_width - growth
        if attempt or abs(error) * 1024 <= gaps:  # within one Pango unit (1/1024 px) per gap
            break
        # Pango spaced differently from the count (another Pango version?): correct once.
        LOGGER.debug("kbo_docs thaidist: growth %.3f px for slack %.3f px, correcting", growth, extra_width)
        rate = (growth / increment) if increment else 0
        if rate <= 0:
            return False
        increment = max(1, round(increment + error / rate))

    widths = {}
    for box, style, layout, width in measured:
        widths[id(box)] = width
        box.style = style
        box.pango_layout = layout
        box.justification_spacing = 0
    _shift(line, widths, 0.0)
    return True


def _shift(box: Any, widths: dict[int, float], x_advance: float) -> float:
    """Apply the new text box widths and move what follows (as ``add_word_spacing`` does)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        width = widths.get(id(box))
        if width is not None:
            x_advance += width - box.width
            box.width = width
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _shift(child, widths, x_advance)
        box.width += x_advance - before
    else:  # atomic inline-level box
        box.translate(x_advance, 0)
    return x_advance


# --------------------------------------------------------------------------------------------
# The Layout subclass: SARA AM glue, exact kerning while drawing
# --------------------------------------------------------------------------------------------


def _make_layout_class() -> type:
    from weasyprint.text.line_break import Layout

    class DistributedLayout(Layout):
        """A text box layout with Thai-distributed letter-spacing (see the module docstring)."""

        _adjusted = False

        def setup(self, style):  # type: ignore[no-untyped-def]
            self._adjusted = False
            super().setup(style)

        def set_text(self, text, justify=False):  # type: ignore[no-untyped-def]
            self._adjusted = False
            super().set_text(text, justify)

        def get_first_line(self):  # type: ignore[no-untyped-def]
            line, index = super().get_first_line()
            if not self._adjusted and line != _NULL[0]:
                self._adjusted = True
                try:
                    _adjust_glyphs(self, line)
                except Exception:  # a gap before ำ is better than no PDF
                    LOGGER.exception("kbo_docs thaidist: glyphs left as Pango spaced them")
            return line, index

        def reactivate(self, style):  # type: ignore[no-untyped-def]
            _flags.exact = True  # draw_text: reactivate, draw_first_line, deactivate
            super().reactivate(style)

        def deactivate(self):  # type: ignore[no-untyped-def]
            _flags.exact = False
            self._adjusted = False
            super().deactivate()

    from weasyprint.text.ffi import ffi

    _NULL[:] = [ffi.NULL]
    DistributedLayout.__module__ = __name__
    return DistributedLayout


_NULL: list[Any] = [None]
_GLUE_SARA_AM = True
"""Switch for tests: without the glue, Pango's gaps inside ำ graphemes stay."""

_GLYPH_INFO = (5, 1, 2)
"""PangoGlyphInfo as int32 words: (stride, index of geometry.width, index of geometry.x_offset);
checked against cffi's layout by :func:`_missing_internals`."""


def _glyph_info_layout() -> tuple[int, int, int]:
    from weasyprint.text.ffi import ffi

    base = ffi.offsetof("PangoGlyphInfo", "geometry")
    return (ffi.sizeof("PangoGlyphInfo") // 4, (base + ffi.offsetof("PangoGlyphGeometry", "width")) // 4,
            (base + ffi.offsetof("PangoGlyphGeometry", "x_offset")) // 4)


def _glyph_view(glyph_string: Any) -> memoryview:
    """The glyphs of a PangoGlyphString as a writable memoryview of int32 words."""
    from weasyprint.text.ffi import ffi

    size = glyph_string.num_glyphs * _GLYPH_INFO[0] * 4
    return memoryview(ffi.buffer(glyph_string.glyphs, size)).cast("i")


def _adjust_glyphs(layout: Any, line: Any) -> None:
    """Fix up Pango's letter-spaced glyphs of one line, cluster by cluster.

    What Pango 1.50 did (and :func:`_clusters` counts on): the first glyph of a cluster that
    starts at a cursor position got half a spacing (``left``) in its width and x offset,
    except at the start of the line; the last glyph of such a cluster got ``right`` in its
    width; a cluster at a non-cursor position whose first glyph has no advance (a mark) got
    its x offset pulled back by ``right``, so it stays on the glyph before.

    1. SARA AM glue. A cluster starting with ำ at a cursor position: take ``right`` off the
       glyph before and ``left`` off its own first glyph, so it touches its consonant. A
       cluster at a non-cursor position holding ำ (HarfBuzz merged "้ำ"; Pango split ำ, the
       ring stayed, the า part moved): take ``right`` off the glyph before, give it back to
       a zero-width first glyph's x offset and put it after the cluster.
    2. Exact offsets. WeasyPrint 70's ``draw_first_line`` (and the text layer, which copies
       its scaling) writes ``x_offset / font_size`` as TJ thousandths of an em, reading Pango
       units (1/1024 px) as 1/1000 px, so a glyph is drawn 2.4 % of its x offset too far.
       Harmless for the small offsets of marks, which are left as they are (they match
       every other line of the document), but the spacing Pango put in the x offsets would
       move marks off their consonant by 2.4 % of the spacing. That part is stored scaled
       by 1000/1024, so it is drawn exactly (the pen advance does not use x offsets).
    """
    from weasyprint.text.ffi import ffi, pango

    spacing = _units(layout.style["letter_spacing"])
    if spacing <= 0:
        return
    left = spacing // 2
    if spacing % 1024 == 0:  # Pango's whole-pixel hinting (avoided by _spacing_for)
        left = (left + 512) & ~1023
    right = spacing - left
    exact = {left: left - round(left * 1000 / 1024), -right: -right - round(-right * 1000 / 1024)}

    data = layout.text.encode()
    count = ffi.new("int *")
    attrs = pango.pango_layout_get_log_attrs_readonly(layout.layout, count)
    size = ffi.sizeof("PangoLogAttr")
    if size == 4:
        cursor_words = memoryview(ffi.buffer(attrs, count[0] * size)).cast("I")
    else:  # pragma: no cover - PangoLogAttr is one guint in Pango 1.50
        cursor_words = [int.from_bytes(ffi.buffer(attrs + i, size), sys.byteorder) for i in range(count[0])]
    mask = _cursor_bit()
    # Byte offsets of the characters that are cursor positions.
    starts = itertools.accumulate(map(len, map(str.encode, layout.text)), initial=0)
    cursors = {byte for byte, word in zip(starts, cursor_words) if word & mask}
    glue = _GLUE_SARA_AM and _AM_UTF8 in data
    stride, width_at, x_at = _GLYPH_INFO

    items = []
    run = line.runs
    while run != ffi.NULL:
        items.append(run.data)
        run = run.next
    previous: tuple[memoryview, int] | None = None  # (view, word) of the width of the glyph before
    first = True
    for number, glyph_item in enumerate(items):
        total = glyph_item.glyphs.num_glyphs
        if glyph_item.item.analysis.level % 2 or total <= 0:  # RTL: not handled
            previous = None
            first = False
            continue
        view = _glyph_view(glyph_item.glyphs)
        clusters = ffi.unpack(glyph_item.glyphs.log_clusters, total)
        offset, length = glyph_item.item.offset, glyph_item.item.length
        last_item = number == len(items) - 1
        start = 0
        while start < total:
            end = start + 1
            while end < total and clusters[end] == clusters[start]:
                end += 1
            byte = offset + clusters[start]
            cursor = byte in cursors
            width_word, x_word = start * stride + width_at, start * stride + x_at
            delta = 0  # what letter-spacing left in this cluster's first x offset
            if cursor:
                delta = 0 if first else left
                if glue and previous is not None and data.startswith(_AM_UTF8, byte):
                    previous[0][previous[1]] -= right
                    view[width_word] -= left
                    view[x_word] -= left
                    delta = 0
            else:
                zero = view[width_word] == 0
                delta = -right if zero else 0
                stop = offset + (clusters[end] if end < total else length)
                if glue and previous is not None and _AM_UTF8 in data[byte:stop]:
                    previous[0][previous[1]] -= right
                    if zero:
                        view[x_word] += right
                        delta = 0
                    if end < total or not last_item:  # Pango trims the spacing at the end
                        view[(end - 1) * stride + width_at] += right
            if delta:
                view[x_word] -= exact[delta]
            previous = (view, (end - 1) * stride + width_at)
            first = False
            start = end


class _KerningInt(int):
    """``int`` as seen by ``weasyprint.draw.text``: plain ``int()`` except while a
    distributed text box is drawn, where a float keeps three decimals when formatted
    (the TJ kerning ``f'>{int(kerning)}<'``). Still an ``int`` for cffi."""

    exact: float

    def __new__(cls, value: Any = 0, *args: Any) -> Any:
        if not _flags.exact or args or value.__class__ is not float:
            return int(value, *args)
        number = super().__new__(cls, value)
        number.exact = value
        return number

    def __format__(self, spec: str) -> str:
        if spec:
            return format(int(self), spec)
        text = f"{self.exact:.3f}".rstrip("0").rstrip(".")
        return "0" if text in ("", "-0") else text

    __str__ = __repr__ = lambda self: self.__format__("")  # type: ignore[assignment]
