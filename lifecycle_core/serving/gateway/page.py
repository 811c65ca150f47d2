"""The member chat page at the gateway's root: three static files (``page/``) and the headers they are served with.

The page talks to the same API as any client (``/v1/me``, ``/v1/chat/completions``, ``/v1/feedback``), so it
needs nothing the API does not give. Its Content-Security-Policy allows scripts, styles and requests from
this origin only, no inline script or style, and Trusted Types, so a model answer can only ever be text:
the script never parses a string as HTML, and the browser refuses if it tried.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

PAGE_DIR = Path(__file__).with_name("page")
_POLICY = (
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",  # forms are handled by the script; none is ever submitted (the key stays out of URLs)
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
)
CONTENT_SECURITY_POLICY = "; ".join(_POLICY)
PAGE_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cache-control": "no-cache",  # revalidated each load, so a gateway upgrade serves the new script at once
}


class _PageFiles(StaticFiles):
    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers.update(PAGE_HEADERS)
        return response


def add_chat_page(app: FastAPI) -> None:
    """``/`` (the page) and ``/static/*`` (its script, style sheet and icon)."""

    @app.get("/", include_in_schema=False)
    async def chat_page() -> FileResponse:
        return FileResponse(PAGE_DIR / "index.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)

    app.mount("/static", _PageFiles(directory=PAGE_DIR), name="static")


__all__ = ["CONTENT_SECURITY_POLICY", "PAGE_DIR", "PAGE_HEADERS", "add_chat_page"]
