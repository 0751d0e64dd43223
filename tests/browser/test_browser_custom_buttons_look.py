"""Gradio 6's custom corner buttons (``buttons=[..., gr.Button(...)]``) drawn and fired as Gradio 6.31 does.

The numbers asserted here were measured on Gradio 6.31 (Playwright, getBoundingClientRect and
getComputedStyle, default theme) for the same apps. They are offsets from the block's top-right corner,
so they do not depend on the page width. Gradio draws each custom button as its text, 12px on 16.8px
lines, padded 4px 8px, in the corner strip after the icon buttons (a thin rule between them); an
icon-only Button is an empty 16x8 button named "Custom action" (Gradio 6.31 draws no icon there).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

Serve = Callable[..., str]

pytestmark = pytest.mark.browser


def corner(inner: Locator, block: Locator) -> dict[str, float]:
    """``inner``'s box as its gap to the block's right edge, its top from the block's top, width and height."""
    a, b = inner.bounding_box(), block.bounding_box()
    assert a is not None and b is not None
    return {
        "right": round(b["x"] + b["width"] - a["x"] - a["width"], 2),
        "y": round(a["y"] - b["y"], 2),
        "w": round(a["width"], 2),
        "h": round(a["height"], 2),
    }


def near(value: float, expected: float, tolerance: float = 0.6) -> bool:
    return abs(value - expected) <= tolerance


def test_textbox_copy_and_custom_button_share_one_strip_and_the_click_runs_the_buttons_listener(
    page: Page, serve: Serve
) -> None:
    with gr.Blocks() as demo:
        hi = gr.Button("Hi", variant="primary")
        text = gr.Textbox(label="T", buttons=["copy", hi], value="hello")
        out = gr.Textbox(label="out")
        hi.click(lambda x: "clicked " + x, text, out)
    page.goto(serve(demo))
    block = page.get_by_test_id("textbox").first
    button = block.get_by_role("button", name="Hi", exact=True)
    copy = block.get_by_role("button", name="Copy")
    expect(button).to_be_visible()
    expect(page.get_by_role("button", name="Hi")).to_have_count(1)  # not also in the layout
    strip = button.locator("xpath=..")
    expect(strip.get_by_role("button", name="Copy")).to_have_count(1)  # one strip: Copy, then Hi
    # Gradio: the strip flush with the corner, 55.8x29.8; Copy 18px at 34.8 from the right, 5.4 down;
    # "Hi" 26.8x24.8 at (2, 2) from the corner, 12px text padded 4px 8px in the label colour, no background
    box = corner(strip, block)
    assert (box["right"], box["y"]) == (0, 0) and near(box["w"], 55.78) and near(box["h"], 29.8)
    box = corner(copy, block)
    assert (box["w"], box["h"]) == (18, 18) and near(box["right"], 34.78) and near(box["y"], 5.39)
    box = corner(button, block)
    assert (box["right"], box["y"]) == (2, 2) and near(box["w"], 26.78) and near(box["h"], 24.8)
    expect(button).to_have_css("font-size", "12px")
    expect(button).to_have_css("line-height", "16.8px")
    expect(button).to_have_css("padding", "4px 8px")
    expect(button).to_have_css("border-radius", "2px")
    expect(button).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    expect(button).to_have_css("color", "rgb(113, 113, 122)")
    expect(button).to_have_attribute("title", "Hi")
    # Gradio's thin rule after Copy, which is not the strip's last button
    rule = copy.evaluate("e => getComputedStyle(e, '::after').content")
    assert rule == '""'
    button.click()
    expect(page.get_by_label("out", exact=True)).to_have_value("clicked hello")


def test_number_icon_only_button_is_an_empty_custom_action(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Number(label="N", buttons=[gr.Button("", icon="https://www.gradio.app/favicon.ico")])
        gr.Radio(["a", "b"], label="R", buttons=[gr.Button("Reset")])
    page.goto(serve(demo))
    block = page.get_by_test_id("number")
    button = block.get_by_role("button", name="Custom action")
    expect(button).to_be_visible()
    # Gradio: a 16x8 button (its padding only) at (2, 2) from the corner, in a 21x13 strip flush with it
    box = corner(button, block)
    assert box == {"right": 2, "y": 2, "w": 16, "h": 8}
    box = corner(button.locator("xpath=.."), block)
    assert (box["right"], box["y"], box["w"], box["h"]) == (0, 0, 21, 13)
    # Gradio: a Radio with no icon buttons shows a strip holding only its custom button, 48.6x29.8
    radio = page.get_by_test_id("radio")
    reset = radio.get_by_role("button", name="Reset")
    box = corner(reset.locator("xpath=.."), radio)
    assert (box["right"], box["y"]) == (0, 0) and near(box["w"], 48.58) and near(box["h"], 29.8)
    assert corner(reset, radio)["right"] == 2


def test_image_download_and_custom_button_in_one_strip(page: Page, serve: Serve, tmp_path: object) -> None:
    from pathlib import Path

    from PIL import Image

    path = Path(str(tmp_path)) / "img.png"
    Image.new("RGB", (160, 120), (200, 30, 30)).save(path)
    with gr.Blocks() as demo:
        gr.Image(str(path), label="I", buttons=["download", gr.Button("X")])
    page.goto(serve(demo))
    block = page.get_by_test_id("image")
    x = block.get_by_role("button", name="X", exact=True)
    expect(x).to_be_visible()
    strip = x.locator("xpath=..")
    download = strip.get_by_role("link", name="Download image")
    expect(download).to_have_count(1)
    # Gradio: strip 52.2x29.8 at 1px in from the block's border; the download icon's 18px button 32.2 from
    # the right edge (its link spaced 1px more from X); "X" 22.2x24.8 at (3, 3)
    box = corner(strip, block)
    assert (box["right"], box["y"]) == (1, 1) and near(box["w"], 52.16) and near(box["h"], 29.8)
    box = corner(download, block)
    assert (box["w"], box["h"]) == (18, 18) and near(box["right"], 32.16) and near(box["y"], 6.39)
    box = corner(x, block)
    assert (box["right"], box["y"]) == (3, 3) and near(box["w"], 22.16) and near(box["h"], 24.8)


def test_custom_button_colours_in_dark_mode(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Checkbox(label="C", buttons=[gr.Button("Chk")])
    page.goto(serve(demo) + "?__theme=dark")
    button = page.get_by_role("button", name="Chk")
    # Gradio dark: text rgb(228, 228, 231) on no background; hovered rgb(244, 244, 245) on rgb(24, 24, 27)
    expect(button).to_have_css("color", "rgb(228, 228, 231)")
    button.hover()
    expect(button).to_have_css("color", "rgb(244, 244, 245)")
    expect(button).to_have_css("background-color", "rgb(24, 24, 27)")
