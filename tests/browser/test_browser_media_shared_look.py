"""Shared media look: `width`, the source open at load, and the corner buttons' glyphs and tooltips, as Gradio 6.31's.

Measured on Gradio 6.31 (Chromium, 1280x800) with the same apps:
- Image/Video(width=200) in a 600px column: the whole block is 200px wide (`width: min(200px, 100%)`) and centred
  (x=232 in the column at x=32); the picture, player or drop zone fills it (198px inside the 1px border).
  Audio and Model3D have no `width`.
- The first of `sources` is open at load and after Clear: ["webcam", "upload"] shows "Click to Access Webcam",
  ["clipboard", "upload"] the clipboard area, ["microphone", "upload"] the recorder; ["upload", ...] the drop zone.
- Corner buttons' glyphs (getBBox scaled to the 14px svg): Download 10.5x12.3, Share 11.4x12.3, Fullscreen
  10.5x10.5, Clear 8.9x8.9; each button has a title tooltip: "Download", "Share", "Fullscreen", "Clear"
  ("Remove Image" on an image).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

ASSETS = Path(gr.__file__).resolve().parent / "media_assets"

GLYPH = """b => { const s = b.querySelector('svg'); const g = s.getBBox(); const k = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
  return [Math.round(g.width * k * 10) / 10, Math.round(g.height * k * 10) / 10]; }"""


def glyph(button: Any) -> tuple[float, float]:
    w, h = button.evaluate(GLYPH)
    return (w, h)


def files(tmp_path: Path) -> tuple[str, str, str]:
    out = []
    for sub in ("videos/world.mp4", "images/cheetah.jpg", "audio/audio_sample.wav"):
        dest = tmp_path / Path(sub).name
        shutil.copyfile(ASSETS / sub, dest)
        out.append(str(dest))
    return out[0], out[1], out[2]


def box(locator: Any) -> tuple[float, float]:
    b = locator.bounding_box()
    assert b is not None
    return round(b["x"], 1), round(b["width"], 1)


def test_width_sizes_and_centres_the_block(page: Page, serve: Serve, tmp_path: Path) -> None:
    video, image, _ = files(tmp_path)
    with gr.Blocks() as demo:
        with gr.Row():
            with gr.Column(min_width=600, scale=0):
                gr.Video(video, width=200, label="vw", elem_id="vw", interactive=False)
                gr.Image(image, width=200, label="iw", elem_id="iw", interactive=False)
                vwi = gr.Video(width=200, label="vwi", elem_id="vwi")
                iwi = gr.Image(width=200, label="iwi", elem_id="iwi")
        gr.Button("go").click(lambda *a: None, [vwi, iwi], None)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    expect(page.locator("#vw video")).to_be_visible()
    expect(page.locator("#iw img")).to_be_visible()
    for block_id in ("vw", "iw", "vwi", "iwi"):
        block = page.locator(f"#{block_id}")
        assert box(block) == (232, 200), block_id  # Gradio: 200px wide, centred in the 600px column at x=32
    assert box(page.locator("#vw video")) == (233, 198)  # Gradio: the player fills the block (198px)
    assert box(page.locator("#iw img")) == (233, 198)
    assert box(page.get_by_test_id("video-dropzone")) == (233, 198)
    assert box(page.get_by_test_id("image-dropzone")) == (233, 198)


def test_the_first_source_is_open_at_load_and_after_clear(page: Page, serve: Serve, tmp_path: Path) -> None:
    video, image, audio = files(tmp_path)
    with gr.Blocks() as demo:
        comps = [
            gr.Image(sources=["upload", "webcam"], elem_id="i0"),
            gr.Image(sources=["webcam", "upload"], elem_id="i1"),
            gr.Image(sources=["clipboard", "upload"], elem_id="i2"),
            gr.Video(sources=["webcam", "upload"], elem_id="v1"),
            gr.Audio(sources=["upload", "microphone"], elem_id="a0"),
            gr.Audio(sources=["microphone", "upload"], elem_id="a1"),
            gr.Image(image, sources=["webcam", "upload"], elem_id="ic"),
            gr.Video(video, sources=["webcam", "upload"], elem_id="vc"),
            gr.Audio(audio, sources=["microphone", "upload"], elem_id="ac"),
        ]
        gr.Button("go").click(lambda *a: None, comps, None)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    # Gradio: the drop zone for an upload-first list, the first source's own area otherwise
    expect(page.locator("#i0").get_by_test_id("image-dropzone")).to_be_visible()
    expect(page.locator("#a0").get_by_test_id("audio-dropzone")).to_be_visible()
    expect(page.locator("#i1")).to_contain_text("Click to Access Webcam")
    expect(page.locator("#v1")).to_contain_text("Click to Access Webcam")
    expect(page.locator("#i2").get_by_test_id("image-paste")).to_be_visible()
    expect(page.locator("#a1").get_by_role("button", name="Record", exact=True)).to_be_visible()
    for block_id in ("i1", "i2", "v1", "a1"):
        expect(page.locator(f"#{block_id} [data-testid$=dropzone]")).to_have_count(0)
    # with a value the file shows; Clear then opens the first source (Gradio: the webcam / the recorder)
    for block_id, kind, text in (("ic", "image", "Click to Access Webcam"), ("vc", "video", "Click to Access Webcam")):
        block = page.locator(f"#{block_id}")
        block.hover()
        block.get_by_test_id(f"{kind}-clear").click()
        expect(block).to_contain_text(text)
    block = page.locator("#ac")
    block.get_by_test_id("audio-clear").click()
    expect(block.get_by_role("button", name="Record", exact=True)).to_be_visible()


def test_corner_glyphs_and_tooltips(page: Page, serve: Serve, tmp_path: Path) -> None:
    video, image, audio = files(tmp_path)
    with gr.Blocks() as demo:
        gr.Image(image, elem_id="io", interactive=False, buttons=["download", "share", "fullscreen"])
        gr.Audio(audio, elem_id="ao", interactive=False)
        ii = gr.Image(image, elem_id="ii")
        vi = gr.Video(video, elem_id="vi")
        gr.Button("go").click(lambda *a: None, [ii, vi], None)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    out = page.locator("#io")
    expect(out.get_by_test_id("image-preview")).to_be_visible()
    # Gradio's glyphs, in px of the 14px svg, and their title tooltips
    expected = {
        "image-download": ((10.5, 12.3), "Download"),
        "image-share": ((11.4, 12.3), "Share"),
        "image-fullscreen": ((10.5, 10.5), "Fullscreen"),
    }
    for testid, (size, title) in expected.items():
        button = out.get_by_test_id(testid)
        assert glyph(button) == size, testid
        expect(button).to_have_attribute("title", title)
    audio_out = page.locator("#ao")
    expect(audio_out.get_by_test_id("audio-download")).to_have_attribute("title", "Download")
    assert glyph(audio_out.get_by_test_id("audio-download")) == (10.5, 12.3)
    clear = page.locator("#ii").get_by_test_id("image-clear")
    assert glyph(clear) == (8.9, 8.9)  # Gradio: the Clear cross is 8.9x8.9
    expect(clear).to_have_attribute("title", "Remove Image")
    video_clear = page.locator("#vi").get_by_test_id("video-clear")
    assert glyph(video_clear) == (8.9, 8.9)
    expect(video_clear).to_have_attribute("title", "Clear")


def test_highlighted_text_shows_a_highlighter_icon(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.HighlightedText(label="Marks", elem_id="ht")
    page.goto(serve(demo))
    block = page.locator("#ht")
    expect(block.get_by_test_id("highlighted-text-empty")).to_be_visible()
    # our own highlighter glyph (a pen over a filled stroke), not the edit pencil, in the label and the empty state
    expect(block.locator("svg rect[fill=currentColor]")).to_have_count(2)
