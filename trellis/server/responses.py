"""Small response helpers shared by the route modules."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response


class ORJSONResponse(Response):
    media_type = "application/json"

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
    return ORJSONResponse({"detail": detail}, status_code=status)


async def json_body(request: Request) -> tuple[Any, ORJSONResponse | None]:
    """The parsed JSON body, or a 400 response saying why it is not JSON."""
    body = await request.body()
    try:
        return orjson.loads(body), None
    except orjson.JSONDecodeError as exc:
        return None, error(400, f"Request body is not valid JSON: {exc}")
