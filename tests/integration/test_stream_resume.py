"""Lossless stream resume on ``/queue/data``: ``seq`` in every message, ``Last-Event-ID`` on reconnect.

Raw HTTP against a real server: a stream cut mid-generation and reopened from the last ``seq`` read
gets every later message exactly once and in order; a point no longer buffered gets an explicit
``unexpected_error``; the log's bound (count and bytes) trims the oldest; a session's position
never reads another session's messages.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, fn_index, http_client, iter_sse, join, parse_sse
from gradio_client.utils import apply_diff

import trellis as gr

TOKENS = 150


def tokens(n: float) -> Iterator[str]:
    text = ""
    for i in range(int(n)):
        time.sleep(0.01)
        text += f"t{i} "
        yield text


def echo(x: str) -> str:
    return x


@pytest.fixture(scope="module")
def demo(serve_blocks: Any) -> gr.Blocks:
    with gr.Blocks() as demo:
        count = gr.Number()
        out = gr.Textbox()
        gr.Button().click(tokens, count, out, api_name="tokens")
        gr.Button().click(echo, out, out, api_name="echo")
    serve_blocks(demo)
    return demo


@pytest.fixture
def url(demo: gr.Blocks) -> str:
    return demo.local_url


def open_stream(http: httpx.Client, session: str, last_event_id: int | None = None) -> Any:
    headers = {} if last_event_id is None else {"Last-Event-ID": str(last_event_id)}
    return http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}, headers=headers)


def read(response: httpx.Response, limit: int | None = None) -> list[dict[str, Any]]:
    """The stream's messages (heartbeats left out) until it ends, or until ``limit`` of them."""
    out: list[dict[str, Any]] = []
    give_up = time.monotonic() + 3 * TIMEOUT
    for message in iter_sse(response):
        assert time.monotonic() < give_up, out
        assert isinstance(message.get("seq"), int), message
        if message["msg"] == "heartbeat":
            continue
        out.append(message)
        if limit is not None and len(out) == limit:
            return out
    return out


def start(http: httpx.Client, url: str, session: str, n: int = TOKENS) -> str:
    response = join(http, fn_index(url, "tokens"), [n], session)
    assert response.status_code == 200, response.text
    return str(response.json()["event_id"])


def texts(messages: list[dict[str, Any]]) -> list[str]:
    """The successive values of the streamed Textbox, rebuilt from the diffs as the clients do."""
    values: list[str] = []
    value: Any = None
    for message in messages:
        if message["msg"] == "process_generating":
            data = message["output"]["data"][0]
            value = data if value is None else apply_diff(value, data)
            values.append(value)
    return values


def test_a_stream_cut_after_40_messages_resumes_with_every_token_once_in_order(url: str) -> None:
    session = uuid.uuid4().hex
    with http_client(url) as http:
        event = start(http, url, session)
        with open_stream(http, session) as response:
            first = read(response, limit=40)
        # The generator goes on while no stream is open: what it sends meanwhile waits in the log.
        time.sleep(0.3)
        with open_stream(http, session, last_event_id=first[-1]["seq"]) as response:
            rest = read(response)
    everything = first + rest
    assert rest[-1]["msg"] == "close_stream"
    logged = everything[:-1]
    assert [m["seq"] for m in logged] == list(range(1, len(logged) + 1))
    assert all(m["event_id"] == event for m in logged)
    assert texts(logged) == ["".join(f"t{j} " for j in range(i + 1)) for i in range(TOKENS)]
    final = logged[-1]
    assert (final["msg"], final["success"], final["output"]["data"]) == (
        "process_completed",
        True,
        ["".join(f"t{j} " for j in range(TOKENS))],
    )


def test_seq_is_in_every_message_and_grows_by_one(url: str) -> None:
    session = uuid.uuid4().hex
    with http_client(url) as http:
        start(http, url, session, n=5)
        with open_stream(http, session) as response:
            raw = response.read().decode()
    everything = parse_sse(raw)
    logged = [m for m in everything if m["msg"] not in ("heartbeat", "close_stream")]
    assert [m["seq"] for m in logged] == list(range(1, len(logged) + 1))
    assert [m["msg"] for m in logged] == ["estimation", "process_starts"] + ["process_generating"] * 5 + [
        "process_completed"
    ]
    # Per-connection messages repeat the seq of the last logged message before them.
    last = 0
    for message in everything:
        if message["msg"] in ("heartbeat", "close_stream"):
            assert message["seq"] == last
        last = message["seq"]
    assert everything[-1] == {"msg": "close_stream", "event_id": None, "seq": len(logged)}


def test_resuming_at_the_end_gets_only_close_stream(url: str) -> None:
    session = uuid.uuid4().hex
    with http_client(url) as http:
        start(http, url, session, n=3)
        with open_stream(http, session) as response:
            messages = read(response)
        with open_stream(http, session, last_event_id=messages[-1]["seq"]) as response:
            again = read(response)
    assert again == [{"msg": "close_stream", "event_id": None, "seq": messages[-1]["seq"]}]


def test_the_count_bound_trims_the_oldest(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRELLIS_RESUME_MAX_MESSAGES", "10")
    session = uuid.uuid4().hex
    with http_client(url) as http:
        start(http, url, session, n=30)
        with open_stream(http, session) as response:
            messages = read(response)
        last = messages[-1]["seq"]
        with open_stream(http, session, last_event_id=last - 10) as response:
            tail = read(response)
        with open_stream(http, session, last_event_id=last - 11) as response:
            lost = read(response)
    assert [m["seq"] for m in tail] == [*range(last - 9, last + 1), last]
    assert tail[:-1] == messages[-11:-1]
    assert len(lost) == 1
    assert lost[0]["msg"] == "unexpected_error"
    assert lost[0]["event_id"] is None and lost[0]["success"] is False and lost[0]["resume_lost"] is True
    assert "no longer buffered" in lost[0]["message"]


def test_the_byte_bound_trims_the_oldest(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRELLIS_RESUME_MAX_BYTES", "3000")
    session = uuid.uuid4().hex
    with http_client(url) as http:
        start(http, url, session, n=60)
        with open_stream(http, session) as response:
            messages = read(response)
        last = messages[-1]["seq"]
        kept = None
        for after in range(last - 1, -1, -1):
            with open_stream(http, session, last_event_id=after) as response:
                got = read(response)
            if got[0]["msg"] == "unexpected_error":
                break
            kept = got[:-1]
    assert kept is not None and 0 < len(kept) < last - 1
    size = sum(len(b"data: " + json.dumps(m, separators=(",", ":")).encode() + b"\n\n") for m in kept)
    assert size <= 3000 * 1.1  # the same messages, re-encoded (key order and spacing as the server's)
    assert kept == messages[-1 - len(kept) : -1]


def test_another_sessions_position_reads_nothing_of_it(url: str) -> None:
    long, short = uuid.uuid4().hex, uuid.uuid4().hex
    with http_client(url) as http:
        start(http, url, long, n=20)
        with open_stream(http, long) as response:
            theirs = read(response)
        mine = join(http, fn_index(url, "echo"), ["mine"], short).json()["event_id"]
        with open_stream(http, short) as response:
            read(response)
        with open_stream(http, short, last_event_id=theirs[-1]["seq"]) as response:
            beyond = read(response)
        with open_stream(http, short, last_event_id=0) as response:
            replay = read(response)
    assert [m["msg"] for m in beyond] == ["unexpected_error"]
    assert beyond[0]["resume_lost"] is True
    assert {m["event_id"] for m in replay[:-1]} == {mine}
    assert replay[-1]["msg"] == "close_stream"


def test_a_malformed_last_event_id_is_refused(url: str) -> None:
    session = uuid.uuid4().hex
    with http_client(url) as http:
        join(http, fn_index(url, "echo"), ["x"], session)
        response = http.get("gradio_api/queue/data", params={"session_hash": session}, headers={"Last-Event-ID": "abc"})
    assert response.status_code == 400
    assert "Last-Event-ID" in response.text


def test_what_was_delivered_is_forgotten_once_the_grace_period_passes(demo: gr.Blocks) -> None:
    queue = demo.server.app.state.trellis.queue
    url = demo.local_url
    session = uuid.uuid4().hex
    queue.abandon_grace, saved = 0.5, queue.abandon_grace
    try:
        with http_client(url) as http:
            start(http, url, session, n=10)
            with open_stream(http, session) as response:
                messages = read(response)
            last = messages[-1]["seq"]
            with open_stream(http, session, last_event_id=0) as response:  # within the grace period
                assert read(response)[:-1] == messages[:-1]
            log = queue.channels[session].log
            deadline = time.monotonic() + TIMEOUT
            while len(log) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(log) == 0 and log.size == 0
            with open_stream(http, session, last_event_id=0) as response:
                assert [m["msg"] for m in read(response)] == ["unexpected_error"]
            with open_stream(http, session, last_event_id=last) as response:
                assert read(response) == [{"msg": "close_stream", "event_id": None, "seq": last}]
    finally:
        queue.abandon_grace = saved


def test_messages_no_stream_has_sent_are_kept_past_the_bound(demo: gr.Blocks, monkeypatch: pytest.MonkeyPatch) -> None:
    """A generator that runs ahead of its client (it finishes before the stream opens) loses nothing:
    the bound trims only what was sent, which is what a resume needs."""
    monkeypatch.setenv("TRELLIS_RESUME_MAX_MESSAGES", "5")
    url = demo.local_url
    queue = demo.server.app.state.trellis.queue  # type: ignore[union-attr]
    session = uuid.uuid4().hex
    with http_client(url) as http:
        start(http, url, session, n=40)
        deadline = time.monotonic() + TIMEOUT
        while not (session in queue.channels and not queue.channels[session].pending):
            assert time.monotonic() < deadline, "the generator did not finish"
            time.sleep(0.01)
        with open_stream(http, session) as response:
            messages = read(response)
        with open_stream(http, session, last_event_id=1) as response:
            lost = read(response)
    assert texts(messages)[-1] == "".join(f"t{i} " for i in range(40))
    assert [m["seq"] for m in messages[:-1]] == list(range(1, len(messages)))
    assert lost[0]["msg"] == "unexpected_error" and lost[0]["resume_lost"] is True  # sent, then bounded
