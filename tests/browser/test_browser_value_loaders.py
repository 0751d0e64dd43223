"""Values that come from a function in the browser: each page load runs the load listeners again."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_a_randomized_slider_and_a_callable_value_change_on_each_page_load(page: Page, serve: Serve) -> None:
    calls = itertools.count()
    with gr.Blocks() as demo:
        gr.Slider(0, 1000, step=1, randomize=True, label="Lucky")
        gr.Textbox(lambda: f"load {next(calls)}", label="Loaded")
    url = serve(demo)
    seen: set[str] = set()
    for load in range(1, 5):
        page.goto(url)
        # The first call made the config's value ("load 0"); each page load calls the function again.
        expect(page.get_by_label("Loaded", exact=True)).to_have_value(f"load {load}")
        value = page.get_by_test_id("number-input").input_value()
        assert 0 <= int(value) <= 1000
        seen.add(value)
    assert len(seen) > 1
