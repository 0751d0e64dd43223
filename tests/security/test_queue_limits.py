"""The queue's limits hold whichever route calls a listener, and nothing a client leaves behind stays.

``/run/<api>`` used to call queued listeners directly, past their ``concurrency_limit`` and the
queue's ``max_size``: 45 calls of a hanging function took every worker thread. ``/call`` results
nobody read, and the one-off sessions of REST calls, were kept forever.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT

import trellis as gr
from security.helpers import launched, wait_until


class Gate:
    """A function that blocks until released, counting how many run at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.started = 0

    def __call__(self, text: str) -> str:
        with self.lock:
            self.running += 1
            self.started += 1
            self.most = max(self.most, self.running)
        try:
            self.release.wait(3 * TIMEOUT)
            return f"done {text}"
        finally:
            with self.lock:
                self.running -= 1


def gated_app(gate: Gate, max_size: int | None = None) -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(gate, box, box, api_name="hang", concurrency_limit=2)
        box.change(lambda text: f"quick {text}", box, box, api_name="quick")
    if max_size is not None:
        demo.queue(max_size=max_size)
    return demo


@pytest.fixture
def gate() -> Iterator[Gate]:
    gate = Gate()
    yield gate
    gate.release.set()


def post_run(url: str, api: str, text: str, out: list[Any]) -> None:
    try:
        response = httpx.post(url + f"gradio_api/run/{api}", json={"data": [text]}, timeout=4 * TIMEOUT)
        out.append((response.status_code, response.json()))
    except httpx.HTTPError as exc:
        out.append((0, str(exc)))


def test_run_keeps_a_queued_listeners_concurrency_limit(gate: Gate, served: Callable[..., tuple[str, Any]]) -> None:
    url, _ = served(gated_app(gate))
    results: list[Any] = []
    callers = [threading.Thread(target=post_run, args=(url, "hang", str(i), results)) for i in range(45)]
    for caller in callers:
        caller.start()
    wait_until(lambda: gate.started >= 2, what="two calls running")
    # While 45 callers wait on the hanging listener, other listeners are served at once.
    quick = httpx.post(url + "gradio_api/run/quick", json={"data": ["x"]}, timeout=TIMEOUT)
    gate.release.set()
    for caller in callers:
        caller.join(4 * TIMEOUT)
    assert (quick.status_code, quick.json()["data"], gate.most, len(results)) == (200, ["quick x"], 2, 45)
    assert sorted(r[1]["data"][0] for r in results) == sorted(f"done {i}" for i in range(45))


def test_hanging_direct_calls_cannot_take_the_threads_queued_listeners_need(
    gate: Gate, served: Callable[..., tuple[str, Any]]
) -> None:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(gate, box, box, api_name="hang", queue=False)
        box.change(lambda text: f"queued {text}", box, box, api_name="queued")
    url, _ = served(demo, max_threads=10)
    results: list[Any] = []
    callers = [threading.Thread(target=post_run, args=(url, "hang", str(i), results)) for i in range(45)]
    for caller in callers:
        caller.start()
    wait_until(lambda: gate.started == 5, what="half the pool running the hanging calls")
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        queued = http.post("gradio_api/run/queued", json={"data": ["x"]})
    most_while_blocked = gate.most
    gate.release.set()
    for caller in callers:
        caller.join(4 * TIMEOUT)
    assert (queued.status_code, queued.json()["data"], most_while_blocked, sorted(r[0] for r in results)) == (
        200,
        ["queued x"],
        5,
        [200] * 45,
    )


def test_run_answers_503_when_the_queue_is_full(gate: Gate, served: Callable[..., tuple[str, Any]]) -> None:
    url, state = served(gated_app(gate, max_size=3))
    queue = state.queue
    results: list[Any] = []
    callers = [threading.Thread(target=post_run, args=(url, "hang", str(i), results)) for i in range(5)]
    for caller in callers:
        caller.start()
    wait_until(lambda: gate.started == 2, what="two calls running")
    wait_until(lambda: queue.waiting_count == 3, what="three calls waiting")
    full = httpx.post(url + "gradio_api/run/hang", json={"data": ["one too many"]}, timeout=TIMEOUT)
    gate.release.set()
    for caller in callers:
        caller.join(4 * TIMEOUT)
    assert (full.status_code, "Queue is full" in full.json()["detail"], sorted(r[0] for r in results)) == (
        503,
        True,
        [200] * 5,
    )


def test_a_caller_that_hangs_up_takes_its_waiting_run_out_of_the_queue(
    gate: Gate, served: Callable[..., tuple[str, Any]]
) -> None:
    url, state = served(gated_app(gate))
    queue = state.queue
    holders: list[Any] = []
    callers = [threading.Thread(target=post_run, args=(url, "hang", f"h{i}", holders)) for i in range(2)]
    for caller in callers:
        caller.start()
    wait_until(lambda: gate.started == 2, what="two calls running")
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(url + "gradio_api/run/hang", json={"data": ["impatient"]}, timeout=0.5)
    wait_until(lambda: queue.waiting_count == 0, what="the abandoned call to leave the queue")
    gate.release.set()
    for caller in callers:
        caller.join(4 * TIMEOUT)
    assert (gate.started, sorted(r[1]["data"][0] for r in holders)) == (2, ["done h0", "done h1"])


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., tuple[str, Any]]]:
    opened: list[Any] = []

    def start(demo: gr.Blocks, **kwargs: Any) -> tuple[str, Any]:
        context = launched(demo, **kwargs)
        url = context.__enter__()
        opened.append(context)
        return url, demo.server.app.state.trellis  # type: ignore[union-attr]

    yield start
    for context in opened:
        context.__exit__(None, None, None)


def echo_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(lambda text: "x" * 20_000 + text, box, box, api_name="echo")
    return demo


def test_unread_call_results_expire(served: Callable[..., tuple[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRELLIS_CALL_RESULT_TTL", "0.3")
    url, state = served(echo_app())
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        ids = [http.post("gradio_api/call/echo", json={"data": [str(i)]}).json()["event_id"] for i in range(200)]
        wait_until(lambda: all(state.queue.events[i].rest.finished for i in ids if i in state.queue.events))
        wait_until(lambda: (state.queue.expire_rest_results() or True) and not state.queue.events, what="expiry")
        late = http.get(f"gradio_api/call/echo/{ids[0]}")
        fresh = http.post("gradio_api/call/echo", json={"data": ["now"]}).json()["event_id"]
        read = http.get(f"gradio_api/call/echo/{fresh}")
    assert (late.status_code, read.status_code, read.text.rstrip().endswith('now"]')) == (404, 200, True)


def test_one_off_rest_calls_leave_no_session_behind(served: Callable[..., tuple[str, Any]]) -> None:
    url, state = served(echo_app())
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        for i in range(100):
            event_id = http.post("gradio_api/call/echo", json={"data": [str(i)]}).json()["event_id"]
            assert http.get(f"gradio_api/call/echo/{event_id}").status_code == 200
            assert http.post("gradio_api/run/echo", json={"data": [str(i)]}).status_code == 200
        named = uuid.uuid4().hex
        http.post("gradio_api/run/echo", json={"data": ["kept"], "session_hash": named})
    wait_until(lambda: len(state.sessions) == 1, what="only the named session left")
    assert (state.sessions.peek(named) is not None, len(state.queue.channels) <= 1) == (True, True)
