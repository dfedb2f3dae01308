"""Values that may take one of several forms (a union in the model: a circular's recipients as a
list, bound to a register or from an XLSX; a register's rows typed or from an XLSX; a letter
number typed whole or in parts): the generated form offers each form, shows the one the data
has, and the real Lampang sample (one letter per district, bound to its register) is edited,
saved, checked and rendered from the web without touching YAML."""

from __future__ import annotations

import io
import re
import typing
import zipfile
from pathlib import Path

import lxml.html
from pypdf import PdfReader
from starlette.datastructures import FormData

from kbo_docs import api, thai
from kbo_docs.load import load_project, load_text
from kbo_docs.model import KINDS
from kbo_docs.web import forms

from .conftest import LAMPANG, csrf_of, form_values
from .test_api import YAML, _cli_json, _without_file
from .test_pages import _create, _latest, _multi

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "lampang-kbo-2568.yaml"
THAI = re.compile(r"[\u0E01-\u0E5B]")


def _unions(model: type, seen: set[type] | None = None) -> list[tuple[type, str, forms.Union_]]:
    """Every field of ``model`` and the models below it that the form shows as a choice."""
    seen = set() if seen is None else seen
    if model in seen:
        return []
    seen.add(model)
    out = []
    for name, info in model.model_fields.items():
        tp, _ = forms._unwrap(info.annotation)
        if isinstance(tp, forms.Union_):
            out.append((model, name, tp))
            below = tp.types()
        else:
            below = [tp]
        for t in below:
            for arg in [t, *typing.get_args(t)]:
                arg = forms._unwrap(arg)[0]
                if forms._is_model(arg):
                    out += _unions(arg, seen)
    return out


def test_every_union_in_the_models_is_a_choice_with_thai_titles() -> None:
    found = {(m.__name__, n) for k in KINDS for m, n, _ in _unions(k.model)}
    # The ones known today (a new union is found by the same walk and must pass the rest).
    assert {("Circular", "recipients"), ("Circular", "number"), ("Register", "rows"),
            ("Invitation", "recipients")} <= found
    for kind in KINDS:
        for model, name, union in _unions(kind.model):
            titles = union.titles()
            assert len(titles) == len(union.members) >= 2, (model, name)
            for title in titles:  # "ไทย / English", from the model, not a type's name
                th, sep, en = title.partition(" / ")
                assert sep and THAI.search(th) and re.search("[A-Za-z]{3}", en), (model.__name__, name, title)
            assert len(set(titles)) == len(titles)


def _union(fields: list[forms.Field], name: str) -> forms.Field:
    return next(f for top in fields for f in top.walk() if f.name == name and f.widget == "union")


def test_the_form_the_data_has_is_chosen_and_each_form_parses_back() -> None:
    cases = {
        0: [{"name": "นายอำเภอเถิน", "target": "๓", "address": ["ที่ว่าการอำเภอเถิน"]}],
        1: {"register": "kbo68-allocation", "name": "นายอำเภอ${row.name}"},
        2: {"xlsx": "districts.xlsx", "sheet": "อำเภอ", "columns": {"target": "เป้า"}},
    }
    for index, recipients in cases.items():
        data = {"circulars": [{"id": "c1", "recipients": recipients}]}
        fields = forms.build(api.ProjectFile, data)
        union = _union(fields, "circulars.0.recipients")
        assert union.value == index and union.chosen is union.children[index]
        assert len(union.children) == 3
        back = forms.parse(api.ProjectFile, forms.posted(fields))["circulars"][0]["recipients"]
        if index == 0:  # the recipient's own keys are kept as its values
            assert back == [{"name": "นายอำเภอเถิน", "address": ["ที่ว่าการอำเภอเถิน"], "values": {"target": "๓"}}]
        else:
            assert back == recipients
    # The other forms' fields are built (empty) with their own HTML ids.
    fields = forms.build(api.ProjectFile, {"circulars": [{"id": "c1", "recipients": cases[1]}]})
    union = _union(fields, "circulars.0.recipients")
    slots = [f.slot for form in union.children for f in form.walk()]
    assert len(slots) == len(set(slots)) and union.slot not in slots
    # Posting a choice picks that form's fields only, whatever else is posted.
    form = FormData([("circulars.__n", "1"), ("circulars.0.id", "c1"), ("circulars.0.recipients.__variant", "1"),
                     ("circulars.0.recipients.__n", "1"), ("circulars.0.recipients.0.name", "ไม่ใช้"),
                     ("circulars.0.recipients.register", "kbo68-allocation")])
    assert forms.parse(api.ProjectFile, form)["circulars"][0]["recipients"] == {"register": "kbo68-allocation"}
    # A letter number in parts, and typed whole.
    for number, index in (({"owner": "ลป ๐๐๑๙.๓", "circular": "true", "running": "๑"}, 0), ("ลป ๐๐๑๙.๓/ว ๑", 1)):
        fields = forms.build(api.ProjectFile, {"circulars": [{"id": "c1", "number": number}]})
        assert _union(fields, "circulars.0.number").value == index
        assert forms.parse(api.ProjectFile, forms.posted(fields))["circulars"][0]["number"] == number


def test_the_lampang_sample_bound_to_its_register_round_trips_through_the_web(client) -> None:
    pid = _create(client, SAMPLE)
    page = client.get(f"/projects/{pid}").text
    tree = lxml.html.fromstring(page)
    radios = tree.xpath("//input[@type='radio'][@name='circulars.0.recipients.__variant']")
    assert len(radios) == 3
    checked = [r for r in radios if r.get("checked") is not None]
    assert len(checked) == 1 and "ผูกกับทะเบียน" in checked[0].getparent().text_content()
    register = tree.xpath("//input[@name='circulars.0.recipients.register']")[0]
    assert register.get("value") == "kbo68-allocation"
    body = register.xpath("ancestor::fieldset[contains(@class, 'variant-body')]")[0]
    assert body.get("disabled") is None and body.get("hidden") is None
    others = tree.xpath("//fieldset[contains(@class, 'variant-body')][@disabled]")
    assert any(o.xpath(".//input[@name='circulars.0.recipients.xlsx']") for o in others)
    # Saved as the browser posts it: the same model, the same findings as the command line.
    values = form_values(page, "editor")
    assert ("circulars.0.recipients.__variant", "1") in values
    assert not any(k == "circulars.0.recipients.xlsx" for k, _ in values)
    r = client.post(f"/projects/{pid}", data=_multi(values + [("action", "save")]), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("saved=2")
    saved = _latest(client, pid)
    assert "register: kbo68-allocation" in saved
    assert load_text(saved).project.model_dump() == load_project(SAMPLE).project.model_dump()
    code, cli = _cli_json("check", SAMPLE)
    web = client.post("/api/check", content=saved.encode(), headers=YAML)
    assert web.status_code == 200 and code == 0
    assert _without_file(web.json()) == _without_file(cli)
    # One entry for the circular's letters in the page's documents, and its ZIP of 13 letters.
    page = client.get(f"/projects/{pid}").text
    assert 'id="dl-kbo68-districts-pdf"' in page and "๑๓ ฉบับ" in page
    r = client.get(f"/projects/{pid}/download/pdf?only=kbo68-districts")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    names = sorted(archive.namelist())
    loaded = load_project(SAMPLE)
    register = loaded.project.registers[0]
    targets = {row.name: register.value(row, "target") for row in register.rows}
    assert len(names) == len(targets) == 13
    for name, (district, target) in zip(names, targets.items()):
        assert district in name
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read(name))).pages)
        flat = "".join(text.replace("\xa0", " ").split())
        assert f"นายอำเภอ{district}" in flat
        assert f"อำเภอ{district}จำนวน{thai.thai_digits(target)}ผลิตภัณฑ์" in flat, (district, target)


def test_a_workbook_named_in_posted_data_is_never_opened(client, tmp_path: Path) -> None:
    """``{xlsx: ...}`` is a form the data may take, but the web reads no file it names."""
    text = SAMPLE.read_text(encoding="utf-8").replace(
        'recipients: {register: kbo68-allocation, name: "นายอำเภอ${row.name}"}', "recipients: {xlsx: /etc/passwd}")
    assert "{xlsx: /etc/passwd}" in text
    r = client.post("/api/check", content=text.encode(), headers=YAML)
    assert r.status_code == 422
    assert "เว็บไม่อ่านแฟ้ม" in r.json()["error"] and "paste the sheet's rows into the grid" in r.json()["error"]
    assert "root:" not in r.text
    rows = LAMPANG.read_text(encoding="utf-8")
    rows = re.sub(r"(\n    rows:\n)(      .*\n)+", r"\n    rows: {xlsx: allocation.xlsx}\n", rows, count=1)
    assert "rows: {xlsx: allocation.xlsx}" in rows
    r = client.post("/api/render?format=pdf&only=kbo68-districts", content=rows.encode(), headers=YAML)
    assert r.status_code == 422 and "registers.0.rows" in r.json()["error"]
