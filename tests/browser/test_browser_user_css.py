"""Apps' own CSS meets the class names it was written for.

Apps style Gradio's page by its class names: ``.gradio-container`` (the page), ``.contain`` (the app
column), ``.gr-group``, ``footer``. And they use generic names of their own, above all
``.container``, which Gradio 6.31's page gives to no block (checked there with
``document.querySelectorAll('.container')`` on an app of a Group, a Row, a Textbox, a Button and two
Galleries: none). Such a rule must not reach Trellis's blocks either.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

CSS = """
.container { max-width: 300px; margin: auto; background: rgb(1, 2, 3) !important; }
.gradio-container { background: rgb(10, 20, 30) !important; }
.contain { outline: 3px solid rgb(40, 50, 60); }
.gr-group { outline: 2px solid rgb(70, 80, 90); }
footer { visibility: hidden; }
"""


def test_apps_css_reaches_gradios_class_names_and_not_a_generic_container(page: Page, serve: Serve) -> None:
    with gr.Blocks(css=CSS) as demo:
        with gr.Group():
            text = gr.Textbox(label="Prompt", elem_id="prompt")
            gallery = gr.Gallery(show_label=False, elem_id="gallery")
        gr.Button("Run").click(lambda t: None, text, gallery)
    page.goto(serve(demo))
    gallery_box = page.locator("#gallery")
    expect(gallery_box).to_be_visible()
    # The blocks keep the page's width and their own background.
    assert gallery_box.bounding_box()["width"] > 1000
    assert gallery_box.evaluate("e => getComputedStyle(e).backgroundColor") != "rgb(1, 2, 3)"
    assert page.locator(".gradio-container").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(10, 20, 30)"
    assert page.locator(".contain").evaluate("e => getComputedStyle(e).outlineColor") == "rgb(40, 50, 60)"
    expect(page.locator(".gr-group")).to_have_count(1)
    assert page.locator(".gr-group").evaluate("e => getComputedStyle(e).outlineColor") == "rgb(70, 80, 90)"
    assert page.locator("footer").evaluate("e => getComputedStyle(e).visibility") == "hidden"
