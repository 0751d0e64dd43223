"""Chat views as Gradio 6.31 draws them: the label badges of Chatbot, Code and Label (in the default
theme and in Soft), the Chatbot's card (its height, corner strip, bubbles) and what a ChatInterface
shows when its function fails, then on the next turn.

The numbers are Gradio's, measured in its page: a badge is 26px high in the default theme (29px in
Soft, 6px in from the corner), the Chatbot's ``height`` is its whole card's, a message bubble's
text is 16px, and so on."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr
from trellis.blocks.chat_interface import wiring

from .conftest import write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

HISTORY = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]


def offset(inner: Locator, outer: Locator) -> dict[str, float]:
    """``inner``'s box relative to ``outer``'s (left, top, width, height), in px."""
    a, b = inner.bounding_box(), outer.bounding_box()
    assert a is not None and b is not None
    return {"x": a["x"] - b["x"], "y": a["y"] - b["y"], "w": a["width"], "h": a["height"]}


def badge(block: Locator) -> Locator:
    return block.get_by_test_id("block-label")


def message_box(page: Page) -> Locator:
    return page.get_by_test_id("textbox").locator("textarea")


def send(page: Page, text: str) -> None:
    box = message_box(page)
    expect(box).to_be_editable()
    box.fill(text)
    box.press("Enter")


# -- 1. label badges ----------------------------------------------------------------------------------


def badges_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        with gr.Row():
            gr.Chatbot(HISTORY, label="Chat A", height=200)
            gr.Chatbot(HISTORY, label="Chat B", show_label=False, height=200)
        with gr.Row():
            gr.Code("print('x')", language="python", label="Code A")
            gr.Code("print('y')", language="python", label="Code B", show_label=False)
        with gr.Row():
            gr.Label({"cat": 0.7, "dog": 0.3}, label="Label A")
            gr.Label({"cat": 0.7, "dog": 0.3}, label="Label B", show_label=False)
            gr.Label(label="Label C")
    return demo


def blocks(page: Page, kind: str) -> list[Locator]:
    found = page.get_by_test_id(kind)
    expect(found.first).to_be_visible()
    return found.all()


def test_chatbot_code_and_label_show_their_label_as_a_corner_badge(page: Page, serve: Serve) -> None:
    """Gradio's block label: a tab with the component's icon and its label flush with the card's top-left
    corner: over the conversation (Chatbot) and the heading (Label), above the code (Code)."""
    page.goto(serve(badges_app()))
    chat_a, chat_b = blocks(page, "chatbot")
    code_a, code_b = blocks(page, "code")
    label_a, label_b, label_c = blocks(page, "label")
    for block, text, position in (
        (chat_a, "Chat A", "absolute"),
        (code_a, "Code A", "static"),
        (label_a, "Label A", "absolute"),
        (label_c, "Label C", "absolute"),
    ):
        tab = badge(block)
        expect(tab).to_have_text(text)
        expect(tab.locator("svg")).to_have_count(1)
        expect(tab).to_have_css("position", position)
        box = offset(tab, block)
        assert (box["x"], box["y"]) == (1, 1), text  # inside the 1px border, no margin
        assert 25 <= box["h"] <= 27, text
        icon = tab.locator("svg").bounding_box()
        assert icon is not None and icon["width"] == 11, text
        expect(tab).to_have_css("font-size", "12px")
        expect(tab).to_have_css("border-bottom-width", "1px")
        expect(tab).to_have_css("border-top-width", "0px")
    for block in (chat_b, code_b, label_b):
        expect(badge(block)).to_have_count(0)
    # Code's badge takes its own line: the code starts under it.
    code = code_a.get_by_test_id("code-scroller")
    assert offset(code, code_a)["y"] >= offset(badge(code_a), code_a)["h"]
    # Label's heading clears the badge that floats over it.
    assert offset(label_a.get_by_test_id("label-output-value"), label_a)["y"] >= 11


def test_badges_in_soft_are_tinted_and_inset(page: Page, serve: Serve) -> None:
    """Soft's badge is 6px in from the corner, tinted, in 14px semibold text with a 13px icon."""
    page.goto(serve(badges_app(), theme=gr.themes.Soft()))
    for block in (blocks(page, "chatbot")[0], blocks(page, "code")[0], blocks(page, "label")[0]):
        tab = badge(block)
        expect(tab).to_be_visible()
        box = offset(tab, block)
        assert (box["x"], box["y"]) == (6, 6)
        icon = tab.locator("svg").bounding_box()
        assert icon is not None and icon["width"] == 13
        expect(tab).to_have_css("font-size", "14px")
        expect(tab).to_have_css("font-weight", "600")
        assert tab.evaluate("e => getComputedStyle(e).backgroundColor") not in (
            "rgba(0, 0, 0, 0)",
            "rgb(255, 255, 255)",
        )


def test_code_blocks_are_cards_of_their_own(page: Page, serve: Serve) -> None:
    """Gradio's Code is no form input: two in a Row are two bordered cards, not one shared form card."""
    page.goto(serve(badges_app()))
    code_a, code_b = blocks(page, "code")
    for block in (code_a, code_b):
        expect(block).to_have_css("border-top-width", "1px")
        assert block.evaluate("e => e.closest('[data-testid=form]') === null")


def test_an_empty_label_is_a_short_box_with_a_faint_icon(page: Page, serve: Serve) -> None:
    page.goto(serve(badges_app()))
    label_c = blocks(page, "label")[2]
    expect(label_c.get_by_test_id("label-empty")).to_be_visible()
    assert offset(label_c, label_c)["h"] == 110  # 108px inside the border, as Gradio's


def test_chatinterface_chatbot_has_gradios_chatbot_badge(page: Page, serve: Serve) -> None:
    """ChatInterface's chatbot is labelled "Chatbot" on Gradio's page too; a given chatbot keeps its label."""
    page.goto(serve(gr.ChatInterface(lambda message, history: message)))
    chat = page.get_by_test_id("chatbot")
    expect(badge(chat)).to_have_text("Chatbot")
    assert (offset(badge(chat), chat)["x"], offset(badge(chat), chat)["y"]) == (1, 1)
    expect(page.get_by_role("log", name="Chatbot")).to_be_visible()


def test_chatinterface_with_a_labelled_chatbot_shows_that_label(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.ChatInterface(lambda message, history: message, chatbot=gr.Chatbot(label="X"))))
    expect(badge(page.get_by_test_id("chatbot"))).to_have_text("X")


# -- 2. the chatbot's card ------------------------------------------------------------------------------


def test_chatbot_card_is_as_high_as_its_height_with_gradios_bubbles(page: Page, serve: Serve) -> None:
    """``height`` is the whole card's (the badge floats over the messages); the share/clear/copy strip is
    flush with the top-right corner; bubbles are 20px in from the sides, 16px text, square at the
    speaker's corner; each bubble's buttons are 10px under it."""
    with gr.Blocks() as demo:
        gr.Chatbot(HISTORY, label="Chat", height=300)
    page.goto(serve(demo))
    chat = page.get_by_test_id("chatbot")
    expect(chat.get_by_test_id("bot")).to_have_text("hello")
    assert offset(chat, chat)["h"] == 300

    strip = chat.get_by_test_id("chatbot-toolbar")
    block_box, strip_box = chat.bounding_box(), strip.bounding_box()
    assert block_box is not None and strip_box is not None
    assert strip_box["y"] - block_box["y"] == 1
    assert block_box["x"] + block_box["width"] - (strip_box["x"] + strip_box["width"]) == 1
    for button in strip.get_by_role("button").all():
        size = button.bounding_box()
        assert size is not None and (size["width"], size["height"]) == (18, 18)

    user_bubble = chat.get_by_test_id("user-row").locator(".content")
    bot_bubble = chat.get_by_test_id("bot-row").locator(".content")
    user_box, bot_box = offset(user_bubble, chat), offset(bot_bubble, chat)
    assert user_box["y"] == 37  # 1px border + 16px + the row's 20px margin
    assert block_box["width"] - (user_box["x"] + user_box["w"]) == 21
    assert bot_box["x"] == 21
    expect(user_bubble).to_have_css("border-bottom-right-radius", "0px")
    expect(user_bubble).to_have_css("border-top-left-radius", "6px")
    expect(bot_bubble).to_have_css("border-bottom-left-radius", "0px")
    expect(bot_bubble).to_have_css("font-size", "16px")
    expect(bot_bubble.locator("p")).to_have_css("line-height", "26px")
    buttons = chat.get_by_test_id("user-row").get_by_role("group", name="Message actions")
    gap = offset(buttons, chat)["y"] - (user_box["y"] + user_box["h"])
    assert gap == 10
    assert offset(buttons, chat)["h"] == 24


def test_chatbot_without_a_container_has_no_border_to_leave_out(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Chatbot(HISTORY, height=250, container=False)
    page.goto(serve(demo))
    chat = page.get_by_test_id("chatbot")
    expect(chat.get_by_test_id("bot")).to_be_visible()
    assert offset(chat, chat)["h"] == 250


# -- 3. a failed reply ----------------------------------------------------------------------------------


def flaky(message: str, history: list[Any]) -> str:
    if message == "crash":
        raise ValueError("boom")
    if message == "refuse":
        raise gr.Error("I cannot answer that")
    return f"You said: {message} ({len(history)} before)"


# Set when the "Error" cover leaves the chatbot before the test sends its next message.
WATCH_COVER = """() => {
    window.__sent = false;
    window.__coverLeftEarly = false;
    const chat = document.querySelector('[data-testid="chatbot"]');
    new MutationObserver(() => {
        if (!chat.querySelector('[data-testid="status-error"]') && !window.__sent) window.__coverLeftEarly = true;
    }).observe(chat, { subtree: true, childList: true });
}"""


@pytest.mark.parametrize("message", ["crash", "refuse"])
def test_failed_reply_keeps_the_message_and_covers_the_chat_with_an_error(
    page: Page, serve: Serve, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on Gradio's page: the user's message stays, the chatbot is covered with the "Error" badge (a
    gr.Error's message is in a toast), the textbox is empty. Unlike Gradio 6.31, whose textbox stays
    disabled until the page is reloaded, the user can send the next message, which gets its reply."""
    # Every turn ends with the listener that shows a conversation written from outside: count its runs,
    # to know when the failed turn's last step has been answered.
    calls: queue.Queue[None] = queue.Queue()
    original = wiring._show_outside_value

    def counted(value: Any, synced: Any) -> Any:
        calls.put(None)
        return original(value, synced)

    monkeypatch.setattr(wiring, "_show_outside_value", counted)
    page.goto(serve(gr.ChatInterface(flaky)))
    chat = page.get_by_test_id("chatbot")
    send(page, "first")
    expect(chat.get_by_test_id("bot")).to_have_text("You said: first (0 before)")
    calls.get(timeout=10)

    send(page, message)
    cover = chat.get_by_test_id("status-error")
    expect(cover).to_have_text("Error")
    page.evaluate(WATCH_COVER)
    expect(chat.get_by_test_id("user")).to_have_count(2)
    expect(chat.get_by_test_id("user").last).to_have_text(message)
    expect(chat.get_by_test_id("bot")).to_have_count(1)
    if message == "refuse":
        expect(page.get_by_test_id("toast-error")).to_contain_text("I cannot answer that")
    expect(message_box(page)).to_have_value("")
    expect(message_box(page)).to_be_editable()
    calls.get(timeout=10)  # the failed turn's last step ran: its answer comes before the next turn's
    expect(cover).to_be_visible()

    # The next message takes the cover away and is answered, the failed message in the history.
    page.evaluate("() => { window.__sent = true; }")
    send(page, "again")
    expect(chat.get_by_test_id("bot").last).to_have_text("You said: again (3 before)")
    expect(cover).to_have_count(0)
    expect(chat.get_by_test_id("user")).to_have_count(3)
    assert page.evaluate("() => window.__coverLeftEarly") is False


def test_the_error_cover_can_be_cleared(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.ChatInterface(flaky)))
    chat = page.get_by_test_id("chatbot")
    send(page, "crash")
    cover = chat.get_by_test_id("status-error")
    expect(cover).to_be_visible()
    expect(page.get_by_test_id("toast-error")).to_have_count(0)  # a plain exception: no message, no toast
    cover.get_by_role("button", name="Clear").click()
    expect(cover).to_have_count(0)
    expect(chat.get_by_test_id("user")).to_have_text("crash")


# -- 4. the message box ---------------------------------------------------------------------------------


def test_message_box_is_borderless_with_a_round_send_button(page: Page, serve: Serve) -> None:
    """ChatInterface's textbox as Gradio draws a Textbox with a submit button: no border of its own, a
    round 30px grey button with a paper plane; during a reply the button is a round stop button and the
    box stays borderless."""
    release = threading.Event()

    def slow(message: str, history: list[Any]) -> Any:
        yield "working"
        release.wait(10)
        yield "done"

    page.goto(serve(gr.ChatInterface(slow)))
    box = message_box(page)
    expect(box).to_have_css("border-top-width", "0px")
    expect(box).to_have_css("box-shadow", "none")
    submit = page.get_by_role("button", name="Submit", exact=True)
    expect(submit.locator("svg")).to_have_count(1)
    size = submit.bounding_box()
    assert size is not None and (size["width"], size["height"]) == (30, 30)
    expect(submit).to_have_css("border-radius", "15px")
    background = page.evaluate(
        "() => getComputedStyle(document.body).getPropertyValue('--button-secondary-background-fill')"
    )
    assert background.strip()
    assert submit.evaluate("b => getComputedStyle(b).backgroundColor") != "rgba(0, 0, 0, 0)"

    send(page, "go")
    stop = page.get_by_role("button", name="Stop", exact=True)
    expect(stop).to_be_visible()
    expect(submit).to_have_count(0)
    expect(stop).to_have_css("border-radius", "15px")
    expect(box).to_have_css("border-top-width", "0px")  # still borderless while the reply runs
    release.set()
    expect(page.get_by_test_id("bot")).to_have_text("done")
    expect(submit).to_be_visible()


def test_a_textbox_with_only_a_stop_button_keeps_its_border(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Textbox(label="Stop only", stop_btn=True)
    page.goto(serve(demo))
    expect(page.get_by_label("Stop only")).to_have_css("border-top-width", "1px")
    expect(page.get_by_role("button", name="Stop")).to_have_css("border-radius", "15px")


def test_multimodal_message_box_is_gradios(page: Page, serve: Serve) -> None:
    """No border, 12px corners, 36px buttons: the paper clip plain, the send button grey (not the accent)."""
    page.goto(serve(gr.ChatInterface(lambda message, history: message["text"], multimodal=True)))
    box = page.get_by_test_id("multimodal-box")
    expect(box).to_have_css("border-top-color", "rgba(0, 0, 0, 0)")
    expect(box).to_have_css("border-top-left-radius", "12px")
    for button in (page.get_by_test_id("multimodal-attach"), page.get_by_test_id("multimodal-submit")):
        size = button.bounding_box()
        assert size is not None and (size["width"], size["height"]) == (36, 36)
    accent = page.evaluate("() => getComputedStyle(document.body).getPropertyValue('--color-accent').trim()")
    submit_bg = page.get_by_test_id("multimodal-submit").evaluate("b => getComputedStyle(b).backgroundColor")
    plain = page.evaluate(
        "c => { const e = document.createElement('i'); e.style.color = c; document.body.append(e);"
        " const v = getComputedStyle(e).color; e.remove(); return v; }",
        accent,
    )
    assert submit_bg not in (plain, "rgba(0, 0, 0, 0)")
    expect(page.get_by_test_id("multimodal-attach")).to_have_css("background-color", "rgba(0, 0, 0, 0)")


# -- 5. inside the conversation -------------------------------------------------------------------------


def test_a_short_reply_bubble_is_as_wide_as_its_text(page: Page, serve: Serve) -> None:
    """The bubble does not stretch to the width of the buttons under it (a one-word reply stays narrow)."""
    with gr.Blocks() as demo:
        chat = gr.Chatbot([{"role": "user", "content": "?"}, {"role": "assistant", "content": "No"}])
        chat.retry(lambda: None)
        chat.undo(lambda: None)
    page.goto(serve(demo))
    row = page.get_by_test_id("bot-row")
    bubble = row.locator(".content").bounding_box()
    panel = row.get_by_role("group", name="Message actions").bounding_box()
    assert bubble is not None and panel is not None
    assert bubble["width"] < panel["width"]


def test_thoughts_look_as_gradios(page: Page, serve: Serve) -> None:
    """The title row: an arrow in a 32px square, the title in 12px regular text, then the log and the
    duration in brackets as Gradio writes it ((2.0s), (3s)); a pending thought is open, with a spinner."""
    history = [
        {"role": "user", "content": "q"},
        {
            "role": "assistant",
            "content": "- one\n\n- two",
            "metadata": {"title": "Thinking", "status": "done", "duration": 2.04},
        },
        {
            "role": "assistant",
            "content": "checked",
            "metadata": {"title": "Searching", "status": "done", "duration": 3, "log": "2 hits"},
        },
        {"role": "assistant", "content": "still going", "metadata": {"title": "Pending", "status": "pending"}},
    ]
    with gr.Blocks() as demo:
        gr.Chatbot(history)
    page.goto(serve(demo))
    thoughts = page.get_by_test_id("chatbot-thought")
    expect(thoughts).to_have_count(3)
    done = page.get_by_role("button", name="Thinking")
    expect(done).to_have_attribute("aria-expanded", "false")
    expect(done).to_contain_text("(2.0s)")
    expect(page.get_by_role("button", name="Searching")).to_contain_text("2 hits (3s)")
    expect(done.locator(".title")).to_have_css("font-weight", "400")
    expect(done.locator(".title")).to_have_css("font-size", "12px")
    arrow = done.locator(".arrow").bounding_box()
    assert arrow is not None and (arrow["width"], arrow["height"]) == (32, 32)
    pending = page.get_by_role("button", name="Pending")
    expect(pending).to_have_attribute("aria-expanded", "true")
    expect(thoughts.nth(2).get_by_test_id("thought-spinner")).to_be_visible()
    expect(thoughts.nth(2).get_by_text("still going")).to_have_css("font-size", "12px")
    # Lists in messages: hollow bullets, a loose list's paragraphs inline.
    done.click()
    item = thoughts.first.locator("li").first
    expect(item).to_have_css("list-style-type", "circle")
    expect(item.locator("p")).to_have_css("display", "inline")


def test_typing_bubble_shows_between_a_finished_thought_and_the_answer(page: Page, serve: Serve) -> None:
    release = threading.Event()

    def think(message: str, history: list[Any]) -> Any:
        thought = gr.ChatMessage(content="hmm", metadata={"title": "Thinking", "status": "done", "duration": 1})
        yield thought
        release.wait(10)
        yield [thought, gr.ChatMessage(content="the answer")]

    page.goto(serve(gr.ChatInterface(think)))
    send(page, "q")
    expect(page.get_by_role("button", name="Thinking")).to_be_visible()
    expect(page.get_by_test_id("chatbot-typing")).to_be_visible()
    release.set()
    expect(page.get_by_test_id("bot").last).to_have_text("the answer")
    expect(page.get_by_test_id("chatbot-typing")).to_have_count(0)


def test_a_reply_with_an_options_list_keeps_gradios_strip_under_it(page: Page, serve: Serve) -> None:
    """Gradio keeps the strip of suggested replies (16px padding) when the last message has an options
    list, even an empty one: the conversation's end has that much more room."""
    with gr.Blocks() as demo:
        gr.Chatbot([gr.ChatMessage(role="assistant", content="a")], label="Empty list")
        gr.Chatbot([{"role": "assistant", "content": "a"}], label="No list")
    page.goto(serve(demo))
    with_list, without = page.get_by_test_id("chatbot").all()
    expect(with_list.get_by_test_id("bot")).to_be_visible()
    expect(with_list.locator(".options")).to_have_count(1)
    assert offset(with_list.locator(".options"), with_list)["h"] == 32
    expect(without.locator(".options")).to_have_count(0)


def test_example_cards_are_gradios(page: Page, serve: Serve, tmp_path: Path) -> None:
    """240px cards in a grid: previews of the attachments (an image's picture, an audio file's icon) over
    one line of 14px text, each card named after its example."""
    sound = tmp_path / "tune.wav"
    sound.write_bytes(b"RIFF")
    with gr.Blocks() as demo:
        gr.Chatbot(
            examples=[
                {"text": "Just text"},
                {"text": "Listen", "files": [str(sound)]},
                {"text": "Many", "files": [str(sound)] * 6},
            ]
        )
    page.goto(serve(demo))
    cards = page.get_by_test_id("chatbot-example")
    expect(cards).to_have_count(3)
    expect(cards.first).to_have_attribute("aria-label", "Select example 1: Just text")
    size = cards.first.bounding_box()
    assert size is not None and 240 <= size["width"] < 241  # the grid takes its cards' width, not the chat's
    expect(cards.first).to_have_css("padding-top", "16px")
    expect(cards.first.locator(".text")).to_have_css("font-size", "14px")
    audio = cards.nth(1).get_by_label("File: tune.wav")
    box = audio.bounding_box()
    assert box is not None and (box["width"], box["height"]) == (32, 32)
    expect(cards.nth(2).get_by_label("File: tune.wav")).to_have_count(4)
    expect(cards.nth(2).get_by_role("status")).to_have_text("+2")


def test_a_multimodal_text_example_shows_gradios_aa_chip(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio 6.31's multimodal ChatInterface marks a text-only example with an "Aa" chip (a 32px bordered
    box) above its text; an example with files shows their previews."""
    sound = tmp_path / "tune.wav"
    sound.write_bytes(b"RIFF")
    demo = gr.ChatInterface(
        lambda m, h: "ok", multimodal=True, examples=[{"text": "hello"}, {"text": "hola", "files": [str(sound)]}]
    )
    page.goto(serve(demo))
    cards = page.get_by_test_id("chatbot-example")
    expect(cards).to_have_count(2)
    chip = cards.first.get_by_text("Aa", exact=True)
    expect(chip).to_be_visible()
    box = cards.first.locator(".kind").bounding_box()
    assert box is not None and (box["width"], box["height"]) == (32, 32)
    expect(cards.nth(1).get_by_text("Aa", exact=True)).to_have_count(0)
    expect(cards.nth(1).get_by_label("File: tune.wav")).to_be_visible()
    # Drawn in the body text colour, as Gradio's (not the subdued grey).
    body = page.locator("body").evaluate("b => getComputedStyle(b).color")
    expect(chip).to_have_css("color", body)
    expect(cards.nth(1).get_by_label("File: tune.wav")).to_have_css("color", body)


def test_an_empty_code_output_is_a_box_with_a_faint_icon(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        button = gr.Button("Show")
        code = gr.Code(label="Out")
        button.click(lambda: "x = 1", None, code)
    page.goto(serve(demo))
    block = page.get_by_test_id("code")
    expect(block.get_by_test_id("code-empty")).to_be_visible()
    assert offset(block.get_by_test_id("code-empty"), block)["h"] >= 236
    page.get_by_role("button", name="Show").click()
    expect(block.get_by_test_id("code-empty")).to_have_count(0)
    expect(block).to_contain_text("x = 1")


def test_panel_layout_rows_are_gradios(page: Page, serve: Serve) -> None:
    """Panels: full-width bands (the first with 32px above), a message box with its buttons inside,
    the user's buttons at the right."""
    with gr.Blocks() as demo:
        gr.Chatbot(HISTORY, layout="panel", height=400)
    page.goto(serve(demo))
    chat = page.get_by_test_id("chatbot")
    user_row, bot_row = chat.get_by_test_id("user-row"), chat.get_by_test_id("bot-row")
    expect(bot_row).to_be_visible()
    assert offset(user_row, chat)["h"] == 118 and offset(bot_row, chat)["h"] == 102
    text = offset(user_row.get_by_test_id("user"), user_row)
    assert (text["x"], text["y"]) == (26, 36)
    buttons = user_row.get_by_role("group", name="Message actions")
    row_box, buttons_box = user_row.bounding_box(), buttons.bounding_box()
    assert row_box is not None and buttons_box is not None
    assert row_box["x"] + row_box["width"] - (buttons_box["x"] + buttons_box["width"]) == 26


def test_file_messages_offer_download_and_share_instead_of_copy(page: Page, serve: Serve, tmp_path: Path) -> None:
    """Gradio's buttons under a message with a file: an image (a file or gr.Image) gets Download and Share
    and no Copy; a plain file is a card (icon, name, type) with Share only; text gets Copy."""
    red = write_png(tmp_path / "red.png", (120, 80), (200, 50, 50))
    doc = tmp_path / "notes.txt"
    doc.write_text("hello")
    history = [
        {"role": "user", "content": {"path": str(red)}},
        {"role": "user", "content": "what is this?"},
        {"role": "assistant", "content": "A red square."},
        {"role": "user", "content": {"path": str(doc)}},
        {"role": "assistant", "content": gr.Image(str(red))},
    ]
    with gr.Blocks() as demo:
        gr.Chatbot(history, height=700)
    page.goto(serve(demo, allowed_paths=[str(tmp_path)]))

    def actions(row: Locator) -> list[str | None]:
        buttons = row.get_by_role("group", name="Message actions").locator("a, button")
        expect(buttons.first).to_be_visible()
        return [b.get_attribute("aria-label") for b in buttons.all()]

    users, bots = page.get_by_test_id("user-row"), page.get_by_test_id("bot-row")
    expect(users).to_have_count(2)
    assert actions(users.nth(0)) == ["Download", "Share"]
    assert actions(bots.nth(0)) == ["Copy message"]
    assert actions(users.nth(1)) == ["Share"]
    assert actions(bots.nth(1)) == ["Download", "Share"]
    download = users.nth(0).get_by_role("link", name="Download")
    expect(download).to_have_attribute("download", "red.png")

    card = page.get_by_test_id("chatbot-file")
    expect(card).to_contain_text("notes.txt")
    expect(card).to_contain_text("TXT")
    # gr.Image in a message is drawn as an image file: 8px in, no buttons of its own.
    component = page.get_by_test_id("chatbot-component-image")
    expect(component.locator("img")).to_have_css("margin-top", "8px")
    expect(component.get_by_role("button", name="Download")).to_have_count(0)
    users.nth(0).get_by_role("button", name="Share").click()
    expect(page.get_by_test_id("toast-error")).to_contain_text("Must be on Spaces to share.")
