"""The Starlette application: pages in Thai, and the JSON API (``/healthz``, ``/api/lint``,
``/api/check``, ``/api/render``). Every answer to bad input is a clear message with a 4xx
status; an unexpected failure is a 500 with a message and never a traceback."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import difflib
import json
import logging
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import api
from ..api import InputError
from . import forms, workers
from .security import BodyLimit, SecurityHeaders, csrf_ok, csrf_token, is_loopback, secret_key, too_large

log = logging.getLogger("kbo_docs.web")
HERE = Path(__file__).parent
MiB = 1024 * 1024
MAX_UPLOAD = 20 * MiB
"""Largest request body (a document to check, a YAML file, a posted form)."""
MAX_DATA = 5 * MiB
"""Largest YAML body (the loader's limit for a data file)."""
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")

EMPTY_PROJECT = {"agency": {"name": ""}, "project": {"name": "", "fiscal_year": ""}}


def _json_error(status: int, message: str, **more: Any) -> JSONResponse:
    return JSONResponse({"error": message, **more}, status_code=status)


def create_app(data_dir: str | Path, database: str | None = None, host: str = "127.0.0.1") -> Starlette:
    """The web application on ``data_dir`` (SQLite ``kbo-docs.sqlite`` there unless
    ``database`` names another SQLAlchemy URL). A ``host`` that is not loopback requires a login."""
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    engine = api.open_engine(database or folder / "kbo-docs.sqlite")
    numbers = api.NumberRegister("", engine=engine)
    projects = api.ProjectStore(engine)
    accounts = api.Accounts(engine)
    need_login = not is_loopback(host)
    renderers = workers.Renderers()

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(api.template_filters())
    env.filters["local"] = lambda t: t.astimezone(dt.timezone(dt.timedelta(hours=7)))

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.update(request=request, csrf=csrf_token(request.session), user=request.session.get("user"),
                       need_login=need_login)
        return HTMLResponse(env.get_template(template).render(**context), status_code=status)

    def fragment(template: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context))

    async def form_of(request: Request) -> FormData:
        """The posted form, after its CSRF token is checked."""
        form = await request.form(max_files=2, max_fields=50000, max_part_size=4 * MiB)
        if not csrf_ok(request.session, str(form.get("csrf") or "")):
            raise HTTPException(403, "แบบฟอร์มหมดอายุ โหลดหน้าใหม่แล้วลองอีกครั้ง / the form expired (CSRF): reload the page and try again")
        return form

    def authorised(request: Request) -> bool:
        if not need_login or request.session.get("user"):
            return True
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            try:
                user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            except (ValueError, UnicodeDecodeError):
                return False
            return accounts.verify(user, password)
        return False

    # ---------------------------------------------------------------- JSON API

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True})

    async def yaml_body(request: Request) -> str:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind not in YAML_TYPES:
            raise HTTPException(415, "ส่งข้อมูลเป็น YAML (Content-Type: application/yaml) / send the YAML text "
                                     "with Content-Type: application/yaml")
        raw = await request.body()
        if len(raw) > MAX_DATA:
            raise HTTPException(413, too_large(MAX_DATA))
        if not raw.strip():
            raise HTTPException(400, "ไม่มีข้อมูล / the request body is empty: send the YAML text of a project year")
        try:
            return api.decode_data(raw, "<request>")
        except InputError as exc:
            raise HTTPException(400, str(exc)) from None

    async def api_check(request: Request) -> Response:
        text = await yaml_body(request)
        result = await run_in_threadpool(api.check_text, text, "<request>")
        body = api.findings_json([result])
        if result.error is not None:
            return _json_error(422, str(result.error), findings=body)
        return JSONResponse(body)

    async def api_lint(request: Request) -> Response:
        if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
            raise HTTPException(415, "ส่งแฟ้มแบบ multipart/form-data ในช่อง file / send the document as multipart/form-data field 'file'")
        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(400, "ไม่มีแฟ้มในช่อง file / no file in the form field 'file'")
        data = await upload.read()
        name = _safe_name(upload.filename)
        result = await _lint(data, name)
        body = api.findings_json([result])
        if result.error is not None:
            return _json_error(422, str(result.error), findings=body)
        return JSONResponse(body)

    async def _lint(data: bytes, name: str) -> api.CheckResult:
        if not data:
            raise HTTPException(400, "แฟ้มว่างเปล่า / the file is empty")
        try:
            return await run_in_threadpool(api.lint_bytes, data, name)
        except ValueError as exc:
            raise HTTPException(415, str(exc)) from None

    async def api_render(request: Request) -> Response:
        fmt = request.query_params.get("format", "")
        if fmt not in ("pdf", "docx", "xlsx", "zip"):
            raise HTTPException(400, f"format ต้องเป็น pdf, docx, xlsx หรือ zip / ?format= must be pdf, docx, xlsx or zip, not {fmt!r}")
        text = await yaml_body(request)
        force = request.query_params.get("force", "") in ("1", "true", "yes")
        return await _render(text, fmt, request.query_params.get("only") or None, "<request>", force)

    async def _render(text: str, fmt: str, only: str | None, file: str, force: bool = False) -> Response:
        result = await run_in_threadpool(api.check_text, text, file)
        if result.error is not None:
            return _json_error(422, str(result.error), findings=api.findings_json([result]))
        if result.errors and not force:
            return _json_error(422, "ไม่สร้างเอกสารเพราะยังมีข้อผิดพลาด / not rendering: fix the errors first "
                                    "(or add force=1, as render --force)",
                               findings=api.findings_json([result]))

        try:
            name, data, warnings = await renderers.run(workers.render_job, text, file, fmt, only)
        except (InputError, ValueError) as exc:
            return _json_error(422, str(exc))
        headers = {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
        if warnings:
            headers["x-kbo-warnings"] = quote("; ".join(warnings))
        return Response(data, media_type=_MEDIA[name.rsplit(".", 1)[-1]], headers=headers)

    # ---------------------------------------------------------------- pages

    async def home(request: Request) -> Response:
        return page(request, "home.html", projects=projects.list())

    async def lint_page(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "lint.html", result=None)
        form = await form_of(request)
        upload = form.get("file")
        if upload is None or isinstance(upload, str) or not upload.filename:
            return page(request, "lint.html", status=400, result=None,
                        message="เลือกแฟ้มก่อน / choose a file first")
        data = await upload.read()
        result = await _lint(data, _safe_name(upload.filename))
        blocks, loose = api.document_blocks(result)
        return page(request, "lint.html", result=result, blocks=blocks, loose=loose)

    async def new_project(request: Request) -> Response:
        form = await form_of(request)
        name = str(form.get("name") or "").strip() or "ปีโครงการใหม่"
        upload = form.get("yaml")
        text = api.dump_data(EMPTY_PROJECT)
        if upload is not None and not isinstance(upload, str) and upload.filename:
            try:
                text = api.decode_data(await upload.read(), _safe_name(upload.filename))
                api.parse_data(text, _safe_name(upload.filename))
            except InputError as exc:
                return page(request, "home.html", status=422, projects=projects.list(), message=str(exc))
        pid = await run_in_threadpool(projects.create, name, text, request.session.get("user") or "")
        return RedirectResponse(f"/projects/{pid}", status_code=303)

    def _project_or_404(pid: int) -> str:
        name = projects.name(pid)
        if name is None:
            raise HTTPException(404, "ไม่พบปีโครงการนี้ / no such project year")
        return name

    async def project_page(request: Request) -> Response:
        pid = int(request.path_params["pid"])
        name = _project_or_404(pid)
        if request.method == "GET":
            version = projects.version(pid)
            assert version is not None
            return await _editor(request, pid, name, version.text, version.number)
        form = await form_of(request)
        text = _form_text(form)
        action = str(form.get("action") or "save")
        new_name = str(form.get("project_name") or "").strip() or name
        if action == "save":
            number = await run_in_threadpool(partial(projects.save, pid, text, request.session.get("user") or "",
                                                     name=new_name))
            return RedirectResponse(f"/projects/{pid}?saved={number}", status_code=303)
        data = forms.edit(forms.parse(api.ProjectFile, form), action)
        return await _editor(request, pid, new_name, api.dump_data(data), None)

    async def _editor(request: Request, pid: int, name: str, text: str, number: int | None) -> Response:
        try:
            data = api.parse_data(text)
        except InputError as exc:
            data, error = {}, exc
        else:
            error = None
        fields = forms.build(api.ProjectFile, data)
        result = await run_in_threadpool(api.check_text, text, "project.yaml")
        placed, loose = _place(fields, text, result)
        documents = _documents(result)
        return page(request, "project.html", pid=pid, name=name, fields=fields, placed=placed, loose=loose,
                    result=result, error=error, documents=documents, number=number,
                    saved=request.query_params.get("saved"))

    async def project_check(request: Request) -> Response:
        """The findings of the form as typed (htmx, debounced): the summary, and each field's
        findings swapped into the slot beside it."""
        pid = int(request.path_params["pid"])
        _project_or_404(pid)
        form = await form_of(request)
        text = _form_text(form)
        fields = forms.build(api.ProjectFile, api.parse_data(text) if text else {})
        result = await run_in_threadpool(api.check_text, text, "project.yaml")
        placed, loose = _place(fields, text, result)
        slots = [f.slot for f in fields for f in f.walk()]
        return fragment("checked.html", result=result, placed=placed, loose=loose, slots=slots)

    async def project_yaml(request: Request) -> Response:
        pid = int(request.path_params["pid"])
        _project_or_404(pid)
        number = request.query_params.get("v")
        version = projects.version(pid, int(number) if number and number.isdigit() else None)
        if version is None:
            raise HTTPException(404, "ไม่พบฉบับนี้ / no such version")
        return Response(version.text, media_type="application/yaml; charset=utf-8",
                        headers={"content-disposition": f"attachment; filename=project-{pid}-v{version.number}.yaml"})

    async def project_download(request: Request) -> Response:
        pid = int(request.path_params["pid"])
        _project_or_404(pid)
        version = projects.version(pid)
        assert version is not None
        fmt = request.path_params["fmt"]
        if fmt not in ("pdf", "docx", "xlsx", "zip"):
            raise HTTPException(404, "ไม่มีรูปแบบนี้ / no such format")
        response = await _render(version.text, fmt, request.query_params.get("only") or None, f"project-{pid}.yaml")
        if response.status_code != 200:  # a page link: the reason as a page, not as JSON
            body = json.loads(bytes(response.body))
            return page(request, "error.html", status=response.status_code, message=body["error"],
                        findings=body.get("findings", []), back=f"/projects/{pid}")
        return response

    async def project_preview(request: Request) -> Response:
        pid = int(request.path_params["pid"])
        _project_or_404(pid)
        version = projects.version(pid)
        assert version is not None
        doc_id, page_no = request.path_params["doc"], int(request.path_params["page"])
        result = await run_in_threadpool(api.check_text, version.text, "project.yaml")
        if result.loaded is None:
            raise HTTPException(422, str(result.error))

        try:
            images = await renderers.run(workers.preview_job, version.text, "project.yaml", doc_id, page_no)
        except InputError as exc:
            raise HTTPException(404, str(exc)) from None
        if not 1 <= page_no <= len(images):
            raise HTTPException(404, "ไม่มีหน้านี้ / no such page")
        return Response(images[page_no - 1], media_type="image/png", headers={"cache-control": "no-store"})

    async def history(request: Request) -> Response:
        pid = int(request.path_params["pid"])
        name = _project_or_404(pid)
        versions = projects.versions(pid)
        a, b = request.query_params.get("a"), request.query_params.get("b")
        diff = None
        if a and b and a.isdigit() and b.isdigit():
            old, new = projects.version(pid, int(a)), projects.version(pid, int(b))
            if old is None or new is None:
                raise HTTPException(404, "ไม่พบฉบับนี้ / no such version")
            diff = list(difflib.unified_diff(_comparable(old.text), _comparable(new.text),
                                             f"ฉบับที่ {a}", f"ฉบับที่ {b}", lineterm="", n=2))[2:]
        return page(request, "history.html", pid=pid, name=name, versions=versions, diff=diff, a=a, b=b)

    async def restore(request: Request) -> Response:
        pid = int(request.path_params["pid"])
        _project_or_404(pid)
        await form_of(request)
        old = projects.version(pid, int(request.path_params["number"]))
        if old is None:
            raise HTTPException(404, "ไม่พบฉบับนี้ / no such version")
        number = await run_in_threadpool(partial(projects.save, pid, old.text, request.session.get("user") or "",
                                                 note=f"คืนค่าจากฉบับที่ {old.number} / restored v{old.number}"))
        return RedirectResponse(f"/projects/{pid}?saved={number}", status_code=303)

    async def numbers_page(request: Request) -> Response:
        issued = None
        message = None
        if request.method == "POST":
            form = await form_of(request)
            try:
                date = _date(str(form.get("date") or ""))
                issued = await run_in_threadpool(partial(
                    numbers.issue, series=str(form.get("series") or ""), date=date,
                    subject=str(form.get("subject") or ""), recipient=str(form.get("recipient") or ""),
                    file=str(form.get("file") or ""),
                ))
            except ValueError as exc:
                message = str(exc)
            if request.headers.get("hx-request"):
                return fragment("issued.html", issued=issued, message=message)
        return page(request, "numbers.html", issued=issued, message=message, rows=numbers.list()[::-1][:200],
                    status=422 if message else 200)

    async def numbers_xlsx(request: Request) -> Response:
        data = await run_in_threadpool(numbers.export_xlsx)
        return Response(data, media_type=_MEDIA["xlsx"],
                        headers={"content-disposition": "attachment; filename*=UTF-8''" + quote("ทะเบียนหนังสือส่ง.xlsx")})

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return page(request, "login.html", message=None)
        form = await form_of(request)
        user, password = str(form.get("username") or ""), str(form.get("password") or "")
        if await run_in_threadpool(accounts.verify, user, password):
            request.session.clear()
            request.session["user"] = user
            return RedirectResponse("/", status_code=303)
        return page(request, "login.html", status=401, message="ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง / wrong user name or password")

    async def logout(request: Request) -> Response:
        await form_of(request)
        request.session.clear()
        return RedirectResponse("/login" if need_login else "/", status_code=303)

    async def font(request: Request) -> Response:
        data = api.font_bytes(request.path_params["name"])
        if data is None:
            raise HTTPException(404, "no such font")
        return Response(data, media_type="font/ttf",
                        headers={"cache-control": "public, max-age=86400"})

    # ---------------------------------------------------------------- errors and guards

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/healthz"

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if wants_json(request) or request.headers.get("hx-request"):
            return _json_error(exc.status_code, str(exc.detail))
        return page(request, "error.html", status=exc.status_code, message=str(exc.detail))

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        message = "เกิดข้อผิดพลาดภายใน / internal error: the server log has the details"
        return _json_error(500, message) if wants_json(request) else PlainTextResponse(message, status_code=500)

    routes = [
        Route("/healthz", healthz),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/lint", api_lint, methods=["POST"]),
        Route("/api/render", api_render, methods=["POST"]),
        Route("/", home),
        Route("/lint", lint_page, methods=["GET", "POST"]),
        Route("/projects", new_project, methods=["POST"]),
        Route("/projects/{pid:int}", project_page, methods=["GET", "POST"]),
        Route("/projects/{pid:int}/check", project_check, methods=["POST"]),
        Route("/projects/{pid:int}/yaml", project_yaml),
        Route("/projects/{pid:int}/download/{fmt}", project_download),
        Route("/projects/{pid:int}/preview/{doc}/{page:int}.png", project_preview),
        Route("/projects/{pid:int}/history", history),
        Route("/projects/{pid:int}/restore/{number:int}", restore, methods=["POST"]),
        Route("/numbers", numbers_page, methods=["GET", "POST"]),
        Route("/numbers.xlsx", numbers_xlsx),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/fonts/{name}", font),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    open_paths = ("/login", "/healthz", "/static/", "/fonts/")

    class LoginRequired:
        def __init__(self, app):  # type: ignore[no-untyped-def]
            self.app = app

        async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
            if scope["type"] == "http" and need_login and not scope["path"].startswith(open_paths):
                request = Request(scope, receive)
                if not authorised(request):
                    if wants_json(request):
                        response: Response = _json_error(401, "ต้องเข้าสู่ระบบ / log in first (session or HTTP Basic)")
                    else:
                        response = RedirectResponse("/login", status_code=303)
                    await response(scope, receive, send)
                    return
            await self.app(scope, receive, send)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        try:
            yield
        finally:
            renderers.close()
            engine.dispose()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, limit=MAX_UPLOAD),
            Middleware(SessionMiddleware, secret_key=secret_key(folder), session_cookie="kbo_session",
                       same_site="strict", https_only=False, max_age=12 * 3600),
            Middleware(LoginRequired),
        ],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.state.numbers = numbers
    app.state.projects = projects
    app.state.accounts = accounts
    app.state.renderers = renderers
    return app


_MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def _safe_name(filename: str | None) -> str:
    """The upload's own name for display only (never a path on this machine)."""
    name = (filename or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[:120] or "upload"


def _comparable(text: str) -> list[str]:
    """The lines of a version's data as the form would save it: comments and layout left out,
    so a diff shows what changed in the data. Text that cannot be read is compared as it is."""
    try:
        return api.dump_data(forms.normalise(api.ProjectFile, api.parse_data(text))).splitlines()
    except InputError:
        return text.splitlines()


def _form_text(form: FormData) -> str:
    return api.dump_data(forms.parse(api.ProjectFile, form))


def _date(text: str) -> dt.date | None:
    """A date typed in the numbering form (Thai or ISO), read by the model's date type."""
    if not text.strip():
        return None
    return api.read_date(text)  # type: ignore[return-value]


def _place(fields: list[forms.Field], text: str, result: api.CheckResult) -> tuple[dict[str, list[Any]], list[Any]]:
    """Findings by the slot of the field they concern; the rest (whole-file) apart."""
    names = {f.name: f for top in fields for f in top.walk()}
    placed: dict[str, list[Any]] = {}
    loose: list[Any] = []
    for path, item in api.finding_paths(text, result):
        parts = [str(p) for p in path]
        for end in range(len(parts), 0, -1):
            name = ".".join(parts[:end])
            if name in names:
                placed.setdefault(names[name].slot, []).append(item)
                break
        else:
            loose.append(item)
    return placed, loose


def _documents(result: api.CheckResult) -> list[dict[str, Any]]:
    if result.loaded is None:
        return []
    return api.documents(result.loaded)
