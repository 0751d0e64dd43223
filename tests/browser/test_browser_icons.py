"""Icon controls in the browser, driven by the props Gradio uses: the Slider's reset button, the
fullscreen and share buttons of Image and Gallery, the Gallery's Download All, the Audio player's
volume, speed and skip controls, and the Chatbot's corner buttons."""

from __future__ import annotations

import wave
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import trellis as gr

from .conftest import write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def write_wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A mono 16-bit WAV of a quiet 440 Hz tone."""
    t = np.arange(int(seconds * rate)) / rate
    samples = (np.sin(2 * np.pi * 440 * t) * 3000).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def test_slider_reset_restores_the_first_value_and_fires_change_and_release(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        level = gr.Slider(0, 10, value=4, step=1, label="Level", interactive=True)
        fixed = gr.Slider(0, 10, value=2, label="Fixed", interactive=False)
        hidden = gr.Slider(0, 10, value=3, label="No reset", buttons=[], interactive=True)
        seen = gr.Textbox(label="Seen")
        released = gr.Textbox(label="Released")
        level.change(lambda v: f"change {v}", level, seen)
        level.release(lambda v: f"release {v}", level, released)
    page.goto(serve(demo))
    slider = page.get_by_test_id("slider").filter(has_text="Level")
    box = slider.get_by_test_id("number-input")
    box.fill("7")
    box.press("Enter")
    expect(page.get_by_label("Seen")).to_have_value("change 7")

    slider.get_by_role("button", name="Reset to default value").click()
    expect(box).to_have_value("4")
    expect(slider.locator("input[type=range]")).to_have_value("4")
    expect(page.get_by_label("Seen")).to_have_value("change 4")
    expect(page.get_by_label("Released")).to_have_value("release 4")

    # None shows the button (as Gradio does), [] hides it, and it is disabled when not interactive.
    expect(page.get_by_test_id("slider").filter(has_text="No reset").get_by_test_id("reset-button")).to_have_count(0)
    expect(page.get_by_test_id("slider").filter(has_text="Fixed").get_by_test_id("reset-button")).to_be_disabled()
    assert hidden.buttons == [] and fixed.buttons is None


def test_image_fullscreen_and_share_buttons(page: Page, serve: Serve, tmp_path: Path) -> None:
    picture = write_png(tmp_path / "red.png", (40, 30), (255, 0, 0))
    with gr.Blocks() as demo:
        gr.Image(str(picture), label="Shown", interactive=False)
        gr.Image(str(picture), label="Bare", interactive=False, buttons=["download"])
        gr.Image(str(picture), label="Editable", interactive=True)
    page.goto(serve(demo))
    shown = page.get_by_test_id("image").filter(has_text="Shown")
    shown.get_by_role("button", name="Fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement?.querySelector('[data-testid=image-preview]')")
    expect(shown.get_by_role("button", name="Exit fullscreen")).to_be_visible()
    shown.get_by_role("button", name="Exit fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement === null")
    expect(shown.get_by_role("button", name="Fullscreen")).to_be_visible()

    # Off Hugging Face Spaces, Gradio's share button fails with this message; so does ours.
    shown.get_by_role("button", name="Share").click()
    expect(page.get_by_test_id("toast-error")).to_contain_text("Must be on Spaces to share.")

    bare = page.get_by_test_id("image").filter(has_text="Bare")
    expect(bare.get_by_test_id("image-download")).to_be_visible()
    expect(bare.get_by_role("button", name="Fullscreen")).to_have_count(0)
    expect(bare.get_by_role("button", name="Share")).to_have_count(0)

    # An input image offers fullscreen and clear only, as in Gradio.
    editable = page.get_by_test_id("image").filter(has_text="Editable")
    expect(editable.get_by_role("button", name="Fullscreen")).to_be_visible()
    expect(editable.get_by_test_id("image-clear")).to_be_visible()
    expect(editable.get_by_test_id("image-download")).to_have_count(0)
    expect(editable.get_by_role("button", name="Share")).to_have_count(0)


def test_gallery_preview_goes_fullscreen(page: Page, serve: Serve, tmp_path: Path) -> None:
    red = write_png(tmp_path / "red.png", (40, 30), (255, 0, 0))
    blue = write_png(tmp_path / "blue.png", (30, 30), (0, 0, 255))
    with gr.Blocks() as demo:
        gr.Gallery([str(red), str(blue)], label="Pictures", interactive=False)
    page.goto(serve(demo))
    gallery = page.get_by_test_id("gallery")
    gallery.get_by_test_id("gallery-item").first.click()
    gallery.get_by_test_id("gallery-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement?.querySelector('[data-testid=gallery-preview]')")
    gallery.get_by_test_id("gallery-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement === null")
    gallery.get_by_test_id("gallery-share").click()
    expect(page.get_by_test_id("toast-error")).to_contain_text("Must be on Spaces to share.")


def test_gallery_download_all_saves_every_file_in_one_zip(page: Page, serve: Serve, tmp_path: Path) -> None:
    red = write_png(tmp_path / "red.png", (40, 30), (255, 0, 0))
    other = tmp_path / "other"
    other.mkdir()
    same_name = write_png(other / "red.png", (30, 30), (0, 0, 255))
    with gr.Blocks() as demo:
        gr.Gallery([str(red), str(same_name)], label="Pictures", interactive=False)
        gr.Gallery([str(red)], label="Without", interactive=False, buttons=["fullscreen"])
    page.goto(serve(demo))
    gallery = page.get_by_test_id("gallery").filter(has_text="Pictures")
    with page.expect_download() as download:
        gallery.get_by_role("button", name="Download All").click()
    assert download.value.suggested_filename == "gallery.zip"
    saved = tmp_path / "gallery.zip"
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["red.png", "red (1).png"]
        assert archive.read("red.png") == red.read_bytes()
        assert archive.read("red (1).png") == same_name.read_bytes()
    without = page.get_by_test_id("gallery").filter(has_text="Without")
    expect(without.get_by_role("button", name="Download All")).to_have_count(0)


def test_audio_player_volume_speed_and_skip_controls(page: Page, serve: Serve, tmp_path: Path) -> None:
    clip = write_wav(tmp_path / "tone.wav", seconds=4)
    with gr.Blocks() as demo:
        gr.Audio(str(clip), label="Tone", interactive=False, waveform_options={"skip_length": 25})
    page.goto(serve(demo))
    player = page.get_by_test_id("audio")
    audio = player.get_by_test_id("audio-element")
    page.wait_for_function("a => a.readyState >= 1 && a.duration > 3.9", arg=audio.element_handle())

    speed = player.get_by_test_id("audio-speed")
    expect(speed).to_have_text("1x")
    expect(speed).to_have_attribute("aria-label", "Adjust playback speed to 1.5x")
    speed.click()
    expect(speed).to_have_text("1.5x")
    assert audio.evaluate("a => a.playbackRate") == 1.5
    speed.click()
    speed.click()
    expect(speed).to_have_text("0.5x")
    assert audio.evaluate("a => a.playbackRate") == 0.5

    # skip_length is a percentage of the clip, as in Gradio: 25% of 4 s.
    forward = player.get_by_role("button", name="Skip forward by 1 seconds")
    forward.click()
    forward.click()
    page.wait_for_function("a => Math.abs(a.currentTime - 2) < 0.05", arg=audio.element_handle())
    player.get_by_role("button", name="Skip backwards by 1 seconds").click()
    page.wait_for_function("a => Math.abs(a.currentTime - 1) < 0.05", arg=audio.element_handle())

    player.get_by_role("button", name="Adjust volume").click()
    volume = player.get_by_role("slider", name="Volume")
    expect(speed).to_have_count(0)  # the slider takes the speed button's place while open
    volume.fill("0.25")
    page.wait_for_function("a => a.volume === 0.25", arg=audio.element_handle())

    player.get_by_role("button", name="Play").click()
    page.wait_for_function("a => !a.paused", arg=audio.element_handle())
    player.get_by_role("button", name="Pause").click()
    page.wait_for_function("a => a.paused", arg=audio.element_handle())


def test_chatbot_corner_buttons_share_clear_and_copy_the_conversation(page: Page, serve: Serve) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello there"}]
    with gr.Blocks() as demo:
        gr.Chatbot(history, label="Chat")
        gr.Chatbot(history, label="No corner", buttons=["copy"])
    page.goto(serve(demo))
    chat = page.get_by_test_id("chatbot").filter(has_text="Chat")
    tools = chat.locator(".toolbar button")
    expect(tools).to_have_count(3)
    expect(tools.first).to_have_attribute("aria-label", "Share")
    expect(tools.last).to_have_attribute("aria-label", "Copy conversation")

    chat.get_by_role("button", name="Copy conversation").click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).includes('hello there')")
    chat.get_by_role("button", name="Share").click()
    expect(page.get_by_test_id("toast-error")).to_contain_text("Must be on Spaces to share.")

    bare = page.get_by_test_id("chatbot").filter(has_text="No corner")
    expect(bare.get_by_role("button", name="Share")).to_have_count(0)
    expect(bare.get_by_role("button", name="Copy conversation")).to_have_count(0)
