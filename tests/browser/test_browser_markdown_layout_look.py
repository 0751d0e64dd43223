"""Markdown prose, Tabs and Accordion look as on Gradio 6.31's page.

The expected numbers were measured on Gradio 6.31's page for the same apps (Chromium, computed
styles and bounding boxes relative to the component); they are hard-coded here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

PROSE = """# Title
Some *markdown* text with `code` and a [link](https://example.com).

- one
- two
  - nested a
  - nested b

1. first
2. second

#### Heading 4
##### Heading 5
###### Heading 6

> a blockquote line

```python
def f(x):
    return x + 1
```

```
plain block
```

| a | b |
|---|---|
| 1 | 2 |

---

Last paragraph.
"""


def box(target: Locator, ref: Locator) -> dict[str, float]:
    """``target``'s bounding box relative to ``ref``'s top-left corner, rounded to 0.1px."""
    a = target.bounding_box()
    b = ref.bounding_box()
    assert a is not None and b is not None
    return {
        "x": round(a["x"] - b["x"], 1),
        "y": round(a["y"] - b["y"], 1),
        "w": round(a["width"], 1),
        "h": round(a["height"], 1),
    }


def css(target: Locator, *props: str) -> dict[str, str]:
    styles: dict[str, str] = target.evaluate(
        "(e, props) => Object.fromEntries(props.map((p) => [p, getComputedStyle(e).getPropertyValue(p)]))",
        list(props),
    )
    return styles


def test_markdown_prose_spacing_lists_and_headings_as_gradio(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Markdown(PROSE, elem_id="md")
    page.goto(serve(demo))
    md = page.locator("#md .prose")
    expect(md.locator("h1")).to_have_text("Title")
    # The text is drawn again once the highlighter has loaded: measure after that.
    expect(md.locator("pre code .hljs-keyword").first).to_have_text("def")

    # Hollow bullets at every level; nested lists 90% the size, indented 2em, half an em above.
    top_ul, nested_ul = md.locator("ul").nth(0), md.locator("ul ul")
    assert css(top_ul, "list-style-type", "padding-left", "margin-bottom") == {
        "list-style-type": "circle",
        "padding-left": "21px",
        "margin-bottom": "6px",
    }
    assert css(nested_ul, "list-style-type", "font-size", "padding-left", "margin-top") == {
        "list-style-type": "circle",
        "font-size": "12.6px",
        "padding-left": "25.2px",
        "margin-top": "6.3px",
    }
    assert css(md.locator("ol"), "list-style-type", "padding-left") == {
        "list-style-type": "decimal",
        "padding-left": "21px",
    }
    assert css(md.locator("li").first, "margin-bottom")["margin-bottom"] == "7px"
    # Gradio: the first bullet 28.8px under the paragraph's top, 'two' 26.6px under 'one'.
    paragraph = md.locator("p").first
    assert box(md.locator("li").first, paragraph)["y"] == 28.8
    assert box(md.locator("li").nth(1), md.locator("li").first)["y"] == 26.6

    # h4/h5 at 1.1/1.05em; h6 plain body text with no margins.
    assert css(md.locator("h4"), "font-size", "font-weight", "margin-top", "margin-bottom") == {
        "font-size": "15.4px",
        "font-weight": "600",
        "margin-top": "16px",
        "margin-bottom": "8px",
    }
    assert css(md.locator("h5"), "font-size")["font-size"] == "14.7px"
    assert css(md.locator("h6"), "font-size", "font-weight", "margin-top", "margin-bottom") == {
        "font-size": "14px",
        "font-weight": "400",
        "margin-top": "0px",
        "margin-bottom": "0px",
    }

    # Inline code: 12px mono in a 1px bordered chip, 1px/2px padding, 2px corners.
    code = paragraph.locator("code")
    assert css(code, "font-size", "padding", "border-top-width", "border-radius", "display") == {
        "font-size": "12px",
        "padding": "1px 2px",
        "border-top-width": "1px",
        "border-radius": "2px",
        "display": "inline-flex",
    }

    # Blockquote: a 5px rule, 8px in, 24px above and below, in the body text colour.
    quote = md.locator("blockquote")
    quote_css = css(quote, "border-left-width", "padding-left", "margin-top", "margin-bottom", "color")
    body_color = css(paragraph, "color")["color"]
    assert quote_css == {
        "border-left-width": "5px",
        "padding-left": "8px",
        "margin-top": "24px",
        "margin-bottom": "24px",
        "color": body_color,
    }

    # Code blocks: 16px padding, 12px text on 18px lines, 4px corners, 4px apart.
    pres = md.locator("pre")
    assert css(pres.first, "padding", "font-size", "line-height", "border-radius") == {
        "padding": "16px",
        "font-size": "12px",
        "line-height": "18px",
        "border-radius": "4px",
    }
    assert box(pres.first, md)["h"] == 68
    assert box(pres.nth(1), pres.first)["y"] == 72

    # Table: rules in the text colour around every cell, cells padded 10px 14px; 4px above, 16px below.
    assert css(md.locator("table"), "border-collapse", "margin-top", "margin-bottom", "border-top-color") == {
        "border-collapse": "collapse",
        "margin-top": "4px",
        "margin-bottom": "16px",
        "border-top-color": body_color,
    }
    assert css(md.locator("th").first, "padding", "font-weight", "border-top-width") == {
        "padding": "10px 14px",
        "font-weight": "700",
        "border-top-width": "1px",
    }

    # The rule: a light grey line 3em under the table and 3.5em over the next paragraph.
    assert css(md.locator("hr"), "margin-top", "margin-bottom", "border-top-color", "border-top-width") == {
        "margin-top": "42px",
        "margin-bottom": "49px",
        "border-top-color": "rgb(225, 225, 225)",
        "border-top-width": "1px",
    }


def test_markdown_code_copy_button_as_gradio(page: Page, serve: Serve) -> None:
    """Gradio's copy button is always shown: a 25px square in the code block's top-right corner with a
    15px icon 6px in; a click copies the code and shows a tick for a moment."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    with gr.Blocks() as demo:
        gr.Markdown("```python\nprint('hi')\n```", elem_id="md")
    page.goto(serve(demo))
    expect(page.locator("#md pre code .hljs-built_in")).to_have_text("print")
    pre = page.locator("#md pre")
    button = page.locator("#md").get_by_role("button", name="Copy code")
    expect(button).to_be_visible()
    assert css(button, "opacity")["opacity"] == "1"
    assert box(button, pre) == {"x": pre.bounding_box()["width"] - 25, "y": 0, "w": 25, "h": 25}  # type: ignore[index]
    assert box(button.locator("svg").first, button) == {"x": 6, "y": 6, "w": 15, "h": 15}
    button.click()
    expect(page.locator("#md").get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "print('hi')\n"
    expect(page.locator("#md").get_by_role("button", name="Copy code")).to_be_visible()


def test_tabs_bar_and_panel_offset_as_gradio(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("First"):
                gr.Textbox(label="In tab", elem_id="intab")
            with gr.Tab("Second"):
                gr.Markdown("second")
    page.goto(serve(demo))
    tabs = page.locator("#tabs")
    first = tabs.get_by_role("tab", name="First")
    expect(first).to_have_attribute("aria-selected", "true")
    # Gradio: a 32px bar starting 4px above the Tabs' box, 16px padding a side; the panel 48px down.
    assert box(tabs.get_by_role("tablist"), tabs) == {"x": 0, "y": -4, "w": tabs.bounding_box()["width"], "h": 32}  # type: ignore[index]
    assert box(first, tabs) == {"x": 0, "y": -4, "w": 57.5, "h": 32}
    assert css(first, "padding-left", "padding-right", "font-size", "font-weight") == {
        "padding-left": "16px",
        "padding-right": "16px",
        "font-size": "14px",
        "font-weight": "400",
    }
    assert box(page.locator("#intab"), tabs)["y"] == 49  # the Textbox block's border box
    accent = css(first, "color")["color"]
    assert accent == "rgb(249, 115, 22)"
    underline = first.evaluate(
        "(e) => { const s = getComputedStyle(e, '::after'); return [s.height, s.backgroundColor, s.bottom]; }"
    )
    assert underline == ["2px", accent, "0px"]
    second = tabs.get_by_role("tab", name="Second")
    assert css(second, "color")["color"] == "rgb(39, 39, 42)"
    second.click()
    expect(page.get_by_text("second", exact=True)).to_be_visible()
    expect(page.locator("#intab")).to_be_hidden()


def test_tabs_selected_hidden_and_disabled_as_gradio(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.Tabs(elem_id="tabs", selected="b"):
            with gr.Tab("A", id="a"):
                gr.Markdown("a content")
            with gr.Tab("B", id="b"):
                gr.Markdown("b content")
            with gr.Tab("Hidden", id="h", visible=False):
                gr.Markdown("h content")
            with gr.Tab("Disabled", id="d", interactive=False):
                gr.Markdown("d content")
    page.goto(serve(demo))
    tabs = page.locator("#tabs")
    expect(tabs.get_by_role("tab")).to_have_text(["A", "B", "Disabled"])
    expect(tabs.get_by_role("tab", name="B", exact=True)).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("b content")).to_be_visible()
    disabled = tabs.get_by_role("tab", name="Disabled")
    expect(disabled).to_be_disabled()
    assert css(disabled, "opacity")["opacity"] == "0.5"


def test_tabs_overflow_menu_at_390px_as_gradio(page: Page, serve: Serve) -> None:
    """At 390px Gradio keeps two of eight tabs in the bar and puts the rest in a 'More tabs' menu; a tab
    opened from the menu takes the place of the last tab in the bar."""
    page.set_viewport_size({"width": 390, "height": 800})
    with gr.Blocks() as demo:
        with gr.Tabs(elem_id="tabs"):
            for i in range(8):
                with gr.Tab(f"Tab number {i}"):
                    gr.Markdown(f"content {i}")
    page.goto(serve(demo))
    tabs = page.locator("#tabs")
    expect(tabs.get_by_role("tab")).to_have_text(["Tab number 0", "Tab number 1"])
    more = tabs.get_by_role("button", name="More tabs")
    assert box(more, tabs)["w"] == 34 and box(more, tabs)["h"] == 26
    assert box(more, tabs)["x"] + 34 == round(tabs.bounding_box()["width"], 1)  # type: ignore[index]
    more.click()
    items = tabs.get_by_role("menuitem")
    expect(items).to_have_text([f"Tab number {i}" for i in range(2, 8)])
    menu = tabs.get_by_role("menu")
    assert box(menu, tabs)["w"] == 150 and box(menu, tabs)["y"] == 40
    assert box(items.first, menu) == {"x": 9, "y": 9, "w": 132, "h": 37}
    items.nth(1).click()
    expect(menu).to_be_hidden()
    expect(tabs.get_by_role("tab")).to_have_text(["Tab number 0", "Tab number 3"])
    expect(tabs.get_by_role("tab", name="Tab number 3")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("content 3")).to_be_visible()


SAX = ["Saxophone", "Flute", "Trombone", "Another Saxophone"]
HIDDEN_CHANGE = ["hidden component", "same data", "hidden parent"]


@pytest.mark.parametrize(
    ("names", "window", "in_bar"),
    [(SAX, 404, 2), (SAX, 408, 3), (SAX, 480, 4), (HIDDEN_CHANGE, 390, 1), (HIDDEN_CHANGE, 392, 2)],
)
def test_tabs_keep_gradios_room_for_the_overflow_menu(
    page: Page, serve: Serve, names: list[str], window: int, in_bar: int
) -> None:
    """Measured on Gradio 6.31 with these four tabs (98, 62, 93 and 147px wide): at a 404px window the
    bar holds two tabs and the menu, at 408px three, and at 480px all four with no menu; with the
    hidden_change demo's tabs (144, 92 and 115px wide) a 390px window keeps only the first tab in the
    bar, a 392px one the first two."""
    page.set_viewport_size({"width": window, "height": 800})
    with gr.Blocks() as demo:
        with gr.Tabs(elem_id="tabs"):
            for name in names:
                with gr.Tab(name):
                    gr.Markdown(name)
    page.goto(serve(demo))
    tabs = page.locator("#tabs")
    expect(tabs.get_by_role("tab")).to_have_text(names[:in_bar])
    expect(tabs.get_by_role("button", name="More tabs")).to_have_count(0 if in_bar == len(names) else 1)


def test_accordion_label_row_arrow_and_events_as_gradio(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.Accordion("Open me", open=True, elem_id="open"):
            gr.Markdown("inside accordion", elem_id="inside")
        with gr.Accordion("Closed", open=False, elem_id="closed") as closed:
            gr.Markdown("hidden")
        events = gr.Textbox(label="events")
        closed.expand(lambda: "expanded", None, events)
        closed.collapse(lambda: "collapsed", None, events)
    page.goto(serve(demo))
    opened = page.locator("#open")
    header = opened.get_by_role("button", name="Open me")
    # Gradio: the block padded 10px 12px, a 19.6px label row, the children 8px under it.
    assert box(header, opened) == {"x": 13, "y": 11, "w": opened.bounding_box()["width"] - 26, "h": 19.6}  # type: ignore[index]
    assert box(page.locator("#inside"), opened)["y"] == 38.6
    assert box(opened, opened)["h"] == 72.3
    arrow_open = header.locator(".arrow")
    assert box(arrow_open, header)["w"] == 8.4
    assert css(arrow_open, "transform", "color") == {
        "transform": "matrix(1, 0, 0, 1, 0, 0)",
        "color": "rgb(39, 39, 42)",
    }

    shut = page.locator("#closed")
    assert box(shut, shut)["h"] == 41.6
    arrow_closed = shut.locator(".arrow")
    # Turned a quarter clockwise: the ▼ points left.
    expect(arrow_closed).to_have_css("transform", "matrix(0, 1, -1, 0, 0, 0)")
    shut.get_by_role("button", name="Closed").click()
    expect(page.get_by_label("events")).to_have_value("expanded")
    expect(arrow_closed).to_have_css("transform", "matrix(1, 0, 0, 1, 0, 0)")
    expect(page.get_by_text("hidden", exact=True)).to_be_visible()
    shut.get_by_role("button", name="Closed").click()
    expect(page.get_by_label("events")).to_have_value("collapsed")
    expect(page.get_by_text("hidden", exact=True)).to_be_hidden()
