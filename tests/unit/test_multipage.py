"""Multipage apps (``Blocks.route``), Navbar, Walkthrough/Step, Draggable and DeepLinkButton: the Python side.

The expected configs were recorded from the same apps on a Gradio 6.31 server (``/config``).
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

import trellis as gr
from trellis.blocks.pages import slugify


def two_page_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        gr.Navbar(main_page_name="Dashboard", value=[("About", "https://example.com")])
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Greeting")
        gr.Button("Greet").click(lambda n: "Hi " + n, name, out, api_name="greet")
    with demo.route("Settings", "/settings"):
        num = gr.Number(label="N")
        sq = gr.Number(label="Square")
        gr.Button("Square").click(lambda n: n * n, num, sq, api_name="square")
    with demo.route("Hidden page", show_in_navbar=False):
        gr.Markdown("hidden")
    return demo


def props(config: dict[str, Any], component_type: str) -> list[dict[str, Any]]:
    return [c["props"] for c in config["components"] if c["type"] == component_type]


def rebased(value: Any, root: int) -> Any:
    """``value`` with every block id counted from the app's root, as in a fresh process (Gradio's numbering)."""
    if isinstance(value, dict):
        return {k: (v - root if k == "id" else rebased(v, root)) for k, v in value.items()}
    if isinstance(value, list):
        return [rebased(v, root) for v in value]
    return value


def test_route_pages_and_page_sections_are_gradios() -> None:
    demo = two_page_app()
    config = demo.config
    root = demo._id
    config = {
        **config,
        "page": {
            page: {
                **rebased({"layout": e["layout"]}, root),
                "components": [i - root for i in e["components"]],
                "dependencies": e["dependencies"],
            }
            for page, e in config["page"].items()
        },
        "layout": rebased(config["layout"], root),
    }
    # Gradio 6.31's /config for the same app:
    assert config["pages"] == [
        ["", "Home", True],
        ["settings", "Settings", True],
        ["hidden-page", "Hidden page", False],
    ]
    assert config["page"] == {
        "": {
            "layout": {"id": 0, "children": [{"id": 1}, {"id": 5, "children": [{"id": 2}, {"id": 3}]}, {"id": 4}]},
            "components": [1, 2, 3, 4, 5],
            "dependencies": [0],
        },
        "settings": {
            "layout": {"id": 0, "children": [{"id": 9, "children": [{"id": 6}, {"id": 7}]}, {"id": 8}]},
            "components": [6, 7, 8, 9],
            "dependencies": [1],
        },
        "hidden-page": {"layout": {"id": 0, "children": [{"id": 10}]}, "components": [10], "dependencies": []},
    }
    # The whole app's layout holds every page, in order.
    assert [c["id"] for c in config["layout"]["children"]] == [1, 5, 4, 9, 8, 10]


def test_a_one_page_app_has_one_page() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    config = demo.config
    assert config["pages"] == [["", "Home", True]]
    assert list(config["page"]) == [""]


def test_route_paths_follow_gradios_rules() -> None:
    assert inspect.signature(gr.Blocks.route).parameters["path"].default is None
    assert inspect.signature(gr.Blocks.route).parameters["show_in_navbar"].default is True
    assert slugify("My Page Ä!") == "my-page-a"
    demo = gr.Blocks()
    with demo:
        gr.Textbox()
    demo.route("Config")  # an internal route's name: prefixed
    demo.route("A b", "/x/")
    demo.route("x")  # taken: prefixed
    assert [p[0] for p in demo.pages] == ["", "_config", "x", "_x"]
    with pytest.raises(ValueError, match="already exists"):
        demo.route("Theme", "theme.css")
    with pytest.raises(ValueError, match="invalid characters"):
        demo.route("Bad", "a b")
    with pytest.raises(ValueError, match="not valid"):
        demo.route("!!!")
    with demo, pytest.raises(ValueError, match="inside a Blocks"):
        demo.route("Nested")


def test_navbar_props_are_gradios() -> None:
    config = two_page_app().config
    # Gradio: value as lists, no preserved_by_key, and it is in the API's components (skip_api False, api_info {}).
    assert props(config, "navbar") == [
        {
            "value": [["About", "https://example.com"]],
            "visible": True,
            "main_page_name": "Dashboard",
            "elem_classes": [],
            "name": "navbar",
            "_selectable": False,
        }
    ]
    navbar = next(c for c in config["components"] if c["type"] == "navbar")
    assert navbar["skip_api"] is False
    assert list(inspect.signature(gr.Navbar).parameters) == [
        "value",
        "visible",
        "main_page_name",
        "elem_id",
        "elem_classes",
        "render",
        "key",
    ]


def walkthrough_app() -> gr.Blocks:
    with gr.Blocks() as demo:
        with gr.Walkthrough(selected=0) as w:
            with gr.Step("Login", id=0):
                gr.Textbox(label="User")
                gr.Button("Next").click(lambda: gr.Walkthrough(selected=1), outputs=w)
            with gr.Step("Settings", id=1):
                gr.Markdown("settings step")
        log = gr.Textbox(label="log")
        w.change(lambda: "changed", None, log)
        with gr.Draggable(orientation="row"):
            gr.Button("X")
            gr.Button("Y")
        gr.DeepLinkButton()
    return demo


def test_walkthrough_step_and_draggable_configs_are_gradios() -> None:
    config = walkthrough_app().config
    types = [c["type"] for c in config["components"]]
    assert "walkthrough" in types and "walkthroughstep" in types and "draggable" in types
    walkthrough = props(config, "walkthrough")[0]
    assert {k: walkthrough[k] for k in ("selected", "visible", "elem_classes", "preserved_by_key", "name")} == {
        "selected": 0,
        "visible": True,
        "elem_classes": [],
        "preserved_by_key": [],
        "name": "walkthrough",
    }
    step = props(config, "walkthroughstep")[0]
    # Gradio's Step: type "walkthroughstep", name "step".
    assert {k: step[k] for k in ("label", "visible", "interactive", "id", "name")} == {
        "label": "Login",
        "visible": True,
        "interactive": True,
        "id": 0,
        "name": "step",
    }
    assert props(config, "draggable")[0]["orientation"] == "row"
    walkthrough_block = next(c for c in config["components"] if c["type"] == "walkthrough")
    targets = [d["targets"] for d in config["dependencies"]]
    assert [[walkthrough_block["id"], "change"]] in targets
    # The Step sits in the Walkthrough, the Form with the Textbox in the Step.
    layout = config["layout"]["children"][0]
    assert layout["id"] == walkthrough_block["id"] and len(layout["children"]) == 2


def test_steps_outside_a_walkthrough_get_one() -> None:
    with gr.Blocks() as demo:
        with gr.Step("a"):
            gr.Markdown("a")
        with gr.Step("b"):
            gr.Markdown("b")
    assert [c["type"] for c in demo.config["components"]][:1] == ["walkthroughstep"]
    top = demo.config["layout"]["children"]
    assert len(top) == 1 and len(top[0]["children"]) == 2


def test_signatures_are_gradios() -> None:
    assert list(inspect.signature(gr.Walkthrough).parameters) == [
        "selected",
        "visible",
        "elem_id",
        "elem_classes",
        "render",
        "key",
        "preserved_by_key",
    ]
    assert list(inspect.signature(gr.Step).parameters) == [
        "label",
        "visible",
        "interactive",
        "id",
        "elem_id",
        "elem_classes",
        "scale",
        "render",
        "key",
        "preserved_by_key",
    ]
    assert list(inspect.signature(gr.Draggable).parameters) == [
        "orientation",
        "visible",
        "elem_id",
        "elem_classes",
        "render",
        "key",
        "preserved_by_key",
    ]
    assert gr.Draggable().orientation == "column"
    assert gr.Walkthrough.EVENTS == ["change", "select"] or set(gr.Walkthrough.EVENTS) == {"change", "select"}
    assert set(gr.Step.EVENTS) == {"select"}


def test_deep_link_button_is_gradios() -> None:
    config = walkthrough_app().config
    button = next(c for c in config["components"] if c["props"].get("elem_id") == "gradio-share-link-button-0")
    p = button["props"]
    assert button["type"] == "button"
    assert (p["value"], p["copied_value"], p["variant"], p["size"]) == (
        "Share via Link",
        "Link Copied!",
        "secondary",
        "lg",
    )
    assert p["icon"].startswith("data:image/svg+xml,")
    # Gradio's two click listeners: the page copies the link (js only, private), then the text comes back
    # (an undocumented, unqueued lambda).
    deps = [d for d in config["dependencies"] if d["targets"] == [[button["id"], "click"]]]
    assert [(d["api_name"], d["api_visibility"], d["queue"], d["backend_fn"], bool(d["js"])) for d in deps] == [
        ("js_fn", "private", False, False, True),
        ("lambda_2", "undocumented", False, True, False),
    ]
    assert list(inspect.signature(gr.DeepLinkButton).parameters)[:3] == ["value", "copied_value", "inputs"]


def test_shortcuts_make_the_new_components() -> None:
    from trellis.components import SHORTCUTS

    assert SHORTCUTS["navbar"] is gr.Navbar
    assert SHORTCUTS["deeplinkbutton"] is gr.DeepLinkButton


def test_interface_deep_link_is_gradios() -> None:
    demo = gr.Interface(
        lambda x, y: f"{y}: {x}",
        [gr.Textbox(label="name"), gr.Radio(["Hello", "Hi"], label="Sal")],
        gr.Textbox(label="Output"),
        examples=[["Freddy", "Hello"]],
        cache_examples=True,
        api_name="predict",
        deep_link=True,
    )
    config = demo.config
    button = next(c for c in config["components"] if c["props"].get("value") == "Share via Link")
    assert button["props"]["interactive"] is False
    # Gradio 6.31's listeners for the same Interface (api name, visibility, queued, what triggers it).
    deps = [(d["api_name"], d["api_visibility"], d["queue"], d["trigger_after"]) for d in config["dependencies"]]
    assert deps == [
        ("js_fn", "private", False, None),
        ("lambda", "undocumented", False, None),
        ("predict", "public", True, None),
        ("js_fn_1", "private", False, None),
        ("js_fn_2", "private", False, None),
        ("lambda_1", "undocumented", False, None),
        ("Flag", "undocumented", False, None),
        ("reset", "undocumented", False, None),
        ("lambda_2", "undocumented", True, 2),
        ("load_example_input", "undocumented", False, None),
        ("load_example", "undocumented", True, 9),
        ("load_example_input_1", "undocumented", False, None),
        ("load_example_output", "undocumented", True, None),
        ("lambda_3", "undocumented", True, 10),
    ]
    # The button sits before the Flag button, in one Row under the outputs.
    flag = next(c for c in config["components"] if c["props"].get("value") == "Flag")

    def find_parent(node: dict[str, Any], child: int) -> dict[str, Any] | None:
        for c in node.get("children", []):
            if c["id"] == child:
                return node
            found = find_parent(c, child)
            if found is not None:
                return found
        return None

    row = find_parent(config["layout"], button["id"])
    assert row is not None and [c["id"] for c in row["children"]] == [button["id"], flag["id"]]
    assert gr.Interface(lambda x: x, "text", "text", deep_link=False).config["dependencies"][0]["api_name"] == "lambda"


def test_a_value_loader_is_on_its_components_page() -> None:
    with gr.Blocks() as demo:
        gr.Textbox(value=lambda: "main value", label="a")
    with demo.route("Two"):
        gr.Textbox(value=lambda: "two value", label="b", every=5)
    config = demo.config
    by_id = {d["id"]: d for d in config["dependencies"]}
    labels = {c["id"]: c["props"].get("label") for c in config["components"]}
    pages = {
        page: [labels[o] for d in entry["dependencies"] for o in by_id[d]["outputs"]]
        for page, entry in config["page"].items()
    }
    # Gradio 6.31 also runs each page's loader on its own page (it adds a second copy of the main page's
    # loader to the last page, which Trellis does not).
    assert pages == {"": ["a"], "two": ["b"]}
    timer = next(c for c in config["components"] if c["type"] == "timer")
    assert timer["id"] in config["page"]["two"]["components"]
