"""What the config says about timers, live values and unload, as Gradio 6.31's config says it."""

from __future__ import annotations

import itertools
from typing import Any

import trellis as gr


def _dep(config: dict[str, Any], fn_index: int) -> dict[str, Any]:
    return next(d for d in config["dependencies"] if d["id"] == fn_index)


def test_every_seconds_makes_its_timer_right_after_the_component() -> None:
    counter = itertools.count()
    with gr.Blocks() as demo:
        name = gr.Textbox("x")
        live = gr.Textbox(lambda: f"a{next(counter)}", every=0.5)
        later = gr.Textbox()
    # As Gradio: the Timer is made in the component's constructor, so it takes the next id and the
    # components made after it are numbered after it.
    timer = live.every
    assert isinstance(timer, gr.Timer)
    assert timer.value == 0.5
    assert timer._id == live._id + 1
    assert later._id == live._id + 2
    config = demo.config
    loader = config["dependencies"][0]
    assert loader["targets"] == [[timer._id, "tick"], [demo._id, "load"]]
    assert loader["show_progress"] == "hidden"
    assert loader["trigger_mode"] == "once"
    # The timer does not split the inputs' Form: Gradio's layout is [Form(x, live, later), timer].
    form = config["layout"]["children"][0]
    assert [c["id"] for c in form["children"]] == [name._id, live._id, later._id]
    assert config["layout"]["children"][1] == {"id": timer._id}


def test_timer_state_and_browser_state_do_not_break_a_form() -> None:
    with gr.Blocks() as demo:
        first = gr.Textbox()
        timer = gr.Timer(1)
        state = gr.State(0)
        stored = gr.BrowserState()
        second = gr.Number()
        button = gr.Button()
        third = gr.Textbox()
    children = demo.config["layout"]["children"]
    form = children[0]
    assert [c["id"] for c in form["children"]] == [first._id, second._id]
    assert [c["id"] for c in children[1:4]] == [timer._id, state._id, stored._id]
    assert children[4] == {"id": button._id}
    assert [c["id"] for c in children[5]["children"]] == [third._id]


def test_every_as_a_timer_uses_that_timer() -> None:
    with gr.Blocks() as demo:
        timer = gr.Timer(2)
        name = gr.Textbox("x")
        live = gr.Textbox(lambda n: n, every=timer, inputs=[name])
    assert live.every is timer
    loader = demo.config["dependencies"][0]
    assert loader["targets"] == [[name._id, "change"], [timer._id, "tick"], [demo._id, "load"]]
    assert len([c for c in demo.config["components"] if c["type"] == "timer"]) == 1


def test_unload_has_no_target_and_shows_no_progress() -> None:
    with gr.Blocks() as demo:
        gr.Textbox()
    demo.unload(lambda: None)
    unload = _dep(demo.config, 0)
    assert unload["targets"] == [[None, "unload"]]
    assert unload["show_progress"] == "hidden"
    assert unload["queue"] is True
    assert unload["api_visibility"] == "private"
