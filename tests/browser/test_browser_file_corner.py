"""A File holding files: its actions sit in the corner strip, as in Gradio 6.31.

Measured on Gradio 6.31 (an editable ``gr.File`` in a 704px-wide block, getBoundingClientRect
relative to the block): one file gives a 63px block with only a Clear icon button (18x18, 21px from
the right edge, 3px from the top) and no remove button on the row; several files give a 91px block
with Upload (45px from the right) and Clear in the corner and a remove button on each row. Neither
has buttons under the list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def place(element: Locator, block: Locator) -> tuple[float, float, float, float]:
    """(distance from the block's right edge, top, width, height)."""
    outer, inner = block.bounding_box(), element.bounding_box()
    assert outer is not None and inner is not None
    return (
        round(outer["x"] + outer["width"] - inner["x"], 1),
        round(inner["y"] - outer["y"], 1),
        inner["width"],
        inner["height"],
    )


def test_file_actions_are_corner_icons(page: Page, serve: Serve, tmp_path: Path) -> None:
    first, second, third = tmp_path / "t.csv", tmp_path / "u.txt", tmp_path / "v.txt"
    first.write_text("a,b\n1,2\n")
    second.write_text("x")
    third.write_text("y")
    page.set_viewport_size({"width": 768, "height": 800})
    with gr.Blocks() as demo:
        single = gr.File(str(first), label="single", elem_id="single")
        several = gr.File([str(first), str(second)], file_count="multiple", label="several", elem_id="several")
        gr.Button("Go").click(lambda a, b: None, [single, several], None)
    page.goto(serve(demo))

    one = page.locator("#single")
    expect(one.get_by_test_id("file-list")).to_be_visible()
    assert abs(one.bounding_box()["height"] - 63) < 0.5  # type: ignore[index]
    assert place(one.get_by_role("button", name="Clear"), one) == (21, 3, 18, 18)
    expect(one.get_by_role("button", name="Upload")).to_have_count(0)
    expect(one.get_by_test_id("file-remove")).to_have_count(0)

    many = page.locator("#several")
    assert abs(many.bounding_box()["height"] - 91) < 0.5  # type: ignore[index]
    assert place(many.get_by_role("button", name="Upload"), many) == (45, 3, 18, 18)
    assert place(many.get_by_role("button", name="Clear"), many) == (21, 3, 18, 18)
    expect(many.get_by_test_id("file-remove")).to_have_count(2)
    expect(page.get_by_role("button", name="Replace")).to_have_count(0)

    # Upload adds to the list; Clear empties it.
    with page.expect_file_chooser() as chooser:
        many.get_by_role("button", name="Upload").click()
    chooser.value.set_files(str(third))
    expect(many.get_by_test_id("file-remove")).to_have_count(3)
    one.get_by_role("button", name="Clear").click()
    expect(one.get_by_test_id("file-list")).to_have_count(0)
    expect(one.get_by_test_id("file-dropzone")).to_be_visible()
