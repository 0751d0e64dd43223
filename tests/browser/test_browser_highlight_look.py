"""gr.HighlightedText and gr.ParamViewer look and behave as Gradio 6.31's.

The expected numbers were measured on Gradio 6.31's page for the same app, in Chromium at a 1280px wide
window (getBoundingClientRect / getComputedStyle), and are hard-coded here. Gradio's Source Sans Pro and IBM
Plex Mono files give an inline span a 2px (mono: 4px) taller content box than the bundled ones do, so the
heights of text boxes are compared to what the fonts allow, not Gradio's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

ENTS = [
    ("The", None),
    ("quick", "adj"),
    (" ", None),
    ("brown", "adj"),
    ("fox", "noun"),
    (" jumps", None),
    ("over", "verb"),
]
SCORES = [("Hello", -0.8), (" ", None), ("world", 0.5), (" again", 0.1), (" !", 1.0)]
PARAMS = {
    "value": {"type": "str | None", "description": "Default value. See [docs](https://gradio.app).", "default": "None"},
    "label": {"type": "str", "description": "The label for this component.", "default": '"hello"'},
    "interactive": {"type": "bool | None", "description": "If True, editable.", "default": None},
}


def box(inner: Locator, outer: Locator | None = None) -> dict[str, float]:
    """``inner``'s box (left, top, width, height), relative to ``outer``'s when given."""
    a = inner.bounding_box()
    assert a is not None
    b = outer.bounding_box() if outer is not None else {"x": 0, "y": 0}
    assert b is not None
    return {"x": a["x"] - b["x"], "y": a["y"] - b["y"], "w": a["width"], "h": a["height"]}


def css(element: Locator, prop: str) -> str:
    return str(element.evaluate("(e, p) => getComputedStyle(e).getPropertyValue(p)", prop))


def near(actual: float, expected: float, tolerance: float = 1.0) -> bool:
    return abs(actual - expected) <= tolerance


def app() -> gr.Blocks:
    with gr.Blocks() as demo:
        with gr.Row():
            h1 = gr.HighlightedText(ENTS, label="Static", elem_id="h1")
            gr.HighlightedText(
                ENTS, label="Legend", show_legend=True, color_map={"adj": "green", "noun": "#ff8800"}, elem_id="h2"
            )
        with gr.Row():
            gr.HighlightedText(SCORES, label="Scores", elem_id="h3")
            h4 = gr.HighlightedText(ENTS, label="Edit", interactive=True, elem_id="h4")
        h5 = gr.HighlightedText(label="Empty", elem_id="h5")
        gr.HighlightedText(SCORES, label="ScoresLegend", show_legend=True, elem_id="h7")
        h8 = gr.HighlightedText(label="EmptyOut", elem_id="h8")
        gr.HighlightedText(
            [("line one\nline two", "A"), (" plain\n", None), ("  x  ", "B")],
            label="Lines",
            show_whitespaces=False,
            color_map={"B": "transparent"},
            elem_id="h9",
        )
        gr.ParamViewer(PARAMS, linkify=["Timer"])
        gr.ParamViewer(PARAMS, header=None, anchor_links="x", max_height=100)
        out = gr.Textbox(elem_id="out")

        def picked(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value} {evt.selected}"

        h1.select(picked, None, out)
        gr.Button("go", elem_id="go").click(lambda x, e: (str(x), None), [h4, h5], [out, h8])
        gr.Examples([[ENTS]], [h4], elem_id="examples")
    return demo


def test_categories_are_light_fills_with_strong_uppercase_badges(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    block = page.locator("#h1")
    expect(block.locator(".token")).to_have_count(7)
    # Gradio: the block is 78.4px high; the badge-label sits above the text field (10px padding under it).
    assert near(box(block)["h"], 78.4)
    assert box(block.locator(".textfield"), block) == pytest.approx({"x": 13, "y": 36.8, "w": 574, "h": 30.6}, abs=1)
    tokens = block.locator(".token")
    # Gradio: "The" at the left edge; "quick" highlighted 4px right of it (margin), 2px/4px padding.
    assert near(box(tokens.nth(0), block)["x"], 13)
    assert near(box(tokens.nth(1), block)["x"], 39.1)
    assert near(box(block.locator(".text").nth(1), block)["x"], 43.1)
    assert css(tokens.nth(1), "background-color") == "rgb(254, 226, 226)"  # red-100: the first category
    assert css(tokens.nth(1), "color") == "rgb(0, 0, 0)"
    assert css(tokens.nth(0), "background-color") == "rgba(0, 0, 0, 0)"
    labels = block.locator(".label")
    expect(labels).to_have_count(4)
    assert box(labels.nth(0), block)["x"] == pytest.approx(82, abs=1)
    assert box(labels.nth(0))["h"] == pytest.approx(15, abs=0.5)
    assert css(labels.nth(0), "background-color") == "rgb(220, 38, 38)"
    assert css(labels.nth(2), "background-color") == "rgb(22, 163, 74)"
    assert css(labels.nth(3), "background-color") == "rgb(37, 99, 235)"
    assert (css(labels.nth(0), "font-size"), css(labels.nth(0), "text-transform")) == ("9.8px", "uppercase")
    assert css(block.locator(".textfield"), "line-height") == "30px"
    assert css(block, "border-top-style") == "solid"


def test_legend_takes_the_color_map_and_hovering_dims_the_rest(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    block = page.locator("#h2")
    items = block.locator(".legend-item")
    expect(items).to_have_text(["adj", "noun", "verb"])
    # Gradio: a palette name takes the palette's pair; another colour is drawn half transparent.
    assert [css(items.nth(i), "background-color") for i in range(3)] == [
        "rgb(220, 252, 231)",
        "rgba(255, 136, 0, 0.5)",
        "rgb(219, 234, 254)",
    ]
    assert box(items.nth(0), block) == pytest.approx(
        {"x": 13, "y": 36.8, "w": box(items.nth(0))["w"], "h": 19.6}, abs=1
    )
    assert near(box(block.locator(".textfield"), block)["y"], 60.4)
    assert near(box(block)["h"], 101.4)
    expect(block.locator(".label")).to_have_count(0)
    items.nth(0).hover()
    # Gradio: the other categories' spans lose their fill (after a 0.15s transition) and take the body colour.
    tokens = block.locator(".token")
    for i, fill in enumerate(["rgba(0, 0, 0, 0)", "rgb(220, 252, 231)", "rgba(0, 0, 0, 0)", "rgb(220, 252, 231)"]):
        expect(tokens.nth(i)).to_have_css("background-color", fill)
    expect(tokens.nth(4)).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    expect(tokens.nth(4)).to_have_class(re.compile(r"\bdimmed\b"))


def test_scores_fill_purple_to_red_under_a_gradient_legend(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    block = page.locator("#h3")
    tokens = block.locator(".token")
    expect(tokens).to_have_count(5)
    assert [css(tokens.nth(i), "background-color") for i in (0, 2, 3, 4)] == [
        "rgba(128, 90, 213, 0.8)",
        "rgba(239, 68, 60, 0.5)",
        "rgba(239, 68, 60, 0.1)",
        "rgb(239, 68, 60)",
    ]
    assert near(box(tokens.nth(0), block)["x"], 17)
    assert near(box(tokens.nth(2), block)["x"], 70.6)
    assert near(box(block)["h"], 77.8)
    legend_block = page.locator("#h7")
    legend = legend_block.locator(".score-legend")
    expect(legend).to_have_text("-1 0 +1")
    assert box(legend, legend_block) == pytest.approx({"x": 13, "y": 36.8, "w": 1190, "h": 27.6}, abs=1)
    assert near(box(legend_block.locator(".textfield"), legend_block)["y"], 68.4)


def test_lines_whitespace_and_transparent_categories(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    block = page.locator("#h9")
    tokens = block.locator(".token")
    expect(tokens).to_have_count(4)
    # Gradio: each line of a span is its own piece, a line break between; blank pieces are left out (and
    # with show_whitespaces=False the server strips " plain\n" to "plain").
    expect(block.locator(".line-break")).to_have_count(1)
    # (A line with badges is 30.6px high on Gradio, 30px here: the badges keep to the line's height.)
    assert near(box(tokens.nth(1), block)["y"], 70.4)
    assert near(box(tokens.nth(3), block)["x"], 131.5)
    assert css(tokens.nth(3), "background-color") == "rgba(0, 0, 0, 0)"
    assert css(block.locator(".label").nth(2), "background-color") == "rgba(0, 0, 0, 0)"
    assert near(box(block)["h"], 109, 2)


def test_empty_placeholders(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    # Gradio: 108px under the label when editable (an input), 236px reaching up beside it when an output.
    editable, output = page.locator("#h5"), page.locator("#h8")
    expect(editable.locator('[data-testid="highlighted-text-empty"]')).to_be_visible()
    assert near(box(editable)["h"], 135.8)
    assert css(editable, "border-top-style") == "dashed"
    assert near(box(output)["h"], 239.8)
    assert css(output, "border-top-style") == "solid"


def test_select_fires_with_the_index_and_the_span(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    tokens = page.locator("#h1 .token")
    # Gradio: with a select listener every span is a button, one tab stop among them.
    roles = tokens.evaluate_all("ts => ts.map(t => t.getAttribute('role') + t.getAttribute('tabindex'))")
    assert roles == ["button0"] + ["button-1"] * 6
    tokens.nth(1).click()
    expect(page.locator("#out textarea")).to_have_value("1 ['quick', 'adj'] True")
    tokens.nth(5).click()
    expect(page.locator("#out textarea")).to_have_value("5 [' jumps', None] True")
    tokens.nth(5).press("ArrowRight")
    expect(tokens.nth(6)).to_be_focused()


def test_editing_labels_removing_them_and_sending_the_spans(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    block = page.locator("#h4")
    assert css(block, "border-top-style") == "dashed"
    roles = block.locator(".token").evaluate_all("ts => ts.map(t => t.getAttribute('role'))")
    assert roles == [None, "button", None, "button", "button", None, "button"]
    block.locator(".token").nth(1).click()
    field = block.locator("input.label-input")
    expect(field).to_have_value("adj")
    # Gradio: the open badge keeps its colour and is (letters + 4)ch wide.
    assert css(field, "background-color") == "rgb(220, 38, 38)"
    field.fill("color")
    field.press("Enter")
    expect(block.locator(".label")).to_have_text(["color", "adj", "noun", "verb"])
    container = block.locator(".token-container").nth(3)
    container.hover()
    remove = container.locator(".remove-btn")
    expect(remove).to_be_visible()
    # Gradio: a 12px round button in the span's top-right corner.
    assert box(remove, container) == pytest.approx({"x": box(container)["w"] - 12, "y": 0, "w": 12, "h": 12}, abs=0.5)
    remove.click()
    expect(block.locator(".token")).to_have_count(6)
    page.locator("#go").click()
    expect(page.locator("#out textarea")).to_have_value(
        "[{'token': 'The', 'class_or_confidence': None}, {'token': 'quick', 'class_or_confidence': 'color'}, "
        "{'token': ' brown', 'class_or_confidence': None}, {'token': 'fox', 'class_or_confidence': 'noun'}, "
        "{'token': ' jumps', 'class_or_confidence': None}, {'token': 'over', 'class_or_confidence': 'verb'}]"
    )


def test_dark_mode_keeps_black_text_on_fills(page: Page, serve: Serve) -> None:
    page.goto(serve(app()) + "?__theme=dark")
    block = page.locator("#h1")
    expect(block.locator(".token")).to_have_count(7)
    # Gradio 6.31 dark: light fills stay, with black text; unlabelled text is the body colour.
    assert css(block.locator(".token").nth(1), "color") == "rgb(0, 0, 0)"
    assert css(block.locator(".text").nth(0), "color") == "rgb(244, 244, 245)"
    assert css(page.locator("#h3 .text").nth(0), "color") == "rgb(244, 244, 245)"
    assert css(page.locator("[data-testid=paramviewer] summary").first, "background-color") == "rgb(24, 24, 27)"


def viewers(page: Page) -> Any:
    return page.locator("[data-testid=paramviewer]")


def test_param_viewer_rows_open_on_default_and_description(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    root = viewers(page).nth(0)
    expect(root.locator("details")).to_have_count(3)
    # Gradio: a 45.8px header (16px semibold title), rows of 43.4px on the table's odd fill.
    assert box(root.locator(".header"), root) == pytest.approx({"x": 1, "y": 1, "w": 1214, "h": 45.8}, abs=1)
    assert css(root.locator(".title"), "font-size") == "16px"
    summaries = root.locator("summary")
    assert [round(box(summaries.nth(i))["h"], 1) for i in range(3)] == pytest.approx([43.4, 43.4, 43.4], abs=1)
    assert css(summaries.nth(0), "background-color") == "rgb(250, 250, 250)"
    assert near(box(root)["h"], 179.9)
    builtin = summaries.nth(0).locator(".token.builtin")
    expect(builtin).to_have_text("str")
    assert css(builtin, "color") == "rgb(102, 153, 0)"
    assert css(summaries.nth(0).locator(".token.boolean"), "color") == "rgb(153, 0, 85)"
    assert near(box(builtin, root)["x"], 91.8)
    summaries.nth(0).click()
    default = root.locator(".default").first
    expect(default).to_be_visible()
    # Gradio: the open row's summary gains a 1px rule; "DEFAULT = None" is 30px high, the description 42px.
    assert near(box(summaries.nth(0))["h"], 44.4)
    assert box(default, root) == pytest.approx({"x": 1, "y": 91.1, "w": 1214, "h": 30}, abs=1)
    description = root.locator(".description").first
    assert box(description, root) == pytest.approx({"x": 1, "y": 121.1, "w": 1214, "h": 42}, abs=1)
    expect(description.locator("a")).to_have_attribute("href", "https://gradio.app")
    assert near(box(root)["h"], 252.8)
    root.locator(".toggle-all").click()
    expect(root.locator("details[open]")).to_have_count(3)
    expect(root.locator(".toggle-all")).to_have_attribute("title", "Close All")
    root.locator(".toggle-all").click()
    expect(root.locator("details[open]")).to_have_count(0)


def test_param_viewer_without_header_with_anchors_and_max_height(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    root = viewers(page).nth(1)
    expect(root.locator("details")).to_have_count(3)
    # Gradio: the header stays (33.2px, the toggle at the right); the whole box is held to max_height.
    assert near(box(root.locator(".header"))["h"], 33.2)
    assert near(box(root.locator(".toggle-all"), root)["x"], 1193.1, 1.5)
    assert near(box(root)["h"], 100)
    expect(root.locator("details").nth(0)).to_have_attribute("id", "param-x-value")
    expect(root.locator(".param-link").nth(0)).to_have_attribute("href", "#param-x-value")
    page.evaluate("() => { window.location.hash = 'param-x-label' }")
    expect(root.locator("details").nth(1)).to_have_attribute("open", "")


def test_an_example_sample_is_an_empty_cell(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    # Gradio 6.31 has no preview for HighlightedText samples: the sample's button holds nothing (2px: its border).
    sample = page.locator("#examples button").first
    expect(sample).to_be_visible()
    assert box(sample)["w"] == pytest.approx(2, abs=0.5)
    assert box(sample)["h"] == pytest.approx(2, abs=0.5)
    expect(sample).to_have_text("")


def test_selecting_text_in_an_editable_span_labels_it(page: Page, serve: Serve) -> None:
    page.goto(serve(app()))
    block = page.locator("#h4")
    text = block.locator(".text").nth(5)  # " jumps"
    expect(text).to_have_text(" jumps")
    area = text.bounding_box()
    assert area is not None
    page.mouse.move(area["x"] + area["width"] * 0.35, area["y"] + area["height"] / 2)
    page.mouse.down()
    page.mouse.move(area["x"] + area["width"] - 1, area["y"] + area["height"] / 2, steps=5)
    page.mouse.up()
    # Gradio 6.31: the selection becomes a span of its own labelled "label", its badge shown (not opened).
    expect(block.locator(".label")).to_have_text(["adj", "adj", "noun", "label", "verb"])
    expect(block.locator("input.label-input")).to_have_count(0)
    expect(block.locator(".text").nth(5)).to_have_text(" ju")
    expect(block.locator(".text").nth(6)).to_have_text("mps")


def test_rtl_puts_the_label_and_text_on_the_right(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.HighlightedText([("مرحبا", "A"), (" بالعالم", None)], label="RTL", rtl=True, elem_id="r1")
    page.goto(serve(demo))
    block = page.locator("#r1")
    expect(block.locator(".token")).to_have_count(2)
    # Gradio 6.31 (1280px window): the badge-label at x=1160.1 of the 1216px block, the first span at 1132.3.
    assert near(box(block.locator("[data-testid=block-label]"), block)["x"], 1160.1)
    assert near(box(block.locator(".token").nth(0), block)["x"], 1132.3)
    assert near(box(block.locator(".token").nth(1), block)["x"], 1088.5)
