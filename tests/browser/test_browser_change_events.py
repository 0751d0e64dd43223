"""`change` as Gradio 6.31's page fires it, for values set before a component is drawn and for BrowserState.

Measured on Gradio 6.31 with the apps below:
- a BrowserState announces a change when the page restores it (once per load, even with nothing
  stored) and every time an event sets it, even to an equal value; a Textbox set twice to the same
  value changes once;
- a hidden JSON filled by a load listener's JavaScript (the official ``hidden_change`` demo) fires
  its change listeners at load.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_browser_state_announces_its_restore_and_every_set(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="t")
        changes = gr.Number(0, label="text changes", elem_id="changes")
        state = gr.BrowserState(["", ""])
        state_changes = gr.Number(0, label="state changes", elem_id="state_changes")
        gr.Button("same").click(lambda: "x", None, text)
        gr.Button("state").click(lambda: ["", ""], None, state)
        text.change(lambda k: k + 1, changes, changes)
        state.change(lambda k: k + 1, state_changes, state_changes)
    page.goto(serve(demo))
    counted = page.locator("#state_changes input")
    expect(counted).to_have_value("1")
    for expected in ("2", "3"):
        page.get_by_role("button", name="state").click()
        expect(counted).to_have_value(expected)
    page.get_by_role("button", name="same").click()
    expect(page.locator("#changes input")).to_have_value("1")
    page.get_by_role("button", name="same").click()
    page.get_by_role("button", name="state").click()  # a later event: by then a second text change would show
    expect(counted).to_have_value("4")
    expect(page.locator("#changes input")).to_have_value("1")


def test_a_hidden_component_set_at_load_fires_its_change(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        hidden = gr.JSON(visible=False)
        shown = gr.Textbox(label="Screened Output", elem_id="shown")
        counter = gr.Number(0, label="Counter", elem_id="counter")
        demo.load(None, None, hidden, js='() => ({"0": {"message": "Hello from client JS"}})')
        hidden.change(lambda c: c + 1, counter, counter)
        hidden.change(lambda data: data["0"]["message"], hidden, shown)
    page.goto(serve(demo))
    expect(page.locator("#shown textarea")).to_have_value("Hello from client JS")
    expect(page.locator("#counter input")).to_have_value("1")
