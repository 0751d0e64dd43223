"""Image alt_text/watermark and Video subtitles/playback_position on the page, as Gradio 6.31 shows them.

Measured on Gradio 6.31 with the same apps: an Image's <img> has alt="" unless alt_text is given (then that
text); a Video's <video> holds a <track kind="captions" default> whose cues are the subtitles, starts at
playback_position, seeks where a returned gr.Video(playback_position=...) says, and spans the block's width
(702 px in a 704 px block for a 480x270 clip).
The clip here is a WAV file, which Chromium plays in a <video> element (no video encoder is needed).
"""

from __future__ import annotations

import io
import re
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def write_clip(path: Path, seconds: float = 6.0) -> str:
    rate = 8000
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.zeros(int(rate * seconds), dtype=np.int16).tobytes())
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_image_alt_text_and_watermark(page: Page, serve: Serve, tmp_path: Path) -> None:
    photo = np.zeros((60, 100, 3), dtype=np.uint8)
    photo[...] = (255, 0, 0)
    stamp = np.zeros((8, 8, 4), dtype=np.uint8)
    stamp[...] = (0, 0, 255, 255)
    with gr.Blocks() as demo:
        gr.Image(photo, alt_text="A red field", watermark=gr.WatermarkOptions(stamp, "top-left"), elem_id="described")
        gr.Image(photo, elem_id="plain")
    page.goto(serve(demo))
    described = page.locator("#described img")
    expect(described).to_have_attribute("alt", "A red field")
    expect(page.locator("#plain img")).to_have_attribute("alt", "")  # decorative, as Gradio's
    src = described.get_attribute("src")
    assert src is not None
    data = page.request.get(src).body()
    pixels = np.asarray(PILImage.open(io.BytesIO(data)).convert("RGB"), dtype=int)
    assert pixels[14, 14, 2] > 200 and pixels[14, 14, 0] < 60  # the blue mark, 10 px in from the top left
    assert pixels[30, 50, 0] > 200  # the red image elsewhere


def test_video_captions_and_playback_position(page: Page, serve: Serve, tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "clip.wav")
    cues = [{"text": "Hello there", "timestamp": [0, 1.5]}, {"text": "Second cue", "timestamp": [1.5, 4]}]
    with gr.Blocks() as demo:
        video = gr.Video(clip, subtitles=cues, playback_position=2.0, elem_id="video")
        gr.Button("Seek 3").click(lambda: gr.Video(playback_position=3.0), None, video)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    player = page.locator("#video video")
    expect(player).to_have_attribute("src", re.compile(r"clip\.wav$"))
    track = page.locator("#video video track")
    expect(track).to_have_attribute("kind", "captions")
    expect(track).to_have_attribute("default", "")
    page.wait_for_function(
        "() => { const t = document.querySelector('#video video').textTracks[0];"
        " return t && t.mode === 'showing' && t.cues && t.cues.length === 2 }"
    )
    texts = page.evaluate("() => [...document.querySelector('#video video').textTracks[0].cues].map(c => c.text)")
    assert texts == ["Hello there", "Second cue"]
    page.wait_for_function("() => document.querySelector('#video video').currentTime === 2")
    # The video spans the block's width inside its 1px border (Gradio: 702 px in a 704 px block).
    widths = page.evaluate(
        "() => [document.querySelector('#video').getBoundingClientRect().width,"
        " document.querySelector('#video video').getBoundingClientRect().width]"
    )
    assert widths[1] == pytest.approx(widths[0] - 2, abs=0.5)
    # The user seeks: the position prop follows, so it is not pulled back...
    page.evaluate("() => { document.querySelector('#video video').currentTime = 1 }")
    page.wait_for_function("() => document.querySelector('#video video').currentTime === 1")
    # ...and a returned playback_position moves the player, again after the user has moved it.
    page.get_by_role("button", name="Seek 3").click()
    page.wait_for_function("() => document.querySelector('#video video').currentTime === 3")
    page.evaluate("() => { document.querySelector('#video video').currentTime = 0.5 }")
    page.wait_for_function("() => document.querySelector('#video video').currentTime === 0.5")
    page.get_by_role("button", name="Seek 3").click()
    page.wait_for_function("() => document.querySelector('#video video').currentTime === 3")
