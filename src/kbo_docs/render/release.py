"""A finished WeasyPrint layout freed by reference counting, not by the cyclic collector (issue 16).

A laid-out register is about 470,000 Python objects a thousand rows (boxes, computed styles,
the boxes built from the HTML), and in WeasyPrint 70.0 all of them hang from two kinds of
reference cycle only:

* ``LayoutContext.get_image_from_uri`` is ``partial(get_image_from_uri, context=self)``
  (``weasyprint/layout/__init__.py``): the context holds the cascade (every computed style)
  and, in its ``tables`` cache, the boxes built from the HTML;
* every laid-out table's columns get ``column.get_cells``, a closure over the table
  (``table_layout`` in ``weasyprint/layout/table.py``), so each page's table holds itself.

So nothing of a layout went before a collection, and the collection after each part of a long
register (:mod:`kbo_docs.render.parts`) walked the whole layout again: 0.95 s of a 2,000-row
register's 7.4 s of CPU. Inside :func:`released`, the layout contexts WeasyPrint makes are
recorded (``Document._build_layout_context`` wrapped: the context is kept nowhere else) with
the documents :func:`kbo_docs.render.pdf.render_document` returns; when the block ends those
two cycles are cut, and the layout goes with its last reference. What is left to the
collector is small (the HTML parser's tree, a few styles). Nothing drawn changes: the cycles
are cut only when the block's documents are done with (written).

Installed with the same care as the other patches (:mod:`kbo_docs.render.internals`): the
WeasyPrint version and every internal used are checked first; if one differs (or
``force_fallback``), nothing is patched, :func:`released` records nothing and the collector
frees the layouts as before (slower, same PDF).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .internals import Missing, params

_STATE_ATTR = "_kbo_release_wraps"
_lock = threading.RLock()
_installed: dict[str, Any] = {}
"""``"build"`` -> the original ``Document._build_layout_context`` (a classmethod), while installed."""
_local = threading.local()


def installed() -> bool:
    return bool(_installed)


def install(*, force_fallback: bool = False) -> bool:
    """Wrap ``Document._build_layout_context`` (idempotent). False, and nothing patched (a
    patch in place removed), when an internal differs or with ``force_fallback``: layouts
    are then freed by the collector. No warning: only time is at stake, never the output."""
    with _lock:
        if force_fallback or _missing_internals():
            uninstall()
            return False
        if not _installed:
            from weasyprint.document import Document

            original = Document.__dict__["_build_layout_context"]
            build = original.__func__

            def _build_layout_context(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
                context = build(cls, *args, **kwargs)
                scopes = getattr(_local, "scopes", None)
                if scopes:
                    scopes[-1].contexts.append(context)
                return context

            setattr(_build_layout_context, _STATE_ATTR, original)
            Document._build_layout_context = classmethod(_build_layout_context)
            _installed["build"] = original
        return True


def uninstall() -> None:
    with _lock:
        if not _installed:
            return
        from weasyprint.document import Document

        current = Document.__dict__.get("_build_layout_context")
        if getattr(getattr(current, "__func__", None), _STATE_ATTR, None) is _installed["build"]:
            Document._build_layout_context = _installed["build"]
        _installed.clear()


def _missing_internals() -> list[str]:
    """What cutting the cycles needs from WeasyPrint but does not find (empty: all there)."""
    try:
        import weasyprint
        from weasyprint import document, layout
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout import table
    except Exception as exc:  # noqa: BLE001  # pragma: no cover - depends on the environment
        return [f"import failed: {exc!r}"]
    missing = Missing(weasyprint)
    need = missing.need
    build = document.Document.__dict__.get("_build_layout_context")
    build = getattr(getattr(build, "__func__", None), _STATE_ATTR, build)  # ours wraps the stock one
    need(lambda: isinstance(build, classmethod)
         and params(build.__func__) == ["cls", "html", "font_config", "counter_style", "color_profiles", "options"]
         and "_build_layout_context" in document.Document._render.__func__.__code__.co_names,
         "weasyprint.document.Document._build_layout_context(html, font_config, counter_style, "
         "color_profiles, options), a classmethod called by Document._render")
    need(lambda: {"partial", "get_image_from_uri"} <= set(layout.LayoutContext.__init__.__code__.co_names),
         "weasyprint.layout.LayoutContext.__init__ setting get_image_from_uri = partial(..., context=self)")
    need(lambda: {"get_cells", "column_groups"} <= set(table.table_layout.__code__.co_names),
         "weasyprint.layout.table.table_layout setting column.get_cells on the table's column groups")
    need(lambda: all(isinstance(getattr(boxes, name), type) for name in ("ParentBox", "LineBox", "TableBox")),
         "weasyprint.formatting_structure.boxes (ParentBox, LineBox, TableBox)")
    return missing


class _Scope:
    def __init__(self) -> None:
        self.contexts: list[Any] = []
        self.documents: list[Any] = []


def finished_later(document: Any) -> None:
    """Note a laid-out document for the innermost :func:`released` block (no-op outside one)."""
    scopes = getattr(_local, "scopes", None)
    if scopes:
        scopes[-1].documents.append(document)


@contextmanager
def released() -> Iterator[None]:
    """Cut the reference cycles of every layout made in the block when it ends. The block must
    be done with its documents (written): a document laid out in it is not drawn afterwards."""
    scopes = getattr(_local, "scopes", None)
    if scopes is None:
        scopes = _local.scopes = []
    scope = _Scope()
    scopes.append(scope)
    try:
        yield
    finally:
        scopes.remove(scope)
        if installed():
            _cut(scope)


def _cut(scope: _Scope) -> None:
    from weasyprint.formatting_structure import boxes

    for context in scope.contexts:
        context.__dict__.pop("get_image_from_uri", None)
    todo = [page._page_box for document in scope.documents for page in document.pages]
    scope.contexts.clear()
    scope.documents.clear()
    while todo:  # the block-level boxes down to each table (not into lines, rows or cells)
        box = todo.pop()
        if isinstance(box, boxes.TableBox):
            for group in box.column_groups:
                for column in group.children:
                    column.__dict__.pop("get_cells", None)
        elif isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
            todo.extend(box.children)
