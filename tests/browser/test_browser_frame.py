"""The page's frame compared with Gradio 6.31's: empty media components (the drop zone that is the whole
block, the empty output box), the footer and its Settings panel, and the page's side padding.

Sizes were read from Gradio 6.31's page for the same components in Chromium at 1280x900 (block
heights in CSS pixels, borders included) and are hard-coded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def box(locator: Any) -> dict[str, float]:
    """The element's bounding box (waits for it to be visible)."""
    expect(locator).to_be_visible()
    found = locator.bounding_box()
    assert found is not None
    return dict(found)


# -- 1. empty media components ------------------------------------------------------------------------

#: Interactive components: (factory, type string, test id of the drop zone, main line, Gradio's block height).
DROP_ZONES: list[tuple[Callable[[], Any], str, str, str, int]] = [
    (lambda: gr.Image(label="In"), "image", "image-dropzone", "Drop Image Here", 282),
    (lambda: gr.Video(label="In"), "video", "video-dropzone", "Drop Video Here", 282),
    (lambda: gr.Audio(label="In"), "audio", "audio-dropzone", "Drop Audio Here", 282),
    (lambda: gr.File(label="In"), "file", "file-dropzone", "Drop File Here", 242),
    (lambda: gr.Model3D(label="In"), "model3d", "model3d-dropzone", "Drop File Here", 242),
    (lambda: gr.ImageSlider(label="In"), "imageslider", "imageslider-dropzone-left", "Drop Image Here", 242),
]


@pytest.mark.parametrize(("make", "kind", "testid", "line", "height"), DROP_ZONES, ids=[d[1] for d in DROP_ZONES])
def test_the_drop_zone_is_the_block_and_a_click_opens_the_file_chooser(
    page: Page, serve: Serve, make: Callable[[], Any], kind: str, testid: str, line: str, height: int
) -> None:
    with gr.Blocks() as demo:
        make()
    page.goto(serve(demo))
    block = page.locator(f".block[data-testid={kind}]")
    zone = page.get_by_test_id(testid)
    outer, inner = box(block), box(zone)
    # the drop zone starts at the block's top-left corner (the label floats over it), is at least
    # 240px high, and the block is as high as Gradio's
    assert abs(inner["y"] - outer["y"]) <= 1.5 and abs(inner["x"] - outer["x"]) <= 1.5, (outer, inner)
    assert inner["height"] >= 239, inner
    assert abs(outer["height"] - height) <= 2, outer
    expect(zone).to_contain_text(line)
    expect(zone).to_contain_text("- or -")
    expect(zone).to_contain_text("Click to Upload")
    expect(block.get_by_test_id("block-label")).to_have_text("In")
    with page.expect_file_chooser() as chooser:
        zone.click()
    assert chooser.value is not None


#: Output components: (factory, type string, test id of the empty box, its name, Gradio's block height).
EMPTIES: list[tuple[Callable[[], Any], str, str, str, int]] = [
    (lambda: gr.Image(label="Out", interactive=False), "image", "image-empty", "No image", 238),
    (lambda: gr.Video(label="Out", interactive=False), "video", "video-empty", "No video", 238),
    (lambda: gr.Audio(label="Out", interactive=False), "audio", "audio-empty", "No audio", 112),
    (lambda: gr.File(label="Out", interactive=False), "file", "file-empty", "No file", 264),
    (lambda: gr.Model3D(label="Out", interactive=False), "model3d", "model3d-empty", "No 3D model", 238),
    (lambda: gr.AnnotatedImage(label="Out"), "annotatedimage", "annotatedimage-empty", "No image", 238),
    (
        lambda: gr.ImageSlider(label="Out", interactive=False),
        "imageslider",
        "imageslider-empty",
        "No images",
        238,
    ),
]


@pytest.mark.parametrize(("make", "kind", "testid", "name", "height"), EMPTIES, ids=[e[1] for e in EMPTIES])
def test_an_empty_output_is_a_box_with_a_faint_icon(
    page: Page, serve: Serve, make: Callable[[], Any], kind: str, testid: str, name: str, height: int
) -> None:
    with gr.Blocks() as demo:
        make()
    page.goto(serve(demo))
    block = page.locator(f".block[data-testid={kind}]")
    empty = page.get_by_test_id(testid)
    expect(empty).to_have_attribute("aria-label", name)
    expect(empty).to_have_text("")  # an icon, no words
    expect(empty.locator("svg")).to_have_count(1)
    assert abs(box(block)["height"] - height) <= 2, box(block)


def test_a_height_sizes_the_whole_block_and_the_drop_zone_takes_what_the_sources_leave(
    page: Page, serve: Serve
) -> None:
    with gr.Blocks() as demo:
        gr.Image(height=400)
        gr.File(height=300)
    page.goto(serve(demo))
    image, zone = box(page.locator(".block[data-testid=image]")), box(page.get_by_test_id("image-dropzone"))
    assert abs(image["height"] - 400) <= 1, image
    assert abs(zone["height"] - (400 - 2 - 40)) <= 2, zone  # the source buttons are 40px high
    assert abs(box(page.locator(".block[data-testid=file]"))["height"] - 302) <= 2


def test_dragging_files_over_the_block_lights_the_drop_zone(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Image()
    page.goto(serve(demo))
    zone = page.get_by_test_id("image-dropzone")
    expect(zone).to_be_visible()
    plain = zone.evaluate("el => getComputedStyle(el).color")
    transfer = page.evaluate_handle("() => new DataTransfer()")
    page.locator(".block[data-testid=image] [role=group]").dispatch_event("dragover", {"dataTransfer": transfer})
    expect(zone).to_have_class(re.compile(r"\bdragging\b"))
    assert zone.evaluate("el => getComputedStyle(el).color") != plain


# -- 3. the page's frame -----------------------------------------------------------------------------


def greeter() -> gr.Interface:
    return gr.Interface(
        lambda name: f"Hello {name}",
        "text",
        "text",
        title="Greeter",
        description="Type a name. This is the **description**.",
        article="An *article* under it.",
    )


@pytest.mark.parametrize(("width", "content"), [(1280, 1216), (390, 326), (700, 576)])
def test_the_page_has_gradios_side_padding_and_width_steps(page: Page, serve: Serve, width: int, content: int) -> None:
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(serve(greeter()))
    title = page.get_by_role("heading", name="Greeter")
    app = box(page.locator("main.app"))
    first = box(page.locator("main.app > *").first)
    assert abs(first["width"] - content) <= 1, (first, app)
    assert abs(first["x"] - (width - content) / 2) <= 1, first
    assert box(title)["y"] == pytest.approx(16, abs=1)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")


def test_an_interface_title_and_description_have_gradios_sizes(page: Page, serve: Serve) -> None:
    page.goto(serve(greeter()))
    title = page.get_by_role("heading", name="Greeter")
    style = title.evaluate(
        "h => { const s = getComputedStyle(h); return [s.fontSize, s.fontWeight, s.marginBottom, s.textAlign]; }"
    )
    assert style == ["26px", "600", "0px", "center"]
    description = page.get_by_text("Type a name.")
    assert description.evaluate("p => getComputedStyle(p).fontSize") == "14px"
    # Gradio: the title's block is 34px high, then the 16px gap, then the description
    assert box(description)["y"] - box(title)["y"] == pytest.approx(50, abs=1)
    # the two columns are not grey panels
    for column in page.locator(".row > .column").all():
        assert column.evaluate("c => getComputedStyle(c).backgroundColor") == "rgba(0, 0, 0, 0)"
