"""Sessions: nobody can create, wipe, read or take over another client's session.

* a route never opens a session for a caller it would refuse elsewhere (the heartbeat needs login);
* a full store never drops a live session or a logged-in user's to make room: it answers 503, and
  one client beyond its share gets 429;
* a session belongs to the user who opened it; hashes are bounded in length and characters;
* only the session that started an event may cancel it.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from conftest import TIMEOUT, read_stream

import trellis as gr
from security.helpers import FN_INDEX, Calls, counting_app, raw_request, status_of


def store_of(demo: gr.Blocks) -> Any:
    return demo.server.app.state.trellis.sessions  # type: ignore[union-attr]


def remember(http: httpx.Client, session_hash: str, value: str) -> str:
    """Call ``/remember`` (State) in ``session_hash`` and return what the session remembers so far."""
    response = http.post(
        "gradio_api/queue/join",
        json={"data": [value, None], "fn_index": FN_INDEX["remember"], "session_hash": session_hash},
    )
    assert response.status_code == 200, response.text
    messages = read_stream(http, session_hash)
    [done] = [m for m in messages if m["msg"] == "process_completed"]
    return str(done["output"]["data"][0])


@contextlib.contextmanager
def heartbeat(http: httpx.Client, session_hash: str, headers: dict[str, str] | None = None) -> Iterator[int]:
    """Hold a heartbeat open (as a page or gradio_client does) until the block ends; yields its status."""
    with http.stream("GET", f"gradio_api/heartbeat/{session_hash}", headers=headers or {}) as response:
        chunks = response.iter_bytes()  # kept until the block ends: dropping it would close the connection
        if response.status_code == 200:
            next(chunks)  # the first ALIVE: the server has opened the session
        yield response.status_code


def knock(http: httpx.Client, session_hash: str, client_ip: str) -> int:
    """Open a heartbeat and drop it at once, as if from ``client_ip`` (loopback is a trusted proxy)."""
    with http.stream("GET", f"gradio_api/heartbeat/{session_hash}", headers={"x-forwarded-for": client_ip}) as response:
        return response.status_code


@pytest.fixture
def fresh(request: pytest.FixtureRequest) -> Iterator[Callable[..., tuple[str, gr.Blocks]]]:
    """``fresh(**launch_kwargs) -> (url, demo)``: a counting app of its own, closed after the test."""
    demos: list[gr.Blocks] = []

    def start(**kwargs: Any) -> tuple[str, gr.Blocks]:
        from security.helpers import launched

        demo = counting_app(Calls())
        stack = contextlib.ExitStack()
        url = stack.enter_context(launched(demo, **kwargs))
        request.addfinalizer(stack.close)
        demos.append(demo)
        return url, demo

    yield start


def test_anonymous_heartbeats_cannot_create_sessions_in_an_app_with_login(
    fresh: Callable[..., tuple[str, gr.Blocks]],
) -> None:
    url, demo = fresh(auth=("alice", "wonderland"), state_session_capacity=20)
    with httpx.Client(base_url=url, timeout=TIMEOUT) as alice:
        assert alice.post("login", data={"username": "alice", "password": "wonderland"}).status_code == 200
        mine = uuid.uuid4().hex
        remember(alice, mine, "a1")
        with httpx.Client(base_url=url, timeout=TIMEOUT) as anonymous:
            statuses = {anonymous.get(f"gradio_api/heartbeat/{uuid.uuid4().hex}").status_code for _ in range(60)}
        assert (statuses, len(store_of(demo)), remember(alice, mine, "a2")) == ({401}, 1, "a1,a2")


def test_a_flood_of_sessions_never_evicts_a_live_users_state(fresh: Callable[..., tuple[str, gr.Blocks]]) -> None:
    url, demo = fresh(state_session_capacity=20)
    with httpx.Client(base_url=url, timeout=TIMEOUT) as user:
        mine = uuid.uuid4().hex
        with heartbeat(user, mine):
            remember(user, mine, "u1")
            # 200 heartbeats from 200 addresses, each dropped at once: they may replace one another...
            with httpx.Client(base_url=url, timeout=TIMEOUT) as attacker:
                statuses = [knock(attacker, uuid.uuid4().hex, f"198.51.100.{i}") for i in range(200)]
            kept = remember(user, mine, "u2")
    assert (set(statuses), kept, len(store_of(demo)) <= 20) == ({200}, "u1,u2", True)


def test_a_store_full_of_live_sessions_answers_503_instead_of_dropping_one(
    fresh: Callable[..., tuple[str, gr.Blocks]],
) -> None:
    url, demo = fresh(state_session_capacity=5)
    with contextlib.ExitStack() as stack:
        clients = [stack.enter_context(httpx.Client(base_url=url, timeout=TIMEOUT)) for _ in range(5)]
        hashes = [uuid.uuid4().hex for _ in clients]
        for client, session_hash in zip(clients, hashes, strict=True):
            assert stack.enter_context(heartbeat(client, session_hash)) == 200
        refused = httpx.get(url + f"gradio_api/heartbeat/{uuid.uuid4().hex}", timeout=TIMEOUT)
        joined = httpx.post(
            url + "gradio_api/queue/join",
            json={"data": ["x"], "fn_index": FN_INDEX["greet"], "session_hash": uuid.uuid4().hex},
            timeout=TIMEOUT,
        )
        still_there = [store_of(demo).peek(h) is not None for h in hashes]
    assert (refused.status_code, refused.headers.get("retry-after"), joined.status_code, still_there) == (
        503,
        "60",
        503,
        [True] * 5,
    )


def test_one_client_beyond_its_share_of_live_sessions_gets_429_and_others_are_still_served(
    fresh: Callable[..., tuple[str, gr.Blocks]],
) -> None:
    url, _ = fresh(max_sessions_per_client=10)
    with contextlib.ExitStack() as stack:
        http = stack.enter_context(httpx.Client(base_url=url, timeout=TIMEOUT))
        held = [
            stack.enter_context(heartbeat(http, uuid.uuid4().hex, {"x-forwarded-for": "203.0.113.7"}))
            for _ in range(10)
        ]
        beyond = [knock(http, uuid.uuid4().hex, "203.0.113.7") for _ in range(2)]
        other = knock(http, uuid.uuid4().hex, "203.0.113.8")
    assert (held, beyond, other) == ([200] * 10, [429] * 2, 200)


def test_a_script_opening_client_after_client_is_not_locked_out(fresh: Callable[..., tuple[str, gr.Blocks]]) -> None:
    url, demo = fresh(max_sessions_per_client=10)
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        statuses = [knock(http, uuid.uuid4().hex, "203.0.113.9") for _ in range(40)]
    assert (set(statuses), len(store_of(demo)) <= 10) == ({200}, True)


BAD_HASHES = ["x" * 129, "../../etc", "a b", "tab\there", "new\nline", "nul\x00", "é"]


@pytest.mark.parametrize("bad", BAD_HASHES, ids=range(len(BAD_HASHES)))
def test_malformed_session_hashes_are_refused_everywhere(fresh: Callable[..., tuple[str, gr.Blocks]], bad: str) -> None:
    url, demo = fresh()
    body = {"data": ["x"], "fn_index": FN_INDEX["greet"], "session_hash": bad, "event_id": "e"}
    answers = [
        httpx.post(url + "gradio_api/queue/join", json=body, timeout=TIMEOUT).status_code,
        httpx.post(url + "gradio_api/run/greet", json=body, timeout=TIMEOUT).status_code,
        httpx.post(url + "gradio_api/call/greet", json=body, timeout=TIMEOUT).status_code,
        httpx.post(url + "gradio_api/cancel", json=body, timeout=TIMEOUT).status_code,
        httpx.get(url + "gradio_api/queue/data", params={"session_hash": bad}, timeout=TIMEOUT).status_code,
    ]
    if "/" not in bad:
        answers.append(httpx.get(url + "gradio_api/heartbeat/" + quote(bad, safe=""), timeout=TIMEOUT).status_code)
    assert (set(answers), len(store_of(demo))) == ({400}, 0)


def test_a_megabyte_session_hash_is_refused_without_being_stored(fresh: Callable[..., tuple[str, gr.Blocks]]) -> None:
    url, demo = fresh()
    huge = "a" * 1_000_000
    body = {"data": ["x"], "fn_index": FN_INDEX["greet"], "session_hash": huge}
    in_body = httpx.post(url + "gradio_api/queue/join", json=body, timeout=TIMEOUT)
    # As a URL it is too long a request line: refused before any route sees it.
    in_path = raw_request(url, f"GET /gradio_api/heartbeat/{huge} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    assert (in_body.status_code, status_of(in_path), len(store_of(demo))) == (400, 431, 0)


def test_non_string_session_hashes_are_refused(fresh: Callable[..., tuple[str, gr.Blocks]]) -> None:
    url, demo = fresh()
    answers = set()
    for value in (123, ["a"], {"a": 1}, True):
        body = {"data": ["x"], "fn_index": FN_INDEX["greet"], "session_hash": value}
        answers.add(httpx.post(url + "gradio_api/queue/join", json=body, timeout=TIMEOUT).status_code)
    assert (answers, len(store_of(demo))) == ({400}, 0)


@pytest.fixture
def two_users(fresh: Callable[..., tuple[str, gr.Blocks]]) -> Iterator[tuple[str, httpx.Client, httpx.Client]]:
    url, _ = fresh(auth=[("alice", "a-pass"), ("bob", "b-pass")])
    with httpx.Client(base_url=url, timeout=TIMEOUT) as alice, httpx.Client(base_url=url, timeout=TIMEOUT) as bob:
        for client, (name, password) in ((alice, ("alice", "a-pass")), (bob, ("bob", "b-pass"))):
            assert client.post("login", data={"username": name, "password": password}).status_code == 200
        yield url, alice, bob


def test_a_logged_in_user_cannot_use_another_users_session(two_users: tuple[str, httpx.Client, httpx.Client]) -> None:
    _, alice, bob = two_users
    hers = uuid.uuid4().hex
    remember(alice, hers, "secret")
    body = {"data": ["x", None], "fn_index": FN_INDEX["remember"], "session_hash": hers}
    answers = [
        bob.post("gradio_api/queue/join", json=body).status_code,
        bob.post("gradio_api/run/remember", json=body).status_code,
        bob.post("gradio_api/call/remember", json={"data": ["x"], "session_hash": hers}).status_code,
        bob.post("gradio_api/cancel", json={**body, "event_id": "e"}).status_code,
        bob.get("gradio_api/queue/data", params={"session_hash": hers}).status_code,
        bob.get(f"gradio_api/heartbeat/{hers}").status_code,
    ]
    assert (answers, remember(alice, hers, "more")) == ([403] * 6, "secret,more")


def test_a_users_call_results_are_not_readable_by_another_user(
    two_users: tuple[str, httpx.Client, httpx.Client],
) -> None:
    _, alice, bob = two_users
    event_id = alice.post("gradio_api/call/greet", json={"data": ["mine"]}).json()["event_id"]
    stolen = bob.get(f"gradio_api/call/greet/{event_id}")
    own = alice.get(f"gradio_api/call/greet/{event_id}")
    assert (stolen.status_code, own.status_code, "hi mine" in own.text) == (404, 200, True)


def slow_app(started: threading.Event, release: threading.Event, finished: list[str]) -> gr.Blocks:
    def slow(name: str) -> str:
        started.set()
        release.wait(TIMEOUT)
        finished.append(name)
        return name

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(slow, box, box, api_name="slow")
    return demo


@pytest.mark.parametrize("session_hash", ["missing", None, 42, "someone-else"])
def test_only_the_owning_session_can_cancel_an_event(launch: Callable[..., str], session_hash: object) -> None:
    started, release, finished = threading.Event(), threading.Event(), []
    url = launch(slow_app(started, release, finished))
    owner = uuid.uuid4().hex
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
        event_id = http.post(
            "gradio_api/queue/join", json={"data": ["run"], "fn_index": 0, "session_hash": owner}
        ).json()["event_id"]
        assert started.wait(TIMEOUT)
        body: dict[str, Any] = {"event_id": event_id, "fn_index": 0}
        if session_hash != "missing":
            body["session_hash"] = session_hash if session_hash != "someone-else" else uuid.uuid4().hex
        refused = http.post("gradio_api/cancel", json=body)
        release.set()  # the function finishes only after the cancel attempt was answered
        messages = read_stream(http, owner)
    expected_status = {"missing": 422, None: 422, 42: 400, "someone-else": 200}[session_hash]  # type: ignore[index]
    assert (
        refused.status_code,
        finished,
        [m["output"]["data"] for m in messages if m["msg"] == "process_completed"],
    ) == (expected_status, ["run"], [["run"]])


def test_the_owning_session_cancels_its_event(launch: Callable[..., str]) -> None:
    started, release, finished = threading.Event(), threading.Event(), []
    url = launch(slow_app(started, release, finished))
    owner = uuid.uuid4().hex
    try:
        with httpx.Client(base_url=url, timeout=TIMEOUT) as http:
            event_id = http.post(
                "gradio_api/queue/join", json={"data": ["run"], "fn_index": 0, "session_hash": owner}
            ).json()["event_id"]
            assert started.wait(TIMEOUT)
            cancelled = http.post(
                "gradio_api/cancel", json={"event_id": event_id, "fn_index": 0, "session_hash": owner}
            )
            messages = read_stream(http, owner)
    finally:
        release.set()
    assert (cancelled.status_code, [m["output"] for m in messages if m["msg"] == "process_completed"]) == (200, [{}])
