"""Who may write: librarians holding the server's write token. A browser signs in with it once and
then holds a random session in a cookie (never the token); every form that writes carries a CSRF
token bound to that session. The API takes the token itself (``Authorization: Bearer …``)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

__all__ = ["Auth", "SESSION_COOKIE"]

SESSION_COOKIE = "vanthu_session"


class Auth:
    """Who may write: holders of the write token, signed in to a session; CSRF tokens per session."""

    def __init__(self, write_token: str | None) -> None:
        self.write_token = write_token
        self._secret = secrets.token_bytes(32)
        self._writers: set[str] = set()

    @property
    def enabled(self) -> bool:
        return bool(self.write_token)

    def token_ok(self, given: str | None) -> bool:
        return self.enabled and given is not None and hmac.compare_digest(given.encode(), self.write_token.encode())

    def sign_in(self) -> str:
        session = secrets.token_urlsafe(24)
        self._writers.add(session)
        return session

    def sign_out(self, session: str | None) -> None:
        self._writers.discard(session or "")

    def csrf(self, session: str | None) -> str:
        return hmac.new(self._secret, (session or "").encode(), hashlib.sha256).hexdigest()

    def may_write(self, request: Request) -> bool:
        """Whether this request comes from a signed-in librarian (cookie) or carries the token (API)."""
        header = request.headers.get("authorization", "")
        if header.startswith("Bearer "):
            return self.token_ok(header[7:].strip())
        return self.enabled and request.cookies.get(SESSION_COOKIE) in self._writers

    def check_form(self, request: Request, form: Any) -> None:
        """403 unless the request may write and (for a form) carries this session's CSRF token."""
        if not self.enabled:
            raise HTTPException(403, "Máy chủ chỉ cho đọc: khởi động với --write-token để văn thư được sửa, nhập, "
                                     "hoàn tác (the server is read-only)")
        if not self.may_write(request):
            raise HTTPException(403, "Cần đăng nhập văn thư (write token) để làm việc này")
        if request.headers.get("authorization", "").startswith("Bearer "):
            return
        given = form.get("csrf") if form is not None else None
        if not isinstance(given, str) or not hmac.compare_digest(given, self.csrf(request.cookies.get(SESSION_COOKIE))):
            raise HTTPException(403, "Biểu mẫu đã cũ hoặc không hợp lệ (CSRF): tải lại trang rồi thử lại")
