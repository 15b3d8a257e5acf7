"""``GET /console/static/{name}``: the console's few scripts, vendored in the package
(``frontdesk/api/static/``): no build step, no CDN, so a page's Content-Security-Policy can say
``script-src 'self'``. Behind the same gate as the pages that load them."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status
from fastapi.responses import Response

router = APIRouter(prefix="/console/static", include_in_schema=False)

ScriptName = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_-]{0,40}\.js$")]
"""A file name only: no folders, so nothing outside ``static/`` can be asked for."""


@cache
def _script(name: str) -> str | None:
    found = resources.files("frontdesk.api").joinpath("static", name)
    return found.read_text("utf-8") if found.is_file() else None


@router.get("/{name}")
async def script(name: ScriptName) -> Response:
    """One of the package's scripts, as JavaScript (the browser checks the type: nosniff)."""
    text = _script(name)
    if text is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such script")
    return Response(text, media_type="text/javascript; charset=utf-8",
                    headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})
