"""Queue routes: join, the SSE data stream, cancel, heartbeat, and the direct/REST call routes."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from trellis import caching
from trellis.config.build import EndpointInfo
from trellis.processing.rendered import rendered_endpoint
from trellis.processing.runner import CallContext, Outcome
from trellis.processing.session import Session
from trellis.processing.validator import run_validator
from trellis.queue import messages
from trellis.queue.queue import Event, QueueFullError, log_failure
from trellis.runtime import Request as AppRequest
from trellis.server.responses import ORJSONResponse, error, json_body
from trellis.server.sse import HEADERS as SSE_HEADERS
from trellis.server.sse import event_stream

if TYPE_CHECKING:
    from trellis.server.state import ServerState

logger = logging.getLogger("trellis")

P = "/gradio_api"


def _endpoint_for_join(state: ServerState, body: dict[str, Any]) -> tuple[EndpointInfo | None, Response | None]:
    fn_index = body.get("fn_index")
    endpoints = state.app.endpoints
    if fn_index is None and isinstance(body.get("api_name"), str):
        endpoint = state.app.by_api_name.get(body["api_name"].lstrip("/"))
        if endpoint is None:
            return None, error(404, f"No endpoint named {body['api_name']!r}.")
        return endpoint, None
    if isinstance(fn_index, bool) or not isinstance(fn_index, int):
        return None, error(422, "fn_index must be an integer (the dependency id from /config).")
    if not 0 <= fn_index < len(endpoints):
        endpoint = _rendered(state, body, fn_index)
        if endpoint is None:
            return None, error(404, f"No listener with fn_index {fn_index}; this app has {len(endpoints)}.")
        return endpoint, None
    endpoint = endpoints[fn_index]
    if endpoint.dep.fn is None:
        return None, error(400, f"Listener {fn_index} has no Python function to run.")
    return endpoint, None


def _rendered(state: ServerState, body: dict[str, Any], fn_index: Any) -> EndpointInfo | None:
    """A listener that a ``gr.render`` run made for the body's session (ids after the app's own)."""
    session_hash = body.get("session_hash")
    if not isinstance(fn_index, int) or not isinstance(session_hash, str):
        return None
    return rendered_endpoint(state.sessions.peek(session_hash), fn_index)


def _check_data(data: Any) -> Response | None:
    if not isinstance(data, list):
        return error(422, "'data' must be a list with one value per input component.")
    return None


def routes(state: ServerState) -> list[BaseRoute]:
    """The queue routes: join, SSE stream, cancel, reset, heartbeat, direct (``/run``) and REST (``/call``) calls."""
    auth = state.auth
    queue = state.queue

    async def read_body(request: Request) -> tuple[dict[str, Any] | None, Response | None]:
        """The JSON object body of a logged-in request, or the error response to send instead."""
        refused = await auth.refuse(request)
        if refused is not None:
            return None, refused
        body, bad = await json_body(request)
        if bad is not None:
            return None, bad
        if not isinstance(body, dict):
            return None, error(422, "The body must be a JSON object (with 'data', a list of input values).")
        return body, None

    def enqueue(
        request: Request,
        endpoint: EndpointInfo,
        data: list[Any],
        body: dict[str, Any],
        session: Session,
        rest: bool = False,
        direct: bool = False,
    ) -> Event:
        """Put a call of ``endpoint`` in the queue for ``session`` (raises ``QueueFullError``)."""
        return queue.join(
            endpoint,
            data,
            session.hash,
            state.app_request(request, _visible_hash(session, rest)),
            event_data=_event_data(state, body, session),
            root=state.root(request),
            trigger_id=_trigger_id(body),
            session=session,
            rest=rest,
            direct=direct,
            table_windows=_table_windows(body),
        )

    async def validated(
        request: Request, endpoint: EndpointInfo, data: list[Any], body: dict[str, Any], session: Session, rest: bool
    ) -> Response | None:
        """Run the listener's ``validator`` (if any) on the call's inputs: the refusal to send, or None to go on.

        As Gradio: 422 with one entry per input when an input is invalid (the function is not called),
        400 with the message when the validator itself fails.
        """
        if endpoint.dep.validator is None:
            return None
        ctx = CallContext(
            session=session,
            request=state.app_request(request, _visible_hash(session, rest)),
            event_data=_event_data(state, body, session),
            trigger_id=_trigger_id(body),
            root=state.root(request),
        )
        try:
            refused = await run_validator(state.runner, endpoint, data, ctx, state.direct_threads)
        except Exception as exc:
            log_failure(f"the validator of {endpoint.plan.name}", exc)
            return error(400, str(exc) or type(exc).__name__)
        if refused is None:
            return None
        return ORJSONResponse({"detail": refused}, status_code=422)

    async def join(request: Request) -> Response:
        body, bad = await read_body(request)
        if bad is not None:
            return bad
        assert body is not None
        session_hash = body.get("session_hash")
        if session_hash is None or session_hash == "":
            return error(400, "Session hash not found.")
        endpoint, bad = _endpoint_for_join(state, body)
        if bad is not None:
            return bad
        assert endpoint is not None
        data = body.get("data", [])
        bad = _check_data(data)
        if bad is not None:
            return bad
        session, bad = state.open_session(request, session_hash)
        if bad is not None:
            return bad
        assert session is not None
        await queue.release_held_streams(session.hash, request.client.host if request.client else "")
        refused = await validated(request, endpoint, data, body, session, rest=False)
        if refused is not None:
            return refused
        try:
            event = enqueue(request, endpoint, data, body, session)
        except QueueFullError as exc:
            return error(503, str(exc))
        return ORJSONResponse({"event_id": event.id})

    @auth.required
    async def data_stream(request: Request) -> Response:
        session_hash = request.query_params.get("session_hash")
        if not session_hash:
            return error(400, "Query parameter session_hash is required.")
        bad = state.session_refusal(request, session_hash)
        if bad is not None:
            return bad
        # A resuming client names the ``seq`` of the last message it read (trellis/queue/log.py).
        resume = request.headers.get("last-event-id")
        last_event_id = None
        if resume is not None:
            resume = resume.strip()
            if not (resume.isascii() and resume.isdigit()) or len(resume) > 18:
                return error(400, "Last-Event-ID must be the seq (a non-negative integer) of the last message read.")
            last_event_id = int(resume)
        return event_stream(request, queue.stream(session_hash, last_event_id))

    async def cancel(request: Request) -> Response:
        body, bad = await read_body(request)
        if bad is not None:
            return bad
        assert body is not None
        if not isinstance(body.get("event_id"), str):
            return error(422, "The cancel body needs 'event_id' and 'session_hash' (and 'fn_index').")
        session_hash = body.get("session_hash")
        if session_hash is None:
            return error(
                422, "The cancel body needs 'session_hash': only the session that started an event may cancel it."
            )
        bad = state.session_refusal(request, session_hash)
        if bad is not None:
            return bad
        queue.cancel(body["event_id"], session_hash)
        return ORJSONResponse({"success": True})

    @auth.required
    async def reset(request: Request) -> Response:
        # Nothing to undo on this server (generator state lives with its event); only the login is checked.
        return ORJSONResponse({"success": True})

    @auth.required
    async def heartbeat(request: Request) -> Response:
        session_hash = request.path_params["session_hash"]
        _, bad = state.open_session(request, session_hash)
        if bad is not None:
            return bad
        queue.heartbeat_opened(session_hash)

        async def beat() -> Any:
            try:
                while not queue.closing:
                    yield b"data: ALIVE\n\n"
                    await queue.wait_closing(state.settings.heartbeat_interval)
                    queue.heartbeat_beat(session_hash)
            finally:
                opens = queue.heartbeat_closed(session_hash)
                loop = asyncio.get_running_loop()
                loop.call_later(queue.abandon_grace, lambda: loop.create_task(gone(session_hash, opens)))

        return StreamingResponse(beat(), media_type="text/event-stream", headers=SSE_HEADERS)

    async def gone(session_hash: str, opens: int) -> None:
        """The session's client closed its heartbeat and did not come back: end the session."""
        channel = queue.channels.get(session_hash)
        if channel is not None and (channel.heartbeats > 0 or channel.heartbeat_opens != opens):
            return  # it came back (a later disconnect has its own check)
        state.sessions.mark_closed(session_hash)
        caching.clear_session_caches(session_hash)
        # (its State may already have been dropped, e.g. evicted from a full store: its listeners run all the same)
        session = state.sessions.peek(session_hash) or Session(session_hash, None, "", ephemeral=True)
        for endpoint in state.app.unload_endpoints:
            ctx = CallContext(session=session, request=AppRequest(session_hash=session_hash))
            try:
                await state.runner.call(endpoint, [], ctx)
            except Exception:
                logger.exception("unload listener %s failed", endpoint.plan.name)

    async def run_direct(request: Request) -> Response:
        """``POST /run/{api_name}``: call a listener without the queue, answer with its output."""
        body, bad = await read_body(request)
        if bad is not None:
            return bad
        assert body is not None
        api_name = request.path_params["api_name"]
        endpoint = _rendered(state, body, body.get("fn_index")) or state.app.by_api_name.get(api_name)
        if (
            endpoint is None
            and isinstance(body.get("fn_index"), int)
            and 0 <= body["fn_index"] < len(state.app.endpoints)
        ):
            endpoint = state.app.endpoints[body["fn_index"]]
        if endpoint is None or endpoint.dep.fn is None:
            return error(404, f"No endpoint named {api_name!r}.")
        if endpoint.dep.queue and not state.app.api_open:
            return error(403, "This app was queued with api_open=False: call its endpoints through the queue.")
        data = body.get("data", [])
        bad = _check_data(data)
        if bad is not None:
            return bad
        session_hash, ephemeral = _session_hash(body)
        session, bad = state.open_session(request, session_hash, ephemeral)
        if bad is not None:
            return bad
        assert session is not None
        if endpoint.dep.queue:
            # A queued listener keeps its concurrency limit, its place in line and max_size here too.
            return await _run_through_queue(request, endpoint, data, body, session)
        try:
            return await _run_now(request, endpoint, data, body, session)
        finally:
            if ephemeral:
                state.sessions.discard(session.hash)

    async def _run_through_queue(
        request: Request, endpoint: EndpointInfo, data: list[Any], body: dict[str, Any], session: Session
    ) -> Response:
        try:
            event = enqueue(request, endpoint, data, body, session, direct=True)
        except QueueFullError as exc:
            return error(503, str(exc))
        assert event.direct is not None
        gone = asyncio.ensure_future(_disconnected(request))
        waiters: set[asyncio.Future[Any]] = {event.direct, gone}
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
        if not event.direct.done():  # the caller hung up: its work is not wanted any more
            queue.cancel(event.id, session.hash)
            return error(499, "Client closed the request.")
        result = event.direct.result()
        if result.cancelled:
            return error(409, "The call was cancelled before it finished.")
        output = result.output
        if result.success and output is not None and event.ctx.used_cache is not None:
            output = {**output, "used_cache": "partial"}  # as Gradio's /run: any cache answer is "partial" there
        # PROTOCOL 4.9: a failed direct call is a 500 whose body is the error object.
        return ORJSONResponse(output, status_code=200 if result.success else 500)

    async def _run_now(
        request: Request, endpoint: EndpointInfo, data: list[Any], body: dict[str, Any], session: Session
    ) -> Response:
        ctx = CallContext(
            session=session,
            request=state.app_request(request, _visible_hash(session, rest=False)),
            event_data=_event_data(state, body, session),
            trigger_id=_trigger_id(body),
            root=state.root(request),
            table_windows=_table_windows(body),
        )
        start = time.perf_counter()
        try:
            if endpoint.plan.is_generator or endpoint.plan.is_async_generator:
                outcome = await _run_generator_to_end(state, endpoint, data, ctx)
            else:
                outcome = await state.runner.call(endpoint, data, ctx, limiter=state.direct_threads)
        except Exception as exc:
            output = messages.error_output(exc, state.settings.show_error)
            log_failure(endpoint.plan.name, exc)
            # PROTOCOL 4.9: a failed direct call is a 500 whose body is the error object.
            return ORJSONResponse(output, status_code=500)
        finally:
            session.flush()
        duration = time.perf_counter() - start
        average = queue._record(endpoint.dep.id, duration)
        output = messages.success_output(outcome.data, duration, average, outcome.changed_state_ids, False)
        if ctx.used_cache is not None:
            output["used_cache"] = "partial"  # as Gradio's /run: any cache answer is "partial" there
        output["render_config"] = outcome.render_config
        return ORJSONResponse(output)

    async def call_start(request: Request) -> Response:
        """``POST /call/{api_name}``: queue a call for the REST API; answer ``{"event_id"}``."""
        body, bad = await read_body(request)
        if bad is not None:
            return bad
        assert body is not None
        endpoint = state.app.by_api_name.get(request.path_params["api_name"])
        if endpoint is None or endpoint.dep.fn is None or endpoint.dep.api_visibility == "private":
            return error(404, f"No endpoint named {request.path_params['api_name']!r}.")
        data = body.get("data", [])
        bad = _check_data(data)
        if bad is not None:
            return bad
        data = _with_state_slots(endpoint, data)
        session_hash, ephemeral = _session_hash(body)
        session, bad = state.open_session(request, session_hash, ephemeral)
        if bad is not None:
            return bad
        assert session is not None
        refused = await validated(request, endpoint, data, body, session, rest=True)
        if refused is not None:
            if ephemeral:
                state.sessions.discard(session.hash)
            return refused
        try:
            event = enqueue(request, endpoint, data, body, session, rest=True)
        except QueueFullError as exc:
            if ephemeral:
                state.sessions.discard(session.hash)
            return error(503, str(exc))
        return ORJSONResponse({"event_id": event.id})

    @auth.required
    async def call_stream(request: Request) -> Response:
        event_id = request.path_params["event_id"]
        event = queue.events.get(event_id)
        control = queue.backend.control
        if event is None and control is not None:  # joined through another process
            exists, owner = control.rest_owner(event_id)
            if exists and owner == state.user(request):
                return event_stream(request, control.rest_read(event_id, state.settings.heartbeat_interval))
        if event is None or event.rest is None:
            return error(404, f"No event {event_id!r} (it may have been read already, or expired).")
        owner = event.ctx.session.owner if event.ctx.session is not None else None
        if owner != state.user(request):
            return error(404, f"No event {event_id!r} (it may have been read already, or expired).")
        return event_stream(request, queue.rest_stream(event_id))

    return [
        Route(P + "/queue/join", join, methods=["POST"]),
        Route(P + "/queue/data", data_stream, methods=["GET"]),
        Route(P + "/cancel", cancel, methods=["POST"]),
        Route(P + "/reset", reset, methods=["POST"]),
        Route(P + "/reset/", reset, methods=["POST"]),
        Route(P + "/heartbeat/{session_hash}", heartbeat, methods=["GET"]),
        Route(P + "/run/{api_name}", run_direct, methods=["POST"]),
        Route(P + "/api/{api_name}", run_direct, methods=["POST"]),
        Route(P + "/call/{api_name}", call_start, methods=["POST"]),
        Route(P + "/call/{api_name}/{event_id}", call_stream, methods=["GET"]),
    ]


def _session_hash(body: dict[str, Any]) -> tuple[object, bool]:
    """The caller's session hash (checked by ``open_session``), or a fresh one for a one-off REST call.

    The flag is ``True`` for a fresh one: its session is dropped when the call ends.
    """
    value = body.get("session_hash")
    if value is None or value == "":
        return uuid.uuid4().hex, True
    return value, False


def _visible_hash(session: Session, rest: bool) -> str | None:
    """The ``session_hash`` a function's ``gr.Request`` shows: ``None`` for a ``/run`` call that sent none.

    As in Gradio: a ``/call`` without one shows the fresh hash its event runs in.
    """
    return None if session.ephemeral and not rest else session.hash


async def _disconnected(request: Request) -> None:
    """Return once the client has closed the connection (the body has been read already)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


def _table_windows(body: dict[str, Any]) -> frozenset[int]:
    """The Dataframes the page only displays (Trellis's own page names them; the official clients do not)."""
    ids = body.get("table_windows")
    if not isinstance(ids, list):
        return frozenset()
    return frozenset(i for i in ids[:1000] if isinstance(i, int) and not isinstance(i, bool))


def _event_data(state: ServerState, body: dict[str, Any], session: Session) -> Any:
    """The event's data; a cell selected in a windowed table gets its whole column from the server."""
    data = body.get("event_data")
    if isinstance(data, dict) and "table" in data:
        data = dict(data)
        table = state.runner.find_table(session, data.pop("table"))
        index = data.get("index")
        if table is not None and isinstance(index, list) and len(index) == 2 and isinstance(index[1], int):
            data["col_value"] = table.column(index[1])
    return data


def _trigger_id(body: dict[str, Any]) -> int | None:
    value = body.get("trigger_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _with_state_slots(endpoint: EndpointInfo, data: list[Any]) -> list[Any]:
    """REST callers send only the non-State inputs; put ``None`` where State inputs go."""
    if not endpoint.state_input_positions:
        return data
    api_inputs = len(endpoint.inputs) - len(endpoint.state_input_positions)
    if len(data) != api_inputs:
        return data
    values = iter(data)
    return [None if i in endpoint.state_input_positions else next(values) for i in range(len(endpoint.inputs))]


async def _run_generator_to_end(state: ServerState, endpoint: EndpointInfo, data: list[Any], ctx: CallContext) -> Any:
    runner = state.runner
    if endpoint.plan.is_async_generator:
        outcome = await runner.run_async_generator(endpoint, data, ctx, lambda _: None)
    else:
        outcome = await anyio.to_thread.run_sync(
            runner.run_generator_sync, endpoint, data, ctx, lambda _: None, limiter=state.direct_threads
        )
    if outcome is None:
        outcome = Outcome([None] * len(endpoint.outputs), [])
    return outcome
