"""Gradio 6's custom corner buttons (``buttons=[..., gr.Button(...)]``) against a real server and the official client.

Measured on Gradio 6.31 with the same app: each Button given in ``buttons`` leaves the layout and is not
in the config's ``components`` either (it is only a listener's target); the component's ``buttons`` prop
holds the icon names as strings and each Button as its props plus ``"id"``; the Button's click
listener keeps the Button's id as its target, and the page fires it with that id.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event

import trellis as gr


def build() -> tuple[gr.Blocks, dict[str, Any]]:
    with gr.Blocks() as demo:
        hi = gr.Button("Hi", variant="primary")
        icon_only = gr.Button("", icon="https://www.gradio.app/favicon.ico")
        text = gr.Textbox(label="T", buttons=["copy", hi], value="hello")
        number = gr.Number(label="N", buttons=[icon_only])
        radio = gr.Radio(["a", "b"], label="R", buttons=[gr.Button("Reset")])
        label = gr.Label(label="L", buttons=[gr.Button("Again")])
        out = gr.Textbox(label="out")
        hi.click(lambda x: "clicked " + x, text, out, api_name="hi")
    return demo, {"hi": hi, "icon_only": icon_only, "text": text, "number": number, "radio": radio, "label": label}


@pytest.fixture(scope="module")
def app(serve_blocks: Any) -> tuple[str, dict[str, Any]]:
    demo, parts = build()
    return serve_blocks(demo), parts


def _layout_ids(node: dict[str, Any]) -> set[int]:
    return {node["id"]} | {i for child in node.get("children", ()) for i in _layout_ids(child)}


def test_buttons_leave_the_layout_and_the_components_and_ride_in_their_parents_props(
    app: tuple[str, dict[str, Any]],
) -> None:
    url, parts = app
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    by_id = {c["id"]: c for c in config["components"]}
    hi, icon_only = parts["hi"], parts["icon_only"]
    assert hi._id not in _layout_ids(config["layout"]) and icon_only._id not in _layout_ids(config["layout"])
    # As in Gradio 6.31: a Button that is only a listener's target is not in the config's components.
    assert hi._id not in by_id and icon_only._id not in by_id
    # The fields stay in one form, as Gradio groups them once the Buttons are gone.
    form = config["layout"]["children"][0]
    assert by_id[form["id"]]["type"] == "form"
    assert [c["id"] for c in form["children"]] == [parts[name]._id for name in ("text", "number", "radio")]
    copy, sent = by_id[parts["text"]._id]["props"]["buttons"]
    assert copy == "copy"
    assert sent["id"] == hi._id and sent["name"] == "button"
    assert (sent["value"], sent["variant"], sent["size"], sent["visible"]) == ("Hi", "primary", "lg", True)
    [sent] = by_id[parts["number"]._id]["props"]["buttons"]
    assert (sent["id"], sent["value"], sent["icon"]) == (icon_only._id, "", "https://www.gradio.app/favicon.ico")
    assert by_id[parts["radio"]._id]["props"]["buttons"][0]["value"] == "Reset"
    assert by_id[parts["label"]._id]["props"]["buttons"][0]["value"] == "Again"
    [dep] = config["dependencies"]
    assert dep["targets"] == [[hi._id, "click"]]


def test_the_buttons_listener_runs_through_the_queue(app: tuple[str, dict[str, Any]]) -> None:
    url, _ = app
    final = completed(run_event(url, fn_index(url, "hi"), ["hello"]))
    assert final["success"] is True
    assert final["output"]["data"] == ["clicked hello"]


def test_the_official_client_calls_the_app(app: tuple[str, dict[str, Any]], make_client: Any) -> None:
    url, _ = app
    client = make_client(url)
    assert client.predict("world", api_name="/hi") == "clicked world"
    assert client.predict(api_name="/hi") == "clicked hello"  # the Textbox's value as the default


def test_anything_but_names_and_buttons_is_refused() -> None:
    with gr.Blocks():
        box = gr.Textbox(render=False)
        with pytest.raises(TypeError, match="Number buttons must be button names or gr.Button instances"):
            gr.Number(buttons=[box])


def test_a_markdown_leaves_a_button_in_the_layout() -> None:
    # Gradio 6.31's Markdown draws only "copy": a gr.Button given to it stays an ordinary button in the layout.
    with gr.Blocks() as demo:
        button = gr.Button("a")
        markdown = gr.Markdown("x", buttons=[button])
    layout = demo.config["layout"]
    assert [c["id"] for c in layout["children"]] == [button._id, markdown._id]
