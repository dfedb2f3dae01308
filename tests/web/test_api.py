"""The JSON API: the same answers as the command line, and a clear 4xx for every bad input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from kbo_docs.cli import main
from kbo_docs.web.app import MAX_UPLOAD

from .conftest import CHIANGMAI, LAMPANG

BAD = Path(__file__).resolve().parents[1] / "bad_inputs"
CLEAN = Path(__file__).resolve().parents[1] / "lint" / "fixtures" / "clean"
ORIGINALS = Path(__file__).resolve().parents[1] / "lint" / "fixtures" / "originals"
YAML = {"content-type": "application/yaml"}


def _cli_json(command: str, path: Path) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, [command, "--format", "json", str(path)])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else []


def _without_file(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if k != "file"} for item in items]


def test_healthz(client) -> None:
    r = client.get("/healthz")
    assert (r.status_code, r.json()) == (200, {"ok": True})


@pytest.mark.parametrize("sample", [LAMPANG, CHIANGMAI])
def test_check_gives_what_the_cli_gives(client, sample: Path) -> None:
    r = client.post("/api/check", content=sample.read_bytes(), headers=YAML)
    assert r.status_code == 200
    status, cli = _cli_json("check", sample)
    assert status in (0, 1)
    assert _without_file(r.json()) == _without_file(cli)


def test_check_reports_findings_with_lines(client) -> None:
    text = LAMPANG.read_text(encoding="utf-8").replace("deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    assert text != LAMPANG.read_text(encoding="utf-8")
    r = client.post("/api/check", content=text.encode(), headers=YAML)
    assert r.status_code == 200
    codes = {f["rule"] for f in r.json()}
    assert "CIR003" in codes
    line = next(f["line"] for f in r.json() if f["rule"] == "CIR003")
    assert "๒๐ ธันวาคม ๒๕๖๘" in text.splitlines()[line - 1]


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bad_input_gets_a_clear_answer_not_a_500(client, path: Path) -> None:
    r = client.post("/api/check", content=path.read_bytes(), headers=YAML)
    status, cli = _cli_json("check", path)
    assert r.headers["content-type"].startswith("application/json")
    if status == 2:  # the CLI could not use it: the web says 422 (or 400 for an empty body) with the line
        assert r.status_code in (400, 422), r.text
        body = r.json()
        assert body["error"] and "Traceback" not in body["error"]
        if r.status_code == 422:
            assert _without_file(body["findings"]) == _without_file(cli)
            assert body["error"].startswith("<request>:")
    else:
        assert r.status_code == 200, r.text
        assert _without_file(r.json()) == _without_file(cli)


def test_check_refuses_what_is_not_yaml_text(client) -> None:
    assert client.post("/api/check", content=b"agency: x", headers={"content-type": "application/json"}).status_code == 415
    assert client.post("/api/check", content=b"   \n", headers=YAML).status_code == 400
    r = client.post("/api/check", content="agency: สวัสดี\n".encode("cp874"), headers=YAML)
    assert r.status_code == 400 and "UTF-8" in r.json()["error"]
    r = client.post("/api/check", content=b"x: " + b"a" * (6 * 1024 * 1024), headers=YAML)
    assert r.status_code == 413


def test_bodies_over_the_limit_are_refused_before_parsing(client) -> None:
    big = b"a" * (MAX_UPLOAD + 1)
    r = client.post("/api/check", content=big, headers=YAML)
    assert r.status_code == 413 and "MiB" in r.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(MAX_UPLOAD // (1024 * 1024) + 2):
            yield b"b" * (1024 * 1024)

    r = client.post("/api/check", content=chunks(), headers=YAML)
    assert r.status_code == 413


@pytest.mark.parametrize("path", sorted(CLEAN.iterdir()) + sorted(ORIGINALS.iterdir()), ids=lambda p: p.name)
def test_lint_gives_what_the_cli_gives(client, path: Path, tmp_path: Path) -> None:
    r = client.post("/api/lint", files={"file": (path.name, path.read_bytes())})
    assert r.status_code == 200, r.text
    # The web reads the kind from the content: the CLI sees the same content as .txt.
    copy = tmp_path / "doc.txt"
    copy.write_bytes(path.read_bytes())
    status, cli = _cli_json("lint", copy)
    assert _without_file(r.json()) == _without_file(cli)
    assert all(f["file"] == path.name for f in r.json())


def test_lint_reads_docx_xlsx_and_pdf_by_content(client, tmp_path: Path) -> None:
    text = LAMPANG.read_text(encoding="utf-8").replace("deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    r = client.post("/api/render?format=zip", content=LAMPANG.read_bytes(), headers=YAML)
    assert r.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    for name in archive.namelist():
        data = archive.read(name)
        # named wrongly on purpose: the kind comes from the bytes
        got = client.post("/api/lint", files={"file": ("renamed.bin", data)})
        assert got.status_code == 200, (name, got.text)
        path = tmp_path / name
        path.write_bytes(data)
        _, cli = _cli_json("lint", path)
        assert _without_file(got.json()) == _without_file(cli), name
    assert text  # the PDF/DOCX of a clean sample lint like the CLI, wherever they stand


def test_lint_refuses_what_it_cannot_read(client) -> None:
    assert client.post("/api/lint", files={"file": ("x.docx", b"\x00\x01binary" * 100)}).status_code == 415
    assert client.post("/api/lint", files={"file": ("x.txt", b"")}).status_code == 400
    assert client.post("/api/lint", data={"other": "x"}, files={"nofile": ("a.txt", b"x")}).status_code == 400
    assert client.post("/api/lint", content=b"hello", headers={"content-type": "text/plain"}).status_code == 415
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "hello")
    assert client.post("/api/lint", files={"file": ("x.docx", zipped.getvalue())}).status_code == 415


def test_lint_answers_hostile_documents_with_422(client, tmp_path: Path) -> None:
    from tests.lint.test_hostile import _bomb, _entities

    bomb, xxe = tmp_path / "bomb.docx", tmp_path / "xxe.docx"
    _bomb(bomb, "word/document.xml", 512, 1)
    _entities(xxe, '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")
    for path, words in ((bomb, "zip bomb"), (xxe, "DTD")):
        r = client.post("/api/lint", files={"file": ("../../etc/" + path.name, path.read_bytes())})
        assert r.status_code == 422, r.text
        assert words in r.json()["error"]
        assert r.json()["error"].startswith(path.name + ":")  # the client's path is dropped
        assert "root:" not in r.text


def test_render_pdf_of_one_document_reads_back(client) -> None:
    r = client.post("/api/render?format=pdf&only=kbo68-districts", content=LAMPANG.read_bytes(), headers=YAML)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(r.content)).pages).replace("\xa0", " ")
    assert "ลป ๐๐๑๙.๓/ว ๒๕๕๕๕" in text
    assert "๖ ธันวาคม ๒๕๖๗" in text


def test_render_xlsx_docx_and_zip(client) -> None:
    r = client.post("/api/render?format=xlsx", content=LAMPANG.read_bytes(), headers=YAML)
    assert r.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert any("ลำปาง" in str(c.value) for row in ws.iter_rows() for c in row if c.value)
    r = client.post("/api/render?format=docx", content=CHIANGMAI.read_bytes(), headers=YAML)
    assert r.status_code == 200
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "รายงานการประชุม" in text
    r = client.post("/api/render?format=zip", content=LAMPANG.read_bytes(), headers=YAML)
    names = sorted(zipfile.ZipFile(io.BytesIO(r.content)).namelist())
    from kbo_docs.load import load_project
    from kbo_docs.render import plan

    expected = sorted(f"{doc.id}.{fmt}" for doc, fmt in plan(load_project(LAMPANG)))
    assert names == expected and any(n.endswith(".xlsx") for n in names)


def test_render_refuses_bad_requests(client) -> None:
    assert client.post("/api/render", content=LAMPANG.read_bytes(), headers=YAML).status_code == 400
    assert client.post("/api/render?format=exe", content=LAMPANG.read_bytes(), headers=YAML).status_code == 400
    r = client.post("/api/render?format=pdf&only=nope", content=LAMPANG.read_bytes(), headers=YAML)
    assert r.status_code == 422 and "nope" in r.json()["error"]
    broken = LAMPANG.read_text(encoding="utf-8").replace("deadline: ๒๐ ธันวาคม ๒๕๖๗", "deadline: ๒๐ ธันวาคม ๒๕๖๘")
    r = client.post("/api/render?format=pdf", content=broken.encode(), headers=YAML)
    assert r.status_code == 422 and any(f["rule"] == "CIR003" for f in r.json()["findings"])
    forced = client.post("/api/render?format=pdf&only=kbo68-districts&force=1", content=broken.encode(), headers=YAML)
    assert forced.status_code == 200 and forced.content.startswith(b"%PDF")
    r = client.post("/api/render?format=pdf", content=(BAD / "yaml_bad_indent.yaml").read_bytes(), headers=YAML)
    assert r.status_code == 422


def test_garuda_path_from_the_client_never_reaches_the_file_system(client) -> None:
    from urllib.parse import unquote

    text = LAMPANG.read_text(encoding="utf-8").replace("garuda_image: null", "garuda_image: /etc/passwd", 1)
    assert "garuda_image: /etc/passwd" in text
    r = client.post("/api/render?format=pdf&only=kbo68-districts", content=text.encode(), headers=YAML)
    assert r.status_code == 200
    assert "Garuda" in unquote(r.headers["x-kbo-warnings"])
