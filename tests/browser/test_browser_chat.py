"""The Chatbot in the browser: streaming that leaves earlier messages alone, retry/undo/edit through
ChatInterface, thoughts, safety of model output, likes, Markdown/code/LaTeX, images, examples and
options, and a phone-width layout."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Request, Route, expect

import trellis as gr

from .conftest import natural_width, write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def bot(page: Page) -> Any:
    return page.get_by_test_id("bot")


def user(page: Page) -> Any:
    return page.get_by_test_id("user")


def message_box(page: Page) -> Any:
    # ChatInterface's textbox (its placeholder goes away after the first message, as in Gradio)
    return page.get_by_test_id("textbox").locator("textarea")


def send(page: Page, text: str) -> None:
    box = message_box(page)
    expect(box).to_be_editable()
    box.fill(text)
    box.press("Enter")


# -- 1. streaming ---------------------------------------------------------------------------------------


def stream_words(message: str, history: list[Any]) -> Iterator[str]:
    reply = ""
    for word in f"Here is a longer answer to {message}, streamed one word at a time".split():
        reply += word + " "
        time.sleep(0.08)
        yield reply


# Records the length of the reply at every DOM change, and how many reply changes came before the
# user's message appeared.
RECORD_LENGTHS = """() => {
    window.__lengths = [];
    window.__beforeUser = null;
    const log = document.querySelector('[role="log"]');
    new MutationObserver(() => {
        if (window.__beforeUser === null && log.querySelector('[data-testid="user"]')) {
            window.__beforeUser = window.__lengths.length;
        }
        const replies = log.querySelectorAll('[data-testid="bot"]');
        const last = replies[replies.length - 1];
        if (last) window.__lengths.push(last.textContent.trim().length);
    }).observe(log, { subtree: true, childList: true, characterData: true });
}"""


def test_streamed_reply_grows_and_earlier_messages_keep_their_nodes(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.ChatInterface(stream_words)))
    page.evaluate(RECORD_LENGTHS)
    send(page, "cats")
    expect(user(page)).to_have_text("cats")
    user(page).evaluate("el => { el.__mark = 'first-user'; }")
    expect(bot(page)).to_contain_text("streamed one word at a time")
    assert page.evaluate("() => window.__beforeUser") == 0  # the user's message came before any reply
    lengths = page.evaluate("() => [...new Set(window.__lengths)]")
    assert len(lengths) >= 3, lengths
    assert lengths == sorted(lengths), lengths  # it only grows
    assert user(page).evaluate("el => el.__mark") == "first-user"

    # A second turn streams without replacing (or touching) the first turn's nodes.
    bot(page).first.locator("p").first.evaluate("el => { el.__mark = 'first-reply'; }")
    send(page, "dogs")
    expect(bot(page).nth(1)).to_contain_text("answer to dogs, streamed one word at a time")
    assert user(page).first.evaluate("el => el.__mark") == "first-user"
    assert bot(page).first.locator("p").first.evaluate("el => el.__mark") == "first-reply"


def stream_lines(message: str, history: list[Any]) -> Iterator[str]:
    reply = ""
    for i in range(80):
        reply += f"Line {i} of a long reply.\n\n"
        time.sleep(0.05)
        yield reply


DISTANCE_TO_BOTTOM = "log => log.scrollHeight - log.scrollTop - log.clientHeight"


def test_autoscroll_follows_the_stream_until_the_user_scrolls_up(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.ChatInterface(stream_lines)))
    log = page.get_by_role("log")
    send(page, "talk")
    expect(bot(page)).to_contain_text("Line 20 ")
    # it follows the reply down (checked on a frame, as text keeps arriving)
    page.wait_for_function(f"() => ({DISTANCE_TO_BOTTOM})(document.querySelector('[role=log]')) < 30")

    log.hover()
    page.mouse.wheel(0, -3000)
    jump = page.get_by_role("button", name="Scroll to the latest message")
    expect(jump).to_be_visible()
    top = log.evaluate("log => log.scrollTop")
    expect(bot(page)).to_contain_text("Line 50 ")
    assert abs(log.evaluate("log => log.scrollTop") - top) < 5  # the view stayed where the user put it
    assert log.evaluate(DISTANCE_TO_BOTTOM) > 100

    jump.click()
    expect(jump).to_be_hidden()
    expect(bot(page)).to_contain_text("Line 79 ")
    # following again, down to the controls that appear when the reply ends
    page.wait_for_function(f"() => ({DISTANCE_TO_BOTTOM})(document.querySelector('[role=log]')) < 30")
    page.wait_for_timeout(300)
    assert log.evaluate(DISTANCE_TO_BOTTOM) < 30


# -- 2. retry, undo, edit -------------------------------------------------------------------------------


def test_retry_undo_and_edit(page: Page, serve: Serve) -> None:
    counter = itertools.count(1)

    def answer(message: str, history: list[Any]) -> str:
        return f"reply {next(counter)} to {message} after {len(history)}"

    page.goto(serve(gr.ChatInterface(answer, editable=True)))
    send(page, "first")
    expect(bot(page)).to_have_text("reply 1 to first after 0")

    bot(page).hover()
    page.get_by_role("button", name="Retry").click()
    expect(bot(page)).to_have_text("reply 2 to first after 0")
    expect(user(page)).to_have_count(1)

    page.get_by_role("button", name="Undo").click()
    expect(user(page)).to_have_count(0)
    expect(bot(page)).to_have_count(0)
    expect(message_box(page)).to_have_value("first")

    send(page, "one")
    expect(bot(page)).to_have_text("reply 3 to one after 0")
    send(page, "two")
    expect(bot(page).nth(1)).to_have_text("reply 4 to two after 2")

    user(page).first.hover()
    page.get_by_role("button", name="Edit message").first.click()
    editor = page.get_by_role("textbox", name="Edit message")
    expect(editor).to_have_value("one")
    editor.fill("uno")
    page.get_by_role("button", name="Submit", exact=True).first.click()
    expect(user(page)).to_have_count(1)
    expect(user(page)).to_have_text("uno")
    expect(bot(page)).to_have_count(1)
    expect(bot(page)).to_have_text("reply 5 to uno after 0")


def test_undo_right_after_retry_stays_undone(page: Page, serve: Serve) -> None:
    """Regression: test_retry_undo_and_edit was flaky (after Undo, 1 bot message where 0 was expected).

    Retry ends with a synchronize step (the chatbot copied to the server's States); the change of
    ``chatbot_value`` it makes used to be copied back into the chatbot by a queued listener. Here
    the retry's synchronize answers only after Undo has cleared the chatbot, and Undo's own
    synchronize waits until that listener has run: the order a busy server could produce."""
    counter = itertools.count(1)

    def answer(message: str, history: list[Any]) -> str:
        return f"reply {next(counter)} to {message} after {len(history)}"

    chat = gr.ChatInterface(answer)
    synchronize = {
        d.id for d in chat.dependencies if chat.chatbot_state in d.outputs and chat.chatbot_value in d.outputs
    }
    echo = next(d.id for d in chat.dependencies if d.targets == [(chat.chatbot_value._id, "change")])
    after_echo = next(d.id for d in chat.dependencies if d.trigger_after == echo)
    page.goto(serve(chat))
    send(page, "first")
    expect(bot(page)).to_have_text("reply 1 to first after 0")

    held: dict[str, Any] = {}

    def hold_synchronize(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        if body.get("fn_index") in synchronize:
            shown = body["data"][0]
            if "retry" not in held and "reply 2" in json.dumps(shown):
                held["retry"] = (route, route.fetch())  # the server has run it; the browser waits
                return
            if "retry" in held and "undo" not in held and shown == []:
                held["undo"] = route  # not even sent yet
                return
        route.continue_()

    def runs_after_echo(request: Request) -> bool:
        return "/run/" in request.url and json.loads(request.post_data or "{}").get("fn_index") == after_echo

    page.route("**/run/**", hold_synchronize)
    bot(page).hover()
    page.get_by_role("button", name="Retry").click()
    expect(bot(page)).to_have_text("reply 2 to first after 0")
    page.get_by_role("button", name="Undo").click()
    expect(bot(page)).to_have_count(0)
    expect(message_box(page)).to_have_value("first")

    route, response = held["retry"]
    with page.expect_request(runs_after_echo):
        route.fulfill(response=response)
    assert bot(page).count() == 0
    held["undo"].continue_()
    send(page, "one")
    expect(bot(page)).to_have_text("reply 3 to one after 0")


# -- 3. thoughts ------------------------------------------------------------------------------------------


def think(message: str, history: list[Any]) -> Iterator[Any]:
    thought = gr.ChatMessage(content="Weighing the options", metadata={"title": "Thinking", "status": "pending"})
    yield thought
    time.sleep(2)
    yield gr.ChatMessage(
        content="Weighing the options", metadata={"title": "Thinking", "status": "done", "duration": 1.5}
    )


def test_thought_is_open_while_pending_and_collapses_when_done(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.ChatInterface(think)))
    send(page, "hm")
    header = page.get_by_role("button", name="Thinking")
    expect(header).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_test_id("thought-spinner")).to_be_visible()
    expect(page.get_by_text("Weighing the options")).to_be_visible()

    expect(header).to_have_attribute("aria-expanded", "false", timeout=5000)
    expect(page.get_by_test_id("thought-spinner")).to_have_count(0)
    expect(page.get_by_text("Weighing the options")).to_be_hidden()
    expect(page.get_by_test_id("chatbot-thought")).to_contain_text("1.5s")

    header.click()
    expect(header).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text("Weighing the options")).to_be_visible()
    header.press("Enter")  # keyboard works too
    expect(header).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_text("Weighing the options")).to_be_hidden()


# -- 4. safety ------------------------------------------------------------------------------------------

HOSTILE = (
    'Careful: <script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
    "and a [link](javascript:window.__pwned=3)"
)


def test_model_output_never_runs_script(page: Page, serve: Serve) -> None:
    page.goto(serve(gr.ChatInterface(lambda message, history: HOSTILE)))
    send(page, "hi")
    expect(bot(page)).to_contain_text("Careful:")
    link = bot(page).locator("a", has_text="link")
    expect(link).to_have_count(1)
    link.click()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert bot(page).locator("script").count() == 0
    assert bot(page).locator("img").evaluate("img => img.getAttribute('onerror')") is None
    assert link.get_attribute("href") is None


# -- 5. like --------------------------------------------------------------------------------------------


def test_like_sends_index_value_and_liked(page: Page, serve: Serve) -> None:
    def feedback(data: gr.LikeData) -> str:
        return f"{data.index} {data.liked} {data.value}"

    with gr.Blocks() as demo:
        chatbot = gr.Chatbot(
            [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}], label="Chat"
        )
        out = gr.Textbox(label="Feedback")
        chatbot.like(feedback, None, out)
    page.goto(serve(demo))
    bot(page).hover()
    like = page.get_by_role("button", name="Like", exact=True)
    like.click()
    expect(page.get_by_label("Feedback")).to_have_value("1 True ['hello']")
    expect(like).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Dislike").click()
    expect(page.get_by_label("Feedback")).to_have_value("1 False ['hello']")


# -- 6. Markdown, code, LaTeX ---------------------------------------------------------------------------

RICH = """| Animal | Legs |
|--------|------|
| cat    | 4    |

```python
def greet(name):
    return f"hi {name}"
```

$$x^2$$
"""


def test_markdown_table_code_and_latex(page: Page, serve: Serve) -> None:
    demo = gr.Blocks()
    with demo:
        gr.Chatbot([{"role": "user", "content": "show me"}, {"role": "assistant", "content": RICH}])
    page.goto(serve(demo))
    reply = bot(page)
    expect(reply.locator("table th").first).to_have_text("Animal")
    expect(reply.locator("table td").first).to_have_text("cat")
    expect(reply.locator("pre code .hljs-keyword").first).to_have_text("def")
    expect(reply.get_by_role("button", name="Copy code")).to_have_count(1)
    expect(reply.locator(".katex")).to_have_count(1)
    expect(reply.locator(".katex-mathml annotation")).to_have_text("x^2")


# -- 7. images --------------------------------------------------------------------------------------------


def test_image_file_and_image_component_messages(page: Page, serve: Serve, tmp_path: Path) -> None:
    red = write_png(tmp_path / "red.png", (30, 20), (255, 0, 0))
    blue = write_png(tmp_path / "blue.png", (44, 10), (0, 0, 255))
    with gr.Blocks() as demo:
        gr.Chatbot(
            [
                {"role": "user", "content": "pictures please"},
                {"role": "assistant", "content": {"path": str(red), "alt_text": "a red square"}},
                {"role": "assistant", "content": gr.Image(str(blue))},
            ]
        )
    page.goto(serve(demo))
    file_image = page.get_by_role("button", name="Enlarge image: a red square").get_by_test_id("chatbot-image")
    expect(file_image).to_have_attribute("alt", "a red square")
    assert natural_width(file_image) == 30
    component_image = page.get_by_test_id("chatbot-component-image").locator("img")
    expect(component_image).to_have_count(1)
    assert natural_width(component_image) == 44

    page.get_by_role("button", name="Enlarge image: a red square").click()
    enlarged = page.locator("dialog[open] img")
    expect(enlarged).to_be_visible()
    assert natural_width(enlarged) == 30
    page.keyboard.press("Escape")
    expect(page.locator("dialog[open]")).to_have_count(0)


# -- examples and options -------------------------------------------------------------------------------


def test_examples_and_options(page: Page, serve: Serve) -> None:
    def answer(message: str, history: list[Any]) -> Any:
        if message == "menu":
            return gr.ChatMessage(
                content="Pick one", options=[{"value": "tea", "label": "Tea please"}, {"value": "coffee"}]
            )
        return f"you chose {message}"

    page.goto(serve(gr.ChatInterface(answer, examples=["menu"], example_labels=["Show the menu"])))
    page.get_by_role("button", name="Show the menu").click()
    expect(user(page)).to_have_text("menu")
    expect(bot(page)).to_have_text("Pick one")
    page.get_by_role("button", name="Tea please").click()
    expect(user(page).nth(1)).to_have_text("tea")
    expect(bot(page).nth(1)).to_have_text("you chose tea")
    expect(page.get_by_test_id("chatbot-option")).to_have_count(0)


# -- phone width ------------------------------------------------------------------------------------------

WIDE = (
    "A long line: "
    + "x" * 300
    + "\n\n```python\nprint('"
    + "y" * 200
    + "')\n```\n\n| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n"
    + "| 1 | 2 | 3 | 4 | 5 | 6 |\n"
)


def test_phone_width_has_no_horizontal_scroll(browser: Any, serve: Serve) -> None:
    url = serve(gr.ChatInterface(lambda message, history: WIDE))
    context = browser.new_context(viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(url)
        send(page, "make it wide " + "z" * 80)
        expect(bot(page)).to_contain_text("A long line")
        sizes = page.evaluate(
            """() => {
                const log = document.querySelector('[role="log"]');
                return [document.documentElement.scrollWidth, window.innerWidth, log.scrollWidth, log.clientWidth];
            }"""
        )
        page_width, viewport, log_scroll, log_client = sizes
        assert page_width <= viewport, sizes
        assert log_scroll <= log_client, sizes
        # the controls are reachable from the keyboard
        copy = page.get_by_test_id("bot-row").get_by_role("button", name="Copy message")
        copy.focus()
        expect(copy).to_be_focused()
        expect(copy).to_have_css("opacity", "1")
    finally:
        context.close()
