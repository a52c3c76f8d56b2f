"""Response headers every answer carries, and the access token.

With `--token`, a request shows the token in an `Authorization: Bearer` header or in
the cookie the login form sets; anything else is answered 401 with the login form (a
browser) or one JSON line (a program), and nothing else.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "rolscore_login"
COOKIE_SECONDS = 12 * 3600
LOGIN_PATH = "/login"

# The page's CSP (its own script and style files only); pages that differ set their own.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def csp_for_inline(script_hashes: list[str], style_hashes: list[str] | None = None) -> str:
    """A CSP for a page that carries its own script inline: only that script (by hash) runs."""
    scripts = " ".join(f"'{h}'" for h in script_hashes) or "'none'"
    styles = " ".join(f"'{h}'" for h in style_hashes) if style_hashes is not None else "'unsafe-inline'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src {styles}; img-src data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds the common headers, and the page CSP where a response did not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in COMMON_HEADERS if name not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_CSP.encode()))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def cookie_value(token: str) -> str:
    """What the login cookie holds: proof of the token, not the token itself."""
    return hmac.new(token.encode("utf-8"), b"rolscore login", hashlib.sha256).hexdigest()


def token_shown(headers: Headers, cookies: dict[str, str], token: str) -> bool:
    given = headers.get("authorization", "")  # HTTP headers arrive as latin-1: back to the bytes sent
    if given[:7].lower() == "bearer " and hmac.compare_digest(given[7:].strip().encode("latin-1"), token.encode("utf-8")):
        return True
    return hmac.compare_digest(cookies.get(COOKIE, "").encode("utf-8"), cookie_value(token).encode("utf-8"))


class TokenGate:
    """Lets a request through only with the token; `refuse` answers the rest (401)."""

    def __init__(self, app: ASGIApp, token: str, refuse: Callable[[Request], Awaitable[Response]]) -> None:
        self.app = app
        self.token = token
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if scope["path"] == LOGIN_PATH or token_shown(request.headers, request.cookies, self.token):
            await self.app(scope, receive, send)
            return
        response = await self.refuse(request)
        await response(scope, receive, send)
