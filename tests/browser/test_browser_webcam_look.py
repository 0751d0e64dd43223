"""Webcam and microphone capture drawn and behaving as Gradio 6.31's, and their options applied.

Every expected number was measured by serving the same apps with Gradio 6.31 in this Chromium (1280x800
window, `--use-fake-ui-for-media-stream --use-fake-device-for-media-stream`, whose fake camera gives
1920x1440 frames by default) and reading getBoundingClientRect / getComputedStyle on its page:

- Image(sources=["webcam"]) before the click: a 242px block (240px area) showing a 30x30 webcam icon over
  "Click to Access Webcam"; getUserMedia is not called until the area is clicked.
- The live preview: the <video> fills the 598px-wide frame (598x448.5 for the 4:3 camera; block 450.5px),
  flipped with transform matrix(-1, 0, 0, 1, 0, 0) unless WebcamOptions(mirror=False). Its floating bar is
  54x54 (4px padding, 12px radius) centred 8px above the preview's bottom around a round 44x44 shutter with a
  20px icon (image), or 126x50 around a 116x40 Record button with an 18px accent dot (video).
- Audio(sources=["microphone"]): an 83.8px block; Record button 88.9x32 with a 16px dot, the microphone list
  160x32 on the right edge. recording=True starts at once: a 185.4px block, Stop 80x32 outlined in the accent
  colour (rgb(234, 88, 12)) and an 80x32 pause button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

#: Counts getUserMedia calls in window.__gum (installed before the app's scripts run).
COUNT_GUM = """
(() => {
  window.__gum = 0;
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia) return;
  const real = md.getUserMedia.bind(md);
  md.getUserMedia = (c) => { window.__gum += 1; window.__lastConstraints = c; return real(c); };
})();
"""

#: A camera whose picture is red on its left half and blue on its right (64x48).
HALF_CAMERA = """
(() => {
  navigator.mediaDevices.getUserMedia = async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64; canvas.height = 48;
    const g = canvas.getContext('2d');
    const paint = () => { g.fillStyle = '#ff0000'; g.fillRect(0, 0, 32, 48); g.fillStyle = '#0000ff'; g.fillRect(32, 0, 32, 48); };
    paint(); setInterval(paint, 50);
    return canvas.captureStream(20);
  };
})();
"""


def box(locator: Any) -> dict[str, float]:
    rect = locator.bounding_box()
    assert rect is not None
    return rect


def block_height(page: Page, elem_id: str) -> float:
    block = page.locator(f"#{elem_id}")
    expect(block).to_be_visible()  # waits for the app to render it
    return box(block)["height"]


def test_webcam_waits_for_a_click_then_shows_a_mirrored_preview(media_page: Page, serve: Serve) -> None:
    page = media_page
    with gr.Blocks() as demo, gr.Row():  # two columns, as measured on Gradio
        image = gr.Image(sources=["webcam"], label="Cam", elem_id="cam")
        out = gr.Textbox(label="Out")
        image.change(lambda im: "none" if im is None else str(im.shape), image, out)
    page.add_init_script(COUNT_GUM)
    page.goto(serve(demo))

    access = page.get_by_test_id("image-webcam-access")
    expect(access).to_have_text("Click to Access Webcam")
    assert abs(block_height(page, "cam") - 242) < 1  # Gradio: 242
    icon = box(access.locator("svg"))
    assert (icon["width"], icon["height"]) == (30, 30)
    assert page.evaluate("window.__gum") == 0  # nothing opened before the click
    expect(page.get_by_test_id("image-webcam")).to_have_count(0)
    # Gradio draws an Image without a value dashed, whatever its source
    assert page.locator("#cam").evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"

    access.click()
    preview = page.get_by_test_id("image-webcam")
    expect(preview).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-testid=image-webcam]').videoWidth > 0")
    # Gradio asks for an ideal 1920x1440 picture without constraints, and no sound for Image.
    constraints = page.evaluate("window.__lastConstraints")
    assert constraints == {"video": {"width": {"ideal": 1920}, "height": {"ideal": 1440}}, "audio": False}
    assert preview.evaluate("v => getComputedStyle(v).transform") == "matrix(-1, 0, 0, 1, 0, 0)"
    video = box(preview)
    assert video["width"] == 598 and abs(video["height"] - 448.5) < 0.6  # Gradio: 598x448.5
    assert abs(block_height(page, "cam") - 450.5) < 0.6  # Gradio: 450.5
    shutter = page.get_by_test_id("image-capture")
    bar = box(shutter.locator(".."))
    assert (bar["width"], bar["height"]) == (54, 54)  # Gradio: 54x54
    assert abs(video["y"] + video["height"] - (bar["y"] + bar["height"]) - 8) < 0.6  # 8px above the bottom
    assert abs(bar["x"] + bar["width"] / 2 - (video["x"] + video["width"] / 2)) < 0.6  # centred
    button = box(shutter)
    assert (button["width"], button["height"]) == (44, 44)  # Gradio: 44x44
    assert (box(shutter.locator("svg"))["width"]) == 20

    shutter.click()
    # The fake camera's own size reaches the function (PNG, as Gradio's)
    expect(page.get_by_label("Out")).to_have_value("(1440, 1920, 3)")
    expect(page.get_by_test_id("image-preview")).to_be_visible()


def test_constraints_and_mirror_off_are_applied(media_page: Page, serve: Serve) -> None:
    page = media_page
    options = gr.WebcamOptions(mirror=False, constraints={"video": {"width": 320, "height": 240}})
    with gr.Blocks() as demo:
        image = gr.Image(sources=["webcam"], webcam_options=options, label="Cam")
        out = gr.Textbox(label="Out")
        image.change(lambda im: "none" if im is None else str(im.shape), image, out)
    page.goto(serve(demo))
    page.get_by_test_id("image-webcam-access").click()
    preview = page.get_by_test_id("image-webcam")
    expect(preview).to_be_visible()
    page.wait_for_function("() => document.querySelector('[data-testid=image-webcam]').videoWidth > 0")
    assert preview.evaluate("v => [v.videoWidth, v.videoHeight]") == [320, 240]
    assert preview.evaluate("v => getComputedStyle(v).transform") == "none"
    page.get_by_test_id("image-capture").click()
    expect(page.get_by_label("Out")).to_have_value("(240, 320, 3)")


@pytest.mark.parametrize(("mirror", "left"), [(True, "blue"), (False, "red")])
def test_a_mirrored_webcam_takes_mirrored_pictures(media_page: Page, serve: Serve, mirror: bool, left: str) -> None:
    page = media_page

    def left_colour(im: np.ndarray) -> str:
        r, _, b = (int(v) for v in im[24, 4][:3])
        return "red" if r > b else "blue"

    with gr.Blocks() as demo:
        image = gr.Image(sources=["webcam"], webcam_options={"mirror": mirror}, label="Cam")
        out = gr.Textbox(label="Out")
        image.change(lambda im: "none" if im is None else left_colour(im), image, out)
    page.add_init_script(HALF_CAMERA)
    page.goto(serve(demo))
    page.get_by_test_id("image-webcam-access").click()
    page.wait_for_function("() => document.querySelector('[data-testid=image-webcam]')?.videoWidth > 0")
    page.get_by_test_id("image-capture").click()
    expect(page.get_by_label("Out")).to_have_value(left)


def test_default_image_sources_switch_to_the_webcam_area(media_page: Page, serve: Serve) -> None:
    page = media_page
    with gr.Blocks() as demo:
        gr.Image(label="Default", elem_id="img")
        gr.Button("Go").click(lambda x: None, gr.State(), None)
    page.add_init_script(COUNT_GUM)
    page.goto(serve(demo))
    page.get_by_role("button", name="Capture from camera").click()
    expect(page.get_by_test_id("image-webcam-access")).to_be_visible()
    assert box(page.get_by_test_id("image-webcam-access"))["height"] == 240  # Gradio: 240 over the 40px source bar
    assert page.evaluate("window.__gum") == 0


def test_video_recording_follows_include_audio(media_page: Page, serve: Serve) -> None:
    page = media_page
    with gr.Blocks() as demo:
        with gr.Row():  # two columns, as measured on Gradio
            silent = gr.Video(sources=["webcam"], include_audio=False, label="Silent", elem_id="silent")
            loud = gr.Video(sources=["upload", "webcam"], label="Loud", elem_id="loud")  # include_audio: True
        gr.Button("Go").click(lambda a, b: None, [silent, loud], None)
    page.add_init_script(COUNT_GUM)
    page.goto(serve(demo))

    silent_block = page.locator("#silent")
    silent_block.get_by_test_id("video-webcam-access").click()
    expect(silent_block.get_by_test_id("video-webcam")).to_be_visible()
    assert page.evaluate("window.__lastConstraints.audio") is False
    tracks = silent_block.get_by_test_id("video-webcam").evaluate("v => v.srcObject.getTracks().map(t => t.kind)")
    assert tracks == ["video"]

    record = silent_block.get_by_test_id("video-record")
    expect(record).to_have_text("Record")
    bar = box(record.locator(".."))
    assert (bar["width"], bar["height"]) == (126, 50)  # Gradio: 126x50
    button = box(record)
    assert (button["width"], button["height"]) == (116, 40)  # Gradio: 116x40
    assert record.locator("svg").evaluate("s => getComputedStyle(s).fill") == "rgb(234, 88, 12)"
    record.click()
    expect(record).to_have_text("Stop")
    expect(record).to_have_attribute("aria-pressed", "true")
    # Stopped at once: the browser's encoder hands over its first frame about half a second after the
    # start (longer on a loaded machine) and drops what it holds on a stop, so the stop must wait for it.
    record.click()
    player = silent_block.get_by_test_id("video-player")
    expect(player).to_be_visible()
    # The recorded file, played back, has no sound track.
    player.evaluate("v => v.readyState >= 1 || new Promise(r => v.addEventListener('loadedmetadata', r, {once: true}))")
    has_audio = player.evaluate(
        """async (v) => { const ctx = new AudioContext(); try { const buf = await (await fetch(v.currentSrc)).arrayBuffer();
        await ctx.decodeAudioData(buf); return true; } catch { return false; } finally { ctx.close(); } }"""
    )
    assert has_audio is False

    page.locator("#loud").get_by_role("button", name="Capture from camera").click()
    page.locator("#loud").get_by_test_id("video-webcam-access").click()
    loud_preview = page.locator("#loud").get_by_test_id("video-webcam")
    expect(loud_preview).to_be_visible()
    assert sorted(loud_preview.evaluate("v => v.srcObject.getTracks().map(t => t.kind)")) == ["audio", "video"]


def test_microphone_looks_as_gradio_and_recording_true_starts_at_once(media_page: Page, serve: Serve) -> None:
    page = media_page
    with gr.Blocks() as demo:
        with gr.Row():  # two columns, as measured on Gradio
            idle = gr.Audio(sources=["microphone"], label="Mic", elem_id="idle")
            auto = gr.Audio(
                sources=["microphone"],
                recording=True,
                label="Auto",
                elem_id="auto",
                waveform_options=gr.WaveformOptions(sample_rate=16000),
            )
        out = gr.Textbox(label="Out")
        auto.stop_recording(lambda: None, None, None)
        auto.change(lambda a: "none" if a is None else str(a[0]), auto, out)
        gr.Button("Go").click(lambda a: None, idle, None)
    page.goto(serve(demo))

    idle_block = page.locator("#idle")
    record = idle_block.get_by_test_id("audio-record")
    expect(record).to_have_text("Record")  # the app has rendered: measure it
    assert abs(block_height(page, "idle") - 83.8) < 0.6  # Gradio: 83.8
    rect = box(record)
    assert abs(rect["width"] - 88.9) < 0.6 and rect["height"] == 32  # Gradio: 88.9x32
    dot = record.locator(".dot")
    assert (box(dot)["width"], box(dot)["height"]) == (16, 16)
    mics = box(idle_block.get_by_test_id("audio-mic-select"))
    block = box(idle_block)
    assert (mics["width"], mics["height"]) == (160, 32)  # Gradio: 160x32, 12px in from the right edge
    assert abs(block["x"] + block["width"] - 1 - 12 - (mics["x"] + mics["width"])) < 0.6
    # the first microphone is shown chosen (Gradio: "Fake Default Audio Input")
    expect(idle_block.get_by_test_id("audio-mic-select")).not_to_have_value("")

    auto_block = page.locator("#auto")
    stop = auto_block.get_by_test_id("audio-record")
    expect(stop).to_have_attribute("aria-pressed", "true")  # recording=True: no click needed
    expect(stop).to_have_text("Stop")
    expect(auto_block.get_by_test_id("audio-recording-waveform")).to_be_visible()
    assert abs(block_height(page, "auto") - 185.4) < 0.6  # Gradio: 185.4
    rect = box(stop)
    assert (rect["width"], rect["height"]) == (80, 32)  # Gradio: 80x32
    assert stop.evaluate("b => getComputedStyle(b).borderColor") == "rgb(234, 88, 12)"
    pause = box(auto_block.get_by_test_id("audio-pause"))
    assert (pause["width"], pause["height"]) == (80, 32)
    expect(auto_block.get_by_test_id("audio-elapsed")).to_have_text("0:01")
    stop.click()
    # The recording reaches the function resampled to waveform_options.sample_rate, as Gradio sends it.
    expect(page.get_by_label("Out")).to_have_value("16000")


def test_no_camera_keeps_the_access_area_and_says_why(page: Page, serve: Serve) -> None:
    demo = gr.Interface(lambda im: None, gr.Image(sources=["webcam"], label="Cam"), None)
    page.goto(serve(demo))
    access = page.get_by_test_id("image-webcam-access")
    access.click()
    expect(page.get_by_test_id("image-webcam-error")).to_be_visible()
    expect(access).to_contain_text("Click to Access Webcam")
    assert box(access)["height"] == 240  # the full area stays (Gradio stays on it too, silently)
