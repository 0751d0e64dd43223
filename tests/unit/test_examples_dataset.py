"""gr.Dataset, gr.Examples and their listeners, as Gradio 6.31 builds them (checked against Gradio's own objects)."""

from __future__ import annotations

from typing import Any

import pytest

import trellis as gr

# -- Dataset -------------------------------------------------------------------------------------


def test_dataset_components_may_be_named_by_string_dict_class_or_instance() -> None:
    given: list[Any] = ["text", {"name": "number", "precision": 0}, gr.Image, gr.Textbox(label="mine", render=False)]
    dataset = gr.Dataset(components=given, samples=[["a", 1.6, None, "b"]], render=False)
    # As in Gradio, the config names each component by its type and class id.
    assert [c["name"] for c in dataset.components] == ["textbox", "number", "image", "textbox"]
    assert dataset.components[0]["class_id"] == dataset.components[3]["class_id"] != dataset.components[1]["class_id"]
    assert [type(c).__name__ for c in dataset.source_components] == ["Textbox", "Number", "Image", "Textbox"]
    assert dataset.source_components[1].precision == 0
    # As in Gradio: headers are the labels when any component has one; the sample goes through as_example.
    assert (dataset.headers, dataset.samples) == (["", "", "", "mine"], [["a", 2, None, "b"]])


@pytest.mark.parametrize("spec", ["row", "nonesuch", "Textbox"])
def test_dataset_refuses_what_names_no_component(spec: str) -> None:
    with pytest.raises(ValueError, match="No component is called"):
        gr.Dataset(components=[spec], render=False)


def test_dataset_without_samples_or_labels() -> None:
    dataset = gr.Dataset(components=["text", "number"], render=False)
    assert (dataset.samples, dataset.headers, dataset.skip_api) == ([[]], [], False)
    assert (dataset.api_info(), dataset.example_payload()) == (
        {"type": "integer", "description": "index of selected example"},
        0,
    )


def test_dataset_sends_a_returned_sample_as_its_index() -> None:
    dataset = gr.Dataset(components=["text"], samples=[["a"], ["b"]], render=False)
    assert (dataset.postprocess(1), dataset.postprocess(["b"]), dataset.postprocess(None)) == (1, 1, None)
    with pytest.warns(UserWarning, match="Dataset\\(samples=...\\)"):
        assert dataset.postprocess(["c"]) is None


# -- Examples ------------------------------------------------------------------------------------


def _examples(*args: Any, **kwargs: Any) -> tuple[gr.Examples, list[gr.components.Component]]:
    with gr.Blocks():
        inputs = [gr.Textbox(label="A"), gr.Number(label="B"), gr.Textbox(label="C")]
        return gr.Examples(*args, inputs, **kwargs), inputs


def test_examples_leave_out_inputs_no_example_fills() -> None:
    examples, inputs = _examples([["x", None, "z"], ["y", None, None]])
    assert examples.inputs_with_examples == [inputs[0], inputs[2]]
    assert (examples.dataset.samples, examples.dataset.headers) == ([["x", "z"], ["y", None]], ["A", "C"])
    assert examples.dataset.label is None  # gr.Examples' default, as in Gradio (the page reads "Examples")
    assert examples.load_dependency.outputs == [inputs[0], inputs[2]]


def test_visible_columns_hide_columns_that_a_click_still_loads() -> None:
    examples, inputs = _examples([["x", 1, "z"]], visible_columns=[2, 0, 2])
    assert (examples.dataset.samples, examples.dataset.component_ids) == ([["x", "z"]], [inputs[0]._id, inputs[2]._id])
    updates = examples.load_example(examples.dataset.preprocess(0))
    assert [(u["value"], u["label"]) for u in updates] == [("x", "A"), (1, "B"), ("z", "C")]


def test_a_replaced_sample_with_only_the_visible_columns_leaves_the_hidden_inputs_alone() -> None:
    examples, _ = _examples([["x", 1, "z"]], visible_columns=[0])
    updates = examples.load_example((0, ["new"]))
    assert [u.get("value", "unchanged") for u in updates] == ["new", "unchanged", "unchanged"]
    assert [u["label"] for u in updates] == ["A", "B", "C"]


def test_visible_columns_without_example_values_show_every_column() -> None:
    examples, _ = _examples([["x", None, "z"]], visible_columns=[1])
    assert examples.dataset.samples == [["x", "z"]]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ([], "must contain at least one column index"),
        ([3], "must correspond to an input component"),
        ([True], "must correspond to an input component"),
        ([-1], "must correspond to an input component"),
    ],
)
def test_visible_columns_are_checked_as_gradio_checks_them(columns: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _examples([["x", 1, "z"]], visible_columns=columns)


def test_example_labels_must_match_the_examples() -> None:
    with pytest.raises(ValueError, match="length of `example_labels`"):
        _examples([["x", 1, "z"]], example_labels=["one", "two"])


def test_examples_take_gradios_positional_arguments() -> None:
    # examples, inputs, outputs, fn, cache_examples, cache_mode, examples_per_page, _api_mode, label
    with gr.Blocks():
        text = gr.Textbox()
        examples = gr.Examples([["x"]], [text], None, None, False, None, 5, False, "Label")
    assert (examples.dataset.label, examples.dataset.samples_per_page) == ("Label", 5)


def test_interface_examples_show_the_main_inputs_and_leave_state_out() -> None:
    def fn(a: str, b: float, history: Any, extra: str) -> tuple[str, Any]:
        return a, history

    demo = gr.Interface(
        fn,
        ["text", "number", "state"],
        ["text", "state"],
        additional_inputs=[gr.Textbox(label="extra")],
        examples=[["a", 1, "e"]],
    )
    handler = demo.examples_handler
    assert handler is not None
    assert [type(c).__name__ for c in handler.inputs] == ["Textbox", "Number", "Textbox"]
    assert [type(c).__name__ for c in handler.outputs] == ["Textbox"]
    assert (handler.dataset.samples, handler.dataset.label) == ([["a", 1]], None)


# -- Listener configs ----------------------------------------------------------------------------


def test_interface_listener_times_out_only_when_live() -> None:
    submitted = gr.Interface(lambda x: x, "text", "text")
    live = gr.Interface(lambda x: x, "text", "text", live=True)
    main = [demo.main_dependency for demo in (submitted, live)]
    assert [(d.time_limit, d.scroll_to_output) for d in main] == [(None, True), (30, False)]


def test_event_defaults_are_gradios() -> None:
    with gr.Blocks():
        timer = gr.Timer(2)
        image = gr.Image(sources=["webcam"])
        out = gr.Number()
        tick = timer.tick(lambda: 1, None, out)
        shown = timer.tick(lambda: 1, None, out, show_progress="full")
        stream = image.stream(lambda x: x, image, image, stream_every=0.1)
        on_tick = gr.on([timer.tick], lambda: 1, None, out)
    assert [(d.show_progress, d.connection, d.event_specific_args) for d in (tick, shown, stream, on_tick)] == [
        ("hidden", "sse", None),
        ("full", "sse", None),
        ("minimal", "stream", ["stream_every"]),
        ("full", "sse", []),
    ]
    assert (stream.stream_every, stream.trigger_mode, image.streaming) == (0.1, "multiple", True)


def test_timer_value_is_sent_as_given() -> None:
    timer = gr.Timer(5, render=False)
    assert (timer.value, type(timer.value), timer.preprocess(0.5), timer.postprocess(3)) == (5, int, 0.5, 3)


def test_dataset_component_props_are_the_constructor_arguments_but_the_value() -> None:
    dataset = gr.Dataset(components=[gr.Textbox("hi", label="mine", render=False)], samples=[["a"]], render=False)
    [props] = dataset.component_props or [None]
    # As in Gradio's config: None arguments included, the value and the config-only keys left out.
    assert (props["label"], props["placeholder"], props["key"], props["lines"]) == ("mine", None, None, 1)
    assert not {"value", "name", "_selectable"} & set(props)
