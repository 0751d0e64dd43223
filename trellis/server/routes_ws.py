"""``/gradio_api/queue/ws``: the page's one connection to the server, a WebSocket per tab.

A browser keeps at most six HTTP/1.1 connections per host, shared by every tab of a profile. With one
``/queue/data`` stream (and a heartbeat stream) held open per tab, the seventh tab's requests wait
for another tab to finish. WebSockets are counted apart from that pool, so Trellis's own page talks
to the server over one socket per tab; joins, cancels and uploads stay ordinary short requests.
The official clients keep using the SSE routes, which are unchanged.

The socket carries two things:

* **The session's heartbeat.** While it is open the session is alive. It does not copy the
  heartbeat's bookkeeping: it runs the ``/heartbeat/{session_hash}`` route itself, with the
  socket's headers, for as long as the socket is open, so sessions, ``unload`` listeners and the
  abandon grace follow exactly what the heartbeat route does. The socket is refused (403 at the
  handshake) when that route refuses (no login, another user's session, too many sessions).
* **The session's ``/queue/data`` streams.** The page sends ``{"stream": null}`` (or
  ``{"stream": <seq>}`` to resume after the last ``seq`` it read); the server then sends what that
  ``/queue/data`` stream would send, byte for byte (the same ``data: {…}`` blocks with their ``seq``,
  one or more per text frame), up to and including its ``close_stream``. The page asks again when
  it has new events. A socket that drops is reopened by the page, which resumes from its last ``seq``.

Frames from the page are small JSON objects; a larger one (over ``MAX_FRAME`` characters) or one
that is not understood closes the socket (1009 / 1008). When the server shuts down, open sockets
are closed with 1001. Cross-site pages are refused by the request guard, as for other routes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import orjson
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.types import Message
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from trellis.processing.session import valid_session_hash

if TYPE_CHECKING:
    from trellis.server.state import ServerState

P = "/gradio_api"
PATH = P + "/queue/ws"
HEARTBEAT_PATH = P + "/heartbeat/{session_hash}"
#: Longest frame the page may send, in characters (its frames are ``{"stream": <seq>}``).
MAX_FRAME = 1024
#: Largest ``seq`` a resume may name (as the ``Last-Event-ID`` of ``/queue/data``: at most 18 digits).
MAX_SEQ = 10**18 - 1


def routes(state: ServerState, others: list[BaseRoute]) -> list[BaseRoute]:
    """The socket route; ``others``: the app's other routes, among which the heartbeat route is found."""
    heartbeat = next(r for r in others if isinstance(r, Route) and r.path == HEARTBEAT_PATH)
    queue = state.queue

    async def socket(websocket: WebSocket) -> None:
        session_hash = websocket.query_params.get("session_hash")
        if not valid_session_hash(session_hash):
            await websocket.close(1008)
            return
        assert session_hash is not None
        alive = _Heartbeat(heartbeat, websocket, session_hash)
        if not await alive.start():
            await websocket.close(1008)
            return
        await websocket.accept()
        reader = asyncio.ensure_future(_read_requests(websocket))
        closing = asyncio.ensure_future(_until_closing(state))
        streaming: asyncio.Task[None] | None = None
        try:
            while True:
                waiters: set[asyncio.Future[Any]] = {reader, closing}
                await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
                if closing.done():
                    await _close(websocket, 1001)
                    return
                resume = reader.result()
                if resume is _BAD:
                    await _close(websocket, 1008)
                    return
                if resume is _TOO_BIG:
                    await _close(websocket, 1009)
                    return
                if resume is _GONE:
                    return
                if streaming is not None and not streaming.done():
                    # The page asks for a stream only once the last one has closed: a second request
                    # means it has lost track of that one, so the new request's position wins.
                    streaming.cancel()
                    with contextlib.suppress(BaseException):
                        await streaming
                assert resume is None or isinstance(resume, int)
                streaming = asyncio.ensure_future(_forward(websocket, queue.stream(session_hash, resume)))
                reader = asyncio.ensure_future(_read_requests(websocket))
        finally:
            for task in (reader, closing, streaming):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(BaseException):
                        await task
            await alive.stop()

    return [WebSocketRoute(PATH, socket)]


_BAD = object()
_TOO_BIG = object()
_GONE = object()


async def _read_requests(websocket: WebSocket) -> object:
    """The next stream request: ``None`` or a ``seq`` to resume after; else ``_BAD``, ``_TOO_BIG`` or ``_GONE``."""
    try:
        text = await websocket.receive_text()
    except (WebSocketDisconnect, RuntimeError, KeyError):
        return _GONE
    if len(text) > MAX_FRAME:
        return _TOO_BIG
    try:
        request = orjson.loads(text)
    except orjson.JSONDecodeError:
        return _BAD
    if not isinstance(request, dict) or "stream" not in request:
        return _BAD
    resume = request["stream"]
    if resume is None:
        return None
    if isinstance(resume, bool) or not isinstance(resume, int) or not 0 <= resume <= MAX_SEQ:
        return _BAD
    return resume


async def _forward(websocket: WebSocket, body: AsyncIterator[bytes]) -> None:
    """Send one ``/queue/data`` stream's chunks as text frames, until it ends."""
    try:
        async for chunk in body:
            await websocket.send_text(chunk.decode())
    except (WebSocketDisconnect, RuntimeError, OSError):
        pass  # the socket closed: the reader sees it too
    finally:
        aclose = getattr(body, "aclose", None)
        if aclose is not None:
            await aclose()


async def _until_closing(state: ServerState) -> None:
    queue = state.queue
    while not queue.closing:
        await queue.wait_closing(60.0)


async def _close(websocket: WebSocket, code: int) -> None:
    if websocket.application_state == WebSocketState.CONNECTED:
        with contextlib.suppress(Exception):
            await websocket.close(code)


class _Heartbeat:
    """The heartbeat route of a session, run for as long as its socket is open."""

    def __init__(self, route: Route, websocket: WebSocket, session_hash: str) -> None:
        self.route = route
        self.session_hash = session_hash
        self.gone = asyncio.Event()
        self.status: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        source = websocket.scope
        # The request the heartbeat route sees: the socket's client, headers (login cookie) and root.
        self.scope: dict[str, Any] = {
            **source,
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.0"},
            "http_version": "1.1",
            "method": "GET",
            "path": P + "/heartbeat/" + session_hash,
            "raw_path": (P + "/heartbeat/" + session_hash).encode(),
            "query_string": b"",
            "headers": [(k, v) for k, v in source["headers"] if k != b"accept-encoding"],
            "path_params": {"session_hash": session_hash},
        }
        self.task: asyncio.Task[None] | None = None

    async def _receive(self) -> Message:
        await self.gone.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message: Message) -> None:
        if message["type"] == "http.response.start" and not self.status.done():
            self.status.set_result(int(message["status"]))

    async def start(self) -> bool:
        """Open the heartbeat; whether the route accepted it (200)."""
        self.task = asyncio.ensure_future(self.route.handle(self.scope, self._receive, self._send))
        waiters: set[asyncio.Future[Any]] = {self.task, self.status}
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        if self.status.done() and self.status.result() == 200:
            return True
        await self.stop()
        return False

    async def stop(self) -> None:
        """Close the heartbeat (as a client hanging up), so the session's grace starts."""
        self.gone.set()
        if self.task is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(self.task, 5.0)
