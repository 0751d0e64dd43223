"""gr.Sidebar looks and behaves as Gradio 6.31's, measured on the official ``blocks_sidebar`` demo.

Every expected number was recorded by serving the same app with Gradio 6.31 (``theme=gr.themes.Soft()``
as the demo launches it) and reading ``getBoundingClientRect()`` in Chromium at the same window size;
they are hard-coded here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]
Rect = tuple[float, float, float, float]


def pet_demo(position: Literal["left", "right"] = "left", open: bool = True, extra: int = 0) -> gr.Blocks:
    """The ``blocks_sidebar`` demo's layout, with a log of the sidebar's expand/collapse events."""
    with gr.Blocks() as demo:
        with gr.Sidebar(position=position, open=open) as sidebar:
            gr.Markdown("# 🐾 Pet Name Generator")
            gr.Markdown("Use the options below to generate a unique pet name!")
            animal = gr.Dropdown(choices=["Cat", "Dog", "Bird", "Rabbit"], label="Choose your pet type", value="Cat")
            personality = gr.Radio(choices=["Normal", "Silly", "Royal"], label="Personality type", value="Normal")
            for i in range(extra):
                gr.Textbox(label=f"Extra {i}", lines=3)
        name = gr.Textbox(label="Your pet's fancy name:", lines=2)
        button = gr.Button("Generate Name! 🎲", variant="primary")
        button.click(lambda a, p: f"{p} {a}", [animal, personality], name)
        log = gr.Textbox(label="log")
        sidebar.expand(lambda: "expanded", None, log)
        sidebar.collapse(lambda: "collapsed", None, log)
    return demo


def rect(locator: Locator) -> Rect:
    box = locator.evaluate("e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }")
    return (box[0], box[1], box[2], box[3])


def assert_rect(actual: Rect, expected: Rect, tolerance: float = 1.0) -> None:
    assert all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True)), (actual, expected)


def settle(page: Page, sidebar: Locator, expanded: bool) -> None:
    """Wait until the toggle says the panel is open (or closed) and its slide has finished."""
    expect(sidebar.locator("button").first).to_have_attribute("aria-expanded", "true" if expanded else "false")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def children(sidebar: Locator) -> list[Rect]:
    """The boxes of the blocks stacked in the panel (a Markdown, a Markdown, the form of the two inputs)."""
    boxes: list[Any] = sidebar.evaluate(
        """s => [...s.querySelector('.content > .column').children].map(e => {
            const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"""
    )
    return [(b[0], b[1], b[2], b[3]) for b in boxes]


def test_children_stack_at_their_natural_heights_inside_the_panel(page: Page, serve: Serve) -> None:
    page.goto(serve(pet_demo(), theme=gr.themes.Soft()))
    sidebar = page.get_by_test_id("sidebar")
    settle(page, sidebar, expanded=True)
    # Gradio 6.31: the panel fills the window's height at 320px wide, on the secondary background.
    assert_rect(rect(sidebar), (0, 0, 320, 800))
    assert sidebar.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(249, 250, 251)"
    assert sidebar.evaluate("e => getComputedStyle(e).boxShadow") == "rgba(0, 0, 0, 0.05) 4px 0px 4px 0px"
    # Gradio 6.31: 20px padding (32px on the toggle's side), blocks 16px apart at their own heights;
    # the Dropdown and the Radio share one form box (223.2px tall on Gradio; our Dropdown is 1.6px taller).
    md1, md2, form = children(sidebar)
    assert_rect(md1, (20, 20, 268, 67.6))
    assert_rect(md2, (20, 103.6, 268, 45.5))
    assert_rect(form, (20, 165.1, 268, 223.2), tolerance=2.5)
    assert sidebar.locator(".content .form").count() == 1
    for control in (
        sidebar.get_by_role("combobox", name="Choose your pet type"),
        sidebar.get_by_role("radio", name="Normal"),
        sidebar.get_by_role("radio", name="Royal"),
    ):
        expect(control).to_be_visible()
        x, y, w, h = rect(control)
        assert 0 <= x and x + w <= 320 and 0 <= y and y + h <= 800
    # Gradio 6.31: the page makes room (the panel plus 30px, less the page's own 32px margin).
    assert_rect(rect(page.get_by_label("Your pet's fancy name:")), (362, 61.6, 874, 59.2))


def test_the_toggle_sits_in_the_corner_and_opens_and_closes_the_panel(page: Page, serve: Serve) -> None:
    page.goto(serve(pet_demo(), theme=gr.themes.Soft()))
    sidebar = page.get_by_test_id("sidebar")
    toggle = sidebar.get_by_role("button", name="Close sidebar")
    name = page.get_by_label("Your pet's fancy name:")
    log = page.get_by_label("log")
    settle(page, sidebar, expanded=True)
    # Gradio 6.31: a 28x32 tab inside the open panel's top-right corner, its chevron turned to point left.
    assert_rect(rect(toggle), (292, 16, 28, 32))
    assert toggle.evaluate("e => getComputedStyle(e).transform") == "matrix(-1, 0, 0, -1, 0, 0)"
    assert_rect(rect(toggle.locator("span")), (302, 23.5, 17, 17))

    toggle.click()
    settle(page, sidebar, expanded=False)
    expect(log).to_have_value("collapsed")
    # Gradio 6.31: the panel leaves the window, the tab sticks out of its edge at the window's left,
    # and the page takes the whole width again.
    assert_rect(rect(sidebar), (-320, 0, 320, 800))
    opener = sidebar.get_by_role("button", name="Open sidebar")
    assert_rect(rect(opener), (0, 16, 28, 32))
    assert opener.evaluate("e => getComputedStyle(e).transform") == "none"
    assert_rect(rect(name), (44, 61.6, 1192, 59.2))

    opener.click()
    settle(page, sidebar, expanded=True)
    expect(log).to_have_value("expanded")
    assert_rect(rect(sidebar), (0, 0, 320, 800))
    assert_rect(rect(name), (362, 61.6, 874, 59.2))


def test_a_closed_right_sidebar_opens_from_the_right_edge(page: Page, serve: Serve) -> None:
    page.goto(serve(pet_demo(position="right", open=False), theme=gr.themes.Soft()))
    sidebar = page.get_by_test_id("sidebar")
    name = page.get_by_label("Your pet's fancy name:")
    settle(page, sidebar, expanded=False)
    # Gradio 6.31: closed, the panel waits past the right edge with its tab at the window's right.
    toggle = sidebar.get_by_role("button", name="Open sidebar")
    assert_rect(rect(sidebar), (1280, 0, 320, 800))
    assert_rect(rect(toggle), (1252, 16, 28, 32))
    assert_rect(rect(name), (44, 61.6, 1192, 59.2))

    toggle.click()
    settle(page, sidebar, expanded=True)
    expect(page.get_by_label("log")).to_have_value("expanded")
    # Gradio 6.31: open, the tab sits in the panel's top-left corner and the page narrows on the right.
    assert_rect(rect(sidebar), (960, 0, 320, 800))
    assert_rect(rect(sidebar.get_by_role("button", name="Close sidebar")), (960, 16, 28, 32))
    assert_rect(rect(name), (44, 61.6, 874, 59.2))
    md1, _, _ = children(sidebar)
    assert_rect(md1, (992, 20, 256, 67.6))  # 32px padding on both sides


def test_on_a_phone_the_open_panel_covers_the_page(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(serve(pet_demo(), theme=gr.themes.Soft()))
    sidebar = page.get_by_test_id("sidebar")
    name = page.get_by_label("Your pet's fancy name:")
    # Gradio 6.31 at 390px: the sidebar starts open, as wide as the window, over the page (which does not move).
    settle(page, sidebar, expanded=True)
    assert_rect(rect(sidebar), (0, 0, 390, 844))
    assert_rect(rect(sidebar.get_by_role("button", name="Close sidebar")), (362, 16, 28, 32))
    assert_rect(rect(name), (44, 61.6, 302, 59.2))
    md1, md2, _ = children(sidebar)
    assert_rect(md1, (20, 20, 338, 33.8))
    assert_rect(md2, (20, 69.8, 338, 45.5))
    assert page.evaluate("document.documentElement.scrollWidth") == 390

    sidebar.get_by_role("button", name="Close sidebar").click()
    settle(page, sidebar, expanded=False)
    expect(page.get_by_label("log")).to_have_value("collapsed")
    assert_rect(rect(sidebar), (-390, 0, 390, 844))
    assert_rect(rect(sidebar.get_by_role("button", name="Open sidebar")), (0, 16, 28, 32))
    assert_rect(rect(name), (44, 61.6, 302, 59.2))


def test_content_taller_than_the_window_scrolls_inside_the_panel(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(serve(pet_demo(extra=8), theme=gr.themes.Soft()))
    sidebar = page.get_by_test_id("sidebar")
    settle(page, sidebar, expanded=True)
    content = sidebar.locator(".content")
    # Gradio 6.31: the content box is the window's height and scrolls (scrollHeight 1483); the page does not.
    assert_rect(rect(content), (0, 0, 320, 600))
    assert content.evaluate("e => e.scrollHeight") > 1400
    assert page.evaluate("document.documentElement.scrollHeight") == 600
    last = sidebar.get_by_label("Extra 7")
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()
    assert page.evaluate("scrollY") == 0
    assert_rect(rect(sidebar.get_by_role("button", name="Close sidebar")), (292, 16, 28, 32))
