"""gr.Dialogue in the browser, as Gradio 6.31's: the lines with speaker menus, tag autocompletion after ":",
adding and removing lines, the Plain Text switch (through the server's format/unformat), submit, and the
read-only diarization view with a colour per speaker.

Geometry numbers were measured on Gradio 6.31's page for the same app (its dialogue_component demo) in
Chromium at 1280px (getBoundingClientRect) and are hard-coded here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]
LINES = [
    {"speaker": "Speaker 1", "text": "Hello, how are you?"},
    {"speaker": "Speaker 2", "text": "I'm fine, thank you!"},
]


def app() -> gr.Blocks:
    with gr.Blocks() as demo:
        dd = gr.Dialogue(
            speakers=["Speaker 1", "Speaker 2"],
            tags=["(laughs)", "(sighs)", "(clears throat)"],
            value=LINES,
            interactive=True,
            submit_btn=True,
            elem_id="dd",
        )
        out = gr.Textbox(label="Output", elem_id="out")
        dd.submit(lambda x: x, dd, out)
        gr.Dialogue(
            value=[{"speaker": "Alice", "text": "Hi there"}, {"speaker": "Bob", "text": "Hello"}],
            speakers=["Alice", "Bob"],
            interactive=False,
            elem_id="shown",
        )
    return demo


def lines(page: Page) -> list[str]:
    areas = page.locator("#dd .text-column textarea")
    return [areas.nth(i).input_value() for i in range(areas.count())]


def test_geometry_as_gradio(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(serve(app()))
    dd = page.locator("#dd")
    expect(dd.locator(".text-column textarea")).to_have_count(2)
    expect(dd.get_by_text("Type colon (:) in the dialogue line to see the available tags")).to_be_visible()
    speaker = dd.locator(".speaker-column").first.bounding_box()
    text = dd.locator(".text-column textarea").first.bounding_box()
    add = dd.locator("[data-testid=dialogue-add-button-0]").bounding_box()
    remove = dd.locator("[data-testid=dialogue-delete-button-1]").bounding_box()
    switch = dd.get_by_role("switch").bounding_box()
    assert speaker and text and add and remove and switch
    # Gradio 6.31: a 150px speaker column, 4px to the 41.6px high text field, 25px add and 15px remove
    # buttons, a 42x22.4px switch; the first line has no remove button.
    assert speaker["width"] == pytest.approx(150, abs=0.5)
    assert text["x"] - speaker["x"] == pytest.approx(154, abs=0.5)
    assert text["height"] == pytest.approx(41.6, abs=0.5)
    assert (add["width"], add["height"]) == (25, 25)
    assert (remove["width"], remove["height"]) == (15, 15)
    assert (switch["width"], switch["height"]) == pytest.approx((42, 22.4), abs=0.5)
    expect(dd.locator("[data-testid=dialogue-delete-button-0]")).to_be_hidden()


def test_tags_are_offered_after_a_colon(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    first = page.locator("#dd .text-column textarea").first
    first.click()
    page.keyboard.press("End")
    page.keyboard.type(" :")
    menu = page.locator("#dd [data-testid=dialogue-tag-menu] [role=option]")
    expect(menu).to_have_text(["(laughs)", "(sighs)", "(clears throat)"])
    page.keyboard.type("si")
    expect(menu).to_have_text(["(sighs)"])
    page.keyboard.press("Enter")
    # As in Gradio, the text before the colon is trimmed and the tag is followed by a space.
    expect(first).to_have_value("Hello, how are you?(sighs) ")
    expect(menu).to_have_count(0)
    page.keyboard.type(" :")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)


def test_lines_speakers_plain_text_and_submit(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    dd = page.locator("#dd")
    dd.locator("[data-testid=dialogue-add-button-0]").click()
    expect(dd.locator(".text-column textarea")).to_have_count(3)
    expect(dd.locator(".text-column textarea").nth(1)).to_be_focused()
    page.keyboard.type("New line")
    dd.locator("[data-testid=dialogue-delete-button-2]").click()
    assert lines(page) == ["Hello, how are you?", "New line"]
    # The second line's speaker, from its menu.
    speaker = dd.locator(".speaker-column input").nth(1)
    speaker.click()
    page.get_by_role("option", name="Speaker 2").click()
    expect(speaker).to_have_value("Speaker 2")
    dd.get_by_role("switch").click()
    plain = dd.locator("textarea[data-testid=textbox]")
    expect(plain).to_have_value("[Speaker 1] Hello, how are you?\n[Speaker 2] New line")
    plain.fill("[Speaker 2] Edited\n[Speaker 1] Back")
    dd.get_by_role("switch").click()
    expect(dd.locator(".text-column textarea")).to_have_count(2)
    assert lines(page) == ["Edited", "Back"]
    dd.get_by_test_id("dialogue-submit-button").click()
    expect(page.locator("#out textarea, #out input").first).to_have_value("[Speaker 2] Edited\n[Speaker 1] Back")


def test_read_only_colours_each_speaker(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    shown = page.locator("#shown")
    expect(shown.locator(".text-column textarea").first).to_have_value("Hi there")
    expect(shown.get_by_role("switch")).to_be_visible()
    expect(shown.locator("button.add-button")).to_have_count(2)
    expect(shown.locator("button.add-button").first).to_be_hidden()

    def fills() -> list[str]:
        areas = shown.locator(".text-column textarea")
        return [areas.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(areas.count())]

    # Gradio's first two palette colours, 70% opaque, with black text.
    assert fills() == ["rgba(254, 202, 202, 0.7)", "rgba(209, 250, 229, 0.7)"]
    color = shown.locator(".text-column textarea").first.evaluate("e => getComputedStyle(e).color")
    assert color == "rgb(0, 0, 0)"
    # Hovering a speaker leaves only that speaker's lines filled.
    shown.locator(".speaker-column").first.hover()
    expect(shown.locator(".text-column textarea").nth(1)).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    expect(shown.locator(".text-column textarea").first).to_have_css("background-color", "rgba(254, 202, 202, 0.7)")
