"""Media components' small texts and button names, as Gradio 6.31's.

Measured on Gradio 6.31 (Chromium) with the same apps, every value below recorded there:
- Source buttons (Image/Video/Audio): aria-label "Upload file", "Capture from camera", "Record audio",
  "Paste from clipboard", and no title attribute (no tooltip).
- Audio(sources=["microphone"]): the corner Clear button is named and titled "Clear".
- Image(sources=["clipboard"]): the area shows a 30x30 clipboard icon over the single line "Paste from Clipboard"
  (16px, 24px line, the label text colour); the icon's top is 95px below the area's top (the 240px area's 12px top
  padding, then the 62px content centred), the text 8px under the icon, both centred.
- An interactive Video holding a value: the corner shows "Reset video to initial value", "Trim video to selection"
  and "Clear", in that order, and no Download or Share.
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

# Names and tooltips of every visible button in a block, in DOM order.
BUTTONS = """el => [...el.querySelectorAll('button, a')].filter(b => b.getBoundingClientRect().width > 0)
  .map(b => [b.getAttribute('aria-label'), b.getAttribute('title')])"""


def test_source_buttons_are_named_without_tooltips(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        img = gr.Image(sources=["upload", "webcam", "clipboard"], elem_id="img")
        aud = gr.Audio(sources=["upload", "microphone"], elem_id="aud")
        vid = gr.Video(sources=["upload", "webcam"], elem_id="vid")
        gr.Button("go").click(lambda *a: None, [img, aud, vid], None)
    page.goto(serve(demo))
    expect(page.get_by_test_id("image-source-clipboard")).to_be_visible()
    expected = {
        "img": ["Upload file", "Capture from camera", "Paste from clipboard"],
        "aud": ["Upload file", "Record audio"],
        "vid": ["Upload file", "Capture from camera"],
    }
    for block_id, names in expected.items():
        bar = page.locator(f"#{block_id} [role=toolbar]")
        got = bar.locator("button").evaluate_all("bs => bs.map(b => [b.getAttribute('aria-label'), b.title])")
        # Gradio: the names as aria-label, no title
        assert got == [[name, ""] for name in names], block_id


def test_microphone_clear_is_named_clear(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        mic = gr.Audio(sources=["microphone"], elem_id="mic")
        gr.Button("go").click(lambda a: None, mic, None)
    page.goto(serve(demo))
    clear = page.locator("#mic").get_by_role("button", name="Clear", exact=True)
    expect(clear).to_be_visible()
    expect(clear).to_have_attribute("title", "Clear")  # Gradio: aria-label and title "Clear"


def test_clipboard_area_text_and_icon(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        clip = gr.Image(sources=["clipboard"], elem_id="clip")
        gr.Button("go").click(lambda a: None, clip, None)
    page.goto(serve(demo))
    area = page.get_by_test_id("image-paste")
    expect(area).to_have_text("Paste from Clipboard")  # Gradio: this single line, no hint
    got = area.evaluate(
        """a => { const r = a.getBoundingClientRect(); const svg = a.querySelector('svg').getBoundingClientRect();
          const t = [...a.querySelectorAll('span')].find(s => s.textContent.trim() === 'Paste from Clipboard');
          const tr = t.getBoundingClientRect(); const cs = getComputedStyle(t);
          return { area: r.height, icon: [svg.width, svg.height, svg.top - r.top, svg.left + svg.width / 2 - r.left - r.width / 2],
                   text: [tr.top - svg.bottom, tr.left + tr.width / 2 - r.left - r.width / 2, cs.fontSize, cs.lineHeight],
                   label: getComputedStyle(a).color === cs.color } }"""
    )
    assert got["area"] == 240  # Gradio: 240
    w, h, top, dx = got["icon"]
    assert (w, h) == (30, 30)  # Gradio: 30x30
    assert top == pytest.approx(95, abs=1)  # Gradio: 95
    assert dx == pytest.approx(0, abs=1)  # centred
    gap, tdx, size, line = got["text"]
    assert gap == pytest.approx(8, abs=1)  # Gradio: 8px under the icon
    assert tdx == pytest.approx(0, abs=1)
    assert (size, line) == ("16px", "24px")  # Gradio: 16px / 24px
    assert got["label"]
    # A clipboard, as Gradio's: a glyph taller than wide (the upload arrow it replaced is as wide as tall).
    gw, gh = area.locator("svg").evaluate("s => { const b = s.getBBox(); return [b.width, b.height]; }")
    assert gh > gw * 1.1


def test_interactive_video_corner_buttons(page: Page, serve: Serve, tmp_path: Path) -> None:
    video = tmp_path / "world.mp4"
    shutil.copyfile(ASSETS / "videos" / "world.mp4", video)
    with gr.Blocks() as demo:
        vid = gr.Video(str(video), elem_id="vid")
        gr.Button("go").click(lambda a: None, vid, None)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    expect(page.locator("#vid video")).to_be_visible()
    expect(page.get_by_test_id("video-clear")).to_be_visible()
    corner: list[Any] = page.locator("#vid").evaluate(BUTTONS)
    names = [name for name, _ in corner]
    # Gradio: undo, trim and clear in the corner; no download or share on an editable video
    assert [n for n in names if n and n.startswith(("Reset", "Trim"))] == [
        "Reset video to initial value",
        "Trim video to selection",
    ]
    assert not any(n and ("Download" in n or "Share" in n) for n in names)
    expect(page.get_by_test_id("video-clear")).to_have_attribute("title", "Clear")


def test_clicking_the_clipboard_area_pastes_the_image(page: Page, serve: Serve) -> None:
    # Gradio: a click on the area reads the clipboard and uploads the image it holds.
    with gr.Blocks() as demo:
        clip = gr.Image(sources=["clipboard"], elem_id="clip")
        gr.Button("go").click(lambda a: None, clip, None)
    url = serve(demo)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page.goto(url)
    area = page.get_by_test_id("image-paste")
    expect(area).to_be_visible()
    page.evaluate(
        """async () => { const c = document.createElement('canvas'); c.width = 4; c.height = 3;
          c.getContext('2d').fillRect(0, 0, 4, 3);
          const blob = await new Promise(r => c.toBlob(r, 'image/png'));
          await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]); }"""
    )
    area.click()
    expect(page.locator("#clip img[data-testid=image-preview]")).to_be_visible()
