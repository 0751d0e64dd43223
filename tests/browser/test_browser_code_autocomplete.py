"""gr.Code(autocomplete=True) suggests completions as Gradio 6.31's editor does.

The lists, keys and numbers asserted here were measured on Gradio 6.31 in Chromium (Playwright,
getBoundingClientRect and getComputedStyle, default theme) for the same apps and the same keys typed into
an empty editor.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

Serve = Callable[..., str]

pytestmark = pytest.mark.browser


def near(value: float, expected: float, tolerance: float = 0.6) -> bool:
    return abs(value - expected) <= tolerance


def box(locator: Locator) -> dict[str, float]:
    rect = locator.bounding_box()
    assert rect is not None
    return rect


def editors_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        py = gr.Code(language="python", autocomplete=True, interactive=True, label="py", elem_id="py")
        js = gr.Code(language="javascript", autocomplete=True, interactive=True, label="js", elem_id="js")
        md = gr.Code(language="markdown", autocomplete=True, interactive=True, label="md", elem_id="md")
        off = gr.Code(language="python", interactive=True, label="off", elem_id="off")
        out = gr.Textbox(label="Out")
        gr.Button("Go").click(lambda a, b, c, d: repr([a, b, c, d]), [py, js, md, off], out)
    return demo


def rows(page: Page) -> list[str]:
    """The list's rows as "label [detail]"."""
    return (
        page.get_by_test_id("code-completions")
        .get_by_role("option")
        .evaluate_all(
            """els => els.map(li => li.querySelector('.label').textContent
            + (li.querySelector('.detail') ? ' [' + li.querySelector('.detail').textContent + ']' : ''))"""
        )
    )


def expect_rows(page: Page, expected: list[str]) -> None:
    expect(page.get_by_test_id("code-completions").get_by_role("option")).to_have_count(len(expected))
    assert rows(page) == expected


def test_typing_imp_offers_import_and_enter_writes_the_snippet(page: Page, serve: Serve) -> None:
    page.goto(serve(editors_app()))
    editor = page.locator("#py textarea")
    editor.click()
    page.keyboard.type("imp")
    popup = page.get_by_test_id("code-completions")
    options = popup.get_by_role("option")
    # Gradio: "import" (a snippet, "statement"), the builtins containing the letters, the first row selected
    expect(options).to_have_count(6)
    assert rows(page) == [
        "import [statement]",
        "ImportError",
        "ImportWarning",
        "__import__",
        "NotImplemented",
        "NotImplementedError",
    ]
    expect(options.first).to_have_attribute("aria-selected", "true")
    # the typed letters are underlined: "imp" of import, "Imp" of NotImplemented
    expect(options.first.locator(".matched")).to_have_text("imp")
    expect(options.nth(4).locator(".matched")).to_have_text("Imp")
    # Gradio: Enter writes the snippet "import module" with "module" selected
    # Gradio's list takes Enter/Tab only 75ms after it shows (data-ready says so here)
    expect(popup).to_have_attribute("data-ready", "true")
    page.keyboard.press("Enter")
    expect(popup).to_have_count(0)
    expect(editor).to_have_value("import module")
    assert editor.evaluate("e => e.value.slice(e.selectionStart, e.selectionEnd)") == "module"
    page.keyboard.type("os")
    expect(editor).to_have_value("import os")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_label("Out")).to_have_value("['import os', '', '', '']")


def test_list_geometry_and_colours(page: Page, serve: Serve) -> None:
    page.goto(serve(editors_app()))
    page.locator("#py textarea").click()
    page.keyboard.type("x = 1\n    i")
    popup = page.get_by_test_id("code-completions")
    options = popup.get_by_role("option")
    expect(options).to_have_count(16)
    # Where the word starts: the "i" glyph in the highlighted second line
    glyph = (
        page.locator("#py .line")
        .nth(1)
        .locator(".lc")
        .evaluate(
            """cell => { const w = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let n;
            while ((n = w.nextNode())) { const k = n.textContent.indexOf('i');
              if (k >= 0) { const r = document.createRange(); r.setStart(n, k); r.setEnd(n, k + 1);
                const b = r.getBoundingClientRect(); return {x: b.x}; } } }"""
        )
    )
    line = box(page.locator("#py .line").nth(1))
    listbox = box(popup.get_by_role("listbox"))
    # Gradio: the list's left edge at the word's first letter, its top 14px below the 16.8px line's top;
    # 250px wide, 120px (10em) high for 16 rows of 16.95px, which scroll (271px in all)
    assert near(listbox["x"], glyph["x"], 0.1)
    assert near(listbox["y"], line["y"] + 14, 0.1)
    assert (listbox["width"], listbox["height"]) == (250, 120)
    assert near(box(options.first)["height"], 16.953, 0.01)
    assert near(popup.get_by_role("listbox").evaluate("e => e.scrollHeight"), 271, 1)
    # Gradio: each row 1px 3px padding, a 15.09px glyph column (90% size, 0.6 opaque), the label at 18.09px
    first = box(options.first)
    icon = options.first.locator(".glyph")
    assert near(box(icon)["x"] - first["x"], 3, 0.05) and near(box(icon)["width"], 15.09, 0.05)
    assert near(box(options.first.locator(".label"))["x"] - first["x"], 18.09, 0.05)
    expect(icon).to_have_css("opacity", "0.6")
    expect(icon).to_have_css("font-size", "10.8px")
    expect(options.first).to_have_css("font", "12px / 14.4px monospace")
    # Gradio's glyphs: ƒ functions, 🔑︎ keywords, ○ classes, 𝑡 types
    expect(icon).to_have_text("ƒ")
    expect(options.nth(1).locator(".glyph")).to_have_text("🔑\ufe0e")
    expect(options.nth(5).locator(".glyph")).to_have_text("○")
    expect(options.nth(9).locator(".glyph")).to_have_text("𝑡")
    # the snippet's detail: italic, 6px after the label
    detail = options.nth(1).locator(".detail")
    expect(detail).to_have_css("font-style", "italic")
    expect(detail).to_have_css("margin-left", "6px")
    # Gradio light: white list, body text rgb(39, 39, 42), the selected row on rgb(255, 247, 237)
    expect(popup.get_by_role("listbox")).to_have_css("background-color", "rgb(255, 255, 255)")
    expect(options.first).to_have_css("color", "rgb(39, 39, 42)")
    expect(options.first).to_have_css("background-color", "rgb(255, 247, 237)")
    expect(options.nth(1)).to_have_css("background-color", "rgba(0, 0, 0, 0)")


def test_dark_colours(page: Page, serve: Serve) -> None:
    page.goto(serve(editors_app()) + "?__theme=dark")
    page.locator("#py textarea").click()
    page.keyboard.type("i")
    options = page.get_by_test_id("code-completions").get_by_role("option")
    # Gradio dark: list rgb(15, 15, 17), text rgb(244, 244, 245), the selected row on rgb(63, 63, 70)
    expect(page.get_by_test_id("code-completions").get_by_role("listbox")).to_have_css(
        "background-color", "rgb(15, 15, 17)"
    )
    expect(options.first).to_have_css("color", "rgb(244, 244, 245)")
    expect(options.first).to_have_css("background-color", "rgb(63, 63, 70)")


def test_keys_pick_close_and_filter(page: Page, serve: Serve) -> None:
    page.goto(serve(editors_app()))
    editor = page.locator("#py textarea")
    editor.click()
    popup = page.get_by_test_id("code-completions")
    options = popup.get_by_role("option")
    selected = popup.locator('[aria-selected="true"] .label')
    page.keyboard.type("i")
    expect(options).to_have_count(16)
    # Gradio: arrows move the selection and wrap round; PageDown moves 6 rows (rows in view less one)
    page.keyboard.press("ArrowDown")
    expect(selected).to_have_text("if")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(selected).to_have_text("IsADirectoryError")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("PageDown")
    expect(selected).to_have_text("isinstance")
    # Escape closes, typing opens it again, filtered
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    expect(editor).to_have_value("i")
    page.keyboard.type("mp")
    expect(options).to_have_count(6)
    # Backspace keeps it open, refiltered; emptying the word closes it
    page.keyboard.press("Backspace")
    expect(options).to_have_count(9)
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    expect(popup).to_have_count(0)
    # a word the code defines; Tab accepts
    page.keyboard.type("foobar = 1\nfoo")
    expect(options).to_have_count(5)
    assert rows(page)[0] == "foobar"
    expect(popup).to_have_attribute("data-ready", "true")
    page.keyboard.press("Tab")
    expect(editor).to_have_value("foobar = 1\nfoobar")
    # a click on a row accepts it; moving the cursor closes the list
    page.keyboard.type("\npri")
    options.first.click()
    expect(editor).to_have_value("foobar = 1\nfoobar\nprint")
    page.keyboard.type("\npr")
    expect(options).to_have_count(7)
    page.keyboard.press("End")
    expect(popup).to_have_count(0)


def test_snippet_fields_and_javascript(page: Page, serve: Serve) -> None:
    page.goto(serve(editors_app()))
    editor = page.locator("#py textarea")
    editor.click()
    page.keyboard.type("de")
    expect(page.get_by_test_id("code-completions")).to_have_attribute("data-ready", "true")
    page.keyboard.press("Enter")
    # Gradio: "def name(params):" and an indented body line, "name" selected; Tab goes to params, then the body
    expect(editor).to_have_value("def name(params):\n  ")
    page.keyboard.type("fn")
    expect_rows(page, ["fn", "FileNotFoundError"])
    page.keyboard.press("Tab")
    page.keyboard.type("a")
    page.keyboard.press("Tab")
    page.keyboard.type("pass")
    expect(editor).to_have_value("def fn(a):\n  pass")
    js = page.locator("#js textarea")
    js.click()
    page.keyboard.type("f")
    expect_rows(page, ["false", "finally", "for [loop]", "for [of loop]", "function [definition]"])
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_test_id("code-completions")).to_have_attribute("data-ready", "true")
    page.keyboard.press("Enter")
    expect(js).to_have_value("for (let index = 0; index < bound; index++) {\n  \n}")
    # nothing in strings or after "."
    js.fill("")
    page.keyboard.type('"st')
    page.keyboard.type("\nx.le")
    expect(page.get_by_test_id("code-completions")).to_have_count(0)


def test_nothing_without_autocomplete_or_for_other_languages(page: Page, serve: Serve) -> None:
    page.goto(serve(editors_app()))
    page.locator("#off textarea").click()
    page.keyboard.type("imp")
    page.locator("#md textarea").click()
    page.keyboard.type("hello\nhe")
    expect(page.get_by_test_id("code-completions")).to_have_count(0)
    # the Python editor with autocomplete, by contrast, opens the list on its first letter
    page.locator("#py textarea").click()
    page.keyboard.type("wh")
    expect(page.get_by_test_id("code-completions").get_by_role("option")).to_have_count(1)
    page.keyboard.press("Escape")
    page.locator("#off textarea").click()
    page.keyboard.type("p")
    expect(page.get_by_test_id("code-completions")).to_have_count(0)
    expect(page.locator("#off textarea")).to_have_value("impp")
    expect(page.locator("#md textarea")).to_have_value("hello\nhe")


def test_list_opens_above_when_it_does_not_fit_below(page: Page, serve: Serve) -> None:
    page.set_viewport_size({"width": 1000, "height": 200})
    page.goto(serve(editors_app()))
    page.locator("#py textarea").click()
    page.keyboard.type("a1\nb1\nc1\nd1\ne1\ni")
    listbox = page.get_by_test_id("code-completions").get_by_role("listbox")
    expect(listbox).to_have_attribute("aria-label", "Completions")
    line = box(page.locator("#py .line").nth(5))
    # Gradio in a 200px-high page: the 120px list ends 2px below the line's top (the glyph's top), at 133.78
    expect(page.get_by_test_id("code-completions")).to_have_attribute("data-ready", "true")
    rect = box(listbox)
    assert near(rect["y"] + rect["height"], line["y"] + 2, 0.1) and rect["height"] == 120
