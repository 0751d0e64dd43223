"""Components whose value comes from a function (and randomized sliders) get Gradio's load listeners.

On Gradio 6.31 each is one public, queued listener named after the function (``get_random_value`` for
``Slider(randomize=True)``), triggered by the page load, the ``every`` Timer and changes of ``inputs``;
the function is called once when the component is made, for the config's value.
"""

from __future__ import annotations

import itertools
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event

import trellis as gr

_calls = itertools.count()


def counter() -> str:
    return f"call {next(_calls)}"


def shout(text: str) -> str:
    return text.upper()


@pytest.fixture(scope="module")
def app(serve_blocks: Any) -> tuple[str, dict[str, Any]]:
    with gr.Blocks() as demo:
        slider = gr.Slider(0, 1000, step=1, randomize=True, label="Lucky")
        source = gr.Textbox("hi", label="Source")
        counted = gr.Textbox(counter, label="Counted")
        ticking = gr.Textbox(counter, every=60, label="Ticking")
        loud = gr.Textbox(shout, inputs=[source], label="Loud")
        gr.Button().click(lambda x: x, slider, source, api_name="echo")
    url = serve_blocks(demo)
    ids = {"slider": slider._id, "source": source._id, "counted": counted._id, "ticking": ticking._id, "loud": loud._id}
    return url, ids


def _config(url: str) -> dict[str, Any]:
    return dict(httpx.get(url + "config", timeout=TIMEOUT).json())


def _dep(config: dict[str, Any], output: int) -> dict[str, Any]:
    [dep] = [d for d in config["dependencies"] if d["outputs"] == [output]]
    return dict(dep)


def test_randomized_slider_gets_a_get_random_value_endpoint(app: tuple[str, dict[str, Any]]) -> None:
    url, ids = app
    config = _config(url)
    dep = _dep(config, ids["slider"])
    root = config["layout"]["id"]
    assert (dep["targets"], dep["inputs"], dep["api_name"], dep["api_visibility"], dep["queue"]) == (
        [[root, "load"]],
        [],
        "get_random_value",
        "public",
        True,
    )
    assert (dep["show_progress"], dep["trigger_mode"]) == ("full", "once")
    info = httpx.get(url + "gradio_api/info", timeout=TIMEOUT).json()
    endpoint = info["named_endpoints"]["/get_random_value"]
    assert endpoint["parameters"] == [] and [r["component"] for r in endpoint["returns"]] == ["Slider"]


def test_the_slider_starts_random_and_each_page_load_draws_again(
    app: tuple[str, dict[str, Any]], make_client: Any
) -> None:
    url, ids = app
    [start] = [c["props"]["value"] for c in _config(url)["components"] if c["id"] == ids["slider"]]
    assert 0 <= start <= 1000 and start == int(start)
    loads = {completed(run_event(url, fn_index(url, "get_random_value"), []))["output"]["data"][0] for _ in range(5)}
    client = make_client(url)
    loads |= {client.predict(api_name="/get_random_value") for _ in range(3)}
    assert all(0 <= v <= 1000 and v == int(v) for v in loads) and len(loads) > 1


def test_a_callable_value_is_called_once_for_the_config_and_again_on_each_load(
    app: tuple[str, dict[str, Any]],
) -> None:
    url, ids = app
    config = _config(url)
    [first] = [c["props"]["value"] for c in config["components"] if c["id"] == ids["counted"]]
    assert first.startswith("call ")
    dep = _dep(config, ids["counted"])
    assert (dep["api_name"], dep["api_visibility"], dep["show_progress"]) == ("counter", "public", "full")
    again = completed(run_event(url, dep["id"], []))["output"]["data"]
    assert again != [first] and again[0].startswith("call ")


def test_every_and_inputs_trigger_the_same_listener(app: tuple[str, dict[str, Any]]) -> None:
    url, ids = app
    config = _config(url)
    root = config["layout"]["id"]
    ticking = _dep(config, ids["ticking"])
    [timer] = [c for c in config["components"] if c["type"] == "timer"]
    assert ticking["targets"] == [[timer["id"], "tick"], [root, "load"]] and timer["props"]["value"] == 60
    assert (ticking["api_name"], ticking["show_progress"]) == ("counter_1", "hidden")
    loud = _dep(config, ids["loud"])
    assert loud["targets"] == [[ids["source"], "change"], [root, "load"]] and loud["inputs"] == [ids["source"]]
    [initial] = [c["props"].get("value") for c in config["components"] if c["id"] == ids["loud"]]
    assert initial is None  # with inputs, the function is not called before the page loads
    assert completed(run_event(url, loud["id"], ["hey"]))["output"]["data"] == ["HEY"]
