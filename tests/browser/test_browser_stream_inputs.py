"""Streaming inputs in the browser (Chromium's fake camera and microphone), as on Gradio 6.31.

Image(sources=["webcam"], streaming=True): after "Click to Access Webcam", Record streams a JPEG frame every
``stream_every`` seconds to the ``.stream`` listener (the first joins its event, the next are posted to
``/gradio_api/stream/{event_id}``) and each result shows in the output at once; Stop posts
``/stream/{event_id}/close``. With a ``time_limit`` a 4px bar counts it down, and when it is spent the page
joins a new event with the next frame while the camera still streams. Audio(sources=["microphone"],
streaming=True): Record uploads a WAV chunk every ``stream_every`` seconds and the function gets
``(rate, int16 samples)``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


class Seen:
    """What the app's functions got (appended to from the server's threads)."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self.lock = threading.Lock()

    def add(self, item: Any) -> int:
        with self.lock:
            self.items.append(item)
            return len(self.items)


def test_webcam_frames_stream_to_the_function_and_back(media_page: Page, serve: Serve) -> None:
    seen = Seen()

    def frame(img: np.ndarray) -> str:
        n = seen.add(img.shape)
        return f"frame {n}: {img.shape[1]}x{img.shape[0]}"

    with gr.Blocks() as demo:
        cam = gr.Image(sources=["webcam"], streaming=True, label="cam", elem_id="cam")
        out = gr.Textbox(label="out", elem_id="out")
        cam.stream(frame, cam, out, stream_every=0.2)
    page = media_page
    page.goto(serve(demo))
    joins: list[str] = []
    chunks: list[str] = []
    page.on("request", lambda r: joins.append(r.url) if r.url.endswith("/queue/join") else None)
    page.on("request", lambda r: chunks.append(r.url) if re.search(r"/gradio_api/stream/\w+$", r.url) else None)
    page.get_by_test_id("image-webcam-access").click()
    record = page.get_by_test_id("image-stream")
    expect(record).to_have_text("Record")
    expect(page.get_by_test_id("image-capture")).to_have_count(0)  # no shutter: the webcam streams
    assert not seen.items  # nothing is sent before Record
    record.click()
    expect(record).to_have_text("Stop")
    # Frames keep reaching Python and each result shows in the output as it comes.
    box = page.locator("#out textarea")
    expect(box).to_have_value(re.compile(r"^frame ([5-9]|\d\d+): \d+x\d+$"))
    assert len(joins) == 1 and len(chunks) >= 4
    # As Gradio's page: while the stream runs, the output's minimal tracker counts the time since its last
    # result (" 0.2s": no "processing |", no spinner).
    expect(page.locator("#out").get_by_test_id("status-tracker")).to_have_text(re.compile(r"^\s*\d+\.\ds\s*$"))
    height, width, channels = seen.items[0]
    assert channels == 3 and width > 0 and height > 0
    with page.expect_response(lambda r: r.url.endswith("/close") and r.status == 200):
        record.click()
    expect(record).to_have_text("Record")
    sent = len(seen.items)
    # Record again: a new event, and the frames flow again.
    record.click()
    expect(box).to_have_value(re.compile(rf"^frame ({sent + 3}|{sent + 4}|{sent + 5}|\d{{3,}})"))
    assert len(joins) == 2
    with page.expect_response(lambda r: r.url.endswith("/close") and r.status == 200):
        record.click()


def test_time_limit_bar_and_a_new_event_after_it(media_page: Page, serve: Serve) -> None:
    seen = Seen()

    def frame(img: np.ndarray, request: gr.Request) -> str:
        return f"{seen.add(request.session_hash)}"

    with gr.Blocks() as demo:
        cam = gr.Image(sources=["webcam"], streaming=True, elem_id="cam")
        out = gr.Textbox(elem_id="out")
        cam.stream(frame, cam, out, stream_every=0.2, time_limit=1.5)
    page = media_page
    page.goto(serve(demo))
    joins: list[str] = []
    page.on("request", lambda r: joins.append(r.url) if r.url.endswith("/queue/join") else None)
    page.get_by_test_id("image-webcam-access").click()
    page.get_by_test_id("image-stream").click()
    bar = page.locator("#cam [data-testid=streaming-bar]")
    expect(bar).to_be_visible()
    # As Gradio's: its animation lasts the seconds the event has left (its time_limit less the first call).
    expect(bar).to_have_attribute("style", re.compile(r"animation-duration: [0-9.]+s"))
    style = bar.get_attribute("style") or ""
    duration = float(re.findall(r"animation-duration: ([0-9.]+)s", style)[0])
    assert 0 < duration <= 1.5
    expect(bar).to_have_css("height", "4px")
    # The limit ends the first event; the camera still streams, so the next frame joins a new one.
    with page.expect_request(lambda r: r.url.endswith("/queue/join"), timeout=15_000):
        pass
    expect(page.locator("#out textarea")).to_have_value(re.compile(r"^\d+$"))
    assert len(joins) >= 2
    page.get_by_test_id("image-stream").click()
    expect(bar).to_have_count(0)


def test_microphone_chunks_stream_to_the_function(media_page: Page, serve: Serve) -> None:
    seen = Seen()

    def count(audio: tuple[int, np.ndarray] | None, total: float | None) -> float:
        if audio is None:
            return total or 0
        rate, data = audio
        seen.add((rate, data.dtype.name, data.shape))
        return (total or 0) + len(data)

    with gr.Blocks() as demo:
        mic = gr.Audio(sources=["microphone"], streaming=True, elem_id="mic")
        total = gr.Number(elem_id="total")
        mic.stream(count, [mic, total], total, stream_every=0.3)
    page = media_page
    page.goto(serve(demo))
    record = page.get_by_test_id("audio-record")
    geometry = """() => { const m = document.querySelector('#mic .microphone'), box = m.getBoundingClientRect();
        const at = (s) => { const b = m.querySelector(s).getBoundingClientRect(); return [b.x - box.x, b.y - box.y, b.width]; };
        return {record: at('[data-testid=audio-record]'), select: at('select'), height: box.height}; }"""
    # Gradio's streaming recorder (measured on its page): 10px round it, a 96px Record button; recording, the
    # 58px strip and a Stop button level with the device menu, 110px in all.
    expect(record).to_be_visible()
    idle = page.evaluate(geometry)
    assert idle["record"] == [10, 10, 96] and idle["select"][1] == 10, idle
    record.click()
    expect(page.get_by_test_id("audio-pause")).to_have_count(0)  # no pause while streaming
    expect(page.get_by_test_id("audio-recording-waveform")).to_be_visible()
    recording = page.evaluate(geometry)
    assert recording["record"] == [10, 68, 80] and recording["select"][1] == 68 and recording["height"] == 110, (
        recording
    )
    number = page.locator("#total input")
    expect(number).not_to_have_value(re.compile(r"^(0|)$"))
    # As Gradio's: no live levels while streaming, a flat line of 1px dots across the strip (Chromium's fake
    # microphone beeps, which a level meter would draw as tall bars).
    strip = page.get_by_test_id("audio-recording-waveform")
    inked = strip.evaluate(
        """c => { const g = c.getContext('2d'), d = g.getImageData(0, 0, c.width, c.height).data, rows = new Set();
        let dots = 0; for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++)
          if (d[(y * c.width + x) * 4 + 3] > 128 && x > 4) { rows.add(y); dots++; }
        return [rows.size, dots > c.width / 5] }"""
    )
    ratio = page.evaluate("devicePixelRatio")
    assert inked[0] <= round(ratio) and inked[1], inked
    expect(number).not_to_have_value(re.compile(r"^(0|)$"))
    # Several chunks came, each a mono int16 WAV at the device's rate, and the total keeps growing.
    first = float(number.input_value())
    expect(number).not_to_have_value(str(int(first)) if first.is_integer() else str(first))
    assert len(seen.items) >= 2
    rate, dtype, shape = seen.items[0]
    assert rate > 0 and dtype == "int16" and len(shape) == 1 and shape[0] > 0
    with page.expect_response(lambda r: r.url.endswith("/close") and r.status == 200):
        record.click()
    expect(record).to_have_text("Record")
