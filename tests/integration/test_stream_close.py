"""When ``/queue/data`` sends ``close_stream``: by default at once (Gradio's behaviour); with a hold
(``Queue.close_grace``) a join during it keeps the stream open and a new session's join releases it.

The Python client shares one stream among the jobs it submits and cancels a job that registered on a
stream whose ``close_stream`` was already on its way: sequential calls and a client that resets its
session must not find their next job registered on a closing stream.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import fn_index, http_client, iter_sse, join

import trellis as gr


def echo(x: str) -> str:
    return x


@pytest.fixture(scope="module")
def demo(serve_blocks: Any) -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        for name in ("a", "b", "c"):
            gr.Button().click(echo, text, text, api_name=name)
    serve_blocks(demo)
    return demo


@pytest.fixture
def url(demo: gr.Blocks) -> str:
    return demo.local_url


@pytest.fixture
def long_grace(demo: gr.Blocks) -> Iterator[None]:
    """A hold far longer than any wait here, so only a join or a release can end it."""
    queue = demo.server.app.state.trellis.queue
    queue.close_grace, saved = 120.0, queue.close_grace
    yield
    queue.close_grace = saved


def messages(response: httpx.Response) -> Iterator[dict[str, Any]]:
    """The stream's messages as they arrive, heartbeats left out."""
    return (message for message in iter_sse(response) if message["msg"] != "heartbeat")


def until_completed(stream: Iterator[dict[str, Any]], event_id: str) -> list[str]:
    seen = []
    for message in stream:
        seen.append(message["msg"])
        if message["msg"] == "process_completed" and message["event_id"] == event_id:
            return seen
    raise AssertionError(f"the stream ended before {event_id} completed: {seen}")


@pytest.mark.usefixtures("long_grace")
def test_a_join_during_the_hold_keeps_the_stream_open(url: str) -> None:
    session = uuid.uuid4().hex
    with http_client(url) as http, http_client(url) as other:
        first = join(http, fn_index(url, "a"), ["1"], session).json()["event_id"]
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            stream = messages(response)
            until_completed(stream, first)
            second = join(other, fn_index(url, "b"), ["2"], session).json()["event_id"]
            assert "close_stream" not in until_completed(stream, second)


@pytest.mark.usefixtures("long_grace")
def test_a_new_sessions_join_closes_a_held_stream_first(url: str) -> None:
    old, new = uuid.uuid4().hex, uuid.uuid4().hex
    with http_client(url) as http, http_client(url) as other:
        first = join(http, fn_index(url, "a"), ["1"], old).json()["event_id"]
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": old}) as response:
            stream = messages(response)
            until_completed(stream, first)
            assert join(other, fn_index(url, "b"), ["2"], new).status_code == 200
            # Without the release this read would wait out the two-minute hold and time out.
            assert next(stream) == {"msg": "close_stream", "event_id": None, "seq": 3}  # after its 3 messages


def test_the_stream_closes_once_the_hold_is_over(url: str) -> None:
    session = uuid.uuid4().hex
    with http_client(url) as http:
        event = join(http, fn_index(url, "a"), ["1"], session).json()["event_id"]
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            stream = messages(response)
            until_completed(stream, event)
            assert next(stream) == {"msg": "close_stream", "event_id": None, "seq": 3}  # after its 3 messages
            assert list(stream) == []


def test_close_stream_goes_out_in_the_same_write_as_the_last_completion(url: str) -> None:
    """The official clients (JS and Python) read a completion and the close_stream after it before
    they can send their next join only when both come in one write; sent apart, a sequential call's
    join can be answered before the close is read, and its job waits forever on the closed stream.
    """
    session = uuid.uuid4().hex
    with http_client(url, headers={"accept-encoding": "identity"}) as http:
        event = join(http, fn_index(url, "a"), ["1"], session).json()["event_id"]
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            pieces = [piece for piece in response.iter_raw() if b"heartbeat" not in piece]
    completion = [piece for piece in pieces if b'"process_completed"' in piece]
    assert len(completion) == 1 and event.encode() in completion[0]
    assert completion[0].endswith(b'data: {"msg":"close_stream","event_id":null,"seq":3}\n\n')
    assert pieces[-1] is completion[0]


def test_sequential_calls_of_one_client_finish(url: str, make_client: Any) -> None:
    client = make_client(url)
    for round_ in range(30):
        assert client.predict(f"{round_}", api_name="/a") == f"{round_}"


def test_calls_right_after_a_session_reset_finish(url: str, make_client: Any) -> None:
    client = make_client(url)
    for round_ in range(20):
        assert client.predict(f"{round_}", api_name="/a") == f"{round_}"
        client.reset_session()
