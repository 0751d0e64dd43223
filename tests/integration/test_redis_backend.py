"""Two replicas of one app on one real ``redis-server``, with no sticky sessions.

Each replica is its own server process (``TRELLIS_BACKEND=trellis.queue.redis_backend:from_environment``)
sharing Debian's ``redis-server`` (started by the test, on a free port, with no persistence) and one
file cache folder. A client joins an event through one replica and reads ``/queue/data`` through the
other; a stream cut mid-generation resumes (``Last-Event-ID``) through either; the work of a client
whose stream (held by the other replica) is gone stops; the official Python client works through a
proxy that alternates between the replicas on every request.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, fn_index, free_port, http_client, iter_sse, join
from redis_replicas import alternating_proxy, redis_server
from redis_replicas import replicas as running_replicas

from trellis.queue.backend import BackendSettingError, backend_from_setting

APP = """
import os, pathlib, time
import trellis as gr

MARKS = pathlib.Path(os.environ["MARKS"])

def tokens(n, key):
    for i in range(int(n)):
        time.sleep(float(os.environ.get("STEP", "0.02")))
        (MARKS / key).write_text(str(i))
        yield f"t{i}"

def bump(count):
    return count + 1, count + 1

def remember(word, words):
    words.append(word)  # changed in place and not returned: Gradio keeps it all the same
    return ", ".join(words)

def width(img):
    return f"{img.shape[1]}"

def one_at_a_time(key):
    (MARKS / f"{key}.start").write_text(repr(time.time()))
    time.sleep(0.5)
    (MARKS / f"{key}.end").write_text(repr(time.time()))
    return key

with gr.Blocks() as demo:
    n = gr.Number()
    key = gr.Textbox()
    out = gr.Textbox()
    gr.Button().click(tokens, [n, key], out, api_name="tokens")
    gr.Button().click(lambda x: x * 2, n, n, api_name="double")
    count = gr.State(0)
    gr.Button().click(bump, count, [count, n], api_name="bump")
    words = gr.State([])
    gr.Button().click(remember, [key, words], out, api_name="remember")
    cam = gr.Image(sources=["webcam"], streaming=True)
    cam.stream(width, cam, out, api_name="width")
    gr.Button().click(one_at_a_time, key, out, concurrency_limit=1, api_name="one_at_a_time")
    pick = gr.Dropdown(choices=["a"], value="a")
    gr.Button().click(lambda: gr.update(choices=["a", "b", "c"]), None, pick, api_name="more_choices")
    gr.Button().click(lambda x: f"picked {x}", pick, out, api_name="pick")

demo.queue().launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]))
"""


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="module")
def replicas(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], Path]]:
    """Two replicas of APP on ``redis_url``; yields their base URLs and the folder their function marks."""
    folder = tmp_path_factory.mktemp("replicas")
    marks = folder / "marks"
    marks.mkdir()
    # A replica's claim on a client's stream lasts 2 s unless refreshed (45 s by default), so that the
    # test below streams for longer than that.
    with running_replicas(APP, redis_url, folder, MARKS=str(marks), TRELLIS_REDIS_PRESENCE_TTL="2") as urls:
        yield urls, marks


def read_until(response: httpx.Response, stop: Any) -> list[dict[str, Any]]:
    """The messages of an open ``/queue/data`` response until ``stop(message)`` (heartbeats left out)."""
    seen = []
    give_up = time.monotonic() + 3 * TIMEOUT
    for message in iter_sse(response):
        assert time.monotonic() < give_up, seen
        if message["msg"] == "heartbeat":
            continue
        seen.append(message)
        if stop(message):
            break
    return seen


def test_a_replica_whose_redis_cannot_be_reached_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    monkeypatch.setenv("TRELLIS_REDIS_URL", url)
    with pytest.raises(BackendSettingError, match=f"cannot reach Redis at {url}"):
        backend_from_setting("trellis.queue.redis_backend:from_environment")


def token(message: dict[str, Any]) -> Any:
    """A ``process_generating`` message's text: the value, or the diff that replaces it (Gradio's form)."""
    value = message["output"]["data"][0]
    if isinstance(value, list):
        (op, path, replacement), *_ = value
        assert op == "replace" and path == [], value
        return replacement
    return value


def test_an_event_joined_through_one_replica_streams_through_the_other(replicas: tuple[list[str], Path]) -> None:
    (a, b), _ = replicas
    session = uuid.uuid4().hex
    with http_client(a) as http_a, http_client(b) as http_b:
        joined = join(http_a, fn_index(a, "tokens"), [5, session], session)
        assert joined.status_code == 200, joined.text
        event_id = joined.json()["event_id"]
        with http_b.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            assert response.status_code == 200
            messages = read_until(response, lambda m: m["msg"] == "close_stream")
    mine = [m for m in messages if m.get("event_id") == event_id]
    assert [token(m) for m in mine if m["msg"] == "process_generating"] == [f"t{i}" for i in range(5)]
    assert mine[-1]["msg"] == "process_completed" and mine[-1]["success"]
    # One numbering for the session, whichever replica appended: 1, 2, 3 ... with no gap.
    assert [m["seq"] for m in messages[:-1]] == list(range(1, len(messages)))
    assert messages[-1]["seq"] == messages[-2]["seq"]


def test_a_stream_cut_on_one_replica_resumes_on_the_other_without_loss(replicas: tuple[list[str], Path]) -> None:
    (a, b), _ = replicas
    session = uuid.uuid4().hex
    total = 150
    with http_client(a) as http_a, http_client(b) as http_b:
        event_id = join(http_a, fn_index(a, "tokens"), [total, session], session).json()["event_id"]
        with http_b.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            first = read_until(response, lambda m: m["msg"] == "process_generating" and m["output"]["data"][0] == "t39")
        last_seq = first[-1]["seq"]
        # Resumed through the other replica, from the last message read.
        headers = {"Last-Event-ID": str(last_seq)}
        with http_a.stream(
            "GET", "gradio_api/queue/data", params={"session_hash": session}, headers=headers
        ) as response:
            assert response.status_code == 200
            rest = read_until(response, lambda m: m["msg"] == "close_stream")
    tokens = [token(m) for m in first + rest if m.get("event_id") == event_id and m["msg"] == "process_generating"]
    assert tokens == [f"t{i}" for i in range(total)]
    assert [m["seq"] for m in rest[:-1]] == list(range(last_seq + 1, last_seq + len(rest)))


def test_work_stops_when_its_clients_stream_on_the_other_replica_is_gone(replicas: tuple[list[str], Path]) -> None:
    (a, b), marks = replicas
    session = uuid.uuid4().hex
    key = f"gone-{session}"
    with http_client(a) as http_a, http_client(b) as http_b:
        join(http_a, fn_index(a, "tokens"), [100_000, key], session).raise_for_status()
        with http_b.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            read_until(response, lambda m: m["msg"] == "process_generating" and token(m) == "t3")
        # While the client was reading through B, A kept its work going; now nobody reads anywhere.
    mark = marks / key
    deadline = time.monotonic() + 5 * TIMEOUT
    while True:
        before = mark.read_text()
        time.sleep(0.5)
        if mark.read_text() == before:
            break  # the generator no longer advances
        assert time.monotonic() < deadline, "the generator kept running for a client that is gone"
    time.sleep(0.5)
    assert mark.read_text() == before


def test_a_live_stream_on_the_other_replica_keeps_the_work_going(replicas: tuple[list[str], Path]) -> None:
    (a, b), _ = replicas
    session = uuid.uuid4().hex
    steps = 250  # at 0.02 s a step: longer than the 1 s grace, and than the 2 s a stream's claim lasts unrefreshed
    with http_client(a) as http_a, http_client(b) as http_b:
        event_id = join(http_a, fn_index(a, "tokens"), [steps, f"live-{session}"], session).json()["event_id"]
        with http_b.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            messages = read_until(response, lambda m: m["msg"] == "close_stream")
    done = [m for m in messages if m.get("event_id") == event_id and m["msg"] == "process_completed"]
    assert done and done[0]["success"] and done[0]["output"]["data"] == [f"t{steps - 1}"]


def run_on(join_url: str, read_url: str, api: str, data: list[Any], session: str) -> dict[str, Any]:
    """Join through one replica, read the session's stream through another; the completion."""
    with http_client(join_url) as http_join, http_client(read_url) as http_read:
        joined = join(http_join, fn_index(join_url, api), data, session)
        assert joined.status_code == 200, joined.text
        event_id = joined.json()["event_id"]
        with http_read.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            messages = read_until(response, lambda m: m["msg"] == "process_completed" and m["event_id"] == event_id)
    assert messages[-1]["success"], messages[-1]
    return messages[-1]


def test_state_set_through_one_replica_is_read_through_the_other(replicas: tuple[list[str], Path]) -> None:
    (a, b), _ = replicas
    session = uuid.uuid4().hex
    assert run_on(a, b, "bump", [None], session)["output"]["data"][-1] == 1
    assert run_on(b, a, "bump", [None], session)["output"]["data"][-1] == 2
    assert run_on(a, a, "bump", [None], session)["output"]["data"][-1] == 3
    # A State changed in place (not returned) carries over too, as on one Gradio server.
    assert run_on(b, b, "remember", ["x", None], session)["output"]["data"][0] == "x"
    assert run_on(a, b, "remember", ["y", None], session)["output"]["data"][0] == "x, y"
    assert run_on(b, a, "remember", ["z", None], session)["output"]["data"][0] == "x, y, z"
    # Another session has its own values.
    assert run_on(b, a, "bump", [None], uuid.uuid4().hex)["output"]["data"][-1] == 1


def test_choices_an_update_gave_on_one_replica_are_accepted_on_the_other(replicas: tuple[list[str], Path]) -> None:
    (a, b), _ = replicas
    session = uuid.uuid4().hex
    run_on(a, a, "more_choices", [], session)
    assert run_on(b, b, "pick", ["c"], session)["output"]["data"] == ["picked c"]
    # Another session still has the original choices, on either replica.
    other = uuid.uuid4().hex
    with http_client(b) as http:
        event_id = join(http, fn_index(b, "pick"), ["c"], other).json()["event_id"]
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": other}) as response:
            done = read_until(response, lambda m: m["msg"] == "process_completed" and m["event_id"] == event_id)
    assert not done[-1]["success"]


def test_a_rest_call_started_through_one_replica_is_read_through_the_other(replicas: tuple[list[str], Path]) -> None:
    (a, b), _ = replicas
    with http_client(a) as http_a, http_client(b) as http_b:
        started = http_a.post("gradio_api/call/tokens", json={"data": [3, "rest"]})
        assert started.status_code == 200, started.text
        event_id = started.json()["event_id"]
        body = http_b.get(f"gradio_api/call/tokens/{event_id}").text
        assert http_b.get("gradio_api/call/tokens/no-such-event").status_code == 404
    events = [block.split("\n") for block in body.strip().split("\n\n")]
    assert all(len(lines) == 2 for lines in events), body
    named = [(lines[0], lines[1]) for lines in events if lines[0] != "event: heartbeat"]
    assert named == [
        ("event: generating", 'data: ["t0"]'),
        ("event: generating", 'data: ["t1"]'),
        ("event: generating", 'data: ["t2"]'),
        ("event: complete", 'data: ["t2"]'),
    ], body


def test_a_cancel_sent_to_the_other_replica_stops_the_work(replicas: tuple[list[str], Path]) -> None:
    (a, b), marks = replicas
    session = uuid.uuid4().hex
    key = f"cancel-{session}"
    with http_client(a) as http_a, http_client(b) as http_b:
        fn = fn_index(a, "tokens")
        event_id = join(http_a, fn, [100_000, key], session).json()["event_id"]
        with http_b.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            stream = iter_sse(response)
            for message in stream:
                if message["msg"] == "process_generating":
                    break
            # Another session may not cancel it, from either replica.
            other = {"event_id": event_id, "session_hash": uuid.uuid4().hex, "fn_index": fn}
            assert http_b.post("gradio_api/cancel", json=other).status_code == 200
            mine = {"event_id": event_id, "session_hash": session, "fn_index": fn}
            assert http_b.post("gradio_api/cancel", json=mine).status_code == 200
            ended = [m for m in stream if m["msg"] == "process_completed" or m["msg"] == "close_stream"]
            assert ended and ended[0]["event_id"] == event_id, ended
    # The generator stops at its next yield: the step in progress may still write its mark.
    time.sleep(0.2)
    before = (marks / key).read_text()
    time.sleep(0.3)
    assert (marks / key).read_text() == before, "the generator kept running after its cancel"


def png(width: int) -> dict[str, str]:
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, 2), (200, 10, 10)).save(buffer, format="PNG")
    return {"url": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()}


def test_a_streaming_inputs_chunks_reach_the_replica_running_it(replicas: tuple[list[str], Path]) -> None:
    (a, b), _ = replicas
    session = uuid.uuid4().hex
    with http_client(a) as http_a, http_client(b) as http_b:
        event_id = join(http_a, fn_index(a, "width"), [png(3)], session).json()["event_id"]
        with http_b.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
            stream = iter_sse(response)
            results = []
            for message in stream:
                if message["msg"] == "process_streaming":
                    results.append(message["output"]["data"][0])
                    if len(results) == 1:  # each next chunk goes through the replica that does not run it
                        chunk = {"data": [png(5)], "session_hash": session}
                        assert http_b.post(f"gradio_api/stream/{event_id}", json=chunk).status_code == 200
                    else:
                        break
            assert results == ["3", "5"]
            # Another session cannot feed it; a wrong input count is refused; then B closes it.
            stranger = {"data": [png(7)], "session_hash": uuid.uuid4().hex}
            assert http_b.post(f"gradio_api/stream/{event_id}", json=stranger).status_code == 404
            wrong = {"data": [png(7), png(7)], "session_hash": session}
            assert http_b.post(f"gradio_api/stream/{event_id}", json=wrong).status_code == 422
            assert http_b.post(f"gradio_api/stream/{event_id}/close", json={}).status_code == 200
            done = next(m for m in stream if m["msg"] == "process_completed")
            assert done["event_id"] == event_id and done["output"]["data"] == ["5"]


def test_a_concurrency_limit_holds_across_replicas(replicas: tuple[list[str], Path]) -> None:
    """concurrency_limit=1: three calls joined through two replicas at once run one after another."""
    (a, b), marks = replicas
    keys = [f"limit-{uuid.uuid4().hex[:8]}" for _ in range(3)]
    sessions = [uuid.uuid4().hex for _ in keys]
    targets = [a, b, a]
    clients = [http_client(url) for url in targets]
    try:
        ids = [
            join(http, fn_index(url, "one_at_a_time"), [key], session).json()["event_id"]
            for http, url, key, session in zip(clients, targets, keys, sessions, strict=True)
        ]
        for http, session, event_id in zip(clients, sessions, ids, strict=True):
            with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
                read_until(response, lambda m, e=event_id: m["msg"] == "process_completed" and m["event_id"] == e)
    finally:
        for http in clients:
            http.close()
    spans = sorted((float((marks / f"{k}.start").read_text()), float((marks / f"{k}.end").read_text())) for k in keys)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert start >= end, spans  # never two at once
    # A freed slot is taken at once by the replica whose call waits (not at its next one-second look).
    assert spans[-1][0] - spans[0][1] < 0.5 + 0.6, spans


def test_the_official_python_client_through_a_round_robin_proxy(
    replicas: tuple[list[str], Path], tmp_path: Path, make_client: Any
) -> None:
    """Every request goes to the next replica in turn: the join and the stream land on different ones."""
    (a, b), _ = replicas
    with alternating_proxy([a, b], tmp_path) as url:
        client = make_client(url)
        job = client.submit(6, "proxy", api_name="/tokens")
        assert job.result(timeout=3 * TIMEOUT) == "t5"
        assert [out for out in job.outputs()] == [f"t{i}" for i in range(6)]
        assert client.predict(21, api_name="/double") == 42
        # The client's session keeps its State whichever replica each call reaches.
        assert [client.predict(api_name="/bump") for _ in range(4)] == [1, 2, 3, 4]
