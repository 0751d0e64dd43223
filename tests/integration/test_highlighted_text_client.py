"""HighlightedText and ParamViewer through the official gradio_client: outputs arrive as Gradio 6.31 sends them
(token dicts; entity dicts cut into spans; combine_adjacent merged), inputs reach the function as token dicts, and
the API info the client reads is Gradio's (answers recorded from the same app on a Gradio 6.31 server)."""

from __future__ import annotations

from typing import Any

import pytest

import trellis as gr


def build() -> gr.Blocks:
    def tag(text: str) -> list[tuple[str, str | None]]:
        return [(word + " ", "NUM" if word.isdigit() else None) for word in text.split(" ")]

    def count(spans: list[dict[str, Any]]) -> str:
        return f"{type(spans).__name__}:{len(spans)}:{spans[0] if spans else None}"

    def entities(_: str) -> dict[str, Any]:
        return {
            "text": "Alice met Bob",
            "entities": [{"entity_group": "PER", "start": 0, "end": 5}, {"entity": "PER", "start": 10, "end": 13}],
        }

    with gr.Blocks() as demo:
        text = gr.Textbox()
        spans = gr.HighlightedText(combine_adjacent=True, adjacent_separator="|")
        out = gr.Textbox()
        params = gr.ParamViewer({"a": {"type": "int", "description": "A.", "default": "1"}})
        params_out = gr.JSON()
        gr.Button("tag").click(tag, text, spans, api_name="tag")
        gr.Button("count").click(count, spans, out, api_name="count")
        gr.Button("ents").click(entities, text, spans, api_name="ents")
        gr.Button("pv").click(lambda p: p, params, params_out, api_name="pv")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def test_outputs_come_back_as_gradios(url: str, make_client: Any) -> None:
    client = make_client(url)
    assert client.predict("a 12 13 b", api_name="/tag") == [
        {"token": "a ", "class_or_confidence": None},
        {"token": "12 |13 ", "class_or_confidence": "NUM"},
        {"token": "b ", "class_or_confidence": None},
    ]
    assert client.predict("", api_name="/ents") == [
        {"token": "Alice", "class_or_confidence": "PER"},
        {"token": " met ", "class_or_confidence": None},
        {"token": "Bob", "class_or_confidence": "PER"},
    ]


def test_inputs_reach_the_function_as_token_dicts(url: str, make_client: Any) -> None:
    client = make_client(url)
    spans = [{"token": "x", "class_or_confidence": 1}, {"token": "y", "class_or_confidence": None}]
    assert client.predict(spans, api_name="/count") == "list:2:{'token': 'x', 'class_or_confidence': 1.0}"
    params = {"b": {"type": "str", "description": "B", "default": None}}
    assert client.predict(params, api_name="/pv") == params


def test_the_client_reads_gradios_api_info(url: str, make_client: Any) -> None:
    api = make_client(url).view_api(print_info=False, return_format="dict")
    [param] = api["named_endpoints"]["/count"]["parameters"]
    assert param["component"] == "Highlightedtext"
    assert param["python_type"]["type"] == "list[dict(token: str, class_or_confidence: str | float | None)]"
    assert param["example_input"] == [
        {"token": "The", "class_or_confidence": None},
        {"token": "quick", "class_or_confidence": "adj"},
    ]
    [returned] = api["named_endpoints"]["/tag"]["returns"]
    assert returned["component"] == "Highlightedtext"
    [viewer] = api["named_endpoints"]["/pv"]["parameters"]
    assert viewer["component"] == "Paramviewer"
    assert viewer["python_type"] == {"type": "str | float | bool | list | dict", "description": ""}
    assert viewer["example_input"] == {"array": {"type": "numpy", "description": "any valid json", "default": "None"}}
