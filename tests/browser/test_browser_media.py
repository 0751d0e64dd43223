"""Media in the browser: image upload through the file chooser, microphone recording with Chromium's
fake devices, the gallery preview, and an uploaded HTML file that must not run when served back."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import httpx
import numpy as np
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

from .conftest import TIMEOUT_MS, natural_width, write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


# -- 1. image upload → numpy → processed output -----------------------------------------------------------


def test_uploaded_image_is_processed_and_shown(page: Page, serve: Serve, tmp_path: Path) -> None:
    seen: list[tuple[int, ...]] = []

    def invert(image: np.ndarray) -> np.ndarray:
        seen.append(image.shape)
        return 255 - image[::-1]

    demo = gr.Interface(invert, gr.Image(type="numpy", label="In"), gr.Image(type="numpy", label="Out"))
    page.goto(serve(demo))
    png = write_png(tmp_path / "red.png", (24, 16), (255, 0, 0))
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("image-dropzone").click()
    chooser.value.set_files(str(png))
    input_preview = page.get_by_test_id("image-preview").first
    expect(input_preview).to_be_visible()
    page.get_by_role("button", name="Submit").click()
    out = page.get_by_test_id("image-preview")
    expect(out).to_have_count(2)
    output_img = out.nth(1)
    expect(output_img).to_have_attribute("src", re.compile(r"/gradio_api/file="))
    assert natural_width(output_img) == 24
    # the output is the inverted red: cyan
    pixel = output_img.evaluate(
        """img => { const c = document.createElement('canvas'); c.width = img.naturalWidth;
        c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
        return Array.from(g.getImageData(3, 3, 1, 1).data.slice(0, 3)); }"""
    )
    assert seen == [(16, 24, 3)]
    assert all(abs(a - b) <= 8 for a, b in zip(pixel, (0, 255, 255))), pixel  # lossy output formats


# -- 2. microphone recording ------------------------------------------------------------------------------


def test_microphone_recording_reaches_the_function(media_page: Page, serve: Serve) -> None:
    page = media_page

    def size(path: str | None) -> str:
        return str(os.path.getsize(path)) if path else "none"

    demo = gr.Interface(
        size, gr.Audio(sources=["microphone"], type="filepath", label="Voice"), gr.Textbox(label="Bytes")
    )
    url = serve(demo)
    page.context.grant_permissions(["camera", "microphone"], origin=url.rstrip("/"))
    page.goto(url)
    record = page.get_by_test_id("audio-record")
    record.click()
    expect(record).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1500)
    record.click()
    expect(page.get_by_test_id("audio-download")).to_be_visible()  # the recording was uploaded
    page.get_by_role("button", name="Submit").click()
    output = page.get_by_label("Bytes", exact=True)
    expect(output).to_have_value(re.compile(r"^\d+$"))
    assert int(output.input_value()) > 1000


# -- 3. gallery preview -----------------------------------------------------------------------------------


def test_gallery_preview_opens_moves_and_closes(page: Page, serve: Serve, tmp_path: Path) -> None:
    colors = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    paths = [str(write_png(tmp_path / f"g{i}.png", (20, 20), c)) for i, c in enumerate(colors)]
    with gr.Blocks() as demo:
        gr.Gallery(value=[(p, f"caption {i}") for i, p in enumerate(paths)], label="Pics", columns=3)
    page.goto(serve(demo))
    thumbs = page.get_by_test_id("gallery-item")
    expect(thumbs).to_have_count(3)
    thumbs.nth(1).click()
    preview = page.get_by_test_id("gallery-preview")
    expect(preview).to_be_visible()
    expect(preview.get_by_test_id("gallery-caption")).to_have_text("caption 1")
    main_img = preview.locator("figure img")
    expect(main_img).to_have_attribute("src", re.compile(r"/gradio_api/file=.*g1\.png"))
    assert natural_width(main_img) == 20
    page.keyboard.press("ArrowRight")
    expect(preview.get_by_test_id("gallery-caption")).to_have_text("caption 2")
    expect(main_img).to_have_attribute("src", re.compile(r"g2\.png"))
    expect(preview.get_by_text("3 / 3")).to_be_visible()
    page.keyboard.press("Escape")
    expect(preview).to_have_count(0)
    expect(thumbs).to_have_count(3)
    expect(thumbs.nth(2)).to_be_focused()


# -- 4. uploaded HTML is a download, never a page ---------------------------------------------------------

HOSTILE = b"<html><head><title>hostile</title></head><body><script>window.parent.__pwned=1;document.title='pwned'</script></body></html>"


def _upload_hostile(url: str) -> str:
    response = httpx.post(url + "gradio_api/upload", files=[("files", ("evil.html", HOSTILE))], timeout=10)
    response.raise_for_status()
    [path] = response.json()
    return url + "gradio_api/file=" + quote(path)


def test_uploaded_html_is_downloaded_when_navigated_to(page: Page, serve: Serve) -> None:
    url = serve(gr.Interface(lambda x: x, "text", "text"))
    file_url = _upload_hostile(url)
    head = httpx.get(file_url, timeout=10)
    assert head.headers["content-disposition"].startswith("attachment")
    page.goto(url)
    title = page.title()
    with page.expect_download() as download:
        try:
            page.goto(file_url)
        except Exception as error:  # Chromium aborts a navigation that turns into a download
            assert "net::ERR_ABORTED" in str(error) or "Download is starting" in str(error), error
    assert download.value.suggested_filename == "evil.html"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    assert page.title() == title


def test_uploaded_html_in_an_iframe_runs_no_script(page: Page, serve: Serve) -> None:
    url = serve(gr.Interface(lambda x: x, "text", "text"))
    file_url = _upload_hostile(url)
    page.goto(url)
    title = page.title()
    page.evaluate(
        """src => new Promise(resolve => { const f = document.createElement('iframe'); f.id = 'probe';
        f.onload = resolve; setTimeout(resolve, 3000); f.src = src; document.body.appendChild(f); })""",
        file_url,
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.title() == title


# -- 5. recorded audio reaches a numpy function (sent as WAV) ------------------------------------------


def test_microphone_recording_reaches_a_numpy_function(media_page: Page, serve: Serve) -> None:
    page = media_page
    seen: list[tuple[int, tuple[int, ...], str]] = []

    def describe(audio: tuple[int, np.ndarray]) -> str:
        rate, data = audio
        seen.append((rate, data.shape, str(data.dtype)))
        return f"{rate} {len(data) / rate:.1f}"

    demo = gr.Interface(describe, gr.Audio(sources=["microphone"], label="Voice"), gr.Textbox(label="Info"))
    url = serve(demo)
    page.context.grant_permissions(["microphone"], origin=url.rstrip("/"))
    page.goto(url)
    record = page.get_by_test_id("audio-record")
    record.click()
    expect(record).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1500)
    record.click()
    expect(page.get_by_test_id("audio-download")).to_have_attribute("download", re.compile(r"\.wav$"))
    page.get_by_role("button", name="Submit").click()
    output = page.get_by_label("Info", exact=True)
    expect(output).to_have_value(re.compile(r"^\d+ \d+\.\d$"))
    rate, shape, dtype = seen[0]
    assert rate >= 8000 and dtype == "int16"
    assert 0.8 <= shape[0] / rate <= 3.0  # about the 1.5 s recorded


# -- 6. streamed audio output plays while the generator runs --------------------------------------------


def test_streamed_audio_plays_before_the_generator_ends(page: Page, serve: Serve) -> None:
    import threading
    import time

    release = threading.Event()
    rate = 22050

    def tones(count: float):
        for i in range(int(count)):
            t = np.arange(rate // 2) / rate
            yield rate, (np.sin(2 * np.pi * (300 + 60 * i) * t) * 0.4).astype(np.float32)
            if i == 2:
                release.wait(timeout=30)  # hold the run open until the test has seen playback
            time.sleep(0.1)

    demo = gr.Interface(
        tones, gr.Number(value=6, label="Chunks"), gr.Audio(streaming=True, autoplay=True, label="Tones")
    )
    page.goto(serve(demo))
    page.get_by_role("button", name="Submit").click()
    player = page.get_by_test_id("audio-stream")
    expect(player).to_have_attribute("data-state", "streaming")
    audio = player.locator("audio")
    # three chunks (1.5 s) are buffered and playing while the generator still waits
    page.wait_for_function(
        "a => a.buffered.length && a.buffered.end(0) > 1.2 && a.currentTime > 0.1",
        arg=audio.element_handle(),
        timeout=TIMEOUT_MS,
    )
    assert player.get_attribute("data-state") == "streaming"
    release.set()
    expect(player).to_have_attribute("data-state", "ended")
    buffered = float(audio.evaluate("a => a.buffered.end(a.buffered.length - 1)"))
    assert 2.7 <= buffered <= 3.4, buffered  # six half-second chunks
    download = page.get_by_test_id("audio-download")
    href = download.get_attribute("href") or ""
    assert "/gradio_api/file=" in href and href.endswith(".mp3")


# -- 7. audio subtitles follow the playback position -----------------------------------------------------


def test_audio_subtitles_follow_the_position(page: Page, serve: Serve, tmp_path: Path) -> None:
    import wave

    path = tmp_path / "speech.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * 8000 * 4)
    srt = tmp_path / "speech.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,000\nfirst line\n\n2\n00:00:01,000 --> 00:00:04,000\nsecond line\n")
    with gr.Blocks() as demo:
        gr.Audio(value=str(path), subtitles=str(srt), playback_position=2, label="Speech")
    page.goto(serve(demo))
    expect(page.get_by_test_id("audio-subtitle")).to_have_text("second line")
    page.get_by_test_id("audio-waveform").press("Home")
    expect(page.get_by_test_id("audio-subtitle")).to_have_text("first line")
