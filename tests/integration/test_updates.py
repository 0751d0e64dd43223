"""gr.update(...) and returned component instances on the wire, and per-session validation after an update."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import completed, fn_index, run_event
from gradio_client.exceptions import AppError

import trellis as gr


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        other = gr.Textbox(label="Other")
        number = gr.Number(label="Number", precision=0)
        dropdown = gr.Dropdown(["a", "b"], label="Choice")
        slider = gr.Slider(0, 10, label="Slider")

        def hide(x: str) -> Any:
            return gr.update(visible=False, value="new " + x)

        def instance(x: str) -> Any:
            return gr.Textbox(value="inst " + x, label="L", lines=3)

        def skip_it(x: str) -> Any:
            return gr.skip()

        def only_text(x: str) -> Any:
            return {text: "only text"}

        def number_text(x: str) -> Any:
            return gr.update(value="2.6")

        def new_choices(x: str) -> Any:
            return gr.update(choices=["x", "yz"], value="x")

        def choices_instance(x: str) -> Any:
            return gr.Dropdown(choices=["p", "q"], value="p")

        def pick(value: str) -> str:
            return f"picked {value}"

        def widen(x: str) -> Any:
            return gr.update(maximum=100)

        def slide(value: float) -> str:
            return f"slid {value}"

        gr.Button().click(hide, text, text)
        gr.Button().click(instance, text, text)
        gr.Button().click(skip_it, text, text)
        gr.Button().click(only_text, text, [text, other])
        gr.Button().click(number_text, text, number)
        gr.Button().click(new_choices, text, dropdown)
        gr.Button().click(choices_instance, text, dropdown)
        gr.Button().click(pick, dropdown, text)
        gr.Button().click(widen, text, slider)
        gr.Button().click(slide, slider, text)
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def _data(url: str, api_name: str, data: list[Any]) -> list[Any]:
    final = completed(run_event(url, fn_index(url, api_name), data))
    assert final["success"], final
    return final["output"]["data"]


def test_update_sends_props_and_the_postprocessed_value(url: str) -> None:
    assert _data(url, "hide", ["x"]) == [{"visible": False, "value": "new x", "__type__": "update"}]


def test_returned_instance_sends_the_props_it_was_built_with(url: str) -> None:
    assert _data(url, "instance", ["x"]) == [{"lines": 3, "label": "L", "value": "inst x", "__type__": "update"}]


def test_skip_leaves_the_output_unchanged(url: str) -> None:
    assert _data(url, "skip_it", ["x"]) == [{"__type__": "update"}]


def test_dict_return_updates_only_the_named_outputs(url: str) -> None:
    assert _data(url, "only_text", ["x"]) == ["only text", {"__type__": "update"}]


def test_update_value_goes_through_the_components_postprocess(url: str) -> None:
    # The Number has precision=0: the text is rounded (Gradio would send text as it is only without precision).
    assert _data(url, "number_text", ["x"]) == [{"value": 3, "__type__": "update"}]


def test_updated_choices_are_sent_as_label_value_pairs(url: str) -> None:
    assert _data(url, "new_choices", ["x"]) == [
        {"choices": [["x", "x"], ["yz", "yz"]], "value": "x", "__type__": "update"}
    ]


def test_returned_dropdown_instance_sends_label_value_pairs(url: str) -> None:
    assert _data(url, "choices_instance", ["x"]) == [
        {"choices": [["p", "p"], ["q", "q"]], "value": "p", "__type__": "update"}
    ]


def test_updated_choices_are_accepted_in_that_session(url: str, make_client: Any) -> None:
    client = make_client(url)
    client.predict("x", api_name="/new_choices")
    assert client.predict("yz", api_name="/pick") == "picked yz"


def test_updated_choices_do_not_apply_to_other_sessions(url: str, make_client: Any) -> None:
    updated, other = make_client(url), make_client(url)
    updated.predict("x", api_name="/new_choices")
    with pytest.raises(AppError) as info:
        other.predict("yz", api_name="/pick")
    assert info.value.message == "Value: 'yz' is not in the list of choices: ['a', 'b']"


def test_original_choices_still_work_in_other_sessions(url: str, make_client: Any) -> None:
    updated, other = make_client(url), make_client(url)
    updated.predict("x", api_name="/new_choices")
    assert other.predict("a", api_name="/pick") == "picked a"


def test_returned_instance_choices_are_accepted_in_that_session(url: str, make_client: Any) -> None:
    client = make_client(url)
    client.predict("x", api_name="/choices_instance")
    assert client.predict("q", api_name="/pick") == "picked q"


def test_updated_slider_range_is_used_for_that_session(url: str, make_client: Any) -> None:
    widened, other = make_client(url), make_client(url)
    widened.predict("x", api_name="/widen")
    with pytest.raises(AppError) as info:
        other.predict(50, api_name="/slide")
    assert (widened.predict(50, api_name="/slide"), info.value.message) == (
        "slid 50",
        "Value 50 is greater than maximum value 10.",
    )
