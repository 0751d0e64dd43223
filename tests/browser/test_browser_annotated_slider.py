"""AnnotatedImage and ImageSlider in the browser: overlays, legend highlight and select; the slider's
divider moved by keyboard and pointer; two images uploaded into an interactive slider."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image as PILImage
from playwright.sync_api import Page, expect

import trellis as gr

from .conftest import TIMEOUT_MS

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def wait_loaded(locator: Any) -> int:
    """Wait for an <img> to finish loading; its naturalWidth (0 when it failed)."""
    locator.evaluate(
        "img => img.complete ? null : new Promise(r => { img.onload = r; img.onerror = r; })", timeout=TIMEOUT_MS
    )
    return int(locator.evaluate("img => img.naturalWidth"))


def pixel(shot: bytes, x: float, y: float) -> tuple[int, int, int]:
    with PILImage.open(io.BytesIO(shot)) as im:
        r, g, b = im.convert("RGB").getpixel((int(x), int(y)))
    return r, g, b


# -- AnnotatedImage ---------------------------------------------------------------------------------------


def segment() -> tuple[np.ndarray, list[tuple[Any, str]]]:
    image = np.full((200, 400, 3), 40, dtype=np.uint8)
    mask = np.zeros((200, 400), dtype=bool)
    mask[20:120, 20:180] = True
    return image, [(mask, "cat"), ((220, 40, 380, 180), "dog")]


def _select_fn(evt: gr.SelectData) -> str:
    return f"{evt.index}:{evt.value}"


def annotated_select_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        annotated = gr.AnnotatedImage(label="Segments", color_map={"dog": "#00ff00"})
        picked = gr.Textbox(label="Picked")
        gr.Button("Segment").click(segment, None, annotated)
        annotated.select(_select_fn, None, picked)
    return demo


def _show_segments(page: Page, url: str) -> Any:
    page.goto(url)
    page.get_by_role("button", name="Segment").click()
    masks = page.get_by_test_id("annotatedimage-mask")
    expect(masks).to_have_count(2)
    assert wait_loaded(page.get_by_test_id("annotatedimage-base")) == 400
    return masks


def test_annotations_are_overlaid_with_a_legend(page: Page, serve: Serve) -> None:
    masks = _show_segments(page, serve(annotated_select_app()))
    expect(masks.nth(0)).to_have_attribute("data-label", "cat")
    expect(masks.nth(0)).to_have_attribute(
        "style", re.compile(r"mask-image: url\(\"[^\"]*/gradio_api/file=[^\"]*mask\.png")
    )
    legend = page.get_by_test_id("annotatedimage-legend-item")
    expect(legend).to_have_text(["cat", "dog"])
    # the overlays are drawn: the cat area is reddish and the dog box border green, the rest untouched
    stage = page.get_by_test_id("annotatedimage-stage")
    box = stage.bounding_box()
    assert box is not None and box["width"] > 100
    scale = box["width"] / 400
    shot = stage.screenshot()
    r, g, b = pixel(shot, 100 * scale, 70 * scale)
    assert r > 120 and g < 80, (r, g, b)
    r, g, b = pixel(shot, 221 * scale, 110 * scale)
    assert g > 120 and r < 80, (r, g, b)
    assert pixel(shot, 200 * scale, 190 * scale) == pytest.approx((40, 40, 40), abs=3)


def test_hovering_a_legend_entry_highlights_its_annotation(page: Page, serve: Serve) -> None:
    masks = _show_segments(page, serve(annotated_select_app()))
    stage = page.get_by_test_id("annotatedimage-stage")
    box = stage.bounding_box()
    assert box is not None
    scale = box["width"] / 400
    cat_point = (100 * scale, 70 * scale)
    before = pixel(stage.screenshot(), *cat_point)
    page.get_by_test_id("annotatedimage-legend-item").nth(1).hover()
    expect(masks.nth(1)).to_have_class(re.compile(r"\bactive\b"))
    expect(masks.nth(0)).to_have_class(re.compile(r"\bdimmed\b"))
    expect(masks.nth(0)).to_have_css("opacity", "0.12")
    dimmed = pixel(stage.screenshot(), *cat_point)
    assert dimmed[0] < before[0] - 40, (before, dimmed)  # the cat's red faded towards the grey base
    page.mouse.move(0, 0)
    expect(masks.nth(0)).not_to_have_class(re.compile(r"\bdimmed\b"))
    # focus highlights too, for keyboard users
    page.get_by_test_id("annotatedimage-legend-item").nth(0).focus()
    expect(masks.nth(1)).to_have_class(re.compile(r"\bdimmed\b"))


def test_clicking_a_legend_entry_or_an_annotation_selects_it(page: Page, serve: Serve) -> None:
    _show_segments(page, serve(annotated_select_app()))
    page.get_by_test_id("annotatedimage-legend-item").nth(1).click()
    picked = page.get_by_label("Picked", exact=True)
    expect(picked).to_have_value("1:dog")
    stage = page.get_by_test_id("annotatedimage-stage")
    box = stage.bounding_box()
    assert box is not None
    scale = box["width"] / 400
    stage.click(position={"x": 60 * scale, "y": 60 * scale})  # inside the cat mask
    expect(picked).to_have_value("0:cat")
    stage.click(position={"x": 300 * scale, "y": 100 * scale})  # inside the dog box
    expect(picked).to_have_value("1:dog")


# -- ImageSlider ------------------------------------------------------------------------------------------


def two_tones() -> tuple[np.ndarray, np.ndarray]:
    left = np.zeros((200, 400, 3), dtype=np.uint8)
    left[..., 0] = 255
    right = np.zeros((200, 400, 3), dtype=np.uint8)
    right[..., 2] = 255
    return left, right


def test_slider_divider_moves_by_keyboard_and_pointer(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.ImageSlider(value=two_tones(), label="Compare", slider_position=30, format="png")
    page.goto(serve(demo))
    left = page.get_by_test_id("imageslider-left")
    right = page.get_by_test_id("imageslider-right")
    assert wait_loaded(left) == 400 and wait_loaded(right) == 400
    handle = page.get_by_role("slider", name="Divider between the left and right images")
    expect(handle).to_have_attribute("aria-valuenow", "30")
    stage = page.get_by_test_id("imageslider-stage")
    clip = page.get_by_test_id("imageslider-clip")
    stage_box = stage.bounding_box()
    assert stage_box is not None and stage_box["width"] > 100
    width = stage_box["width"]

    def clip_fraction() -> float:
        box = clip.bounding_box()
        assert box is not None
        return box["width"] / width

    assert clip_fraction() == pytest.approx(0.30, abs=0.01)
    shot = stage.screenshot()
    assert pixel(shot, width * 0.25, 50) == pytest.approx((255, 0, 0), abs=3)  # left image left of the divider
    assert pixel(shot, width * 0.35, 50) == pytest.approx((0, 0, 255), abs=3)  # right image right of it

    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(handle).to_have_attribute("aria-valuenow", "35")
    assert clip_fraction() == pytest.approx(0.35, abs=0.01)
    page.keyboard.press("Shift+ArrowLeft")
    expect(handle).to_have_attribute("aria-valuenow", "25")
    assert clip_fraction() == pytest.approx(0.25, abs=0.01)
    page.keyboard.press("End")
    expect(handle).to_have_attribute("aria-valuenow", "100")
    assert clip_fraction() == pytest.approx(1.0, abs=0.01)
    page.keyboard.press("Home")
    expect(handle).to_have_attribute("aria-valuenow", "0")
    assert clip_fraction() == pytest.approx(0.0, abs=0.01)

    # drag from 20% to 80% of the width
    y = stage_box["y"] + stage_box["height"] / 2
    page.mouse.move(stage_box["x"] + width * 0.2, y)
    page.mouse.down()
    expect(handle).to_have_attribute("aria-valuenow", "20")
    page.mouse.move(stage_box["x"] + width * 0.8, y, steps=5)
    page.mouse.up()
    expect(handle).to_have_attribute("aria-valuenow", "80")
    assert clip_fraction() == pytest.approx(0.8, abs=0.01)
    shot = stage.screenshot()
    assert pixel(shot, width * 0.75, 50) == pytest.approx((255, 0, 0), abs=3)
    expect(page.get_by_test_id("imageslider-download-left")).to_have_attribute("href", re.compile(r"gradio_api/file="))
    expect(page.get_by_test_id("imageslider-download-right")).to_be_visible()


def test_two_images_uploaded_into_an_interactive_slider(page: Page, serve: Serve, tmp_path: Path) -> None:
    def sizes(pair: tuple[Any, Any]) -> str:
        return ",".join("none" if im is None else f"{im.shape[1]}x{im.shape[0]}" for im in pair)

    demo = gr.Interface(sizes, gr.ImageSlider(label="Pair"), gr.Textbox(label="Sizes"))
    page.goto(serve(demo))
    first = tmp_path / "first.png"
    PILImage.new("RGB", (40, 30), (255, 0, 0)).save(first)
    second = tmp_path / "second.png"
    PILImage.new("RGB", (40, 30), (0, 255, 0)).save(second)
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("imageslider-dropzone-left").click()
    chooser.value.set_files([str(first), str(second)])
    expect(page.get_by_role("slider")).to_be_visible()
    assert wait_loaded(page.get_by_test_id("imageslider-left")) == 40
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_label("Sizes", exact=True)).to_have_value("40x30,40x30")
    page.get_by_test_id("imageslider-clear").click()
    expect(page.get_by_test_id("imageslider-dropzone-right")).to_be_visible()
    # one at a time: the right slot first
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("imageslider-dropzone-right").click()
    chooser.value.set_files(str(second))
    expect(page.get_by_test_id("imageslider-preview-right")).to_be_visible()
    expect(page.get_by_test_id("imageslider-dropzone-left")).to_be_visible()
