"""Small Gradio 6.31 surface items that change the page: Dropdown(num_choices_shown=), change listeners of
buttons and Timer, and Textbox(html_attributes=gr.InputHTMLAttributes(...)).

The expected values were measured on Gradio 6.31's page for the same apps in Chromium and are hard-coded here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

#: Gradio 6.31, Dropdown(10 choices, num_choices_shown=3): each option is 35.59375px tall and the open
#: list is exactly 3 options tall (106.78125px) with a 1px end marker, announcing "3 choices shown, 7 remaining".
GRADIO_OPTION_HEIGHT = 35.59375
GRADIO_LIST_HEIGHT = 106.78125


def _list_state(page: Page) -> dict[str, object]:
    return page.evaluate(
        """() => {
            const list = document.querySelector('#dd [role=listbox]');
            const options = [...list.querySelectorAll('li[role=option]')];
            const live = document.querySelector('#dd [aria-live]');
            return {
                count: options.length,
                height: list.getBoundingClientRect().height,
                option: options[0].getBoundingClientRect().height,
                live: live ? live.textContent.trim() : null,
                marker: list.querySelectorAll('li[aria-hidden=true]').length,
            };
        }"""
    )


def test_dropdown_shows_num_choices_shown_then_more_on_scroll(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        dd = gr.Dropdown([f"choice {i}" for i in range(10)], num_choices_shown=3, label="Pick", elem_id="dd")
        out = gr.Textbox(label="Out")
        dd.change(lambda x: x, dd, out)
    page.goto(serve(demo))
    page.locator("#dd input").click()
    options = page.locator("#dd li[role=option]")
    expect(options).to_have_count(3)
    state = _list_state(page)
    assert state["option"] == pytest.approx(GRADIO_OPTION_HEIGHT, abs=0.5)
    assert state["height"] == pytest.approx(GRADIO_LIST_HEIGHT, abs=1)
    assert (state["live"], state["marker"]) == ("3 choices shown, 7 remaining", 1)
    # Scrolled to its end, the list shows 3 more (Gradio: 6 shown, 4 remaining, same height).
    page.locator("#dd [role=listbox]").evaluate("list => { list.scrollTop = list.scrollHeight; }")
    expect(options).to_have_count(6)
    expect(page.locator("#dd [aria-live]")).to_have_text("6 choices shown, 4 remaining")
    assert _list_state(page)["height"] == pytest.approx(GRADIO_LIST_HEIGHT, abs=1)
    # The arrow keys start at the selected choice and go past the last shown one: the next ones come in
    # (on Gradio's page too, 3 presses from the selected "choice 0" make "choice 3" active).
    for _ in range(7):
        page.keyboard.press("ArrowDown")
    expect(options).to_have_count(9)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Out", exact=True)).to_have_value("choice 7")
    # Typing filters all choices; with 3 or fewer matches the list is as tall as they are.
    page.locator("#dd input").fill("choice 1")
    expect(options).to_have_count(1)
    expect(page.locator("#dd [aria-live]")).to_have_count(0)


def test_dropdown_without_a_limit_shows_every_choice(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Dropdown([f"choice {i}" for i in range(10)], num_choices_shown=None, elem_id="dd", interactive=True)
    page.goto(serve(demo))
    page.locator("#dd input").click()
    expect(page.locator("#dd li[role=option]")).to_have_count(10)
    expect(page.locator("#dd [aria-live]")).to_have_count(0)


def test_a_new_value_fires_change_on_buttons_and_timer(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31: after a listener sets their values, Button, DownloadButton and Timer each fire ``change`` once."""
    download = tmp_path / "file.txt"
    download.write_text("x")
    with gr.Blocks() as demo:
        button = gr.Button("one")
        down = gr.DownloadButton("dl")
        timer = gr.Timer(5, active=False)
        go = gr.Button("go")
        counts = [gr.Number(0, label=name) for name in ("button", "download", "timer")]
        go.click(lambda: ("two", str(download), 7), None, [button, down, timer])
        for block, count in zip((button, down, timer), counts, strict=True):
            block.change(lambda x: x + 1, count, count)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    page.get_by_role("button", name="go").click()
    for name in ("button", "download", "timer"):
        expect(page.get_by_label(name, exact=True)).to_have_value("1")


def test_textbox_html_attributes_reach_the_input(page: Page, serve: Serve) -> None:
    attrs = gr.InputHTMLAttributes(
        autocorrect="off",
        spellcheck=False,
        tabindex=3,
        lang="fr",
        autocapitalize="words",
        enterkeyhint="send",
        autocomplete="off",
    )
    with gr.Blocks() as demo:
        single = gr.Textbox(html_attributes=attrs, elem_id="t1")
        multi = gr.Textbox(html_attributes=attrs, elem_id="t3", lines=3)
        gr.Button().click(lambda a, b: a, [single, multi], single)
    page.goto(serve(demo))
    # Gradio 6.31's textarea for these attributes:
    expected = {
        "autocapitalize": "words",
        "autocorrect": "off",
        "spellcheck": "false",
        "autocomplete": "off",
        "tabindex": "3",
        "enterkeyhint": "send",
        "lang": "fr",
    }
    for box in ("#t1 textarea", "#t3 textarea"):
        element = page.locator(box)
        expect(element).to_be_visible()
        for name, value in expected.items():
            expect(element).to_have_attribute(name, value)


#: Gradio 6.31, an empty interactive Gallery at 900px: 242px tall with only "upload" (no source buttons),
#: 282px with a choice of sources (a 40px strip of 22px icon buttons under the 240px area); "webcam" offers
#: a photo and a recording.
GRADIO_GALLERY_HEIGHT = 242
GRADIO_GALLERY_WITH_SOURCES = 282
GRADIO_SOURCE_LABELS = ["Upload file", "Capture from camera", "Record video from camera", "Paste from clipboard"]


def test_gallery_sources_choose_how_media_comes_in(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Gallery(sources=["upload", "webcam", "clipboard"], interactive=True, elem_id="g")
        gr.Gallery(sources=["webcam"], interactive=True, elem_id="g2")
        gr.Gallery(interactive=True, elem_id="g3")
    page.set_viewport_size({"width": 900, "height": 1100})
    page.goto(serve(demo))
    bar = page.get_by_role("toolbar", name="Gallery source")
    expect(bar).to_have_count(2)
    labels = page.locator("#g [role=toolbar] button").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert labels == GRADIO_SOURCE_LABELS
    heights = [page.locator(f"#{g}").bounding_box()["height"] for g in ("g", "g2", "g3")]  # type: ignore[index]
    assert heights[0] == pytest.approx(GRADIO_GALLERY_WITH_SOURCES, abs=2)
    assert heights[1] == pytest.approx(GRADIO_GALLERY_WITH_SOURCES, abs=2)
    assert heights[2] == pytest.approx(GRADIO_GALLERY_HEIGHT, abs=2)
    expect(page.locator("#g3 [role=toolbar]")).to_have_count(0)
    # A webcam-only gallery opens on the camera prompt; the first gallery switches as its buttons are pressed.
    expect(page.locator("#g2")).to_contain_text("Click to Access Webcam")
    expect(page.locator("#g2")).not_to_contain_text("File")  # Gradio shows no label over the camera prompt
    expect(page.locator("#g")).to_contain_text("Drop Media Here")
    page.locator("#g [role=toolbar] button[aria-label='Capture from camera']").click()
    expect(page.locator("#g")).to_contain_text("Click to Access Webcam")
    page.locator("#g [role=toolbar] button[aria-label='Paste from clipboard']").click()
    expect(page.locator("#g")).to_contain_text("Paste from Clipboard")
