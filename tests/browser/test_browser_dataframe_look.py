"""gr.Dataframe looks and behaves as Gradio 6.31's.

The expected numbers were measured on Gradio 6.31's page for the same apps, in Chromium at a 1280px
wide window (getBoundingClientRect / getComputedStyle), and the payloads captured from the POSTs its
page sends to /gradio_api/queue/join; both are hard-coded here.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

ROWS = {
    "name": ["Alice", "Bob", "Carol", "Dave"],
    "age": [30, 25, 41, 19],
    "score": [1.5, 22.25, 3.0, 4.75],
    "ok": [True, False, True, False],
}


def frame() -> object:
    import pandas as pd

    return pd.DataFrame(ROWS)


def box(inner: Locator, outer: Locator | None = None) -> dict[str, float]:
    """``inner``'s box (left, top, width, height), relative to ``outer``'s when given."""
    a = inner.bounding_box()
    assert a is not None
    b = outer.bounding_box() if outer is not None else {"x": 0, "y": 0}
    assert b is not None
    return {"x": a["x"] - b["x"], "y": a["y"] - b["y"], "w": a["width"], "h": a["height"]}


def css(element: Locator, prop: str) -> str:
    return str(element.evaluate("(e, p) => getComputedStyle(e).getPropertyValue(p)", prop))


def test_static_table_geometry_and_colours(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        gr.Dataframe(frame(), label="Static", datatype=["str", "number", "number", "bool"], elem_id="static")
    page.goto(serve(demo))
    block = page.locator("#static")
    first = block.get_by_test_id("cell-0-0")
    expect(first).to_have_text("Alice")
    # Gradio (1280px window): the block 1216 x 227; a 24px label row, then 8px, then the bordered table;
    # the header row 37px high 4px under the table's top border, rows 37px from 4px under it.
    b = box(block)
    assert b["w"] == pytest.approx(1216, abs=1)
    assert b["h"] == pytest.approx(227, abs=1)
    label = block.locator(".label p")
    expect(label).to_have_text("Static")
    expect(label).to_have_css("font-size", "12px")
    expect(label).to_have_css("color", "rgb(113, 113, 122)")
    header = block.get_by_test_id("header-0")
    assert box(header, block)["y"] == pytest.approx(37, abs=0.5)
    assert box(header)["h"] == pytest.approx(37, abs=0.5)
    expect(header).to_have_css("font-weight", "700")
    # Columns share the width by their widest cell (Gradio: 331.8, 218.6, 331.8, 331.8).
    widths = [box(block.get_by_test_id(f"header-{c}"))["w"] for c in range(4)]
    assert widths == pytest.approx([331.8, 218.6, 331.8, 331.8], abs=1)
    assert box(block.get_by_test_id("cell-0-1"))["w"] == pytest.approx(218.6, abs=1)
    assert box(first, block)["y"] == pytest.approx(78, abs=0.5)
    assert box(first)["h"] == pytest.approx(37, abs=0.5)
    second = block.get_by_test_id("cell-1-0")
    assert box(second, first)["y"] == pytest.approx(37, abs=0.5)
    # Striped rows: the first (and every other) on --table-odd-background-fill, the next white.
    expect(first.locator("xpath=..")).to_have_css("background-color", "rgb(250, 250, 250)")
    expect(second.locator("xpath=..")).to_have_css("background-color", "rgb(255, 255, 255)")
    expect(first).to_have_css("font-size", "14px")
    expect(first).to_have_css("line-height", "21px")
    assert "IBM Plex Mono" in css(first, "font-family")
    # Column rules: an inset 1px line on the left of every cell but the first.
    assert css(block.get_by_test_id("cell-0-1"), "box-shadow").startswith("rgb(228, 228, 231) 1px 0px 0px 0px inset")
    # "number" cells are left-aligned as Gradio's; "bool" cells are disabled checkboxes.
    expect(block.get_by_test_id("cell-0-1")).to_have_css("text-align", "left")
    box_ = block.get_by_test_id("cell-0-3").locator("input[type=checkbox]")
    expect(box_).to_be_checked()
    expect(box_).to_be_disabled()
    # The copy and fullscreen buttons: 24px squares at the right of the label row.
    copy = block.get_by_role("button", name="Copy table data")
    assert box(copy)["w"] == pytest.approx(24, abs=0.5)
    assert box(copy, block)["x"] == pytest.approx(1164, abs=1)
    expect(block.get_by_role("button", name="Fullscreen")).to_be_visible()
    # Gradio copies the rows as CSV, without the header row.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy.click()
    expect(block.get_by_role("button", name="Copied table data")).to_be_visible()
    assert (
        page.evaluate("navigator.clipboard.readText()")
        == "Alice,30,1.5,true\nBob,25,22.25,false\nCarol,41,3,true\nDave,19,4.75,false"
    )


def test_styler_display_and_cell_styles(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    styler = frame().style.highlight_max(color="yellow", subset=["age"]).format({"score": "{:.1f}"})
    with gr.Blocks() as demo:
        gr.Dataframe(styler, elem_id="styled")
    page.goto(serve(demo))
    block = page.locator("#styled")
    # Gradio shows the Styler's formats ("22.2") and paints the highlighted cell yellow.
    expect(block.get_by_test_id("cell-1-2")).to_have_text("22.2")
    expect(block.get_by_test_id("cell-2-1").locator(".cell-wrap")).to_have_css("background-color", "rgb(255, 255, 0)")


def test_max_chars_row_numbers_and_markdown_html(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Dataframe(
            {"headers": ["name", "n"], "data": [["Alice", 1], ["Bob", 2]]},
            max_chars=3,
            show_row_numbers=True,
            elem_id="cut",
        )
        gr.Dataframe(
            {"headers": ["md", "html"], "data": [["**bold**", "<b>hi</b><script>alert(1)</script>"]]},
            datatype=["markdown", "html"],
            elem_id="types",
        )
    page.goto(serve(demo))
    cut = page.locator("#cut")
    # Gradio cuts to max_chars and adds "..."; row numbers (from 1) in a first column.
    expect(cut.get_by_test_id("cell-0-0")).to_have_text("Ali...")
    expect(cut.get_by_test_id("cell-1-0")).to_have_text("Bob")
    expect(cut.locator("div.row-number").first).to_have_text("1")
    types = page.locator("#types")
    expect(types.get_by_test_id("cell-0-0").locator("strong")).to_have_text("bold")
    expect(types.get_by_test_id("cell-0-1").locator("b")).to_have_text("hi")
    expect(types.get_by_test_id("cell-0-1").locator("script")).to_have_count(0)


def test_100k_rows_are_virtualised(page: Page, serve: Serve) -> None:
    data = {"headers": [f"c{i}" for i in range(10)], "data": [[r * 10 + c for c in range(10)] for r in range(100_000)]}
    with gr.Blocks() as demo:
        gr.Dataframe(data, label="Big", elem_id="big", max_height=300)
    # The page's config holds all 100,000 rows (7 MB): wait for it longer than for a small app.
    page.goto(serve(demo), wait_until="commit", timeout=60_000)
    block = page.locator("#big")
    expect(block.get_by_test_id("cell-0-0")).to_have_text("0", timeout=60_000)
    rows = block.locator("[role=row]")
    assert rows.count() < 200
    viewport = block.locator(".viewport")
    # max_height 300: the table scrolls inside.
    assert box(viewport)["h"] == pytest.approx(300, abs=1)
    viewport.evaluate("v => { v.scrollTop = v.scrollHeight }")
    expect(block.get_by_test_id("cell-99999-9")).to_have_text("999999")
    assert rows.count() < 200
    # The last row sits fully inside the scrolled viewport.
    last = box(block.get_by_test_id("cell-99999-9"))
    vp = box(viewport)
    assert last["y"] + last["h"] <= vp["y"] + vp["h"] + 1
    # Gradio: once scrolled, a 32px accent "↑" button 16px inside the table's bottom-right corner.
    up = block.get_by_role("button", name="Scroll to top")
    expect(up).to_be_visible()
    b = box(up)
    assert (b["w"], b["h"]) == (32, 32)
    assert b["x"] + b["w"] == pytest.approx(vp["x"] + vp["w"] + 1 - 16, abs=1.5)
    up.click()
    expect(block.get_by_test_id("cell-0-0")).to_have_text("0")
    expect(up).to_have_count(0)


def edit_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        table = gr.Dataframe(
            frame(), label="Edit", interactive=True, elem_id="edit", datatype=["str", "number", "number", "bool"]
        )
        out = gr.Textbox(elem_id="out")
        go = gr.Button("Go", elem_id="go")
        go.click(lambda df: df.to_json(orient="split"), table, out)

        def picked(evt: gr.SelectData) -> str:
            return json.dumps(
                {"index": list(evt.index), "value": evt.value, "row_value": evt.row_value, "col_value": evt.col_value}
            )

        table.select(picked, None, out)
    return demo


def test_select_sends_gradios_payload(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    page.goto(serve(edit_app()))
    block = page.locator("#edit")
    cell = block.get_by_test_id("cell-1-1")
    with page.expect_request(lambda r: "queue/join" in r.url) as request:
        cell.click()
    # Gradio's page sends exactly this event_data for a click on row 1, column 1.
    sent = json.loads(request.value.post_data or "{}")
    assert sent["event_data"] == {
        "index": [1, 1],
        "value": 25,
        "row_value": ["Bob", 25, 22.25, False],
        "col_value": [30, 25, 41, 19],
    }
    expect(page.locator("#out textarea")).to_have_value(
        json.dumps(
            {"index": [1, 1], "value": 25, "row_value": ["Bob", 25, 22.25, False], "col_value": [30, 25, 41, 19]}
        )
    )
    # The selected cell gets Gradio's 2px accent outline, and its tabs: "Select column" 20x12 centred
    # 11px above the cell (Gradio: at x 464.1, y 363 for a cell at 364.8, 374, 218.6 wide).
    assert css(cell, "box-shadow").startswith("rgb(249, 115, 22) 0px 0px 0px 2px inset")
    tab = cell.get_by_role("button", name="Select column")
    t = box(tab, cell)
    assert (t["w"], t["h"]) == (20, 12)
    assert t["y"] == pytest.approx(-11, abs=0.5)
    assert t["x"] + 10 == pytest.approx(box(cell)["w"] / 2, abs=0.5)
    # Picking the column outlines all its cells, and sends no event.
    tab.click()
    for r in range(4):
        expect(block.get_by_test_id(f"cell-{r}-1")).to_have_attribute("aria-selected", "true")
    expect(block.get_by_test_id("cell-1-0")).to_have_attribute("aria-selected", "false")
    # Ctrl+C copies the picked cells.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.keyboard.press("Control+c")
    expect(block.get_by_role("button", name="Copied table data")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "30\n25\n41\n19"


def test_editing_a_cell_reaches_python(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    page.goto(serve(edit_app()))
    block = page.locator("#edit")
    block.get_by_test_id("cell-1-0").dblclick()
    editor = block.locator("textarea.cell-input")
    expect(editor).to_be_focused()
    editor.fill("Robert")
    editor.press("Enter")
    expect(block.get_by_test_id("cell-1-0").locator(".text")).to_have_text("Robert")
    # Escape leaves a cell as it was.
    block.get_by_test_id("cell-2-0").dblclick()
    block.locator("textarea.cell-input").fill("nobody")
    block.locator("textarea.cell-input").press("Escape")
    expect(block.get_by_test_id("cell-2-0").locator(".text")).to_have_text("Carol")
    # Typing on a selected "number" cell replaces it; the number reaches Python as a number.
    block.get_by_test_id("cell-0-1").click()
    page.keyboard.type("77")
    page.keyboard.press("Enter")
    expect(block.get_by_test_id("cell-0-1").locator(".text")).to_have_text("77")
    page.locator("#go").click()
    out = page.locator("#out textarea")
    expect(out).to_have_value(
        json.dumps(
            {
                "columns": ["name", "age", "score", "ok"],
                "index": [0, 1, 2, 3],
                "data": [
                    ["Alice", 77, 1.5, True],
                    ["Robert", 25, 22.25, False],
                    ["Carol", 41, 3.0, True],
                    ["Dave", 19, 4.75, False],
                ],
            },
            separators=(",", ":"),
        )
    )


def test_edit_event_payload_and_arrow_navigation(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        table = gr.Dataframe(frame(), interactive=True, elem_id="edit")
        out = gr.Textbox(elem_id="out")

        def edited(evt: gr.EditData) -> str:
            return json.dumps({"index": list(evt.index), "value": evt.value, "previous_value": evt.previous_value})

        table.edit(edited, None, out)
    page.goto(serve(demo))
    block = page.locator("#edit")
    block.get_by_test_id("cell-0-0").click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    expect(block.get_by_test_id("cell-1-1")).to_have_attribute("aria-selected", "true")
    with page.expect_request(lambda r: "queue/join" in r.url) as request:
        page.keyboard.type("257")
        page.keyboard.press("Enter")
    # Gradio's page sends the typed text and the previous value as strings.
    assert json.loads(request.value.post_data or "{}")["event_data"] == {
        "index": [1, 1],
        "value": "257",
        "previous_value": "25",
    }
    expect(page.locator("#out textarea")).to_have_value(
        json.dumps({"index": [1, 1], "value": "257", "previous_value": "25"})
    )


def test_sort_from_the_header_menu(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        gr.Dataframe(frame(), elem_id="sorted")
    page.goto(serve(demo))
    block = page.locator("#sorted")
    header = block.get_by_test_id("header-1")
    expect(header).to_be_visible()
    width = box(header)["w"]
    # Gradio sorts from the ⋮ menu only: a click on the header leaves the order.
    header.click()
    rows = block.locator("[role=row]")
    expect(rows.first.locator("[role=gridcell]").first).to_have_text("Alice")
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="Sort descending").click()
    expect(rows.first.locator("[role=gridcell]").first).to_have_text("Carol")
    # A 13px arrow marks the sorted column, which keeps its width.
    expect(header.get_by_label("Sorted descending")).to_be_visible()
    assert box(header.locator(".sort-indicator svg"))["w"] == 13
    assert box(header)["w"] == pytest.approx(width, abs=0.5)
    expect(rows.last.locator("[role=gridcell]").first).to_have_text("Dave")
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="Sort ascending").click()
    expect(rows.first.locator("[role=gridcell]").first).to_have_text("Dave")
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="Clear sort").click()
    expect(rows.first.locator("[role=gridcell]").first).to_have_text("Alice")


def test_search_box_filters_rows(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        gr.Dataframe(frame(), label="Search", show_search="search", elem_id="search")
    page.goto(serve(demo))
    block = page.locator("#search")
    search = block.get_by_placeholder("Search...")
    # Gradio: a 24px high search box in the label row, left of the buttons.
    assert box(search)["h"] == pytest.approx(24, abs=0.5)
    search.fill("ca")
    rows = block.locator("[role=row]")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("[role=gridcell]").first).to_have_text("Carol")
    search.fill("")
    expect(rows).to_have_count(4)


def test_column_filter_from_the_header_menu(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        gr.Dataframe(frame(), datatype=["str", "number", "number", "bool"], elem_id="filtered")
    page.goto(serve(demo))
    block = page.locator("#filtered")
    header = block.get_by_test_id("header-1")
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="Filter", exact=True).click()
    dialog = page.get_by_role("dialog", name="Filter column")
    # Gradio: a 300px dialog in the middle of the window, over a dimmed page.
    expect(dialog).to_be_visible()
    d = box(dialog)
    assert d["w"] == 300
    assert d["x"] == pytest.approx((1280 - 300) / 2, abs=1)
    dialog.get_by_label("Condition").select_option(">")
    dialog.get_by_placeholder("Type a value").fill("25")
    dialog.get_by_role("button", name="Apply filter").click()
    rows = block.locator("[role=row]")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("[role=gridcell]").first).to_have_text("Alice")
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="Clear filters").click()
    expect(rows).to_have_count(4)


def test_untouched_empty_input_sends_gradios_value(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        table = gr.Dataframe(
            headers=["name", "age", "gender"],
            datatype=["str", "number", "str"],
            row_count=5,
            column_count=3,
            elem_id="empty",
        )
        out = gr.Textbox(elem_id="out")
        go = gr.Button("Go", elem_id="go")
        go.click(repr, table, out)
    page.goto(serve(demo))
    block = page.locator("#empty")
    expect(block.get_by_test_id("header-2").locator(".text")).to_have_text("gender")
    # Gradio shows the headers, no rows, and a dashed "+" button under the table.
    expect(block.locator("[role=row]")).to_have_count(0)
    expect(block.get_by_role("button", name="Add row")).to_be_visible()
    with page.expect_request(lambda r: "queue/join" in r.url) as request:
        page.locator("#go").click()
    # What Gradio's page sends for the untouched table, and what the function then receives.
    assert json.loads(request.value.post_data or "{}")["data"] == [
        {"headers": ["name", "age", "gender"], "data": [], "metadata": None}
    ]
    expect(page.locator("#out textarea")).to_have_value("Empty DataFrame\nColumns: [name, age, gender]\nIndex: []")


def test_row_limits_and_fixed_columns_in_the_menu(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Dataframe(
            {"headers": ["a", "b"], "data": [["1", "2"], ["3", "4"]]},
            interactive=True,
            row_limits=(2, 3),
            column_count=(2, "fixed"),
            elem_id="limits",
        )
    page.goto(serve(demo))
    block = page.locator("#limits")
    block.get_by_test_id("cell-0-0").click()
    block.get_by_test_id("cell-0-0").get_by_role("button", name="Open cell menu").click()
    menu = page.get_by_role("menu")
    # 2 rows, at least 2 and at most 3: rows may be added, not deleted; columns are fixed.
    expect(menu.get_by_role("menuitem", name="Add row below")).to_be_visible()
    expect(menu.get_by_role("menuitem", name="Delete row")).to_have_count(0)
    expect(menu.get_by_role("menuitem", name="Add column to the right")).to_have_count(0)
    menu.get_by_role("menuitem", name="Add row below").click()
    expect(block.locator("[role=row]")).to_have_count(3)
    block.get_by_test_id("cell-0-0").click()
    block.get_by_test_id("cell-0-0").get_by_role("button", name="Open cell menu").click()
    expect(page.get_by_role("menu").get_by_role("menuitem", name="Add row below")).to_have_count(0)
    expect(page.get_by_role("menu").get_by_role("menuitem", name="Delete row")).to_be_visible()


def test_examples_preview_a_small_table(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        table = gr.Dataframe(interactive=True, headers=["name", "age", "score", "ok"])
        gr.Examples([[frame()]], inputs=[table])
    page.goto(serve(demo))
    sample = page.get_by_test_id("sample-dataframe")
    # Gradio: the first 3 rows and 3 columns, then a "…" column; cells padded 10px, 12px mono text.
    expect(sample.locator("tr")).to_have_count(3)
    expect(sample.locator("tr").first.locator("td")).to_have_text(["Alice", "30", "1.5", "…"])
    td = sample.locator("td").first
    expect(td).to_have_css("padding", "10px")
    expect(td).to_have_css("font-size", "12px")
    assert box(td)["h"] == pytest.approx(37.3, abs=0.6)


def test_shift_and_ctrl_click_pick_cells_that_copy_and_clear_together(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    with gr.Blocks() as demo:
        table = gr.Dataframe(frame(), interactive=True, elem_id="pick")
        picked = gr.Textbox(elem_id="picked")

        def on_select(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value}"

        table.select(on_select, None, picked)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(serve(demo))
    block = page.locator("#pick")
    selected = block.locator("[role=gridcell][aria-selected=true]")
    # Measured on Gradio 6.31: Shift+click picks the rectangle from the selected cell (the event
    # reports the clicked cell); Ctrl+C copies it as CSV rows.
    block.get_by_test_id("cell-1-2").click()
    block.get_by_test_id("cell-3-0").click(modifiers=["Shift"])
    expect(selected).to_have_count(9)
    expect(page.locator("#picked textarea")).to_have_value("[3, 0] Dave")
    page.keyboard.press("Control+c")
    page.wait_for_function("async () => (await navigator.clipboard.readText()).includes('Dave')")
    assert page.evaluate("navigator.clipboard.readText()") == "Bob,25,22.25\nCarol,41,3\nDave,19,4.75"
    # Ctrl+click adds single cells; rows and columns without a picked cell are left out of the copy,
    # and picked-out cells in between copy empty (Gradio: "1,\n,5.5" for two corner cells).
    block.get_by_test_id("cell-0-0").click()
    block.get_by_test_id("cell-3-2").click(modifiers=["Control"])
    expect(selected).to_have_count(2)
    page.keyboard.press("Control+c")
    page.wait_for_function("async () => (await navigator.clipboard.readText()).includes('4.75')")
    assert page.evaluate("navigator.clipboard.readText()") == "Alice,\n,4.75"
    # Delete clears every picked cell.
    page.keyboard.press("Delete")
    expect(block.get_by_test_id("cell-0-0")).to_have_text("")
    expect(block.get_by_test_id("cell-3-2")).to_have_text("")
    expect(block.get_by_test_id("cell-1-0")).to_have_text("Bob")


def test_an_empty_editable_bool_column_has_its_select_all_box(page: Page, serve: Serve) -> None:
    """Gradio 6.31 (tax_calculator): an editable table with no rows still shows the unchecked select-all box
    in its "bool" column's header; checking it changes nothing and it stays unchecked."""
    with gr.Blocks() as demo:
        gr.Dataframe(
            headers=["Item", "Cost", "Deductible"],
            datatype=["str", "number", "bool"],
            interactive=True,
            elem_id="empty",
        )
    page.goto(serve(demo))
    box = page.locator("#empty").get_by_role("checkbox", name="Select all")
    expect(box).to_have_count(1)
    expect(box).not_to_be_checked()
    box.click()
    expect(box).not_to_be_checked()
