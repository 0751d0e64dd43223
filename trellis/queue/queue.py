"""The event queue: per-listener concurrency pools, per-session SSE channels, cancellation.

Flow of one event: ``join`` validates the request, creates the event and puts it
in its concurrency pool (answering ``estimation``); the pool starts it when a slot
is free (``process_starts``); the runner produces outputs (``process_generating``
per yield) and the event ends with exactly one ``process_completed``. Every
message goes into the session's channel, which the ``/queue/data`` stream drains.

Cost per event is constant: nothing iterates over all waiting events on the hot
path (waiting events get fresh estimations at most once per second per pool).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import copy
import logging
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import anyio.to_thread

from trellis import caching
from trellis.config.build import CompiledApp, EndpointInfo
from trellis.exceptions import Error
from trellis.processing.diff import diff
from trellis.processing.runner import CallContext, Cancelled, InputCountError, Outcome, Runner
from trellis.processing.session import Session
from trellis.queue import messages
from trellis.queue.backend import Backend, JobLine, MemoryBackend, RemoteEvent, Sessions
from trellis.queue.log import MessageLog
from trellis.queue.streaming import ChunkBatcher, StreamInput, run_stream
from trellis.runtime import Request

logger = logging.getLogger("trellis")

#: Longest wait, in seconds, for a released stream's client to hang up (``Queue.release_held_streams``).
RELEASE_WAIT = 1.0


class QueueFullError(Exception):
    """The queue already holds ``max_size`` events."""

    def __init__(self, max_size: int, size: int) -> None:
        super().__init__(f"Queue is full. Max size is {max_size} and size is {size}.")


class Channel:
    """The outgoing messages of one session, waiting for its ``/queue/data`` stream."""

    __slots__ = (
        "closed",
        "delivered",
        "gone_since",
        "heartbeat_opens",
        "heartbeats",
        "held",
        "host",
        "last_active",
        "last_join",
        "last_progress",
        "log",
        "pending",
        "release",
        "session_hash",
        "stream_ended",
        "streams",
        "waiter",
        "watching",
    )

    def __init__(self, session_hash: str, log: MessageLog) -> None:
        self.session_hash = session_hash
        #: The session's numbered messages (``seq``); streams read it from their own position.
        self.log = log
        #: The highest ``seq`` any stream has sent: where a stream without ``Last-Event-ID`` starts.
        self.delivered = 0
        #: The event whose ``progress`` is the log's latest message (it may be replaced while unsent).
        self.last_progress: str | None = None
        #: When the session's latest stream or heartbeat ended (``time.monotonic()``).
        self.gone_since = 0.0
        #: How many heartbeat streams the session has opened (the open ones: ``heartbeats``).
        self.heartbeat_opens = 0
        #: When the session's latest stream ended (``time.monotonic()``).
        self.stream_ended = 0.0
        self.waiter = asyncio.Event()
        self.pending: dict[str, Event] = {}
        self.streams = 0
        self.heartbeats = 0
        self.last_active = time.monotonic()
        #: When the session's latest event joined (``time.monotonic()``), and from which client host.
        self.last_join = 0.0
        self.host = ""
        #: A stream is holding ``close_stream`` back (see ``Queue.close_grace``); ``release`` ends
        #: the hold early, and ``closed`` is set once that stream has sent ``close_stream``.
        self.held = False
        self.release = False
        self.closed = asyncio.Event()
        #: A shared log: whether the queue is watching for the end of the session's streams held by
        #: other processes (``Queue._watch_remote``).
        self.watching = False

    def put(self, message: bytes, ending: str = "") -> None:
        """Log a message for the session's streams (``ending``: the id of the event it ends)."""
        self.log.append(message, ending)
        self.last_progress = None
        self.waiter.set()

    def put_progress(self, event_id: str, message: bytes) -> None:
        """Progress updates coalesce: an unsent one of the same event is replaced."""
        log = self.log
        if self.last_progress == event_id and log.last_seq > self.delivered:
            log.replace_last(message)
        else:
            log.append(message)
        self.last_progress = event_id
        self.waiter.set()

    def undelivered(self) -> bool:
        """Whether the log holds messages no stream has sent yet."""
        return self.log.last_seq > self.delivered


class Event:
    """One call of one listener for one session."""

    __slots__ = (
        "channel",
        "ctx",
        "data",
        "direct",
        "done",
        "endpoint",
        "id",
        "joined_at",
        "rest",
        "started",
        "stream_input",
        "task",
    )

    def __init__(
        self,
        event_id: str,
        endpoint: EndpointInfo,
        data: list[Any],
        ctx: CallContext,
        channel: Channel,
        rest: RestStream | None = None,
        direct: asyncio.Future[DirectResult] | None = None,
    ) -> None:
        self.id = event_id
        self.endpoint = endpoint
        self.data = data
        self.ctx = ctx
        self.channel = channel
        #: Where the event's messages go: the session's channel, unless it came through the ``/call``
        #: REST API (``rest``) or a direct ``/run`` call (``direct``, which gets only the final output).
        self.rest = rest
        self.direct = direct
        self.done = False
        self.started = False
        self.task: asyncio.Task[None] | None = None
        self.joined_at = time.monotonic()
        #: A ``connection: "stream"`` event's next input (``trellis/queue/streaming.py``), else ``None``.
        self.stream_input: StreamInput | None = None


class DirectResult:
    """How a direct (``/run``) call through the queue ended: ``output`` is its success or error object."""

    __slots__ = ("cancelled", "output", "success")

    def __init__(self, success: bool, output: dict[str, Any] | None, cancelled: bool = False) -> None:
        self.success = success
        self.output = output
        self.cancelled = cancelled


class RestStream:
    """Messages of an event joined through the ``/call`` REST API (full values, named events)."""

    __slots__ = ("buffer", "finished", "mirror", "waiter")

    def __init__(self) -> None:
        self.buffer: list[bytes] = []
        self.waiter = asyncio.Event()
        self.finished = False
        #: A shared backend's copy of the messages, for a reader that reaches another process.
        self.mirror: Callable[[bytes, bool], None] | None = None

    def put(self, message: bytes, final: bool = False) -> None:
        """Queue a message; ``final`` marks the last one."""
        self.buffer.append(message)
        self.finished = self.finished or final
        self.waiter.set()
        if self.mirror is not None:
            self.mirror(message, final)


class Pool:
    """Events sharing one concurrency limit (a listener, or a ``concurrency_id``).

    Its waiting events are a :class:`~trellis.queue.backend.JobLine` of ids and its running count
    is the backend's limiter's (key ``key``): both live in the queue's backend.
    """

    __slots__ = ("key", "limit", "line", "refresh_scheduled", "running")

    def __init__(self, key: str, limit: int | None, line: JobLine) -> None:
        self.key = key
        self.limit = limit
        #: The ids of the events waiting for a slot, oldest first.
        self.line = line
        self.refresh_scheduled = False
        #: When each running call started (``time.monotonic()``) and its listener, by the call's first event id.
        self.running: dict[str, tuple[float, EndpointInfo]] = {}


class _Reporter:
    """Sends ``progress``/``log`` messages of a running event to its channel, from any thread."""

    __slots__ = ("channel", "event_id", "loop")

    def __init__(self, loop: asyncio.AbstractEventLoop, channel: Channel, event_id: str) -> None:
        self.loop = loop
        self.channel = channel
        self.event_id = event_id

    def _send(self, fn: Any, *args: Any) -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            fn(*args)
        else:
            self.loop.call_soon_threadsafe(fn, *args)

    def progress(self, units: list[dict[str, Any]]) -> None:
        self._send(self.channel.put_progress, self.event_id, messages.progress(self.event_id, units))

    def log(self, level: str, message: str, duration: float | None, visible: bool, title: str) -> None:
        self._send(self.channel.put, messages.log(self.event_id, level, message, duration, visible, title))


class Queue:
    """Runs the events of one app."""

    def __init__(
        self,
        app: CompiledApp,
        runner: Runner,
        sessions: Sessions,
        show_error: bool = False,
        heartbeat_interval: float = 15.0,
        rest_result_ttl: float = 600.0,
        abandon_grace: float = 10.0,
        backend: Backend | None = None,
    ) -> None:
        self.app = app
        #: Where the message logs, the waiting lines and the running counts live (``trellis/queue/backend.py``).
        self.backend: Backend = backend if backend is not None else MemoryBackend()
        self.limiter = self.backend.limiter
        self.runner = runner
        self.sessions = sessions
        sessions.busy = self.session_busy
        self.show_error = show_error
        self.heartbeat_interval = heartbeat_interval
        #: Seconds a finished ``/call`` result waits for its reader before it is dropped.
        self.rest_result_ttl = rest_result_ttl
        #: ``(finished at, event id)`` of finished ``/call`` events, oldest first.
        self._finished_rest: collections.deque[tuple[float, str]] = collections.deque()
        #: Seconds a session may be without both its stream and its heartbeat before its work is stopped.
        self.abandon_grace = abandon_grace
        #: ``close_stream`` may be held until this many seconds after the session's latest join
        #: (a join during the hold keeps the stream open; a new session's first join from the same
        #: host releases held streams first). The Python client shares one stream among the jobs it
        #: submits at once and cancels a job that registered on a stream whose ``close_stream`` was
        #: on its way, so a hold shields jobs submitted together from a fast sibling's close, but
        #: it moves the same race onto sequential calls whose next join lands as the hold ends
        #: (seen in CI). Sequential calls are the common case, so the default is Gradio's: close
        #: as soon as nothing is pending (0).
        self.close_grace = 0.0
        self.max_size = app.max_size
        self.channels: dict[str, Channel] = {}
        self.events: dict[str, Event] = {}
        self.pools: dict[str, Pool] = {}
        self.durations: dict[int, tuple[float, int]] = {}
        self._durations_lock = threading.Lock()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._maintenance: asyncio.Task[None] | None = None
        #: Receives what other processes send to this one's events (a shared backend's ``control``).
        self._control_task: asyncio.Task[None] | None = None
        #: Set when the server shuts down: open streams end at once instead of holding the shutdown.
        self.closing = False
        for endpoint in app.endpoints:
            pool = self.pools.get(endpoint.concurrency_key)
            if pool is None:
                self._new_pool(endpoint)
            elif endpoint.concurrency_limit is not None and (
                pool.limit is None or endpoint.concurrency_limit < pool.limit
            ):
                pool.limit = endpoint.concurrency_limit  # as Gradio: the lowest limit set in the group

    def _new_pool(self, endpoint: EndpointInfo) -> Pool:
        key = endpoint.concurrency_key
        pool = self.pools[key] = Pool(key, endpoint.concurrency_limit, self.backend.job_line(key))
        return pool

    @property
    def waiting_count(self) -> int:
        """How many events wait for a slot, in all pools (what ``max_size`` bounds)."""
        return sum(len(pool.line) for pool in self.pools.values())

    # -- lifecycle ----------------------------------------------------------------------
    def _ensure_started(self) -> asyncio.AbstractEventLoop:
        loop = self.loop
        if loop is None:
            loop = self.loop = asyncio.get_running_loop()
            self._closed = asyncio.Event()
            self._maintenance = loop.create_task(self._maintain())
            control = self.backend.control
            if control is not None:
                self._control_task = loop.create_task(control.receive(self._on_control))
        return loop

    async def _maintain(self) -> None:
        """Drop idle channels and expired sessions every minute; sweep the file cache (delete_cache)."""
        delete_cache = self.runner.files.delete_cache
        while True:
            # Often enough that sessions expire close to their time (a quarter of the expiry).
            interval = min(60.0, max(0.05, self.sessions.expire_after / 4))
            if delete_cache:
                interval = min(interval, float(delete_cache[0]))
            await asyncio.sleep(interval)
            await anyio.to_thread.run_sync(self.runner.files.tick)
            self.expire_rest_results()
            now = time.monotonic()
            # An idle session's channel (its resume log, its counters) goes after ten minutes, or
            # with the session's State when that expires sooner.
            idle_limit = min(600.0, max(self.abandon_grace, self.sessions.expire_after))
            for key, channel in list(self.channels.items()):
                if (
                    not channel.pending
                    and not channel.streams
                    and not channel.heartbeats
                    and now - channel.last_active > idle_limit
                ):
                    del self.channels[key]
                    if not channel.log.shared:  # a shared one expires in its store
                        channel.log.drop()
            await anyio.to_thread.run_sync(self.sessions.cleanup)

    def close(self) -> None:
        """Stop all work and end every open stream (call on the server's loop)."""
        self.closing = True
        if self.loop is not None:
            self._closed.set()
        for event in list(self.events.values()):
            self._cancel_event(event, notify=False)
            if event.direct is not None and not event.direct.done():
                event.direct.set_result(DirectResult(False, None, cancelled=True))
            if event.rest is not None:
                event.rest.finished = True
                event.rest.waiter.set()
        for channel in self.channels.values():
            channel.waiter.set()
        self.runner.media.close()
        self.backend.close()
        if self._maintenance is not None:
            self._maintenance.cancel()
        if self._control_task is not None:
            self._control_task.cancel()

    # -- joining ------------------------------------------------------------------------
    def channel(self, session_hash: str) -> Channel:
        """The message channel of a session, created if new."""
        channel = self.channels.get(session_hash)
        if channel is None:
            channel = self.channels[session_hash] = Channel(session_hash, self.backend.message_log(session_hash))
        return channel

    def session_busy(self, session_hash: str) -> bool:
        """Whether a session has an open stream or heartbeat, or work pending."""
        channel = self.channels.get(session_hash)
        if channel is None:
            return False
        if channel.streams or channel.heartbeats or channel.pending:
            return True
        return channel.log.shared and (_live_elsewhere(channel.log) or channel.log.pending_count() > 0)

    async def release_held_streams(self, session_hash: str, host: str) -> None:
        """End the ``close_grace`` holds of a host's streams before the first join of a new session.

        Those streams send ``close_stream`` and the join waits until their clients hang up (which
        they do once they have read it), at most ``RELEASE_WAIT`` seconds. The Python client's
        ``reset_session()`` then a call is the case: its next job must not register on the old
        session's stream, so that stream closes, and the bytes are out, before the join is answered.
        Joins of the same session (jobs submitted together) keep the hold. Without a hold (the
        default) no stream is ever held, and a new session's join skips the scan of every channel.
        """
        if self.close_grace <= 0:
            return
        channel = self.channels.get(session_hash)
        if channel is not None and channel.last_join:
            return
        held = [c for c in self.channels.values() if c.held and c.host == host and c.session_hash != session_hash]
        for other in held:
            other.release = True
            other.waiter.set()
        if held:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.gather(*(c.closed.wait() for c in held)), RELEASE_WAIT)

    def join(
        self,
        endpoint: EndpointInfo,
        data: list[Any],
        session_hash: str,
        request: Request,
        event_data: Any = None,
        root: str = "",
        rest: bool = False,
        trigger_id: int | None = None,
        session: Session | None = None,
        direct: bool = False,
        table_windows: frozenset[int] = frozenset(),
    ) -> Event:
        """Create an event and queue it; its messages go to the session's channel.

        ``rest``: the ``/call`` API's stream instead; ``direct``: a ``/run`` call, which awaits
        ``event.direct`` for the final output. Either way the listener keeps its concurrency
        limit, its place in line and the queue's ``max_size``.
        """
        loop = self._ensure_started()
        if rest:
            self.expire_rest_results()
        if self.max_size is not None:
            waiting = self.waiting_count
            if waiting >= self.max_size:
                raise QueueFullError(self.max_size, waiting)
        channel = self.channel(session_hash)
        channel.last_active = time.monotonic()
        event_id = uuid.uuid4().hex
        ctx = CallContext(
            session=session if session is not None else self.sessions.get(session_hash),
            request=request,
            event_data=event_data,
            trigger_id=trigger_id,
            root=root,
            run_id=event_id,
            table_windows=table_windows,
        )
        ctx.reporter = _Reporter(loop, channel, event_id)
        future: asyncio.Future[DirectResult] | None = loop.create_future() if direct else None
        event = Event(event_id, endpoint, data, ctx, channel, RestStream() if rest else None, future)
        if endpoint.dep.connection == "stream" and not rest and not direct:
            event.stream_input = StreamInput()
        self.events[event_id] = event
        channel.pending[event_id] = event
        if channel.log.shared:
            channel.log.pending_add(event_id)
            self._watch_remote(channel)
        control = self.backend.control
        if control is not None:
            owner = ctx.session.owner if ctx.session is not None else None
            control.register(event_id, session_hash, owner, len(endpoint.inputs), event.stream_input is not None)
            if event.rest is not None:
                put = control.rest_put
                event.rest.mirror = lambda message, final: put(event_id, owner, message, final, self.rest_result_ttl)
                event.rest.mirror(b"", False)  # known to every process from now on (an empty start entry)
        channel.last_join = time.monotonic()
        channel.host = str(getattr(getattr(request, "client", None), "host", None) or "")
        pool = self.pools.get(endpoint.concurrency_key)
        if pool is None:  # a listener a gr.render run made: its pool is made on its first call
            pool = self._new_pool(endpoint)
        if caching.is_cached(endpoint.plan.fn) and not endpoint.dep.batch:
            # As Gradio: a @gr.cache listener's cached answer comes at once, ahead of the line; a miss lines up.
            event.task = loop.create_task(self._answer_from_cache(event, pool))
            return event
        self._line_up(event, pool)
        return event

    def _line_up(self, event: Event, pool: Pool) -> None:
        """Put an event at the end of its pool's line, tell it its place, and start what may start."""
        size = pool.line.push(event.id)
        free = 0 if pool.limit is None else max(0, pool.limit - self.limiter.active(pool.key) - 1)
        rank = max(size - 1 - free, 0)
        average = self.average(event.endpoint.dep.id)
        # The events ahead are taken to run as long as this one (the refresh sums their own averages).
        ahead = None if average is None else rank * average / (pool.limit or 1)
        eta = self._eta(event.endpoint, pool, ahead, self._until_free(pool))
        self._send(event, messages.estimation(event.id, rank, size, eta))
        self._dispatch(pool)

    async def _answer_from_cache(self, event: Event, pool: Pool) -> None:
        """Answer a ``@gr.cache`` listener's event from its cache, or put it in line when the cache has no answer."""
        endpoint = event.endpoint
        start = time.perf_counter()
        try:
            with caching.probe():
                if endpoint.plan.is_generator or endpoint.plan.is_async_generator:
                    outcome = await self._run_generator(event, [start], record=False)
                else:
                    outcome = await self.runner.call(endpoint, event.data, event.ctx)
        except (Cancelled, asyncio.CancelledError):
            self._finish_cancelled(event)
            return
        except Exception:  # a miss, or inputs that fail: the call runs in line as usual (which reports errors)
            event.ctx.used_cache = None
            event.task = None
            if not event.done:
                self._line_up(event, pool)
            return
        duration = time.perf_counter() - start
        self._complete(event, outcome, duration, self.average(endpoint.dep.id) or duration)

    def _eta(self, endpoint: EndpointInfo, pool: Pool, ahead: float | None, until_free: float | None) -> float | None:
        """An ``estimation``'s ``rank_eta``, as Gradio's: seconds until the event's result.

        Its listener's average run, plus ``ahead`` (the runs of the events before it, shared over the
        pool's slots) and ``until_free`` (until a running call frees a slot); ``None`` while any of
        them is unknown (a listener that has not run yet).
        """
        average = self.average(endpoint.dep.id)
        if average is None or ahead is None or until_free is None:
            return None
        return average + (0.0 if pool.limit is None else ahead) + until_free

    def _until_free(self, pool: Pool) -> float | None:
        """Seconds until the first running call of a full pool should end (0 with a free slot)."""
        if pool.limit is None or self.limiter.active(pool.key) < pool.limit or not pool.running:
            return 0.0
        ends = []
        for started, endpoint in pool.running.values():
            if endpoint.dep.connection == "stream":
                ends.append(started + (endpoint.dep.time_limit or 0))
                continue
            average = self.average(endpoint.dep.id)
            if average is None:
                return None
            ends.append(started + average)
        return max(min(ends) - time.monotonic(), 0.0)

    def average(self, fn_index: int) -> float | None:
        """The average duration of a listener's runs so far, or ``None`` before the first."""
        total = self.durations.get(fn_index)
        return total[0] / total[1] if total else None

    def _record(self, fn_index: int, duration: float) -> float:
        """Count one more run (or generator step) of a listener; returns its new average.

        Called from the event loop and from generator threads.
        """
        with self._durations_lock:
            total, count = self.durations.get(fn_index, (0.0, 0))
            self.durations[fn_index] = (total + duration, count + 1)
        return (total + duration) / (count + 1)

    def _send(self, event: Event, message: bytes) -> None:
        if event.rest is None and event.direct is None:
            event.channel.put(message)

    # -- dispatching --------------------------------------------------------------------
    def _dispatch(self, pool: Pool) -> None:
        loop = self.loop
        assert loop is not None
        line, limiter = pool.line, self.limiter
        while len(line) and limiter.acquire(pool.key, pool.limit):
            event = self._next_waiting(line)
            if event is None:
                limiter.release(pool.key)
                break
            batch = [event]
            dep = event.endpoint.dep
            if dep.batch:
                # The batch takes the next waiting events of the same listener; others keep their places.
                for other_id in line:
                    if len(batch) >= dep.max_batch_size:
                        break
                    other = self.events.get(other_id)
                    if other is not None and other.endpoint is event.endpoint and not other.done:
                        if line.remove(other_id):
                            batch.append(other)
            pool.running[event.id] = (time.monotonic(), event.endpoint)
            task = loop.create_task(self._run(pool, batch))
            for item in batch:
                item.started = True
                item.task = task
        if len(line) and not pool.refresh_scheduled:
            pool.refresh_scheduled = True
            loop.call_later(1.0, self._refresh_estimations, pool)

    def _next_waiting(self, line: JobLine) -> Event | None:
        """Take the first event of ``line`` that still waits (ids of ended events are skipped)."""
        while (event_id := line.pop()) is not None:
            event = self.events.get(event_id)
            if event is not None and not event.done:
                return event
        return None

    def _refresh_estimations(self, pool: Pool) -> None:
        pool.refresh_scheduled = False
        if self.backend.control is not None:
            # A slot freed by another process, if its notice was missed (this refresh reschedules itself).
            pool.refresh_scheduled = True
            self._dispatch(pool)
            pool.refresh_scheduled = False
        waiting = [event for event_id in pool.line if (event := self.events.get(event_id)) is not None]
        size = len(waiting)
        until_free = self._until_free(pool)
        ahead: float | None = 0.0
        for rank, event in enumerate(waiting):
            if not event.done:
                self._send(
                    event, messages.estimation(event.id, rank, size, self._eta(event.endpoint, pool, ahead, until_free))
                )
            average = self.average(event.endpoint.dep.id)
            if ahead is None or pool.limit is None:
                continue
            if event.endpoint.dep.connection == "stream":
                ahead += (until_free or 0.0) / pool.limit
            elif average is None:
                ahead = None
            else:
                ahead += average / pool.limit
        if len(pool.line):
            pool.refresh_scheduled = True
            assert self.loop is not None
            self.loop.call_later(1.0, self._refresh_estimations, pool)

    async def _run(self, pool: Pool, batch: list[Event]) -> None:
        try:
            endpoint = batch[0].endpoint
            for event in batch:
                self._send(event, messages.process_starts(event.id, self.average(endpoint.dep.id)))
            start = time.perf_counter()
            try:
                if endpoint.dep.batch and batch[0].stream_input is not None:
                    await self._run_stream_group(batch)
                    return
                if endpoint.dep.batch:
                    outcomes = await self.runner.call_batch(endpoint, [e.data for e in batch], [e.ctx for e in batch])
                    duration = time.perf_counter() - start
                    average = self._record(endpoint.dep.id, duration)
                    for event, done in zip(batch, outcomes, strict=False):
                        self._complete(event, done, duration, average)
                    return
                event = batch[0]
                if event.stream_input is not None:
                    outcome, first = await run_stream(self, event, event.stream_input)
                    self._complete(event, outcome, first, self._record(endpoint.dep.id, first), generating=True)
                    return
                last = [start]
                if endpoint.plan.is_generator or endpoint.plan.is_async_generator:
                    outcome = await self._run_generator(event, last)
                else:
                    outcome = await self.runner.call(endpoint, event.data, event.ctx)
                # A generator's completion carries its last step's time (since its last yield), as Gradio's.
                duration = time.perf_counter() - last[0]
                if event.ctx.used_cache is None:
                    average = self._record(endpoint.dep.id, duration)
                else:  # as Gradio: a cached answer does not count towards the listener's average time
                    average = self.average(endpoint.dep.id) or duration
                self._complete(event, outcome, duration, average)
            except (Cancelled, asyncio.CancelledError):
                for event in batch:
                    self._finish_cancelled(event)
            except Exception as exc:
                self._log_failure(batch[0], exc)
                output = messages.error_output(exc, self.show_error)
                for event in batch:
                    self._fail(event, output)
        finally:
            self.limiter.release(pool.key)
            pool.running.pop(batch[0].id, None)
            if len(pool.line):
                self._dispatch(pool)

    async def _run_stream_group(self, batch: list[Event]) -> None:
        """Run the stream events of one ``batch=True`` listener together, each ending on its own.

        Their calls share a :class:`~trellis.queue.streaming.ChunkBatcher`; a failing call fails the
        events whose inputs were in it, and the others go on.
        """
        endpoint = batch[0].endpoint
        batcher = ChunkBatcher(self.runner, endpoint, endpoint.dep.max_batch_size)

        async def one(event: Event) -> None:
            assert event.stream_input is not None
            try:
                outcome, first = await run_stream(self, event, event.stream_input, batcher)
            except Cancelled:
                self._finish_cancelled(event)
            except Exception as exc:
                self._log_failure(event, exc)
                self._fail(event, messages.error_output(exc, self.show_error))
            else:
                self._complete(event, outcome, first, self._record(endpoint.dep.id, first), generating=True)

        try:
            await asyncio.gather(*(one(event) for event in batch))
        finally:
            batcher.close()

    async def _run_generator(self, event: Event, last: list[float], record: bool = True) -> Outcome | None:
        """Run a generator listener, sending each yield as ``process_generating``.

        As Gradio's, each message carries its own step's time (since the previous yield, or the start:
        ``last[0]``, which is kept up to date for the final step) and the listener's average, which
        counts every step when ``record`` (a cached answer's steps do not count).
        """
        endpoint = event.endpoint
        loop = self.loop
        assert loop is not None
        previous: list[Any] | None = None
        rest = event.rest
        channel = event.channel
        event_id = event.id
        fn_index = endpoint.dep.id
        fresh_outputs = [getattr(c, "fresh_payload", False) and endpoint.dep.postprocess for c in endpoint.outputs]

        def step() -> tuple[float, float | None]:
            now = time.perf_counter()
            duration, last[0] = now - last[0], now
            return duration, self._record(fn_index, duration) if record else self.average(fn_index)

        def build(outcome: Outcome, duration: float, average: float | None) -> bytes:
            nonlocal previous
            if rest is not None:
                return messages.rest_event("generating", _strip_state(outcome.data, endpoint))
            if previous is None:
                data: list[Any] = outcome.data
            else:
                data = [diff(old, new) for old, new in zip(previous, outcome.data, strict=False)]
            # A generator may mutate and re-yield the same objects: diff against a snapshot (components
            # whose payloads are always new objects, like the Chatbot's, need no copy).
            previous = [
                value if fresh and _is_payload(value) else copy.deepcopy(value)
                for value, fresh in zip(outcome.data, fresh_outputs, strict=False)
            ]
            output = messages.success_output(data, duration, average, outcome.changed_state_ids, True)
            return messages.process_generating(event_id, output)

        def deliver(message: bytes) -> None:
            if event.done:
                return
            if rest is not None:
                rest.put(message)
            else:
                channel.put(message)

        def publish(outcome: Outcome) -> None:
            duration, average = step()
            if event.direct is None:  # a direct call answers with the final output only
                deliver(build(outcome, duration, average))

        if endpoint.plan.is_async_generator:
            return await self.runner.run_async_generator(endpoint, event.data, event.ctx, publish)

        def emit(outcome: Outcome) -> None:
            duration, average = step()
            if event.direct is None:
                loop.call_soon_threadsafe(deliver, build(outcome, duration, average))

        context = contextvars.copy_context()
        return await anyio.to_thread.run_sync(
            context.run, self.runner.run_generator_sync, endpoint, event.data, event.ctx, emit, abandon_on_cancel=True
        )

    # -- ending ---------------------------------------------------------------------------
    def _complete(
        self, event: Event, outcome: Outcome | None, duration: float, average: float, generating: bool = False
    ) -> None:
        """End an event with its outputs (``generating``: a stream event's end, which Gradio marks as such)."""
        if event.done:
            return
        data = outcome.data if outcome is not None else [None] * len(event.endpoint.outputs)
        changed = outcome.changed_state_ids if outcome is not None else []
        render_config = outcome.render_config if outcome is not None else None
        if event.direct is not None:
            output = messages.success_output(data, duration, average, changed, False)
            output["render_config"] = render_config
            event.direct.set_result(DirectResult(True, output))
        elif event.rest is not None:
            event.rest.put(messages.rest_event("complete", _strip_state(data, event.endpoint)), final=True)
        else:
            output = messages.success_output(data, duration, average, changed, generating)
            output["render_config"] = render_config
            event.channel.put(
                messages.process_completed(event.id, output, duration, average, event.ctx.used_cache), event.id
            )
        self._forget(event)

    def _fail(self, event: Event, output: dict[str, Any]) -> None:
        if event.done:
            return
        if event.direct is not None:
            event.direct.set_result(DirectResult(False, output))
        elif event.rest is not None:
            event.rest.put(messages.rest_event("error", output), final=True)
        else:
            event.channel.put(messages.failed(event.id, output), event.id)
        self._forget(event)

    def _finish_cancelled(self, event: Event) -> None:
        if event.done:
            return
        if event.direct is not None:
            if not event.direct.done():
                event.direct.set_result(DirectResult(False, None, cancelled=True))
        elif event.rest is not None:
            event.rest.put(messages.rest_event("error", None), final=True)
        else:
            event.channel.put(messages.cancelled(event.id), event.id)
        self._forget(event)

    def _forget(self, event: Event) -> None:
        event.done = True
        channel = event.channel
        channel.pending.pop(event.id, None)
        if channel.log.shared:
            channel.log.pending_remove(event.id)
        if self.backend.control is not None:
            self.backend.control.forget(event.id)
        if event.ctx.session is not None:
            event.ctx.session.flush()
        now = time.monotonic()
        if event.rest is None:
            self.events.pop(event.id, None)
        else:
            self._finished_rest.append((now, event.id))  # kept for its reader, until rest_result_ttl
        channel.last_active = now
        if not channel.pending:
            channel.waiter.set()  # an open stream may now close
            session = event.ctx.session
            if session is not None and session.ephemeral:
                # A one-off REST call's session: nothing can use it again.
                if not channel.streams and not channel.heartbeats and not channel.undelivered():
                    self.channels.pop(session.hash, None)
                    channel.log.drop()
                self.sessions.discard(session.hash)

    def expire_rest_results(self) -> int:
        """Drop finished ``/call`` results nobody read within ``rest_result_ttl``; returns how many."""
        cutoff = time.monotonic() - self.rest_result_ttl
        dropped = 0
        finished = self._finished_rest
        while finished and finished[0][0] < cutoff:
            _, event_id = finished.popleft()
            if self.events.pop(event_id, None) is not None:
                dropped += 1
        return dropped

    def _log_failure(self, event: Event, exc: BaseException) -> None:
        log_failure(event.endpoint.plan.name, exc, event.id)

    # -- streaming inputs -------------------------------------------------------------------
    def stream_event(self, event_id: str) -> Event | None:
        """The running or waiting ``connection: "stream"`` event ``event_id`` (``None`` if none, or ended)."""
        event = self.events.get(event_id)
        if event is None or event.done or event.stream_input is None:
            return None
        return event

    # -- cancelling ---------------------------------------------------------------------
    def cancel(self, event_id: str, session_hash: str) -> bool:
        """Cancel an event of ``session_hash``; another session's event (or an unknown one) is left alone.

        With a shared backend, an event running in another process is cancelled there.
        """
        event = self.events.get(event_id)
        if event is None:
            remote = self.remote_event(event_id)
            if remote is None or remote.session_hash != session_hash:
                return False
            assert self.backend.control is not None
            self.backend.control.send(event_id, "cancel", {})
            return True
        if event.channel.session_hash != session_hash:
            return False
        self._cancel_event(event)
        return True

    def remote_event(self, event_id: str) -> RemoteEvent | None:
        """An unfinished event another process runs (a shared backend), or ``None``."""
        control = self.backend.control
        return None if control is None or event_id in self.events else control.lookup(event_id)

    def _on_control(self, event_id: str, op: str, payload: dict[str, Any]) -> None:
        """An operation another process sent to one of this process's events (or ``freed``: a pool's slot)."""
        if op == "freed":
            pool = self.pools.get(str(payload.get("pool")))
            if pool is not None and len(pool.line):
                self._dispatch(pool)
            return
        event = self.events.get(event_id)
        if event is None or event.done:
            return
        if op == "cancel":
            self._cancel_event(event)
        elif op == "chunk" and event.stream_input is not None:
            event.stream_input.feed(payload.get("data") or [], payload.get("event_data"))
        elif op == "close" and event.stream_input is not None:
            event.stream_input.close()

    def _cancel_event(self, event: Event, notify: bool = True) -> None:
        if event.done:
            return
        event.ctx.cancelled.set()
        if not event.started:
            pool = self.pools.get(event.endpoint.concurrency_key)
            if pool is not None:
                pool.line.remove(event.id)
        elif event.task is not None and not event.endpoint.dep.batch:
            event.task.cancel()
        elif event.stream_input is not None:  # one stream of a batch: only its own loop ends
            event.stream_input.close()
        if notify:
            self._finish_cancelled(event)
        else:
            self._forget(event)

    def cancel_session(self, session_hash: str) -> int:
        """Stop every pending event of a session whose client has gone."""
        channel = self.channels.get(session_hash)
        if channel is None:
            return 0
        pending = list(channel.pending.values())
        for event in pending:
            self._cancel_event(event)
        return len(pending)

    # -- streaming ----------------------------------------------------------------------
    async def stream(self, session_hash: str, last_event_id: int | None = None) -> AsyncIterator[bytes]:
        """The ``/queue/data`` SSE body for one session.

        It sends the session's logged messages after ``last_event_id`` (a resuming client's
        ``Last-Event-ID``), or after the last one any stream sent, then live ones. When that point
        is no longer in the log it sends one ``unexpected_error`` saying so and ends.
        """
        self._ensure_started()
        channel = self.channels.get(session_hash)
        if channel is None and self.backend.has_session(session_hash):
            channel = self.channel(session_hash)  # its events were joined through another process
        if channel is None:
            yield messages.SESSION_NOT_FOUND
            return
        log = channel.log
        shared = log.shared
        if last_event_id is not None:
            cursor = last_event_id
        else:
            cursor = max(channel.delivered, log.delivered) if shared else channel.delivered
        channel.streams += 1
        # A shared log hears that this process holds the client: now, and again at least every
        # heartbeat interval (10 s at most) while the stream lasts, busy or idle.
        live_every = min(self.heartbeat_interval, 10.0)
        live_at = time.monotonic()
        if shared:
            log.set_live(True)
        # A resuming client was mid-stream: once nothing is pending it gets its close_stream.
        delivered_completion = last_event_id is not None
        channel.release = False
        channel.closed.clear()
        try:
            while not self.closing:
                if shared and time.monotonic() - live_at >= live_every:
                    live_at = time.monotonic()
                    log.set_live(True)
                chunk = log.read_after(cursor)
                if chunk is None:
                    yield messages.resume_lost(cursor, log.last_seq)
                    return
                body = b""
                if chunk:
                    cursor += len(chunk)
                    channel.delivered = max(channel.delivered, cursor)
                    log.mark_delivered(cursor)
                    delivered_completion = delivered_completion or any(b'"process_completed"' in m[:40] for m in chunk)
                    body = b"".join(chunk)
                channel.waiter.clear()
                if delivered_completion and not self._pending(channel):
                    hold = channel.last_join + self.close_grace - time.monotonic()
                    if hold <= 0 or channel.release:
                        # close_stream goes out in the same write as the last completion: the official
                        # clients read both before they can send another join, so no later job can
                        # register on this stream between the two and be left waiting on a closed one.
                        released, channel.held = channel.release, False
                        yield body + messages.close_stream(cursor)
                        if released:
                            # A client hangs up once it has read close_stream (the task is then
                            # cancelled); only after that is the new session's join answered.
                            await asyncio.sleep(RELEASE_WAIT)
                        return
                    if body:
                        yield body
                        continue
                    channel.held = True
                    await self._wait(channel, cursor, hold)
                    continue
                if body:
                    yield body
                    continue
                if not await self._wait(channel, cursor, self.heartbeat_interval):
                    yield messages.heartbeat(cursor)
        finally:
            channel.held = False
            channel.closed.set()
            channel.streams -= 1
            if shared and not channel.streams and not channel.heartbeats:
                with contextlib.suppress(Exception):
                    log.set_live(False)
            channel.last_active = channel.stream_ended = channel.gone_since = time.monotonic()
            if self.loop is not None:
                if channel.pending:
                    self.loop.call_later(self.abandon_grace, self._stop_if_abandoned, channel)
                self.loop.call_later(self.abandon_grace, self._expire_log, channel)

    def _pending(self, channel: Channel) -> bool:
        """Whether the session has unfinished events (in any process, for a shared log)."""
        return bool(channel.pending) or (channel.log.shared and channel.log.pending_count() > 0)

    async def _wait(self, channel: Channel, cursor: int, timeout: float) -> bool:
        """Wait for news for the session's stream; ``False`` when ``timeout`` passed with none.

        News is a message (logged by any process), a release, or the server closing.
        """
        if not channel.log.shared:
            try:
                await asyncio.wait_for(channel.waiter.wait(), timeout)
            except asyncio.TimeoutError:
                return False
            return True
        local = asyncio.ensure_future(channel.waiter.wait())
        remote = asyncio.ensure_future(channel.log.arrival(cursor, timeout))
        try:
            done, _ = await asyncio.wait({local, remote}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if local in done and not remote.done():
                # Most often a message this process just logged, which the blocking read is about to
                # return: letting it finish keeps its connection (a cancelled blocking read drops it).
                await asyncio.wait({remote}, timeout=0.05)
        finally:
            local.cancel()
            remote.cancel()
        failed = remote.exception() if remote.done() and not remote.cancelled() else None
        if local in done:
            return True
        if failed is not None:
            # The shared store could not be read: as a quiet wait, so that the stream sends a heartbeat.
            logger.warning("waiting on the shared log of %s failed: %s", channel.session_hash, failed)
            return False
        return remote in done and remote.result()

    def _watch_remote(self, channel: Channel) -> None:
        """A shared log: stop the session's work once its client has had no stream anywhere for the grace period.

        A stream or heartbeat in this process has its own check when it ends; this one covers a
        client whose stream is held by another process.
        """
        if channel.watching or self.loop is None:
            return
        channel.watching = True
        self.loop.call_later(max(0.05, self.abandon_grace / 2), self._check_remote, channel)

    def _check_remote(self, channel: Channel) -> None:
        channel.watching = False
        if not channel.pending or self.closing:
            return
        if not (channel.streams or channel.heartbeats):  # (here, its own stream's end schedules the check)
            until = channel.log.presence_elsewhere()
            # Gone from this process too (a local stream's end counts on the same clock).
            gone_here = time.time() - (time.monotonic() - channel.gone_since) if channel.gone_since else None
            if until is not None and time.time() - max(until, gone_here or until) >= self.abandon_grace - 0.05:
                stopped = self.cancel_session(channel.session_hash)
                logger.info("stopped %d event(s) of session %s: its client is gone", stopped, channel.session_hash)
                return
        self._watch_remote(channel)

    def _expire_log(self, channel: Channel) -> None:
        """The session has been without a stream for ``abandon_grace``: forget what was delivered.

        Messages no stream has sent stay for the next stream; a client resuming from before the
        trimmed point is told its messages are gone.
        """
        if channel.streams or time.monotonic() - channel.stream_ended < self.abandon_grace - 0.05:
            return
        if channel.log.shared and _live_elsewhere(channel.log):
            return  # the client reads it through another process now
        channel.log.trim(channel.delivered)

    def _stop_if_abandoned(self, channel: Channel) -> None:
        """The session's stream dropped mid-work and no stream or heartbeat came back: stop its events."""
        # (a stream or heartbeat that came back and went again has its own, later check)
        if time.monotonic() - channel.gone_since < self.abandon_grace - 0.05:
            return
        if channel.pending and not channel.streams and not channel.heartbeats:
            if channel.log.shared and _live_elsewhere(channel.log):
                self._watch_remote(channel)  # its client reads through another process now
                return
            stopped = self.cancel_session(channel.session_hash)
            logger.info("stopped %d event(s) of session %s: its client is gone", stopped, channel.session_hash)

    async def wait_closing(self, timeout: float) -> None:
        """Sleep ``timeout`` seconds, or less if the server starts shutting down."""
        self._ensure_started()
        try:
            await asyncio.wait_for(self._closed.wait(), timeout)
        except asyncio.TimeoutError:
            pass

    def heartbeat_opened(self, session_hash: str) -> None:
        """A session opened its heartbeat stream (it is alive while one is open)."""
        self._ensure_started()
        channel = self.channel(session_hash)
        channel.heartbeats += 1
        channel.heartbeat_opens += 1
        self.heartbeat_beat(session_hash)

    def heartbeat_beat(self, session_hash: str) -> None:
        """A heartbeat stream is still open (a shared log hears that this process holds the client)."""
        channel = self.channels.get(session_hash)
        if channel is not None and channel.log.shared:
            channel.log.set_live(True)

    def heartbeat_closed(self, session_hash: str) -> int:
        """A session's heartbeat stream closed; its pending work is cancelled if it does not come back.

        Returns how many heartbeats the session has opened so far (a later count means it came back).
        """
        channel = self.channels.get(session_hash)
        if channel is None:
            return 0
        channel.heartbeats = max(0, channel.heartbeats - 1)
        channel.gone_since = time.monotonic()
        if channel.log.shared and not channel.heartbeats and not channel.streams:
            with contextlib.suppress(Exception):
                channel.log.set_live(False)
        if channel.pending and self.loop is not None:
            self.loop.call_later(self.abandon_grace, self._stop_if_abandoned, channel)
        return channel.heartbeat_opens

    async def rest_stream(self, event_id: str) -> AsyncIterator[bytes]:
        """The ``/call/{api_name}/{event_id}`` SSE body."""
        event = self.events.get(event_id)
        if event is None or event.rest is None:
            yield messages.rest_event("error", "Event not found.")
            return
        rest = event.rest
        try:
            while True:
                if rest.buffer:
                    chunk, rest.buffer = rest.buffer, []
                    rest.waiter.clear()
                    yield b"".join(chunk)
                    if rest.finished:
                        return
                    continue
                if rest.finished:
                    return
                rest.waiter.clear()
                try:
                    await asyncio.wait_for(rest.waiter.wait(), self.heartbeat_interval)
                except asyncio.TimeoutError:
                    yield b"event: heartbeat\ndata: null\n\n"
        finally:
            if rest.finished:
                self.events.pop(event_id, None)


def _live_elsewhere(log: MessageLog) -> bool:
    """Whether another process holds a stream or heartbeat of a shared log's session now."""
    until = log.presence_elsewhere()
    return until is not None and until > time.time()


def log_failure(name: str, exc: BaseException, event_id: str | None = None) -> None:
    """Log a failed call: a traceback for a bug in the app, one line for a client's malformed call."""
    if isinstance(exc, Error) and not exc.print_exception:
        return
    if isinstance(exc, Error):
        logger.warning("%s raised gr.Error: %s", name, exc.message)
    elif isinstance(exc, InputCountError):
        logger.warning("Refused a call of %s: %s", name, exc)
    else:
        logger.error("Error in %s (event %s)", name, event_id, exc_info=exc)


def _strip_state(data: list[Any], endpoint: EndpointInfo) -> list[Any]:
    if not endpoint.state_output_positions:
        return data
    skip = set(endpoint.state_output_positions)
    return [value for index, value in enumerate(data) if index not in skip]


def _is_payload(value: Any) -> bool:
    """A postprocessed value (not an update dict, whose props may come straight from the function)."""
    return not (isinstance(value, dict) and value.get("__type__") == "update")
