"""Audio's editing tools (``editable=True``, the default), as Gradio 6.31 has them: an undo arrow and
scissors at the right of an input's control row; the scissors show a trim region with Trim / Cancel;
Trim uploads the region as a new WAV that reaches the function, undo puts back the clip before it.

Values marked "Gradio" were measured on Gradio 6.31 in Chromium (1000px-wide page, same app).
"""

from __future__ import annotations

import re
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

from .conftest import write_wav

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def _tone(path: Path, seconds: float = 2.0, rate: int = 8000) -> Path:
    t = np.arange(int(seconds * rate)) / rate
    return write_wav(path, np.sin(2 * np.pi * 440 * t) * 0.5, rate)


def _seconds(value: Any, answer: str) -> str:
    """The clip's length, after a count of the answers given (so each answer differs from the last)."""
    count = int(answer.split()[0]) + 1 if answer else 1
    if value is None:
        return f"{count} -1"
    rate, data = value
    return f"{count} {len(data) / rate:.3f}"


def _block(page: Page, label: str) -> Locator:
    return page.locator(".block").filter(has=page.get_by_test_id("block-label").filter(has_text=label)).first


def _app(tone: Path) -> gr.Blocks:
    with gr.Blocks() as demo:
        clip = gr.Audio(str(tone), label="Clip")
        fixed = gr.Audio(str(tone), label="Fixed", editable=False)
        out = gr.Audio(str(tone), label="Out", interactive=False)
        tinted = gr.Audio(str(tone), label="Tinted", waveform_options={"trim_region_color": "#00ff00"})
        length = gr.Textbox(label="Length")
        events = gr.Textbox(label="Events")
        gr.Button("Measure").click(_seconds, [clip, length], length)
        gr.Button("Other").click(lambda a, b: None, [fixed, tinted], None)
        for name in ("change", "input", "upload", "stop"):
            getattr(clip, name)(lambda seen, name=name: f"{seen}{name};", events, events)
        del out
    return demo


def _measure(page: Page) -> float:
    """The clip's length in seconds, as the function received it (a new answer each click)."""
    box = page.get_by_label("Length")
    before = box.input_value()
    page.get_by_role("button", name="Measure").click()
    expect(box).not_to_have_value(before)
    return float(box.input_value().split()[1])


def test_tools_only_on_an_editable_interactive_clip(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(_app(_tone(tmp_path / "tone.wav"))))
    clip = _block(page, "Clip")
    expect(clip.get_by_test_id("audio-waveform").locator("canvas")).to_be_visible()
    # Gradio: undo ("Reset audio") and scissors ("Trim audio to selection") on the editable input only.
    expect(clip.get_by_label("Reset audio")).to_be_visible()
    expect(clip.get_by_label("Trim audio to selection")).to_be_visible()
    expect(_block(page, "Tinted").get_by_label("Trim audio to selection")).to_be_visible()
    for label in ("Fixed", "Out"):
        block = _block(page, label)
        expect(block.get_by_test_id("audio-controls")).to_be_visible()
        expect(block.get_by_test_id("audio-edit-tools")).to_have_count(0)
        expect(block.get_by_label("Trim audio to selection")).to_have_count(0)


def test_tool_geometry_matches_gradio(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(_app(_tone(tmp_path / "tone.wav"))))
    clip = _block(page, "Clip")
    expect(clip.get_by_test_id("audio-waveform").locator("canvas")).to_be_visible()
    icons = clip.evaluate(
        """b => { const c = b.querySelector('[data-testid=audio-controls]').getBoundingClientRect();
        const play = b.querySelector('[data-testid=audio-play]').getBoundingClientRect();
        return [...b.querySelectorAll('[data-testid=audio-edit-tools] button')].map(e => {
          const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
          return {right: c.right - r.right, w: r.width, h: r.height, color: s.color, margin: s.marginLeft,
                  dy: (r.y + r.height / 2) - (play.y + play.height / 2)}; }); }"""
    )
    # Gradio: two 20x20 icons in --neutral-400 (#bbbbc2) 6px apart, flush with the row's right end
    # (scissors last: 0px in, undo 26px in), centred on the play button's line.
    assert [(i["right"], i["w"], i["h"], i["margin"]) for i in icons] == [(26, 20, 20, "6px"), (0, 20, 20, "6px")]
    assert all(i["color"] == "rgb(187, 187, 194)" and abs(i["dy"]) <= 0.5 for i in icons)

    clip.get_by_label("Trim audio to selection").click()
    region = clip.get_by_test_id("audio-trim-region")
    expect(region).to_be_visible()
    page.mouse.move(0, 0)  # (Cancel takes the scissors' place, under the pointer: measured unhovered)
    geometry = clip.evaluate(
        """b => { const w = b.querySelector('[data-testid=audio-waveform]').getBoundingClientRect();
        const e = b.querySelector('[data-testid=audio-trim-region]'); const r = e.getBoundingClientRect();
        const s = getComputedStyle(e); const fill = getComputedStyle(e, '::after');
        const grips = [...e.querySelectorAll('span')].map(g => { const q = g.getBoundingClientRect();
          return [q.x - r.x, q.width, q.height, getComputedStyle(g).cursor]; });
        const c = b.querySelector('[data-testid=audio-controls]').getBoundingClientRect();
        const texts = [...b.querySelectorAll('[data-testid=audio-edit-tools] button')].map(t => {
          const q = t.getBoundingClientRect(); const ts = getComputedStyle(t);
          return [t.textContent, q.height, ts.borderTopWidth, ts.borderTopColor, ts.borderRadius, ts.fontSize,
                  ts.fontWeight, ts.paddingLeft, ts.marginLeft, c.right - q.right]; });
        const trim = b.querySelector('[data-testid=audio-trim-duration]');
        return {left: (r.x - w.x) / w.width, width: r.width / w.width, height: r.height,
                border: s.borderWidth, color: s.borderTopColor, radius: s.borderRadius,
                fill: fill.backgroundColor, opacity: fill.opacity, grips, texts,
                trim: [trim.textContent, getComputedStyle(trim).color, getComputedStyle(trim).marginRight]}; }"""
    )
    # Gradio: the region spans 25%..50% of the waveform, 49px tall (98% of the 50px bars), a 1px/3px border
    # in the accent (#f97316 here, no trim_region_color), radius 6px, filled with the colour at opacity 0.2;
    # 5px ew-resize grips just inside its 3px side borders.
    assert geometry["left"] == pytest.approx(0.25, abs=0.002)
    assert geometry["width"] == pytest.approx(0.25, abs=0.002)
    assert geometry["height"] == 49
    assert geometry["border"] == "1px 3px"
    assert geometry["color"] == "rgb(249, 115, 22)"
    assert geometry["radius"] == "6px"
    assert (geometry["fill"], geometry["opacity"]) == ("rgb(249, 115, 22)", "0.2")
    assert geometry["grips"][0][:4] == [3, 5, 47, "ew-resize"]
    assert geometry["grips"][1][1:] == [5, 47, "ew-resize"]
    # Gradio: the row's end becomes two 20px text buttons, 1px #bbbbc2 border, radius 4px, 12px bold,
    # 5px padding and 5px apart, Cancel flush right; the region's length (0:01) in the accent, 4px before 0:02.
    texts = geometry["texts"]
    assert [t[0] for t in texts] == ["Trim", "Cancel"]
    for t in texts:
        assert t[1:9] == [20, "1px", "rgb(187, 187, 194)", "4px", "12px", "700", "5px", "5px"]
    assert texts[1][9] == 0
    assert geometry["trim"] == ["0:01", "rgb(249, 115, 22)", "4px"]

    clip.get_by_role("button", name="Cancel").click()
    expect(region).to_have_count(0)
    expect(clip.get_by_label("Trim audio to selection")).to_be_visible()

    # trim_region_color colours that component's region alone.
    tinted = _block(page, "Tinted")
    tinted.get_by_label("Trim audio to selection").click()
    colour = tinted.get_by_test_id("audio-trim-region").evaluate("e => getComputedStyle(e).borderTopColor")
    assert colour == "rgb(0, 255, 0)"


def test_trim_to_half_then_undo(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(_app(_tone(tmp_path / "tone.wav"))))
    events = page.get_by_label("Events")
    clip = _block(page, "Clip")
    expect(clip.get_by_test_id("audio-waveform").locator("canvas")).to_be_visible()
    assert _measure(page) == 2.0
    # Undo with nothing trimmed does nothing (Gradio: no event).
    clip.get_by_label("Reset audio").click()

    clip.get_by_label("Trim audio to selection").click()
    # Drag the region's start grip to the waveform's left end: the region is then 0..1 s, half the tone.
    wave_box = clip.get_by_test_id("audio-waveform").bounding_box()
    grip = clip.get_by_test_id("audio-trim-start").bounding_box()
    assert wave_box and grip
    y = grip["y"] + grip["height"] / 2
    page.mouse.move(grip["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(grip["x"] - 60, y, steps=4)
    page.mouse.move(wave_box["x"] - 20, y, steps=4)
    page.mouse.up()
    expect(clip.get_by_test_id("audio-trim-duration")).to_have_text("0:01")
    left = clip.get_by_test_id("audio-trim-region").evaluate("e => e.style.left")
    assert left == "0%"

    old_src = clip.get_by_test_id("audio-element").get_attribute("src")
    with page.expect_request(lambda r: r.url.endswith("/gradio_api/upload") and r.method == "POST"):
        clip.get_by_role("button", name="Trim", exact=True).click()
    # Gradio: the trimmed clip is uploaded as a new file (audio.wav) and becomes the value.
    expect(clip.get_by_test_id("audio-element")).not_to_have_attribute("src", old_src or "")
    expect(clip.get_by_test_id("audio-element")).to_have_attribute("src", re.compile(r"audio\.wav$"))
    expect(clip.get_by_test_id("audio-trim-region")).to_have_count(0)
    # Gradio fires change alone (no upload, input or stop): still so after another round-trip.
    expect(events).to_have_value("change;")
    assert _measure(page) == pytest.approx(1.0, abs=0.03)
    expect(events).to_have_value("change;")

    clip.get_by_label("Reset audio").click()
    expect(clip.get_by_test_id("audio-element")).to_have_attribute("src", old_src or "")
    expect(events).to_have_value("change;change;")
    assert _measure(page) == 2.0
    # Gradio keeps one step: a second undo does nothing.
    clip.get_by_label("Reset audio").click()
    assert _measure(page) == 2.0
    expect(events).to_have_value("change;change;")


def test_trimmed_file_is_wav_at_the_sample_rate(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio's trim of the 8 kHz tone's default region (0.5..1 s) uploads a 44144-byte audio.wav: 0.5 s
    of 16-bit mono at waveform_options.sample_rate (44100)."""
    paths: list[str] = []
    with gr.Blocks() as demo:
        clip = gr.Audio(str(_tone(tmp_path / "tone.wav")), label="Clip", type="filepath")
        done = gr.Textbox(label="Done")
        clip.change(lambda p: (paths.append(p), "yes")[1], clip, done)
    page.goto(serve(demo))
    block = _block(page, "Clip")
    expect(block.get_by_test_id("audio-waveform").locator("canvas")).to_be_visible()
    block.get_by_label("Trim audio to selection").click()
    block.get_by_role("button", name="Trim", exact=True).click()
    expect(page.get_by_label("Done")).to_have_value("yes")
    path = Path(paths[-1])
    assert path.name == "audio.wav"
    assert path.stat().st_size == 44144
    with wave.open(str(path)) as trimmed:
        assert (trimmed.getframerate(), trimmed.getnchannels(), trimmed.getnframes()) == (44100, 1, 22050)


def test_playback_loops_inside_the_region_while_trimming(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio: in trim mode, play runs on from the playhead and, past the region's end (1 s here), jumps
    back to its start (0.5 s) and goes on looping there."""
    page.goto(serve(_app(_tone(tmp_path / "tone.wav"))))
    clip = _block(page, "Clip")
    expect(clip.get_by_test_id("audio-waveform").locator("canvas")).to_be_visible()
    clip.get_by_label("Trim audio to selection").click()
    audio = clip.get_by_test_id("audio-element")
    audio.evaluate(
        """a => { a.dataset.looped = ''; let last = 0;
        a.addEventListener('timeupdate', () => {
          if (last >= 0.9 && a.currentTime >= 0.45 && a.currentTime < 0.8) a.dataset.looped = 'yes';
          last = a.currentTime; }); }"""
    )
    clip.get_by_role("button", name="Play", exact=True).click()
    expect(audio).to_have_attribute("data-looped", "yes")
    assert audio.evaluate("a => !a.paused && !a.ended && a.currentTime < 1.05")
    clip.get_by_role("button", name="Pause", exact=True).click()
