"""Listener validators (``validator=``, ``gr.validate``): checked over real HTTP and with the real gradio_client.

The facts come from Gradio 6.31's own answers: a refusing validator makes ``/queue/join`` (and
``/call``) answer 422 with one entry per input, a raising one 400 with its message, and ``/run``
calls do not run validators at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from conftest import completed, fn_index, http_client, join, read_stream

import trellis as gr


def _checks(name: str, age: float) -> list[dict[str, Any]]:
    return [gr.validate(len(name) > 0, "Name is required"), gr.validate(age >= 18, "Must be 18+")]


def _too_few(name: str, age: float) -> dict[str, Any]:
    return gr.validate(False, "one result for two inputs")


def _raising(name: str, age: float) -> Any:
    raise ValueError("validator exploded")


def _not_a_check(name: str, age: float) -> list[Any]:
    return ["anything", None]


@pytest.fixture(scope="module")
def app(serve_blocks: Callable[..., str]) -> tuple[str, list[tuple[str, float]]]:
    calls: list[tuple[str, float]] = []

    def greet(name: str, age: float) -> str:
        calls.append((name, age))
        return f"hi {name} {age:g}"

    async def async_checks(name: str, age: float) -> list[dict[str, Any]]:
        return _checks(name, age)

    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        age = gr.Number(label="Age", value=10)
        out = gr.Textbox(label="Out")
        button = gr.Button()
        button.click(greet, [name, age], out, validator=_checks, api_name="checked")
        button.click(greet, [name, age], out, validator=async_checks, api_name="async_checked")
        button.click(greet, [name, age], out, validator=_checks, api_name="direct", queue=False)
        button.click(greet, [name, age], out, validator=_too_few, api_name="too_few")
        button.click(greet, [name, age], out, validator=_raising, api_name="raising")
        button.click(greet, [name, age], out, validator=_not_a_check, api_name="not_a_check")
        single = gr.Textbox(label="Single")
        single.submit(
            lambda text: f"one {text}",
            single,
            out,
            validator=lambda text: gr.validate(text != "bad", "not that"),
            api_name="single",
        )
    return serve_blocks(demo), calls


def test_the_python_client_raises_validation_error_with_a_line_per_invalid_input(
    app: tuple[str, list[tuple[str, float]]], make_client: Callable[..., Any]
) -> None:
    from gradio_client.exceptions import ValidationError

    url, calls = app
    client = make_client(url)
    before = len(calls)
    with pytest.raises(ValidationError) as raised:
        client.predict("", 10, api_name="/checked")
    assert str(raised.value) == "2 parameter(s) failed validation:\n- name: Name is required\n- age: Must be 18+"
    with pytest.raises(ValidationError) as raised:
        client.predict("bob", 10, api_name="/async_checked")
    assert str(raised.value) == "1 parameter(s) failed validation:\n- age: Must be 18+"
    assert len(calls) == before, "the function must not run when its inputs are refused"
    assert client.predict("bob", 20, api_name="/checked") == "hi bob 20"
    assert calls[-1] == ("bob", 20)


def test_join_answers_422_with_one_entry_per_input(app: tuple[str, list[tuple[str, float]]]) -> None:
    url, calls = app
    before = len(calls)
    with http_client(url) as http:
        response = join(http, fn_index(url, "checked"), ["bob", 10], uuid.uuid4().hex)
        assert response.status_code == 422
        assert response.json() == {
            "detail": [
                {"__type__": "validate", "is_valid": True, "message": "Name is required", "parameter_name": "name"},
                {"__type__": "validate", "is_valid": False, "message": "Must be 18+", "parameter_name": "age"},
            ]
        }
        # Results that are no gr.validate count as valid: the event is queued.
        session = uuid.uuid4().hex
        response = join(http, fn_index(url, "not_a_check"), ["", 1], session)
        assert response.status_code == 200, response.text
        done = completed([m for m in read_stream(http, session) if m["event_id"] == response.json()["event_id"]])
        assert done["output"]["data"] == ["hi  1"]
    assert len(calls) == before + 1


def test_a_one_input_listener_takes_a_single_result(app: tuple[str, list[tuple[str, float]]]) -> None:
    url, _ = app
    with http_client(url) as http:
        response = join(http, fn_index(url, "single"), ["bad"], uuid.uuid4().hex)
        assert response.status_code == 422
        assert response.json()["detail"] == [
            {"__type__": "validate", "is_valid": False, "message": "not that", "parameter_name": "text"}
        ]
        assert join(http, fn_index(url, "single"), ["good"], uuid.uuid4().hex).status_code == 200


def test_a_raising_or_short_validator_is_a_400_and_nothing_runs(app: tuple[str, list[tuple[str, float]]]) -> None:
    url, calls = app
    before = len(calls)
    with http_client(url) as http:
        response = join(http, fn_index(url, "raising"), ["bob", 30], uuid.uuid4().hex)
        assert response.status_code == 400
        assert response.json() == {"detail": "validator exploded"}
        response = join(http, fn_index(url, "too_few"), ["bob", 30], uuid.uuid4().hex)
        assert response.status_code == 400
        assert "didn't return enough values (needed: 2, returned: 1)" in response.json()["detail"]
        # The server goes on serving: a valid call of a checked listener still runs.
        session = uuid.uuid4().hex
        response = join(http, fn_index(url, "checked"), ["ann", 40], session)
        assert response.status_code == 200
        read_stream(http, session)
    assert calls[before:] == [("ann", 40)]


def test_queue_false_listeners_are_validated_at_join_and_rest_calls_too(
    app: tuple[str, list[tuple[str, float]]],
) -> None:
    url, calls = app
    before = len(calls)
    with http_client(url) as http:
        assert join(http, fn_index(url, "direct"), ["", 1], uuid.uuid4().hex).status_code == 422
        response = http.post("gradio_api/call/checked", json={"data": ["", 1]})
        assert response.status_code == 422
        assert [entry["is_valid"] for entry in response.json()["detail"]] == [False, False]
    assert len(calls) == before


def test_run_calls_do_not_run_validators_as_in_gradio(app: tuple[str, list[tuple[str, float]]]) -> None:
    url, calls = app
    before = len(calls)
    with http_client(url) as http:
        for api_name in ("checked", "direct"):
            response = http.post(f"gradio_api/run/{api_name}", json={"data": ["", 1]})
            assert response.status_code == 200, response.text
            assert response.json()["data"] == ["hi  1"]
    assert len(calls) == before + 2


def test_validators_module_checks_lengths() -> None:
    import numpy as np

    two_seconds = (8000, np.zeros(16000))
    assert gr.validators.is_audio_correct_length(two_seconds, min_length=1, max_length=3)["is_valid"] is True
    short = gr.validators.is_audio_correct_length(two_seconds, min_length=3, max_length=None)
    assert short == {
        "__type__": "validate",
        "is_valid": False,
        "message": "Audio is too short. It must be at least 3 seconds",
    }
    long = gr.validators.is_audio_correct_length(two_seconds, min_length=None, max_length=1.5)
    assert long["message"] == "Audio is too long. It must be at most 1.5 seconds"


def test_an_interface_validator_refuses_through_the_client(
    serve_blocks: Callable[..., str], make_client: Callable[..., Any]
) -> None:
    from gradio_client.exceptions import ValidationError

    demo = gr.Interface(
        lambda text: text[::-1],
        gr.Textbox(label="Text"),
        "text",
        validator=lambda text: gr.validate(len(text) <= 5, "At most 5 characters"),
        api_name="reverse",
    )
    client = make_client(serve_blocks(demo))
    assert client.predict("abc", api_name="/reverse") == "cba"
    with pytest.raises(ValidationError, match="- text: At most 5 characters"):
        client.predict("abcdefgh", api_name="/reverse")
