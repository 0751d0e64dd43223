"""The compiled app: config fields, layout tree, dependency entries and API info (PROTOCOL.md sections 2-3)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

import trellis as gr
from trellis.config.build import compile_app


def greet(name: str, times: int = 1) -> str:
    return name * times


def _component(config: dict[str, Any], block: Any) -> dict[str, Any]:
    return next(c for c in config["components"] if c["id"] == block._id)


def _greet_app() -> tuple[gr.Blocks, dict[str, Any]]:
    with gr.Blocks(title="Greeter") as demo:
        name = gr.Textbox(label="Name")
        times = gr.Number(value=1, label="Times")
        out = gr.Textbox(label="Greeting")
        btn = gr.Button("Greet")
        btn.click(greet, [name, times], out)
    return demo, {"name": name, "times": times, "out": out, "btn": btn}


# -- top-level fields ---------------------------------------------------------------


def test_config_fields_the_clients_read() -> None:
    demo, _ = _greet_app()
    config = demo.config
    picked = {
        key: config[key]
        for key in (
            "version",
            "api_prefix",
            "protocol",
            "enable_queue",
            "connect_heartbeat",
            "max_file_size",
            "root",
            "mode",
            "title",
            "pages",
            "current_page",
        )
    }
    assert picked == {
        "version": "6.31.0",
        "api_prefix": "/gradio_api",
        "protocol": "sse_v3",
        "enable_queue": True,
        "connect_heartbeat": False,
        "max_file_size": None,
        "root": "",
        "mode": "blocks",
        "title": "Greeter",
        "pages": [["", "Home", True]],
        "current_page": "",
    }


def test_app_id_is_a_fixed_integer_per_compile() -> None:
    demo, _ = _greet_app()
    compiled = compile_app(demo)
    assert (type(compiled.app_id), compiled.config["app_id"]) == (int, compiled.app_id)


def test_connect_heartbeat_is_true_with_a_state_component() -> None:
    with gr.Blocks() as demo:
        gr.State(0)
    assert demo.config["connect_heartbeat"] is True


def test_connect_heartbeat_is_true_with_an_unload_listener() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    demo.unload(lambda: None)
    assert demo.config["connect_heartbeat"] is True


def test_page_lists_every_component_and_dependency() -> None:
    demo, _ = _greet_app()
    config = demo.config
    assert config["page"] == {
        "": {
            "layout": config["layout"],
            "components": [c["id"] for c in config["components"]],
            "dependencies": [0],
        }
    }


# -- layout -------------------------------------------------------------------------


def test_layout_wraps_consecutive_inputs_in_a_form() -> None:
    with gr.Blocks() as demo:
        name = gr.Textbox()
        times = gr.Number()
        btn = gr.Button()
        out = gr.Textbox()
    config = demo.config
    layout = config["layout"]
    first_form, second_form = layout["children"][0]["id"], layout["children"][2]["id"]
    assert layout == {
        "id": demo._id,
        "children": [
            {"id": first_form, "children": [{"id": name._id}, {"id": times._id}]},
            {"id": btn._id},
            {"id": second_form, "children": [{"id": out._id}]},
        ],
    }


def test_automatic_forms_are_form_components_as_in_the_gradio_capture() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    config = demo.config
    form_id = config["layout"]["children"][0]["id"]
    entry = next(c for c in config["components"] if c["id"] == form_id)
    assert (entry["type"], entry["skip_api"], entry["props"]) == (
        "form",
        True,
        {
            "elem_classes": [],
            "visible": True,
            "preserved_by_key": [],
            "scale": 0,
            "min_width": 0,
            "name": "form",
            "_selectable": False,
        },
    )


def test_automatic_forms_take_their_childrens_share_as_in_gradio() -> None:
    """A form's scale/min_width: the children's in a Row (1 each by default), their scale in a Column
    of an equal-height Row and at the top of a fill_height app, nothing elsewhere (Gradio 6's rules)."""

    def form_props(demo: gr.Blocks, child: Any) -> tuple[Any, Any]:
        forms = [c for c in demo.config["components"] if c["type"] == "form"]
        for node in _walk(demo.config["layout"]):
            if any(grandchild["id"] == child._id for grandchild in node.get("children", [])):
                entry = next(f for f in forms if f["id"] == node["id"])
                return entry["props"]["scale"], entry["props"]["min_width"]
        raise AssertionError("no form around the component")

    with gr.Blocks(fill_height=True) as demo:
        top = gr.Textbox(scale=2)
        with gr.Row():
            in_row = gr.Textbox(scale=7)
            gr.Number(min_width=100)
        with gr.Row(equal_height=True), gr.Column():
            equal = gr.Textbox()
            gr.Number(scale=3)
        with gr.Column():
            plain = gr.Textbox(scale=5)
    assert form_props(demo, top) == (2, 0)
    assert form_props(demo, in_row) == (8, 260)
    assert form_props(demo, equal) == (4, 0)
    assert form_props(demo, plain) == (0, 0)
    with gr.Blocks() as not_filled:
        box = gr.Textbox(scale=2)
    assert form_props(not_filled, box) == (0, 0)


def _walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("children", []):
        yield from _walk(child)


def test_layout_wraps_consecutive_tabs_in_tabs() -> None:
    with gr.Blocks() as demo:
        with gr.Tab("One") as one:
            text = gr.Markdown("1")
        with gr.Tab("Two") as two:
            text_two = gr.Markdown("2")
    config = demo.config
    tabs_id = config["layout"]["children"][0]["id"]
    assert (_component(config, one)["type"], next(c for c in config["components"] if c["id"] == tabs_id)["type"]) == (
        "tabitem",
        "tabs",
    )
    assert config["layout"]["children"] == [
        {
            "id": tabs_id,
            "children": [
                {"id": one._id, "children": [{"id": text._id}]},
                {"id": two._id, "children": [{"id": text_two._id}]},
            ],
        }
    ]


def test_layout_keeps_rows_and_columns_nested() -> None:
    with gr.Blocks() as demo:
        with gr.Row() as row:
            with gr.Column() as col:
                md = gr.Markdown("x")
            btn = gr.Button()
    assert demo.config["layout"] == {
        "id": demo._id,
        "children": [{"id": row._id, "children": [{"id": col._id, "children": [{"id": md._id}]}, {"id": btn._id}]}],
    }


# -- components -----------------------------------------------------------------------


def test_component_entry_of_an_api_component() -> None:
    demo, blocks = _greet_app()
    entry = _component(demo.config, blocks["times"])
    assert {k: v for k, v in entry.items() if k not in ("props", "component_class_id")} == {
        "id": blocks["times"]._id,
        "type": "number",
        "skip_api": False,
        "key": None,
        "api_info": {"type": "number"},
        "api_info_as_input": {"type": "number"},
        "api_info_as_output": {"type": "number"},
        "example_inputs": 3,
    }


def test_skipped_components_have_no_api_info() -> None:
    with gr.Blocks() as demo:
        state = gr.State([1])
        btn = gr.Button()
    config = demo.config
    assert [sorted(_component(config, b)) for b in (state, btn)] == [
        ["component_class_id", "id", "key", "props", "skip_api", "type"],
        ["component_class_id", "id", "key", "props", "skip_api", "type"],
    ]


def test_state_value_is_not_in_the_config() -> None:
    with gr.Blocks() as demo:
        state = gr.State({"secret": "s3cr3t"})
    entry = _component(demo.config, state)
    assert (entry["skip_api"], entry["props"]) == (True, {"time_to_live": None, "name": "state", "_selectable": False})


def test_component_class_id_is_the_same_for_instances_of_one_class() -> None:
    demo, blocks = _greet_app()
    config = demo.config
    name, out, times = (_component(config, blocks[k])["component_class_id"] for k in ("name", "out", "times"))
    assert (name == out, name == times) == (True, False)


# -- dependencies -----------------------------------------------------------------------


def test_dependency_entry() -> None:
    demo, blocks = _greet_app()
    assert demo.config["dependencies"] == [
        {
            "id": 0,
            "targets": [[blocks["btn"]._id, "click"]],
            "inputs": [blocks["name"]._id, blocks["times"]._id],
            "outputs": [blocks["out"]._id],
            "backend_fn": True,
            "js": None,
            "queue": True,
            "api_name": "greet",
            "api_description": None,
            "scroll_to_output": False,
            "show_progress": "full",
            "show_progress_on": None,
            "batch": False,
            "max_batch_size": 4,
            "cancels": [],
            "types": {"generator": False, "cancel": False},
            "collects_event_data": False,
            "trigger_after": None,
            "trigger_only_on_success": False,
            "trigger_only_on_failure": False,
            "trigger_mode": "once",
            "api_visibility": "public",
            "rendered_in": None,
            "render_id": None,
            "connection": "sse",
            "time_limit": None,
            "stream_every": 0.5,
            "event_specific_args": None,
            "component_prop_inputs": [],
            "js_implementation": None,
        }
    ]


def test_dependency_of_a_js_only_listener_has_no_backend_fn() -> None:
    with gr.Blocks() as demo:
        btn = gr.Button()
        btn.click(None, None, None, js="() => 1")
    dep = demo.config["dependencies"][0]
    assert (dep["backend_fn"], dep["js"]) == (False, "() => 1")


def test_dependency_collects_event_data_when_the_function_asks_for_it() -> None:
    def pick(value: str, evt: gr.SelectData) -> str:
        return value

    with gr.Blocks() as demo:
        text = gr.Textbox()
        text.select(pick, text, text)
    assert demo.config["dependencies"][0]["collects_event_data"] is True


def test_queue_false_is_in_the_dependency() -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        text.submit(greet, text, text, queue=False)
    assert demo.config["dependencies"][0]["queue"] is False


# -- API info ---------------------------------------------------------------------------


def test_api_info_of_an_endpoint() -> None:
    demo, _ = _greet_app()
    assert compile_app(demo).api_info_public == {
        "named_endpoints": {
            "/greet": {
                "parameters": [
                    {
                        "label": "Name",
                        "parameter_name": "name",
                        "parameter_has_default": False,
                        "parameter_default": None,
                        "type": {"type": "string"},
                        "python_type": {"type": "str", "description": ""},
                        "component": "Textbox",
                        "example_input": "Hello!!",
                    },
                    {
                        "label": "Times",
                        "parameter_name": "times",
                        "parameter_has_default": True,
                        "parameter_default": 1,
                        "type": {"type": "number"},
                        "python_type": {"type": "float", "description": ""},
                        "component": "Number",
                        "example_input": 3,
                    },
                ],
                "returns": [
                    {
                        "label": "Greeting",
                        "type": {"type": "string"},
                        "python_type": {"type": "str", "description": ""},
                        "component": "Textbox",
                    }
                ],
                "api_visibility": "public",
                "description": "",
            }
        },
        "unnamed_endpoints": {},
    }


def _parameters(demo: gr.Blocks, api_name: str) -> list[tuple[str, bool, Any]]:
    info = compile_app(demo).api_info_public["named_endpoints"]["/" + api_name]
    return [(p["parameter_name"], p["parameter_has_default"], p["parameter_default"]) for p in info["parameters"]]


def test_request_progress_and_event_data_parameters_are_skipped() -> None:
    def handler(request: gr.Request, text: str, evt: gr.SelectData, count: float, progress=gr.Progress()) -> str:
        return text

    with gr.Blocks() as demo:
        text = gr.Textbox()
        count = gr.Number()
        text.select(handler, [text, count], text)
    assert _parameters(demo, "handler") == [("text", False, None), ("count", False, None)]


def test_parameter_defaulting_to_none_has_a_none_default() -> None:
    def handler(text: str, extra: str | None = None) -> str:
        return text

    with gr.Blocks() as demo:
        a, b = gr.Textbox(), gr.Textbox()
        gr.Button().click(handler, [a, b], a)
    assert _parameters(demo, "handler") == [("text", False, None), ("extra", True, None)]


def test_parameter_with_a_non_none_default_has_no_api_default() -> None:
    def handler(text: str = "hi") -> str:
        return text

    with gr.Blocks() as demo:
        a = gr.Textbox()
        gr.Button().click(handler, a, a)
    assert _parameters(demo, "handler") == [("text", False, None)]


def test_component_initial_value_is_the_api_default() -> None:
    def handler(text: str) -> str:
        return text

    with gr.Blocks() as demo:
        a = gr.Textbox("start")
        gr.Button().click(handler, a, a)
    assert _parameters(demo, "handler") == [("text", True, "start")]


def test_reserved_and_missing_parameter_names_become_param_index() -> None:
    def handler(api_name: str, *rest: str) -> str:
        return api_name

    with gr.Blocks() as demo:
        a, b = gr.Textbox(), gr.Textbox()
        gr.Button().click(handler, [a, b], a)
    assert _parameters(demo, "handler") == [("param_0", False, None), ("param_1", False, None)]


def test_labels_fall_back_to_component_ids() -> None:
    with gr.Blocks() as demo:
        a, out = gr.Textbox(), gr.Textbox()
        gr.Button().click(greet, a, out)
    info = compile_app(demo).api_info_public["named_endpoints"]["/greet"]
    assert ([p["label"] for p in info["parameters"]], [r["label"] for r in info["returns"]]) == (
        [f"parameter_{a._id}"],
        [f"value_{out._id}"],
    )


def test_state_inputs_and_outputs_are_hidden_from_the_api() -> None:
    def count(text: str, total: int) -> tuple[str, int]:
        return text, total + 1

    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        total = gr.State(0)
        gr.Button().click(count, [text, total], [text, total])
    info = compile_app(demo).api_info_public["named_endpoints"]["/count"]
    assert ([p["label"] for p in info["parameters"]], [r["label"] for r in info["returns"]]) == (["Text"], ["Text"])


def test_private_endpoints_are_not_in_the_api_info() -> None:
    with gr.Blocks() as demo:
        a = gr.Textbox()
        gr.Button().click(greet, a, a, api_visibility="private")
    compiled = compile_app(demo)
    assert (compiled.api_info_public["named_endpoints"], compiled.api_info_all["named_endpoints"]) == ({}, {})


def test_undocumented_endpoints_are_listed_only_with_all_endpoints() -> None:
    with gr.Blocks() as demo:
        a = gr.Textbox()
        gr.Button().click(greet, a, a, api_visibility="undocumented")
    compiled = compile_app(demo)
    assert (list(compiled.api_info_public["named_endpoints"]), list(compiled.api_info_all["named_endpoints"])) == (
        [],
        ["/greet"],
    )


def test_api_description_is_the_endpoint_description() -> None:
    with gr.Blocks() as demo:
        a = gr.Textbox()
        gr.Button().click(greet, a, a, api_description="Says hello.")
    assert compile_app(demo).api_info_public["named_endpoints"]["/greet"]["description"] == "Says hello."


def test_interface_config_has_interface_mode_and_one_public_endpoint() -> None:
    def shout(text: str) -> str:
        return text.upper()

    demo = gr.Interface(shout, "text", "text")
    compiled = compile_app(demo)
    assert (compiled.config["mode"], list(compiled.api_info_public["named_endpoints"])) == ("interface", ["/shout"])


def test_tabbed_interface_keeps_each_interfaces_endpoint() -> None:
    def up(text: str) -> str:
        return text.upper()

    def down(text: str) -> str:
        return text.lower()

    demo = gr.TabbedInterface([gr.Interface(up, "text", "text"), gr.Interface(down, "text", "text")], ["U", "D"])
    assert list(compile_app(demo).api_info_public["named_endpoints"]) == ["/up", "/down"]


def test_component_with_a_callable_value_gets_a_public_load_listener() -> None:
    def now() -> str:
        return "now"

    with gr.Blocks() as demo:
        text = gr.Textbox(now)
    dep = demo.config["dependencies"][0]
    assert (dep["targets"], dep["outputs"], dep["api_visibility"], dep["api_name"], dep["queue"]) == (
        [[demo._id, "load"]],
        [text._id],
        "public",
        "now",
        True,
    )


def test_compile_app_leaves_the_app_unchanged() -> None:
    with gr.Blocks() as demo:
        gr.Textbox(lambda: "now")
    children = list(demo.children)
    compile_app(demo)
    assert (demo.dependencies, demo.children) == ([], children)


def test_blocks_compile_attaches_the_load_listeners_once() -> None:
    with gr.Blocks() as demo:
        gr.Textbox(lambda: "now", every=5)
    demo.compile()
    demo.compile()
    assert [[name for _, name in dep.targets] for dep in demo.dependencies] == [["tick", "load"]]


def test_the_compiled_app_cannot_be_changed() -> None:
    compiled = compile_app(_greet_app()[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        compiled.config = {}  # type: ignore[misc]
    with pytest.raises(TypeError):
        compiled.config["title"] = "Changed"  # type: ignore[index]
    assert (type(compiled.endpoints), type(compiled.endpoints[0].inputs)) == (tuple, tuple)
