"""The browser app end to end: a real Trellis server, the built frontend and Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def greet(name: str) -> str:
    return f"Hello {name}!"


def greet_app() -> gr.Interface:
    return gr.Interface(greet, gr.Textbox(label="Name"), gr.Textbox(label="Greeting"), api_name="greet")


def textbox(page: Page, label: str) -> Any:
    return page.get_by_label(label, exact=True)


def luminance(css_color: str) -> float:
    """Relative luminance (0 black … 1 white) of an ``rgb()``/``rgba()`` colour."""
    r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", css_color)[:3])
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_submit_shows_the_result(page: Page, serve: Serve) -> None:
    page.goto(serve(greet_app()))
    textbox(page, "Name").fill("Ada")
    page.get_by_role("button", name="Submit").click()
    expect(textbox(page, "Greeting")).to_have_value("Hello Ada!")


def test_interface_labels_default_to_parameter_names(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.Interface(greet, "text", "text")))
    textbox(page, "name").fill("Ada", timeout=2000)
    page.get_by_role("button", name="Submit").click()
    expect(textbox(page, "output")).to_have_value("Hello Ada!")


def count_up(n: float) -> Iterator[str]:
    text = ""
    for i in range(int(n)):
        text += f"{i} "
        time.sleep(0.05)
        yield text


def test_stop_button_stops_a_stream(page: Page, serve: Serve) -> None:
    demo = gr.Interface(count_up, gr.Number(label="N", value=400), gr.Textbox(label="Count"))
    page.goto(serve(demo))
    page.get_by_role("button", name="Submit").click()
    output = textbox(page, "Count")
    expect(output).to_have_value(re.compile(r"^0 1 2 "))  # partial text while it runs
    page.get_by_role("button", name="Stop").click(timeout=2000)
    expect(page.get_by_test_id("status-tracker")).to_have_count(0)
    stopped = output.input_value()
    page.wait_for_timeout(400)  # 8 more steps if it were still running
    assert output.input_value() == stopped
    assert not stopped.endswith("399 ")


def test_stream_shows_partial_output_and_can_be_cancelled(page: Page, serve: Serve) -> None:
    """The same stream, stopped by a button with ``cancels=`` (what the Interface's Stop button does)."""
    with gr.Blocks() as demo:
        n = gr.Number(label="N", value=400)
        out = gr.Textbox(label="Count")
        start = gr.Button("Start")
        stop = gr.Button("Stop", variant="stop")
        event = start.click(count_up, n, out)
        stop.click(None, None, None, cancels=[event], queue=False)
    page.goto(serve(demo))
    page.get_by_role("button", name="Start").click()
    output = textbox(page, "Count")
    expect(output).to_have_value(re.compile(r"^0 1 2 "))
    expect(page.get_by_test_id("status-tracker")).to_have_count(1)
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_test_id("status-tracker")).to_have_count(0)
    expect(page.get_by_test_id("status-error")).to_have_count(0)
    stopped = output.input_value()
    page.wait_for_timeout(400)  # 8 more steps if it were still running
    assert output.input_value() == stopped
    assert not stopped.endswith("399 ")


def test_gr_error_shows_on_the_output_and_as_a_toast(page: Page, serve: Serve) -> None:
    def fail(text: str) -> str:
        raise gr.Error("bad thing")

    page.goto(serve(gr.Interface(fail, gr.Textbox(label="In"), gr.Textbox(label="Out"))))
    textbox(page, "In").fill("x")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_test_id("status-error")).to_have_text("Error")  # Gradio's badge; the message is in the toast
    expect(page.get_by_test_id("toast-error")).to_contain_text("bad thing")


def test_state_is_kept_per_browser_session(page: Page, serve: Serve, browser: Any) -> None:
    def increment(count: int) -> tuple[int, int]:
        return count + 1, count + 1

    with gr.Blocks() as demo:
        count = gr.State(0)
        shown = gr.Number(label="Count", value=0)
        button = gr.Button("Increment")
        button.click(increment, count, [count, shown])
    url = serve(demo)
    other = browser.new_context()
    try:
        page_b = other.new_page()
        page.goto(url)
        page_b.goto(url)
        for expected in ("1", "2"):
            page.get_by_role("button", name="Increment").click()
            expect(page.get_by_label("Count")).to_have_value(expected)
        page_b.get_by_role("button", name="Increment").click()
        expect(page_b.get_by_label("Count")).to_have_value("1")
        expect(page.get_by_label("Count")).to_have_value("2")
    finally:
        other.close()


def test_clicking_an_example_fills_the_input(page: Page, serve: Serve) -> None:
    demo = gr.Interface(greet, gr.Textbox(label="Name"), gr.Textbox(label="Greeting"), examples=[["Ada"], ["Grace"]])
    page.goto(serve(demo))
    page.get_by_test_id("dataset").get_by_text("Grace", exact=True).click()
    expect(textbox(page, "Name")).to_have_value("Grace")


def test_then_chain_runs_in_order(page: Page, serve: Serve) -> None:
    def step(name: str) -> Callable[[list[str]], tuple[list[str], str]]:
        def run(log: list[str]) -> tuple[list[str], str]:
            log = [*log, name]
            return log, ",".join(log)

        return run

    with gr.Blocks() as demo:
        log = gr.State([])
        first, second, third = (gr.Textbox(label=label) for label in ("First", "Second", "Third"))
        button = gr.Button("Run")
        chain = button.click(step("a"), log, [log, first]).then(step("b"), log, [log, second])
        chain.then(step("c"), log, [log, third])
    page.goto(serve(demo))
    page.get_by_role("button", name="Run", exact=True).click()
    expect(textbox(page, "Third")).to_have_value("a,b,c")
    expect(textbox(page, "Second")).to_have_value("a,b")
    expect(textbox(page, "First")).to_have_value("a")


def test_dark_mode_from_the_url(page: Page, serve: Serve) -> None:
    url = serve(greet_app())
    page.goto(url)
    expect(textbox(page, "Name")).to_be_visible()
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.goto(url + "?__theme=dark")
    expect(page.locator("html")).to_have_class(re.compile(r"\bdark\b"))
    expect(textbox(page, "Name")).to_be_visible()
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert luminance(dark) < 0.1 < 0.5 < luminance(light), (dark, light)


class Mystery(gr.components.Component, register=False):
    """A component whose type the frontend has never heard of."""


def test_unknown_component_type_shows_an_error_box(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Before")
        Mystery(label="Odd")
    page.goto(serve(demo))
    expect(page.get_by_test_id("component-error")).to_contain_text("mystery")
    expect(textbox(page, "Before")).to_be_visible()


def test_api_page_opens_from_the_footer(page: Page, serve: Serve) -> None:
    page.goto(serve(greet_app()))
    link = page.get_by_role("button", name="Use via API")
    link.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    endpoint = dialog.get_by_test_id("api-endpoint").filter(has_text="/greet")
    expect(endpoint.get_by_test_id("api-snippet")).to_contain_text('api_name="/greet"')
    expect(endpoint.get_by_role("cell", name="name", exact=True)).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(link).to_be_focused()


def test_api_page_snippets_work(page: Page, serve: Serve) -> None:
    """``?view=api`` opens the page directly, and the Python and curl snippets run as shown."""
    page.goto(serve(greet_app()) + "?view=api")
    dialog = page.get_by_role("dialog")
    snippet = dialog.get_by_test_id("api-snippet").first
    expect(snippet).to_contain_text("client.predict(")
    python_code = snippet.inner_text()
    dialog.get_by_role("button", name="JavaScript").click()
    expect(snippet).to_contain_text('await client.predict("/greet", {')
    dialog.get_by_role("button", name="curl").click()
    expect(snippet).to_contain_text("/gradio_api/call/greet")
    curl_code = snippet.inner_text()

    import gradio_client

    results: list[Any] = []

    class Client(gradio_client.Client):  # quiet, keeps the result and closes itself
        def __init__(self, src: str) -> None:
            super().__init__(src, verbose=False, analytics_enabled=False)

        def predict(self, *args: Any, **kwargs: Any) -> Any:
            results.append(super().predict(*args, **kwargs))
            self.close()
            return results[-1]

    python_code = python_code.replace("from gradio_client import Client\n", "")
    exec(compile(python_code, "snippet.py", "exec"), {"Client": Client, "print": lambda *args: None})
    assert results == ["Hello Hello!!!"]

    if shutil.which("curl") and shutil.which("sh"):
        run = subprocess.run(["sh", "-c", curl_code], capture_output=True, text=True, timeout=20)
        assert run.stdout == 'event: complete\ndata: ["Hello Hello!!!"]\n\n', run


def test_keyboard_only_submit(page: Page, serve: Serve) -> None:
    def slow_greet(name: str) -> str:
        time.sleep(0.6)
        return f"Hello {name}!"

    page.goto(serve(gr.Interface(slow_greet, gr.Textbox(label="Name"), gr.Textbox(label="Greeting"))))
    name = textbox(page, "Name")
    expect(name).to_be_visible()
    for _ in range(10):  # the Name box is the first stop in the tab order
        page.keyboard.press("Tab")
        if name.evaluate("el => el === document.activeElement"):
            break
    expect(name).to_be_focused()
    page.keyboard.type("Ada")
    submit = page.get_by_role("button", name="Submit")
    for _ in range(5):
        page.keyboard.press("Tab")
        if submit.evaluate("el => el === document.activeElement"):
            break
    expect(submit).to_be_focused()
    page.keyboard.press("Enter")
    output_block = page.get_by_test_id("textbox").filter(has=textbox(page, "Greeting"))
    expect(output_block.get_by_role("status")).to_have_count(1)  # announced while loading
    expect(textbox(page, "Greeting")).to_have_value("Hello Ada!")
    expect(output_block.get_by_role("status")).to_have_count(0)


def test_phone_viewport_has_no_horizontal_scroll(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(serve(greet_app()))
    expect(textbox(page, "Name")).to_be_visible()
    width = page.evaluate("document.scrollingElement.scrollWidth")
    assert width <= 375


def test_textbox_copy_button_copies_its_text_and_fires_copy(page: Page, serve: Serve) -> None:
    """The copy button (loaded on first use) writes the text to the clipboard and runs the ``copy`` listener."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    with gr.Blocks() as demo:
        box = gr.Textbox("some words", label="Source", buttons=["copy"])
        gr.Textbox("no button", label="Plain")
        copied = gr.Textbox(label="Copy event")

        def on_copy(data: gr.CopyData) -> str:
            return str(data.value)

        box.copy(on_copy, None, copied)
    page.goto(serve(demo))
    expect(textbox(page, "Plain")).to_be_visible()
    expect(page.get_by_role("button", name="Copy")).to_have_count(1)
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("button", name="Copied")).to_have_count(1)  # Gradio's check mark, renamed
    expect(textbox(page, "Copy event")).to_have_value("some words")
    assert page.evaluate("navigator.clipboard.readText()") == "some words"


def test_the_status_tracker_reads_processing_while_running_and_the_queue_while_waiting(
    page: Page, serve: Serve
) -> None:
    """As Gradio 6.31's page: "processing | 0.4s" on a running event's outputs, "queue: 1/1 | 0.1s" on
    one waiting for the slot (position 0 of a line of one)."""
    import threading

    gate = threading.Event()

    def slow(text: str) -> str:
        gate.wait(30)
        return text

    with gr.Blocks() as demo:
        first = gr.Textbox(label="First")
        second = gr.Textbox(label="Second")
        gr.Button("Run first").click(slow, first, first, concurrency_id="one", concurrency_limit=1)
        gr.Button("Run second").click(slow, second, second, concurrency_id="one", concurrency_limit=1)
    page.goto(serve(demo))
    page.get_by_role("button", name="Run first").click()
    trackers = page.get_by_test_id("status-tracker")
    expect(trackers.first).to_contain_text(re.compile(r"^\s*processing \|\s*\d+\.\ds"))
    page.get_by_role("button", name="Run second").click()
    expect(trackers).to_have_count(2)
    expect(trackers.nth(1)).to_contain_text(re.compile(r"^\s*queue: 1/1 \|\s*\d+\.\d"))
    expect(trackers.nth(0)).to_contain_text("processing |")
    gate.set()
    expect(trackers).to_have_count(0)


def test_a_minimal_status_tracker_is_gradios_corner_text(page: Page, serve: Serve) -> None:
    """Measured on Gradio 6.31 (show_progress="minimal"): no spinner, only "processing | 1.0s" in 12px mono
    text in the body colour, on the block's background with 4px 8px padding, flush with the block's
    bottom-right corner."""
    import threading

    gate = threading.Event()

    def slow() -> str:
        gate.wait(30)
        return "done"

    with gr.Blocks() as demo:
        out = gr.Textbox(label="Out", elem_id="out")
        gr.Button("Go").click(slow, None, out, show_progress="minimal")
    page.goto(serve(demo))
    page.get_by_role("button", name="Go").click()
    tracker = page.locator("#out").get_by_test_id("status-tracker")
    expect(tracker).to_contain_text(re.compile(r"^\s*processing \|\s*\d+\.\ds\s*$"))
    look = tracker.evaluate(
        """t => { const b = t.getBoundingClientRect(), o = t.closest('#out').getBoundingClientRect(), s = getComputedStyle(t);
        return [Math.round(o.right - b.right), Math.round(o.bottom - b.bottom), s.fontSize, s.padding,
                s.fontFamily.split(',')[0].replace(/"/g, ''), t.querySelectorAll('.spinner, [class*=spin]').length] }"""
    )
    body = page.locator("body").evaluate("b => getComputedStyle(b).color")
    expect(tracker).to_have_css("color", body)
    assert look == [0, 0, "12px", "4px 8px", "IBM Plex Mono", 0]
    gate.set()
    expect(tracker).to_have_count(0)
