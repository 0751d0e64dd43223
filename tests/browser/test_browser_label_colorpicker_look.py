"""gr.Label and gr.ColorPicker look and behave as Gradio 6.31's.

The expected numbers were measured on Gradio 6.31's page for the same apps, in Chromium at a 1000px
wide window (getBoundingClientRect / getComputedStyle), and are hard-coded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def box(inner: Locator, outer: Locator | None = None) -> dict[str, float]:
    """``inner``'s box (left, top, width, height), relative to ``outer``'s when given."""
    a = inner.bounding_box()
    assert a is not None
    b = outer.bounding_box() if outer is not None else {"x": 0, "y": 0}
    assert b is not None
    return {"x": a["x"] - b["x"], "y": a["y"] - b["y"], "w": a["width"], "h": a["height"]}


def css(element: Locator, prop: str) -> str:
    return str(element.evaluate("(e, p) => getComputedStyle(e).getPropertyValue(p)", prop))


def labels_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        lab = gr.Label({"cat": 0.7, "dog": 0.3}, label="Lab", elem_id="lab")
        gr.Label(
            {"a": 0.5, "b": 0.25, "c": 0.15, "d": 0.1}, label="Top2", num_top_classes=2, color="red", elem_id="top"
        )
        gr.Label({"x": 0.6, "y": 0.4}, label="NoHead", show_heading=False, elem_id="nohead")
        gr.Label("just text", label="Str", elem_id="str")
        gr.Label(label="Empty", elem_id="empty")
        gr.Label({"cat": 0.7}, elem_id="unlabelled")
        picked = gr.Textbox(label="picked", elem_id="picked")

        def pick(evt: gr.SelectData) -> str:
            return f"{evt.index!r} {evt.value!r}"

        lab.select(pick, None, picked)
    return demo


def test_label_is_a_heading_over_thin_bars_and_dashed_rows(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(serve(labels_app()))
    block = page.locator("#lab")
    expect(block).to_be_visible()
    # Gradio: the block is 172.4px high; the heading 84.4px high, 10px under the border (the badge floats).
    assert abs(box(block)["h"] - 172.4) <= 1
    heading = block.get_by_test_id("label-output-value")
    expect(heading).to_have_text("cat")
    assert box(heading, block)["y"] == pytest.approx(11, abs=0.5)
    assert box(heading)["h"] == pytest.approx(84.4, abs=0.5)
    expect(heading).to_have_css("font-size", "26px")
    expect(heading).to_have_css("font-weight", "700")
    expect(heading).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    expect(block.get_by_test_id("block-label")).to_have_css("position", "absolute")

    rows = block.locator("button")
    expect(rows).to_have_count(2)
    cat = block.get_by_test_id("cat-confidence-set")
    # Gradio: each row 29px high, 8px apart; a 4px bar (70% of the 678px row) over "cat ---- 70%".
    assert box(cat)["w"] == pytest.approx(678, abs=0.5)
    assert box(cat)["h"] == pytest.approx(29, abs=0.5)
    dog = block.get_by_test_id("dog-confidence-set")
    assert box(dog, cat)["y"] == pytest.approx(37, abs=0.5)
    bar = cat.locator(".bar")
    assert box(bar, cat)["y"] == 0
    assert box(bar)["h"] == 4
    assert box(bar)["w"] == pytest.approx(474.6, abs=0.5)
    assert box(dog.locator(".bar"))["w"] == pytest.approx(203.4, abs=0.5)
    expect(bar).to_have_css("border-radius", "6px")
    # Gradio's default theme: a gradient from primary-400 to primary-200.
    assert css(bar, "background-image") == "linear-gradient(to right, rgb(251, 146, 60), rgb(255, 221, 179))"
    expect(cat).to_have_css("font-family", '"IBM Plex Mono", ui-monospace, Consolas, monospace')
    expect(cat).to_have_css("font-size", "14px")
    expect(cat).to_have_text(re.compile(r"^\s*cat\s+70%\s*$"))
    expect(cat).to_have_accessible_name("cat 70%")
    line = cat.locator(".line")
    assert box(line)["h"] == 2
    expect(line).to_have_css("border-top-style", "dashed")
    expect(line).to_have_css("border-top-color", "rgb(228, 228, 231)")
    assert box(line, cat)["x"] == pytest.approx(33.2, abs=0.5)  # name (25.2px) + 8px
    pct = cat.get_by_text("70%")
    assert box(pct, cat)["x"] + box(pct)["w"] == pytest.approx(678, abs=0.5)  # flush right

    # A click on a class fires select with its index and name.
    dog.click()
    expect(page.locator("#picked textarea")).to_have_value("1 'dog'")


def test_label_options_as_gradio(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(serve(labels_app()))
    top = page.locator("#top")
    expect(top.locator("button")).to_have_count(2)  # num_top_classes=2
    # color= paints the heading's background (Gradio), not the bars.
    expect(top.get_by_test_id("label-output-value")).to_have_css("background-color", "rgb(255, 0, 0)")
    assert "rgb(251, 146, 60)" in css(top.locator(".bar").first, "background-image")
    assert abs(box(top)["h"] - 172.4) <= 1

    nohead = page.locator("#nohead")
    expect(nohead.get_by_test_id("label-output-value")).to_have_count(0)
    # Without the heading the badge takes a line of its own: the bars start under it (Gradio: 113.8px block).
    expect(nohead.get_by_test_id("block-label")).to_have_css("position", "static")
    assert abs(box(nohead)["h"] - 113.8) <= 1
    assert box(nohead.locator(".bar").first, nohead)["y"] == pytest.approx(36.8, abs=1)

    plain = page.locator("#str")
    expect(plain.get_by_test_id("label-output-value")).to_have_text("just text")
    expect(plain.locator("button")).to_have_count(0)
    assert abs(box(plain)["h"] - 106.4) <= 1

    empty = page.locator("#empty")
    expect(empty.get_by_test_id("label-empty")).to_be_visible()
    assert box(empty)["h"] == 110
    expect(empty.get_by_test_id("block-label")).to_have_text("Empty")

    # No label: Gradio's badge reads "Label".
    expect(page.locator("#unlabelled").get_by_test_id("block-label")).to_have_text("Label")


def test_label_in_dark_mode(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(serve(labels_app()) + "?__theme=dark")
    cat = page.locator("#lab").get_by_test_id("cat-confidence-set")
    expect(cat).to_be_visible()
    # Gradio's dark theme: primary-400 to primary-600, rules in the dark border colour.
    bar = cat.locator(".bar")
    assert css(bar, "background-image") == "linear-gradient(to right, rgb(251, 146, 60), rgb(234, 88, 12))"
    expect(cat.locator(".line")).to_have_css("border-top-color", "rgb(63, 63, 70)")
    expect(cat).to_have_css("color", "rgb(244, 244, 245)")


def pickers_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        empty = gr.ColorPicker(label="Color", elem_id="empty")
        col = gr.ColorPicker("#ff8800", label="Color2", elem_id="col")
        gr.ColorPicker("#00ff00", label="Static", elem_id="static")
        other = gr.Textbox(label="other", elem_id="other", interactive=True)
        out = gr.Textbox(label="out", elem_id="out")
        gr.Button("Go").click(lambda a, b: f"{a!r} {b!r}", [empty, col], out)
        for event in ("input", "change", "release", "submit", "focus", "blur"):
            # Logged in the page, in the order the events fire.
            getattr(col, event)(
                None, col, None, js=f"(c) => {{ (window.events = window.events || []).push('{event} ' + c); }}"
            )
        other.change(lambda t: t, other, None)
    return demo


def swatch(block: Locator) -> Locator:
    return block.get_by_test_id("colorpicker")


def test_colorpicker_closed_is_a_small_swatch(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(serve(pickers_app()))
    for elem_id, background in (
        ("empty", "rgba(0, 0, 0, 0)"),
        ("col", "rgb(255, 136, 0)"),
        ("static", "rgb(0, 255, 0)"),
    ):
        block = page.locator(f"#{elem_id}")
        button = swatch(block)
        expect(button).to_be_visible()
        # Gradio: a 40x20 swatch with the block's 1px border, square corners, under the 69.6px block's title.
        assert (box(button)["w"], box(button)["h"]) == (40, 20)
        assert box(button, block)["x"] == 13
        assert box(button, block)["y"] == pytest.approx(38.6, abs=1)
        assert abs(box(block)["h"] - 69.6) <= 1
        expect(button).to_have_css("background-color", background)
        expect(button).to_have_css("border-top-color", "rgb(228, 228, 231)")
        expect(button).to_have_css("border-top-width", "1px")
        expect(button).to_have_css("border-radius", "0px")
        expect(block.locator("input")).to_have_count(0)  # no text box until it opens
    expect(swatch(page.locator("#static"))).to_be_disabled()
    expect(swatch(page.locator("#static"))).to_have_css("cursor", "not-allowed")
    expect(swatch(page.locator("#col"))).to_have_accessible_name("Color2")
    # An untouched picker sends None, as Gradio.
    page.get_by_role("button", name="Go").click()
    expect(page.locator("#out textarea")).to_have_value("None '#ff8800'")


def test_colorpicker_opens_gradios_picker(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(serve(pickers_app()))
    block = page.locator("#col")
    swatch(block).click()
    dialog = block.get_by_test_id("colorpicker-dialog")
    expect(dialog).to_be_visible()
    # Gradio's picker, in the flow under the swatch: the block grows to 324.6px.
    assert abs(box(block)["h"] - 324.6) <= 1
    assert box(dialog)["w"] == 230
    assert box(dialog, swatch(block))["y"] == 24  # 20px swatch + 4px margin
    area = dialog.get_by_role("slider", name="Saturation and brightness")
    hue = dialog.get_by_role("slider", name="Hue")
    assert (box(area)["w"], box(area)["h"]) == (228, 150)
    assert box(hue)["w"] == pytest.approx(205.2, abs=0.5)
    assert box(hue)["h"] == 10
    assert box(hue, area)["y"] == 160
    text = block.get_by_test_id("colorpicker-text")
    expect(text).to_have_value("#ff8800")
    assert box(text)["h"] == 30
    expect(text).to_have_css("font-size", "12px")
    for name, shown in (("RGB", "rgb(255, 136, 0)"), ("HSL", "hsl(32, 100%, 50%)"), ("Hex", "#ff8800")):
        dialog.get_by_role("button", name=name, exact=True).click()
        expect(text).to_have_value(shown)
    expect(dialog.get_by_role("button", name="Hex", exact=True)).to_have_css("font-weight", "700")
    assert abs(box(block)["h"] - 324.6) <= 1


def events(page: Page, *expected: str) -> None:
    """Wait until the page has logged exactly these events since the last call, then forget them."""
    page.wait_for_function("n => (window.events || []).length >= n", arg=len(expected))
    assert page.evaluate("() => window.events.splice(0)") == list(expected)


def test_colorpicker_events_as_gradio(page: Page, serve: Serve) -> None:
    """Gradio: focus on opening; input and change while dragging, release on letting go; change and submit
    on Enter in the text box (no input); blur on a press outside, which closes the picker."""
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(serve(pickers_app()))
    block = page.locator("#col")
    swatch(block).click()
    events(page, "focus #ff8800")
    area = block.get_by_role("slider", name="Saturation and brightness")
    a = box(area)
    page.mouse.move(a["x"] + 28, a["y"] + 60)
    page.mouse.down()
    page.mouse.move(a["x"] + 57, a["y"] + 60)
    # s = 57/228, v = 1 - 60/150 at #ff8800's hue (32).
    expect(swatch(block)).to_have_css("background-color", "rgb(153, 135, 115)")
    page.mouse.up()
    page.wait_for_function("() => (window.events || []).some(e => e.startsWith('release'))")
    logged = page.evaluate("() => window.events.splice(0)")
    assert logged[-1] == "release #998773"
    assert [e.split()[0] for e in logged[:-1]] == ["input", "change"] * 2
    assert logged[-2] == "change #998773"
    text = block.get_by_test_id("colorpicker-text")
    expect(text).to_have_value("#998773")
    text.fill("red")
    text.press("Enter")
    expect(text).to_have_value("#ff0000")
    expect(swatch(block)).to_have_css("background-color", "rgb(255, 0, 0)")
    events(page, "submit #ff0000", "change #ff0000")
    page.locator("#other textarea").click()
    expect(block.get_by_test_id("colorpicker-dialog")).to_have_count(0)
    events(page, "blur #ff0000")


def test_colorpicker_keyboard(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.goto(serve(pickers_app()))
    block = page.locator("#col")
    swatch(block).focus()
    page.keyboard.press("Enter")
    dialog = block.get_by_test_id("colorpicker-dialog")
    expect(dialog).to_be_visible()
    page.keyboard.press("Tab")
    area = dialog.get_by_role("slider", name="Saturation and brightness")
    expect(area).to_be_focused()
    page.keyboard.press("ArrowDown")  # 1% darker
    expect(swatch(block)).to_have_css("background-color", "rgb(252, 135, 0)")
    page.keyboard.press("Tab")
    hue = dialog.get_by_role("slider", name="Hue")
    expect(hue).to_be_focused()
    page.keyboard.press("Home")
    expect(hue).to_have_attribute("aria-valuenow", "0")
    expect(swatch(block)).to_have_css("background-color", "rgb(252, 0, 0)")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(swatch(block)).to_be_focused()
