"""Routes of streaming inputs: the next input of a ``connection: "stream"`` event, and its stop.

``POST /gradio_api/stream/{event_id}`` takes ``{"data": [...], "event_data": ..., "session_hash": ...}``
(the official JS client's ``send_chunk``) and answers ``{"msg": "success"}``;
``POST /gradio_api/stream/{event_id}/close`` (body ``{}``) ends the event. Only the session (and
user) that started the event may feed or close it: to anyone else, as for an unknown or finished
event, the answer is 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from trellis.queue.queue import Event
from trellis.server.responses import ORJSONResponse, error, json_body

if TYPE_CHECKING:
    from trellis.server.state import ServerState

P = "/gradio_api"
SUCCESS = {"msg": "success"}


class Remote(NamedTuple):
    """A stream event another process runs (a shared backend): its id and its number of inputs."""

    event_id: str
    inputs: int


def routes(state: ServerState) -> list[BaseRoute]:
    """The two routes of streaming inputs."""
    auth = state.auth
    queue = state.queue

    async def find(request: Request) -> tuple[Event | Remote | None, dict[str, Any] | None, Response | None]:
        """The caller's stream event and the request's JSON object body, or the refusal to send.

        An event another process runs (a shared backend) is given as a :class:`Remote`.
        """
        refused = await auth.refuse(request)
        if refused is not None:
            return None, None, refused
        body, bad = await json_body(request)
        if bad is not None:
            return None, None, bad
        if not isinstance(body, dict):
            return None, None, error(422, "The body must be a JSON object.")
        event_id = request.path_params["event_id"]
        session_hash = body.get("session_hash")
        missing = error(404, f"No streaming event {event_id!r} (it may have ended).")
        event = queue.stream_event(event_id)
        if event is None:
            remote = queue.remote_event(event_id)
            if remote is None or not remote.stream or remote.owner != state.user(request):
                return None, None, missing
            if session_hash is not None and session_hash != remote.session_hash:
                return None, None, missing
            return Remote(event_id, remote.inputs), body, None
        owner = event.ctx.session.owner if event.ctx.session is not None else None
        if owner != state.user(request) or (session_hash is not None and session_hash != event.channel.session_hash):
            return None, None, missing
        return event, body, None

    def send(event: Remote, op: str, payload: dict[str, Any]) -> Response:
        """Send ``op`` to the process running ``event``."""
        assert queue.backend.control is not None
        queue.backend.control.send(event.event_id, op, payload)
        return ORJSONResponse(SUCCESS)

    async def send_chunk(request: Request) -> Response:
        event, body, bad = await find(request)
        if bad is not None:
            return bad
        assert event is not None and body is not None
        if not isinstance(body.get("session_hash"), str):
            return error(422, "The body needs 'session_hash': only the session that started the event may feed it.")
        data = body.get("data")
        inputs = event.inputs if isinstance(event, Remote) else len(event.data)
        if not isinstance(data, list) or len(data) != inputs:
            return error(422, f"'data' must be a list with one value per input component ({inputs} for this event).")
        if isinstance(event, Remote):
            return send(event, "chunk", {"data": data, "event_data": body.get("event_data")})
        assert event.stream_input is not None
        event.stream_input.feed(data, body.get("event_data"))
        return ORJSONResponse(SUCCESS)

    async def close(request: Request) -> Response:
        event, _, bad = await find(request)
        if bad is not None:
            return bad
        assert event is not None
        if isinstance(event, Remote):
            return send(event, "close", {})
        assert event.stream_input is not None
        event.stream_input.close()
        return ORJSONResponse(SUCCESS)

    return [
        Route(P + "/stream/{event_id}", send_chunk, methods=["POST"]),
        Route(P + "/stream/{event_id}/close", close, methods=["POST"]),
    ]
