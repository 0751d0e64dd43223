"""Cancelling a running generator: it really stops, the client sees CANCELLED, and the session keeps working."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from typing import Any

import pytest
from conftest import TIMEOUT, fn_index, http_client, join, read_stream
from gradio_client.utils import Status

import trellis as gr


class Run:
    """One generator call as the app sees it: steps taken, and whether it was closed."""

    def __init__(self) -> None:
        self.steps = 0
        self.closed = threading.Event()


RUNS: dict[str, Run] = {}


def run_of(label: str) -> Run:
    return RUNS.setdefault(label, Run())


def tick(label: str) -> Any:
    """Counts steps for ``label`` (unique per test) until it is cancelled (or a bounded number of steps)."""
    run = run_of(label)
    try:
        for _ in range(int(TIMEOUT / 0.02)):
            run.steps += 1
            yield f"{label} {run.steps}"
            time.sleep(0.02)
    finally:
        run.closed.set()


def wait_until(predicate: Any, timeout: float = TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


async def async_tick(label: str) -> Any:
    """The async-generator twin of :func:`tick`."""
    run = run_of(label)
    try:
        for _ in range(int(TIMEOUT / 0.02)):
            run.steps += 1
            yield f"{label} {run.steps}"
            await asyncio.sleep(0.02)
    finally:
        run.closed.set()


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(tick, box, box)
        gr.Button().click(async_tick, box, box)
        gr.Button().click(lambda x: "echo " + x, box, box, api_name="echo")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


@pytest.fixture
def cancelled_job(url: str, make_client: Any) -> tuple[Any, Any, Run]:
    """A client, its /tick job and the app's view of it, cancelled once the generator took a few steps."""
    label = uuid.uuid4().hex
    client = make_client(url)
    job = client.submit(label, api_name="/tick")
    assert wait_until(lambda: run_of(label).steps >= 3)
    job.cancel()
    return client, job, run_of(label)


def test_cancel_closes_the_generator(cancelled_job: tuple[Any, Any, Run]) -> None:
    assert cancelled_job[2].closed.wait(TIMEOUT)


def test_cancelled_generator_stops_advancing(cancelled_job: tuple[Any, Any, Run]) -> None:
    run = cancelled_job[2]
    assert run.closed.wait(TIMEOUT)
    steps = run.steps
    time.sleep(0.2)  # ten generator steps' worth: a still-running loop would have moved on
    assert run.steps == steps


def test_cancelled_job_status_is_cancelled(cancelled_job: tuple[Any, Any, Run]) -> None:
    job = cancelled_job[1]
    assert wait_until(lambda: job.status().code == Status.CANCELLED)


def test_same_client_works_after_a_cancel(cancelled_job: tuple[Any, Any, Run]) -> None:
    client = cancelled_job[0]
    assert client.predict("again", api_name="/echo") == "echo again"


def test_same_client_can_run_the_generator_again_after_a_cancel(cancelled_job: tuple[Any, Any, Run]) -> None:
    client = cancelled_job[0]
    label = uuid.uuid4().hex
    job = client.submit(label, api_name="/tick")
    assert wait_until(lambda: run_of(label).steps >= 2)
    job.cancel()
    assert run_of(label).closed.wait(TIMEOUT)


def test_cancel_on_the_wire_ends_the_event_with_an_empty_output(url: str) -> None:
    session = label = uuid.uuid4().hex
    fn = fn_index(url, "tick")
    with http_client(url) as http:
        event_id = join(http, fn, [label], session).json()["event_id"]
        assert wait_until(lambda: run_of(label).steps >= 2)
        cancel = http.post("gradio_api/cancel", json={"fn_index": fn, "session_hash": session, "event_id": event_id})
        reset = http.post("gradio_api/reset", json={"event_id": event_id})
        messages = read_stream(http, session)
    final = [m for m in messages if m["msg"] == "process_completed"]
    assert (cancel.json(), reset.json(), final) == (
        {"success": True},
        {"success": True},
        [
            {
                "msg": "process_completed",
                "event_id": event_id,
                "output": {},
                "success": True,
                "title": None,
                "used_cache": None,
                "cache_duration": None,
                "avg_time": None,
                "seq": messages[-1]["seq"],  # the last logged message: close_stream repeats its seq
            }
        ],
    )


def test_cancel_of_a_waiting_event_never_runs_it(url: str) -> None:
    session = label = uuid.uuid4().hex
    fn = fn_index(url, "tick")
    with http_client(url) as http:
        running = join(http, fn, [label], session).json()["event_id"]
        waiting = join(http, fn, [label + "-second"], session).json()["event_id"]
        assert wait_until(lambda: run_of(label).steps >= 1)
        http.post("gradio_api/cancel", json={"fn_index": fn, "session_hash": session, "event_id": waiting})
        http.post("gradio_api/cancel", json={"fn_index": fn, "session_hash": session, "event_id": running})
        messages = read_stream(http, session)
    started = [m["event_id"] for m in messages if m["msg"] == "process_starts"]
    assert (started, run_of(label + "-second").steps) == ([running], 0)


def test_cancel_with_another_sessions_hash_is_ignored(url: str) -> None:
    session = label = uuid.uuid4().hex
    fn = fn_index(url, "tick")
    with http_client(url) as http:
        event_id = join(http, fn, [label], session).json()["event_id"]
        assert wait_until(lambda: run_of(label).steps >= 1)
        http.post("gradio_api/cancel", json={"fn_index": fn, "session_hash": "someone-else", "event_id": event_id})
        steps = run_of(label).steps
        still_running = wait_until(lambda: run_of(label).steps > steps + 2) and not run_of(label).closed.is_set()
        http.post("gradio_api/cancel", json={"fn_index": fn, "session_hash": session, "event_id": event_id})
        read_stream(http, session)
    assert still_running


def test_cancel_stops_an_async_generator(url: str, make_client: Any) -> None:
    label = uuid.uuid4().hex
    job = make_client(url).submit(label, api_name="/async_tick")
    assert wait_until(lambda: run_of(label).steps >= 3)
    job.cancel()
    assert run_of(label).closed.wait(TIMEOUT)
    steps = run_of(label).steps
    time.sleep(0.2)
    assert (run_of(label).steps, wait_until(lambda: job.status().code == Status.CANCELLED)) == (steps, True)
