"""The ASGI application of `vanthu serve`: Starlette routes over the library, Jinja2 pages in
Vietnamese, a JSON API under /api/ with the CLI's shapes.

Safe by default: nothing is written unless the server was started with a write token; a
librarian signs in with it (a cookie that holds a random session, never the token) and every
form that writes carries a CSRF token bound to that session; the API takes the token itself
(``Authorization: Bearer …``). Errors are one clear message with a 4xx (5xx only for a fault of
ours, and then without a traceback).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.middleware import Middleware
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..archive.errors import AmbiguousReference, ArchiveBusy, BadInput, NotFound, VanthuError
from .auth import Auth
from .state import Warm

__all__ = ["create_app", "HERE"]

HERE = Path(__file__).resolve().parent
log = logging.getLogger("vanthu.web")


def _status(err: VanthuError) -> int:
    if isinstance(err, NotFound):
        return 404
    if isinstance(err, (ArchiveBusy, AmbiguousReference)):
        return 409
    if isinstance(err, BadInput):
        return 400
    return 503  # the archive cannot be read or written (ArchiveError and the like)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(archive: Path, *, write_token: str | None = None, upload_dir: Path | None = None) -> Starlette:
    """The application serving the archive at ``archive``; writes only with ``write_token``."""
    from . import api, pages

    import jinja2

    from .svg import vi_date

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    env.filters["vi_date"] = vi_date
    templates = Jinja2Templates(env=env)
    auth = Auth(write_token)

    def error_page(request: Request, status: int, message: str, extra: dict[str, Any] | None = None) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": message, **(extra or {})}, status_code=status)
        context = {"status": status, "message": message, "extra": extra or {}}
        return pages.render(request, "error.html", context, status_code=status)

    async def on_vanthu_error(request: Request, err: Exception) -> Response:
        assert isinstance(err, VanthuError)
        extra = {"candidates": err.candidates} if isinstance(err, AmbiguousReference) else None
        return error_page(request, _status(err), str(err), extra)

    async def on_http(request: Request, err: Exception) -> Response:
        assert isinstance(err, HTTPException)
        message = err.detail if err.detail and err.detail != _default_phrase(err.status_code) else _VI.get(
            err.status_code, err.detail)
        return error_page(request, err.status_code, message)

    async def on_fault(request: Request, err: Exception) -> Response:
        log.exception("fault serving %s", request.url.path)
        return error_page(request, 500, "Lỗi trong vanthu (đã ghi vào nhật ký máy chủ); kho không bị thay đổi")

    routes = [
        *pages.routes(),
        Mount("/api", routes=api.routes()),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)], exception_handlers={VanthuError: on_vanthu_error, HTTPException: on_http,
                                                      Exception: on_fault})
    app.state.warm = Warm(archive, upload_dir=upload_dir)
    app.state.auth = auth
    app.state.templates = templates
    return app


_VI = {404: "Không có trang này", 405: "Phương thức không được hỗ trợ ở địa chỉ này", 400: "Yêu cầu không hợp lệ"}


def _default_phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


_HEADERS = [(b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; "
             b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
            (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]


class SecurityHeaders:
    """Every answer forbids scripts from elsewhere, inline scripts, framing and type sniffing."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)
