"""gr.EventData over the wire: the join body's ``event_data`` and ``trigger_id`` reach the function."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from conftest import fn_index, http_client, join, read_stream

import trellis as gr


def picked(text: str, evt: gr.SelectData) -> str:
    return f"{evt.index}:{evt.value}:{evt.selected}"


def target_of(text: str, evt: gr.EventData) -> str:
    return "none" if evt.target is None else f"{type(evt.target).__name__}:{evt.target._id}"


def build() -> tuple[gr.Blocks, gr.Radio]:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        radio = gr.Radio(["a", "b"])
        radio.select(picked, text, text)
        radio.select(target_of, text, text)
    return demo, radio


@pytest.fixture(scope="module")
def app(serve_blocks: Any) -> tuple[str, int]:
    """The served app's URL and the id of its Radio (the component that fires ``select``)."""
    demo, radio = build()
    return serve_blocks(demo), radio._id


def _result(url: str, api_name: str, **extra: Any) -> Any:
    session = uuid.uuid4().hex
    with http_client(url) as http:
        response = join(http, fn_index(url, api_name), ["x"], session, **extra)
        assert response.status_code == 200, response.text
        messages = read_stream(http, session)
    [final] = [m for m in messages if m["msg"] == "process_completed"]
    return final["output"]["data"][0]


def test_select_data_reads_the_join_event_data(app: tuple[str, int]) -> None:
    url, radio_id = app
    event_data = {"index": 1, "value": "b", "selected": True}
    assert _result(url, "picked", event_data=event_data, trigger_id=radio_id) == "1:b:True"


def test_missing_event_data_gives_empty_fields(app: tuple[str, int]) -> None:
    assert _result(app[0], "picked") == "None:None:True"


def test_event_data_target_is_the_triggering_component(app: tuple[str, int]) -> None:
    url, radio_id = app
    assert _result(url, "target_of", event_data={"index": 0, "value": "a"}, trigger_id=radio_id) == f"Radio:{radio_id}"
