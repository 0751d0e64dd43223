"""Row and Column variants "panel" and "compact" as Gradio 6.31 draws them.

Measured on Gradio 6.31 (1280x900 window): a panel Column and a compact Column side by side are both
600px wide, on the panel fill rgb(250, 250, 250) with 8px padding, a 4px radius and 16px between
children; the compact one's two Buttons (584x40, 16px apart) keep their 6px radius. A compact Column
of two Textboxes does not merge them into one form box: each is its own bordered block (1px border,
square corners), 16px apart.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def look(page: Page, selector: str) -> dict[str, Any]:
    return page.evaluate(
        """(sel) => { const e = document.querySelector(sel); const r = e.getBoundingClientRect(); const cs = getComputedStyle(e);
            return {x: r.x, y: r.y, w: r.width, h: r.height, bg: cs.backgroundColor, pad: cs.padding, gap: cs.gap,
                    radius: cs.borderRadius, border: cs.borderTopWidth}; }""",
        selector,
    )


def test_panel_and_compact_columns_as_gradio(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    with gr.Blocks() as demo:
        with gr.Row():
            with gr.Column(variant="panel", elem_id="panel"):
                gr.Markdown("Panel column")
            with gr.Column(variant="compact", elem_id="compact"):
                gr.Button("Compact one", elem_id="b1")
                gr.Button("Compact two", elem_id="b2")
        with gr.Column(variant="compact", elem_id="fields"):
            gr.Textbox(label="a", elem_id="ta")
            gr.Textbox(label="b", elem_id="tb")
    page.goto(serve(demo))
    expect(page.locator("#tb")).to_be_visible()
    for selector in ("#panel", "#compact"):
        box = look(page, selector)
        assert (box["w"], box["bg"], box["pad"], box["radius"], box["gap"]) == (
            600,
            "rgb(250, 250, 250)",
            "8px",
            "4px",
            "16px",
        ), selector
    b1, b2 = look(page, "#b1"), look(page, "#b2")
    assert (b1["w"], b1["h"], b1["radius"], b2["y"] - b1["y"]) == (584, 40, "6px", 56)
    ta, tb = look(page, "#ta"), look(page, "#tb")
    assert (ta["w"], ta["border"], ta["radius"]) == (1200, "1px", "0px")
    assert tb["y"] - (ta["y"] + ta["h"]) == 16
    expect(page.locator("#fields [data-testid=form]")).to_have_count(0)
