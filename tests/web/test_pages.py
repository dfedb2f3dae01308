"""The pages: forms generated from the model that round-trip a data file, findings beside their
field, history, numbering, the lint page, login and CSRF."""

from __future__ import annotations

import re
import threading
from typing import Literal

from pathlib import Path

import pytest
from pydantic import Field as PydanticField

from kbo_docs import api
from kbo_docs.load import load_project, load_text
from kbo_docs.model import Node
from kbo_docs.web import create_app, forms

from .conftest import CHIANGMAI, LAMPANG, TestClient, csrf_of, form_values


def _create(client, path=None, name="ทดสอบ") -> int:
    csrf = csrf_of(client.get("/").text)
    files = {"yaml": (path.name, path.read_bytes())} if path else {"yaml": ("", b"")}
    r = client.post("/projects", data={"csrf": csrf, "name": name}, files=files, follow_redirects=False)
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])


def _latest(client, pid: int) -> str:
    return client.get(f"/projects/{pid}/yaml").text


# Every sample, the Lampang one with its circular bound to its register (``recipients:``, a union
# the form offers as a choice), and the one-letter copy the other web tests use.
FORM_SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.yaml")) + [LAMPANG]


@pytest.mark.parametrize("sample", FORM_SAMPLES, ids=lambda p: p.stem)
def test_the_generated_form_round_trips_a_data_file(client, sample) -> None:
    """Every sample, of every kind (kinds added later included: no form is written per kind)."""
    pid = _create(client, sample)
    page = client.get(f"/projects/{pid}")
    assert page.status_code == 200
    values = form_values(page.text, "editor") + [("action", "save")]
    r = client.post(f"/projects/{pid}", data=_multi(values), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("saved=2")
    saved = _latest(client, pid)
    assert load_text(saved).project.model_dump() == load_project(sample).project.model_dump()
    # Saving the same form again makes no new version.
    page = client.get(f"/projects/{pid}")
    r = client.post(f"/projects/{pid}", data=_multi(form_values(page.text, "editor") + [("action", "save")]),
                    follow_redirects=False)
    assert r.headers["location"].endswith("saved=2")


def _multi(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for k, v in pairs:
        out.setdefault(k, []).append(v)
    return out


def test_a_project_year_from_nothing(client) -> None:
    pid = _create(client)
    page = client.get(f"/projects/{pid}").text
    values = dict(form_values(page, "editor"))
    values.update({"agency.name": "สำนักงานพัฒนาชุมชนจังหวัดลำปาง", "project.name": "โครงการทดสอบ",
                   "project.fiscal_year": "๒๕๖๘", "action": "add:circulars"})
    page = client.post(f"/projects/{pid}", data=values).text
    assert 'name="circulars.0.subject"' in page  # the new item's fields, generated
    values = dict(form_values(page, "editor"))
    values.update({
        "circulars.0.id": "letter1", "circulars.0.number": "ลป ๐๐๑๙.๓/ว ๑", "circulars.0.date": "๖ ธ.ค. ๖๗",
        "circulars.0.subject": "ทดสอบ", "circulars.0.recipient": "นายอำเภอทุกอำเภอ",
        "circulars.0.body": "ด้วยจังหวัดลำปางขอแจ้งเรื่องทดสอบ", "circulars.0.signer.name": "นายทดสอบ ใจดี",
        "circulars.0.signer.position": "พัฒนาการจังหวัดลำปาง", "action": "save",
    })
    r = client.post(f"/projects/{pid}", data=values, follow_redirects=False)
    assert r.status_code == 303
    loaded = load_text(_latest(client, pid))
    c = loaded.project.circulars[0]
    assert (c.date.isoformat(), c.number, c.body) == ("2024-12-06", "ลป ๐๐๑๙.๓/ว ๑", ["ด้วยจังหวัดลำปางขอแจ้งเรื่องทดสอบ"])
    pdf = client.get(f"/projects/{pid}/download/pdf?only=letter1")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    png = client.get(f"/projects/{pid}/preview/letter1/1.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(f"/projects/{pid}/preview/letter1/9.png").status_code == 404


def test_a_preview_asked_again_is_not_rendered_again(client) -> None:
    pid = _create(client, LAMPANG)
    renderers = client.app.state.renderers
    before = renderers.jobs
    first = client.get(f"/projects/{pid}/preview/kbo68-districts/1.png")
    again = client.get(f"/projects/{pid}/preview/kbo68-districts/1.png")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert renderers.jobs == before + 1
    download = client.get(f"/projects/{pid}/download/pdf?only=kbo68-districts")
    assert download.status_code == 200 and renderers.jobs == before + 2


def test_findings_appear_beside_their_field(client) -> None:
    pid = _create(client, LAMPANG)
    page = client.get(f"/projects/{pid}").text
    values = form_values(page, "editor")
    deadline = next(name for name, value in values if name.endswith(".deadline") and value)
    values = [(k, "๒๐ ธันวาคม ๒๕๖๘" if k == deadline else v) for k, v in values]
    r = client.post(f"/projects/{pid}/check", data=_multi(values), headers={"HX-Request": "true"})
    assert r.status_code == 200
    slot = forms.Field(deadline, "text", "").slot
    m = re.search(rf'<div id="{slot}" hx-swap-oob="innerHTML">(.*?)</div>\n', r.text, re.S)
    assert m and "CIR003" in m.group(1)
    assert "ข้อผิดพลาด ๑" in r.text
    # A schema error (a date that does not exist) is placed too.
    values = [(k, "๓๑ กุมภาพันธ์ ๒๕๖๗" if k == deadline else v) for k, v in values]
    r = client.post(f"/projects/{pid}/check", data=_multi(values))
    m = re.search(rf'<div id="{slot}" hx-swap-oob="innerHTML">(.*?)</div>\n', r.text, re.S)
    assert m and "INPUT" in m.group(1)


def test_add_and_remove_items_and_grid_rows(client) -> None:
    pid = _create(client, LAMPANG)
    values = form_values(client.get(f"/projects/{pid}").text, "editor")
    before = load_text(_latest(client, pid)).project
    page = client.post(f"/projects/{pid}", data=_multi(values + [("action", "remove:circulars.0")])).text
    assert 'name="circulars.0.subject"' not in page
    assert 'name="registers.0.rows.0.name"' in page
    values = form_values(page, "editor")
    # A row pasted into the grid (as the browser's script leaves it: one more row, count raised).
    n = int(dict(values)["registers.0.rows.__n"])
    keys = [v for k, v in values if k == "registers.0.rows.__key"]
    values = [(k, str(n + 1) if k == "registers.0.rows.__n" else v) for k, v in values]
    values += [(f"registers.0.rows.{n}.name", "อำเภอใหม่")] + [(f"registers.0.rows.{n}.{j}", "๑") for j in range(len(keys))]
    r = client.post(f"/projects/{pid}", data=_multi(values + [("action", "save")]), follow_redirects=False)
    assert r.status_code == 303
    after = load_text(_latest(client, pid)).project
    assert len(after.circulars) == len(before.circulars) - 1
    assert after.registers[0].rows[-1].name == "อำเภอใหม่"
    assert len(after.registers[0].rows) == len(before.registers[0].rows) + 1


def test_a_download_refused_for_errors_says_why_as_a_page(client) -> None:
    text = LAMPANG.read_text(encoding="utf-8").replace("deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    csrf = csrf_of(client.get("/").text)
    r = client.post("/projects", data={"csrf": csrf, "name": "x"}, files={"yaml": ("x.yaml", text.encode())},
                    follow_redirects=False)
    pid = int(r.headers["location"].rsplit("/", 1)[1])
    r = client.get(f"/projects/{pid}/download/pdf")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "CIR003" in r.text and f'href="/projects/{pid}"' in r.text


def test_history_diff_and_restore(client) -> None:
    pid = _create(client, CHIANGMAI)
    values = form_values(client.get(f"/projects/{pid}").text, "editor")
    values = [(k, "ห้องประชุมใหม่" if k == "meetings.0.venue" else v) for k, v in values]
    client.post(f"/projects/{pid}", data=_multi(values + [("action", "save")]))
    page = client.get(f"/projects/{pid}/history?a=1&b=2").text
    assert "+  venue: ห้องประชุมใหม่" in page
    diff = page.split('id="diff"')[1].split("</div>")[0]
    assert "# " not in diff and "text:" not in diff  # comments and shorthands of the imported file are no change
    assert diff.count('class="add"') == 1 and diff.count('class="del"') == 1
    csrf = csrf_of(page)
    r = client.post(f"/projects/{pid}/restore/1", data={"csrf": csrf}, follow_redirects=False)
    assert r.headers["location"].endswith("saved=3")
    assert client.get(f"/projects/{pid}/yaml?v=3").text == client.get(f"/projects/{pid}/yaml?v=1").text
    assert "ห้องประชุมใหม่" not in _latest(client, pid)
    assert client.get(f"/projects/{pid}/history?a=1&b=99").status_code == 404


def test_forms_are_generated_for_kinds_nobody_wrote_a_form_for() -> None:
    class Visit(Node):
        place: str
        kind: Literal["site", "office"] = "site"
        people: list[str] = PydanticField(default_factory=list)

    class Future(Node):
        visits: list[Visit] = PydanticField(default_factory=list)
        budget: dict[str, int] = PydanticField(default_factory=dict)

    fields = forms.build(Future, {"visits": [{"place": "ลำปาง", "people": ["ก", "ข"]}], "budget": {"a": "๑"}})
    names = {f.name: f for top in fields for f in top.walk()}
    assert names["visits"].widget == "list"
    assert names["visits.0.place"].value == "ลำปาง"
    assert names["visits.0.kind"].options == ["site", "office"]
    assert names["visits.0.people"].value == "ก\nข"
    assert names["budget"].widget == "mapping"

    from starlette.datastructures import FormData

    form = FormData([("visits.__n", "1"), ("visits.0.place", " เชียงใหม่ "), ("visits.0.people", "ก\n\nค"),
                     ("budget", "a: ๒")])
    assert forms.parse(Future, form) == {"visits": [{"place": "เชียงใหม่", "people": ["ก", "ค"]}], "budget": {"a": "๒"}}


def test_forms_without_csrf_are_refused(client) -> None:
    pid = _create(client, LAMPANG)
    assert client.post(f"/projects/{pid}", data={"action": "save"}).status_code == 403
    assert client.post("/numbers", data={"series": "ลป ๑/ว"}).status_code == 403
    assert client.post("/projects", data={"csrf": "forged"}).status_code == 403


def test_two_clerks_issuing_at_once_get_two_numbers(client) -> None:
    csrf = csrf_of(client.get("/numbers").text)
    got: list[str] = []

    def issue() -> None:
        r = client.post("/numbers", data={"csrf": csrf, "series": "ลป ๐๐๑๙.๓/ว", "date": "๖ ธ.ค. ๖๗",
                                          "subject": "ทดสอบ"}, headers={"HX-Request": "true"})
        got.append(re.search(r'data-number="(\d+)"', r.text).group(1))

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(map(int, got)) == list(range(1, 9))
    r = client.post("/numbers", data={"csrf": csrf, "series": "ลป ๐๐๑๙.๓/ว", "date": "๓๑ ก.พ. ๖๗"})
    assert r.status_code == 422 and "31" in r.text
    xlsx = client.get("/numbers.xlsx")
    import io

    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.cell(3, 2).value == "ลป ๐๐๑๙.๓/ว ๑" and ws.cell(10, 2).value == "ลป ๐๐๑๙.๓/ว ๘"


def test_the_lint_page_shows_findings_beside_the_text(client) -> None:
    text = "เรียน นายอำเภอ\nขอให้ส่งภายในวันที่ ๓๑ กุมภาพันธ์ ๒๕๖๘\n"
    csrf = csrf_of(client.get("/lint").text)
    r = client.post("/lint", data={"csrf": csrf}, files={"file": ("letter.txt", text.encode())})
    assert r.status_code == 200
    result = api.lint_bytes(text.encode(), "letter.txt")
    assert result.findings
    for f in result.findings:
        assert f.rule in r.text
    piece = re.search(r'<span class="hit">([^<]*)</span>', r.text)
    assert piece and "๓๑ กุมภาพันธ์" in piece.group(1)


def test_static_files_and_fonts_come_from_the_package(client) -> None:
    js = client.get("/static/htmx.min.js")
    assert js.status_code == 200 and b"htmx" in js.content[:2000]
    assert client.get("/static/LICENSE.htmx").status_code == 200
    font = client.get("/fonts/Sarabun-Regular.ttf")
    assert font.status_code == 200 and font.content[:4] in (b"\x00\x01\x00\x00", b"true")
    for bad in ("/fonts/..%2Fpyproject.toml", "/fonts/secret.key", "/static/../app.py", "/static/%2e%2e/app.py"):
        assert client.get(bad).status_code == 404, bad
    page = client.get("/")
    assert "cdn" not in page.text.lower() and 'src="/static/htmx.min.js"' in page.text


def test_user_text_is_escaped(client) -> None:
    pid = _create(client, LAMPANG, name='<script>alert("x")</script>')
    page = client.get(f"/projects/{pid}").text
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


def test_a_server_beyond_loopback_requires_a_login(tmp_path) -> None:
    app = create_app(tmp_path / "data", host="0.0.0.0")
    app.state.accounts.set_password("clerk", "ลับมาก-123")
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/login"
        assert c.post("/api/check", content=b"x", headers={"content-type": "application/yaml"}).status_code == 401
        assert c.get("/healthz").status_code == 200
        assert c.post("/api/check", content=LAMPANG.read_bytes(), auth=("clerk", "ลับมาก-123"),
                      headers={"content-type": "application/yaml"}).status_code == 200
        csrf = csrf_of(c.get("/login").text)
        assert c.post("/login", data={"csrf": csrf, "username": "clerk", "password": "wrong"}).status_code == 401
        r = c.post("/login", data={"csrf": csrf, "username": "clerk", "password": "ลับมาก-123"}, follow_redirects=False)
        assert r.status_code == 303
        assert c.get("/").status_code == 200
    stored = app.state.accounts
    from kbo_docs.store.models import User
    from sqlalchemy import select

    with stored.engine.connect() as conn:
        hashed = conn.execute(select(User.password_hash)).scalar_one()
    assert hashed.startswith("scrypt$") and "ลับ" not in hashed


def test_pages_allow_only_their_own_scripts_and_styles(client) -> None:
    r = client.get("/")
    policy = r.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert r.headers["x-content-type-options"] == "nosniff"
    assert 'style="' not in r.text and "<script>" not in r.text
