"""Small response helpers shared by the route modules."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from typing_extensions import override


class ORJSONResponse(Response):
    """A JSON response encoded with orjson (non-string keys allowed; other objects as ``str``)."""

    media_type = "application/json"

    @override
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS, default=str)


def accepts_gzip(request: Request) -> bool:
    """Whether the client's ``Accept-Encoding`` allows gzip (``gzip`` or ``*``, not with ``q=0``)."""
    for part in request.headers.get("accept-encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*") and params.replace(" ", "") not in ("q=0", "q=0.0"):
            return True
    return False


def error(status: int, detail: Any) -> ORJSONResponse:
    """A JSON error response: ``{"detail": detail}`` with ``status``."""
    return ORJSONResponse({"detail": detail}, status_code=status)


def is_json_type(content_type: str) -> bool:
    """``application/json`` or a ``+json`` type (parameters such as ``charset`` ignored)."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def json_body(request: Request) -> tuple[Any, ORJSONResponse | None]:
    """The parsed JSON body, or the 4xx response saying why there is none.

    Only a JSON ``Content-Type`` is read (415 otherwise): a browser cannot send one cross-site
    without a CORS preflight, so a page on another site cannot make these calls with a simple
    ``text/plain`` or form request. The body size is capped by the request guard.
    """
    content_type = request.headers.get("content-type", "")
    if not is_json_type(content_type):
        shown = content_type.split(";", 1)[0].strip() or "none"
        return None, error(415, f"Send the body as JSON with 'Content-Type: application/json' (got {shown}).")
    body = await request.body()
    try:
        return orjson.loads(body), None
    except orjson.JSONDecodeError as exc:
        return None, error(400, f"Request body is not valid JSON: {exc}")
