"""Server-rendered pages: the Jinja2 templates shipped in the package, and the security headers
every page is sent with (no framing, no caching, a strict Content-Security-Policy)."""

from __future__ import annotations

from functools import cache

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

BASE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            "frame-ancestors 'none'")
"""No scripts at all: the pages are plain forms and links."""


@cache
def templates() -> Environment:
    return Environment(loader=PackageLoader("frontdesk.api", "templates"),
                       autoescape=select_autoescape(default=True))


def render(name: str, status_code: int = 200, *, csp: str = BASE_CSP,
           **context: object) -> HTMLResponse:
    """The template ``name`` rendered with ``context``, with the page headers."""
    html = templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code, headers={
        "Cache-Control": "no-store", "X-Frame-Options": "DENY",
        "Content-Security-Policy": csp})
