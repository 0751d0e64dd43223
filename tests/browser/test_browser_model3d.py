"""Model3D in the browser: the cube is really drawn by WebGL (pixels of the canvas are counted), the view
turns with the mouse and comes back with Reset, uploads work by file chooser and by drop, other files are
refused in the page, and a .splat file is offered for download instead of a preview."""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from model3d_assets import write_cube_glb, write_cube_obj
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

#: The background the tests ask for (opaque, so the screenshot shows exactly this colour around the model).
CLEAR = (0.2, 0.4, 0.8, 1.0)
CLEAR_RGB = tuple(round(c * 255) for c in CLEAR[:3])


def _rgb(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)


def canvas_pixels(canvas: Locator) -> tuple[int, int, bytes]:
    """(background pixels, model pixels, PNG) of a screenshot of the canvas."""
    canvas.page.mouse.move(0, 0)  # no hover effects of the toolbar over the canvas
    png = canvas.screenshot()
    is_background = np.abs(_rgb(png) - np.array(CLEAR_RGB)).max(axis=2) <= 3
    background = int(is_background.sum())
    return background, int(is_background.size) - background, png


def changed(a: bytes, b: bytes) -> float:
    """The fraction of pixels that differ between two screenshots of the same size."""
    return float((np.abs(_rgb(a) - _rgb(b)).max(axis=2) > 8).mean())


def wait_ready(page: Page, nth: int = 0) -> Locator:
    viewer = page.get_by_test_id("model3d-viewer").nth(nth)
    expect(viewer).to_have_attribute("data-state", "ready")
    page.wait_for_timeout(100)  # the frame after the load is drawn on the next animation frame
    return viewer.get_by_test_id("model3d-canvas")


@pytest.mark.parametrize("writer", [write_cube_obj, write_cube_glb], ids=["obj", "glb"])
def test_cube_is_drawn_on_the_canvas(page: Page, serve: Serve, tmp_path: Path, writer: Callable[[Path], Path]) -> None:
    cube = writer(tmp_path)
    with gr.Blocks() as demo:
        gr.Model3D(str(cube), label="Cube", clear_color=list(CLEAR), height=320, interactive=False)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    canvas = wait_ready(page)
    box = canvas.bounding_box()
    assert box is not None and box["height"] == pytest.approx(320, abs=2)
    background, model, _ = canvas_pixels(canvas)
    total = background + model
    # the unit cube fills a good part of the middle of the view, and the clear colour the rest
    assert model > total * 0.05, (background, model)
    assert background > total * 0.3, (background, model)


def test_orbit_then_reset_view(page: Page, serve: Serve, tmp_path: Path) -> None:
    cube = write_cube_glb(tmp_path)
    with gr.Blocks() as demo:
        gr.Model3D(str(cube), clear_color=list(CLEAR), camera_position=(-60, 70, None), interactive=False)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    canvas = wait_ready(page)
    _, _, initial = canvas_pixels(canvas)
    box = canvas.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 40, steps=8)
    page.mouse.up()
    page.wait_for_timeout(100)
    turned = canvas_pixels(canvas)[2]
    assert changed(initial, turned) > 0.01
    page.get_by_role("button", name="Reset view").click()
    page.wait_for_timeout(100)
    assert changed(initial, canvas_pixels(canvas)[2]) < 0.001
    # the keyboard turns it too, and 0 resets
    page.get_by_test_id("model3d-viewer").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(100)
    assert changed(initial, canvas_pixels(canvas)[2]) > 0.01
    page.keyboard.press("0")
    page.wait_for_timeout(100)
    assert changed(initial, canvas_pixels(canvas)[2]) < 0.001


def test_upload_by_file_chooser_reaches_the_function_and_the_output(page: Page, serve: Serve, tmp_path: Path) -> None:
    received: list[str] = []

    def echo(path: str) -> str:
        received.append(path)
        return path

    demo = gr.Interface(
        echo, gr.Model3D(label="In", clear_color=list(CLEAR)), gr.Model3D(label="Out", clear_color=list(CLEAR))
    )
    page.goto(serve(demo))
    cube = write_cube_obj(tmp_path)
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("model3d-dropzone").click()
    chooser.value.set_files(str(cube))
    wait_ready(page, 0)  # the input shows the uploaded cube
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_test_id("model3d-viewer")).to_have_count(2)
    output = wait_ready(page, 1)
    assert len(received) == 1 and received[0].endswith("cube.obj")
    background, model, _ = canvas_pixels(output)
    assert model > (background + model) * 0.05
    download = page.get_by_test_id("model3d-download").nth(1)
    expect(download).to_have_attribute("download", "cube.obj")
    # clearing the input puts the drop zone back
    page.get_by_role("button", name="Clear model").click()
    expect(page.get_by_test_id("model3d-dropzone")).to_be_visible()


def drop_file(page: Page, target: Locator, name: str, data: bytes) -> None:
    transfer = page.evaluate_handle(
        """([name, b64]) => { const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
        const dt = new DataTransfer(); dt.items.add(new File([bytes], name)); return dt; }""",
        [name, base64.b64encode(data).decode()],
    )
    target.dispatch_event("dragover", {"dataTransfer": transfer})
    target.dispatch_event("drop", {"dataTransfer": transfer})


def test_drop_uploads_a_model_and_refuses_other_files(page: Page, serve: Serve, tmp_path: Path) -> None:
    uploads: list[str] = []

    with gr.Blocks() as demo:
        model = gr.Model3D(label="Drop", clear_color=list(CLEAR))
        name = gr.Textbox(label="Name")
        model.upload(lambda p: (uploads.append(p), Path(p).name)[1], model, name)
    page.goto(serve(demo))
    frame = page.get_by_role("group", name="Drop")
    drop_file(page, frame, "notes.txt", b"hello")
    expect(page.get_by_test_id("model3d-upload-error")).to_contain_text("notes.txt is not a 3D model")
    expect(page.get_by_test_id("model3d-dropzone")).to_be_visible()
    drop_file(page, frame, "dropped.glb", write_cube_glb(tmp_path).read_bytes())
    canvas = wait_ready(page)
    expect(page.get_by_label("Name")).to_have_value("dropped.glb")
    assert len(uploads) == 1
    background, model_px, _ = canvas_pixels(canvas)
    assert model_px > (background + model_px) * 0.05


def test_splat_is_offered_for_download(page: Page, serve: Serve, tmp_path: Path) -> None:
    splat = tmp_path / "scene.splat"
    splat.write_bytes(bytes(32 * 4))
    with gr.Blocks() as demo:
        gr.Model3D(str(splat), label="Splat")
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    notice = page.get_by_test_id("model3d-unavailable")
    expect(notice).to_contain_text("Preview is not available for this format (.splat)")
    link = notice.get_by_role("link", name="Download scene.splat")
    expect(link).to_have_attribute("href", re.compile(r"/gradio_api/file=.*scene\.splat$"))
    expect(page.get_by_test_id("model3d-canvas")).to_have_count(0)


def test_display_modes_draw_less_than_solid(page: Page, serve: Serve, tmp_path: Path) -> None:
    cube = write_cube_glb(tmp_path)
    with gr.Blocks() as demo:
        for mode in ("solid", "wireframe", "point_cloud"):
            gr.Model3D(str(cube), label=mode, display_mode=mode, clear_color=list(CLEAR), interactive=False)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    drawn = {}
    for index, mode in enumerate(("solid", "wireframe", "point_cloud")):
        drawn[mode] = canvas_pixels(wait_ready(page, index))[1]
    assert drawn["solid"] > 3 * drawn["wireframe"] > 0, drawn
    assert drawn["wireframe"] > drawn["point_cloud"] > 0, drawn


def test_without_webgl_the_page_says_so_and_offers_the_file(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.add_init_script(
        """const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
            return /webgl/.test(kind) ? null : original.call(this, kind, ...rest); };"""
    )
    cube = write_cube_obj(tmp_path)
    with gr.Blocks() as demo:
        gr.Model3D(str(cube), label="Cube")
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    notice = page.get_by_test_id("model3d-unavailable")
    expect(notice).to_contain_text("3D preview needs WebGL")
    expect(notice.get_by_role("link", name="Download cube.obj")).to_be_visible()


def test_a_broken_model_shows_an_error_with_a_download_link(page: Page, serve: Serve, tmp_path: Path) -> None:
    broken = tmp_path / "broken.glb"
    broken.write_bytes(b"glTF\x02\x00\x00\x00 this is not a real binary glTF file")
    with gr.Blocks() as demo:
        gr.Model3D(str(broken), label="Broken")
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    expect(page.get_by_test_id("model3d-viewer")).to_have_attribute("data-state", "error")
    error = page.get_by_test_id("model3d-error")
    expect(error).to_contain_text("Could not show broken.glb")
    expect(error.get_by_role("link", name="Download it")).to_be_visible()


def test_three_js_loads_only_when_a_model_is_shown(page: Page, serve: Serve, tmp_path: Path) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    with gr.Blocks() as demo:
        gr.Textbox(label="Text")
        gr.Model3D(label="Empty")
    page.goto(serve(demo))
    expect(page.get_by_test_id("model3d-dropzone")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/viewer-" in url or "Loader-" in url]
    drop_file(page, page.get_by_role("group", name="Empty"), "cube.obj", write_cube_obj(tmp_path).read_bytes())
    wait_ready(page)
    viewer_chunks = [url for url in requested if "/viewer-" in url]
    loader_chunks = [url.rsplit("/", 1)[-1].split("-")[0] for url in requested if "Loader-" in url]
    assert len(viewer_chunks) == 1
    assert loader_chunks == ["OBJLoader"]
