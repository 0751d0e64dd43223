"""gr.State over the wire: one value per session, null placeholders, and reset_session()."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from conftest import completed, fn_index, run_event

import trellis as gr


def incr(label: str, count: int) -> tuple[str, int]:
    count = count + 1
    return f"{label} #{count}", count


def remember(item: str, items: list[str]) -> tuple[str, list[str]]:
    items.append(item)
    return ",".join(items), items


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        label = gr.Textbox(label="Label")
        out = gr.Textbox(label="Out")
        count = gr.State(0)
        items = gr.State([])
        gr.Button().click(incr, [label, count], [out, count])
        gr.Button().click(remember, [label, items], [out, items])
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def test_one_client_keeps_its_state_across_calls(url: str, make_client: Any) -> None:
    client = make_client(url)
    assert [client.predict("s", api_name="/incr") for _ in range(3)] == ["s #1", "s #2", "s #3"]


def test_two_clients_keep_separate_state(url: str, make_client: Any) -> None:
    first, second = make_client(url), make_client(url)
    results = [
        first.predict("a", api_name="/incr"),
        first.predict("a", api_name="/incr"),
        second.predict("b", api_name="/incr"),
        first.predict("a", api_name="/incr"),
        second.predict("b", api_name="/incr"),
    ]
    assert results == ["a #1", "a #2", "b #1", "a #3", "b #2"]


def test_mutable_initial_value_is_not_shared_between_sessions(url: str, make_client: Any) -> None:
    first, second = make_client(url), make_client(url)
    first.predict("x", api_name="/remember")
    first.predict("y", api_name="/remember")
    assert second.predict("z", api_name="/remember") == "z"


def test_reset_session_starts_from_the_initial_value(url: str, make_client: Any) -> None:
    client = make_client(url)
    client.predict("r", api_name="/incr")
    client.reset_session()
    assert client.predict("r", api_name="/incr") == "r #1"


def test_state_output_is_a_null_placeholder_on_the_wire(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "incr"), ["w", None]))
    assert final["output"]["data"] == ["w #1", None]


def test_sent_state_value_is_ignored_by_the_server(url: str) -> None:
    session = uuid.uuid4().hex
    run_event(url, fn_index(url, "incr"), ["w", None], session)
    final = completed(run_event(url, fn_index(url, "incr"), ["w", 100], session))
    assert final["output"]["data"] == ["w #2", None]
