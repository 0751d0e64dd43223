"""An Interface's State and its value loaders, named and wired as Gradio 6.31's (the dependency lists below were
read from Gradio 6.31's config for the same apps)."""

from __future__ import annotations

from typing import Any

import pytest

import trellis as gr
from trellis.exceptions import InvalidConfigError


def deps(demo: Any) -> list[tuple[str | None, str, list[int]]]:
    return [(d["api_name"], d["api_visibility"], d["outputs"]) for d in demo.get_config_file()["dependencies"]]


def test_the_state_input_and_output_are_one_state() -> None:
    demo = gr.Interface(lambda x, s=5: (x, s), ["text", "state"], ["text", "state"])
    state = demo.input_components[1]
    assert isinstance(state, gr.State)
    assert demo.output_components[1] is state
    assert state.value == 5  # the "state" shortcut starts from the parameter's default


def test_an_unpaired_state_is_refused() -> None:
    with pytest.raises(InvalidConfigError, match="exactly one state input and one state output"):
        gr.Interface(lambda x: x, ["text", gr.State()], "text")


def test_clear_resets_states_and_loaders_follow_component_order() -> None:
    def fn(*args: Any) -> Any:
        return args[1]

    demo = gr.Interface(
        fn,
        inputs=[gr.Textbox(value=lambda: "t"), gr.State(value=lambda: 1), gr.Number(value=lambda: 2.0)],
        outputs=[gr.State(value=lambda: "s")],
        api_name="predict",
    )
    text, state, number = (c._id for c in demo.input_components)
    listed = deps(demo)
    assert listed[0] == ("predict", "public", [state])
    assert listed[1][:2] == ("js_fn", "private") and listed[1][2] == [text, state, number, state]
    assert listed[2] == ("lambda", "undocumented", [state, state])
    assert [d for d in listed if d[1] == "public"][1:] == [
        ("lambda_2", "public", [text]),
        ("lambda_3", "public", [state]),
        ("lambda_4", "public", [number]),
    ]


def test_a_callable_state_gets_a_load_listener_as_in_gradio() -> None:
    with gr.Blocks() as demo:
        gr.State(value=lambda: 3)
        gr.Textbox(value=lambda: "x")
    assert [(name, vis) for name, vis, _ in deps(demo)] == [("lambda", "public"), ("lambda_1", "public")]
