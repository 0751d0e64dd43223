"""Concurrency limits and queue size, measured inside the app (overlap counters), never by wall time."""

from __future__ import annotations

import threading
import time
import uuid
from typing import Any

import pytest
from conftest import TIMEOUT, fn_index, http_client, join, read_stream

import trellis as gr


class Overlap:
    """Counts how many calls of a group run at the same time; ``peak`` is the most ever seen."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.active = 0
        self.peak = 0

    def reset(self) -> None:
        with self.lock:
            self.active = 0
            self.peak = 0

    def run(self, value: Any, hold: float = 0.2, wait_for: int | None = None) -> Any:
        """Hold a slot for ``hold`` seconds, or until ``wait_for`` calls run together (bounded wait)."""
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.lock.notify_all()
            if wait_for is not None:
                self.lock.wait_for(lambda: self.active >= wait_for or self.peak >= wait_for, timeout=TIMEOUT / 2)
        if wait_for is None:
            time.sleep(hold)
        with self.lock:
            self.active -= 1
        return value


SERIAL, PAIR, SHARED, SEPARATE, UNLIMITED = Overlap(), Overlap(), Overlap(), Overlap(), Overlap()
RELEASE = threading.Event()


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda x: SERIAL.run(x), box, box, api_name="serial")
        gr.Button().click(lambda x: PAIR.run(x, wait_for=2), box, box, api_name="pair", concurrency_limit=2)
        gr.Button().click(
            lambda x: SHARED.run(x), box, box, api_name="shared_a", concurrency_id="pool", concurrency_limit=1
        )
        gr.Button().click(
            lambda x: SHARED.run(x), box, box, api_name="shared_b", concurrency_id="pool", concurrency_limit=1
        )
        gr.Button().click(lambda x: SEPARATE.run(x, wait_for=2), box, box, api_name="separate_a")
        gr.Button().click(lambda x: SEPARATE.run(x, wait_for=2), box, box, api_name="separate_b")
        gr.Button().click(
            lambda x: UNLIMITED.run(x, wait_for=3), box, box, api_name="unlimited", concurrency_limit=None
        )
    return demo


def build_small_queue() -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        gr.Button().click(lambda x: RELEASE.wait(TIMEOUT) and x, box, box, api_name="blocked")
    return demo.queue(max_size=1)


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


@pytest.fixture(scope="module")
def small_queue_url(serve_blocks: Any) -> str:
    return serve_blocks(build_small_queue())


def _run_all(client: Any, calls: list[str]) -> list[Any]:
    jobs = [client.submit(f"v{i}", api_name=api) for i, api in enumerate(calls)]
    return [job.result(timeout=TIMEOUT) for job in jobs]


def test_default_concurrency_limit_of_one_serialises_calls(url: str, make_client: Any) -> None:
    SERIAL.reset()
    results = _run_all(make_client(url), ["/serial"] * 4)
    assert (results, SERIAL.peak) == (["v0", "v1", "v2", "v3"], 1)


def test_concurrency_limit_two_runs_two_calls_at_once(url: str, make_client: Any) -> None:
    PAIR.reset()
    _run_all(make_client(url), ["/pair"] * 4)
    assert PAIR.peak == 2


def test_concurrency_id_shares_one_pool_between_listeners(url: str, make_client: Any) -> None:
    SHARED.reset()
    _run_all(make_client(url), ["/shared_a", "/shared_b"] * 3)
    assert SHARED.peak == 1


def test_listeners_without_a_shared_id_have_separate_pools(url: str, make_client: Any) -> None:
    SEPARATE.reset()
    _run_all(make_client(url), ["/separate_a", "/separate_b"])
    assert SEPARATE.peak == 2


def test_concurrency_limit_none_runs_calls_together(url: str, make_client: Any) -> None:
    UNLIMITED.reset()
    _run_all(make_client(url), ["/unlimited"] * 3)
    assert UNLIMITED.peak == 3


def test_calls_from_several_clients_are_serialised_too(url: str, make_client: Any) -> None:
    SERIAL.reset()
    clients = [make_client(url) for _ in range(3)]
    jobs = [client.submit("x", api_name="/serial") for client in clients]
    assert ([job.result(timeout=TIMEOUT) for job in jobs], SERIAL.peak) == (["x", "x", "x"], 1)


def test_waiting_event_gets_its_rank_in_the_estimation(url: str) -> None:
    SERIAL.reset()
    session = uuid.uuid4().hex
    fn = fn_index(url, "serial")
    with http_client(url) as http:
        ids = [join(http, fn, [f"r{i}"], session).json()["event_id"] for i in range(3)]
        messages = read_stream(http, session)
    first_rank: dict[str, int] = {}
    for message in messages:
        if message["msg"] == "estimation":
            first_rank.setdefault(message["event_id"], message["rank"])
    assert first_rank == {ids[0]: 0, ids[1]: 0, ids[2]: 1}


def test_full_queue_answers_503(small_queue_url: str) -> None:
    RELEASE.clear()
    session = uuid.uuid4().hex
    fn = fn_index(small_queue_url, "blocked")
    with http_client(small_queue_url) as http:
        try:
            running = join(http, fn, ["a"], session)
            waiting = join(http, fn, ["b"], session)
            refused = join(http, fn, ["c"], session)
        finally:
            RELEASE.set()
        statuses = (running.status_code, waiting.status_code, refused.status_code, refused.json())
        done = read_stream(http, session)
    assert statuses == (200, 200, 503, {"detail": "Queue is full. Max size is 1 and size is 1."})
    assert sorted(m["output"]["data"][0] for m in done if m["msg"] == "process_completed") == ["a", "b"]


def test_queue_accepts_again_once_it_drains(small_queue_url: str, make_client: Any) -> None:
    RELEASE.set()
    assert make_client(small_queue_url).predict("again", api_name="/blocked") == "again"
