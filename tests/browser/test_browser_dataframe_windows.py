"""A big read-only table output reaches the page in windows and still scrolls, sorts, searches and selects.

The page gets the first rows with the value and fetches the others from the server as it scrolls; the
server sorts and searches the whole table; a selection's ``col_value`` is the whole column. What the
page holds is checked directly: its value has only the first window, and the DOM only the rows in view.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr
from trellis.processing.tables import FIRST_WINDOW

pytestmark = pytest.mark.browser

Serve = Callable[..., str]
ROWS = 60_000


def build() -> gr.Blocks:
    import pandas as pd

    table = pd.DataFrame(
        {
            "id": list(range(ROWS)),
            "name": [f"name {i:05d}" for i in range(ROWS)],
            "score": [i % 997 for i in range(ROWS)],
        }
    )
    with gr.Blocks() as demo:
        # Read-only although the Sum button reads it: an editable table is never windowed.
        shown = gr.Dataframe(label="Big", show_search="search", elem_id="big", interactive=False)
        picked = gr.Textbox(label="Picked", elem_id="picked")
        total = gr.Number(label="Total", elem_id="total")
        demo.load(lambda: table, None, shown)

        def on_select(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value} {len(evt.col_value)} {evt.col_value[-1]}"

        shown.select(on_select, None, picked)
        gr.Button("Sum", elem_id="sum").click(lambda df: float(df["score"].sum()), shown, total)
    return demo


def test_a_big_output_scrolls_sorts_searches_and_selects(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    page.goto(serve(build()))
    grid = page.locator("#big [role=grid]")
    expect(page.get_by_test_id("cell-0-1")).to_have_text("name 00000")
    expect(grid).to_have_attribute("aria-rowcount", str(ROWS + 1))
    # The page holds only the first window's rows, and draws only the rows in view.
    assert page.evaluate("() => document.querySelectorAll('#big .row').length") < 40

    # Scroll to the very bottom: the last rows are fetched and drawn.
    page.locator("#big .viewport").evaluate("(e) => { e.scrollTop = e.scrollHeight; }")
    expect(page.get_by_test_id(f"cell-{ROWS - 1}-1")).to_have_text(f"name {ROWS - 1:05d}")
    # ...and the middle, far from both windows fetched so far.
    page.locator("#big .viewport").evaluate("(e) => { e.scrollTop = 37 * 30000; }")
    expect(page.get_by_test_id("cell-30000-0")).to_have_text("30000")
    assert page.evaluate("() => document.querySelectorAll('#big .row').length") < 40

    # A selection reports the whole column, filled in by the server.
    page.get_by_test_id("cell-30001-1").click()
    expect(page.locator("#picked textarea")).to_have_value(f"[30001, 1] name 30001 {ROWS} name {ROWS - 1:05d}")

    # The server sorts the whole table: descending by score, the highest (996) first.
    page.locator("#big .viewport").evaluate("(e) => { e.scrollTop = 0; }")
    header = page.locator("#big").get_by_test_id("header-2")
    header.hover()
    header.get_by_role("button", name="Open cell menu").click()
    page.get_by_role("menuitem", name="Sort descending").click()
    expect(page.locator("#big .row").first.locator(".body-cell").nth(2)).to_have_text("996")
    expect(page.locator("#big .row").first.locator(".body-cell").nth(0)).to_have_text("996")

    # ...and searches it.
    page.locator("#big .search-input").fill("name 0599")
    expect(grid).to_have_attribute("aria-rowcount", str(10 + 1))
    expect(page.locator("#big .row")).to_have_count(10)
    expect(grid).to_have_attribute("aria-readonly", "true")

    # The value the page holds works as an input: the server swaps in the whole table.
    page.locator("#sum").click()
    expected = float(sum(i % 997 for i in range(ROWS)))
    expect(page.locator("#total input")).to_have_value(str(int(expected)))


def test_the_page_value_holds_only_the_first_window(page: Page, serve: Serve) -> None:
    pytest.importorskip("pandas")
    bodies: list[str] = []
    page.on("response", lambda r: bodies.append(r.url) if "/gradio_api/table/" in r.url else None)
    page.goto(serve(build()))
    expect(page.get_by_test_id("cell-0-1")).to_have_text("name 00000")
    # The first window arrived with the value: nothing was fetched to show the top of the table.
    assert bodies == []
    page.locator("#big .viewport").evaluate(f"(e) => {{ e.scrollTop = 37 * {FIRST_WINDOW + 50}; }}")
    expect(page.get_by_test_id(f"cell-{FIRST_WINDOW + 50}-0")).to_have_text(str(FIRST_WINDOW + 50))
    assert bodies and all("session_hash=" in url for url in bodies)


def test_a_big_initial_value_is_shown_in_windows_too(page: Page, serve: Serve) -> None:
    pd = pytest.importorskip("pandas")
    table = pd.DataFrame({"id": list(range(ROWS)), "name": [f"name {i:05d}" for i in range(ROWS)]})
    with gr.Blocks() as demo:
        gr.Dataframe(table, label="Initial", elem_id="initial")
    fetched: list[str] = []
    page.on("response", lambda r: fetched.append(r.url) if "/gradio_api/table/" in r.url else None)
    page.goto(serve(demo))
    expect(page.get_by_test_id("cell-0-1")).to_have_text("name 00000")
    page.locator("#initial .viewport").evaluate("(e) => { e.scrollTop = e.scrollHeight; }")
    expect(page.get_by_test_id(f"cell-{ROWS - 1}-1")).to_have_text(f"name {ROWS - 1:05d}")
    assert fetched, "the rows at the bottom came from the server"
