"""The REST routes: POST /gradio_api/call/{api} + GET stream, and the direct /gradio_api/run/{api}."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from conftest import TIMEOUT

import trellis as gr


def greet(name: str) -> str:
    return "Hello " + name


def count(n: float) -> Any:
    text = ""
    for i in range(int(n)):
        text += f"tok{i} "
        yield text


def fail(x: str) -> str:
    raise gr.Error("bad input: " + x)


def crash(x: str) -> str:
    raise ValueError("internal " + x)


def incr(label: str, total: int) -> tuple[str, int]:
    return f"{label} #{total + 1}", total + 1


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        number = gr.Number()
        total = gr.State(0)
        gr.Button().click(greet, text, text)
        gr.Button().click(count, number, text)
        gr.Button().click(fail, text, text)
        gr.Button().click(crash, text, text)
        gr.Button().click(incr, [text, total], [text, total])
        gr.Button().click(greet, text, text, api_name="direct", queue=False)
        gr.Button().click(greet, text, text, api_name="hidden", api_visibility="private")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def call(url: str, api_name: str, data: list[Any]) -> str:
    """POST /call/{api_name}, then read the whole GET stream; return its raw text."""
    start = httpx.post(f"{url}gradio_api/call/{api_name}", json={"data": data}, timeout=TIMEOUT)
    assert start.status_code == 200, start.text
    event_id = start.json()["event_id"]
    stream = httpx.get(f"{url}gradio_api/call/{api_name}/{event_id}", timeout=TIMEOUT)
    assert (stream.status_code, stream.headers["content-type"].startswith("text/event-stream")) == (200, True)
    return stream.text.replace("event: heartbeat\ndata: null\n\n", "")


def test_call_returns_an_event_id(url: str) -> None:
    response = httpx.post(url + "gradio_api/call/greet", json={"data": ["x"]}, timeout=TIMEOUT)
    assert (response.status_code, sorted(response.json())) == (200, ["event_id"])


def test_call_stream_ends_with_a_complete_event(url: str) -> None:
    assert call(url, "greet", ["REST"]) == 'event: complete\ndata: ["Hello REST"]\n\n'


def test_call_stream_of_a_generator_sends_full_values(url: str) -> None:
    assert call(url, "count", [3]) == (
        'event: generating\ndata: ["tok0 "]\n\n'
        'event: generating\ndata: ["tok0 tok1 "]\n\n'
        'event: generating\ndata: ["tok0 tok1 tok2 "]\n\n'
        'event: complete\ndata: ["tok0 tok1 tok2 "]\n\n'
    )


def test_call_stream_of_a_gr_error_is_an_error_event(url: str) -> None:
    assert call(url, "fail", ["q"]) == (
        'event: error\ndata: {"error": "bad input: q", "duration": 10, "visible": true, "title": "Error"}\n\n'
    )


def test_call_stream_hides_internal_errors(url: str) -> None:
    assert call(url, "crash", ["q"]) == 'event: error\ndata: {"error": null}\n\n'


def test_call_leaves_state_out_of_inputs_and_outputs(url: str) -> None:
    assert call(url, "incr", ["s"]) == 'event: complete\ndata: ["s #1"]\n\n'


def test_call_stream_can_be_read_only_once(url: str) -> None:
    event_id = httpx.post(url + "gradio_api/call/greet", json={"data": ["x"]}, timeout=TIMEOUT).json()["event_id"]
    httpx.get(f"{url}gradio_api/call/greet/{event_id}", timeout=TIMEOUT)
    assert httpx.get(f"{url}gradio_api/call/greet/{event_id}", timeout=TIMEOUT).status_code == 404


def test_call_refuses_a_private_endpoint(url: str) -> None:
    response = httpx.post(url + "gradio_api/call/hidden", json={"data": ["x"]}, timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (404, {"detail": "No endpoint named 'hidden'."})


def test_run_returns_the_output_object(url: str) -> None:
    response = httpx.post(url + "gradio_api/run/direct", json={"data": ["run"]}, timeout=TIMEOUT)
    body = response.json()
    assert (response.status_code, sorted(body), body["data"], body["is_generating"]) == (
        200,
        ["average_duration", "changed_state_ids", "data", "duration", "is_generating", "render_config", "used_cache"],
        ["Hello run"],
        False,
    )


def test_run_api_alias_route(url: str) -> None:
    response = httpx.post(url + "gradio_api/api/direct", json={"data": ["alias"]}, timeout=TIMEOUT)
    assert response.json()["data"] == ["Hello alias"]


def test_run_of_a_generator_returns_its_last_value(url: str) -> None:
    response = httpx.post(url + "gradio_api/run/count", json={"data": [2]}, timeout=TIMEOUT)
    assert response.json()["data"] == ["tok0 tok1 "]


def test_run_keeps_state_per_session_hash(url: str) -> None:
    body = {"data": ["r", None], "session_hash": "rest-session"}
    first = httpx.post(url + "gradio_api/run/incr", json=body, timeout=TIMEOUT).json()["data"]
    second = httpx.post(url + "gradio_api/run/incr", json=body, timeout=TIMEOUT).json()["data"]
    assert (first, second) == (["r #1", None], ["r #2", None])


def test_run_of_a_hidden_internal_error_is_a_500(url: str) -> None:
    response = httpx.post(url + "gradio_api/run/crash", json={"data": ["q"]}, timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (500, {"error": None})


def test_run_of_a_gr_error_is_a_500_with_the_error_object(url: str) -> None:
    response = httpx.post(url + "gradio_api/run/fail", json={"data": ["q"]}, timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (
        500,
        {"error": "bad input: q", "duration": 10, "visible": True, "title": "Error"},
    )


def test_run_of_a_gr_error_sends_the_error_object(url: str) -> None:
    response = httpx.post(url + "gradio_api/run/fail", json={"data": ["q"]}, timeout=TIMEOUT)
    assert response.json() == {"error": "bad input: q", "duration": 10, "visible": True, "title": "Error"}
