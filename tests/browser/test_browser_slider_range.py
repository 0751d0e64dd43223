"""A Slider whose range goes past 100 shows its value where Gradio does.

The range input gets its bounds before its value: set first, a value of 1000 was clamped to the
input's default maximum (100), so the handle of ``gr.Slider(0, 1000, value=1000)`` sat a tenth of
the way along while the number box said 1000 (Gradio's handle is at the right end).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


@pytest.mark.parametrize(("value", "where"), [(1000, 1.0), (750, 0.75), (2000, 1.0)])
def test_the_handle_stands_at_the_value_beyond_100(page: Page, serve: Serve, value: int, where: float) -> None:
    top = max(value, 1000)
    with gr.Blocks() as demo:
        slider = gr.Slider(0, top, value=value, label="Max tokens", elem_id="s")
        out = gr.Number(elem_id="out")
        gr.Button("Go").click(lambda v: v, slider, out)
    page.goto(serve(demo))
    track = page.locator("#s input[type=range]")
    expect(track).to_have_value(str(value))
    assert track.evaluate("e => (e.valueAsNumber - Number(e.min)) / (Number(e.max) - Number(e.min))") == where
    page.get_by_role("button", name="Go").click()
    expect(page.locator("#out input")).to_have_value(str(value))
