"""An output Textbox's placeholder is grey, as in Gradio 6.31 (measured there: rgb(187, 187, 194) for
``gr.Textbox(placeholder=..., lines=3)`` as an event's output, the same as for an input). The read-only
box's dark text fill must not reach its placeholder."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_an_output_placeholder_is_grey(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        prompt = gr.Textbox(label="Prompt", placeholder="Enter a prompt", lines=3, elem_id="in")
        out = gr.Textbox(label="Out", placeholder="an output", lines=3, elem_id="out")
        gr.Button("go").click(lambda x: x, prompt, out)
    page.goto(serve(demo))
    for box in ("#in textarea", "#out textarea"):
        field = page.locator(box)
        expect(field).to_have_value("")
        fill = field.evaluate("e => getComputedStyle(e, '::placeholder').webkitTextFillColor")
        assert fill == "rgb(187, 187, 194)", box
