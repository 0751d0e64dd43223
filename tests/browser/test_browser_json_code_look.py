"""gr.JSON and gr.Code drawn as Gradio 6.31 draws them.

The numbers asserted here were measured on Gradio 6.31 (Playwright, getBoundingClientRect and
getComputedStyle, 1000px-wide page, default theme) for the same apps; they do not depend on the page
width, being offsets inside the block.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

Serve = Callable[..., str]

pytestmark = pytest.mark.browser


def offset(inner: Locator, outer: Locator) -> dict[str, float]:
    """``inner``'s box relative to ``outer``'s (left, top, width, height), in px."""
    a, b = inner.bounding_box(), outer.bounding_box()
    assert a is not None and b is not None
    return {"x": a["x"] - b["x"], "y": a["y"] - b["y"], "w": a["width"], "h": a["height"]}


def near(value: float, expected: float, tolerance: float = 0.6) -> bool:
    return abs(value - expected) <= tolerance


def test_json_is_a_numbered_tree_with_a_corner_badge_and_copy_button(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.JSON({"a": 1, "b": [1, 2]}, label="Json")
    page.goto(serve(demo))
    block = page.get_by_test_id("json")
    lines = block.locator(".line")
    expect(lines).to_have_count(7)
    # Gradio: block 190.8px high; badge at (1, 1), 25.8px high; copy button 18px at (683, 3) in a 704px block
    box = offset(block.get_by_test_id("block-label"), block)
    assert (box["x"], box["y"]) == (1, 1) and near(box["h"], 25.8)
    assert near(offset(block, block)["h"], 190.8)
    copy = block.get_by_role("button", name="Copy")
    box = offset(copy, block)
    assert (box["w"], box["h"], box["y"]) == (18, 18, 3)
    assert near(block.bounding_box()["width"] - box["x"], 704 - 683)  # type: ignore[index]
    # Gradio: the root's first line at (65, 34.8), members 16px further right, 21px lines of 14px IBM Plex Mono
    first = offset(lines.nth(0), block)
    assert near(first["x"], 65) and near(first["y"], 34.8) and first["h"] == 21
    assert near(offset(lines.nth(1), block)["x"], 81)
    expect(lines.nth(0)).to_have_css("font-size", "14px")
    expect(lines.nth(0)).to_have_css("font-family", '"IBM Plex Mono", ui-monospace, Consolas, monospace')
    numbers = block.locator(".ln")
    assert near(offset(numbers.nth(0), block)["x"], 9) and offset(numbers.nth(0), block)["w"] == 28
    expect(numbers.nth(6)).to_have_attribute("data-n", "7")
    # Gradio's token colours: keys #d18770, numbers #719fad, { #5d8585, [ #be6069, line numbers #6a737d
    expect(block.locator(".key").first).to_have_css("color", "rgb(209, 135, 112)")
    expect(block.locator(".number").first).to_have_css("color", "rgb(113, 159, 173)")
    expect(block.locator(".bracket").first).to_have_css("color", "rgb(93, 133, 133)")
    expect(block.locator(".bracket.square").first).to_have_css("color", "rgb(190, 96, 105)")
    expect(numbers.first).to_have_css("color", "rgb(106, 115, 125)")


def test_json_folds_deep_levels_and_toggles_show_item_counts(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.JSON({"o": {"x": [1, {"y": 2}], "e": {}}}, label="Deep")
        gr.JSON(["a", [2, 3]], label="Open", open=True, show_indices=True)
    page.goto(serve(demo))
    deep, opened = page.get_by_test_id("json").nth(0), page.get_by_test_id("json").nth(1)
    # Gradio: levels from depth 3 start collapsed as "▶ { Object(1) }", their lines still numbered
    preview = deep.get_by_role("button", name="Object(1)")
    expect(preview).to_be_visible()
    numbers = deep.locator(".line:visible .ln")
    expect(numbers).to_have_count(10)
    assert [n.get_attribute("data-n") for n in numbers.all()] == ["1", "2", "3", "4", "5", "8", "9", "10", "11", "12"]
    # collapsing the root leaves its first line with an "Object(1)" summary
    deep.get_by_role("button", name="Collapse").first.click()
    expect(deep.get_by_role("button", name="Object(1)")).to_have_count(1)  # the inner one is hidden
    expect(deep.locator(".line:visible")).to_have_count(1)
    # open=True expands everything; show_indices shows array indices as quoted keys
    expect(opened.get_by_role("button", name="Expand")).to_have_count(0)
    expect(opened.locator(".key")).to_have_text(['"0"', '"1"', '"0"', '"1"'])


def test_empty_json_output_is_a_faint_icon_and_fills_on_update(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        button = gr.Button("Go")
        out = gr.JSON(label="Out")
        button.click(lambda: {"got": [1, 2, 3]}, None, out)
    page.goto(serve(demo))
    block = page.get_by_test_id("json")
    # Gradio: a 111.8px block, no copy button, the 20px icon centred 54px into its 108px box
    expect(block.get_by_test_id("json-empty")).to_be_visible()
    assert near(offset(block, block)["h"], 111.8)
    expect(block.get_by_role("button", name="Copy")).to_have_count(0)
    page.get_by_role("button", name="Go").click()
    expect(block.locator(".line")).to_have_count(7)
    expect(block.get_by_role("button", name="Copy")).to_be_visible()


def test_code_has_gradios_gutter_buttons_and_heights(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Code("print('hi')", language="python", label="Code")
        gr.Code("x = 1\n" * 30, language="python", label="Max", lines=3, max_lines=6, show_line_numbers=False)
    page.goto(serve(demo))
    block, capped = page.get_by_test_id("code").nth(0), page.get_by_test_id("code").nth(1)
    # Gradio: 111.8px block (the editor 6 rows of 14px for lines=5), download then copy icons 18px
    assert near(offset(block, block)["h"], 111.8)
    download, copy = block.get_by_role("button", name="Download"), block.get_by_role("button", name="Copy")
    assert offset(download, block)["w"] == 18 and offset(copy, block)["w"] == 18
    assert offset(download, block)["x"] < offset(copy, block)["x"]
    # Gradio: the gutter is 34.23px with its rule, the first line's text at x=42.23, 12px on 16.8px rows
    gutter = block.locator(".gut").first
    assert near(offset(gutter, block)["w"], 34.23)
    code = block.locator(".lc").first
    assert near(offset(code, block)["x"] + 6, 42.23)
    expect(code).to_have_css("font-size", "12px")
    expect(code).to_have_css("line-height", "16.8px")
    expect(block.locator(".ln").first).to_have_css("color", "rgb(187, 187, 194)")
    expect(block.locator(".scroller")).to_have_css("background-color", "rgba(0, 0, 0, 0)")
    # Gradio's editor colours: print (a call) #5e81ac, the string #d08770
    expect(block.locator(".hljs-built_in")).to_have_css("color", "rgb(94, 129, 172)")
    expect(block.locator(".hljs-string")).to_have_css("color", "rgb(208, 135, 112)")
    # Gradio: lines=3, max_lines=6 → between 56 and 98px; no numbers leaves the 11.23px fold column + rule
    assert near(offset(capped.get_by_test_id("code-scroller"), capped)["h"], 98)
    assert near(offset(capped.locator(".gut").first, capped)["w"], 12.23)


def test_code_download_saves_the_value_as_file_py(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Code("print('hi')", language="python", label="Code")
    page.goto(serve(demo))
    with page.expect_download() as info:
        page.get_by_test_id("code").get_by_role("button", name="Download").click()
    download = info.value
    assert download.suggested_filename == "file.py"
    path = download.path()
    assert path is not None and path.read_text() == "print('hi')"


def test_code_folds_indented_blocks_and_updates_as_an_output(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        button = gr.Button("Go")
        out = gr.Code(label="Out", language="python")
        button.click(lambda: "def f(x):\n    y = x\n    return y\nz = 1", None, out)
    page.goto(serve(demo))
    block = page.get_by_test_id("code")
    expect(block.get_by_test_id("code-empty")).to_be_visible()
    expect(block.get_by_role("button", name="Copy")).to_have_count(0)
    page.get_by_role("button", name="Go").click()
    expect(block.locator(".line")).to_have_count(4)
    fold = block.get_by_title("Fold line")
    expect(fold).to_have_count(1)
    fold.click()
    expect(block.locator(".line")).to_have_count(2)
    expect(block.locator(".ln")).to_have_text(["1", "4"])
    block.get_by_title("Unfold line").click()
    expect(block.locator(".line")).to_have_count(4)


def test_editable_code_and_dark_colours(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        code = gr.Code("x = 1", language="python", label="Edit", interactive=True)
        echo = gr.Textbox(label="Echo")
        code.change(lambda s: s, code, echo)
    page.goto(serve(demo) + "?__theme=dark")
    block = page.get_by_test_id("code")
    editor = block.get_by_role("textbox")
    # Gradio's dark editor: variables #6fb3d2, = #cc99cc, numbers #fda331; the gutter on the block's colour
    expect(block.locator(".tok-var").first).to_have_css("color", "rgb(111, 179, 210)")
    expect(block.locator(".tok-op").first).to_have_css("color", "rgb(204, 153, 204)")
    expect(block.locator(".hljs-number").first).to_have_css("color", "rgb(253, 163, 49)")
    expect(block.locator(".gut").first).to_have_css("background-color", "rgb(39, 39, 42)")
    # the editor's text starts where the highlighted text does
    padding = editor.evaluate("e => parseFloat(getComputedStyle(e).paddingLeft)")
    assert near(padding, offset(block.locator(".lc").first, block)["x"] + 6 - 1, 0.3)
    editor.fill("y = 2")
    expect(page.get_by_label("Echo")).to_have_value("y = 2")
    expect(block.locator(".tok-var").first).to_have_text("y")
