"""gr.FileExplorer in the browser, as Gradio 6.31's: the lazily listed tree, checkboxes, opening folders, the
chosen files reaching Python as full paths, the read-only highlight and the events.

Geometry numbers were measured on Gradio 6.31's page for the same app in Chromium at 1280px
(getBoundingClientRect) and are hard-coded here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "sub" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "b.py").write_text("b")
    (tmp_path / "sub" / "c.txt").write_text("c")
    (tmp_path / "sub" / "deep" / "d.txt").write_text("d")
    return tmp_path


def app(root: Path) -> gr.Blocks:
    with gr.Blocks() as demo:
        many = gr.FileExplorer(root_dir=str(root), label="Files", elem_id="many")
        one = gr.FileExplorer("**/*.txt", root_dir=str(root), file_count="single", label="One", elem_id="one")
        out = gr.Textbox(label="Out", elem_id="out")
        changes = gr.Number(0, label="Changes", elem_id="changes")
        selected = gr.Textbox(label="Selected", elem_id="selected")
        gr.Button("Go").click(lambda m, o: json.dumps({"many": m, "one": o}), [many, one], out)
        many.change(lambda n: n + 1, changes, changes)

        def on_select(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value}"

        one.select(on_select, None, selected)
        shown = gr.FileExplorer(root_dir=str(root), value=["a.txt", "sub/c.txt"], interactive=False, elem_id="shown")
        gr.Button("Show").click(lambda: [str(root / "sub" / "deep" / "d.txt")], None, shown)
    return demo


def row(page: Page, explorer: str, name: str):  # type: ignore[no-untyped-def]
    """The entry named ``name`` (its own row, not a folder holding it)."""
    return page.locator(f"#{explorer} li:has(> .wrap > .item-name:text-is('{name}'))").first


def test_tree_lists_and_geometry(page: Page, serve: Serve, root: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(serve(app(root)))
    many = page.locator("#many")
    names = many.locator("ul.root > li > .wrap .item-name")
    expect(names).to_have_text(["sub", "a.txt", "b.py"])
    block = many.bounding_box()
    first = many.locator("ul.root > li").first.bounding_box()
    checkbox = many.locator("ul.root > li input[type=checkbox]").first.bounding_box()
    assert block and first and checkbox
    # Gradio 6.31: the first row 34.8px below the card's top (label 25.8 + 8px + 1px border), rows 31.6px
    # apart, 18px checkboxes 9px from the card's left edge, file names in the monospace font.
    assert first["y"] - block["y"] == pytest.approx(34.8, abs=0.6)
    second = many.locator("ul.root > li").nth(1).bounding_box()
    assert second and second["y"] - first["y"] == pytest.approx(31.6, abs=0.6)
    assert (checkbox["width"], checkbox["height"]) == (18, 18)
    assert checkbox["x"] - block["x"] == pytest.approx(9, abs=0.5)
    family = many.locator("li").first.evaluate("e => getComputedStyle(e).fontFamily")
    assert "Mono" in family
    # With file_count single, folders have no checkbox; files glob does not match are not listed.
    one = page.locator("#one")
    expect(one.locator("ul.root > li .item-name")).to_have_text(["sub", "a.txt"])
    expect(one.locator("ul.root > li").first.locator("input")).to_have_count(0)


def test_choosing_files_reaches_python(page: Page, serve: Serve, root: Path) -> None:
    page.goto(serve(app(root)))
    # change fires once when the page loads, as in Gradio.
    expect(page.locator("#changes input")).to_have_value("1")
    row(page, "many", "sub").locator(":scope > .wrap .arrow").click()
    sub = row(page, "many", "sub")
    # A folder the glob matches lists itself as "." first.
    expect(sub.locator("ul > li > .wrap .item-name")).to_have_text([".", "deep", "c.txt"])
    row(page, "many", "a.txt").locator(":scope > .wrap input").check()
    row(page, "many", "c.txt").locator(":scope > .wrap input").check()
    expect(page.locator("#changes input")).to_have_value("3")
    one = page.locator("#one")
    row(page, "one", "sub").locator(":scope > .wrap .arrow").click()
    row(page, "one", "c.txt").locator(":scope > .wrap input").check()
    expect(page.locator("#selected textarea, #selected input").first).to_have_value("[0, 1] sub/c.txt")
    row(page, "one", "a.txt").locator(":scope > .wrap input").check()  # single: replaces the choice
    expect(one.locator("input:checked")).to_have_count(1)
    page.get_by_role("button", name="Go").click()
    expected = {"many": [str(root / "a.txt"), str(root / "sub" / "c.txt")], "one": str(root / "a.txt")}
    expect(page.locator("#out textarea, #out input").first).to_have_value(json.dumps(expected))


def test_checking_a_folder_checks_what_it_holds(page: Page, serve: Serve, root: Path) -> None:
    page.goto(serve(app(root)))
    row(page, "many", "sub").locator(":scope > .wrap input").check()
    sub = row(page, "many", "sub")
    expect(sub.locator("li input:checked")).to_have_count(5)  # ".", deep, deep/".", deep/d.txt, c.txt
    page.get_by_role("button", name="Go").click()
    out = page.locator("#out textarea, #out input").first
    expect(out).not_to_have_value("")
    chosen = json.loads(out.input_value())
    # The folders themselves come as their "." entries: root/sub and root/sub/deep.
    assert sorted(chosen["many"]) == sorted(
        [
            str(root / "sub"),
            str(root / "sub" / "deep"),
            str(root / "sub" / "deep" / "d.txt"),
            str(root / "sub" / "c.txt"),
        ]
    )
    row(page, "many", "sub").locator(":scope > .wrap input").uncheck()
    expect(sub.locator("input:checked")).to_have_count(0)


def test_read_only_highlights_the_chosen_files(page: Page, serve: Serve, root: Path) -> None:
    page.goto(serve(app(root)))
    shown = page.locator("#shown")
    expect(shown.locator("input")).to_have_count(0)
    expect(shown.locator(".wrap.selected .item-name")).to_have_text(["c.txt", "a.txt"])
    page.get_by_role("button", name="Show").click()
    # As in Gradio, open folders stay as they are: the new choice shows once its folder is opened.
    expect(shown.locator(".wrap.selected")).to_have_count(0)
    row(page, "shown", "deep").locator(":scope > .wrap .arrow").click()
    expect(shown.locator(".wrap.selected .item-name")).to_have_text(["d.txt"])


def test_heights_size_the_whole_card(page: Page, serve: Serve, tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"f{i}.txt").write_text(str(i))
    with gr.Blocks() as demo:
        gr.FileExplorer(root_dir=str(tmp_path), elem_id="default")
        gr.FileExplorer(root_dir=str(tmp_path), height=300, elem_id="tall")
    page.goto(serve(demo))
    expect(page.locator("#default li")).to_have_count(40)
    # Gradio 6.31: max_height=500 (the default) and height=300 are the card's outer heights; the tree scrolls.
    for elem_id, height in (("default", 500), ("tall", 300)):
        box = page.locator(f"#{elem_id}").bounding_box()
        assert box and box["height"] == pytest.approx(height, abs=0.5)
    wrap = page.locator("#tall .file-wrap")
    assert wrap.evaluate("e => e.scrollHeight > e.clientHeight")
