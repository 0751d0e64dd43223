"""Examples' listeners as Gradio 6.31 makes them (recorded from Gradio's config for the same apps).

Cached: a click runs ``load_example_input`` (the sample into the inputs, unqueued), then the
examples' ``api_name`` (the cached outputs, queued); the page load runs the same two functions on a
``State`` holding the preloaded sample. Lazy caching has no page-load pair; without caching a click
runs ``load_example`` alone. None of them is in the API docs.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, run_event

import trellis as gr

Endpoint = tuple[Any, ...]


def repeat(word: str, times: float) -> str:
    return word * int(times)


def _served(serve_blocks: Any, demo: gr.Blocks) -> tuple[str, dict[str, Any]]:
    url = serve_blocks(demo)
    return url, httpx.get(url + "config", timeout=TIMEOUT).json()


def _endpoints(config: dict[str, Any]) -> list[Endpoint]:
    """(api_name, trigger events, inputs by type, outputs, queue, show_progress) of each example listener."""
    types = {c["id"]: c["type"] for c in config["components"]}
    return [
        (
            dep["api_name"],
            [event for _, event in dep["targets"]],
            [types[i] for i in dep["inputs"]],
            dep["outputs"],
            dep["queue"],
            dep["show_progress"],
            dep["api_visibility"],
        )
        for dep in config["dependencies"]
        if dep["api_name"].startswith(("load_example", "ex"))
    ]


def _run(url: str, config: dict[str, Any], api_name: str, data: list[Any]) -> list[Any]:
    [dep] = [d for d in config["dependencies"] if d["api_name"] == api_name]
    final = completed(run_event(url, dep["id"], data))
    assert final["success"], final
    return list(final["output"]["data"])


@pytest.fixture(scope="module")
def interface(serve_blocks: Any) -> tuple[str, dict[str, Any], gr.Interface]:
    demo = gr.Interface(repeat, ["text", gr.Number()], "text", examples=[["a", 2], ["b", 3]], cache_examples=True)
    url, config = _served(serve_blocks, demo)
    return url, config, demo


def test_cached_interface_examples_have_gradios_listeners(interface: tuple[str, dict[str, Any], Any]) -> None:
    _, config, demo = interface
    ins = [c._id for c in demo.input_components]
    [out] = [c._id for c in demo.output_components]
    assert _endpoints(config) == [
        ("load_example_input", ["click"], ["dataset"], ins, False, "hidden", "undocumented"),
        ("load_example", ["then"], ["dataset"], [out], True, "full", "undocumented"),
        ("load_example_input_1", ["load"], ["state"], ins, False, "hidden", "undocumented"),
        ("load_example_output", ["load"], ["state"], [out], True, "hidden", "undocumented"),
    ]
    [dataset] = [c for c in config["components"] if c["type"] == "dataset"]
    assert dataset["props"]["type"] == "tuple"


def test_cached_examples_answer_with_the_sample_then_its_cached_output(
    interface: tuple[str, dict[str, Any], Any],
) -> None:
    url, config, _ = interface
    assert _run(url, config, "load_example_input", [1]) == ["b", 3]
    assert _run(url, config, "load_example", [1]) == ["bbb"]
    # The page load: the preloaded (first) sample and its output.
    assert _run(url, config, "load_example_input_1", [None]) == ["a", 2]
    assert _run(url, config, "load_example_output", [None]) == ["aa"]


def test_example_listeners_stay_out_of_the_api_docs(interface: tuple[str, dict[str, Any], Any]) -> None:
    url, _, _ = interface
    info = httpx.get(url + "gradio_api/info", timeout=TIMEOUT).json()
    assert list(info["named_endpoints"]) == ["/repeat"] and info["unnamed_endpoints"] == {}


def test_lazy_and_uncached_examples(serve_blocks: Any) -> None:
    lazy = gr.Interface(repeat, ["text", "number"], "text", examples=[["a", 2]], cache_examples=True, cache_mode="lazy")
    _, config = _served(serve_blocks, lazy)
    assert [e[0] for e in _endpoints(config)] == ["load_example_input", "load_example"]
    plain = gr.Interface(repeat, ["text", "number"], "text", examples=[["a", 2]])
    url, config = _served(serve_blocks, plain)
    assert [e[:3] for e in _endpoints(config)] == [("load_example", ["click"], ["dataset"])]
    # As Gradio 6.31 answers: each value with the props its input was created with.
    text_props = {
        "type": "text",
        "lines": 1,
        "label": "word",
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
    number_props = {
        "label": "times",
        "show_label": True,
        "container": True,
        "min_width": 160,
        "preserved_by_key": ["value"],
        "buttons": [],
        "step": 1,
        "elem_classes": [],
        "visible": True,
    }
    assert _run(url, config, "load_example", [0]) == [
        {**text_props, "value": "a", "__type__": "update"},
        {**number_props, "value": 2, "__type__": "update"},
    ]


def test_blocks_examples_take_api_name_and_preload(serve_blocks: Any) -> None:
    calls: list[str] = []

    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    with gr.Blocks() as demo:
        text, out = gr.Textbox(), gr.Textbox()
        gr.Examples([["x"], ["y"]], text, out, fn=shout, cache_examples=True, api_name="ex", preload=1)
        with_value = gr.Textbox("given")
        gr.Examples([["z"]], with_value, out, fn=shout, cache_examples=True, api_name="ex_given")
        gr.Examples([["w"]], gr.Textbox(), out, fn=shout, cache_examples=True, api_name="ex_off", preload=False)
    url, config = _served(serve_blocks, demo)
    assert [e[0] for e in _endpoints(config)] == [
        "load_example_input",
        "ex",
        "load_example_input_1",
        "load_example_output",
        "load_example_input_2",
        "ex_given",
        "load_example_input_3",
        "ex_off",
    ]
    assert _run(url, config, "load_example_input_1", [None]) == ["y"]
    assert _run(url, config, "load_example_output", [None]) == ["Y"]
    assert sorted(calls) == ["w", "x", "y", "z"]  # each computed once, at launch
