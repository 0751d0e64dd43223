"""``gr.cache`` and ``gr.Cache`` in a served app: hits, eviction, per-session isolation and ``used_cache``.

What Gradio 6.31 sends (read from its traffic): a listener whose own ``@gr.cache`` function answered
from its cache ends with ``process_completed.used_cache == "full"`` (``output.used_cache`` stays
null); a ``gr.Cache.get`` hit inside the function gives ``"partial"`` in both places; a generator's
cached yields are replayed as ``process_generating`` messages.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from conftest import completed, fn_index, http_client, join, read_stream, run_event

import trellis as gr
from trellis import caching


@pytest.fixture(scope="module")
def app(serve_blocks: Callable[..., str]) -> tuple[str, dict[str, list[Any]]]:
    runs: dict[str, list[Any]] = {"double": [], "mine": [], "count": [], "manual": [], "small": []}

    @gr.cache
    def double(x: float) -> float:
        runs["double"].append(x)
        return x * 2

    @gr.cache(per_session=True, key=lambda kw: kw["text"])  # keyed on the text alone: the session tells apart
    def mine(text: str, request: gr.Request) -> str:
        runs["mine"].append(text)
        return f"{text} for {request.session_hash}"

    @gr.cache
    def count(text: str) -> Any:
        runs["count"].append(text)
        for i in range(3):
            yield f"{text}-{i}"

    def manual(text: str, c: gr.Cache = gr.Cache()) -> str:  # noqa: B008 - gr.Cache is injected by default value
        hit = c.get(text)
        if hit is not None:
            return str(hit["value"])
        runs["manual"].append(text)
        c.set(text, value=text.upper())
        return text.upper()

    @gr.cache(max_size=2)
    def small(x: float) -> float:
        runs["small"].append(x)
        return x + 1

    with gr.Blocks() as demo:
        number = gr.Number()
        text = gr.Textbox()
        out = gr.Textbox()
        button = gr.Button()
        button.click(double, number, out, api_name="double")
        button.click(mine, text, out, api_name="mine")
        button.click(count, text, out, api_name="count")
        button.click(manual, text, out, api_name="manual")
        button.click(small, number, out, api_name="small")
    return serve_blocks(demo), runs


def _final(url: str, api_name: str, value: Any, session: str | None = None) -> dict[str, Any]:
    return completed(run_event(url, fn_index(url, api_name), [value], session))


def test_a_cached_function_runs_once_and_reports_a_full_hit(app: tuple[str, dict[str, list[Any]]]) -> None:
    url, runs = app
    first = _final(url, "double", 21)
    second = _final(url, "double", 21)
    assert first["output"]["data"] == second["output"]["data"] == ["42"]
    assert runs["double"] == [21]
    assert first["used_cache"] is None and first["output"]["used_cache"] is None
    assert second["used_cache"] == "full"
    assert second["output"]["used_cache"] is None  # as Gradio: only the message's own field says "full"


def test_a_gr_cache_parameter_is_injected_and_a_hit_is_partial(app: tuple[str, dict[str, list[Any]]]) -> None:
    url, runs = app
    first = _final(url, "manual", "abc")
    second = _final(url, "manual", "abc")
    assert first["output"]["data"] == second["output"]["data"] == ["ABC"]
    assert runs["manual"] == ["abc"]
    assert first["used_cache"] is None
    assert second["used_cache"] == "partial" and second["output"]["used_cache"] == "partial"
    # The API does not list the injected parameter as an input.
    info = http_client(url).get("gradio_api/info").json()
    assert [p["parameter_name"] for p in info["named_endpoints"]["/manual"]["parameters"]] == ["text"]


def test_a_cached_generator_replays_its_yields(app: tuple[str, dict[str, list[Any]]]) -> None:
    url, runs = app
    fn = fn_index(url, "count")
    first = run_event(url, fn, ["go"])
    second = run_event(url, fn, ["go"])
    steps = [m for m in second if m["msg"] == "process_generating"]
    assert len(steps) == len([m for m in first if m["msg"] == "process_generating"]) == 3
    assert completed(second)["output"]["data"] == ["go-2"]
    assert completed(second)["used_cache"] == "full"
    assert runs["count"] == ["go"]


def test_the_least_recently_used_entry_is_evicted(app: tuple[str, dict[str, list[Any]]]) -> None:
    url, runs = app
    for x in (1, 2, 1, 3):  # 1 is used again, so 2 is the oldest when 3 arrives
        _final(url, "small", x)
    assert runs["small"] == [1, 2, 3]
    assert _final(url, "small", 1)["used_cache"] == "full"
    assert _final(url, "small", 2)["used_cache"] is None
    assert runs["small"] == [1, 2, 3, 2]


def test_per_session_entries_are_never_served_to_another_session(app: tuple[str, dict[str, list[Any]]]) -> None:
    url, runs = app
    alice, bob = uuid.uuid4().hex, uuid.uuid4().hex
    first = _final(url, "mine", "secret", alice)
    again = _final(url, "mine", "secret", alice)
    other = _final(url, "mine", "secret", bob)
    assert first["output"]["data"] == again["output"]["data"] == [f"secret for {alice}"]
    assert again["used_cache"] == "full"
    assert other["output"]["data"] == [f"secret for {bob}"]
    assert other["used_cache"] is None
    assert runs["mine"] == ["secret", "secret"]


def test_run_calls_use_the_cache_and_say_partial(app: tuple[str, dict[str, list[Any]]]) -> None:
    url, runs = app
    with http_client(url) as http:
        response = http.post("gradio_api/run/double", json={"data": [5]})
        assert response.json()["used_cache"] is None
        response = http.post("gradio_api/run/double", json={"data": [5]})
        assert response.json()["data"] == ["10"]
        assert response.json()["used_cache"] == "partial"
    assert runs["double"].count(5) == 1


def test_the_python_client_gets_cached_answers(
    app: tuple[str, dict[str, list[Any]]], make_client: Callable[..., Any]
) -> None:
    url, runs = app
    client = make_client(url)
    assert client.predict(50, api_name="/double") == "100"
    assert client.predict(50, api_name="/double") == "100"
    assert runs["double"].count(50) == 1


def test_per_session_entries_go_when_the_session_ends(
    serve_blocks: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRELLIS_DISCONNECT_GRACE", "0.05")
    notes = gr.Cache(per_session=True)

    def remember(text: str, c: gr.Cache = notes) -> str:
        c.set(text, seen=True)
        return text

    with gr.Blocks() as demo:
        text = gr.Textbox()
        text.submit(remember, text, text, api_name="remember")
    url = serve_blocks(demo)
    assert httpx.get(url + "config").json()["connect_heartbeat"] is True  # the page tells when it leaves
    kept, leaving = uuid.uuid4().hex, uuid.uuid4().hex
    _final(url, "remember", "a", kept)
    _final(url, "remember", "b", leaving)
    assert len(notes) == 2
    with http_client(url) as http, http.stream("GET", f"gradio_api/heartbeat/{leaving}") as beat:
        next(beat.iter_bytes())  # the heartbeat is open; leaving the block closes it
    deadline = time.monotonic() + 10
    while len(notes) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(notes) == 1
    with caching.track(kept):
        assert notes.keys() == ["a"]


def test_a_cache_hit_is_answered_ahead_of_the_line(serve_blocks: Callable[..., str]) -> None:
    """As Gradio: ``@gr.cache`` answers bypass the queue, so a hit does not wait behind a long run."""
    import threading

    release = threading.Event()

    @gr.cache
    def slow(x: float) -> float:
        if x == 0:
            release.wait(30)  # holds the listener's only slot until the test lets go
        return x + 1

    with gr.Blocks() as demo:
        number = gr.Number()
        out = gr.Number()
        number.submit(slow, number, out, api_name="slow", concurrency_limit=1)
    url = serve_blocks(demo)
    fn = fn_index(url, "slow")
    assert completed(run_event(url, fn, [5]))["used_cache"] is None  # now cached
    with http_client(url) as http:
        blocker = uuid.uuid4().hex
        assert join(http, fn, [0], blocker).status_code == 200  # takes the one slot and waits
        try:
            hit = run_event(url, fn, [5])  # would wait for the slot if it were queued
            assert [m["msg"] for m in hit] == ["process_completed"]
            assert completed(hit)["used_cache"] == "full"
            assert completed(hit)["output"]["data"] == [6]
        finally:
            release.set()
        read_stream(http, blocker)
