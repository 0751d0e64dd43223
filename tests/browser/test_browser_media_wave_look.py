"""The audio waveform, the player's controls on a narrow window and the upload prompts' text size, as
Gradio 6.31 draws them.

Measured by serving the same apps with Gradio 6.31 in this Chromium and reading its page (the waveform's
canvas pixels, getBoundingClientRect, getComputedStyle):

- A 4 s clip (1 s silence, 1 s of a full-scale 220 Hz tone, 1 s of it at 0.4, 1 s of a full-scale 6 kHz
  tone) in a 1190px waveform: 2px bars every 5px; bars 0..295 are 1px dots on row 25, 300..595 span rows
  0..49, 600..890 rows 15..34 (20px), 895.. rows 0..49; the columns between bars are empty.
- At 390px wide the controls wrap into two rows (68px high): skip back, play and skip forward at
  (113, 133.4), (147, 133.4) and (189, 133.4) from the block's corner, the volume and speed buttons
  under them at (19, 173.4) and (49, 173.4). At 1280 they share one row.
- The upload prompt ("Drop Audio Here", "- or -", "Click to Upload"; "Drop Image Here"; "Click to
  Access Webcam") is 14px on a window under 768px wide (21px lines), 16px (24px lines) from 768px.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

from .conftest import write_wav

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

#: For every column of the canvas: the first and last painted row, or None.
COLUMNS = """
(canvas) => {
  const g = canvas.getContext('2d');
  const {width, height} = canvas;
  const data = g.getImageData(0, 0, width, height).data;
  const out = [];
  for (let x = 0; x < width; x++) {
    let top = -1, bottom = -1;
    for (let y = 0; y < height; y++) if (data[(y * width + x) * 4 + 3] > 0) { if (top < 0) top = y; bottom = y; }
    out.push(top < 0 ? null : [top, bottom]);
  }
  return out;
}
"""


def write_envelope(path: Path, rate: int = 22050) -> Path:
    t = np.arange(rate) / rate
    low = np.sin(2 * np.pi * 220 * t)
    signal = np.concatenate([np.zeros(rate), low, 0.4 * low, np.sin(2 * np.pi * 6000 * t)])
    return write_wav(path, signal, rate)


def rect(page: Page, block: str, sel: str) -> list[float]:
    return list(
        page.evaluate(
            """([block, sel]) => {
              const B = document.getElementById(block).getBoundingClientRect();
              const r = document.querySelector(`#${block} ${sel}`).getBoundingClientRect();
              return [r.left - B.left, r.top - B.top, r.width, r.height];
            }""",
            [block, sel],
        )
    )


def near(actual: list[float], expected: list[float], tol: float = 1.0) -> None:
    assert all(abs(a - e) <= tol for a, e in zip(actual, expected, strict=False)), (actual, expected)


def test_waveform_bars_follow_the_loudness(page: Page, serve: Serve, tmp_path: Path) -> None:
    wav = write_envelope(tmp_path / "env.wav")
    with gr.Blocks() as demo:
        gr.Audio(value=str(wav), label="Out", elem_id="out")
    page.goto(serve(demo))
    canvas = page.locator("#out canvas")
    expect(canvas).to_be_visible()
    page.wait_for_function(
        "c => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v)",
        arg=canvas.element_handle(),
    )
    columns: list[Any] = canvas.evaluate(COLUMNS)
    assert len(columns) == 1190
    # The playhead (2px, columns 0 and 1) covers the first bar: check the bars from the second on.
    for x in range(5, 1190, 5):
        want = [25, 25] if x <= 295 else [0, 49] if x <= 595 else [15, 34] if x <= 890 else [0, 49]
        assert columns[x] == want and columns[x + 1] == want, (x, columns[x], want)
        assert columns[x + 2] is None and columns[x + 4] is None, (x, columns[x + 2 : x + 5])
    assert columns[0] == [0, 49]  # the playhead at 0:00, the strip's full height


def test_controls_wrap_on_a_narrow_window(page: Page, serve: Serve, tmp_path: Path) -> None:
    wav = write_envelope(tmp_path / "env.wav")
    with gr.Blocks() as demo:
        gr.Audio(value=str(wav), label="Out", elem_id="out")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(serve(demo))
    expect(page.locator("#out [data-testid=audio-play]")).to_be_visible()
    near(rect(page, "out", "[data-testid=audio-rewind]"), [113, 133.4, 24, 32])
    near(rect(page, "out", "[data-testid=audio-play]"), [147, 133.4, 32, 32])
    near(rect(page, "out", "[data-testid=audio-forward]"), [189, 133.4, 24, 32])
    near(rect(page, "out", "[data-testid=audio-volume]"), [19, 173.4, 20, 20])
    near(rect(page, "out", "[data-testid=audio-speed]"), [49, 173.4])
    near(rect(page, "out", "[data-testid=audio-controls]")[3:], [68])


@pytest.mark.parametrize(("width", "size", "line"), [(390, "14px", "21px"), (1280, "16px", "24px")])
def test_upload_prompt_text_size(page: Page, serve: Serve, width: int, size: str, line: str) -> None:
    with gr.Blocks() as demo:
        gr.Audio(sources=["upload"], elem_id="aud")
        gr.Image(sources=["upload"], elem_id="img")
        gr.Image(sources=["webcam"], elem_id="cam")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve(demo))
    for block, text in (
        ("aud", "Drop Audio Here"),
        ("aud", "- or -"),
        ("aud", "Click to Upload"),
        ("img", "Drop Image Here"),
        ("cam", "Click to Access Webcam"),
    ):
        item = page.locator(f"#{block}").get_by_text(text, exact=True).first
        expect(item).to_be_visible()
        style = item.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e).lineHeight]")
        assert style[0] == size, (block, text, style)
        if block != "cam":
            assert style[1] == line, (block, text, style)
