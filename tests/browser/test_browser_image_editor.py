"""ImageEditor in the browser: drawing, erasing, layers and crop reach the function as Gradio 6.31 sends them, and
the editor is laid out as Gradio's.

Geometry measured on Gradio 6.31 in this Chromium (1280x800 window) for ``gr.ImageEditor(label="Editor")`` as an
input of a Button, with getBoundingClientRect relative to the block:
- the block is 1216x350 with a 1px dashed border; the empty 800x800 canvas is shown at 36% (fitted with 30px
  around it in the 348px-high area);
- the tool bar is 30px wide at (16, 105.4), 161px high with Image/Brush/Erase then Upload/Paste/Webcam, each
  28x20 (Paste 28x22), the first at y=110.4; the chosen tool (Image) in the accent colour rgb(249, 115, 22);
- the corner controls are 180x23 at (1035, 1): Pan 16x16 at x=1038, Zoom out/in, "36%", Undo, Redo and
  Clear canvas 18x18 (Clear at x=1195);
- the layers button ("Layer 1") is 109x28.8 at (1106, 320.2).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def box_in(page: Page, selector: str, root: str = "#ed") -> list[float]:
    return page.evaluate(
        """([sel, root]) => { const r0 = document.querySelector(root).getBoundingClientRect();
            const r = document.querySelector(root).querySelector(sel).getBoundingClientRect();
            return [r.x - r0.x, r.y - r0.y, r.width, r.height]; }""",
        [selector, root],
    )


def test_empty_editor_is_laid_out_as_gradios(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        editor = gr.ImageEditor(label="Editor", elem_id="ed")
        gr.Button("Go").click(lambda v: None, editor, None)
    page.goto(serve(demo))
    expect(page.get_by_test_id("imageeditor-placeholder")).to_contain_text("Upload an image")
    assert box_in(page, "#ed", "body")[2:] == [1216, 350]
    assert page.locator("#ed").evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    expect(page.get_by_test_id("imageeditor-zoom")).to_have_text("36%")

    toolbar = box_in(page, "[data-testid=imageeditor-toolbar]")
    assert toolbar[0] == 16 and toolbar[2] == 30 and abs(toolbar[1] - 105.4) < 1 and abs(toolbar[3] - 161) < 1
    for name, y, h in (("Image", 110.4, 20), ("Brush", 134.4, 20), ("Erase", 158.4, 20), ("Paste", 215.4, 22)):
        x, by, w, bh = box_in(page, f'button[aria-label="{name}"]')
        assert (x, w, bh) == (17, 28, h) and abs(by - y) < 1, name
    image_color = page.locator('#ed button[aria-label="Image"]').evaluate("e => getComputedStyle(e).color")
    assert image_color == "rgb(249, 115, 22)"

    assert box_in(page, "[data-testid=imageeditor-controls]") == [1035, 1, 180, 23]
    assert box_in(page, 'button[aria-label="Pan"]') == [1038, 4, 16, 16]
    assert box_in(page, 'button[aria-label="Clear canvas"]') == [1195, 3, 18, 18]
    layers = box_in(page, 'button[aria-label="Show Layers"]')
    assert layers[0] == 1106 and layers[2] == 109 and abs(layers[1] - 320.2) < 1 and abs(layers[3] - 28.8) < 1

    # The empty canvas: 800x800 at 36%, centred, 30px from the top of the area.
    stage = box_in(page, "[data-testid=imageeditor-stage]")
    assert stage[2:] == [288, 288] and stage[1] == 31 and abs(stage[0] + 144 - 608) <= 1


def test_templates_offer_gradios_tools(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        sketch = gr.Sketchpad(elem_id="sk")
        mask = gr.ImageMask(elem_id="im")
        gr.Button("Go").click(lambda a, b: None, [sketch, mask], None)
    page.goto(serve(demo))
    sk = page.locator("#sk")
    expect(sk.get_by_test_id("imageeditor-placeholder")).to_have_text("select the draw tool to start")
    expect(sk.get_by_role("button", name="Image", exact=True)).to_have_count(0)
    expect(sk.get_by_role("button", name="Brush", exact=True)).to_be_visible()
    # The Sketchpad's fixed black brush: no colour picker, one swatch.
    sk.get_by_role("button", name="Brush", exact=True).click()
    sk.get_by_role("button", name="Color").click()
    expect(sk.get_by_test_id("imageeditor-colors").locator(".swatch")).to_have_count(1)
    expect(sk.get_by_label("Custom colour")).to_have_count(0)
    im = page.locator("#im")
    expect(im.get_by_role("button", name="Upload", exact=True)).to_be_visible()
    expect(im.get_by_test_id("imageeditor-layers")).to_have_count(0)  # ImageMask: layers=False


def stroke(page: Page, points: list[tuple[float, float]], size: tuple[int, int]) -> None:
    """Drag through canvas-pixel `points` on the editor's stage, then wait for the value's upload."""
    box = page.get_by_test_id("imageeditor-stage").bounding_box()
    assert box is not None

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + x * box["width"] / size[0], box["y"] + y * box["height"] / size[1]

    with page.expect_response(lambda r: "/upload" in r.url):
        page.mouse.move(*at(*points[0]))
        page.mouse.down()
        for x, y in points[1:]:
            page.mouse.move(*at(x, y), steps=4)
        page.mouse.up()


def test_draw_erase_layer_and_crop_reach_the_function(page: Page, serve: Serve, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (200, 100), (255, 255, 255)).save(tmp_path / "white.png")
    seen: list[dict[str, Any]] = []

    def look(value: dict[str, Any]) -> str:
        seen.append(value)
        return f"got {len(seen)}"

    with gr.Blocks() as demo:
        editor = gr.ImageEditor(
            elem_id="ed",
            brush=gr.Brush(colors=["#ff0000"], default_size=6),
            eraser=gr.Eraser(default_size=12),
        )
        out = gr.Textbox(elem_id="out")
        gr.Button("Go").click(look, editor, out)
    page.goto(serve(demo))
    ed = page.locator("#ed")

    def submit(n: int) -> dict[str, Any]:
        page.get_by_role("button", name="Go", exact=True).click()
        expect(page.locator("#out textarea")).to_have_value(f"got {n}")
        return seen[-1]

    with page.expect_response(lambda r: "/upload" in r.url):
        ed.locator("input[type=file]").set_input_files(str(tmp_path / "white.png"))
    expect(ed.get_by_role("button", name="Brush", exact=True)).to_have_attribute("aria-pressed", "true")

    # Over the canvas, the brush shows its outline (as Gradio's: a ring as wide as the brush, in its colour).
    stage = page.get_by_test_id("imageeditor-stage").bounding_box()
    assert stage is not None
    page.mouse.move(stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2)
    ring = page.get_by_test_id("imageeditor-ring").bounding_box()
    assert ring is not None and abs(ring["width"] - 12 * stage["width"] / 200) < 1
    # A red line across the middle.
    stroke(page, [(20, 50), (100, 50), (180, 50)], (200, 100))
    value = submit(1)
    comp = value["composite"]
    assert comp.shape == (100, 200, 4) and value["background"].shape == (100, 200, 4)
    assert comp[50, 100, :3].tolist() == [255, 0, 0] and comp[50, 60, :3].tolist() == [255, 0, 0]
    assert comp[20, 100, :3].tolist() == [255, 255, 255]
    assert len(value["layers"]) == 1 and value["layers"][0][50, 100, 3] == 255

    # Erase its middle: the white background shows again there, the ends stay red.
    ed.get_by_role("button", name="Erase", exact=True).click()
    stroke(page, [(100, 30), (100, 70)], (200, 100))
    value = submit(2)
    assert value["composite"][50, 100, :3].tolist() == [255, 255, 255]
    assert value["layers"][0][50, 100, 3] == 0
    assert value["composite"][50, 40, :3].tolist() == [255, 0, 0]

    # A second layer, drawn on: the first layer is untouched there.
    ed.get_by_role("button", name="Show Layers").click()
    with page.expect_response(lambda r: "/upload" in r.url):
        ed.get_by_role("button", name="Add Layer").click()
    expect(ed.get_by_role("button", name="Layer 2", exact=True)).to_have_class(re.compile(r"\bselected\b"))
    ed.get_by_role("button", name="Brush", exact=True).click()
    stroke(page, [(30, 85), (170, 85)], (200, 100))
    value = submit(3)
    assert len(value["layers"]) == 2
    assert value["layers"][1][85, 100, :].tolist() == [255, 0, 0, 255]
    assert value["layers"][0][85, 100, 3] == 0
    assert value["composite"][85, 100, :3].tolist() == [255, 0, 0]

    # Undo the last stroke, then redo it.
    with page.expect_response(lambda r: "/upload" in r.url):
        ed.get_by_role("button", name="Undo").click()
    assert submit(4)["layers"][1][85, 100, 3] == 0
    with page.expect_response(lambda r: "/upload" in r.url):
        ed.get_by_role("button", name="Redo").click()
    assert submit(5)["layers"][1][85, 100, 3] == 255

    # Crop: drag the top-left corner 50 canvas pixels right and 20 down, then confirm.
    ed.get_by_role("button", name="Image", exact=True).click()
    ed.get_by_role("button", name="Crop").click()
    handle = ed.locator("[data-handle=nw]").bounding_box()
    stage = page.get_by_test_id("imageeditor-stage").bounding_box()
    assert handle is not None and stage is not None
    scale = stage["width"] / 200
    page.mouse.move(handle["x"] + 6, handle["y"] + 6)
    page.mouse.down()
    page.mouse.move(handle["x"] + 6 + 50 * scale, handle["y"] + 6 + 20 * scale, steps=5)
    page.mouse.up()
    with page.expect_response(lambda r: "/upload" in r.url):
        ed.get_by_role("button", name="Confirm crop").click()
    value = submit(6)
    comp = value["composite"]
    assert abs(comp.shape[0] - 80) <= 1 and abs(comp.shape[1] - 150) <= 1
    assert all(layer.shape == comp.shape for layer in value["layers"])
    # The bottom line (y=85 before) is now at y≈65, still red; the erased gap at x=100 → x≈50 is white.
    assert comp[65, 100, :3].tolist() == [255, 0, 0]
    assert comp[30, 50, :3].tolist() == [255, 255, 255]
    assert isinstance(comp, np.ndarray)


def test_output_shows_the_composite(page: Page, serve: Serve, tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blue.png"
    Image.new("RGB", (60, 40), (0, 0, 255)).save(path)
    with gr.Blocks() as demo:
        gr.ImageEditor(str(path), elem_id="ed", interactive=False)
    page.goto(serve(demo))
    img = page.get_by_test_id("imageeditor-static")
    expect(img).to_be_visible()
    assert img.evaluate("e => e.naturalWidth") == 60
    # Gradio 6.31 shows a 400x300 composite as 464x348 (the area's height) in a 1216x350 solid-bordered block,
    # centred: this 60x40 one goes to 522x348.
    block = page.locator("#ed")
    assert block.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert box_in(page, "[data-testid=imageeditor-static]")[2:] == [522, 348]


def test_a_webcam_picture_becomes_the_background(media_page: Page, serve: Serve) -> None:
    page = media_page
    seen: list[dict[str, Any]] = []

    def look(value: dict[str, Any]) -> str:
        seen.append(value)
        return f"got {len(seen)}"

    with gr.Blocks() as demo:
        editor = gr.ImageMask(elem_id="ed", sources=["webcam"], webcam_options=gr.WebcamOptions(mirror=False))
        out = gr.Textbox(elem_id="out")
        gr.Button("Go").click(look, editor, out)
    page.goto(serve(demo))
    ed = page.locator("#ed")
    ed.get_by_role("button", name="Webcam").click()
    page.get_by_test_id("imageeditor-webcam-access").click()
    page.wait_for_function("() => document.querySelector('[data-testid=imageeditor-webcam]')?.videoWidth > 0")
    width = page.evaluate("() => document.querySelector('[data-testid=imageeditor-webcam]').videoWidth")
    with page.expect_response(lambda r: "/upload" in r.url):
        page.get_by_test_id("imageeditor-capture").click()
    # The picture is the background, at the camera's size; the mask brush is selected, the black one.
    expect(ed.get_by_role("button", name="Brush", exact=True)).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator("#out textarea")).to_have_value("got 1")
    value = seen[-1]
    assert value["background"].shape[1] == width
    assert value["composite"].shape == value["background"].shape
    assert len(value["layers"]) == 1 and value["layers"][0][..., 3].max() == 0


def test_a_starting_value_is_loaded_into_the_editor(page: Page, serve: Serve, tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blue.png"
    Image.new("RGB", (400, 300), (0, 0, 255)).save(path)
    seen: list[dict[str, Any]] = []

    def look(value: dict[str, Any]) -> str:
        seen.append(value)
        return f"got {len(seen)}"

    with gr.Blocks() as demo:
        editor = gr.ImageEditor(str(path), elem_id="ed", brush=gr.Brush(colors=["#00ff00"], default_size=10))
        out = gr.Textbox(elem_id="out")
        gr.Button("Go").click(look, editor, out)
    page.goto(serve(demo))
    # Gradio 6.31 shows a 400x300 background at 96% (fitted with 30px around it in the 348px-high area).
    expect(page.get_by_test_id("imageeditor-zoom")).to_have_text("96%")
    expect(page.get_by_test_id("imageeditor-placeholder")).to_have_count(0)
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator("#out textarea")).to_have_value("got 1")
    assert seen[-1]["background"][150, 200].tolist() == [0, 0, 255, 255]
    assert seen[-1]["layers"] == []
    # Drawing on it sends the edited composite.
    page.locator("#ed").get_by_role("button", name="Brush", exact=True).click()
    stroke(page, [(100, 150), (300, 150)], (400, 300))
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator("#out textarea")).to_have_value("got 2")
    assert seen[-1]["composite"][150, 200].tolist() == [0, 255, 0, 255]
    assert seen[-1]["composite"][50, 200].tolist() == [0, 0, 255, 255]


def test_a_value_opens_with_the_brush_and_a_solid_border(page: Page, serve: Serve, tmp_path: Path) -> None:
    """As Gradio 6.31: an editor holding a value opens with the Brush chosen and a solid border, a small
    image is enlarged to fill the view (300x200 at 144%), and a value whose image cannot be loaded
    leaves a blank 800x800 canvas to draw on (36%), with no upload placeholder and no error text."""
    from PIL import Image

    path = tmp_path / "red.png"
    Image.new("RGB", (300, 200), (200, 60, 60)).save(path)
    with gr.Blocks() as demo:
        gr.ImageEditor(str(path), elem_id="good", interactive=True)
        gr.ImageEditor("./no-such-file.jpg", elem_id="broken", interactive=True)
        gr.ImageEditor(elem_id="empty", interactive=True)
    page.goto(serve(demo))
    accent = "rgb(249, 115, 22)"
    for editor, zoom in (("#good", "144%"), ("#broken", "36%")):
        block = page.locator(editor)
        expect(block.get_by_test_id("imageeditor-zoom")).to_have_text(zoom)
        expect(block.get_by_role("button", name="Brush", exact=True)).to_have_css("color", accent)
        expect(block.get_by_test_id("imageeditor-placeholder")).to_have_count(0)
        assert block.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    expect(page.locator("#broken")).not_to_contain_text("could not")
    empty = page.locator("#empty")
    expect(empty.get_by_role("button", name="Image", exact=True)).to_have_css("color", accent)
    assert empty.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"


def test_resize_handles_scale_the_canvas(page: Page, serve: Serve, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (200, 100), (0, 0, 255)).save(tmp_path / "blue.png")
    seen: list[dict[str, Any]] = []
    applied: list[int] = []

    def look(value: dict[str, Any]) -> str:
        seen.append(value)
        return f"got {len(seen)}"

    with gr.Blocks() as demo:
        editor = gr.ImageEditor(elem_id="ed")
        out = gr.Textbox(elem_id="out")
        gr.Button("Go").click(look, editor, out)
        editor.apply(lambda v: applied.append(1), editor, None)
    page.goto(serve(demo))
    ed = page.locator("#ed")
    with page.expect_response(lambda r: "/upload" in r.url):
        ed.locator("input[type=file]").set_input_files(str(tmp_path / "blue.png"))
    ed.get_by_role("button", name="Image", exact=True).click()
    ed.get_by_role("button", name="Resize").click()
    # Gradio's resize view: white square handles on the canvas's corners and sides.
    expect(ed.locator("[data-resize-handle]")).to_have_count(8)
    knob = ed.locator("[data-resize-handle=se]").bounding_box()
    stage = page.get_by_test_id("imageeditor-stage").bounding_box()
    assert knob is not None and stage is not None
    scale = stage["width"] / 200
    page.mouse.move(knob["x"] + 5, knob["y"] + 5)
    page.mouse.down()
    with page.expect_response(lambda r: "/upload" in r.url):
        page.mouse.move(knob["x"] + 5 - 100 * scale, knob["y"] + 5 - 50 * scale, steps=5)
        page.mouse.up()
    page.get_by_role("button", name="Go", exact=True).click()
    expect(page.locator("#out textarea")).to_have_value("got 1")
    comp = seen[-1]["composite"]
    assert abs(comp.shape[0] - 50) <= 1 and abs(comp.shape[1] - 100) <= 1
    assert comp[25, 50].tolist() == [0, 0, 255, 255]
    assert applied  # the apply event fired
