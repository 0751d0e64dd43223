"""Examples, Number, Timer and chained listeners on the wire, with the official client, as Gradio 6.31 answers.

The expected answers and config entries were recorded from Gradio 6.31 serving the same app.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from conftest import TIMEOUT

import trellis as gr

TEXT_PROPS = {
    "type": "text",
    "lines": 1,
    "label": "Text in",
    "show_label": True,
    "container": True,
    "min_width": 160,
    "autofocus": False,
    "autoscroll": True,
    "preserved_by_key": ["value"],
    "rtl": False,
    "buttons": [],
    "submit_btn": False,
    "stop_btn": False,
    "elem_classes": [],
    "visible": True,
}
NUMBER_PROPS = {
    "label": "Num",
    "show_label": True,
    "container": True,
    "min_width": 160,
    "preserved_by_key": ["value"],
    "buttons": [],
    "step": 1,
    "elem_classes": [],
    "visible": True,
}


def join(a: Any, n: Any) -> str:
    return f"{a}-{n}"


def kinds(n: Any, p: Any) -> str:
    return f"{type(n).__name__}:{n!r} {type(p).__name__}:{p!r}"


@pytest.fixture(scope="module")
def app(serve_blocks: Any) -> tuple[str, dict[str, Any], dict[str, Any]]:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text in")
        num = gr.Number(label="Num")
        whole = gr.Number(precision=0, label="P0")
        out = gr.Textbox(label="Out")
        relabel = gr.Button("Relabel")
        relabel.click(lambda: (gr.Textbox(label="Changed"), gr.Number(label="Other")), None, [text, num])
        go = gr.Button("Go")
        go.click(join, [text, num], out).then(lambda: "then", None, out).success(lambda: "ok", None, out)
        gr.Button("Kinds").click(kinds, [num, whole], out, api_name="kinds")
        gr.Examples([["hi", 3], ["yo", 4.5]], [text, num])
        gr.Examples([["a", 1, 2], ["b", 5, 6]], [text, num, whole], visible_columns=[0, 2], label="Mine")
        gr.Examples([["only", None], ["other", None]], [text, num], label="NoneCol")
        gr.Dataset(
            components=["text", {"name": "number", "precision": 0}, gr.Textbox(label="inst")], samples=[["x", 1, "y"]]
        )
        gr.Timer(5).tick(lambda: 1, None, whole)
    url = serve_blocks(demo)
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    info = httpx.get(url + "gradio_api/info", params={"all_endpoints": "true"}, timeout=TIMEOUT).json()
    return url, config, info


def test_a_clicked_example_sets_each_input_with_the_props_it_was_created_with(app: Any, make_client: Any) -> None:
    client = make_client(app[0])
    assert client.predict(1, api_name="/load_example") == (
        {**TEXT_PROPS, "value": "yo", "__type__": "update"},
        {**NUMBER_PROPS, "value": 4.5, "__type__": "update"},
    )


def test_hidden_columns_still_load_and_inputs_without_examples_are_left_out(app: Any, make_client: Any) -> None:
    client = make_client(app[0])
    whole_props = {**NUMBER_PROPS, "label": "P0", "precision": 0}
    assert client.predict(1, api_name="/load_example_1") == (
        {**TEXT_PROPS, "value": "b", "__type__": "update"},
        {**NUMBER_PROPS, "value": 5, "__type__": "update"},
        {**whole_props, "value": 6, "__type__": "update"},
    )
    assert client.predict(0, api_name="/load_example_2") == {**TEXT_PROPS, "value": "only", "__type__": "update"}


def test_examples_datasets_in_the_config(app: Any) -> None:
    _, config, _ = app
    datasets = [c for c in config["components"] if c["type"] == "dataset"]
    props = [{k: d["props"].get(k) for k in ("label", "headers", "samples")} for d in datasets]
    assert props == [
        {"label": None, "headers": ["Text in", "Num"], "samples": [["hi", 3], ["yo", 4.5]]},
        {"label": "Mine", "headers": ["Text in", "P0"], "samples": [["a", 2], ["b", 6]]},
        {"label": "NoneCol", "headers": ["Text in"], "samples": [["only"], ["other"]]},
        {"label": None, "headers": ["", "", "inst"], "samples": [["x", 1, "y"]]},
    ]
    # As in Gradio, a Dataset is an API component: it takes the index of a sample.
    assert {(d["skip_api"], d["example_inputs"], d["api_info"]["type"]) for d in datasets} == {(False, 0, "integer")}
    [load] = [d for d in config["dependencies"] if d["api_name"] == "load_example_1"]
    ids = {c["props"].get("label"): c["id"] for c in config["components"]}
    assert load["outputs"] == [ids["Text in"], ids["Num"], ids["P0"]]


def test_load_example_takes_the_example_index_in_the_api_info(app: Any) -> None:
    _, _, info = app
    [parameter] = info["named_endpoints"]["/load_example"]["parameters"]
    assert {k: parameter[k] for k in ("parameter_name", "component", "type", "python_type", "example_input")} == {
        "parameter_name": "example_tuple",
        "component": "Dataset",
        "type": {"type": "integer", "description": "index of selected example"},
        "python_type": {"type": "int", "description": ""},
        "example_input": 0,
    }


def test_chained_listeners_have_no_target_block(app: Any) -> None:
    _, config, _ = app
    [first] = [d for d in config["dependencies"] if d["api_name"] == "join"]
    chained = [d for d in config["dependencies"] if d["trigger_after"] is not None]
    assert [(d["targets"], d["trigger_after"] - first["id"], d["trigger_only_on_success"]) for d in chained] == [
        ([[None, "then"]], 0, False),
        ([[None, "success"]], 1, True),
    ]


def test_timer_value_and_tick_listener_as_gradio_sends_them(app: Any) -> None:
    _, config, _ = app
    [timer] = [c for c in config["components"] if c["type"] == "timer"]
    assert (timer["props"]["value"], type(timer["props"]["value"])) == (5, int)
    [tick] = [d for d in config["dependencies"] if d["targets"] == [[timer["id"], "tick"]]]
    assert tick["show_progress"] == "hidden"


def test_number_payloads_reach_the_function_as_gradio_passes_them(app: Any, make_client: Any) -> None:
    client = make_client(app[0])
    assert client.predict(3, 2.6, api_name="/kinds") == "int:3 int:3"
    assert client.predict(3.0, 2, api_name="/kinds") == "float:3.0 int:2"
    # Without precision or bounds Gradio passes text on as it is; with precision=0 it cannot round it.
    assert client.predict("hi", "3", api_name="/join") == "hi-3"
    with pytest.raises(Exception):  # noqa: B017 (the client's AppError)
        client.predict(1, "3", api_name="/kinds")
