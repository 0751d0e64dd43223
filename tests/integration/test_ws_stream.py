"""``/gradio_api/queue/ws``: the page's WebSocket, over a real server with a real WebSocket client.

It carries what ``/queue/data`` sends for the session (the same messages, with ``seq``), resumes
from the last ``seq`` read after a drop, refuses another user's session, logged-out callers and
cross-site pages, closes on frames it does not understand, and closes when the server stops.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, fn_index, http_client, join, read_stream, serve
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import ClientConnection, connect

import trellis as gr

TOKENS = 30


def tokens(n: float) -> Iterator[str]:
    text = ""
    for i in range(int(n)):
        time.sleep(0.01)
        text += f"t{i} "
        yield text


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    with gr.Blocks() as demo:
        count = gr.Number()
        out = gr.Textbox()
        gr.Button().click(tokens, count, out, api_name="tokens")
    return serve_blocks(demo)


def ws_url(base: str, session: str) -> str:
    return base.replace("http://", "ws://") + f"gradio_api/queue/ws?session_hash={session}"


def open_socket(base: str, session: str, **headers: str) -> ClientConnection:
    return connect(ws_url(base, session), additional_headers=headers, open_timeout=TIMEOUT)


def read_socket(socket: ClientConnection, limit: int | None = None) -> list[dict[str, Any]]:
    """Messages of the socket's current stream, up to ``close_stream`` (or ``limit`` messages)."""
    messages: list[dict[str, Any]] = []
    give_up = time.monotonic() + 3 * TIMEOUT
    while time.monotonic() < give_up:
        frame = socket.recv(timeout=TIMEOUT)
        assert isinstance(frame, str) and frame.endswith("\n\n"), frame
        for block in frame.split("\n\n")[:-1]:
            assert block.startswith("data: "), block
            messages.append(json.loads(block[len("data: ") :]))
            if messages[-1]["msg"] == "close_stream" or (limit is not None and len(messages) >= limit):
                return messages
    raise AssertionError(f"no close_stream within the deadline: {messages}")


def shape(messages: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """What two runs of the same call share: kind, seq and output data of each message (not ids or timings)."""
    return [(m["msg"], m.get("seq"), (m.get("output") or {}).get("data")) for m in messages if m["msg"] != "heartbeat"]


def test_socket_sends_what_queue_data_sends(url: str) -> None:
    fn = fn_index(url, "tokens")
    sse_session, ws_session = uuid.uuid4().hex, uuid.uuid4().hex
    with http_client(url) as http:
        assert join(http, fn, [TOKENS], sse_session).status_code == 200
        over_sse = read_stream(http, sse_session)
        with open_socket(url, ws_session) as socket:
            assert join(http, fn, [TOKENS], ws_session).status_code == 200
            socket.send(json.dumps({"stream": None}))
            over_socket = read_socket(socket)
    assert over_socket[-1]["msg"] == "close_stream"
    assert [m["msg"] for m in over_socket if m["msg"] == "process_generating"] == ["process_generating"] * TOKENS
    assert shape(over_socket) == shape(over_sse)
    seqs = [m["seq"] for m in over_socket if m["msg"] not in ("heartbeat", "close_stream")]
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_second_stream_on_the_same_socket_after_close_stream(url: str) -> None:
    fn = fn_index(url, "tokens")
    session = uuid.uuid4().hex
    with http_client(url) as http, open_socket(url, session) as socket:
        finals = []
        for _ in range(2):
            assert join(http, fn, [3], session).status_code == 200
            socket.send(json.dumps({"stream": None}))
            messages = read_socket(socket)
            finals.append([m for m in messages if m["msg"] == "process_completed"])
    assert [[f["output"]["data"] for f in final] for final in finals] == [[["t0 t1 t2 "]]] * 2


def test_a_dropped_socket_resumes_from_the_last_seq_read(url: str) -> None:
    fn = fn_index(url, "tokens")
    session = uuid.uuid4().hex
    with http_client(url) as http:
        with open_socket(url, session) as socket:
            assert join(http, fn, [TOKENS], session).status_code == 200
            socket.send(json.dumps({"stream": None}))
            first = read_socket(socket, limit=5)
        last = first[-1]["seq"]
        with open_socket(url, session) as socket:
            socket.send(json.dumps({"stream": last}))
            rest = read_socket(socket)
    messages = [m for m in first + rest if m["msg"] not in ("heartbeat", "close_stream")]
    assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1))  # each once, in order
    final = [m for m in messages if m["msg"] == "process_completed"]
    assert len(final) == 1 and final[0]["output"]["data"] == ["".join(f"t{i} " for i in range(TOKENS))]
    assert rest[-1]["msg"] == "close_stream"


def test_a_bad_or_oversized_request_closes_the_socket(url: str) -> None:
    for frame, code in (
        ("not json", 1008),
        (json.dumps({"stream": -1}), 1008),
        ('{"stream": null, "x": "' + "a" * 5000 + '"}', 1009),
    ):
        with open_socket(url, uuid.uuid4().hex) as socket:
            socket.send(frame)
            with pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=TIMEOUT)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == code


def test_a_malformed_session_hash_is_refused(url: str) -> None:
    with pytest.raises(InvalidStatus) as refused:
        open_socket(url, "bad.hash")
    assert refused.value.response.status_code == 403


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}, 403),
        ({"Sec-Fetch-Site": "same-site", "Origin": "http://sub.127.0.0.1.example"}, 403),
    ],
)
def test_cross_site_pages_are_refused(url: str, headers: dict[str, str], status: int) -> None:
    with pytest.raises(InvalidStatus) as refused:
        open_socket(url, uuid.uuid4().hex, **headers)
    assert refused.value.response.status_code == status


def test_a_same_origin_page_is_accepted(url: str) -> None:
    origin = url.rstrip("/")
    with open_socket(url, uuid.uuid4().hex, Origin=origin, **{"Sec-Fetch-Site": "same-origin"}) as socket:
        socket.send(json.dumps({"stream": None}))
        with pytest.raises(TimeoutError):
            socket.recv(timeout=0.3)  # open, nothing to send yet


@pytest.fixture(scope="module")
def auth_url(serve_blocks: Any) -> str:
    with gr.Blocks() as demo:
        count = gr.Number()
        out = gr.Textbox()
        gr.Button().click(tokens, count, out, api_name="tokens")
    return serve_blocks(demo, auth=[("u1", "p1"), ("u2", "p2")])


def login_cookie(base: str, user: str, password: str) -> str:
    response = httpx.post(base + "login", data={"username": user, "password": password}, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return "; ".join(f"{k}={v}" for k, v in response.cookies.items())


def test_another_users_session_and_logged_out_callers_are_refused(auth_url: str) -> None:
    first, second = login_cookie(auth_url, "u1", "p1"), login_cookie(auth_url, "u2", "p2")
    session = uuid.uuid4().hex
    with open_socket(auth_url, session, Cookie=first) as socket:  # u1's session now
        with pytest.raises(InvalidStatus) as other_user:
            open_socket(auth_url, session, Cookie=second)
        with pytest.raises(InvalidStatus) as logged_out:
            open_socket(auth_url, uuid.uuid4().hex)
        fn = fn_index_with_cookie(auth_url, "tokens", first)
        with http_client(auth_url, headers={"Cookie": first}) as http:
            assert join(http, fn, [2], session).status_code == 200
        socket.send(json.dumps({"stream": None}))
        assert [m["msg"] for m in read_socket(socket)][-2:] == ["process_completed", "close_stream"]
    assert other_user.value.response.status_code == 403
    assert logged_out.value.response.status_code == 403


def fn_index_with_cookie(base: str, api_name: str, cookie: str) -> int:
    config = httpx.get(base + "config", headers={"Cookie": cookie}, timeout=TIMEOUT).json()
    return next(int(d["id"]) for d in config["dependencies"] if d["api_name"] == api_name)


def test_the_socket_closes_when_the_server_stops() -> None:
    with gr.Blocks() as demo:
        gr.Button().click(lambda: None)
    with serve(demo) as base:
        with open_socket(base, uuid.uuid4().hex) as socket:
            socket.send(json.dumps({"stream": None}))
            demo.close()
            with pytest.raises(ConnectionClosed) as closed:
                socket.recv(timeout=TIMEOUT)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1001


def test_the_open_socket_is_the_sessions_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the socket is open the session lives; once it closes (and the grace passes) unload runs."""
    monkeypatch.setenv("TRELLIS_DISCONNECT_GRACE", "0.3")
    unloaded: list[str] = []

    def bye(request: gr.Request) -> None:
        unloaded.append(str(request.session_hash))

    with gr.Blocks() as demo:
        gr.State(0)
        demo.unload(bye)
    session = uuid.uuid4().hex
    with serve(demo) as base:
        with open_socket(base, session):
            time.sleep(1.0)  # three graces: a session without its heartbeat would have ended by now
            assert unloaded == []
        deadline = time.monotonic() + TIMEOUT
        while not unloaded and time.monotonic() < deadline:
            time.sleep(0.05)
    assert unloaded == [session]


def test_the_socket_of_an_app_mounted_in_a_fastapi_app() -> None:
    from conftest import serve_asgi
    from fastapi import FastAPI

    with gr.Blocks() as demo:
        count = gr.Number()
        out = gr.Textbox()
        gr.Button().click(tokens, count, out, api_name="tokens")
    app = gr.mount_gradio_app(FastAPI(), demo, path="/app")
    session = uuid.uuid4().hex
    with serve_asgi(app) as root:
        base = root + "/app/"
        fn = fn_index(base, "tokens")
        with open_socket(base, session, Origin=root) as socket, http_client(base) as http:
            assert join(http, fn, [3], session).status_code == 200
            socket.send(json.dumps({"stream": None}))
            messages = read_socket(socket)
        with pytest.raises(InvalidStatus) as refused:
            open_socket(base, uuid.uuid4().hex, Origin="http://evil.example")
    assert [m["msg"] for m in messages][-2:] == ["process_completed", "close_stream"]
    assert messages[-2]["output"]["data"] == ["t0 t1 t2 "]
    assert refused.value.response.status_code == 403
