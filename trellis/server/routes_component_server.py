"""``POST /gradio_api/component_server``: the page calling a component's server function (Gradio's route).

The body is ``{"session_hash", "component_id", "fn_name", "data"}``; the function runs on the session's
copy of the component when an update changed it (a FileExplorer given another ``root_dir``), else on the
component itself, and its answer is the response's JSON. Malformed requests get a 400, an unknown
component or function a 404, and a function's own refusal (:class:`ServerFunctionError`) its status.
"""

from __future__ import annotations

import inspect
import logging
from typing import TYPE_CHECKING, Any

import anyio.to_thread
import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from trellis.components.server_functions import ServerFunctionError, server_function
from trellis.server.responses import ORJSONResponse, error, is_json_type

if TYPE_CHECKING:
    from trellis.server.state import ServerState

P = "/gradio_api"
#: The largest request body accepted (a directory path or a dialogue's text is far smaller).
MAX_BODY = 1024 * 1024
logger = logging.getLogger("trellis")


async def _body(request: Request) -> tuple[dict[str, Any] | None, Response | None]:
    if not is_json_type(request.headers.get("content-type", "application/json")):
        return None, error(415, "Send the request as application/json.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            return None, error(413, f"Request body too large (at most {MAX_BODY} bytes).")
        chunks.append(chunk)
    try:
        body = orjson.loads(b"".join(chunks))
    except orjson.JSONDecodeError:
        return None, error(400, "The request body is not valid JSON.")
    if not isinstance(body, dict):
        return None, error(400, "The request body must be a JSON object.")
    return body, None


def routes(state: ServerState) -> list[BaseRoute]:
    """The component-server route."""
    auth = state.auth

    @auth.required
    async def component_server(request: Request) -> Response:
        body, refused = await _body(request)
        if refused is not None:
            return refused
        assert body is not None
        component_id = body.get("component_id")
        fn_name = body.get("fn_name")
        if type(component_id) is not int or not isinstance(fn_name, str):
            return error(400, "component_id must be an integer and fn_name a string.")
        session_hash = body.get("session_hash")
        refusal = state.session_refusal(request, session_hash)
        if refusal is not None:
            return refusal
        assert isinstance(session_hash, str)
        block = state.app.blocks.get(component_id)
        if block is None:
            return error(404, "Component not found.")
        session = state.sessions.peek(session_hash)
        if session is not None:
            block = session.component(block)  # type: ignore[arg-type]
        fn = server_function(block, fn_name)
        if fn is None:
            return error(404, "Function not found.")
        data = body.get("data")
        try:
            if inspect.iscoroutinefunction(fn):
                result = await fn(data)
            else:
                result = await anyio.to_thread.run_sync(fn, data, limiter=state.direct_threads)
        except ServerFunctionError as exc:
            return error(exc.status, exc.message)
        except Exception:
            logger.exception("Server function %s of component %s failed", fn_name, component_id)
            return error(500, "The server function failed.")
        return ORJSONResponse(result)

    return [
        Route(P + "/component_server", component_server, methods=["POST"]),
        Route(P + "/component_server/", component_server, methods=["POST"]),
    ]
