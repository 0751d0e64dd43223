"""An update answers the API client and the browser as Gradio's does: the update dict, its keys in Gradio's order."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import completed, fn_index, run_event
from gradio_client.exceptions import AppError

import trellis as gr


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        other = gr.Textbox()
        dropdown = gr.Dropdown(["a", "b"])

        def choices(x: str) -> Any:
            return gr.update(value="x", choices=["x", "yz"], visible=True, label="L")

        def props(x: str) -> Any:
            return gr.update(visible=False, value="v", label="L", elem_classes=["c"], lines=4, elem_id="e")

        def instance(x: str) -> Any:
            return gr.Textbox(visible=False, value="v", label="L", interactive=True, lines=4)

        def misspelt(x: str) -> Any:
            return gr.update(lable="oops")

        def two(x: str) -> Any:
            return gr.update(value="v"), "plain"

        def stream(x: str) -> Any:
            yield gr.update(value="a", interactive=False)
            yield gr.update(interactive=True, value="b")

        with gr.Column(visible=False) as column:
            shown = gr.Textbox()

        def reveal(x: str) -> Any:
            # A dict return, the layout block first: its slot must not shift the others (blocks_form's pattern).
            return {column: gr.Column(visible=True), shown: "shown " + x}

        def not_an_update(x: str) -> Any:
            return "text", "x"

        gr.Button().click(reveal, text, [column, shown], api_name="reveal")
        gr.Button().click(not_an_update, text, [column, shown], api_name="not_an_update")
        gr.Button().click(choices, text, dropdown, api_name="choices")
        gr.Button().click(props, text, text, api_name="props")
        gr.Button().click(instance, text, text, api_name="instance")
        gr.Button().click(misspelt, text, text, api_name="misspelt")
        gr.Button().click(two, text, [text, other], api_name="two")
        gr.Button().click(stream, text, text, api_name="stream")
    return serve_blocks(demo, show_error=True)


def _sent(url: str, api_name: str) -> list[Any]:
    final = completed(run_event(url, fn_index(url, api_name), ["q"]))
    assert final["success"], final
    return list(final["output"]["data"])


def test_the_client_gets_the_update_dict(url: str, make_client: Any) -> None:
    client = make_client(url)
    assert client.predict("q", api_name="/choices") == {
        "choices": [["x", "x"], ["yz", "yz"]],
        "label": "L",
        "visible": True,
        "value": "x",
        "__type__": "update",
    }
    assert client.predict("q", api_name="/two") == ({"value": "v", "__type__": "update"}, "plain")
    job = client.submit("q", api_name="/stream")
    job.result()
    assert job.outputs() == [
        {"interactive": False, "value": "a", "__type__": "update"},
        {"interactive": True, "value": "b", "__type__": "update"},
    ]


def test_update_keys_come_in_gradios_order(url: str) -> None:
    [update] = _sent(url, "choices")
    assert list(update) == ["choices", "label", "visible", "value", "__type__"]
    [update] = _sent(url, "props")
    assert list(update) == ["label", "lines", "elem_id", "elem_classes", "visible", "value", "__type__"]


def test_returned_instance_sends_its_arguments_in_call_order(url: str) -> None:
    [update] = _sent(url, "instance")
    assert list(update.items()) == [
        ("visible", False),
        ("label", "L"),
        ("interactive", True),
        ("lines", 4),
        ("value", "v"),
        ("__type__", "update"),
    ]


def test_a_prop_the_component_does_not_take_is_an_error(url: str, make_client: Any) -> None:
    with pytest.raises(AppError) as info:
        make_client(url).predict("q", api_name="/misspelt")
    assert info.value.message == "Textbox.__init__() got an unexpected keyword argument 'lable'"


def test_a_layout_output_gets_its_own_update(url: str, make_client: Any) -> None:
    # Gradio answers one entry per output, layout blocks included: the Column's update, then the value.
    assert _sent(url, "reveal") == [{"visible": True, "__type__": "update"}, "shown q"]
    # The official client leaves out the layout block (it is not part of the API) and keeps the value.
    assert make_client(url).predict("q", api_name="/reveal") == "shown q"


def test_a_layout_output_refuses_a_plain_value(url: str, make_client: Any) -> None:
    with pytest.raises(AppError) as info:
        make_client(url).predict("q", api_name="/not_an_update")
    assert "Column is a layout block" in info.value.message
