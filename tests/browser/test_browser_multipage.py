"""Multipage navigation with the Navbar, a Walkthrough, a Draggable and a deep link, in Chromium.

Geometry and colours were measured on Gradio 6.31's page for the same apps (1280 px wide window, light
theme unless said) and are hard-coded here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def rect(locator: Any) -> list[float]:
    box = locator.bounding_box()
    assert box is not None
    return [round(box["x"], 1), round(box["y"], 1), round(box["width"], 1), round(box["height"], 1)]


def style(locator: Any, prop: str) -> str:
    return str(locator.evaluate(f"e => getComputedStyle(e)[{prop!r}]"))


def multipage_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Navbar(main_page_name="Dashboard", value=[("About", "https://example.com")])
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(lambda n: "Hi " + n, name, out)
    with demo.route("Settings", "/settings"):
        num = gr.Number(label="N")
        sq = gr.Number(label="Square")
        gr.Button("Square").click(lambda n: n * n, num, sq)
    with demo.route("Hidden page", show_in_navbar=False):
        gr.Markdown("hidden")
    return demo


def test_the_navbar_navigates_between_pages(page: Page, serve: Serve) -> None:
    url = serve(multipage_app())
    page.goto(url)
    nav = page.get_by_test_id("navbar")
    links = nav.locator("a")
    expect(links).to_have_text(["Dashboard", "Settings", "About"])
    # Gradio 6.31: the bar spans the window, 51 px tall with its bottom border; the links right-aligned,
    # 34 px tall, the current one drawn as a card (block background and border).
    assert rect(nav) == pytest.approx([0, 0, 1280, 51], abs=0.5)
    assert rect(links.nth(0)) == pytest.approx([1010.4, 8, 91, 34], abs=0.5)
    assert rect(links.nth(1)) == pytest.approx([1109.4, 8, 72.3, 34], abs=0.5)
    assert rect(links.nth(2)) == pytest.approx([1189.7, 8, 58.3, 34], abs=0.5)
    expect(links.nth(0)).to_have_css("background-color", "rgb(255, 255, 255)")
    assert style(links.nth(0), "color") == "rgb(39, 39, 42)"
    assert style(links.nth(1), "color") == "rgb(187, 187, 194)"
    assert links.nth(2).get_attribute("target") == "_blank"
    expect(page.get_by_label("Name")).to_be_visible()
    expect(page.get_by_label("N", exact=True)).to_have_count(0)

    links.nth(1).click()
    expect(page).to_have_url(url.rstrip("/") + "/settings")
    # The settings page has no Navbar of its own: the default bar (main page "Home", current page marked).
    expect(page.get_by_test_id("navbar").locator("a")).to_have_text(["Home", "Settings"])
    expect(page.get_by_test_id("navbar").locator("a.active")).to_have_text("Settings")
    page.get_by_label("N", exact=True).fill("7")
    page.get_by_role("button", name="Square").click()
    expect(page.get_by_label("Square")).to_have_value("49")

    page.get_by_test_id("navbar").get_by_text("Home").click()
    expect(page).to_have_url(url)
    page.get_by_label("Name").fill("Ann")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_label("Greeting")).to_have_value("Hi Ann")


def test_the_navbar_in_dark_mode_on_a_phone(page: Page, serve: Serve) -> None:
    url = serve(multipage_app())
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(url + "?__theme=dark")
    links = page.get_by_test_id("navbar").locator("a")
    expect(links).to_have_count(3)
    # Gradio 6.31 at 390 px, dark.
    assert rect(links.nth(0)) == pytest.approx([120.4, 8, 91, 34], abs=0.5)
    expect(links.nth(0)).to_have_css("background-color", "rgb(39, 39, 42)")
    assert style(links.nth(0), "color") == "rgb(244, 244, 245)"


def test_a_one_page_app_has_no_navbar(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.Navbar(value=[("About", "https://example.com")])
        gr.Textbox(label="x")
    page.goto(serve(demo))
    expect(page.get_by_label("x")).to_be_visible()
    expect(page.get_by_test_id("navbar")).to_have_count(0)


def walkthrough_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        with gr.Walkthrough(selected=0) as w:
            with gr.Step("Login", id=0):
                gr.Textbox(label="User")
                gr.Button("Next").click(lambda: gr.Walkthrough(selected=1), outputs=w)
            with gr.Step("Settings", id=1):
                gr.Markdown("settings step")
                gr.Button("Finish").click(lambda: gr.Walkthrough(selected=2), outputs=w)
            with gr.Step("Done", id=2):
                gr.Markdown("all done")
        log = gr.Textbox(label="log")
        w.change(lambda s: f"changed {s}", gr.State(0), log)
        selected = gr.Textbox(label="selected")

        def on_select(evt: gr.SelectData) -> str:
            return f"{evt.index} {evt.value}"

        w.select(on_select, None, selected)
    return demo


def test_a_walkthrough_switches_steps(page: Page, serve: Serve) -> None:
    page.goto(serve(walkthrough_app()))
    numbers = page.locator(".walkthrough .number")
    expect(numbers).to_have_text(["1", "2", "3"])
    # Gradio 6.31: 32 px circles along the top, names under them, 2 px lines between; the open step's
    # circle in the accent colour, the pending ones grey and not clickable.
    assert rect(numbers.nth(0)) == pytest.approx([40, 40, 32, 32], abs=0.5)
    assert rect(numbers.nth(1)) == pytest.approx([624, 40, 32, 32], abs=0.5)
    assert rect(numbers.nth(2)) == pytest.approx([1208, 40, 32, 32], abs=0.5)
    assert rect(page.locator(".walkthrough .line").nth(0)) == pytest.approx([76, 55, 544, 2], abs=0.5)
    assert rect(page.locator(".walkthrough .name").nth(1)) == pytest.approx([616.3, 75.2, 47.5, 16.8], abs=0.5)
    expect(numbers.nth(0)).to_have_css("background-color", "rgb(249, 115, 22)")
    expect(numbers.nth(1)).to_have_css("background-color", "rgb(228, 228, 231)")
    assert style(page.locator(".walkthrough .name").nth(1), "color") == "rgb(187, 187, 194)"
    buttons = page.get_by_role("tab")
    expect(buttons.nth(1)).to_be_disabled()
    expect(page.get_by_role("textbox", name="User")).to_be_visible()
    expect(page.get_by_text("settings step")).to_be_hidden()
    # The first step's panel starts 16 px under the header (Gradio: y 128.8).
    assert rect(page.get_by_test_id("walkthrough-step").nth(0))[1] == pytest.approx(128.8, abs=0.5)

    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("settings step")).to_be_visible()
    expect(page.get_by_role("textbox", name="User")).to_be_hidden()
    expect(page.get_by_role("textbox", name="log")).to_have_value("changed 0")
    expect(buttons.nth(0)).to_be_enabled()
    expect(buttons.nth(1)).to_have_attribute("aria-selected", "true")
    expect(page.locator(".walkthrough .line").nth(0)).to_have_css("background-color", "rgb(249, 115, 22)")

    # A completed step's header takes the user back to it, with a select event.
    buttons.nth(0).click()
    expect(page.get_by_role("textbox", name="User")).to_be_visible()
    expect(page.get_by_role("textbox", name="selected")).to_have_value("0 Login")


def labels(*names: str) -> list[re.Pattern[str]]:
    """The buttons' texts (each also holds its grip's two vertical ellipses, as on Gradio's page)."""
    return [re.compile(rf"^\s*{name}\u22ee\u22ee$") for name in names]


def test_a_draggable_reorders_its_children(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.Draggable(orientation="row"):
            gr.Button("X")
            gr.Button("Y")
            gr.Button("Z")
    page.goto(serve(demo))
    row = page.get_by_test_id("draggable")
    expect(row.locator("button")).to_have_text(labels("X", "Y", "Z"))
    grips = row.get_by_test_id("drag-handle")
    expect(grips).to_have_count(3)
    # Gradio 6.31: a 20 px grip 4 px inside each child's top-left corner, shown on hover.
    x, y, w, h = rect(grips.nth(0))
    first = rect(row.locator("button").nth(0))
    assert (x - first[0], y - first[1], w, h) == (4, 4, 20, 20)
    assert style(grips.nth(0), "opacity") == "0"
    row.locator("button").nth(0).hover()
    expect(grips.nth(0)).to_have_css("opacity", "1")
    grips.nth(0).drag_to(row.locator("button").nth(2))
    expect(row.locator("button")).to_have_text(labels("Y", "Z", "X"))
    expect(row.get_by_test_id("drag-handle")).to_have_count(3)


def test_a_deep_link_restores_values_in_a_fresh_page(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        inp = gr.Textbox(label="in")
        out = gr.Textbox(label="out")
        gr.Button("Go").click(lambda s: s.upper(), inp, out)
        gr.DeepLinkButton()
    url = serve(demo)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page.goto(url)
    page.get_by_label("in").fill("hello")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_label("out")).to_have_value("HELLO")
    share = page.get_by_role("button", name="Share via Link")
    share.click()
    expect(page.locator("#gradio-share-link-button-0")).to_have_text("Link Copied!")
    expect(page.locator("#gradio-share-link-button-0")).to_have_text("Share via Link")
    link = str(page.evaluate("navigator.clipboard.readText()"))
    assert link.startswith(url + "?deep_link=")

    fresh = page.context.new_page()
    fresh.goto(link)
    expect(fresh.get_by_label("in")).to_have_value("hello")
    expect(fresh.get_by_label("out")).to_have_value("HELLO")

    fresh.goto(url + "?deep_link=nothing")
    expect(fresh.get_by_text("Deep link was not valid")).to_be_visible()


def test_a_crowded_walkthrough_on_a_phone(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.Walkthrough(selected=2):
            for i in range(7):
                with gr.Step(f"Step number {i}", id=i):
                    gr.Markdown(f"content {i}")
        with gr.Walkthrough(selected=1):
            for i, name in enumerate(
                ["A very long step name here", "Another long step name", "Third long name", "Four"]
            ):
                with gr.Step(name, id=i):
                    gr.Markdown(f"c {i}")
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(serve(demo))
    first, second = page.get_by_test_id("walkthrough").nth(0), page.get_by_test_id("walkthrough").nth(1)
    # Gradio 6.31 at 390 px: seven circles do not fit, so "Step 3/7: <name>" over thin bars (10 px tall,
    # 2 px apart, completed and open ones in the accent colour, pending ones subdued), no names, no lines.
    expect(first.locator(".title")).to_have_text("Step 3/7: Step number 2")
    bars = first.locator(".number")
    expect(bars).to_have_count(7)
    # Gradio: y 46 (its title, in the synthesized bold, is 1 px taller).
    assert rect(bars.nth(0)) == pytest.approx([32, 45, 44.8, 10], abs=0.5)
    assert rect(bars.nth(1))[0] == pytest.approx(78.8, abs=0.5)
    expect(bars.nth(2)).to_have_css("background-color", "rgb(249, 115, 22)")
    expect(bars.nth(3)).to_have_css("background-color", "rgb(187, 187, 194)")
    expect(first.locator(".line")).to_have_count(0)
    expect(first.locator(".name")).to_have_count(0)
    # Four circles fit, but their names would overlap: only the open step's name shows (Gradio: 120 px wide).
    expect(second.locator(".title")).to_have_count(0)
    expect(second.locator(".name:visible")).to_have_text(["Another long step name"])
    assert rect(second.locator(".name:visible"))[2:] == pytest.approx([120, 16.8], abs=0.5)
    # A completed step shows a check mark instead of its number.
    expect(second.locator(".number").nth(0).locator("svg")).to_have_count(1)
