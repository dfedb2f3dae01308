"""``kbo-docs serve``: the clerk's front end in the browser (Starlette + Jinja2 + htmx).

The pages only call :mod:`kbo_docs.api`; rules and Thai formatting stay there."""

from .app import create_app

__all__ = ["create_app"]
