"""The Video player looks and behaves as Gradio 6.31's own player (not the browser's native controls).

Measured on Gradio 6.31 (Chromium, 1280 px and 390 px wide, light and dark) with the same 16:9 clip
(trellis/media_assets/videos/world.mp4, 3 s) in an output Video and an input Video:
- the <video> has no native controls and fills the block inside its 1px border (1214x682.9 in a 1216 px
  block), on the block's secondary background with a 12px radius;
- over its foot, 8px in from the sides and the bottom, a 40px bar (#1f2937 in either theme, radius 6px,
  padding 8px 4px) that is transparent until the pointer is over the player;
- in the bar, 8px in: the play button (24px wide, shrunk to 20.2px at 1280 and 10px at 390), the clock
  "0:00 / 0:03" (12px IBM Plex Mono, white, 79.2px wide, 12px margins), the seek bar (8px high, 988.4px
  wide at 1280 and 118.7 at 390), the volume button (24px, 6px right margin) and the fullscreen button;
- a click on the video plays it, another pauses; the button shows a replay icon at the end; a click on the
  seek bar seeks; the volume button shows an 80x4 volume slider in place of the fullscreen button and
  turns the accent colour; a click elsewhere (the video) hides it; the clock rounds to the nearest second.
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

CLIP = Path(gr.__file__).resolve().parent / "media_assets" / "videos" / "world.mp4"


def clip(tmp_path: Path) -> str:
    path = tmp_path / "world.mp4"
    shutil.copyfile(CLIP, path)
    return str(path)


def box(locator: Any) -> dict[str, float]:
    b = locator.bounding_box()
    assert b is not None
    return {k: round(v, 1) for k, v in b.items()}


def ready(player: Any) -> None:
    player.evaluate("v => v.readyState >= 1 || new Promise(r => v.addEventListener('loadedmetadata', r, {once: true}))")


def output_app(path: str) -> gr.Blocks:
    with gr.Blocks() as demo:
        out = gr.Video(value=path, label="Out video", interactive=False, elem_id="out")
        events = gr.Textbox(label="Events", elem_id="events")
        for name in ("play", "pause", "end"):
            getattr(out, name)(lambda log, n=name: f"{log} {n}".strip(), events, events)
    return demo


def test_the_player_has_gradios_control_bar(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(output_app(clip(tmp_path)), allowed_paths=[str(tmp_path)]))
    block = page.locator("#out")
    player = block.get_by_test_id("video-player")
    ready(player)
    assert player.get_attribute("controls") is None
    b, v = box(block), box(player)
    assert (v["width"], v["height"]) == (b["width"] - 2, 682.9)  # Gradio: 1214x682.9 in the 1216 px block
    wrap = player.locator("..")
    assert wrap.evaluate("e => getComputedStyle(e).borderTopLeftRadius") == "12px"
    assert wrap.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(250, 250, 250)"

    bar = block.get_by_test_id("video-controls")
    expect(bar).to_have_css("opacity", "0")  # Gradio: hidden until hovered
    c = box(bar)
    assert (c["x"] - v["x"], c["width"], c["height"]) == (8, v["width"] - 16, 40)
    assert v["y"] + v["height"] - (c["y"] + c["height"]) == pytest.approx(8, abs=0.1)
    assert bar.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 41, 55)"
    assert bar.evaluate("e => getComputedStyle(e).borderTopLeftRadius") == "6px"
    player.hover()
    expect(bar).to_have_css("opacity", "1")

    play = block.get_by_test_id("video-play")
    p = box(play)
    assert (p["x"] - c["x"], p["width"]) == (12, 20.2)  # Gradio: 12px in, 20.2 px wide
    time = block.get_by_test_id("video-time")
    expect(time).to_have_text("0:00 / 0:03")
    t = box(time)
    assert (t["x"], t["width"]) == (85.2, 79.2)
    assert time.evaluate("e => getComputedStyle(e).fontFamily").startswith('"IBM Plex Mono"')
    assert time.evaluate("e => getComputedStyle(e).fontSize") == "12px"
    assert time.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    progress = block.get_by_test_id("video-progress")
    g = box(progress)
    assert (g["x"], g["width"], g["height"]) == (176.4, 988.4, 8)
    vol = box(block.get_by_test_id("video-volume"))
    assert (vol["x"], vol["width"]) == (1176.8, 24)
    full = box(block.get_by_test_id("video-fullscreen"))
    assert (full["x"], full["width"]) == (1206.8, 20.2)


def test_the_control_bar_on_a_phone_in_dark_mode(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(serve(output_app(clip(tmp_path)), allowed_paths=[str(tmp_path)]) + "?__theme=dark")
    block = page.locator("#out")
    player = block.get_by_test_id("video-player")
    ready(player)
    v = box(player)
    assert v["width"] == 324 and v["height"] == pytest.approx(182.25, abs=0.1)  # Gradio at 390 px
    assert player.locator("..").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(24, 24, 27)"
    bar = block.get_by_test_id("video-controls")
    assert bar.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 41, 55)"  # the same in dark mode
    assert box(bar)["width"] == 308
    # Gradio's bar squeezes its buttons: 10 px play and fullscreen, a 118.7 px seek bar.
    assert box(block.get_by_test_id("video-play"))["width"] == 10
    assert box(block.get_by_test_id("video-fullscreen"))["width"] == 10
    assert box(block.get_by_test_id("video-progress"))["width"] == 118.7
    assert box(block.get_by_test_id("video-time"))["width"] == 79.2


def test_clicks_play_pause_seek_and_end_as_in_gradio(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(output_app(clip(tmp_path)), allowed_paths=[str(tmp_path)]))
    block = page.locator("#out")
    player = block.get_by_test_id("video-player")
    ready(player)
    play = block.get_by_test_id("video-play")
    events = page.locator("#events textarea")

    # A click on the video plays it (the button turns to pause) and another pauses it.
    player.click()
    expect(play).to_have_attribute("aria-label", "Pause")
    expect(events).to_have_value("play")
    player.click()
    expect(play).to_have_attribute("aria-label", "Play")
    expect(events).to_have_value("play pause")
    assert player.evaluate("v => v.paused") is True

    # A click halfway along the seek bar seeks to the middle; the clock rounds (Gradio: 1.6 s shows 0:02).
    player.hover()
    seek = block.get_by_role("slider", name="Seek")
    s = box(seek)
    page.mouse.click(s["x"] + s["width"] / 2, s["y"] + s["height"] / 2)
    page.wait_for_function("() => Math.abs(document.querySelector('#out video').currentTime - 1.5) < 0.05")
    player.evaluate("v => { v.currentTime = 1.6 }")
    expect(block.get_by_test_id("video-time")).to_have_text("0:02 / 0:03")
    player.evaluate("v => { v.currentTime = 1.4 }")
    expect(block.get_by_test_id("video-time")).to_have_text("0:01 / 0:03")
    progress = block.get_by_test_id("video-progress")
    page.wait_for_function("() => Math.abs(document.querySelector('#out progress').value - 1.4 / 3) < 0.01")
    assert progress.evaluate("e => e.max") == 1

    # Played to the end: the end event, a full bar and the replay button, which plays it again.
    player.evaluate("v => { v.currentTime = 2.8; return v.play() }")
    expect(play).to_have_attribute("aria-label", "Replay")
    expect(events).to_have_value("play pause play end")
    expect(block.get_by_test_id("video-time")).to_have_text("0:03 / 0:03")
    play.click()
    expect(play).to_have_attribute("aria-label", "Pause")


def test_the_volume_button_swaps_the_fullscreen_button_for_a_slider(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(output_app(clip(tmp_path)), allowed_paths=[str(tmp_path)]))
    block = page.locator("#out")
    player = block.get_by_test_id("video-player")
    ready(player)
    player.hover()
    button = block.get_by_test_id("video-volume")
    assert button.evaluate("e => getComputedStyle(e).color") == "rgb(255, 255, 255)"
    button.click()
    slider = block.get_by_test_id("video-volume-slider")
    expect(slider).to_be_visible()
    expect(block.get_by_test_id("video-fullscreen")).to_have_count(0)
    s = box(slider)
    assert (s["x"], s["width"], s["height"]) == (1141, 80, 4)  # Gradio: 80x4 at x=1141
    assert button.evaluate("e => getComputedStyle(e).color") == "rgb(249, 115, 22)"  # the accent
    slider.fill("0.3")
    assert player.evaluate("v => v.volume") == pytest.approx(0.3)
    slider.fill("0")
    assert player.evaluate("v => v.volume") == 0
    # A click on the video hides the slider (and plays), bringing the fullscreen button back.
    player.click()
    expect(slider).to_have_count(0)
    expect(block.get_by_test_id("video-fullscreen")).to_be_visible()
    # The same button closes the slider it opened.
    player.hover()
    button.click()
    expect(slider).to_be_visible()
    button.click()
    expect(slider).to_have_count(0)


def input_app(path: str, **kwargs: Any) -> gr.Blocks:
    with gr.Blocks() as demo:
        inp = gr.Video(value=path, label="In video", elem_id="in", **kwargs)
        changes = gr.Number(label="Changes", value=0, elem_id="changes")
        inp.change(lambda n: n + 1, changes, changes)
        gr.Button("Go").click(lambda v: v, inp, None)
    return demo


def test_an_input_has_gradios_undo_and_trim_corner_buttons(page: Page, serve: Serve, tmp_path: Path) -> None:
    # Gradio shows no download or share button on an input, even when `buttons` asks for them.
    app = input_app(clip(tmp_path), buttons=["download", "share"])
    page.goto(serve(app, allowed_paths=[str(tmp_path)]))
    block = page.locator("#in")
    ready(block.get_by_test_id("video-player"))
    undo, trim, clear = (block.get_by_test_id(f"video-{n}") for n in ("undo", "trim", "clear"))
    expect(undo).to_be_disabled()  # Gradio: disabled until a trim, at half opacity
    assert undo.evaluate("e => getComputedStyle(e).opacity") == "0.5"
    expect(undo).to_have_attribute("aria-label", "Reset video to initial value")
    expect(trim).to_have_attribute("aria-label", "Trim video to selection")
    # Gradio: undo, trim and clear in that order (no download on an input), 18 px each at x 1179/1203/1227.
    assert [box(b)["x"] for b in (undo, trim, clear)] == [1179, 1203, 1227]
    assert [box(b)["height"] for b in (undo, trim, clear)] == [18, 18, 18]
    expect(block.get_by_test_id("video-download")).to_have_count(0)
    expect(block.get_by_test_id("video-share")).to_have_count(0)


def test_the_trim_bar_has_gradios_frames_handles_and_buttons(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(input_app(clip(tmp_path)), allowed_paths=[str(tmp_path)]))
    block = page.locator("#in")
    player = block.get_by_test_id("video-player")
    ready(player)
    height = box(block)["height"]
    block.get_by_test_id("video-trim").click()
    bar = block.get_by_test_id("video-trim-bar")
    expect(bar.locator("img")).to_have_count(10)  # Gradio: ten frames
    bar.scroll_into_view_if_needed()
    assert box(block)["height"] == height + 92  # Gradio: 724.9 -> 816.9
    frames = [box(img) for img in bar.locator("img").all()]
    assert {(f["width"], f["height"]) for f in frames} == {(83.8, 48)}  # Gradio: 83.8x48, 837.7 px in all
    b = box(block)
    assert frames[0]["x"] - b["x"] == pytest.approx(189.2, abs=0.1)  # centred: Gradio's first frame at x=221.2
    start, end = block.get_by_test_id("video-trim-start"), block.get_by_test_id("video-trim-end")
    s, e = box(start), box(end)
    assert (s["x"], s["width"], s["height"]) == (frames[0]["x"], 3, 48)
    assert e["x"] == pytest.approx(frames[-1]["x"] + frames[-1]["width"], abs=0.15)
    assert start.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(249, 115, 22)"
    length = block.get_by_test_id("video-trim-length")
    expect(length).to_have_text("0:03")
    assert length.evaluate("e => getComputedStyle(e).color") == "rgb(249, 115, 22)"
    apply, cancel = block.get_by_test_id("video-trim-apply"), block.get_by_test_id("video-trim-cancel")
    expect(apply).to_have_text("Trim")
    expect(cancel).to_have_text("Cancel")
    for button in (apply, cancel):
        assert box(button)["height"] == 20  # Gradio: 20 px bordered text buttons, 12px bold grey
        assert button.evaluate("e => getComputedStyle(e).fontSize") == "12px"
        assert button.evaluate("e => getComputedStyle(e).color") == "rgb(187, 187, 194)"
    assert box(cancel)["x"] + box(cancel)["width"] == b["x"] + b["width"] - 9  # Gradio: 8 px in, inside the border

    # Dragging the start handle 150 px in shows that frame (Gradio: 17.9 % -> 0.537 s, "0:02" left).
    page.mouse.move(s["x"] + 1, s["y"] + 20)
    page.mouse.down()
    page.mouse.move(s["x"] + 151, s["y"] + 20, steps=5)
    page.mouse.up()
    expect(length).to_have_text("0:02")
    assert player.evaluate("v => v.currentTime") == pytest.approx(0.537, abs=0.02)
    # An arrow key moves a handle by a second.
    end.focus()
    page.keyboard.press("ArrowLeft")
    expect(end).to_have_attribute("aria-valuenow", "2")
    cancel.click()
    expect(bar).to_have_count(0)


def test_trim_cuts_the_selected_range_and_undo_restores_the_upload(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(input_app(clip(tmp_path)), allowed_paths=[str(tmp_path)]))
    block = page.locator("#in")
    player = block.get_by_test_id("video-player")
    ready(player)
    original = player.get_attribute("src")
    assert original is not None
    block.get_by_test_id("video-trim").click()
    start, end = block.get_by_test_id("video-trim-start"), block.get_by_test_id("video-trim-end")
    start.focus()
    page.keyboard.press("ArrowRight")  # 1 s
    end.focus()
    page.keyboard.press("ArrowLeft")  # 2 s
    expect(block.get_by_test_id("video-trim-length")).to_have_text("0:01")
    block.get_by_test_id("video-trim-apply").click()
    expect(block.get_by_test_id("video-trimming")).to_be_visible()  # the player is dimmed while it records
    expect(player).not_to_have_attribute("src", original, timeout=20_000)
    expect(block.get_by_test_id("video-trim-bar")).to_have_count(0)
    page.wait_for_function(
        "() => { const v = document.querySelector('#in video'); return Number.isFinite(v.duration) && v.duration > 0 }"
    )
    # The cut holds the selected second (recorded as it plays, so within a few frames of it).
    assert player.evaluate("v => v.duration") == pytest.approx(1.0, abs=0.15)
    expect(block.get_by_test_id("video-time")).to_have_text("0:00 / 0:01")
    expect(page.locator("#changes input")).to_have_value("1")
    undo = block.get_by_test_id("video-undo")
    expect(undo).to_be_enabled()
    undo.click()
    expect(player).to_have_attribute("src", original)
    expect(undo).to_be_disabled()
    expect(page.locator("#changes input")).to_have_value("2")


def test_the_trim_bar_fits_a_phone(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(serve(input_app(clip(tmp_path)), allowed_paths=[str(tmp_path)]) + "?__theme=dark")
    block = page.locator("#in")
    ready(block.get_by_test_id("video-player"))
    block.get_by_test_id("video-trim").click()
    bar = block.get_by_test_id("video-trim-bar")
    expect(bar.locator("img")).to_have_count(10)
    # Gradio at 390 px: the ten frames shrink to 30.8 px, 308 px in all, 8 px in from the block's sides.
    frames = [box(img) for img in bar.locator("img").all()]
    assert {f["width"] for f in frames} == {30.8}
    assert frames[0]["x"] == 41 and frames[-1]["x"] + frames[-1]["width"] == pytest.approx(349, abs=0.15)
    assert bar.locator("img").first.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(63, 63, 70)"
    tint = block.locator("[data-testid=video-trim-bar] .selected")
    assert tint.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(230, 103, 40, 0.25)"


def test_a_webcam_input_plays_its_video_mirrored(page: Page, serve: Serve, tmp_path: Path) -> None:
    # Gradio: with the webcam as the chosen source, the picture (not the control bar) is mirrored
    # unless webcam_options.mirror is False; an output is never mirrored.
    path = clip(tmp_path)
    with gr.Blocks() as demo:
        cam = gr.Video(value=path, sources=["webcam"], elem_id="cam")
        plain = gr.Video(value=path, sources=["webcam"], webcam_options=gr.WebcamOptions(mirror=False), elem_id="plain")
        out = gr.Video(value=path, interactive=False, elem_id="out")
        gr.Button("Go").click(lambda a, b: a, [cam, plain], out)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))
    transform = "e => getComputedStyle(e).transform"
    expect(page.locator("#cam video")).to_have_css("transform", "matrix(-1, 0, 0, 1, 0, 0)")
    assert page.locator("#cam").get_by_test_id("video-controls").evaluate(transform) == "none"
    assert page.locator("#plain video").evaluate(transform) == "none"
    assert page.locator("#out video").evaluate(transform) == "none"
