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


def error(status: int, detail: Any) -> ORJSONResponse:
    return ORJSONResponse({"detail": detail}, status_code=status)


async def json_body(request: Request) -> tuple[Any, ORJSONResponse | None]:
    """The parsed JSON body, or a 400 response saying why it is not JSON."""
    body = await request.body()
    try:
        return orjson.loads(body), None
    except orjson.JSONDecodeError as exc:
        return None, error(400, f"Request body is not valid JSON: {exc}")
