"""Streaming inputs: events of ``connection: "stream"`` listeners (a webcam's frames, a microphone's chunks).

Such an event is called once with the inputs it joined with, then once per new input the page
posts to ``/stream/{event_id}`` (only the newest unprocessed input is kept: a slow function skips
frames rather than falling behind). Each call's outputs go out as ``process_streaming``; the event
ends with ``process_completed`` when its ``time_limit`` (time spent calling and waiting) is used
up, when the page posts ``/stream/{event_id}/close``, or when no input comes for the rest of the
limit (30 s without one), as in Gradio.

A ``batch=True`` stream listener's events run together (up to ``max_batch_size`` of them, as
dispatched): each keeps its own inputs, time limit and messages, and the inputs of those whose next
input is ready while a call runs go into the next call together (a :class:`ChunkBatcher`), so one
slow or quiet stream never holds the others back.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from typing import TYPE_CHECKING, Any, Protocol

import anyio.to_thread

from trellis.processing.runner import Outcome
from trellis.queue import messages

if TYPE_CHECKING:
    from trellis.config.build import EndpointInfo
    from trellis.processing.runner import CallContext, Runner


class _Channel(Protocol):
    def put(self, message: bytes) -> None: ...


class _Event(Protocol):
    """What the stream loop uses of a queue event (``trellis.queue.queue.Event``)."""

    @property
    def id(self) -> str: ...
    @property
    def endpoint(self) -> EndpointInfo: ...
    @property
    def ctx(self) -> CallContext: ...
    @property
    def channel(self) -> _Channel: ...
    @property
    def data(self) -> list[Any]: ...
    @property
    def done(self) -> bool: ...


class _Queue(Protocol):
    """What the stream loop uses of the queue (``trellis.queue.queue.Queue``)."""

    @property
    def runner(self) -> Runner: ...
    def average(self, fn_index: int) -> float | None: ...


#: Longest wait for the next input of a stream event without a ``time_limit``.
IDLE_LIMIT = 30.0


class StreamInput:
    """The newest input posted for a stream event, and whether the page closed it."""

    __slots__ = ("closed", "data", "event_data", "signal")

    def __init__(self) -> None:
        self.signal = asyncio.Event()
        self.data: list[Any] | None = None
        self.event_data: Any = None
        self.closed = False

    def feed(self, data: list[Any], event_data: Any) -> None:
        """Replace the waiting input (an unprocessed older one is dropped)."""
        self.data = data
        self.event_data = event_data
        self.signal.set()

    def close(self) -> None:
        """The page stopped streaming: the event ends after the call in progress, if any."""
        self.closed = True
        self.signal.set()


def streaming_message(event_id: str, output: dict[str, Any], time_limit: float | None) -> bytes:
    """The ``process_streaming`` message: one call's outputs; ``time_limit`` is what remains for the page's bar."""
    return messages.encode(
        {"msg": "process_streaming", "event_id": event_id, "output": output, "success": True, "time_limit": time_limit}
    )


class ChunkBatcher:
    """One ``batch=True`` call at a time for a group of stream events, with every input that waits for it.

    ``call`` queues one event's input and returns its own outcome. While a call runs, the inputs
    queued meanwhile wait and go into the next call together (at most ``size`` per call).
    """

    def __init__(self, runner: Runner, endpoint: EndpointInfo, size: int) -> None:
        self.runner = runner
        self.endpoint = endpoint
        self.size = max(1, size)
        self.waiting: list[tuple[list[Any], CallContext, asyncio.Future[Outcome]]] = []
        self.worker: asyncio.Task[None] | None = None

    async def call(self, data: list[Any], ctx: CallContext) -> Outcome:
        """The outcome of the listener on ``data``, called in a batch with the inputs waiting with it."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        self.waiting.append((data, ctx, future))
        if self.worker is None or self.worker.done():
            # Started as a task, it runs once the group's other streams have queued their inputs too.
            self.worker = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self.waiting:
            taken, self.waiting = self.waiting[: self.size], self.waiting[self.size :]
            taken = [item for item in taken if not item[2].done()]
            if not taken:
                continue
            try:
                outcomes = await self.runner.call_batch(
                    self.endpoint, [d for d, _, _ in taken], [c for _, c, _ in taken]
                )
            except asyncio.CancelledError:
                for _, _, future in taken:
                    future.cancel()
                raise
            except Exception as exc:  # the batch failed: every stream in it gets the error
                for _, _, future in taken:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for (_, _, future), outcome in zip(taken, outcomes, strict=False):
                if not future.done():
                    future.set_result(outcome)

    def close(self) -> None:
        """The group ended: stop a call still running for nobody."""
        if self.worker is not None:
            self.worker.cancel()
        for _, _, future in self.waiting:
            future.cancel()
        self.waiting = []


async def _call(
    queue: _Queue, event: _Event, data: list[Any], start: float, batcher: ChunkBatcher | None = None
) -> Outcome | None:
    """One call of the listener on ``data`` (a generator's yields go out as ``process_streaming``)."""
    endpoint = event.endpoint
    if batcher is not None:
        return await batcher.call(data, event.ctx)
    if not (endpoint.plan.is_generator or endpoint.plan.is_async_generator):
        return await queue.runner.call(endpoint, data, event.ctx)
    loop = asyncio.get_running_loop()
    limit = endpoint.dep.time_limit
    average = queue.average(endpoint.dep.id)

    def publish(outcome: Outcome) -> None:
        if not event.done:
            output = messages.success_output(
                outcome.data, time.perf_counter() - start, average, outcome.changed_state_ids, True
            )
            event.channel.put(streaming_message(event.id, output, limit))

    if endpoint.plan.is_async_generator:
        return await queue.runner.run_async_generator(endpoint, data, event.ctx, publish)

    def emit(outcome: Outcome) -> None:
        loop.call_soon_threadsafe(publish, outcome)

    context = contextvars.copy_context()
    return await anyio.to_thread.run_sync(
        context.run, queue.runner.run_generator_sync, endpoint, data, event.ctx, emit, abandon_on_cancel=True
    )


async def run_stream(
    queue: _Queue, event: _Event, feed: StreamInput, batcher: ChunkBatcher | None = None
) -> tuple[Outcome | None, float]:
    """Run a stream event to its end; returns its last outcome and the first call's duration.

    A failing call raises (the event then fails like any other). ``batcher``: the event is one of a
    ``batch=True`` group, whose calls go through it. The loop also ends once the event is over
    (cancelled).
    """
    endpoint = event.endpoint
    limit = endpoint.dep.time_limit
    # Inputs posted while the event waited in line replace the ones it joined with.
    data = feed.data if feed.data is not None else event.data
    if feed.data is not None:
        event.ctx.event_data = feed.event_data
    feed.data = None
    feed.signal.clear()
    start = time.perf_counter()
    outcome = await _call(queue, event, data, start, batcher)
    first = last = time.perf_counter() - start
    run_time = first
    while True:
        if feed.closed or event.done or (limit is not None and run_time >= limit):
            return outcome, first
        data_out = outcome.data if outcome is not None else [None] * len(endpoint.outputs)
        changed = outcome.changed_state_ids if outcome is not None else []
        output = messages.success_output(data_out, last, queue.average(endpoint.dep.id), changed, True)
        if outcome is not None:
            output["render_config"] = outcome.render_config
        event.channel.put(streaming_message(event.id, output, None if not limit else limit - first))
        waited_from = time.perf_counter()
        try:
            await asyncio.wait_for(feed.signal.wait(), max((limit or IDLE_LIMIT) - first, 0.0))
        except asyncio.TimeoutError:
            return outcome, first  # no new input in time: the last outputs are the final ones
        feed.signal.clear()
        if feed.closed or feed.data is None:
            return outcome, first
        data, feed.data = feed.data, None
        event.ctx.event_data = feed.event_data
        call_start = time.perf_counter()
        outcome = await _call(queue, event, data, call_start, batcher)
        last = time.perf_counter() - call_start
        run_time += time.perf_counter() - waited_from
