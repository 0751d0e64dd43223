"""The queue on hand-built compiled apps: concurrency pools, order, cancellation and the messages each event sends.

Functions signal the test through anyio Events (set from worker threads with :class:`ThreadFlag`); the test
reads a session's messages straight from its channel. Nothing waits on wall time.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import anyio
import pytest

import trellis as gr
from trellis.config.build import compile_app
from trellis.processing.files import FileCache
from trellis.processing.runner import Runner
from trellis.processing.session import SessionStore
from trellis.queue.queue import Event, Queue, QueueFullError
from trellis.runtime import Request

#: Seconds any single wait of a test may take before it fails.
TIMEOUT = 5.0
SESSION = "s1"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def make_queue(tmp_path: Path) -> AsyncIterator[Callable[..., Queue]]:
    """``make_queue(demo, show_error=False)``: a queue running ``demo`` compiled; closed when the test ends."""
    made: list[Queue] = []

    def make(demo: gr.Blocks, show_error: bool = False) -> Queue:
        app = compile_app(demo)
        queue = Queue(app, Runner(app, FileCache(cache_dir=tmp_path)), SessionStore(app.state_components), show_error)
        made.append(queue)
        return queue

    yield make
    for queue in made:
        queue.close()


def join(queue: Queue, api_name: str, *data: Any, session: str = SESSION) -> Event:
    return queue.join(queue.app.by_api_name[api_name], list(data), session, Request())


class Inbox:
    """The messages queued for one session, read from its channel as they arrive."""

    def __init__(self, queue: Queue, session: str = SESSION) -> None:
        self.channel = queue.channel(session)
        self.messages: list[dict[str, Any]] = []
        self.seq = 0

    def drain(self) -> list[dict[str, Any]]:
        """Read the session's log after the last message read, as a stream does.

        Every message must carry the next ``seq``; it is checked here and left out of ``messages``.
        """
        chunk = self.channel.log.read_after(self.seq)
        assert chunk is not None, f"messages after {self.seq} were trimmed"
        for raw in chunk:
            message = json.loads(raw.removeprefix(b"data: "))
            self.seq += 1
            assert message.pop("seq") == self.seq, message
            self.messages.append(message)
        self.channel.delivered = max(self.channel.delivered, self.seq)
        return self.messages

    async def until(self, predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The first message (read so far or still to come) that matches ``predicate``."""
        with anyio.fail_after(TIMEOUT):
            while True:
                self.channel.waiter.clear()
                for message in self.drain():
                    if predicate(message):
                        return message
                await self.channel.waiter.wait()

    async def completed(self, event: Event) -> dict[str, Any]:
        return await self.until(lambda m: m["msg"] == "process_completed" and m["event_id"] == event.id)

    def of(self, event: Event) -> list[dict[str, Any]]:
        """The messages of ``event`` read so far."""
        return [m for m in self.drain() if m["event_id"] == event.id]


class ThreadFlag:
    """An anyio Event that a function running in a worker thread may set."""

    def __init__(self) -> None:
        self.event = anyio.Event()
        self.loop = asyncio.get_running_loop()

    def set(self) -> None:
        self.loop.call_soon_threadsafe(self.event.set)

    async def wait(self) -> None:
        with anyio.fail_after(TIMEOUT):
            await self.event.wait()


async def wait(event: anyio.Event) -> None:
    with anyio.fail_after(TIMEOUT):
        await event.wait()


def completion(event: Event, data: list[Any]) -> dict[str, Any]:
    """A successful ``process_completed`` message of ``event`` (timings left out)."""
    return {
        "msg": "process_completed",
        "event_id": event.id,
        "output": {
            "data": data,
            "is_generating": False,
            "duration": ANY,
            "average_duration": ANY,
            "render_config": None,
            "changed_state_ids": [],
            "used_cache": None,
        },
        "success": True,
        "title": None,
        "used_cache": None,
        "cache_duration": ANY,
        "avg_time": ANY,
    }


def estimation(event: Event, rank: int = 0, queue_size: int = 1) -> dict[str, Any]:
    return {"msg": "estimation", "event_id": event.id, "rank": rank, "queue_size": queue_size, "rank_eta": None}


def start(event: Event) -> dict[str, Any]:
    return {"msg": "process_starts", "event_id": event.id, "eta": None}


def generating(event: Event, data: list[Any]) -> dict[str, Any]:
    """A ``process_generating`` message of ``event`` (timings left out)."""
    return {
        "msg": "process_generating",
        "event_id": event.id,
        "output": {
            "data": data,
            "is_generating": True,
            "duration": ANY,
            "average_duration": ANY,
            "render_config": None,
            "changed_state_ids": [],
            "used_cache": None,
        },
        "success": True,
        "time_limit": None,
    }


def failure(event: Event, output: dict[str, Any], title: str | None = "Error") -> dict[str, Any]:
    return {
        "msg": "process_completed",
        "event_id": event.id,
        "output": output,
        "success": False,
        "title": title,
        "used_cache": None,
        "cache_duration": None,
        "avg_time": None,
    }


def cancellation(event: Event) -> dict[str, Any]:
    return {
        "msg": "process_completed",
        "event_id": event.id,
        "output": {},
        "success": True,
        "title": None,
        "used_cache": None,
        "cache_duration": None,
        "avg_time": None,
    }


class Gate:
    """An async listener that records each call and holds the ones named ``hold`` until ``release``."""

    def __init__(self, hold: str = "hold") -> None:
        self.hold = hold
        self.released = anyio.Event()
        self.running: dict[str, anyio.Event] = {}
        self.calls: list[str] = []

    def started(self, value: str) -> anyio.Event:
        return self.running.setdefault(value, anyio.Event())

    def release(self) -> None:
        self.released.set()

    async def __call__(self, value: str) -> str:
        self.calls.append(value)
        self.started(value).set()
        if value.startswith(self.hold):
            await self.released.wait()
        return value


# -- one run ----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_event_sends_estimation_then_starts_then_completes(make_queue: Callable[..., Queue]) -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda x: x.upper(), box, box, api_name="shout")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "shout", "hi")
    await inbox.completed(event)
    assert inbox.messages == [estimation(event), start(event), completion(event, ["HI"])]


@pytest.mark.anyio
async def test_generator_yields_arrive_as_process_generating_then_one_completion(
    make_queue: Callable[..., Queue],
) -> None:
    def count(x: str) -> Iterator[str]:
        yield "a"
        yield "ab"

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(count, box, box, api_name="count")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "count", "x")
    await inbox.completed(event)
    # The second yield travels as a diff against the first; the completion carries the whole last value.
    assert inbox.messages == [
        estimation(event),
        start(event),
        generating(event, ["a"]),
        generating(event, [[["append", [], "b"]]]),
        completion(event, ["ab"]),
    ]


@pytest.mark.anyio
async def test_each_generator_step_carries_its_own_time_and_counts_in_the_average(
    make_queue: Callable[..., Queue],
) -> None:
    """As Gradio's (captures/sse_count.txt): a ``process_generating`` carries the time since the previous
    yield, the average counts every step, and the completion carries the last step (after the last yield)."""

    def count(x: str) -> Iterator[str]:
        for text in ("a", "ab", "abc"):
            time.sleep(0.05)
            yield text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(count, box, box, api_name="count")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    began = time.perf_counter()
    event = join(queue, "count", "x")
    await inbox.completed(event)
    elapsed = time.perf_counter() - began
    outputs = [m["output"] for m in inbox.messages if m["msg"] in ("process_generating", "process_completed")]
    steps = [o["duration"] for o in outputs]
    assert len(steps) == 4 and all(d >= 0.04 for d in steps[:3])
    # Steps, not times since the start (those would add up to about twice the elapsed time); durations
    # are rounded to the millisecond.
    assert sum(steps) <= elapsed + 0.01
    for k, output in enumerate(outputs, 1):
        assert output["average_duration"] == pytest.approx(sum(steps[:k]) / k, rel=1e-6, abs=1e-3)
    assert queue.durations[event.endpoint.dep.id][1] == 4


@pytest.mark.anyio
async def test_progress_of_a_running_event_reaches_its_session(make_queue: Callable[..., Queue]) -> None:
    def work(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 (Gradio's idiom)
        progress(0.25, desc="quarter")
        return x

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(work, box, box, api_name="work")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "work", "x")
    await inbox.completed(event)
    assert [m for m in inbox.messages if m["msg"] == "progress"] == [
        {
            "msg": "progress",
            "event_id": event.id,
            "progress_data": [{"index": None, "length": None, "unit": "steps", "progress": 0.25, "desc": "quarter"}],
        }
    ]


# -- order and concurrency --------------------------------------------------------------------


@pytest.mark.anyio
async def test_events_of_one_pool_run_in_the_order_they_joined(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    events = [join(queue, "fn", value) for value in ("hold", "b", "c", "d")]
    await wait(gate.started("hold"))
    gate.release()
    await inbox.completed(events[-1])
    assert gate.calls == ["hold", "b", "c", "d"]


@pytest.mark.anyio
async def test_limit_one_serialises_a_listener_while_another_listener_runs(
    make_queue: Callable[..., Queue],
) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="slow")

        async def other(value: str) -> str:  # another function: the same one would share the pool, as in Gradio
            return await gate(value)

        gr.Button().click(other, box, box, api_name="other")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    held = join(queue, "slow", "hold")
    await wait(gate.started("hold"))
    second = join(queue, "slow", "second")
    other = join(queue, "other", "other")
    await inbox.completed(other)
    calls_while_held = list(gate.calls)
    gate.release()
    await inbox.completed(second)
    assert (calls_while_held, gate.calls, held.done) == (["hold", "other"], ["hold", "other", "second"], True)


@pytest.mark.anyio
async def test_shared_concurrency_id_limits_events_across_listeners(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="a", concurrency_id="gpu", concurrency_limit=1)
        gr.Button().click(gate, box, box, api_name="b", concurrency_id="gpu", concurrency_limit=1)
    queue = make_queue(demo)
    inbox = Inbox(queue)
    join(queue, "a", "hold")
    await wait(gate.started("hold"))
    other = join(queue, "b", "b")
    waiting = (other.started, list(gate.calls))
    gate.release()
    await inbox.completed(other)
    assert (waiting, gate.calls) == ((False, ["hold"]), ["hold", "b"])


@pytest.mark.anyio
async def test_concurrency_limit_two_runs_two_events_at_once_and_holds_the_third(
    make_queue: Callable[..., Queue],
) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn", concurrency_limit=2)
    queue = make_queue(demo)
    inbox = Inbox(queue)
    events = [join(queue, "fn", value) for value in ("hold1", "hold2", "hold3")]
    await wait(gate.started("hold1"))
    await wait(gate.started("hold2"))
    running = [event.started for event in events]
    gate.release()
    await inbox.completed(events[2])
    assert (running, gate.calls) == ([True, True, False], ["hold1", "hold2", "hold3"])


@pytest.mark.anyio
async def test_default_concurrency_limit_applies_to_listeners_without_their_own(
    make_queue: Callable[..., Queue],
) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo.queue(default_concurrency_limit=2))
    inbox = Inbox(queue)
    events = [join(queue, "fn", value) for value in ("hold1", "hold2", "hold3")]
    await wait(gate.started("hold1"))
    await wait(gate.started("hold2"))
    running = [event.started for event in events]
    gate.release()
    await inbox.completed(events[2])
    assert running == [True, True, False]


@pytest.mark.anyio
async def test_concurrency_limit_none_starts_every_event_at_once(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn", concurrency_limit=None)
    queue = make_queue(demo)
    inbox = Inbox(queue)
    events = [join(queue, "fn", f"hold{i}") for i in range(3)]
    for i in range(3):
        await wait(gate.started(f"hold{i}"))
    gate.release()
    for event in events:
        await inbox.completed(event)
    assert sorted(gate.calls) == ["hold0", "hold1", "hold2"]


@pytest.mark.anyio
async def test_estimation_carries_rank_and_queue_size(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    events = [join(queue, "fn", value) for value in ("hold", "b", "c")]
    estimations = [m for m in inbox.drain() if m["msg"] == "estimation"]
    gate.release()
    await inbox.completed(events[-1])
    # The first event starts at once; the second is next in line; the third waits behind it.
    assert estimations == [estimation(events[0]), estimation(events[1]), estimation(events[2], rank=1, queue_size=2)]


@pytest.mark.anyio
async def test_estimation_eta_uses_the_average_duration_of_finished_runs(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    await inbox.completed(join(queue, "fn", "warm-up"))
    average = queue.average(queue.app.by_api_name["fn"].dep.id)
    held = join(queue, "fn", "hold")
    waiting = join(queue, "fn", "b")
    estimation = await inbox.until(lambda m: m["msg"] == "estimation" and m["event_id"] == waiting.id)
    gate.release()
    await inbox.completed(waiting)
    assert (held.started, estimation["rank"]) == (True, 0)
    # Its own run, plus what is left of the held run (expected to take the average too).
    assert average is not None and average <= estimation["rank_eta"] <= 2 * average


def _preset_average(queue: Queue, api_name: str, seconds: float) -> None:
    """Record one past run of ``seconds`` for a listener, as if it had run."""
    queue.durations[queue.app.by_api_name[api_name].dep.id] = (seconds, 1)


@pytest.mark.anyio
async def test_rank_eta_adds_the_wait_for_a_slot_and_the_runs_ahead_as_gradio(
    make_queue: Callable[..., Queue],
) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    _preset_average(queue, "fn", 10.0)
    held = join(queue, "fn", "hold")
    first, second = join(queue, "fn", "b"), join(queue, "fn", "c")
    joined = {m["event_id"]: m for m in inbox.drain() if m["msg"] == "estimation"}
    etas = {event_id: m["rank_eta"] for event_id, m in joined.items()}
    # The held run should end in 10 s; then "b" runs 10 s; "c" waits for "b" too.
    assert etas[held.id] == 10.0
    assert etas[first.id] == pytest.approx(20.0, abs=0.5)
    assert etas[second.id] == pytest.approx(30.0, abs=0.5)
    # The refresh (once a second) sums the runs ahead and counts down the held run.
    refreshed = await inbox.until(
        lambda m: m["msg"] == "estimation" and m["event_id"] == second.id and m is not joined[second.id]
    )
    gate.release()
    await inbox.completed(second)
    assert refreshed["rank_eta"] == pytest.approx(29.0, abs=0.5)


@pytest.mark.anyio
async def test_rank_eta_is_unknown_while_a_running_listener_has_no_average(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="a", concurrency_id="g")
        gr.Button().click(lambda x: x, box, box, api_name="b", concurrency_id="g")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    _preset_average(queue, "b", 1.0)
    join(queue, "a", "hold")  # "a" has never finished a run: nobody knows when it frees the slot
    waiting = join(queue, "b", "x")
    estimation = await inbox.until(lambda m: m["msg"] == "estimation" and m["event_id"] == waiting.id)
    gate.release()
    await inbox.completed(waiting)
    assert estimation["rank_eta"] is None


@pytest.mark.anyio
async def test_process_starts_eta_is_the_listeners_average(make_queue: Callable[..., Queue]) -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda x: x, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    _preset_average(queue, "fn", 4.0)
    event = join(queue, "fn", "x")
    await inbox.completed(event)
    starts = [m for m in inbox.of(event) if m["msg"] == "process_starts"]
    assert starts == [{"msg": "process_starts", "event_id": event.id, "eta": 4.0}]


@pytest.mark.anyio
async def test_listeners_of_one_function_share_a_pool_as_in_gradio(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="a")
        gr.Button().click(gate, box, box, api_name="b", concurrency_limit=None)
    queue = make_queue(demo)
    inbox = Inbox(queue)
    join(queue, "a", "hold")
    await wait(gate.started("hold"))
    other = join(queue, "b", "b")
    waiting = (other.started, list(gate.calls))
    gate.release()
    await inbox.completed(other)
    # One pool for the function, limited by the limit its listeners set (None sets none).
    assert (waiting, gate.calls) == ((False, ["hold"]), ["hold", "b"])


@pytest.mark.anyio
async def test_a_concurrency_group_takes_the_lowest_limit_of_its_listeners(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="a", concurrency_id="g", concurrency_limit=3)
        gr.Button().click(gate, box, box, api_name="b", concurrency_id="g", concurrency_limit=1)
    queue = make_queue(demo)
    inbox = Inbox(queue)
    join(queue, "a", "hold")
    await wait(gate.started("hold"))
    second = join(queue, "a", "second")
    waiting = second.started
    gate.release()
    await inbox.completed(second)
    assert (waiting, gate.calls) == (False, ["hold", "second"])


@pytest.mark.anyio
async def test_time_limit_does_not_stop_a_non_streaming_event_as_in_gradio(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()

        async def steps(value: str) -> AsyncIterator[str]:
            yield "first"
            yield await gate(value)

        gr.Button().click(steps, box, box, api_name="fn", time_limit=0.001)
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "fn", "hold")
    await wait(gate.started("hold"))
    await inbox.until(lambda m: m["msg"] == "process_generating")
    gate.release()
    final = await inbox.completed(event)
    generating = [m for m in inbox.of(event) if m["msg"] == "process_generating"]
    assert final["success"] is True and final["output"]["data"] == ["hold"]
    assert [m["time_limit"] for m in generating] == [None, None]


@pytest.mark.anyio
async def test_join_beyond_max_size_raises_queue_full(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo.queue(max_size=1))
    inbox = Inbox(queue)
    join(queue, "fn", "hold")
    waiting = join(queue, "fn", "b")
    with pytest.raises(QueueFullError) as refused:
        join(queue, "fn", "c")
    gate.release()
    await inbox.completed(waiting)
    assert (str(refused.value), gate.calls) == ("Queue is full. Max size is 1 and size is 1.", ["hold", "b"])


# -- failures ---------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_raising_function_does_not_stop_the_queue(make_queue: Callable[..., Queue]) -> None:
    def fragile(x: str) -> str:
        if x == "boom":
            raise RuntimeError("boom")
        return x

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(fragile, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    failing, after = join(queue, "fn", "boom"), join(queue, "fn", "fine")
    assert (await inbox.completed(failing), await inbox.completed(after)) == (
        failure(failing, {"error": None}),
        completion(after, ["fine"]),
    )


@pytest.mark.anyio
async def test_gr_error_fails_the_event_with_its_message_title_duration_and_visibility(
    make_queue: Callable[..., Queue],
) -> None:
    def fail(x: str) -> str:
        raise gr.Error("bad " + x, duration=3, visible=False, title="Oops")

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(fail, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "fn", "input")
    assert await inbox.completed(event) == failure(
        event, {"error": "bad input", "duration": 3, "visible": False, "title": "Oops"}, title="Oops"
    )


@pytest.mark.anyio
async def test_plain_exception_message_is_hidden_without_show_error(make_queue: Callable[..., Queue]) -> None:
    def crash(x: str) -> str:
        raise ValueError("secret " + x)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(crash, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "fn", "detail")
    assert await inbox.completed(event) == failure(event, {"error": None})


@pytest.mark.anyio
async def test_plain_exception_message_is_shown_with_show_error(make_queue: Callable[..., Queue]) -> None:
    def crash(x: str) -> str:
        raise ValueError("secret " + x)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(crash, box, box, api_name="fn")
    queue = make_queue(demo, show_error=True)
    inbox = Inbox(queue)
    event = join(queue, "fn", "detail")
    assert await inbox.completed(event) == failure(event, {"error": "secret detail", "visible": True})


@pytest.mark.anyio
async def test_input_its_component_refuses_fails_the_event_with_the_validation_message(
    make_queue: Callable[..., Queue],
) -> None:
    with gr.Blocks() as demo:
        number = gr.Number(maximum=5)
        gr.Button().click(lambda x: x, number, number, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "fn", 9)
    assert await inbox.completed(event) == failure(
        event, {"error": "Value 9 is greater than maximum value 5.", "duration": 10, "visible": True, "title": "Error"}
    )


# -- cancellation -----------------------------------------------------------------------------


@pytest.mark.anyio
async def test_cancelling_a_waiting_event_removes_it_before_it_runs(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    held = join(queue, "fn", "hold")
    waiting = join(queue, "fn", "never")
    after = join(queue, "fn", "after")
    cancelled = queue.cancel(waiting.id, SESSION)
    gate.release()
    await inbox.completed(after)
    assert (cancelled, gate.calls, inbox.of(waiting), held.done) == (
        True,
        ["hold", "after"],
        [estimation(waiting), cancellation(waiting)],
        True,
    )


@pytest.mark.anyio
async def test_cancelling_a_running_sync_generator_stops_it_at_its_next_yield(
    make_queue: Callable[..., Queue],
) -> None:
    steps: list[int] = []
    parked, resume, closed = ThreadFlag(), threading.Event(), ThreadFlag()

    def endless(x: str) -> Iterator[str]:
        try:
            while True:
                steps.append(len(steps) + 1)
                yield str(len(steps))
                parked.set()  # resumed after a yield: the runner has sent it and seen no cancel yet
                resume.wait(TIMEOUT)
        finally:
            closed.set()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(endless, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "fn", "x")
    try:
        await parked.wait()
        assert queue.cancel(event.id, SESSION)
    finally:
        resume.set()
    await closed.wait()
    # One more step ran (up to the yield that noticed the cancel); its value was never sent.
    assert (steps, inbox.of(event)) == (
        [1, 2],
        [estimation(event), start(event), generating(event, ["1"]), cancellation(event)],
    )


@pytest.mark.anyio
async def test_cancelling_a_running_async_generator_stops_it_where_it_waits(
    make_queue: Callable[..., Queue],
) -> None:
    steps: list[int] = []
    never = anyio.Event()
    closed = anyio.Event()

    async def endless(x: str) -> AsyncIterator[str]:
        try:
            while True:
                steps.append(len(steps) + 1)
                yield str(len(steps))
                await never.wait()
        finally:
            closed.set()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(endless, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "fn", "x")
    await inbox.until(lambda m: m["msg"] == "process_generating")
    assert queue.cancel(event.id, SESSION)
    await wait(closed)
    assert (steps, inbox.of(event)) == (
        [1],
        [estimation(event), start(event), generating(event, ["1"]), cancellation(event)],
    )


@pytest.mark.anyio
async def test_cancelled_event_frees_its_slot_for_the_next(make_queue: Callable[..., Queue]) -> None:
    gate = Gate()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(gate, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    held = join(queue, "fn", "hold")
    await wait(gate.started("hold"))
    after = join(queue, "fn", "after")
    queue.cancel(held.id, SESSION)
    assert await inbox.completed(after) == completion(after, ["after"])


@pytest.mark.anyio
async def test_cancel_of_another_sessions_event_is_refused(make_queue: Callable[..., Queue]) -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda x: x, box, box, api_name="fn")
    queue = make_queue(demo)
    inbox = Inbox(queue)
    event = join(queue, "fn", "mine")
    refused = queue.cancel(event.id, "someone-else")
    assert (refused, await inbox.completed(event)) == (False, completion(event, ["mine"]))


@pytest.mark.parametrize(
    ("env", "queue_default", "expected"),
    [(None, "not_set", 1), ("3", "not_set", 3), ("None", "not_set", None), ("3", 2, 2), ("3", None, None)],
)
def test_default_concurrency_limit_comes_from_queue_then_the_environment_then_one(
    monkeypatch: pytest.MonkeyPatch, env: str | None, queue_default: Any, expected: int | None
) -> None:
    if env is None:
        monkeypatch.delenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", raising=False)
    else:
        monkeypatch.setenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", env)
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda x: x, box, box, api_name="fn")
        gr.Button().click(lambda x: x, box, box, api_name="own", concurrency_limit=5)
    app = compile_app(demo.queue(default_concurrency_limit=queue_default))
    assert (app.by_api_name["fn"].concurrency_limit, app.by_api_name["own"].concurrency_limit) == (expected, 5)


def test_a_bad_default_concurrency_limit_in_the_environment_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADIO_DEFAULT_CONCURRENCY_LIMIT", "many")
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda x: x, box, box)
    with pytest.raises(gr.exceptions.InvalidConfigError, match="GRADIO_DEFAULT_CONCURRENCY_LIMIT"):
        compile_app(demo)
