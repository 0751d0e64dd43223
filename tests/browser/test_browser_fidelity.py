"""What the page does by default, compared with Gradio 6.31's page for the same app.

The expected values were recorded by serving the same apps with Gradio 6.31 and driving its page
with Chromium (the values its functions received, what its DOM showed); they are hard-coded here.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


# -- 1. untouched inputs reach the function with Gradio's values ---------------------------------------

#: What a function received from each untouched input on Gradio 6.31's page (``repr`` of the value).
GRADIO_UNTOUCHED: dict[str, tuple[Callable[[], Any], str]] = {
    "Textbox": (lambda: gr.Textbox(), "''"),
    "TextArea": (lambda: gr.TextArea(), "''"),
    "Textbox password": (lambda: gr.Textbox(type="password"), "''"),
    "Textbox value=None": (lambda: gr.Textbox(value=None), "''"),
    "Number": (lambda: gr.Number(), "0"),
    "Number precision=0": (lambda: gr.Number(precision=0), "0"),
    "Slider": (lambda: gr.Slider(), "0"),
    "Slider 5..10": (lambda: gr.Slider(5, 10), "5"),
    "Checkbox": (lambda: gr.Checkbox(), "False"),
    "CheckboxGroup": (lambda: gr.CheckboxGroup(["a", "b"]), "[]"),
    "Radio": (lambda: gr.Radio(["a", "b"]), "None"),
    "Dropdown": (lambda: gr.Dropdown(["a", "b"]), "'a'"),
    "Dropdown multiselect": (lambda: gr.Dropdown(["a", "b"], multiselect=True), "[]"),
    "ColorPicker": (lambda: gr.ColorPicker(), "None"),
    "DateTime": (lambda: gr.DateTime(), "None"),
    "Image": (lambda: gr.Image(), "None"),
    "Audio": (lambda: gr.Audio(), "None"),
    "Video": (lambda: gr.Video(), "None"),
    "File": (lambda: gr.File(), "None"),
    "Gallery": (lambda: gr.Gallery(), "None"),
    "Chatbot": (lambda: gr.Chatbot(), "[]"),
    "MultimodalTextbox": (lambda: gr.MultimodalTextbox(), "{'text': '', 'files': []}"),
    "JSON": (lambda: gr.JSON(), "None"),
    "Label": (lambda: gr.Label(), "None"),
    "Markdown": (lambda: gr.Markdown(), "None"),
    "HTML": (lambda: gr.HTML(), "None"),
    "Code": (lambda: gr.Code(), "''"),
    "AnnotatedImage": (lambda: gr.AnnotatedImage(), "None"),
    "ImageSlider": (lambda: gr.ImageSlider(), "(None, None)"),
    "Model3D": (lambda: gr.Model3D(), "None"),
    "State": (lambda: gr.State(), "None"),
    "BrowserState": (lambda: gr.BrowserState(), "None"),
}


def test_untouched_inputs_reach_the_function_with_gradios_values(page: Page, serve: Serve) -> None:
    received: queue.Queue[dict[str, str]] = queue.Queue()
    names = list(GRADIO_UNTOUCHED)

    def record(*values: Any) -> str:
        received.put({name: repr(value) for name, value in zip(names, values, strict=True)})
        return "done"

    with gr.Blocks() as demo:
        inputs = [make() for make, _ in GRADIO_UNTOUCHED.values()]
        status = gr.Textbox(label="Status")
        gr.Button("Go").click(record, inputs, status)
    page.goto(serve(demo))
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_label("Status", exact=True)).to_have_value("done")
    assert received.get(timeout=5) == {name: expected for name, (_, expected) in GRADIO_UNTOUCHED.items()}


def test_untouched_interface_textbox_sends_an_empty_string(page: Page, serve: Serve) -> None:
    """``gr.Interface(greet, "text", "text")``: Submit without typing calls greet("") (None would crash it)."""
    page.goto(serve(gr.Interface(lambda name: "Hello " + name + "!", "text", "text")))
    expect(page.get_by_label("name", exact=True)).to_have_value("")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_label("output", exact=True)).to_have_value("Hello !")


def test_untouched_number_shows_zero(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Number(label="N")
    page.goto(serve(demo))
    expect(page.get_by_label("N", exact=True)).to_have_value("0")
