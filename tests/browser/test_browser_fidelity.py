"""What the page does by default, compared with Gradio 6.31's page for the same app.

The expected values were recorded by serving the same apps with Gradio 6.31 and driving its page
with Chromium (the values its functions received, what its DOM showed); they are hard-coded here.
"""

from __future__ import annotations

import queue
import re
import runpy
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


# -- 1. untouched inputs reach the function with Gradio's values ---------------------------------------

#: What a function received from each untouched input on Gradio 6.31's page (``repr`` of the value).
GRADIO_UNTOUCHED: dict[str, tuple[Callable[[], Any], str]] = {
    "Textbox": (lambda: gr.Textbox(), "''"),
    "TextArea": (lambda: gr.TextArea(), "''"),
    "Textbox password": (lambda: gr.Textbox(type="password"), "''"),
    "Textbox value=None": (lambda: gr.Textbox(value=None), "''"),
    "Number": (lambda: gr.Number(), "0"),
    "Number precision=0": (lambda: gr.Number(precision=0), "0"),
    "Slider": (lambda: gr.Slider(), "0"),
    "Slider 5..10": (lambda: gr.Slider(5, 10), "5"),
    "Checkbox": (lambda: gr.Checkbox(), "False"),
    "CheckboxGroup": (lambda: gr.CheckboxGroup(["a", "b"]), "[]"),
    "Radio": (lambda: gr.Radio(["a", "b"]), "None"),
    "Dropdown": (lambda: gr.Dropdown(["a", "b"]), "'a'"),
    "Dropdown multiselect": (lambda: gr.Dropdown(["a", "b"], multiselect=True), "[]"),
    "ColorPicker": (lambda: gr.ColorPicker(), "None"),
    "DateTime": (lambda: gr.DateTime(), "None"),
    "Image": (lambda: gr.Image(), "None"),
    "Audio": (lambda: gr.Audio(), "None"),
    "Video": (lambda: gr.Video(), "None"),
    "File": (lambda: gr.File(), "None"),
    "Gallery": (lambda: gr.Gallery(), "None"),
    "Chatbot": (lambda: gr.Chatbot(), "[]"),
    "MultimodalTextbox": (lambda: gr.MultimodalTextbox(), "{'text': '', 'files': []}"),
    "JSON": (lambda: gr.JSON(), "None"),
    "Label": (lambda: gr.Label(), "None"),
    "Markdown": (lambda: gr.Markdown(), "None"),
    "HTML": (lambda: gr.HTML(), "None"),
    "Code": (lambda: gr.Code(), "''"),
    "AnnotatedImage": (lambda: gr.AnnotatedImage(), "None"),
    "ImageSlider": (lambda: gr.ImageSlider(), "(None, None)"),
    "Model3D": (lambda: gr.Model3D(), "None"),
    "State": (lambda: gr.State(), "None"),
    "BrowserState": (lambda: gr.BrowserState(), "None"),
}


def test_untouched_inputs_reach_the_function_with_gradios_values(page: Page, serve: Serve) -> None:
    received: queue.Queue[dict[str, str]] = queue.Queue()
    names = list(GRADIO_UNTOUCHED)

    def record(*values: Any) -> str:
        received.put({name: repr(value) for name, value in zip(names, values, strict=True)})
        return "done"

    with gr.Blocks() as demo:
        inputs = [make() for make, _ in GRADIO_UNTOUCHED.values()]
        status = gr.Textbox(label="Status")
        gr.Button("Go").click(record, inputs, status)
    page.goto(serve(demo))
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_label("Status", exact=True)).to_have_value("done")
    assert received.get(timeout=5) == {name: expected for name, (_, expected) in GRADIO_UNTOUCHED.items()}


def test_untouched_interface_textbox_sends_an_empty_string(page: Page, serve: Serve) -> None:
    """``gr.Interface(greet, "text", "text")``: Submit without typing calls greet("") (None would crash it)."""
    page.goto(serve(gr.Interface(lambda name: "Hello " + name + "!", "text", "text")))
    expect(page.get_by_label("name", exact=True)).to_have_value("")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_label("output", exact=True)).to_have_value("Hello !")


def test_untouched_number_shows_zero(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Number(label="N")
    page.goto(serve(demo))
    expect(page.get_by_label("N", exact=True)).to_have_value("0")


# -- 2. phones: nothing scrolls sideways at 390 px ------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
#: The repository's demo apps: demo/<name>/app.py, and the apps the benchmarks serve (their ``APP`` source).
DEMO_APPS = sorted(REPO.glob("demo/*/app.py")) + sorted(
    p for p in REPO.glob("benchmarks/*.py") if re.search(r"^APP = ", p.read_text(), re.M)
)


def app_source(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A demo file's code; for a benchmark, the app it writes out and serves (its ``APP`` string)."""
    if path.parent.name != "benchmarks":
        return path.read_text()
    monkeypatch.syspath_prepend(str(path.parent))  # the benchmarks' shared helper module
    return str(runpy.run_path(str(path), run_name="benchmark")["APP"])


def horizontal_overflow(page: Page) -> int:
    """How many px the page is wider than the window (0: no sideways scrolling)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def on_phone(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})


def test_a_row_of_media_inputs_stacks_on_a_phone(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.Row():
            gr.Image(label="Left")
            gr.Image(label="Right")
        with gr.Row():
            gr.Video(label="Clip")
            gr.Audio(label="Sound")
    on_phone(page)
    page.goto(serve(demo))
    left = page.get_by_test_id("image").first
    right = page.get_by_test_id("image").last
    expect(right).to_be_visible()
    assert horizontal_overflow(page) == 0
    # Two 160 px minimums and the gap do not fit beside each other in 390 px less the page's padding:
    # one image under the other, each as wide as the page's content, as on Gradio's page.
    left_box, right_box = left.bounding_box(), right.bounding_box()
    assert left_box and right_box
    assert right_box["y"] >= left_box["y"] + left_box["height"]
    assert abs(left_box["width"] - right_box["width"]) < 1


def test_media_sources_are_an_icon_bar_inside_the_card(page: Page, serve: Serve) -> None:
    """Gradio's sources are icon buttons along the card's bottom, named for assistive tech; they fit any card."""
    with gr.Blocks() as demo:
        with gr.Row():
            for i in range(6):
                gr.Image(label=f"Image {i}", min_width=80)
    page.goto(serve(demo))
    card = page.get_by_test_id("image").first
    bar = card.get_by_role("toolbar", name="Image source")
    expect(bar.get_by_role("button")).to_have_count(3)
    names = [b.get_attribute("aria-label") for b in bar.get_by_role("button").all()]
    assert names == ["Upload file", "Capture from camera", "Paste from clipboard"]
    expect(bar.get_by_role("button", name="Upload file")).to_have_attribute("aria-pressed", "true")
    card_box, bar_box = card.bounding_box(), bar.bounding_box()
    assert card_box and bar_box
    assert bar_box["x"] >= card_box["x"] and bar_box["x"] + bar_box["width"] <= card_box["x"] + card_box["width"]
    assert horizontal_overflow(page) == 0
    bar.get_by_role("button", name="Capture from camera").click()
    expect(bar.get_by_role("button", name="Capture from camera")).to_have_attribute("aria-pressed", "true")


@pytest.fixture
def gradio_alias() -> Iterator[None]:
    """``import gradio`` gives Trellis while a demo file is loaded (as ``trellis run`` does)."""
    from trellis import _aliases

    saved = {name: module for name, module in sys.modules.items() if name == "gradio" or name.startswith("gradio.")}
    _aliases.alias_gradio()
    yield
    for name in [n for n in sys.modules if n == "gradio" or n.startswith("gradio.")]:
        del sys.modules[name]
    sys.modules.update(saved)


@pytest.mark.parametrize("app_file", DEMO_APPS, ids=lambda p: str(p.relative_to(REPO)))
def test_demo_apps_do_not_scroll_sideways_on_a_phone(
    page: Page, serve: Serve, gradio_alias: None, app_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    namespace: dict[str, Any] = {"__name__": "demo_app", "__file__": str(app_file)}
    exec(compile(app_source(app_file, monkeypatch), str(app_file), "exec"), namespace)
    demo = namespace["demo"]
    on_phone(page)
    page.goto(serve(demo))
    expect(page.locator(".block").first).to_be_visible()
    assert horizontal_overflow(page) == 0
    tabs = page.get_by_role("tab")
    for i in range(tabs.count()):  # every tab of a TabbedInterface
        tabs.nth(i).click()
        expect(tabs.nth(i)).to_have_attribute("aria-selected", "true")
        assert horizontal_overflow(page) == 0, f"tab {tabs.nth(i).inner_text()!r} scrolls sideways"


# -- 3. the default look -----------------------------------------------------------------------------------


def boxes(locator: Any) -> list[dict[str, float]]:
    found = [b for b in (item.bounding_box() for item in locator.all()) if b]
    assert len(found) == locator.count()
    return found


def test_an_interfaces_inputs_share_one_card(page: Page, serve: Serve) -> None:
    """Gradio's Form: adjacent inputs sit in one bordered card, without borders or gaps of their own."""
    demo = gr.Interface(lambda a, b, c: a, ["text", "slider", "checkbox"], "text")
    page.goto(serve(demo))
    form = page.get_by_test_id("form").first
    blocks = form.locator(".block")
    expect(blocks).to_have_count(3)
    assert form.evaluate("f => getComputedStyle(f).borderTopWidth") == "1px"
    assert blocks.evaluate_all("bs => bs.map(b => getComputedStyle(b).borderTopWidth)") == ["0px"] * 3
    tops = boxes(blocks)
    for upper, lower in zip(tops, tops[1:], strict=False):
        assert abs(lower["y"] - (upper["y"] + upper["height"])) < 1  # no gap: one card
    # The Interface's columns are plain columns, as in Gradio (no panel around them).
    column = page.get_by_test_id("column").first
    assert column.evaluate("c => getComputedStyle(c).paddingTop") == "0px"


def test_a_groups_children_are_one_px_apart(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.Group():
            gr.Textbox(label="First")
            gr.Textbox(label="Second")
            gr.Button("Third")
    page.goto(serve(demo))
    group = page.get_by_test_id("group")
    first, second = boxes(group.locator(".block"))
    assert 0.5 < second["y"] - (first["y"] + first["height"]) < 1.5
    button = group.get_by_role("button", name="Third").bounding_box()
    assert button and 0.5 < button["y"] - (second["y"] + second["height"]) < 1.5
    assert group.evaluate("g => getComputedStyle(g).borderTopWidth") == "1px"
    assert group.locator(".block").first.evaluate("b => getComputedStyle(b).borderTopWidth") == "0px"


def gallery_app(tmp_path: Path, interactive: bool) -> gr.Blocks:
    from tests.browser.conftest import write_png

    items = [
        (str(write_png(tmp_path / f"{n}.png", (64, 48), c)), n)
        for n, c in (("red", (200, 0, 0)), ("green", (0, 200, 0)))
    ]
    with gr.Blocks() as demo:
        gr.Gallery(items, label="Pictures", interactive=interactive)
    return demo


def test_an_output_gallery_has_no_editing_controls_and_overlays_captions(
    page: Page, serve: Serve, tmp_path: Path
) -> None:
    page.goto(serve(gallery_app(tmp_path, interactive=False)))
    thumbs = page.get_by_test_id("gallery-item")
    expect(thumbs).to_have_count(2)
    gallery = page.get_by_test_id("gallery")
    expect(gallery.get_by_role("button", name=re.compile("Delete|Remove|Clear|Upload"))).to_have_count(0)
    expect(gallery.get_by_text("Add images")).to_have_count(0)
    # Gradio's caption is a tab inside the thumbnail's bottom-right corner, not a line below it.
    thumb = thumbs.first.bounding_box()
    caption = thumbs.first.get_by_text("red", exact=True).bounding_box()
    assert thumb and caption
    assert abs((caption["x"] + caption["width"]) - (thumb["x"] + thumb["width"])) <= 2
    assert abs((caption["y"] + caption["height"]) - (thumb["y"] + thumb["height"])) <= 2
    assert caption["width"] < 0.8 * thumb["width"] + 1


def test_an_interactive_gallery_has_gradios_corner_controls(page: Page, serve: Serve, tmp_path: Path) -> None:
    page.goto(serve(gallery_app(tmp_path, interactive=True)))
    gallery = page.get_by_test_id("gallery")
    expect(page.get_by_test_id("gallery-item")).to_have_count(2)
    expect(gallery.get_by_text("Add images")).to_have_count(0)
    expect(gallery.get_by_role("button", name="Click to Upload")).to_be_visible()
    delete = gallery.get_by_role("button", name="Delete red")
    assert delete.evaluate("b => getComputedStyle(b).opacity") == "0"  # shown only on hover, as in Gradio
    page.get_by_test_id("gallery-item").first.hover()
    expect(delete).to_have_css("opacity", "1")
    delete.click()
    expect(page.get_by_test_id("gallery-item")).to_have_count(1)
    gallery.get_by_role("button", name="Clear").click()
    expect(page.get_by_test_id("gallery-item")).to_have_count(0)
    expect(page.get_by_test_id("gallery-dropzone")).to_be_visible()


def test_textbox_copy_button_sits_in_the_label_row(page: Page, serve: Serve) -> None:
    """Gradio's copy icon: a tab in the block's top-right corner, above the text field, not on its border."""
    with gr.Blocks() as demo:
        gr.Textbox("some words", label="Source", buttons=["copy"], lines=3)
        gr.Textbox("hidden label", show_label=False, buttons=["copy"])
    page.goto(serve(demo))
    copy = page.get_by_role("button", name="Copy")
    expect(copy).to_have_count(1)  # none without a label, as in Gradio
    block = page.get_by_test_id("textbox").first.bounding_box()
    field = page.get_by_label("Source", exact=True).bounding_box()
    button = copy.bounding_box()
    assert block and field and button
    assert button["y"] + button["height"] <= field["y"]
    assert block["y"] <= button["y"] <= block["y"] + 4
    assert abs((button["x"] + button["width"]) - (block["x"] + block["width"])) <= 4


def test_an_output_of_a_failed_event_shows_gradios_error_state(page: Page, serve: Serve) -> None:
    """Gradio covers each output of a failed event with an "Error" badge (the message goes to the toast)."""

    def run(text: str) -> tuple[str, str]:
        if text == "boom":
            raise gr.Error("it broke")
        return f"got {text}", "fine"

    with gr.Blocks() as demo:
        text = gr.Textbox(label="In")
        out = gr.Textbox(label="Out", value="old")
        other = gr.Textbox(label="Other")
        gr.Button("Run").click(run, text, [out, other])
    page.goto(serve(demo))
    text_in = page.get_by_label("In", exact=True)
    text_in.fill("boom")
    page.get_by_role("button", name="Run", exact=True).click()
    errors = page.get_by_test_id("status-error")
    expect(errors).to_have_count(2)
    expect(errors.first).to_have_text("Error")
    expect(page.get_by_test_id("toast-error")).to_contain_text("it broke")
    # The badge covers the output's card, hiding its old value.
    card = page.get_by_test_id("textbox").nth(1).bounding_box()
    cover = errors.first.bounding_box()
    assert card and cover and cover["height"] >= card["height"] - 2 and cover["width"] >= card["width"] - 2
    errors.first.get_by_role("button", name="Clear").click()  # Gradio's X uncovers that output only
    expect(errors).to_have_count(1)
    text_in.fill("ok")
    page.get_by_role("button", name="Run", exact=True).click()
    expect(page.get_by_label("Out", exact=True)).to_have_value("got ok")
    expect(errors).to_have_count(0)


def test_an_empty_chat_history_shows_no_text(page: Page, serve: Serve) -> None:
    """Before the first chat, Gradio's history sidebar holds only its New chat button (no "No examples")."""
    page.goto(serve(gr.ChatInterface(lambda message, history: message, save_history=True)))
    expect(page.get_by_role("button", name="New chat")).to_be_visible()
    expect(page.get_by_text("No examples")).to_have_count(0)
    history = page.get_by_test_id("dataset")
    expect(history).to_have_count(1)
    assert history.inner_text().strip() == ""


def test_like_user_message_puts_feedback_buttons_on_user_messages(page: Page, serve: Serve) -> None:
    """Gradio shows every message's buttons (copy, Dislike, Like) without hovering; with like_user_message
    the user's messages get the thumbs too, and a click reaches the like listener."""
    liked: queue.Queue[tuple[int | None, Any, Any]] = queue.Queue()

    def on_like(data: gr.LikeData) -> None:
        liked.put((data.index, data.value, data.liked))

    with gr.Blocks() as demo:
        chat = gr.Chatbot(
            [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}], like_user_message=True
        )
        chat.like(on_like, None, None)
    page.goto(serve(demo))
    page.mouse.move(1, 1)
    user_row = page.get_by_test_id("user-row")
    buttons = user_row.get_by_role("group", name="Message actions").get_by_role("button")
    expect(buttons).to_have_count(3)
    assert [b.get_attribute("aria-label") for b in buttons.all()] == ["Copy message", "Dislike", "Like"]
    expect(user_row.get_by_role("button", name="Like", exact=True)).to_be_visible()
    assert (
        user_row.get_by_role("button", name="Like", exact=True).evaluate(
            "b => getComputedStyle(b.closest('.controls')).opacity"
        )
        == "1"
    )
    user_row.get_by_role("button", name="Like", exact=True).click()
    index, value, was_liked = liked.get(timeout=5)
    assert (index, was_liked) == (0, True)
    assert "hi" in str(value)


def test_a_picked_example_is_not_left_highlighted(page: Page, serve: Serve) -> None:
    """Gradio marks no example as picked: once the pointer leaves it, the row looks as before the click,
    also after the inputs change."""
    demo = gr.Interface(lambda a, b: a, ["text", "number"], "text", examples=[["Ada", 1], ["Grace", 2]])
    page.goto(serve(demo))
    row = page.locator("tbody tr").first
    expect(row).to_be_visible()
    background = row.evaluate("r => getComputedStyle(r).backgroundColor")
    row.click()
    expect(page.get_by_label("a", exact=True)).to_have_value("Ada")
    page.mouse.move(1, 1)
    expect(row).to_have_css("background-color", background)
    page.get_by_label("a", exact=True).fill("changed")
    expect(row).to_have_css("background-color", background)


# -- form geometry, interactivity and errors as on Gradio 6.31 ------------------------------------------


def _box(page: Page, locator: Any) -> dict[str, float]:
    box = locator.bounding_box()
    assert box is not None
    return box


def test_form_fields_have_gradios_geometry(page: Page, serve: Serve) -> None:
    """Label, info, textbox, number, dropdown and slider boxes measured on Gradio 6.31's page at 1000 px."""
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        lines = gr.Textbox(label="Lines", lines=3, info="Some info")
        number = gr.Number(label="Num")
        slider = gr.Slider(0, 10, label="Slide")
        drop = gr.Dropdown(["x", "y"], label="Drop")
        out = gr.Textbox(label="Out")
        gr.Button("Go").click(lambda *a: "", [text, lines, number, slider, drop], out)
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(serve(demo))
    title = _box(page, page.get_by_text("Text", exact=True))
    field = _box(page, page.get_by_label("Text", exact=True))
    assert round(title["height"]) == 20  # 14px text at line-height 1.4
    assert round(field["y"] - (title["y"] + title["height"])) == 8  # the title's 8px gap
    assert round(field["height"]) == 40  # one row: 19.6px line + 2 x 10px padding
    assert round(_box(page, page.get_by_label("Lines", exact=True))["height"]) == 79
    info = _box(page, page.get_by_text("Some info"))
    lines_title = _box(page, page.get_by_text("Lines", exact=True))
    assert round(info["y"] - (lines_title["y"] + lines_title["height"])) == 2  # a title with info keeps 2px
    assert round(_box(page, page.get_by_label("Num", exact=True))["height"]) == 42
    assert round(_box(page, page.get_by_test_id("dropdown-input"))["height"]) == 20
    # The slider: number box and reset in one 24px strip, the bounds either side of the track.
    number_box = _box(page, page.get_by_test_id("number-input"))
    reset = _box(page, page.get_by_test_id("reset-button"))
    range_input = page.get_by_role("slider", name="Slide")
    track = _box(page, range_input)
    assert round(number_box["height"]) == 22 and round(reset["height"]) == 22
    assert abs(number_box["x"] + number_box["width"] - reset["x"]) <= 1
    low = _box(page, range_input.locator("xpath=preceding-sibling::span"))
    high = _box(page, range_input.locator("xpath=following-sibling::span"))
    assert low["x"] + low["width"] < track["x"] < track["x"] + track["width"] < high["x"]
    assert abs((low["y"] + low["height"] / 2) - (track["y"] + track["height"] / 2)) <= 2


def test_interactive_none_follows_gradios_rule(page: Page, serve: Serve) -> None:
    """Gradio's page: an event's input is editable, an output is not, and one no event reads or writes is
    editable only while it has no value (event triggers do not count)."""
    with gr.Blocks() as demo:
        gr.Textbox(label="Empty")
        gr.Textbox(label="Filled", value="hi")
        gr.Number(label="No number")
        gr.Checkbox(label="Unticked")
        gr.Checkbox(label="Ticked", value=True)
        gr.Dropdown(["x", "y"], label="First choice")
        gr.Dropdown(["x", "y"], value=None, label="No choice")
        trigger = gr.Slider(0, 10, value=5, label="Trigger")
        out = gr.Textbox(label="Out")
        trigger.change(lambda: "moved", None, out)
    page.goto(serve(demo))
    for label in ("Empty", "No number", "Unticked"):
        expect(page.get_by_label(label, exact=True)).to_be_editable()
    expect(page.get_by_role("combobox", name="No choice")).to_be_enabled()
    for label in ("Filled", "Ticked", "Out"):  # read-only textboxes (their text can still be copied)
        expect(page.get_by_label(label, exact=True)).not_to_be_editable()
    expect(page.get_by_role("combobox", name="First choice")).to_be_disabled()
    expect(page.get_by_role("slider", name="Trigger")).to_be_disabled()


def test_a_plain_exception_shows_the_error_badge_and_no_toast(page: Page, serve: Serve) -> None:
    """Without show_error Gradio sends no message: the output shows its Error badge under its title, no toast."""

    def fail(text: str) -> str:
        raise ValueError("hidden detail")

    with gr.Blocks() as demo:
        text = gr.Textbox(label="In")
        out = gr.Textbox(label="Out")
        gr.Button("Run").click(fail, text, out)
    page.goto(serve(demo))
    page.get_by_role("button", name="Run").click()
    badge = page.get_by_test_id("status-error")
    expect(badge).to_have_text("Error")
    expect(page.get_by_test_id("toast-error")).to_have_count(0)
    expect(page.get_by_text("hidden detail")).to_have_count(0)
    # The output's title stays readable above the cover, as in Gradio.
    title = page.get_by_text("Out", exact=True)
    box = _box(page, title)
    assert (
        page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).textContent", [box["x"] + 4, box["y"] + box["height"] / 2]
        )
        == "Out"
    )


def test_an_error_toast_without_a_duration_closes_after_ten_seconds(page: Page, serve: Serve) -> None:
    def fail(text: str) -> str:
        raise ValueError("shown detail")

    with gr.Blocks() as demo:
        text = gr.Textbox(label="In")
        out = gr.Textbox(label="Out")
        gr.Button("Run").click(fail, text, out)
    page.goto(serve(demo, show_error=True))
    page.get_by_role("button", name="Run").click()
    toast = page.get_by_test_id("toast-error")
    expect(toast).to_contain_text("shown detail")
    started = page.evaluate("performance.now()")
    expect(toast).to_have_count(0, timeout=15_000)
    assert page.evaluate("performance.now()") - started > 8_000


def test_scroll_to_output_brings_the_output_into_view(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        text = gr.Textbox(label="In")
        go = gr.Button("Scroll")
        stay = gr.Button("Stay")
        for i in range(12):
            gr.Textbox(label=f"Filler {i}", lines=3)
        out = gr.Textbox(label="Far output")
        go.click(lambda t: "scrolled " + t, text, out, scroll_to_output=True)
        stay.click(lambda t: "stayed " + t, text, out)
    page.set_viewport_size({"width": 1000, "height": 600})
    page.goto(serve(demo))
    far = page.get_by_label("Far output", exact=True)
    page.get_by_role("button", name="Stay").click()
    expect(far).to_have_value("stayed ")
    assert page.evaluate("scrollY") == 0
    page.get_by_role("button", name="Scroll").click()
    expect(far).to_have_value("scrolled ")
    page.wait_for_function(
        "el => { const b = el.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight }",
        arg=far.element_handle(),
    )
    assert page.evaluate("scrollY") > 0


def test_media_corner_buttons_are_one_strip_flush_with_the_corner(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31: an Image's fullscreen/download/share buttons sit in one strip at the block's top-right
    corner (no gap), 18px buttons with 14px grey icons."""
    from PIL import Image as PILImage

    path = tmp_path / "orange.png"
    PILImage.new("RGB", (300, 200), (255, 120, 0)).save(path)
    with gr.Blocks() as demo:
        gr.Image(str(path), label="Shown")
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(serve(demo))
    block = _box(page, page.get_by_test_id("image").first)
    download = page.get_by_test_id("image-download")
    expect(download).to_be_visible()
    strip = _box(page, download.locator("xpath=.."))
    assert abs((strip["x"] + strip["width"]) - (block["x"] + block["width"] - 1)) <= 1.5
    assert abs(strip["y"] - (block["y"] + 1)) <= 1.5
    assert round(_box(page, download)["height"]) == 18
    assert round(_box(page, download.locator("svg"))["width"]) == 14
    assert round(strip["height"]) == 23


def test_the_examples_table_is_gradios_separated_table(page: Page, serve: Serve) -> None:
    """Gradio 6.31's examples table: cells 2px apart (no rules between rows), flush with its card (the first
    cell 3px from the card's corner: its 1px border and the 2px spacing)."""
    demo = gr.Interface(lambda a, b: a, ["number", "text"], "text", examples=[[1, "x"], [2, "y"]])
    page.goto(serve(demo))
    table = page.locator("table").first
    expect(table).to_be_visible()
    style = table.evaluate("t => { const s = getComputedStyle(t); return [s.borderCollapse, s.paddingTop] }")
    assert style == ["separate", "0px"]
    offset = table.evaluate(
        "t => { const c = t.querySelector('th').getBoundingClientRect(), w = t.parentElement.getBoundingClientRect();"
        " return [Math.round(c.x - w.x), Math.round(c.y - w.y)] }"
    )
    assert offset == [3, 3]
    rows = table.locator("tbody tr")
    first, second = _box(page, rows.nth(0)), _box(page, rows.nth(1))
    assert round(second["y"] - (first["y"] + first["height"])) == 2


def test_duplicate_button_and_scale_zero_buttons_are_as_wide_as_their_text(page: Page, serve: Serve) -> None:
    """Gradio 6.31: DuplicateButton is a small navy button (#141c2e, white text), and any button with
    scale=0 is as wide as its text in a Column (width: fit-content) and at least 160px in a Row."""
    with gr.Blocks() as demo:
        gr.DuplicateButton()
        gr.Button("Narrow", scale=0)
        gr.Button("Wide")
        with gr.Row():
            gr.Button("In row", scale=0)
            gr.Button("Rest")
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(serve(demo))
    duplicate = page.get_by_role("button", name="Duplicate Space")
    colours = duplicate.evaluate("b => [getComputedStyle(b).backgroundColor, getComputedStyle(b).color]")
    assert colours == ["rgb(20, 28, 46)", "rgb(255, 255, 255)"]
    assert round(_box(page, duplicate)["height"]) == 26
    narrow = _box(page, page.get_by_role("button", name="Narrow"))
    wide = _box(page, page.get_by_role("button", name="Wide"))
    assert narrow["width"] < 120 < wide["width"]
    assert round(_box(page, page.get_by_role("button", name="In row"))["width"]) == 160


def test_the_login_page_is_gradios_themed_form(page: Page, serve: Serve) -> None:
    """Gradio 6.31's login page: a 480px panel with "Login", the auth message, username and password
    boxes in one card and the primary Login button; wrong credentials say "Incorrect Credentials" and
    empty the boxes; right ones open the app."""
    with gr.Blocks(theme=gr.themes.Soft()) as demo:
        gr.Textbox("the app", label="Inside")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(serve(demo, auth=("ann", "pw"), auth_message="Please sign in."))
    panel = page.locator("form#login")
    expect(panel.get_by_role("heading", name="Login")).to_be_visible()
    expect(panel.get_by_text("Please sign in.")).to_be_visible()
    assert round(_box(page, panel)["width"]) == 480
    login = page.get_by_role("button", name="Login")
    # Gradio's class names, which apps' CSS targets, and the app's icon (no request for /favicon.ico).
    expect(login).to_have_class("lg primary")
    expect(page.locator("body > .gradio-container > main.app.contain form#login")).to_be_visible()
    assert page.locator("link[rel=icon]").get_attribute("href", timeout=1000).startswith("data:image/svg+xml")
    primary = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--primary-500').trim()")
    assert primary == "#6366f1"  # the app's theme (Soft) styles the page
    assert login.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(99, 102, 241)"
    # Empty boxes are sent as they are (no browser validation bubble): Gradio answers 422 and shows nothing.
    with page.expect_response(lambda r: r.url.endswith("/login") and r.request.method == "POST") as sent:
        login.click()
    assert sent.value.status == 422
    expect(page.locator("#error")).to_be_empty()
    page.get_by_label("username").fill("ann")
    page.get_by_label("password").fill("wrong")
    login.click()
    expect(page.get_by_role("alert")).to_have_text("Incorrect Credentials")
    expect(page.get_by_label("username")).to_have_value("")
    page.get_by_label("username").fill("ann")
    page.get_by_label("password").fill("pw")
    login.click()
    expect(page.get_by_label("Inside")).to_have_value("the app")


def test_an_audio_player_is_gradios_waveform_with_corner_buttons(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31's loaded Audio: download/share in the corner strip (no file name line), the player 12px
    inside the block, a 58px waveform strip (bars of 2px grey (#9ca3af) every 5px on its top 50px, as
    Gradio's canvas), times in 14px text."""
    import math
    import struct
    import wave

    path = tmp_path / "tone.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(i / 3))) for i in range(16000)))
    with gr.Blocks() as demo:
        gr.Audio(str(path), label="Tone")
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(serve(demo))
    block = _box(page, page.get_by_test_id("audio").first)
    download = page.get_by_test_id("audio-download")
    expect(download).to_be_visible()
    strip = _box(page, download.locator("xpath=.."))
    assert abs((strip["x"] + strip["width"]) - (block["x"] + block["width"] - 1)) <= 1.5
    expect(page.get_by_text("tone.wav", exact=True)).to_have_count(0)
    canvas = page.locator("canvas").first
    assert round(_box(page, canvas)["height"]) == 50
    times = _box(page, page.get_by_test_id("audio-time"))
    assert abs(times["y"] - (_box(page, canvas)["y"] + 58 + 4)) <= 1  # 8px under the bars, 4px padding
    page.wait_for_function(
        """c => { const g = c.getContext('2d'); const d = g.getImageData(0, 0, c.width, c.height).data;
           for (let i = 0; i < d.length; i += 4) if (d[i] === 156 && d[i + 1] === 163 && d[i + 2] === 175) return true;
           return false }""",
        arg=canvas.element_handle(),
    )
    assert page.get_by_text("0:00").first.evaluate("t => getComputedStyle(t).fontSize") == "14px"


def test_a_gallery_has_gradios_corner_badge_and_padding(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31's Gallery: its title is the corner badge over the grid (no title line), the grid 8px
    inside the block's border, and an empty output gallery is 236px tall with a faint icon."""
    from tests.browser.conftest import write_png

    images = [
        str(write_png(tmp_path / f"{n}.png", (200, 150), c)) for n, c in (("r", (220, 40, 40)), ("g", (0, 160, 0)))
    ]
    with gr.Blocks() as demo:
        shown = gr.Gallery(images, label="Shown", columns=3)
        empty = gr.Gallery(label="Empty out")
        text = gr.Textbox()
        text.submit(lambda t: None, text, [shown, empty])
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(serve(demo))
    blocks = page.get_by_test_id("gallery")
    first = _box(page, blocks.nth(0))
    badge = _box(page, blocks.nth(0).get_by_test_id("block-label"))
    assert abs(badge["x"] - (first["x"] + 1)) <= 1.5 and abs(badge["y"] - (first["y"] + 1)) <= 1.5
    thumb = _box(page, page.get_by_test_id("gallery-item").first)
    assert round(thumb["x"] - first["x"]) == 9 and round(thumb["y"] - first["y"]) == 9  # 1px border + 8px
    assert round(_box(page, blocks.nth(1))["height"]) == 238  # 236px inside a 1px border


def test_a_file_list_is_gradios_table(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31's File output: rows of name and size ("466.0 B ⇣", the download link), every other row
    shaded, × on each row of a multi-file list; a single file has no ×."""
    one = tmp_path / "notes.txt"
    one.write_bytes(b"x" * 466)
    two = tmp_path / "data.csv"
    two.write_bytes(b"y" * 32044)
    with gr.Blocks() as demo:
        single = gr.File(str(one), label="One")
        several = gr.File([str(one), str(two)], label="Several", file_count="multiple")
        text = gr.Textbox()
        text.submit(lambda t: (None, None), text, [single, several])
    page.goto(serve(demo))
    downloads = page.get_by_test_id("file-download")
    expect(downloads).to_have_count(3)
    expect(downloads.nth(0)).to_have_text("466.0 B\u00a0⇣")
    expect(downloads.nth(2)).to_have_text("31.3 KB\u00a0⇣")
    expect(downloads.nth(0)).to_have_attribute("download", "notes.txt")
    lists = page.get_by_test_id("file-list")
    expect(lists.nth(0).get_by_test_id("file-remove")).to_have_count(0)
    expect(lists.nth(1).get_by_test_id("file-remove")).to_have_count(2)
    rows = lists.nth(1).locator("tr")
    shades = rows.evaluate_all("rs => rs.map(r => getComputedStyle(r).backgroundColor)")
    assert shades[0] != shades[1]


def test_the_flag_button_says_saving_then_comes_back(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31's Interface: Flag shows "Saving..." (disabled) while the row is written, then "Flag" again;
    the row is in the flagging CSV. Its listeners are Gradio's six (submit, two clears, three for Flag)."""
    demo = gr.Interface(lambda text: text.upper(), "text", "text", flagging_dir=str(tmp_path / "flags"))
    assert [d["api_name"] for d in demo.get_config_file()["dependencies"]] == [
        "lambda", "js_fn", "js_fn_1", "lambda_1", "Flag", "reset",
    ]  # fmt: skip
    page.goto(serve(demo))
    page.get_by_role("textbox").first.fill("hello")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("textbox").nth(1)).to_have_value("HELLO")
    page.get_by_role("button", name="Flag").click()
    saving = page.get_by_role("button", name="Saving...")
    expect(saving).to_be_disabled()
    expect(page.get_by_role("button", name="Flag")).to_be_enabled()
    rows = (tmp_path / "flags" / "dataset1.csv").read_text().splitlines()
    assert len(rows) == 2 and "hello" in rows[1] and "HELLO" in rows[1]


def test_html_is_inset_by_the_block_padding_as_in_gradio(page: Page, serve: Serve) -> None:
    """Gradio 6.31 always insets gr.HTML's content by the block padding (10px 12px), 16px at the top under
    its label badge; ``padding=True`` pads the card too, which shows only with ``container=True``.
    Offsets of the content from its block, measured on Gradio at 1280px."""
    cases = {
        "a": ({}, (12, 10)),
        "b": ({"padding": True}, (12, 10)),
        "c": ({"container": True}, (13, 11)),
        "d": ({"container": True, "padding": True}, (25, 21)),
        "e": ({"container": True, "label": "Lab", "show_label": True}, (13, 17)),
    }
    with gr.Blocks() as demo:
        for key, (kwargs, _) in cases.items():
            gr.HTML(f"<div id='{key}' style='height:20px'>{key}</div>", **kwargs)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(serve(demo))
    for key, (_, (dx, dy)) in cases.items():
        content = page.locator(f"#{key}")
        expect(content).to_be_visible()
        offset = content.evaluate(
            "e => { const a = e.getBoundingClientRect(), b = e.closest('[data-testid=html], .block')"
            ".getBoundingClientRect(); return [Math.round(a.x - b.x), Math.round(a.y - b.y)] }"
        )
        assert offset == [dx, dy], key


def test_image_placeholder_replaces_the_drop_text(page: Page, serve: Serve) -> None:
    """Gradio 6.31 shows an Image's ``placeholder`` in the empty upload area instead of "Drop Image Here":
    a first line starting with "#" as a 22px heading, the rest as 16px text under it."""
    with gr.Blocks() as demo:
        a = gr.Image(placeholder="# Upload your photo\nPNG or JPEG, up to 5 MB")
        b = gr.Image(placeholder="Just one line")
        c = gr.Image()
        out = gr.Textbox()
        gr.Button().click(lambda *x: "", [a, b, c], out)
    page.goto(serve(demo))
    zones = page.get_by_test_id("image-dropzone")
    expect(zones).to_have_count(3)
    expect(zones.nth(0)).to_contain_text("Upload your photo")
    expect(zones.nth(0)).not_to_contain_text("Drop Image Here")
    heading = zones.nth(0).get_by_text("Upload your photo")
    assert heading.evaluate("e => getComputedStyle(e).fontSize") == "22px"
    assert zones.nth(0).get_by_text("PNG or JPEG").evaluate("e => getComputedStyle(e).fontSize") == "16px"
    expect(zones.nth(1)).to_have_text("Just one line")
    expect(zones.nth(2)).to_contain_text("Drop Image Here")


def test_gallery_fit_columns_rows_and_height_as_in_gradio(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31 at 1000px: two images with columns=4 fill the row as two 339px columns (fit_columns, the
    default) or keep four 166px columns with fit_columns=False; rows=2 keeps the square thumbnails; a gallery
    with height=400 is 400px tall, borders included."""
    from tests.browser.conftest import write_png

    a = str(write_png(tmp_path / "a.png", (200, 150), (200, 30, 30)))
    b = str(write_png(tmp_path / "b.png", (100, 100), (30, 200, 30)))
    with gr.Blocks() as demo:
        gr.Gallery([a, b, a, b], label="rows2", columns=2, rows=2, height=400)
        gr.Gallery([a, b], label="fit", columns=4)
        gr.Gallery([a, b], label="nofit", columns=4, fit_columns=False)
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(serve(demo))
    blocks = page.get_by_test_id("gallery")
    expect(blocks).to_have_count(3)
    assert round(_box(page, blocks.nth(0))["height"]) == 400
    expected = {0: (339, 4), 1: (339, 2), 2: (166, 2)}
    for index, (size, count) in expected.items():
        thumbs = blocks.nth(index).get_by_test_id("gallery-item")
        expect(thumbs).to_have_count(count)
        box = _box(page, thumbs.first)
        assert round(box["width"]) == size and round(box["height"]) == size, index
    second_row = _box(page, blocks.nth(0).get_by_test_id("gallery-item").nth(2))
    assert round(second_row["y"] - _box(page, blocks.nth(0))["y"]) == 356


def test_an_empty_gallery_waiting_for_uploads_is_labelled_file(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31 labels an unlabelled, editable, empty gallery as its upload area ("File", file icon);
    an output gallery or one holding images keeps "Gallery"."""
    from tests.browser.conftest import write_png

    a = str(write_png(tmp_path / "a.png", (20, 20), (200, 30, 30)))
    with gr.Blocks() as demo:
        empty = gr.Gallery()
        filled = gr.Gallery([a], interactive=True)
        out = gr.Gallery()
        gr.Button().click(lambda x, y: x, [empty, filled], out)
    page.goto(serve(demo))
    labels = page.get_by_test_id("block-label")
    expect(labels).to_have_count(3)
    assert labels.all_inner_texts() == ["File", "Gallery", "Gallery"]


def test_the_source_bar_stays_under_a_value(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31 keeps an editable Image's source bar under its value (at the same place as under the
    empty drop zone); choosing the webcam clears the value and shows the webcam's area."""
    from tests.browser.conftest import write_png

    a = str(write_png(tmp_path / "a.png", (200, 150), (200, 30, 30)))
    with gr.Blocks() as demo:
        image = gr.Image(a, label="img")
        out = gr.Textbox(label="out")
        image.clear(lambda: "cleared", None, out)
        gr.Button().click(lambda x: "", image, out)
    page.goto(serve(demo))
    expect(page.get_by_test_id("image-preview")).to_be_visible()
    expect(page.get_by_test_id("image-source-upload")).to_be_visible()
    page.get_by_test_id("image-source-webcam").click()
    expect(page.get_by_test_id("image-preview")).to_have_count(0)
    expect(page.get_by_text("Click to Access Webcam")).to_be_visible()
    expect(page.get_by_label("out")).to_have_value("cleared")


def test_the_examples_table_is_inset_once_the_page_has_markdown_styles(page: Page, serve: Serve) -> None:
    """Gradio 6.31 pads every table once a Markdown, Chatbot or Dataframe has brought its Markdown styles to
    the page: an Interface with a description shows its examples table 10px inside a frame, 4px from it."""
    demo = gr.Interface(lambda a, b: a, ["number", "text"], "text", description="Adds.", examples=[[1, "x"], [2, "y"]])
    page.goto(serve(demo))
    table = page.locator("table").first
    expect(table).to_have_css("padding-top", "10px")
    style = table.evaluate(
        "t => { const s = getComputedStyle(t); return [s.paddingLeft, s.marginTop, s.marginBottom] }"
    )
    assert style == ["10px", "4px", "4px"]
    offset = table.evaluate(
        "t => { const c = t.querySelector('th').getBoundingClientRect(), w = t.parentElement.getBoundingClientRect();"
        " return [Math.round(c.x - w.x), Math.round(c.y - w.y)] }"
    )
    assert offset == [13, 17]  # 1px border, (4px margin above,) 10px padding and the 2px cell spacing


def test_outputs_that_cannot_change_keep_their_text_colour(page: Page, serve: Serve) -> None:
    """As Gradio: a non-interactive Checkbox, Radio or CheckboxGroup fades only its marks (opacity 0.75),
    its label and option texts keep the body text colour."""
    with gr.Blocks() as demo:
        gr.Checkbox(True, label="Done", interactive=False)
        gr.Radio(["a", "b"], value="a", label="R", interactive=False)
        gr.CheckboxGroup(["x", "y"], value=["x"], label="G", interactive=False)
    page.goto(serve(demo))
    marks = page.locator("input[type=checkbox], input[type=radio]")
    expect(marks).to_have_count(5)
    body = page.locator("body").evaluate("b => getComputedStyle(b).color")
    looks = marks.evaluate_all(
        "els => els.map(e => [e.disabled, getComputedStyle(e).opacity, getComputedStyle(e.closest('label')).color])"
    )
    assert looks == [[True, "0.75", body]] * 5


def test_checkboxes_markdown_and_html_share_a_rows_line_however_narrow(page: Page, serve: Serve) -> None:
    """Measured on Gradio 6.31 at 390px: a Checkbox, Markdown or HTML ignores min_width (min-width 0), so four
    of them share one line of a Row (81px and 70px each) where four Textboxes wrap two by two."""
    page.set_viewport_size({"width": 390, "height": 900})
    with gr.Blocks() as demo:
        with gr.Row(elem_id="md"):
            for i in range(4):
                gr.Markdown(f"# M{i}", min_width=300)
        with gr.Row(elem_id="cb"):
            for i in range(4):
                gr.Checkbox(label=f"Checkbox Change Event {i}")
        with gr.Row(elem_id="html"):
            for i in range(4):
                gr.HTML(f"<b>h{i}</b>")
        with gr.Row(elem_id="tb"):
            for i in range(4):
                gr.Textbox(label=f"t{i}")
    page.goto(serve(demo))
    expect(page.get_by_label("t3")).to_be_visible()

    def boxes(row: str, selector: str) -> list[tuple[int, int]]:
        return page.locator(f"#{row} {selector}").evaluate_all(
            "els => els.map(e => { const b = e.getBoundingClientRect(); return [Math.round(b.y), Math.round(b.width)] })"
        )

    for row, selector, width in (("md", ".block", 70), ("cb", "[data-testid=checkbox]", 81), ("html", ".block", 70)):
        found = boxes(row, selector)
        assert len(found) == 4 and len({y for y, _ in found}) == 1, (row, found)
        assert all(abs(w - width) <= 1 for _, w in found), (row, found)
    assert len({y for y, _ in boxes("tb", "[data-testid=textbox]")}) == 2


def test_a_sliders_number_box_goes_under_its_label_in_a_narrow_column(page: Page, serve: Serve) -> None:
    """Measured on Gradio 6.31 at 390px, two Sliders in a Row: the number box and reset button leave the
    label's line (12px gap) for one of their own, at the right; the head is 80px tall."""
    page.set_viewport_size({"width": 390, "height": 900})
    with gr.Blocks() as demo:
        with gr.Row():
            gr.Slider(elem_id="s1")
            gr.Slider()
    page.goto(serve(demo))
    head = page.locator("#s1 .head")
    expect(head).to_be_visible()
    geometry = head.evaluate(
        "h => { const b = h.getBoundingClientRect(), [t, n] = h.children;"
        " const tb = t.getBoundingClientRect(), nb = n.getBoundingClientRect();"
        " return [Math.round(b.height), Math.round(nb.y - tb.y), Math.round(b.right - nb.right)] }"
    )
    assert geometry == [80, 40, 0]


def test_the_datetime_calendar_button_is_joined_to_its_box(page: Page, serve: Serve) -> None:
    """Measured on Gradio 6.31: the box and its 42px calendar button share one border (no gap), the box's
    left corners and the button's right corners rounded."""
    with gr.Blocks() as demo:
        start = gr.DateTime("2021-01-01 00:00:00", label="Start", elem_id="dt")
        end = gr.DateTime(label="End")
        start.change(lambda x: x, start, end)
    page.goto(serve(demo))
    box = page.locator("#dt [data-testid=datetime-input]")
    button = page.locator("#dt [data-testid=datetime-picker-button]")
    expect(button).to_be_visible()
    left, right = _box(page, box), _box(page, button)
    assert round(left["x"] + left["width"]) == round(right["x"]) and round(right["width"]) == 42
    assert round(left["height"]) == round(right["height"])
    radii = [el.evaluate("e => getComputedStyle(e).borderRadius") for el in (box, button)]
    assert radii == ["4px 0px 0px 4px", "0px 4px 4px 0px"]
    assert box.evaluate("e => getComputedStyle(e).borderRightStyle") == "none"
