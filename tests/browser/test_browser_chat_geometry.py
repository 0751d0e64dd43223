"""Chat geometry as Gradio 6.31 draws it, measured in its page: the thought toggle (a faint 12.4px disc
with a solid triangle), a thought 6px above the answer under it, the Retry and Undo glyphs, the empty
chat's placeholder and examples filling the log, the multimodal box's text at the top of its row and
the DeepLinkButton's diagonal chain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

from .conftest import write_png

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

THOUGHT_HISTORY = [
    {"role": "user", "content": "q"},
    {"role": "assistant", "content": "hmm", "metadata": {"title": "Thinking", "status": "done", "duration": 2}},
    {"role": "assistant", "content": "The answer."},
]


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None
    return found


def test_thought_toggle_is_a_faint_disc_with_a_triangle(page: Page, serve: Serve) -> None:
    """Gradio's toggle: a 12.4px disc at 10% opacity and a solid 6.2px-wide triangle, both grey; the
    triangle points down while closed and turns to point up (180deg) when open."""
    with gr.Blocks() as demo:
        gr.Chatbot(THOUGHT_HISTORY)
    page.goto(serve(demo))
    toggle = page.get_by_test_id("thought-toggle")
    expect(toggle).to_be_visible()
    shape = toggle.evaluate(
        """t => { const c = t.querySelector('circle'), p = t.querySelector('path');
        if (!c || !p) return null;
        const cr = c.getBoundingClientRect(), pr = p.getBoundingClientRect();
        return {disc: cr.width, discOpacity: getComputedStyle(c).opacity, discFill: getComputedStyle(c).fill,
                tri: [pr.width, pr.height], triFill: getComputedStyle(p).fill, stroke: getComputedStyle(p).stroke,
                turn: getComputedStyle(t).transform}; }"""
    )
    assert shape is not None, "the toggle is a disc (circle) and a triangle (path)"
    assert abs(shape["disc"] - 12.44) < 0.6
    assert shape["discOpacity"] == "0.1"
    assert shape["triFill"] == shape["discFill"] and shape["triFill"] != "none"
    assert shape["stroke"] == "none"
    assert abs(shape["tri"][0] - 6.22) < 0.6 and abs(shape["tri"][1] - 3.11) < 0.6
    assert shape["turn"] in ("none", "matrix(1, 0, 0, 1, 0, 0)")
    page.get_by_role("button", name="Thinking").click()
    expect(toggle).to_have_css("transform", "matrix(-1, 0, 0, -1, 0, 0)")


def test_a_thought_sits_6px_above_the_answer(page: Page, serve: Serve) -> None:
    """Gradio's thought has 6px margins that collapse with the 4px above the next message: 6px, not 10."""
    with gr.Blocks() as demo:
        gr.Chatbot(THOUGHT_HISTORY)
    page.goto(serve(demo))
    expect(page.get_by_test_id("bot")).to_have_text("The answer.")
    thought = box(page, "[data-testid=chatbot-thought]")
    answer = box(page, "[data-testid=bot]")
    assert abs(answer["y"] - (thought["y"] + thought["height"]) - 6) < 0.5


def test_retry_and_undo_are_gradios_glyphs(page: Page, serve: Serve) -> None:
    """Retry: two arcs, each with its arrow head; Undo: a counter-clockwise circle arrow spanning most
    of the 14px square; both drawn at Gradio's 1.5 stroke."""
    with gr.Blocks() as demo:
        chat = gr.Chatbot([{"role": "user", "content": "?"}, {"role": "assistant", "content": "No"}])
        chat.retry(lambda: None)
        chat.undo(lambda: None)
    page.goto(serve(demo))
    glyphs = {}
    for name in ("Retry", "Undo"):
        button = page.get_by_role("button", name=name)
        expect(button).to_be_visible()
        glyphs[name] = button.evaluate(
            """b => { const s = b.querySelector('svg'), p = s.querySelector('path'), bb = p.getBBox();
            const d = p.getAttribute('d');
            return {size: s.getBoundingClientRect().width, stroke: getComputedStyle(p).strokeWidth,
                    arcs: (d.match(/[aA]/g) || []).length, parts: (d.match(/[mM]/g) || []).length,
                    w: bb.width, h: bb.height}; }"""
        )
    retry, undo = glyphs["Retry"], glyphs["Undo"]
    assert retry["size"] == undo["size"] == 14
    assert retry["stroke"] == undo["stroke"] == "1.5px"
    assert retry["arcs"] == 2 and retry["parts"] == 4
    assert undo["arcs"] == 1 and undo["w"] >= 17 and undo["h"] >= 16


def examples_app(icon: str) -> gr.Blocks:
    placeholder = '<h1 style="font-size: 48px; color: #FFFFFF; text-align: center">Welcome to the chat!</h1>'
    with gr.Blocks() as demo:
        gr.Chatbot(
            placeholder=placeholder,
            examples=[
                {"icon": icon, "display_text": "Display Text Here!", "text": "a"},
                {"text": "b"},
                {"text": "c"},
                {"text": "d"},
                {"text": "e"},
            ],
        )
    return demo


def test_empty_chat_placeholder_and_examples_fill_the_log(page: Page, serve: Serve, tmp_path: Path) -> None:
    """At 1280: the placeholder takes the room above the examples, the grid ends at the log's bottom
    edge (no 16px margin under it); a card's text is 4px under its 32px icon (cards 89.6px high); an
    icon that does not load shows Gradio's alt text."""
    broken = tmp_path / "icon.png"
    broken.write_bytes(b"not a picture")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(serve(examples_app(str(broken))))
    cards = page.get_by_test_id("chatbot-example")
    expect(cards).to_have_count(5)
    log = box(page, "[data-testid=chatbot-log]")
    grid = box(page, "[aria-label=Examples]")
    holder = box(page, "[data-testid=chatbot-placeholder]")
    assert abs((grid["y"] + grid["height"]) - (log["y"] + log["height"])) < 0.5
    assert abs(holder["y"] - (log["y"] + 16)) < 0.5
    assert abs((holder["y"] + holder["height"]) - grid["y"]) < 0.5
    card = cards.first.bounding_box()
    assert card is not None and abs(card["height"] - 89.6) < 0.5
    expect(cards.first.locator("img")).to_have_attribute("alt", "Example icon")


def test_a_narrow_empty_chat_scrolls_flush_to_its_last_card(page: Page, serve: Serve, tmp_path: Path) -> None:
    """At 390 the examples overflow the log, which shows its end (as Gradio's): the grid's 16px padding
    is the only room under the last card (no 16px margin more)."""
    page.set_viewport_size({"width": 390, "height": 844})
    icon = write_png(tmp_path / "icon.png", (32, 32), (200, 120, 40))
    page.goto(serve(examples_app(str(icon))))
    cards = page.get_by_test_id("chatbot-example")
    expect(cards).to_have_count(5)
    log = page.get_by_test_id("chatbot-log")
    page.wait_for_function(
        "() => { const l = document.querySelector('[data-testid=chatbot-log]');"
        " return l.scrollHeight > l.clientHeight && l.scrollTop + l.clientHeight >= l.scrollHeight - 0.5; }"
    )
    bottom = log.evaluate("l => l.getBoundingClientRect().bottom")
    last = cards.last.bounding_box()
    assert last is not None
    assert abs(bottom - (last["y"] + last["height"]) - 16) < 1


def test_multimodal_text_sits_at_the_top_of_its_row(page: Page, serve: Serve) -> None:
    """Gradio's text area is at the top of the row (level with the 36px buttons), in a block whose line
    adds room under it: the text is 5px under the box's top, and the box's row is taller than 36px."""
    page.goto(serve(gr.ChatInterface(lambda message, history: message["text"], multimodal=True)))
    area = box(page, "[data-testid=multimodal-box] textarea")
    attach = box(page, "[data-testid=multimodal-attach]")
    frame = box(page, "[data-testid=multimodal-box]")
    assert area["y"] == attach["y"]
    assert abs(area["y"] - frame["y"] - 5) < 0.5
    assert frame["height"] > 36 + 8 + 2 + 1


def test_deep_link_icon_is_a_diagonal_chain(page: Page, serve: Serve) -> None:
    """The default icon's ink runs from the lower left to the upper right (two links on one diagonal),
    not across."""
    with gr.Blocks() as demo:
        gr.DeepLinkButton()
    page.goto(serve(demo))
    icon = page.get_by_role("button", name="Share via Link").locator("img")
    expect(icon).to_be_visible()
    spread = icon.evaluate(
        """async img => { await img.decode(); const n = 48, c = document.createElement('canvas');
        c.width = c.height = n; const g = c.getContext('2d'); g.drawImage(img, 0, 0, n, n);
        const d = g.getImageData(0, 0, n, n).data; let s = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
        for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) { const a = d[(y * n + x) * 4 + 3] / 255;
          if (!a) continue; const u = x + y, v = x - y; s += a; sa += a * u; sb += a * v; saa += a * u * u; sbb += a * v * v; }
        const varU = saa / s - (sa / s) ** 2, varV = sbb / s - (sb / s) ** 2; return varV / varU; }"""
    )
    assert spread > 3, f"ink along the rising diagonal / across it: {spread:.2f}"
