"""Errors over the wire: gr.Error, hidden internal errors, bad requests, and a server that keeps working."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, http_client, join, run_event
from gradio_client.exceptions import AppError

import trellis as gr


def greet(name: str, times: float = 1) -> str:
    return ("Hello " + name + "! ") * int(times)


def fail(x: str) -> str:
    raise gr.Error("bad input: " + x, title="Oops", duration=5)


def crash(x: str) -> str:
    raise ValueError("internal " + x)


def fail_later(n: float) -> Any:
    yield "first"
    raise gr.Error("stopped after one")


def two_outputs(x: str) -> tuple[str, str]:
    return x  # type: ignore[return-value]


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        times = gr.Number(value=1, label="Times")
        out = gr.Textbox(label="Out")
        gr.Button().click(greet, [name, times], out)
        gr.Button().click(fail, name, out)
        gr.Button().click(crash, name, out)
        gr.Button().click(fail_later, times, out)
        gr.Button().click(two_outputs, name, [out, name])
        small = gr.Number(minimum=0, maximum=5, label="Bounded")
        gr.Button().click(lambda v: str(v), small, out, api_name="bounded")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


@pytest.fixture(scope="module")
def url_show_error(serve_blocks: Any) -> str:
    return serve_blocks(build(), show_error=True)


def assert_still_serving(url: str) -> None:
    """A normal call after a bad request still succeeds."""
    final = completed(run_event(url, fn_index(url, "greet"), ["ok", 1]))
    assert (final["success"], final["output"]["data"]) == (True, ["Hello ok! "])


# -- gr.Error and hidden errors ---------------------------------------------------------


def test_gr_error_reaches_the_client_as_app_error(url: str, make_client: Any) -> None:
    with pytest.raises(AppError) as info:
        make_client(url).predict("xyz", api_name="/fail")
    assert (info.value.message, info.value.title, info.value.duration, info.value.visible) == (
        "bad input: xyz",
        "Oops",
        5,
        True,
    )


def test_gr_error_on_the_wire_has_only_the_allowed_keys(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "fail"), ["xyz"]))
    assert (final["success"], final["title"], final["output"]) == (
        False,
        "Oops",
        {"error": "bad input: xyz", "duration": 5, "visible": True, "title": "Oops"},
    )


def test_other_exception_is_hidden_without_show_error(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "crash"), ["xyz"]))
    assert (final["success"], final["title"], final["output"]) == (False, "Error", {"error": None})


def test_hidden_exception_raises_app_error_without_the_internal_message(url: str, make_client: Any) -> None:
    with pytest.raises(AppError) as info:
        make_client(url).predict("xyz", api_name="/crash")
    assert "internal xyz" not in str(info.value)


def test_other_exception_is_shown_with_show_error(url_show_error: str) -> None:
    final = completed(run_event(url_show_error, fn_index(url_show_error, "crash"), ["xyz"]))
    assert (final["success"], final["output"]) == (False, {"error": "internal xyz", "visible": True})


def test_shown_exception_reaches_the_client(url_show_error: str, make_client: Any) -> None:
    with pytest.raises(AppError) as info:
        make_client(url_show_error).predict("xyz", api_name="/crash")
    assert info.value.message == "internal xyz"


def test_gr_error_is_shown_the_same_with_show_error(url_show_error: str) -> None:
    final = completed(run_event(url_show_error, fn_index(url_show_error, "fail"), ["q"]))
    assert final["output"] == {"error": "bad input: q", "duration": 5, "visible": True, "title": "Oops"}


def test_error_in_a_generator_after_a_yield_ends_the_event_with_the_error(url: str) -> None:
    messages = run_event(url, fn_index(url, "fail_later"), [1])
    assert ([m["msg"] for m in messages][-2:], completed(messages)["output"]) == (
        ["process_generating", "process_completed"],
        {"error": "stopped after one", "duration": 10, "visible": True, "title": "Error"},
    )


def test_validation_error_of_an_input_reaches_the_client(url: str, make_client: Any) -> None:
    with pytest.raises(AppError) as info:
        make_client(url).predict(9, api_name="/bounded")
    assert info.value.message == "Value 9 is greater than maximum value 5."


def test_wrong_number_of_returned_values_fails_the_event(url_show_error: str) -> None:
    final = completed(run_event(url_show_error, fn_index(url_show_error, "two_outputs"), ["ab"]))
    assert (final["success"], final["output"]) == (
        False,
        {
            "error": "An event handler (two_outputs) didn't return enough output values (needed: 2, returned: 1). "
            "Return a tuple with one value per output.",
            "visible": True,
        },
    )


# -- bad requests ------------------------------------------------------------------------


def test_too_few_input_values_fail_the_event(url_show_error: str) -> None:
    final = completed(run_event(url_show_error, fn_index(url_show_error, "greet"), ["only one"]))
    assert (final["success"], final["output"]) == (
        False,
        {
            "error": "An event handler (greet) didn't receive enough input values (needed: 2, got: 1). "
            "Send one value per input component, in order: ['Name', 'Times'].",
            "visible": True,
        },
    )


def test_too_few_input_values_are_a_hidden_error_without_show_error(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "greet"), []))
    assert (final["success"], final["output"]) == (False, {"error": None})
    assert_still_serving(url)


def test_malformed_json_to_join_is_a_400_with_json_detail(url: str) -> None:
    response = httpx.post(
        url + "gradio_api/queue/join",
        content=b"{not json",
        timeout=TIMEOUT,
        headers={"content-type": "application/json"},
    )
    assert (
        response.status_code,
        response.headers["content-type"],
        response.json()["detail"].startswith("Request body is not valid JSON"),
    ) == (400, "application/json", True)
    assert_still_serving(url)


def test_unknown_fn_index_is_a_404(url: str) -> None:
    count = len(httpx.get(url + "config", timeout=TIMEOUT).json()["dependencies"])
    with http_client(url) as http:
        response = join(http, 999, ["x"], uuid.uuid4().hex)
    assert (response.status_code, response.json()) == (
        404,
        {"detail": f"No listener with fn_index 999; this app has {count}."},
    )
    assert_still_serving(url)


def test_non_integer_fn_index_is_a_422(url: str) -> None:
    with http_client(url) as http:
        response = join(http, "0", ["x"], uuid.uuid4().hex)  # type: ignore[arg-type]
    assert response.status_code == 422
    assert_still_serving(url)


def test_missing_session_hash_is_a_400(url: str) -> None:
    body = {"data": ["x", 1], "fn_index": fn_index(url, "greet")}
    response = httpx.post(url + "gradio_api/queue/join", json=body, timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (400, {"detail": "Session hash not found."})
    assert_still_serving(url)


def test_data_that_is_not_a_list_is_a_422(url: str) -> None:
    with http_client(url) as http:
        response = http.post(
            "gradio_api/queue/join",
            json={"data": {"name": "x"}, "fn_index": fn_index(url, "greet"), "session_hash": uuid.uuid4().hex},
        )
    assert (response.status_code, response.json()) == (
        422,
        {"detail": "'data' must be a list with one value per input component."},
    )
    assert_still_serving(url)


def test_join_body_that_is_not_an_object_is_a_422(url: str) -> None:
    response = httpx.post(url + "gradio_api/queue/join", json=[1, 2], timeout=TIMEOUT)
    assert response.status_code == 422
    assert_still_serving(url)


def test_unknown_api_name_on_call_is_a_404(url: str) -> None:
    response = httpx.post(url + "gradio_api/call/nope", json={"data": []}, timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (404, {"detail": "No endpoint named 'nope'."})
    assert_still_serving(url)


def test_unknown_api_name_on_run_is_a_404(url: str) -> None:
    response = httpx.post(url + "gradio_api/run/nope", json={"data": []}, timeout=TIMEOUT)
    assert response.status_code == 404
    assert_still_serving(url)


def test_stream_without_session_hash_is_a_400(url: str) -> None:
    response = httpx.get(url + "gradio_api/queue/data", timeout=TIMEOUT)
    assert response.status_code == 400
    assert_still_serving(url)


def test_cancel_of_an_unknown_event_still_answers_success(url: str) -> None:
    body = {"event_id": "nope", "session_hash": "nobody", "fn_index": 0}
    response = httpx.post(url + "gradio_api/cancel", json=body, timeout=TIMEOUT)
    assert (response.status_code, response.json()) == (200, {"success": True})
    assert_still_serving(url)


def test_wrong_value_type_fails_only_that_event(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "greet"), [["not", "text"], 1]))
    assert (final["success"], final["output"]) == (
        False,
        {
            "error": "Textbox expects a string, got list: ['not', 'text']",
            "duration": 10,
            "visible": True,
            "title": "Error",
        },
    )
    assert_still_serving(url)
