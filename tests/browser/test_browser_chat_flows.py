"""Chat flows that cross components: a multimodal message with an image shown in the Chatbot, a
saved conversation loaded back into the Chatbot, a cached example, and a streamed reply stopped
with the Stop button."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

from .conftest import natural_width, write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def test_multimodal_message_with_an_image_shows_in_the_chat(page: Page, serve: Serve, tmp_path: Path) -> None:
    def reply(message: dict[str, Any], history: list[Any]) -> str:
        from PIL import Image

        width, height = Image.open(message["files"][0]).size
        return f"A {width}x{height} picture: {message['text']}"

    cat = write_png(tmp_path / "cat.png", (36, 24), (200, 60, 10))
    page.goto(serve(gr.ChatInterface(reply, multimodal=True)))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Attach a file").click()
    chooser.value.set_files(str(cat))
    expect(page.get_by_test_id("multimodal-file")).to_have_count(1)
    box = page.get_by_test_id("multimodal-box").locator("textarea")
    box.fill("what is it?")
    box.press("Enter")
    expect(page.get_by_test_id("bot")).to_contain_text("A 36x24 picture: what is it?")
    users = page.get_by_test_id("user")
    expect(users.first).to_contain_text("what is it?")
    picture = users.locator("img")
    expect(picture).to_have_count(1)
    assert "/gradio_api/file=" in (picture.get_attribute("src") or "")
    assert natural_width(picture) == 36


def test_a_saved_conversation_loads_back_into_the_chat(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.ChatInterface(lambda m, h: f"echo: {m} ({len(h)})", save_history=True)))
    box = page.get_by_test_id("textbox").locator("textarea").last
    box.fill("alpha")
    box.press("Enter")
    expect(page.get_by_test_id("bot")).to_have_text(["echo: alpha (0)"])
    expect(box).to_be_editable()
    page.get_by_role("button", name="New chat").click()
    expect(page.get_by_test_id("bot")).to_have_count(0)
    box.fill("beta")
    box.press("Enter")
    expect(page.get_by_test_id("bot")).to_have_text(["echo: beta (0)"])
    titles = page.get_by_test_id("dataset-sample")
    expect(titles).to_have_text(["beta", "alpha"])
    titles.nth(1).click()
    expect(page.get_by_test_id("user")).to_have_text(["alpha"])
    expect(page.get_by_test_id("bot")).to_have_text(["echo: alpha (0)"])
    # the loaded conversation continues on the server with its history
    expect(box).to_be_editable()
    box.fill("more")
    box.press("Enter")
    expect(page.get_by_test_id("bot").last).to_have_text("echo: more (2)")


def test_cached_example_shows_its_reply_without_running_again(page: Page, serve: Serve) -> None:
    calls: list[str] = []

    def reply(message: str, history: list[Any]) -> str:
        calls.append(message)
        return f"cached answer to {message}"

    demo = gr.ChatInterface(reply, examples=["tell me a joke", "say hi"], cache_examples=True)
    page.goto(serve(demo))
    assert calls == ["tell me a joke", "say hi"]  # computed at launch
    page.get_by_role("button", name="say hi").click()
    expect(page.get_by_test_id("user")).to_have_text(["say hi"])
    expect(page.get_by_test_id("bot")).to_have_text(["cached answer to say hi"])
    assert calls == ["tell me a joke", "say hi"]


def test_stop_button_stops_a_streamed_reply(page: Page, serve: Serve) -> None:
    stopped = threading.Event()

    def endless(message: str, history: list[Any]) -> Iterator[str]:
        text = ""
        try:
            for i in range(10_000):
                text += f"w{i} "
                time.sleep(0.05)
                yield text
        finally:
            stopped.set()

    page.goto(serve(gr.ChatInterface(endless)))
    box = page.get_by_test_id("textbox").locator("textarea")
    box.fill("go")
    box.press("Enter")
    expect(page.get_by_test_id("bot")).to_contain_text("w5 ")
    page.get_by_role("button", name="Stop").click()
    assert stopped.wait(5), "the generator was not stopped"
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    expect(box).to_be_editable()
    shown = page.get_by_test_id("bot").inner_text()
    time.sleep(0.5)
    assert page.get_by_test_id("bot").inner_text() == shown  # nothing more arrives
