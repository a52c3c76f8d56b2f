"""The Starlette app: the upload page, the scorecard answer, the JSON API and health."""

from __future__ import annotations

import asyncio
import hmac
import time
from urllib.parse import parse_qs
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from scorer import __version__
from scorer.web.catalogue import Catalogue, build_catalogue
from scorer.web.logline import log_fault, log_request
from scorer.web.names import file_type
from scorer.web.pages import index_page, login_page, result_page
from scorer.web.pool import Busy, ScoringPool, TimedOut
from scorer.web.security import COOKIE, COOKIE_SECONDS, LOGIN_PATH, SecurityHeaders, TokenGate, cookie_value, token_shown
from scorer.web.settings import ServeSettings
from scorer.web.uploads import Upload, UploadError, read_upload
from scorer.web.worker import Job, Outcome, worker_main

BUSY = "服务器正忙，排队的评分请求已满，请稍后再试"
LOGIN_BODY_LIMIT = 4096


class Failure(Exception):
    def __init__(self, status: int, line: str, size: int | None = None, kind: str = "-", rubric: str | None = None) -> None:
        super().__init__(line)
        self.status, self.line, self.size, self.kind = status, line, size, kind
        self.rubric = rubric  # the choice to keep on the page shown again


def json_answer(text: str, status: int = 200) -> Response:
    return Response(text, status_code=status, media_type="application/json; charset=utf-8")


def error_json(status: int, line: str) -> Response:
    headers = {"Retry-After": "10"} if status == 503 else None
    return JSONResponse({"error": line, "status": status}, status_code=status, headers=headers)


def create_app(settings: ServeSettings, catalogue: Catalogue | None = None, on_ready=None, worker=worker_main) -> Starlette:
    catalogue = catalogue or build_catalogue(settings.rubric, settings.rubrics_dir)
    choices = [(c.key, c.spec, c.title) for c in catalogue.choices]
    pool = ScoringPool(settings.worker_count, choices, settings.max_bytes, settings.queue, worker)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        await pool.start()
        if on_ready is not None:
            on_ready()
        yield
        await pool.close()

    async def score_upload(request: Request, view: str) -> tuple[Upload, Outcome]:
        """Reads, queues and scores one upload; a `Failure` for anything that is not a scorecard."""
        try:
            async with asyncio.timeout(settings.timeout):  # a client that trickles its upload is let go
                upload = await read_upload(request, settings.max_bytes)
        except UploadError as exc:
            raise Failure(exc.status, exc.line) from None
        except TimeoutError:
            raise Failure(408, f"上传超时：{settings.timeout:g} 秒内没有传完（请检查网络后重试）") from None
        except ClientDisconnect:
            raise Failure(400, "上传中断：连接在文件传完之前断开了") from None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + settings.timeout
        size, kind = len(upload.data), file_type(upload.name)
        choice = catalogue.get(upload.fields.get("rubric"))
        if choice is None:
            raise Failure(400, f"没有这个评分细则：{upload.fields.get('rubric')}（可选的评分细则见 /api/rubrics）", size, kind)
        try:
            outcome = await pool.run(Job(view, upload.name, upload.data, choice.key), deadline)
        except Busy:
            raise Failure(503, BUSY, size, kind, choice.key) from None
        except TimedOut:
            line = f"{upload.name}: 评分超时（超过 {settings.timeout:g} 秒），已停止（文件可能过大或过于复杂，请稍后再试，或用命令行 rolscore score 评分）"
            raise Failure(503, line, size, kind, choice.key) from None
        if outcome.detail:
            log_fault(outcome.detail)
        if outcome.status != 200:
            raise Failure(outcome.status, outcome.error or "", size, kind, choice.key)
        return upload, outcome

    async def api_score(request: Request) -> Response:
        started = time.perf_counter()
        try:
            upload, outcome = await score_upload(request, "json")
        except Failure as failure:
            log_request("api", failure.status, failure.size, failure.kind, None, started)
            return error_json(failure.status, failure.line)
        log_request("api", 200, len(upload.data), file_type(upload.name), outcome.score, started)
        return json_answer(outcome.json_text)

    async def page_score(request: Request) -> Response:
        started = time.perf_counter()
        try:
            upload, outcome = await score_upload(request, "page")
        except Failure as failure:
            log_request("page", failure.status, failure.size, failure.kind, None, started)
            headers = {"Retry-After": "10"} if failure.status == 503 else None
            page = index_page(catalogue, settings.max_bytes, failure.line, selected=failure.rubric)
            return HTMLResponse(page, failure.status, headers=headers)
        page, csp = result_page(outcome.page, upload.name, outcome.json_text, outcome.commented)
        log_request("page", 200, len(upload.data), file_type(upload.name), outcome.score, started)
        return HTMLResponse(page, headers={"Content-Security-Policy": csp})

    async def home(request: Request) -> Response:
        return HTMLResponse(index_page(catalogue, settings.max_bytes))

    async def back_home(request: Request) -> Response:
        return RedirectResponse("./", status_code=303)

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)  # browsers ask for one; the pages carry none

    async def rubrics(request: Request) -> Response:
        return JSONResponse(catalogue.public())

    async def healthz(request: Request) -> Response:
        body = {
            "status": "ok" if pool.ready else "starting",
            "version": __version__,
            "workers": pool.size,
            "ready": pool.ready,
            "busy": pool.busy,
            "waiting": pool.waiting,
        }
        return JSONResponse(body, status_code=200 if pool.ready else 503)

    routes = [
        Route("/", home),
        Route("/score", page_score, methods=["POST"]),
        Route("/score", back_home, methods=["GET"]),
        Route("/api/score", api_score, methods=["POST"]),
        Route("/api/rubrics", rubrics),
        Route("/healthz", healthz),
        Route("/favicon.ico", no_icon),
        Mount("/static", StaticFiles(packages=[("scorer.web", "static")]), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders)]
    if settings.token:
        routes += login_routes(settings.token)
        middleware.append(Middleware(TokenGate, token=settings.token, refuse=refuse))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def wants_page(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "") and not request.url.path.startswith("/api/")


async def refuse(request: Request) -> Response:
    """No token: a browser gets the login form, a program one line; both 401, nothing else."""
    if wants_page(request):
        page, csp = login_page(login_action(request))
        return HTMLResponse(page, status_code=401, headers={"Content-Security-Policy": csp})
    return JSONResponse(
        {"error": "需要访问令牌：请在请求头中加入 Authorization: Bearer <令牌>", "status": 401},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="rolscore"'},
    )


def login_action(request: Request) -> str:
    """The login form's address relative to the page that shows it (the service may sit under a prefix)."""
    depth = request.url.path.count("/") - 1
    return "../" * depth + "login"


def login_routes(token: str) -> list[Route]:
    async def login_form(request: Request) -> Response:
        if token_shown(request.headers, request.cookies, token):
            return RedirectResponse("./", status_code=303)
        page, csp = login_page("login")
        return HTMLResponse(page, status_code=401, headers={"Content-Security-Policy": csp})

    async def login(request: Request) -> Response:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > LOGIN_BODY_LIMIT:
                break
        given = parse_qs(bytes(body[:LOGIN_BODY_LIMIT]).decode("utf-8", "replace")).get("token", [""])[0]
        if not hmac.compare_digest(cookie_value(given), cookie_value(token)):
            page, csp = login_page("login", wrong=True)
            return HTMLResponse(page, status_code=401, headers={"Content-Security-Policy": csp})
        response = RedirectResponse("./", status_code=303)
        response.set_cookie(
            COOKIE, cookie_value(token), max_age=COOKIE_SECONDS, httponly=True, samesite="strict",
            secure=request.url.scheme == "https", path="/",
        )
        return response

    return [Route(LOGIN_PATH, login_form, methods=["GET"]), Route(LOGIN_PATH, login, methods=["POST"])]
