"""The audio player and microphone, and a Column or Row that is an event's output, as Gradio 6.31 draws them.

Every expected number was measured by serving the same apps with Gradio 6.31 in this Chromium (1280x800
window, light and dark themes give the same geometry) and reading getBoundingClientRect / getBBox /
getComputedStyle on its page. Positions are relative to the Audio block's top-left corner:

- The waveform: a 50px strip at (13, 38.8), 1190 wide (the bars drawn on it, so centred 25px down), 8px
  above the times (at y 100.8); a 2px #ddd5e9 cursor at the playback position.
- The controls: volume button 20x20 at (19, 139.4) whose glyph spans 18.3x13.6 from (19.8, 142.6); speed
  button 20 high at (49, 139.4), replaced by an 80x4 volume slider at (49, 147.4) while the volume is open;
  skip back 24x32 at (558, 133.4) with a 24px icon at y 137.4 whose glyph spans 20.1x12.8 from (559.9, 143);
  play 32x32 at (592, 133.4), glyph 18.7x24 from (598.7, 137.4) (pause: 16x21.3 from (600, 138.7)); skip
  forward at (634, 133.4), glyph from (636, 143); the edit tools' reset and trim buttons 20x20 at
  (1157, 139.4) and (1183, 139.4), the reset glyph 16.7x15 from (1157.8, 141.9). At volume 0.3 the speaker
  glyph spans 15.8x13.6 from (20.7, 142.6), muted 16.7x13.6.
- Audio(sources=["microphone"]) with no value: an 18x18 Clear button at (1195, 3) in the corner. Clicking
  it fires the component's clear and input events (not change); the value stays None.
- A Column or Row written by a running event: a 2px rgb(249, 115, 22) border over the whole layout (its
  own rectangle, z-index 10, 4px radius), whatever the layout's show_progress; none when the event's
  show_progress is "hidden" or "minimal"; the "Error" cover over the layout when the event fails.
"""

from __future__ import annotations

import threading
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

#: getBoundingClientRect of the selector's first match, and getBBox of its first <svg>'s drawing (None
#: without one), in px relative to the block `#{block}`.
GEOMETRY = """
([block, sel]) => {
  const B = document.getElementById(block).getBoundingClientRect();
  const e = document.querySelector(`#${block} ${sel}`);
  const r = e.getBoundingClientRect();
  const out = {rect: [r.left - B.left, r.top - B.top, r.width, r.height], glyph: null, svg: null};
  const svg = e.tagName === 'svg' ? e : e.querySelector('svg');
  if (svg) {
    const s = svg.getBoundingClientRect();
    out.svg = [s.left - B.left, s.top - B.top, s.width, s.height];
    const bb = svg.getBBox(), m = svg.getScreenCTM();
    out.glyph = [bb.x * m.a + m.e - B.left, bb.y * m.d + m.f - B.top, bb.width * m.a, bb.height * m.d];
  }
  return out;
}
"""

#: The rows of the waveform canvas holding painted pixels (first, last) and the colour at (0, 25).
CANVAS_PAINT = """
(canvas) => {
  const g = canvas.getContext('2d');
  const {width, height} = canvas;
  const data = g.getImageData(0, 0, width, height).data;
  let first = -1, last = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (data[(y * width + x) * 4 + 3] > 0) { if (first < 0) first = y; last = y; break; }
  }
  const ratio = width / canvas.clientWidth;
  const at = (Math.round(25 * ratio) * width) * 4;
  return {first: first / ratio, last: (last + 1) / ratio, cursor: [data[at], data[at + 1], data[at + 2]]};
}
"""


def write_swell(path: Path, seconds: float = 6.0, rate: int = 22050) -> Path:
    """A 440Hz tone whose loudness swells and fades, peaking at full scale."""
    t = np.arange(int(seconds * rate)) / rate
    return write_wav(path, np.sin(2 * np.pi * 440 * t) * np.abs(np.sin(2 * np.pi * 0.35 * t)), rate)


def near(actual: list[float] | None, expected: list[float], tol: float = 1.0) -> None:
    assert actual is not None
    assert all(abs(a - e) <= tol for a, e in zip(actual, expected, strict=True)), (actual, expected)


def geometry(page: Page, block: str, sel: str) -> dict[str, Any]:
    return dict(page.evaluate(GEOMETRY, [block, sel]))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_audio_player_waveform_and_controls(page: Page, serve: Serve, tmp_path: Path, theme: str) -> None:
    wav = write_swell(tmp_path / "tone.wav")
    with gr.Blocks() as demo:
        out = gr.Audio(value=str(wav), label="Out", elem_id="out")
        inp = gr.Audio(value=str(wav), label="In", elem_id="inp")
        gr.Button("Go").click(lambda a: a, inp, out)
    page.goto(serve(demo) + ("?__theme=dark" if theme == "dark" else ""))
    canvas = page.locator("#inp canvas")
    expect(canvas).to_be_visible()
    expect(page.locator("#inp [data-testid=audio-undo]")).to_be_visible()

    for block in ("out", "inp"):
        near(geometry(page, block, "canvas")["rect"], [13, 38.8, 1190, 50])
        near(geometry(page, block, "[data-testid=audio-time]")["rect"][:2], [13, 100.8])
        volume = geometry(page, block, "[data-testid=audio-volume]")
        near(volume["rect"], [19, 139.4, 20, 20])
        near(volume["glyph"], [19.8, 142.6, 18.3, 13.6])
        near(geometry(page, block, "[data-testid=audio-speed]")["rect"][:2] + [20], [49, 139.4, 20])
        rewind = geometry(page, block, "[data-testid=audio-rewind]")
        near(rewind["rect"], [558, 133.4, 24, 32])
        near(rewind["svg"], [558, 137.4, 24, 24])
        near(rewind["glyph"], [559.9, 143, 20.1, 12.8])
        play = geometry(page, block, "[data-testid=audio-play]")
        near(play["rect"], [592, 133.4, 32, 32])
        near(play["glyph"], [598.7, 137.4, 18.7, 24])
        forward = geometry(page, block, "[data-testid=audio-forward]")
        near(forward["rect"], [634, 133.4, 24, 32])
        near(forward["glyph"], [636, 143, 20.1, 12.8])

    undo = geometry(page, "inp", "[data-testid=audio-undo]")
    near(undo["rect"], [1157, 139.4, 20, 20])
    near(undo["glyph"], [1157.8, 141.9, 16.7, 15])
    near(geometry(page, "inp", "[data-testid=audio-trim]")["rect"], [1183, 139.4, 20, 20])

    # The bars fill the 50px strip from its top (the loudest one spans it), the cursor at the start.
    page.wait_for_function(
        "c => c.width > 0 && c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some(v => v)",
        arg=canvas.element_handle(),
    )
    paint = canvas.evaluate(CANVAS_PAINT)
    assert paint["first"] <= 1 and paint["last"] >= 49, paint
    assert paint["cursor"] == [221, 213, 233], paint

    # The volume button swaps the speed button for an 80x4 slider at (49, 147.4).
    page.locator("#out [data-testid=audio-volume]").click()
    expect(page.locator("#out [data-testid=audio-volume-slider]")).to_be_visible()
    near(geometry(page, "out", "[data-testid=audio-volume-slider]")["rect"], [49, 147.4, 80, 4])
    # Lower volumes: Gradio's low (0.3) and muted (0) speakers, their glyphs from x 20.7.
    for level, glyph in (("0.3", [20.7, 142.6, 15.8, 13.6]), ("0", [20.7, 142.6, 16.7, 13.6])):
        page.locator("#out [data-testid=audio-volume-slider]").fill(level)
        page.wait_for_function(
            "v => document.querySelector('#out [data-testid=audio-volume] svg').dataset.icon === v",
            arg="mute" if level == "0" else "volume-low",
        )
        near(geometry(page, "out", "[data-testid=audio-volume]")["glyph"], glyph)

    # Playing: the pause glyph as Gradio's.
    page.locator("#inp [data-testid=audio-play]").click()
    expect(page.locator("#inp [data-testid=audio-play]")).to_have_attribute("aria-label", "Pause")
    near(geometry(page, "inp", "[data-testid=audio-play]")["glyph"], [600, 138.7, 16, 21.3])


def test_microphone_clear_button(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        mic = gr.Audio(sources=["microphone"], label="Mic", elem_id="mic")
        cleared = gr.Textbox(label="cleared", elem_id="cleared")
        inputs = gr.Textbox(label="inputs", elem_id="inputs")
        changes = gr.Textbox(label="changes", elem_id="changes")
        mic.clear(lambda: "cleared", None, cleared)
        mic.input(lambda v: f"input {v}", mic, inputs)
        mic.change(lambda v: f"change {v}", mic, changes)
    page.goto(serve(demo))
    clear = page.locator("#mic [data-testid=audio-clear]")
    expect(page.locator("#mic [data-testid=audio-record]")).to_be_visible()
    expect(clear).to_be_visible()
    near(geometry(page, "mic", "[data-testid=audio-clear]")["rect"], [1195, 3, 18, 18])

    clear.click()
    expect(page.locator("#cleared textarea")).to_have_value("cleared")
    expect(page.locator("#inputs textarea")).to_have_value("input None")
    expect(page.locator("#changes textarea")).to_have_value("")
    expect(page.locator("#mic [data-testid=audio-record]")).to_be_visible()


def test_layout_output_shows_progress_border(page: Page, serve: Serve) -> None:
    release = threading.Event()
    started = threading.Event()

    def held() -> Any:
        started.set()
        release.wait(10)
        return gr.update()

    def fails() -> Any:
        release.wait(10)
        raise gr.Error("boom")

    with gr.Blocks() as demo:
        with gr.Column(show_progress=True, elem_id="col_true") as col_true:
            gr.Textbox(label="a")
        with gr.Column(show_progress=False, elem_id="col_false") as col_false:
            gr.Textbox(label="b")
        with gr.Row(elem_id="row") as row:
            gr.Textbox(label="c")
            gr.Textbox(label="d")
        gr.Button("true", elem_id="b_true").click(held, None, col_true)
        gr.Button("false", elem_id="b_false").click(held, None, col_false)
        gr.Button("row", elem_id="b_row").click(held, None, row)
        gr.Button("hidden", elem_id="b_hidden").click(held, None, col_false, show_progress="hidden")
        gr.Button("error", elem_id="b_error").click(fails, None, col_true)
    page.goto(serve(demo))

    for button, target in (("b_true", "col_true"), ("b_false", "col_false"), ("b_row", "row")):
        release.clear()
        page.locator(f"#{button}").click()
        border = page.locator(f"#{target} > [data-testid=layout-progress]")
        expect(border).to_be_visible()
        layout_box = page.locator(f"#{target}").bounding_box()
        border_box = border.bounding_box()
        assert layout_box and border_box
        near(
            [border_box[k] for k in ("x", "y", "width", "height")],
            [layout_box[k] for k in ("x", "y", "width", "height")],
        )
        style = border.evaluate(
            "e => { const s = getComputedStyle(e); return [s.borderTopWidth, s.borderTopColor, s.zIndex, s.borderTopLeftRadius, s.pointerEvents]; }"
        )
        assert style == ["2px", "rgb(249, 115, 22)", "10", "4px", "none"], style
        release.set()
        expect(border).to_have_count(0)

    # show_progress="hidden" on the event: nothing round the layout while it runs.
    release.clear()
    started.clear()
    page.locator("#b_hidden").click()
    assert started.wait(10)
    expect(page.locator("#col_false [data-testid=layout-progress]")).to_have_count(0)
    release.set()

    # A failed event: the error cover over the layout.
    release.clear()
    page.locator("#b_error").click()
    expect(page.locator("#col_true > [data-testid=layout-progress]")).to_be_visible()
    release.set()
    expect(page.locator("#col_true [data-testid=status-error]")).to_be_visible()
    expect(page.locator("#col_true > [data-testid=layout-progress]")).to_have_count(0)


def test_accordion_and_tab_heights_alignment_and_wrapping(page: Page, serve: Serve) -> None:
    """Gradio 6.31 at 1280px: Accordion(height=100) content 1190x100 at (13, 38.6) in the accordion, scrolling
    (scrollHeight 265); max_height=200 over one textbox: the content keeps its 89.6px; max_height=150 over three:
    150px, scrolling. Tab(height=120): a 120px panel, scrolling. Right-aligned tabs sit at the bar's right end
    in their order (One, Two, Four | Right, Right2; Right2's right edge on the Tabs' right edge), the first with
    a 24px rule before it. overflow_behavior="wrap" with 30 tabs: a 96px tab list of 32px lines, "Tab number
    10" starting the second line, no "More tabs" button; the default "menu" keeps one line and the button."""
    with gr.Blocks() as demo:
        with gr.Accordion("Fixed", height=100, elem_id="acc_h"):
            for i in range(3):
                gr.Textbox(label=f"h{i}")
        with gr.Accordion("Max short", max_height=200, elem_id="acc_ms"):
            gr.Textbox(label="ms")
        with gr.Accordion("Max tall", max_height=150, elem_id="acc_mt"):
            for i in range(3):
                gr.Textbox(label=f"mt{i}")
        with gr.Tabs(elem_id="tabs1"):
            with gr.Tab("One", height=120, elem_id="t1"):
                for i in range(3):
                    gr.Textbox(label=f"t1{i}")
            with gr.Tab("Two"):
                gr.Textbox(label="t2")
            with gr.Tab("Right", alignment="right", elem_id="t3"):
                gr.Textbox(label="t3")
            with gr.Tab("Four"):
                gr.Textbox(label="t4")
            with gr.Tab("Right2", alignment="right", elem_id="t5", render_children=True):
                gr.Textbox(label="t5")
        with gr.Tabs(elem_id="tabs2", overflow_behavior="wrap"):
            for i in range(30):
                with gr.Tab(f"Tab number {i}"):
                    gr.Textbox(label=f"w{i}")
        with gr.Tabs(elem_id="tabs3"):
            for i in range(30):
                with gr.Tab(f"Tab number {i}"):
                    gr.Textbox(label=f"m{i}")
    page.goto(serve(demo))
    expect(page.locator("#tabs3 [aria-label='More tabs']")).to_be_visible()

    content = "[role=region]"
    fixed = geometry(page, "acc_h", content)
    near(fixed["rect"], [13, 38.6, 1190, 100])
    scroll = "e => [e.scrollHeight, getComputedStyle(e).overflowY]"
    height, overflow = page.locator(f"#acc_h {content}").evaluate(scroll)
    assert height > 200 and overflow == "auto"
    near(geometry(page, "acc_ms", content)["rect"][2:], [1190, 89.6])
    near(geometry(page, "acc_mt", content)["rect"][2:], [1190, 150])
    assert page.locator(f"#acc_mt {content}").evaluate(scroll)[0] > 200

    panel = page.locator("#t1")
    panel_box = panel.bounding_box()
    assert panel_box and round(panel_box["height"]) == 120
    assert panel.evaluate(scroll)[0] > 200

    tabs = page.locator("#tabs1").bounding_box()
    assert tabs
    names = page.locator("#tabs1 [role=tab]").all_inner_texts()
    assert [n.strip() for n in names] == ["One", "Two", "Four", "Right", "Right2"]
    right2 = page.locator("#t5-button").bounding_box()
    right = page.locator("#t3-button").bounding_box()
    assert right2 and right
    assert abs(right2["x"] + right2["width"] - (tabs["x"] + tabs["width"])) <= 1
    assert abs(right["x"] + right["width"] - right2["x"]) <= 1
    rule = page.locator("#t3-button").evaluate("e => getComputedStyle(e, '::before').height")
    assert rule == "24px"

    tablist = page.locator("#tabs2 [role=tablist]").bounding_box()
    assert tablist and round(tablist["height"]) == 96
    tenth = page.locator("#tabs2 [role=tab]", has_text="Tab number 10").bounding_box()
    assert tenth
    near([tenth["x"] - tablist["x"], tenth["y"] - tablist["y"], tenth["height"]], [0, 32, 32])
    expect(page.locator("#tabs2 [aria-label='More tabs']")).to_have_count(0)
