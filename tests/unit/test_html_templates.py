"""gr.HTML as Gradio 6.31 has it: templates and props, custom events, server functions, children, subclasses.

Expected values marked "Gradio 6.31" were read from real Gradio 6.31 serving the same app (its config,
``/gradio_api/info`` and the answers of the official gradio_client); they are hard-coded here.
"""

from __future__ import annotations

import inspect
import warnings
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT

import trellis as gr
from trellis.blocks.events import BoundListener
from trellis.config.build import compile_app

#: Gradio 6.31's HTML listeners, in its order (gr.HTML.EVENTS).
GRADIO_EVENTS = [
    "change", "input", "click", "double_click", "submit", "stop", "edit", "clear", "play", "pause", "end",
    "start_recording", "pause_recording", "stop_recording", "focus", "blur", "upload", "release", "select",
    "stream", "like", "example_select", "option_select", "load", "key_up", "apply", "delete", "tick", "undo",
    "retry", "expand", "collapse", "download", "copy",
]  # fmt: skip


def html_entry(demo: gr.Blocks, elem_id: str) -> dict[str, Any]:
    return next(c for c in demo.config["components"] if c["props"].get("elem_id") == elem_id)


# -- constructor and config ---------------------------------------------------------------------------------


def test_defaults_are_gradios() -> None:
    params = inspect.signature(gr.HTML.__init__).parameters
    assert params["html_template"].default == "${value}"
    assert params["css_template"].default == ""
    # Gradio 6.31: a click on the HTML fires its click listeners through this default script.
    assert params["js_on_load"].default == "element.addEventListener('click', function() { trigger('click') });"
    assert params["head"].default is None
    assert params["server_functions"].default is None
    assert params["props"].kind is inspect.Parameter.VAR_KEYWORD


def test_config_props_as_gradio_sends_them() -> None:
    def list_files(path: str) -> list[str]:
        return [path]

    with gr.Blocks() as demo:
        html = gr.HTML(
            ["a", "b"],
            html_template="<p>${title}</p>",
            title="T",
            flag=True,
            server_functions=[list_files],
            head="<script src='x.js'></script>",
            elem_id="h",
        )
        out = gr.Textbox()
        html.retry(lambda v: v, html, out)
    props = html_entry(demo, "h")["props"]
    # Gradio 6.31: extras in "props", server functions named in "server_fns", the class named, chat flags.
    assert props["props"] == {"title": "T", "flag": True}
    assert props["server_fns"] == ["list_files"]
    assert props["component_class_name"] == "HTML"
    assert props["head"] == "<script src='x.js'></script>"
    assert props["value"] == ["a", "b"]
    assert (props["_retryable"], props["_undoable"], props["likeable"], props["streamable"]) == (
        True,
        False,
        False,
        False,
    )
    assert html.list_files is list_files  # each server function is an attribute of the component, as in Gradio
    assert html_entry(demo, "h")["api_info"] == {"type": "string"}


def test_no_extras_is_an_empty_props_dict() -> None:
    assert gr.HTML(render=False).get_props()["props"] == {}


def test_values_pass_through_unchanged() -> None:
    html = gr.HTML(render=False)
    for value in (["x", 1], {"a": [1]}, 3, 2.5, True, None, "<b>x</b>"):
        assert html.postprocess(value) == value
        assert html.preprocess(value) == value


def test_a_script_tag_in_the_markup_warns_that_it_will_not_run() -> None:
    with pytest.warns(UserWarning, match="will not run"):
        gr.HTML(html_template="<script>alert(1)</script>", render=False)
    html = gr.HTML(render=False)
    with pytest.warns(UserWarning, match="will not run"):
        html.postprocess("<p>x</p><SCRIPT src='a.js'></SCRIPT>")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html.postprocess("<p>no scripts, only <code>&lt;script&gt;</code> as text</p>")


def test_server_functions_need_a_name() -> None:
    with pytest.raises(ValueError, match="public name"):
        gr.HTML(server_functions=[lambda x: x], render=False)


# -- listeners ----------------------------------------------------------------------------------------------


def test_all_34_listeners_of_gradios_html_in_its_order() -> None:
    assert list(gr.HTML.EVENTS) == GRADIO_EVENTS
    with gr.Blocks() as demo:
        html = gr.HTML(elem_id="h")
        out = gr.Textbox()
        for event in GRADIO_EVENTS:
            getattr(html, event)(lambda v: v, html, out)
    targets = [tuple(d["targets"][0]) for d in demo.config["dependencies"]]
    assert targets == [(html._id, event) for event in GRADIO_EVENTS]


def test_custom_events_are_listeners_when_the_script_names_them_in_quotes() -> None:
    with gr.Blocks() as demo:
        html = gr.HTML(js_on_load='element.onclick = () => trigger("rated", {stars: 3}); trigger(`done`);')
        out = gr.Textbox()
        assert isinstance(html.rated, BoundListener)
        html.rated(lambda v: v, html, out)
        html.done(lambda v: v, html, out)
    assert [d["targets"] for d in demo.config["dependencies"]] == [[[html._id, "rated"]], [[html._id, "done"]]]
    with pytest.raises(AttributeError, match="trigger"):
        _ = html.not_triggered
    with pytest.raises(AttributeError):
        _ = html.__deepcopy_me__


# -- children -----------------------------------------------------------------------------------------------


def test_blocks_made_inside_are_its_children() -> None:
    with gr.Blocks() as demo:
        with gr.HTML(html_template="<h3>Form</h3>@children<p>end</p>", elem_id="h") as html:
            name = gr.Textbox(label="Name")
            email = gr.Textbox(label="Email")
        gr.HTML(elem_id="leaf")
    layout = demo.config["layout"]["children"]
    # Gradio 6.31: the HTML's layout node holds a form holding the two textboxes; a plain HTML has no children.
    assert layout[0]["id"] == html._id
    (form,) = layout[0]["children"]
    assert [c["id"] for c in form["children"]] == [name._id, email._id]
    assert layout[1]["children"] == []


# -- subclasses (Gradio's component-class pattern) ----------------------------------------------------------


class StarRating(gr.HTML):
    def __init__(self, label: str, value: int = 0, **kwargs: Any) -> None:
        super().__init__(
            value=value,
            label=label,
            html_template="${label}: ${'*'.repeat(value)}",
            css_template="color: gold;",
            js_on_load="element.onclick = () => { props.value = 5; };",
            **kwargs,
        )

    def api_info(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 0, "maximum": 5}


class Checks(gr.HTML):
    def __init__(
        self, choices: list[str], *, value: Any = None, colors: list[str], label: str | None = None, **kw: Any
    ):
        super().__init__(
            value=value or [],
            html_template="${choices.join(',')}",
            choices=choices,
            colors=colors,
            label=label,
            **kw,
        )

    def api_info(self) -> dict[str, Any]:
        return {"items": {"enum": self.props["choices"], "type": "string"}, "title": "Checks", "type": "array"}


def test_a_subclass_is_drawn_by_the_html_view_under_its_own_name() -> None:
    with gr.Blocks() as demo:
        rating = StarRating("Food", 3, elem_id="food")
        out = gr.Number()
        gr.Button().click(lambda r: r, rating, out, api_name="rate")
    entry = html_entry(demo, "food")
    # Gradio 6.31: type "html", props named by the lower-case class name, the class in component_class_name.
    assert entry["type"] == "html"
    assert entry["props"]["name"] == "starrating"
    assert entry["props"]["component_class_name"] == "StarRating"
    assert entry["props"]["value"] == 3
    assert entry["api_info"] == {"type": "integer", "minimum": 0, "maximum": 5}
    (param,) = compile_app(demo).api_info_public["named_endpoints"]["/rate"]["parameters"]
    assert param["component"] == "Starrating"
    assert param["type"] == {"type": "integer", "minimum": 0, "maximum": 5}
    assert gr.components.registry.get("html") is gr.HTML  # the app's class does not take the type over


def test_updates_nest_template_props_as_gradio_does(serve_blocks: Any, make_client: Any) -> None:
    with gr.Blocks() as demo:
        checks = Checks(["a", "b", "c"], colors=["red", "green", "blue"], label="Pick")
        tpl = gr.HTML("v", html_template="<i>${value}</i> ${color}", color="red")
        plain = gr.HTML("x")
        gr.Button().click(
            lambda: Checks(["a", "b", "c"], colors=["black"] * 3, label="Recolored"), None, checks, api_name="recolor"
        )
        gr.Button().click(lambda: gr.update(value="w", color="blue"), None, tpl, api_name="upd")
        gr.Button().click(lambda: gr.HTML(["x"], title="New"), None, plain, api_name="instance")
        gr.Button().click(lambda: gr.update(visible=False), None, plain, api_name="visible")
        gr.Button().click(lambda: 7, None, plain, api_name="number")
    client = make_client(serve_blocks(demo))
    # Gradio 6.31's answers through gradio_client.
    assert client.predict(api_name="/recolor") == {
        "label": "Recolored",
        "props": {"colors": ["black", "black", "black"], "choices": ["a", "b", "c"], "__type__": "update"},
        "__type__": "update",
    }
    assert client.predict(api_name="/upd") == {
        "props": {"color": "blue", "__type__": "update"},
        "value": "w",
        "__type__": "update",
    }
    assert client.predict(api_name="/instance") == {
        "props": {"title": "New", "__type__": "update"},
        "value": ["x"],
        "__type__": "update",
    }
    assert client.predict(api_name="/visible") == {"visible": False, "__type__": "update"}
    assert client.predict(api_name="/number") == 7


# -- server functions over the wire -------------------------------------------------------------------------


def test_server_functions_are_called_through_component_server(serve_blocks: Any) -> None:
    def add(pair: list[int]) -> dict[str, Any]:
        return {"sum": sum(pair)}

    async def shout(text: str) -> str:
        return text.upper()

    with gr.Blocks() as demo:
        html = gr.HTML(server_functions=[add, shout])
        plain = gr.HTML()
    url = serve_blocks(demo)
    session = "s" * 11
    with httpx.Client(base_url=url, timeout=TIMEOUT) as http:

        def call(fn: str, data: Any, component: int = html._id) -> httpx.Response:
            body = {"data": data, "component_id": component, "fn_name": fn, "session_hash": session}
            return http.post("gradio_api/component_server/", json=body)

        # As Gradio's page sends them: one argument as itself, several as a list (the function gets one value).
        assert call("add", [1, 2]).json() == {"sum": 3}
        assert call("shout", "hi").json() == "HI"
        assert call("missing", 1).status_code == 404
        assert call("add", [1], component=plain._id).status_code == 404  # another HTML has no such function
        assert call("__init__", 1).status_code == 404
        assert call("add", [1], component=10_000).status_code == 404


def test_methods_marked_as_server_functions_in_a_subclass() -> None:
    from trellis.components.server_functions import server

    class Files(gr.HTML):
        @server
        def ls(self, path: str) -> list[str]:
            return [path]

    html = Files(render=False)
    assert html.get_props()["server_fns"] == ["ls"]
    assert html.ls("x") == ["x"]
