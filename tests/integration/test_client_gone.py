"""Work whose client is gone is stopped, over real HTTP against a real server.

When a session's ``queue/data`` stream and its heartbeat have both been gone for the disconnect
grace (``TRELLIS_DISCONNECT_GRACE``), its running generators stop at their next yield, its async
calls are cancelled, its queued events are dropped without running, its ``unload`` listeners run,
and once its State expires (``TRELLIS_SESSION_EXPIRY``) the State's ``delete_callback`` runs. During
the grace the work goes on (a client may come back and resume), and other sessions are untouched.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import TIMEOUT, fn_index, http_client, iter_sse, join, run_event, serve

import trellis as gr

GRACE = 0.4

#: What the app's functions did, by name: appended to from the server's threads.
seen: defaultdict[str, list[Any]] = defaultdict(list)
lock = threading.Lock()


def note(key: str, value: Any) -> None:
    with lock:
        seen[key].append(value)


def tokens(text: str) -> Iterator[str]:
    """Streams ``count`` tokens, one every 20 ms; ``text`` is ``"<name> <count>"``."""
    name, count = text.split()
    note(f"{name}:started", time.monotonic())
    try:
        for i in range(int(count)):
            note(f"{name}:yielded", i)
            yield f"{name} {i}"
            time.sleep(0.02)
        note(f"{name}:finished", time.monotonic())
    finally:
        note(f"{name}:stopped", time.monotonic())


async def wait_long(text: str) -> str:
    note(f"{text}:started", time.monotonic())
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        note(f"{text}:cancelled", time.monotonic())
        raise
    return text


def queued(text: str) -> str:
    note("queued:ran", text)
    return text


def remember(text: str, memory: str) -> str:
    return f"kept {text}"


def left(request: gr.Request) -> None:
    note("unload", request.session_hash)


def app() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        memory = gr.State("", delete_callback=lambda value: note("deleted", value))
        box.submit(tokens, box, out, api_name="tokens")
        # One slot: a second call waits in the queue behind the first.
        box.submit(wait_long, box, out, api_name="wait", concurrency_limit=1, concurrency_id="one")
        box.submit(queued, box, out, api_name="queued", concurrency_limit=1, concurrency_id="one")
        box.submit(remember, [box, memory], memory, api_name="remember")
        demo.unload(left)
    return demo


@pytest.fixture
def url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("TRELLIS_DISCONNECT_GRACE", str(GRACE))
    monkeypatch.setenv("TRELLIS_SESSION_EXPIRY", "0.5")
    seen.clear()
    with serve(app()) as base:
        yield base


def wait_until(condition: Callable[[], Any], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}: {dict(seen)}"
        time.sleep(0.01)


def read_messages(response: Any, until: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    """Read SSE messages until ``until(message)`` holds; return them."""
    got: list[dict[str, Any]] = []
    for message in iter_sse(response):
        got.append(message)
        if until(message):
            return got
    raise AssertionError(f"the stream ended first: {got}")


def test_a_generator_whose_client_is_gone_stops_at_its_next_yield_after_the_grace(url: str) -> None:
    gone, stays = uuid.uuid4().hex, uuid.uuid4().hex
    tokens_fn = fn_index(url, "tokens")
    other: dict[str, Any] = {}
    # Another session streams at the same time, to its end (50 tokens, about a second).
    neighbour = threading.Thread(
        target=lambda: other.setdefault("messages", run_event(url, tokens_fn, ["stays 50"], stays))
    )
    with http_client(url) as http:
        with http.stream("GET", f"gradio_api/heartbeat/{gone}") as beat:
            next(beat.iter_bytes())
            assert join(http, tokens_fn, ["gone 100000"], gone).status_code == 200
            with http.stream("GET", "gradio_api/queue/data", params={"session_hash": gone}) as data:
                read_messages(data, lambda m: m["msg"] == "process_generating" and "gone 2" in str(m))
                neighbour.start()
            # Leaving both blocks closes the stream and then the heartbeat: the client is gone.
        dropped = time.monotonic()
    wait_until(lambda: seen["gone:stopped"], "the generator of the gone client to stop")
    neighbour.join(TIMEOUT)
    stopped = seen["gone:stopped"][0]
    yielded = len(seen["gone:yielded"])
    # It went on through the grace (the client could have come back), then stopped; it never finished.
    assert stopped - dropped >= GRACE - 0.1, (stopped - dropped, GRACE)
    assert not seen["gone:finished"] and yielded < 100000
    assert len(seen["gone:yielded"]) == yielded  # stopped means no more yields
    done = [m for m in other["messages"] if m["msg"] == "process_completed"]
    assert done and done[0]["success"] is True and done[0]["output"]["data"] == ["stays 49"]
    assert seen["stays:finished"] and len(seen["stays:yielded"]) == 50


def test_a_gone_clients_async_call_is_cancelled_its_queued_call_dropped_and_its_session_ended(url: str) -> None:
    gone = uuid.uuid4().hex
    kept = run_event(url, fn_index(url, "remember"), ["mine", None], gone)
    assert kept[-1]["output"]["data"] == [None]  # State is not sent to the client; it is kept on the server
    with http_client(url) as http:
        with http.stream("GET", f"gradio_api/heartbeat/{gone}") as beat:
            next(beat.iter_bytes())
            assert join(http, fn_index(url, "wait"), ["gone"], gone).status_code == 200
            assert join(http, fn_index(url, "queued"), ["never"], gone).status_code == 200
            with http.stream("GET", "gradio_api/queue/data", params={"session_hash": gone}) as data:
                read_messages(data, lambda m: m["msg"] == "process_starts")
            wait_until(lambda: seen["gone:started"], "the async call to start")
    wait_until(lambda: seen["gone:cancelled"], "the async call of the gone client to be cancelled")
    wait_until(lambda: gone in seen["unload"], "the unload listener to run for the gone session")
    wait_until(lambda: "kept mine" in seen["deleted"], "the expired State's delete_callback")
    # The slot is free and the gone client's queued call was dropped: a new caller's call runs alone.
    after = run_event(url, fn_index(url, "queued"), ["next"], uuid.uuid4().hex)
    assert after[-1]["output"]["data"] == ["next"]
    assert seen["queued:ran"] == ["next"]
    assert seen["unload"] == [gone]


def test_a_client_that_comes_back_within_the_grace_keeps_its_work(url: str) -> None:
    session = uuid.uuid4().hex
    tokens_fn = fn_index(url, "tokens")
    with http_client(url) as http:
        assert join(http, tokens_fn, ["back 60"], session).status_code == 200
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as data:
            first = read_messages(data, lambda m: m["msg"] == "process_generating")
        # Dropped; back well within the grace, from where it left off.
        headers = {"Last-Event-ID": str(first[-1]["seq"])}
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}, headers=headers) as data:
            rest = read_messages(data, lambda m: m["msg"] == "close_stream")
    completed = [m for m in rest if m["msg"] == "process_completed"]
    assert completed and completed[0]["output"]["data"] == ["back 59"]
    assert seen["back:finished"] and not seen["unload"]
