"""The web front end in-process (Starlette's TestClient) on a fresh data folder per test."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note that httpx is to become httpx2
    from starlette.testclient import TestClient

from kbo_docs.web import create_app

ROOT = Path(__file__).resolve().parents[2]
LAMPANG = Path(__file__).resolve().parent / "lampang-one-letter.yaml"  # one letter per entry (no recipients)
CHIANGMAI = ROOT / "samples" / "chiangmai-kbo-meeting-1-2565.yaml"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    with TestClient(create_app(tmp_path / "data"), raise_server_exceptions=False) as c:
        yield c


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, "page has no CSRF field"
    return m.group(1)


def form_values(html: str, form_id: str) -> list[tuple[str, str]]:
    """What a browser would post from the form (lxml's idea of successful controls, less those
    in a disabled fieldset, which browsers do not post either: the forms of a union not chosen)."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    form = tree.get_element_by_id(form_id)
    for fieldset in form.xpath(".//fieldset[@disabled]"):
        for control in fieldset.xpath(".//input | .//select | .//textarea"):
            control.set("disabled", "disabled")
    return list(form.form_values())
