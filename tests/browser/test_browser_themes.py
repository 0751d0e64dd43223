"""Themes on a rendered page: every CSS variable Chromium computes equals what Gradio's page computes.

For each theme of ``tests/fixtures/gradio_theme_vars.json`` (Default, Soft, Monochrome, Glass, Origin,
Citrus, Ocean and the other presets, hue/size/font arguments and ``.set()`` calls), a one-textbox app is
launched with ``launch(theme=...)`` and opened light and dark (``?__theme=dark``); the variables are read
with ``getComputedStyle`` inside the app, as the recording read them inside Gradio's container.
"""

from __future__ import annotations

from typing import Any

import pytest
from gradio_themes import THEMES, expected, theme
from playwright.sync_api import expect

import trellis as gr

pytestmark = pytest.mark.browser

READ_VARS = """names => {
    const style = getComputedStyle(document.querySelector('main.app'));
    return Object.fromEntries(names.map(n => [n, style.getPropertyValue('--' + n).trim()]));
}"""


def _app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    return demo


def _page_values(page: Any, url: str, names: list[str]) -> dict[str, str]:
    page.goto(url)
    expect(page.get_by_label("Name")).to_be_visible()
    values: dict[str, str] = page.evaluate(READ_VARS, names)
    return values


@pytest.mark.parametrize("key", list(THEMES))
def test_page_variables_equal_gradios(serve: Any, page: Any, key: str) -> None:
    url = serve(_app(), theme=theme(key))
    for scheme, query in (("light", ""), ("dark", "?__theme=dark")):
        want = expected(key, scheme)
        got = _page_values(page, url + query, list(want))
        assert {n: (got[n], want[n]) for n in want if got[n] != want[n]} == {}, scheme


def test_a_theme_by_name_and_in_the_blocks_constructor(serve: Any, page: Any) -> None:
    want = expected("soft", "dark")
    url = serve(_app(), theme="soft")
    assert _page_values(page, url + "?__theme=dark", list(want)) == want
    with gr.Blocks(theme=gr.themes.Ocean()) as demo:
        gr.Textbox(label="Name")
    want = expected("ocean", "light")
    assert _page_values(page, serve(demo), list(want)) == want


def test_the_default_theme_needs_no_stylesheet_request(serve: Any, page: Any) -> None:
    """The bundle carries the default theme; other themes are fetched as theme.css, cached by its hash."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(serve(_app()))
    expect(page.get_by_label("Name")).to_be_visible()
    assert not [u for u in requested if "theme.css" in u]
    url = serve(_app(), theme=gr.themes.Glass())
    assert page.request.get(url + "theme.css").headers["cache-control"] == "no-cache"
    page.goto(url)
    expect(page.get_by_label("Name")).to_be_visible()
    versioned = [u for u in requested if "theme.css?v=" in u]
    assert len(versioned) == 1
    assert "immutable" in page.request.get(versioned[0]).headers["cache-control"]
