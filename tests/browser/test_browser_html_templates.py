"""gr.HTML's templates, script, custom events, server functions, head and children in the browser.

Each behaviour was checked side by side with Gradio 6.31 serving the same app in Chromium; values marked
"Gradio 6.31" were read there and are hard-coded here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]


def content(page: Page, elem_id: str) -> Any:
    """The element the HTML's template is rendered into (what js_on_load gets as ``element``)."""
    return page.locator(f"#{elem_id} [data-html-id]")


def test_template_renders_with_props_and_updates_re_render(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        html = gr.HTML(
            ["a", "b"],
            html_template=(
                "<ul>{{#each value}}<li>{{this}}</li>{{/each}}</ul>"
                "<p class='t' style='color: ${color}'>${title} {{title}} ${value.length}</p>"
                "<button class='b'>press</button>"
            ),
            css_template=".t { font-weight: 700; }",
            js_on_load="element.querySelector('.b').addEventListener('click', () => trigger('pressed'));",
            title="<i>T</i>",
            color="rgb(255, 0, 0)",
            elem_id="h",
        )
        count = gr.Number(0, elem_id="count")
        html.pressed(lambda n: n + 1, count, count)
        gr.Button("update", elem_id="upd").click(
            lambda: gr.update(value=["x", "y", "z"], color="rgb(0, 0, 255)"), None, html
        )
        gr.Button("instance", elem_id="inst").click(lambda: gr.HTML(["q"], title="New"), None, html)
    page.goto(serve(demo))
    root = content(page, "h")
    # Gradio 6.31: ${} raw, {{}} escaped, #each over the value.
    expect(root.locator("li")).to_have_text(["a", "b"])
    expect(root.locator(".t")).to_have_text("T <i>T</i> 2")
    expect(root.locator(".t i")).to_have_text("T")
    expect(root.locator(".t")).to_have_css("color", "rgb(255, 0, 0)")
    expect(root.locator(".t")).to_have_css("font-weight", "700")
    page.click("#upd")
    expect(root.locator("li")).to_have_text(["x", "y", "z"])
    expect(root.locator(".t")).to_have_css("color", "rgb(0, 0, 255)")
    # The re-render patched the DOM in place: the listener js_on_load put on the button still fires.
    root.locator(".b").click()
    expect(page.locator("#count input")).to_have_value("1")
    page.click("#inst")
    expect(root.locator("li")).to_have_text(["q"])
    expect(root.locator(".t")).to_have_text("New New 1")
    expect(root.locator(".t")).to_have_css("color", "rgb(0, 0, 255)")  # props not in the update are kept


def test_custom_event_from_js_reaches_python_with_its_data(page: Page, serve: Serve) -> None:
    def rated(value: Any, evt: gr.EventData) -> str:
        return f"{evt.stars} {evt._data}"

    with gr.Blocks() as demo:
        stars = gr.HTML(
            html_template="${[1, 2, 3].map(i => `<span class='s' data-i='${i}'>*</span>`).join('')}",
            js_on_load="""element.querySelectorAll('.s').forEach(s =>
                s.addEventListener('click', () => trigger('rated', {stars: Number(s.dataset.i)})));""",
            elem_id="stars",
        )
        out = gr.Textbox(elem_id="out")
        stars.rated(rated, stars, out)
        plain = gr.HTML("<b>click me</b>", elem_id="plain")
        clicks = gr.Textbox(elem_id="clicks")
        plain.click(lambda v: v, plain, clicks)  # the default js_on_load fires click
    page.goto(serve(demo))
    content(page, "stars").locator(".s").nth(2).click()
    expect(page.locator("#out textarea")).to_have_value("3 {'stars': 3}")
    page.locator("#plain b").click()
    expect(page.locator("#clicks textarea")).to_have_value("<b>click me</b>")


def test_value_written_in_js_reaches_python(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        picker = gr.HTML(
            0,
            html_template="<span class='v'>${value}</span><button class='inc'>+</button>",
            js_on_load="element.querySelector('.inc').addEventListener('click', () => { props.value = props.value + 1; });",
            elem_id="picker",
        )
        changes = gr.Textbox(elem_id="changes")
        picker.change(lambda v: f"changed to {v}", picker, changes)
        read = gr.Textbox(elem_id="read")
        gr.Button("read", elem_id="read-btn").click(lambda v: repr(v), picker, read)
    page.goto(serve(demo))
    root = content(page, "picker")
    root.locator(".inc").click()
    root.locator(".inc").click()
    expect(root.locator(".v")).to_have_text("2")  # props.value re-renders the template
    expect(page.locator("#changes textarea")).to_have_value("changed to 2")
    page.click("#read-btn")
    expect(page.locator("#read textarea")).to_have_value("2")  # the number itself, as on Gradio


def test_server_function_called_from_js_returns(page: Page, serve: Serve) -> None:
    def add(pair: list[int]) -> dict[str, int]:
        return {"sum": pair[0] + pair[1]}

    def greet(name: str) -> str:
        return f"hello {name}"

    with gr.Blocks() as demo:
        gr.HTML(
            html_template="<button class='go'>go</button><p class='r'></p>",
            js_on_load="""element.querySelector('.go').addEventListener('click', async () => {
                const total = await server.add(2, 3);
                const text = await server.greet('ann');
                element.querySelector('.r').textContent = total.sum + ' ' + text;
            });""",
            server_functions=[add, greet],
            elem_id="fns",
        )
    page.goto(serve(demo))
    root = content(page, "fns")
    root.locator(".go").click()
    expect(root.locator(".r")).to_have_text("5 hello ann")


def test_head_is_injected_once_before_js_on_load(page: Page, serve: Serve) -> None:
    head = "<script>window.__htmlHeadRuns = (window.__htmlHeadRuns || 0) + 1; window.__lib = 'ready';</script>"
    script = "element.querySelector('.lib').textContent = window.__lib;"
    with gr.Blocks() as demo:
        gr.HTML(html_template="<p class='lib'>?</p>", head=head, js_on_load=script, elem_id="one")
        gr.HTML(html_template="<p class='lib'>?</p>", head=head, js_on_load=script, elem_id="two")
    page.goto(serve(demo))
    expect(content(page, "one").locator(".lib")).to_have_text("ready")
    expect(content(page, "two").locator(".lib")).to_have_text("ready")
    assert page.evaluate("window.__htmlHeadRuns") == 1
    scripts = (
        "[...document.head.querySelectorAll('script')].filter(s => s.textContent.startsWith('window.__htmlHeadRuns'))"
    )
    assert page.evaluate(f"{scripts}.length") == 1


def test_children_are_placed_where_the_template_says(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        with gr.HTML(
            html_template="<h3 class='top'>Sign up</h3>@children<p class='end'>Thanks</p>",
            css_template="border: 1px solid rgb(255, 0, 0);",
            elem_id="form",
        ):
            gr.Textbox(label="Name", elem_id="name")
            gr.Textbox(label="Email", elem_id="email")
    page.goto(serve(demo))
    root = content(page, "form")
    expect(root.locator("#email")).to_be_visible()
    tops = [root.locator(sel).bounding_box()["y"] for sel in (".top", "#name", "#email", ".end")]  # type: ignore[index]
    assert tops == sorted(tops)
    # Gradio 6.31: the parts and the children stacked in a column, var(--layout-gap) (16px) apart; the
    # scoped CSS styles the element that holds them.
    expect(root).to_have_css("display", "flex")
    expect(root).to_have_css("gap", "16px")
    expect(root).to_have_css("border-top-color", "rgb(255, 0, 0)")
    heading = root.locator(".top").bounding_box()
    name = root.locator("#name").bounding_box()
    assert heading is not None and name is not None
    # Gradio 6.31: the heading's part is 20.8px tall, then the gap, then the children's form.
    assert abs(name["y"] - (heading["y"] + 20.8 + 16)) <= 1


def test_a_failing_template_shows_gradios_error_box(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        gr.HTML("x", html_template="${missing.deep}", elem_id="bad")
    page.goto(serve(demo))
    box = page.locator("#bad [role=alert]")
    expect(box).to_have_text("Error rendering HTML: missing is not defined")
    # Gradio 6.31's box.
    expect(box).to_have_css("color", "rgb(204, 51, 51)")
    expect(box).to_have_css("background-color", "rgb(255, 238, 238)")
    expect(box).to_have_css("padding", "12px")
    expect(box).to_have_css("font-size", "13px")


class StarRating(gr.HTML):
    def __init__(self, label: str, value: int = 0, **kwargs: Any) -> None:
        super().__init__(
            value=value,
            label=label,
            html_template="<h2>${label}</h2>${[1, 2, 3, 4, 5].map(i => `<span class='star ${i <= value ? 'on' : ''}'>*</span>`).join('')}",
            css_template=".star { cursor: pointer; } .on { color: rgb(218, 165, 32); }",
            js_on_load="""element.addEventListener('click', e => {
                const i = [...element.querySelectorAll('.star')].indexOf(e.target);
                if (i >= 0) props.value = i + 1;
            });""",
            **kwargs,
        )

    def api_info(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 0, "maximum": 5}


def test_an_html_subclass_works_as_a_component(page: Page, serve: Serve) -> None:
    with gr.Blocks() as demo:
        food = StarRating("Food", 2, elem_id="food")
        average = StarRating("Average", 0, elem_id="avg")
        gr.Button("copy", elem_id="copy").click(lambda v: v, food, average)
    page.goto(serve(demo))
    food_root = content(page, "food")
    expect(food_root.locator(".on")).to_have_count(2)
    food_root.locator(".star").nth(3).click()
    expect(food_root.locator(".on")).to_have_count(4)
    page.click("#copy")
    expect(content(page, "avg").locator(".on")).to_have_count(4)
    expect(content(page, "avg").locator("h2")).to_have_text("Average")


def test_gradios_listeners_fire_from_the_script(page: Page, serve: Serve) -> None:
    """Listeners Trellis's HTML lacked before (Gradio's HTML has all 34): each fires from a trigger in JS."""
    events = ["apply", "blur", "copy", "delete", "download", "end", "expand", "key_up", "like", "play", "upload"]

    def fired(evt: gr.EventData) -> str:
        return f"{evt.name}!"

    with gr.Blocks() as demo:
        html = gr.HTML(
            events,
            html_template="${value.map(e => `<button data-e='${e}'>${e}</button>`).join('')}",
            js_on_load="element.querySelectorAll('button').forEach(b => b.addEventListener('click', () => trigger(b.dataset.e, {name: b.dataset.e})));",
            elem_id="events",
        )
        out = gr.Textbox(elem_id="fired")
        for event in events:
            getattr(html, event)(fired, None, out)
    page.goto(serve(demo))
    root = content(page, "events")
    for event in events:
        root.locator(f"button[data-e={event}]").click()
        expect(page.locator("#fired textarea")).to_have_value(f"{event}!")
