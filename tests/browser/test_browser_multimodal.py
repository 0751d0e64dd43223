"""MultimodalTextbox and the ChatInterface page in the browser: attachments from the file chooser, drag
and drop, paste and the microphone; file_types refusals; long pasted text as a file; the multimodal
ChatInterface round trip; saved conversations; and the fill_height layout on desktop and phone.

The Chatbot's own rendering is not asserted here (it is built and tested separately)."""

from __future__ import annotations

import base64
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

from .conftest import write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

DROP = """(box, [b64, name, type]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type }));
    for (const kind of ["dragenter", "dragover"]) {
        box.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: data }));
    }
    return box.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
}"""

PASTE_FILE = """(area, [b64, name, type]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type }));
    return area.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: data }));
}"""

PASTE_TEXT = """(area, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    return area.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: data }));
}"""


def b64(path: Path) -> str:
    return base64.b64encode(path.read_bytes()).decode()


def message_box(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Message")


def chips(page: Page) -> Locator:
    return page.get_by_test_id("multimodal-file")


def box_rect(page: Page) -> dict[str, float]:
    rect = page.get_by_test_id("multimodal-box").bounding_box()
    assert rect is not None
    return rect


# -- 1. attachments: chooser, remove, Enter, drop, paste, refusals ---------------------------------------


def test_attachments_are_chosen_removed_dropped_pasted_and_sent(page: Page, serve: Serve, tmp_path: Path) -> None:
    received: list[dict[str, Any]] = []

    def describe(message: dict[str, Any]) -> str:
        received.append(message)
        files = ", ".join(f"{Path(f).name}:{os.path.getsize(f)}" for f in message["files"])
        return f"{message['text']} | {files}"

    with gr.Blocks() as demo:
        box = gr.MultimodalTextbox(file_types=["image"], file_count="multiple", label="Message")
        out = gr.Textbox(label="Received")
        box.submit(describe, box, out)

    red = write_png(tmp_path / "red.png", (24, 16), (255, 0, 0))
    blue = write_png(tmp_path / "blue.png", (40, 40), (0, 0, 255))
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    page.goto(serve(demo))

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Attach files").click()
    assert chooser.value.is_multiple()
    assert page.get_by_test_id("multimodal-upload-input").get_attribute("accept") == "image/*"
    chooser.value.set_files([str(red), str(blue)])
    expect(chips(page)).to_have_count(2)
    expect(page.get_by_role("img", name="red.png")).to_be_visible()

    page.get_by_role("button", name="Remove blue.png").click()
    expect(chips(page)).to_have_count(1)
    expect(page.get_by_role("button", name="Remove red.png")).to_be_focused()  # the keyboard stays on the chips

    message_box(page).fill("two cats")
    message_box(page).press("Enter")
    expect(page.get_by_label("Received")).to_have_value(f"two cats | red.png:{red.stat().st_size}")
    assert len(received) == 1
    assert received[0]["text"] == "two cats"
    assert [Path(f).name for f in received[0]["files"]] == ["red.png"]

    # a drop on the box and a pasted file attach too
    prevented = not page.get_by_test_id("multimodal-box").evaluate(DROP, [b64(blue), "dropped.png", "image/png"])
    assert prevented
    expect(chips(page)).to_have_count(2)
    message_box(page).evaluate(PASTE_FILE, [b64(blue), "pasted.png", "image/png"])
    expect(chips(page)).to_have_count(3)
    expect(page.get_by_test_id("multimodal-error")).to_have_count(0)

    # a text file is refused with a visible error, whichever way it comes (checked by name and type, as
    # the server does: the file chooser in a test ignores the accept attribute)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Attach files").click()
    chooser.value.set_files(str(notes))
    expect(page.get_by_test_id("multimodal-error")).to_contain_text("notes.txt")
    page.get_by_test_id("multimodal-box").evaluate(DROP, [b64(notes), "dropped.txt", "text/plain"])
    expect(page.get_by_test_id("multimodal-error")).to_contain_text("dropped.txt")
    expect(chips(page)).to_have_count(3)

    page.get_by_role("button", name="Submit").click()
    size = blue.stat().st_size
    expect(page.get_by_label("Received")).to_have_value(
        f"two cats | red.png:{red.stat().st_size}, dropped.png:{size}, pasted.png:{size}"
    )


def test_single_file_count_replaces_the_attachment(page: Page, serve: Serve, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        box = gr.MultimodalTextbox(label="Message")
        out = gr.Textbox(label="Received")
        box.submit(lambda m: ",".join(Path(f).name for f in m["files"]), box, out)
    first = write_png(tmp_path / "first.png", (8, 8), (0, 200, 0))
    second = write_png(tmp_path / "second.png", (8, 8), (0, 0, 200))
    page.goto(serve(demo))
    for path in (first, second):
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Attach a file").click()
        assert not chooser.value.is_multiple()
        chooser.value.set_files(str(path))
        expect(page.get_by_role("img", name=path.name)).to_be_visible()
    expect(chips(page)).to_have_count(1)
    message_box(page).press("Enter")
    expect(page.get_by_label("Received")).to_have_value("second.png")


# -- 2. long pasted text ----------------------------------------------------------------------------------


def test_long_pasted_text_is_attached_as_a_text_file(page: Page, serve: Serve) -> None:
    def read(message: dict[str, Any]) -> str:
        return " / ".join(f"{Path(f).name}={Path(f).read_text()}" for f in message["files"])

    with gr.Blocks() as demo:
        box = gr.MultimodalTextbox(label="Message", max_plain_text_length=40)
        out = gr.Textbox(label="Received")
        box.submit(read, box, out)
    page.goto(serve(demo))
    area = message_box(page)
    short_kept_as_text = area.evaluate(PASTE_TEXT, "short enough")
    assert short_kept_as_text  # not prevented: the browser pastes it into the box
    long_text = "A long quotation. " * 5
    assert not area.evaluate(PASTE_TEXT, long_text)
    expect(chips(page)).to_have_count(1)
    expect(chips(page)).to_contain_text("pasted_text.txt")
    expect(area).to_have_value("")
    area.press("Enter")
    expect(page.get_by_label("Received")).to_have_value(f"pasted_text.txt={long_text}")


# -- 3. multimodal ChatInterface --------------------------------------------------------------------------


def test_multimodal_chat_sends_the_message_and_clears_the_box(page: Page, serve: Serve, tmp_path: Path) -> None:
    seen: list[tuple[str, list[str]]] = []

    def reply(message: dict[str, Any], history: list[Any]) -> str:
        seen.append((message["text"], [Path(f).name for f in message["files"]]))
        time.sleep(1.0)
        return f"{message['text']}|{len(message['files'])}"

    demo = gr.ChatInterface(reply, multimodal=True)
    cat = write_png(tmp_path / "cat.png", (30, 20), (120, 80, 40))
    page.goto(serve(demo))
    area = message_box(page)
    expect(area).to_be_focused()  # ChatInterface autofocuses its box
    expect(area).to_have_attribute("placeholder", "Type a message...")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Attach a file").click()
    chooser.value.set_files(str(cat))
    expect(chips(page)).to_have_count(1)
    area.fill("What is this?")
    area.press("Enter")

    # while the reply is generated: cleared, read-only, with a Stop button instead of Submit
    expect(area).not_to_be_editable()
    expect(area).to_have_value("")
    expect(chips(page)).to_have_count(0)
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    expect(page.get_by_role("button", name="Submit")).to_have_count(0)
    # after it: editable again, Submit back, Stop gone
    expect(area).to_be_editable()
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    expect(page.get_by_role("button", name="Stop")).to_have_count(0)
    assert seen == [("What is this?", ["cat.png"])]
    expect(page.get_by_role("button", name="Fake API")).to_be_hidden()
    expect(page.get_by_test_id("json")).to_be_hidden()


# -- 4. saved conversations -------------------------------------------------------------------------------


def history_titles(page: Page) -> Locator:
    return page.get_by_test_id("dataset-sample")


def test_saved_conversations_are_listed_and_survive_a_reload(page: Page, serve: Serve) -> None:
    demo = gr.ChatInterface(lambda m, h: f"echo {m['text']}", multimodal=True, save_history=True)
    page.goto(serve(demo))
    area = message_box(page)
    area.fill("First topic")
    area.press("Enter")
    expect(history_titles(page)).to_have_text(["First topic"])
    expect(area).to_be_editable()
    page.get_by_role("button", name="New chat").click()
    expect(history_titles(page).first).not_to_have_attribute("aria-current", "true")
    area.fill("Second topic")
    area.press("Enter")
    expect(history_titles(page)).to_have_text(["Second topic", "First topic"])
    expect(history_titles(page).first).to_have_attribute("aria-current", "true")  # the open conversation

    page.reload()
    expect(history_titles(page)).to_have_text(["Second topic", "First topic"])
    history_titles(page).nth(1).click()
    expect(history_titles(page).nth(1)).to_have_attribute("aria-current", "true")

    stored = page.evaluate("() => Object.entries(localStorage)")
    saved = [value for key, value in stored if key.startswith("_saved_conversations_")]
    assert len(saved) == 1
    assert saved[0].startswith("v1:")  # encrypted
    assert "topic" not in saved[0] and "First" not in saved[0]


# -- 5. microphone ----------------------------------------------------------------------------------------


def test_microphone_recording_is_attached_as_wav(media_page: Page, serve: Serve) -> None:
    page = media_page

    def inspect_audio(message: dict[str, Any]) -> str:
        (path,) = message["files"]
        head = Path(path).read_bytes()[:12]
        return f"{Path(path).suffix}|{head[:4].decode()}{head[8:12].decode()}|{os.path.getsize(path) > 1000}"

    with gr.Blocks() as demo:
        box = gr.MultimodalTextbox(label="Message", sources=["upload", "microphone"])
        out = gr.Textbox(label="Received")
        box.submit(inspect_audio, box, out)
    url = serve(demo)
    page.context.grant_permissions(["microphone"], origin=url.rstrip("/"))
    page.goto(url)
    page.get_by_role("button", name="Record audio").click()
    stop = page.get_by_role("button", name="Stop recording")
    expect(stop).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("multimodal-recording")).to_be_visible()
    page.wait_for_timeout(1500)
    stop.click()
    expect(chips(page)).to_have_count(1)
    assert (chips(page).get_attribute("title") or "").split(" · ")[0].endswith(".wav")
    expect(page.get_by_test_id("multimodal-recording")).to_have_count(0)
    message_box(page).press("Enter")
    expect(page.get_by_label("Received")).to_have_value(".wav|RIFFWAVE|True")


# -- 6. fill_height layout --------------------------------------------------------------------------------


def chat_area_height(page: Page) -> float:
    """Height of what sits above the message box's group in the chat column: the Chatbot."""
    return float(
        page.get_by_test_id("multimodal-box").evaluate(
            "box => box.closest('[data-testid=group]').previousElementSibling.getBoundingClientRect().height"
        )
    )


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def test_chat_fills_the_window_on_desktop_and_phone(page: Page, serve: Serve) -> None:
    url = serve(gr.ChatInterface(lambda m, h: "ok", multimodal=True, title="Fill"))
    page.goto(url)
    expect(page.get_by_test_id("multimodal-box")).to_be_visible()
    assert box_rect(page)["y"] + box_rect(page)["height"] <= 800
    assert box_rect(page)["y"] + box_rect(page)["height"] > 650  # at the bottom, not under the header
    assert chat_area_height(page) > 300
    page.set_viewport_size({"width": 375, "height": 700})
    page.reload()
    expect(page.get_by_test_id("multimodal-box")).to_be_visible()
    bottom = box_rect(page)["y"] + box_rect(page)["height"]
    assert 550 < bottom <= 700
    assert chat_area_height(page) > 250
    assert no_horizontal_scroll(page)


def test_history_sidebar_sits_beside_the_chat_and_above_it_on_a_phone(page: Page, serve: Serve) -> None:
    url = serve(gr.ChatInterface(lambda m, h: "ok", multimodal=True, save_history=True))
    page.goto(url)
    new_chat = page.get_by_role("button", name="New chat")
    expect(new_chat).to_be_visible()
    side = new_chat.bounding_box()
    assert side is not None
    assert side["x"] + side["width"] <= box_rect(page)["x"]  # the sidebar is left of the chat
    assert box_rect(page)["y"] + box_rect(page)["height"] <= 800
    assert chat_area_height(page) > 300

    page.set_viewport_size({"width": 375, "height": 700})
    page.reload()
    expect(new_chat).to_be_visible()
    side = new_chat.bounding_box()
    assert side is not None
    chat_top = page.get_by_test_id("multimodal-box").evaluate(
        "box => box.closest('[data-testid=group]').previousElementSibling.getBoundingClientRect().top"
    )
    assert side["y"] + side["height"] <= chat_top  # stacked above the chat
    assert box_rect(page)["y"] + box_rect(page)["height"] <= 700
    assert chat_area_height(page) > 250  # the chat, not the sidebar, takes the height left
    assert no_horizontal_scroll(page)


def test_blocks_keep_their_height_when_the_app_does_not_fill(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="A")
        gr.Button("Go")
    page.goto(serve(demo))
    button = page.get_by_role("button", name="Go").bounding_box()
    assert button is not None and button["height"] < 60
