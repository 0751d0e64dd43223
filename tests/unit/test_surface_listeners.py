"""Gradio 6.31's listener surface: gr.on / Blocks.load options as named parameters, inputs_kwargs, listener keys,
gr.update's named props, EventData._data, ClearButton's API names, DuplicateButton's _activate, TabbedInterface's
tabs_kwargs and the ``change`` listeners of buttons and Timer.

Expected values (config, API info) were read from Gradio 6.31 running the same apps.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import trellis as gr
from trellis.blocks.events import listener_options
from trellis.exceptions import InvalidConfigError

#: Gradio 6.31's gr.on parameters after (triggers, fn, inputs, outputs), in order, with their defaults.
GRADIO_ON = [
    ("inputs_kwargs", None),
    ("api_visibility", "public"),
    ("api_name", None),
    ("api_description", None),
    ("scroll_to_output", False),
    ("show_progress", "full"),
    ("show_progress_on", None),
    ("queue", True),
    ("batch", False),
    ("max_batch_size", 4),
    ("preprocess", True),
    ("postprocess", True),
    ("cancels", None),
    ("trigger_mode", None),
    ("js", None),
    ("concurrency_limit", "default"),
    ("concurrency_id", None),
    ("time_limit", None),
    ("stream_every", 0.5),
    ("key", None),
    ("validator", None),
]

#: Gradio 6.31's Blocks.load parameters after (block, fn, inputs, outputs), in order.
GRADIO_LOAD = [
    "api_name",
    "api_description",
    "scroll_to_output",
    "show_progress",
    "show_progress_on",
    "queue",
    "batch",
    "max_batch_size",
    "preprocess",
    "postprocess",
    "cancels",
    "trigger_mode",
    "js",
    "concurrency_limit",
    "concurrency_id",
    "api_visibility",
    "time_limit",
    "stream_every",
    "key",
    "validator",
    "inputs_kwargs",
]


def test_on_takes_gradios_named_options_in_order() -> None:
    params = list(inspect.signature(gr.on).parameters.values())
    assert [p.name for p in params[:4]] == ["triggers", "fn", "inputs", "outputs"]
    assert [(p.name, p.default) for p in params[4:]] == GRADIO_ON
    assert all(p.kind is p.KEYWORD_ONLY for p in params[4:])
    assert not any(p.kind is p.VAR_KEYWORD for p in params)


def test_load_takes_gradios_named_options_in_order() -> None:
    params = list(inspect.signature(gr.Blocks.load).parameters.values())
    assert [p.name for p in params] == ["block", "fn", "inputs", "outputs", *GRADIO_LOAD]
    assert not any(p.kind is p.VAR_KEYWORD for p in params)
    defaults = {p.name: p.default for p in params[4:]}
    assert defaults == {name: default for name, default in GRADIO_ON}


def test_the_listener_options_are_one_list() -> None:
    assert list(listener_options()) == [name for name, _ in GRADIO_ON]


def test_on_options_reach_the_dependency() -> None:
    def fn(a: str) -> str:
        return a

    validator = lambda a: None  # noqa: E731
    with gr.Blocks() as demo:
        a = gr.Textbox()
        b = gr.Textbox()
        btn = gr.Button()
        dep = gr.on(
            [btn.click],
            fn,
            a,
            b,
            api_name="named",
            api_visibility="undocumented",
            scroll_to_output=True,
            show_progress="minimal",
            show_progress_on=[b],
            queue=False,
            concurrency_limit=3,
            concurrency_id="c",
            trigger_mode="multiple",
            time_limit=9,
            stream_every=0.25,
            key="k",
            validator=validator,
            api_description="described",
        )
        loaded = demo.load(fn, a, b, key=("x", 1), show_progress="hidden", api_name="on_load")
    assert (dep.api_name, dep.api_visibility, dep.scroll_to_output, dep.show_progress) == (
        "named",
        "undocumented",
        True,
        "minimal",
    )
    assert (dep.show_progress_on, dep.queue, dep.concurrency_limit, dep.concurrency_id) == ([b._id], False, 3, "c")
    assert (dep.trigger_mode, dep.time_limit, dep.stream_every, dep.key, dep.validator) == (
        "multiple",
        9,
        0.25,
        "k",
        validator,
    )
    assert dep.api_description == "described"
    assert (loaded.targets, loaded.key, loaded.show_progress, loaded.api_name) == (
        [(demo._id, "load")],
        ("x", 1),
        "hidden",
        "on_load",
    )


def test_on_and_load_still_work_as_decorators() -> None:
    with gr.Blocks() as demo:
        a = gr.Textbox()
        btn = gr.Button()

        @gr.on(triggers=btn.click, inputs=a, outputs=a)
        def echo(x: str) -> str:
            return x

        @demo.load(inputs=a, outputs=a)
        def start(x: str) -> str:
            return x

    assert [d.fn for d in demo.dependencies] == [echo, start]
    assert demo.dependencies[1].targets == [(demo._id, "load")]


def test_inputs_kwargs_follow_the_positional_inputs_as_in_gradio() -> None:
    def f(a: str, b: str, request: gr.Request, c: str = "z") -> str:
        return a

    with gr.Blocks() as demo:
        x, y, z, out = gr.Textbox(label="x"), gr.Textbox(label="y"), gr.Textbox(label="z"), gr.Textbox()
        btn = gr.Button()
        btn.click(f, [x], out, inputs_kwargs={"c": z, "b": y}, api_name="f")
        gr.on([btn.click], f, [x, y], out, inputs_kwargs={"c": z})
        demo.load(f, [x], out, inputs_kwargs={"b": y})
    config = demo.get_config_file()
    # As Gradio 6.31's config: the keyword inputs after the positional ones, in the mapping's order.
    assert [d["inputs"] for d in config["dependencies"]] == [
        [x._id, z._id, y._id],
        [x._id, y._id, z._id],
        [x._id, y._id],
    ]
    params = demo.compile().api_info_public["named_endpoints"]["/f"]["parameters"]
    # As Gradio 6.31's API info: each keyword input is named after the parameter it fills.
    assert [(p["label"], p["parameter_name"], p["parameter_has_default"]) for p in params] == [
        ("x", "a", False),
        ("z", "c", False),
        ("y", "b", False),
    ]


def test_inputs_kwargs_must_name_components() -> None:
    with gr.Blocks():
        a = gr.Textbox()
        with pytest.raises(InvalidConfigError, match="inputs_kwargs"):
            gr.on(None, lambda a: a, None, None, inputs_kwargs={"a": "not a component"})  # type: ignore[dict-item]
        with pytest.raises(InvalidConfigError, match="inputs_kwargs"):
            gr.on(None, lambda a: a, {a}, None, inputs_kwargs={"a": a})


def test_inputs_kwargs_survive_rendering_into_another_app() -> None:
    with gr.Blocks() as inner:
        a, b, out = gr.Textbox(), gr.Textbox(), gr.Textbox()
        gr.Button().click(lambda a, b: a + b, [a], out, inputs_kwargs={"b": b}, key="kept")
    with gr.Blocks() as outer:
        inner.render()
    dep = outer.dependencies[0]
    assert (dep.inputs, dep.inputs_kwargs, dep.key) == ([a, b], ["b"], "kept")


def test_inputs_kwargs_are_passed_by_name_through_the_client(serve_blocks: Any, make_client: Any) -> None:
    seen: dict[str, Any] = {}

    def f(a: str, b: str, request: gr.Request, c: str = "z") -> str:
        seen["request"] = request
        return f"{a}-{b}-{c}"

    def only_kw(*, first: str, second: str) -> str:
        return first + second

    with gr.Blocks() as demo:
        x, y, z, out = gr.Textbox(label="x"), gr.Textbox(label="y"), gr.Textbox(label="z"), gr.Textbox()
        btn = gr.Button()
        btn.click(f, [x], out, inputs_kwargs={"c": z, "b": y}, api_name="f")
        gr.on([btn.click], only_kw, None, out, inputs_kwargs={"second": y, "first": x}, api_name="kw")
    client = make_client(serve_blocks(demo))
    assert client.predict("A", "C", "B", api_name="/f") == "A-B-C"
    assert client.predict(a="A", b="B", c="C", api_name="/f") == "A-B-C"
    assert isinstance(seen["request"], gr.Request)
    assert client.predict(second="2", first="1", api_name="/kw") == "12"


def test_update_names_gradios_props() -> None:
    params = list(inspect.signature(gr.update).parameters)
    assert params == ["elem_id", "elem_classes", "visible", "kwargs"] or params[:3] == [
        "elem_id",
        "elem_classes",
        "visible",
    ]
    # As Gradio: None leaves the prop out; the named props come after the others.
    assert gr.update(value=1) == {"value": 1, "__type__": "update"}
    assert list(gr.update(visible=False, elem_id="e", elem_classes=["c"], value=2)) == [
        "value",
        "__type__",
        "elem_id",
        "elem_classes",
        "visible",
    ]
    assert gr.update(visible="hidden")["visible"] == "hidden"


def test_event_data_takes_data_by_gradios_name() -> None:
    assert list(inspect.signature(gr.EventData).parameters) == ["target", "_data"]
    data = gr.EventData(None, _data={"index": 3})
    assert data._data == {"index": 3}
    assert data.index == 3
    assert gr.SelectData(None, {"index": 1, "value": "v"}).value == "v"


def test_clear_button_api_name_and_visibility() -> None:
    with gr.Blocks() as demo:
        t = gr.Textbox()
        s = gr.State(5)
        gr.ClearButton([t, s], api_name="wipe", api_visibility="public")
    js_dep, state_dep = demo.dependencies
    # As Gradio 6.31: the browser-side listener is private, the State reset takes the visibility given.
    assert (js_dep.api_name, js_dep.api_visibility) == ("wipe", "private")
    assert (state_dep.api_name, state_dep.api_visibility) == ("wipe_1", "public")
    params = inspect.signature(gr.ClearButton).parameters
    assert (params["api_name"].default, params["api_visibility"].default) == (None, "undocumented")


def test_clear_button_default_api_names_unchanged() -> None:
    with gr.Blocks() as demo:
        t = gr.Textbox()
        s = gr.State(5)
        gr.ClearButton([t, s])
    assert [(d.api_name, d.api_visibility) for d in demo.dependencies] == [
        ("js_fn", "private"),
        ("lambda", "undocumented"),
    ]


def test_duplicate_button_activates_only_on_a_space(monkeypatch: pytest.MonkeyPatch) -> None:
    assert inspect.signature(gr.DuplicateButton).parameters["_activate"].default is True
    with gr.Blocks() as demo:
        gr.DuplicateButton()
    assert demo.dependencies == []
    monkeypatch.setenv("SYSTEM", "spaces")
    monkeypatch.setenv("SPACE_ID", "user/space")
    with gr.Blocks() as demo:
        button = gr.DuplicateButton()
        gr.DuplicateButton(_activate=False)
    [dep] = demo.dependencies
    assert dep.targets == [(button._id, "click")] and dep.fn is None
    assert "https://huggingface.co/spaces/user/space?duplicate=true" in (dep.js or "")
    assert "_activate" not in button.get_props() and "activate_on_create" not in button.get_props()


def test_tabbed_interface_passes_tabs_kwargs() -> None:
    one = gr.Interface(lambda x: x, "text", "text")
    two = gr.Interface(lambda x: x, "text", "text")
    demo = gr.TabbedInterface([one, two], ["A", "B"], tabs_kwargs={"elem_id": "my-tabs", "selected": 1})
    tabs = [c for c in demo.get_config_file()["components"] if c["type"] == "tabs"]
    assert tabs[0]["props"]["elem_id"] == "my-tabs"
    assert tabs[0]["props"]["selected"] == 1


@pytest.mark.parametrize(
    ("cls", "events"),
    [
        (gr.Button, ("change", "click")),
        (gr.ClearButton, ("change", "click")),
        (gr.DuplicateButton, ("change", "click")),
        (gr.DownloadButton, ("change", "click")),
        (gr.UploadButton, ("change", "click", "upload")),
        (gr.Timer, ("change", "tick")),
    ],
)
def test_buttons_and_timer_have_gradios_events(cls: Any, events: tuple[str, ...]) -> None:
    assert cls.EVENTS == events  # Gradio 6.31's EVENTS, in its order
    with gr.Blocks() as demo:
        block = cls()
        block.change(lambda: None)
    assert demo.dependencies[0].targets == [(block._id, "change")]
    assert demo.dependencies[0].trigger_mode == "always_last"
