"""Icon controls in the browser, driven by the props Gradio uses: the Slider's reset button, the
fullscreen and share buttons of Image and Gallery, the Audio player's volume, speed and skip
controls, and the Chatbot's corner buttons."""

from __future__ import annotations

from collections.abc import Callable
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_slider_reset_restores_the_first_value_and_fires_change_and_release(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        level = gr.Slider(0, 10, value=4, step=1, label="Level", interactive=True)
        fixed = gr.Slider(0, 10, value=2, label="Fixed", interactive=False)
        hidden = gr.Slider(0, 10, value=3, label="No reset", buttons=[], interactive=True)
        seen = gr.Textbox(label="Seen")
        released = gr.Textbox(label="Released")
        level.change(lambda v: f"change {v}", level, seen)
        level.release(lambda v: f"release {v}", level, released)
    page.goto(serve(demo))
    slider = page.get_by_test_id("slider").filter(has_text="Level")
    box = slider.get_by_test_id("number-input")
    box.fill("7")
    box.press("Enter")
    expect(page.get_by_label("Seen")).to_have_value("change 7")

    slider.get_by_role("button", name="Reset to default value").click()
    expect(box).to_have_value("4")
    expect(slider.locator("input[type=range]")).to_have_value("4")
    expect(page.get_by_label("Seen")).to_have_value("change 4")
    expect(page.get_by_label("Released")).to_have_value("release 4")

    # None shows the button (as Gradio does), [] hides it, and it is disabled when not interactive.
    expect(page.get_by_test_id("slider").filter(has_text="No reset").get_by_test_id("reset-button")).to_have_count(0)
    expect(page.get_by_test_id("slider").filter(has_text="Fixed").get_by_test_id("reset-button")).to_be_disabled()
    assert hidden.buttons == [] and fixed.buttons is None
