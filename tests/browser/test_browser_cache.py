"""A run answered from ``gr.cache`` says so in its output's corner, as Gradio's page does."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

import trellis as gr

pytestmark = pytest.mark.browser


def test_a_cached_answer_shows_from_cache_then_fades(serve: Any, page: Any) -> None:
    runs: list[str] = []

    @gr.cache
    def shout(text: str) -> str:
        runs.append(text)
        return text.upper()

    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        out = gr.Textbox(label="Loud")
        gr.Button("Shout").click(shout, text, out)
    page.goto(serve(demo))
    page.get_by_label("Text").fill("hey")
    page.get_by_role("button", name="Shout").click()
    expect(page.get_by_label("Loud")).to_have_value("HEY")
    expect(page.get_by_test_id("cache-indicator")).to_have_count(0)  # the first run computed it

    page.get_by_role("button", name="Shout").click()
    note = page.get_by_test_id("textbox").nth(1).get_by_test_id("cache-indicator")
    expect(note).to_have_text(re.compile(r"^⚡ from cache: (~\d+\.\ds →\xa0)?\d+\.\ds$"))
    expect(note).to_have_css("position", "absolute")
    expect(note).to_have_count(0)  # gone after about two seconds
    assert runs == ["hey"]
