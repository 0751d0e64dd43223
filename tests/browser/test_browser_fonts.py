"""Theme fonts in Chromium: a page loads the woff2 files the frontend build ships for its theme's fonts.

As on Gradio's page, the default theme's text is in Source Sans Pro and its code in IBM Plex Mono,
another theme's in its own font (Citrus: Ubuntu), and an app mounted under a sub-path finds its
files there too. Each test waits until ``document.fonts`` holds the family loaded, then checks it as
``document.fonts.check`` does and that the element's computed ``font-family`` starts with it. The
build served is the committed bundle, or ``$TRELLIS_FRONTEND_DIR``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import serve_asgi
from fastapi import FastAPI
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

#: Whether a FontFace of this family has loaded (system fonts are not FontFaces).
LOADED = """family => [...document.fonts].some(
    face => face.family.replace(/["']/g, '') === family && face.status === 'loaded')"""
#: ``document.fonts.check`` once every pending load has settled.
CHECK = "async font => { await document.fonts.ready; return document.fonts.check(font); }"
FIRST_FAMILY = "el => getComputedStyle(el).fontFamily.split(',')[0].replace(/[\"']/g, '').trim()"


def _font_responses(page: Page) -> list[tuple[str, int]]:
    """The woff2 responses the page gets, as (url, status), filled as they come."""
    seen: list[tuple[str, int]] = []
    page.on("response", lambda r: seen.append((r.url, r.status)) if r.url.endswith(".woff2") else None)
    return seen


def _assert_font(page: Page, family: str, element: Locator) -> None:
    page.wait_for_function(LOADED, arg=family)
    assert page.evaluate(CHECK, f"14px '{family}'") is True
    assert element.evaluate(FIRST_FAMILY) == family


def test_the_default_theme_shows_source_sans_pro(serve: Callable[..., str], page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
        gr.Button("Run")
    fonts = _font_responses(page)
    page.goto(serve(demo))
    label = page.get_by_text("Name", exact=True)
    expect(label).to_be_visible()
    _assert_font(page, "Source Sans Pro", label)
    _assert_font(page, "Source Sans Pro", page.get_by_role("button", name="Run", exact=True))
    page.wait_for_function("async () => (await document.fonts.ready).status === 'loaded'")
    # an English page needs only the latin-basic cuts: the regular text and the semibold button
    assert sorted(url.rsplit("/", 1)[1].rsplit("-", 1)[0] for url, _ in fonts) == [
        "source-sans-pro-latin-basic-400",
        "source-sans-pro-latin-basic-600",
    ]
    assert {status for _, status in fonts} == {200}


def test_code_shows_ibm_plex_mono(serve: Callable[..., str], page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Code(value="print('hello')", language="python", label="Source")
    page.goto(serve(demo))
    code = page.locator("pre.hljs code")
    expect(code).to_contain_text("print")
    _assert_font(page, "IBM Plex Mono", code)


def test_another_theme_shows_its_own_font(serve: Callable[..., str], page: Page) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    fonts = _font_responses(page)
    page.goto(serve(demo, theme=gr.themes.Citrus()))
    label = page.get_by_text("Name", exact=True)
    expect(label).to_be_visible()
    _assert_font(page, "Ubuntu", label)
    assert fonts and all("/assets/ubuntu-" in url and status == 200 for url, status in fonts)


@pytest.mark.parametrize("theme", [None, gr.themes.Citrus()], ids=["default", "citrus"])
def test_an_app_mounted_under_a_sub_path_loads_its_fonts(_frontend_dir: None, page: Page, theme: Any) -> None:
    family = "Ubuntu" if theme else "Source Sans Pro"
    with gr.Blocks() as demo:
        gr.Textbox(label="Name")
    host = gr.mount_gradio_app(FastAPI(), demo, path="/sub", theme=theme)
    fonts = _font_responses(page)
    with serve_asgi(host) as base:
        page.goto(base + "/sub/")
        label = page.get_by_text("Name", exact=True)
        expect(label).to_be_visible()
        _assert_font(page, family, label)
    assert fonts and all(url.startswith(base + "/sub/assets/") and status == 200 for url, status in fonts)
