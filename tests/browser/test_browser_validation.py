"""A listener's validator in the page: Gradio's messages by the refused inputs, and the function not run."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

import trellis as gr

pytestmark = pytest.mark.browser


def test_refused_inputs_show_their_message_and_the_function_does_not_run(serve: Any, page: Any) -> None:
    calls: list[tuple[str, float]] = []

    def greet(name: str, age: float) -> str:
        calls.append((name, age))
        return f"hi {name}"

    def check(name: str, age: float) -> list[dict[str, Any]]:
        return [gr.validate(bool(name), "Name is required"), gr.validate(age >= 18, "Must be 18+")]

    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        age = gr.Number(label="Age", value=10)
        out = gr.Textbox(label="Out")
        image = gr.Image(label="Picture")
        gr.Button("Go").click(greet, [name, age], out, validator=check)
        gr.Button("Check picture").click(
            lambda img: "ok", image, out, validator=lambda img: gr.validate(img is not None, "Add a picture")
        )
    page.goto(serve(demo))
    page.get_by_role("button", name="Go").click()

    # The message is part of the label (as in Gradio), so the fields' names grow while it shows.
    name_box = page.get_by_label("Name")
    age_box = page.get_by_role("spinbutton", name="Age")
    # As Gradio: the message sits in the label, red and semibold, and the field glows red.
    name_message = page.get_by_test_id("textbox").first.locator(".validation-error", has_text="Name is required")
    age_message = page.locator("[data-testid=number]").locator(".validation-error", has_text="Must be 18+")
    expect(name_message).to_be_visible()
    expect(age_message).to_be_visible()
    expect(name_message).to_have_css("color", "rgb(185, 28, 28)")
    expect(name_message).to_have_css("font-weight", "600")
    expect(name_box).to_have_class(re.compile(r"\bvalidation-error\b"))
    # No error state and no toast: the output is left as it was.
    expect(page.get_by_test_id("status-error")).to_have_count(0)
    expect(page.get_by_test_id("toast-body")).to_have_count(0)
    expect(page.get_by_label("Out", exact=True)).to_have_value("")
    assert calls == []

    # Typing in a field clears its own message only.
    name_box.fill("Ann")
    expect(name_message).to_have_count(0)
    expect(age_message).to_be_visible()

    age_box.fill("30")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_label("Out", exact=True)).to_have_value("hi Ann")
    expect(page.locator(".validation-error")).to_have_count(0)
    assert calls == [("Ann", 30)]

    # Other components show the message in their top-right corner, with a button that hides it.
    page.get_by_role("button", name="Check picture").click()
    corner = page.get_by_test_id("image").get_by_test_id("validation-error")
    expect(corner).to_have_text("Add a picture")
    corner.get_by_role("button", name="Clear").click()
    expect(corner).to_have_count(0)
