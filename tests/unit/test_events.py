"""Listener records: api_name derivation, visibility, chaining, gr.on, decorators and input shapes."""

from __future__ import annotations

import functools
from typing import Any

import pytest

import trellis as gr
from trellis.exceptions import InvalidBlockError, InvalidConfigError


def greet(name: str) -> str:
    return "Hello " + name


def _app() -> tuple[gr.Blocks, gr.Textbox, gr.Textbox, gr.Button]:
    with gr.Blocks() as demo:
        inp = gr.Textbox()
        out = gr.Textbox()
        btn = gr.Button()
    return demo, inp, out, btn


def test_api_name_is_the_function_name() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(greet, inp, out)
    assert dep.api_name == "greet"


def test_api_name_of_a_lambda_is_lambda() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(lambda x: x, inp, out)
    assert dep.api_name == "lambda"


def test_api_name_of_a_partial_or_callable_object_is_its_class_name() -> None:
    # As on Gradio 6.31: a function without __name__ is named after its class ("/partial" in the API).
    class Greeter:
        def __call__(self, name: str) -> str:
            return name

    demo, inp, out, btn = _app()
    with demo:
        deps = [btn.click(functools.partial(greet), inp, out), btn.click(Greeter(), inp, out)]
    assert [d.api_name for d in deps] == ["partial", "Greeter"]


def test_api_name_collisions_get_numbered_suffixes() -> None:
    demo, inp, out, btn = _app()
    with demo:
        deps = [btn.click(greet, inp, out) for _ in range(3)] + [btn.click(lambda x: x, inp, out) for _ in range(2)]
    assert [d.api_name for d in deps] == ["greet", "greet_1", "greet_2", "lambda", "lambda_1"]


def test_explicit_api_name_loses_its_leading_slash() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(greet, inp, out, api_name="/say_hi")
    assert dep.api_name == "say_hi"


def test_explicit_api_name_collision_is_suffixed() -> None:
    demo, inp, out, btn = _app()
    with demo:
        first = btn.click(greet, inp, out, api_name="hi")
        second = btn.click(greet, inp, out, api_name="hi")
    assert (first.api_name, second.api_name) == ("hi", "hi_1")


def test_api_name_false_is_named_false_and_private() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(greet, inp, out, api_name=False)
    assert (dep.api_name, dep.api_visibility) == ("false", "private")


def test_show_api_false_makes_the_endpoint_undocumented() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(greet, inp, out, show_api=False)
    assert dep.api_visibility == "undocumented"


def test_listener_without_a_function_is_private_and_unqueued() -> None:
    # As on Gradio 6.31: "js_fn" when it runs JavaScript, else "unnamed"; private, and not queued.
    demo, inp, out, btn = _app()
    with demo:
        js = btn.click(None, inp, out, js="(x) => x")
        empty = btn.click(None, inp, out)
        named = btn.click(None, inp, out, js="(x) => x", api_name="mine")
    assert [(d.api_name, d.api_visibility, d.queue) for d in (js, empty, named)] == [
        ("js_fn", "private", False),
        ("unnamed", "private", False),
        ("mine", "public", False),
    ]
    assert js.fn_name == "unnamed"


def test_dependency_ids_are_positions_in_the_app() -> None:
    demo, inp, out, btn = _app()
    with demo:
        deps = [btn.click(greet, inp, out), inp.submit(greet, inp, out)]
    assert [d.id for d in deps] == [0, 1]


def test_then_triggers_after_the_parent_whatever_its_outcome() -> None:
    demo, inp, out, btn = _app()
    with demo:
        first = btn.click(greet, inp, out)
        after = first.then(greet, out, out)
    assert (after.targets, after.trigger_after, after.trigger_only_on_success, after.trigger_only_on_failure) == (
        [(first.id, "then")],
        first.id,
        False,
        False,
    )


def test_success_triggers_only_after_the_parent_succeeds() -> None:
    demo, inp, out, btn = _app()
    with demo:
        first = btn.click(greet, inp, out)
        after = first.success(greet, out, out)
    assert (after.targets, after.trigger_after, after.trigger_only_on_success, after.trigger_only_on_failure) == (
        [(first.id, "success")],
        first.id,
        True,
        False,
    )


def test_failure_triggers_only_after_the_parent_fails() -> None:
    demo, inp, out, btn = _app()
    with demo:
        first = btn.click(greet, inp, out)
        after = first.failure(greet, out, out)
    assert (after.targets, after.trigger_after, after.trigger_only_on_success, after.trigger_only_on_failure) == (
        [(first.id, "failure")],
        first.id,
        False,
        True,
    )


def test_gr_on_listens_to_every_trigger() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = gr.on([btn.click, inp.submit], greet, inp, out)
    assert (dep.targets, dep.trigger_mode) == ([(btn._id, "click"), (inp._id, "submit")], "once")


def test_gr_on_without_triggers_listens_to_input_changes() -> None:
    demo, inp, out, btn = _app()
    with demo:
        other = gr.Number()
        dep = gr.on(None, lambda a, b: a, [inp, other], out)
    # As in Gradio, it also runs when the page loads.
    assert (dep.targets, dep.trigger_mode) == (
        [(inp._id, "change"), (other._id, "change"), (demo._id, "load")],
        "always_last",
    )
    assert dep.event_specific_args == []


def test_gr_on_outside_blocks_is_refused() -> None:
    with pytest.raises(InvalidConfigError):
        gr.on([], greet, None, None)


def test_change_listeners_default_to_always_last() -> None:
    demo, inp, out, btn = _app()
    with demo:
        change = inp.change(greet, inp, out)
        click = btn.click(greet, inp, out)
    assert (change.trigger_mode, click.trigger_mode) == ("always_last", "once")


def test_decorator_form_registers_the_function_and_returns_it() -> None:
    demo, inp, out, btn = _app()
    with demo:

        @btn.click(inputs=inp, outputs=out)
        def shout(text: str) -> str:
            return text.upper()

    dep = demo.dependencies[-1]
    assert (shout("a"), dep.fn is shout, dep.api_name, dep.targets) == ("A", True, "shout", [(btn._id, "click")])


def test_gr_on_decorator_form() -> None:
    demo, inp, out, btn = _app()
    with demo:

        @gr.on(triggers=[btn.click], inputs=inp, outputs=out)
        def echo(text: str) -> str:
            return text

    assert (demo.dependencies[-1].api_name, demo.dependencies[-1].fn is echo) == ("echo", True)


def test_inputs_as_a_set_become_a_dict_of_components_in_id_order() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(lambda values: "", {out, inp}, out)
    assert (dep.inputs_as_dict, [b._id for b in dep.inputs]) == ("components", [inp._id, out._id])


def test_inputs_as_a_dict_with_string_keys_keep_their_keys() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(lambda values: "", {"first": inp, "second": out}, out)
    assert (dep.inputs_as_dict, dep.input_keys, dep.inputs) == ("keys", ["first", "second"], [inp, out])


def test_single_component_input_becomes_a_list() -> None:
    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(greet, inp, out)
    assert (dep.inputs, dep.outputs, dep.inputs_as_dict) == ([inp], [out], None)


def test_generator_function_is_detected() -> None:
    def tokens(x: str) -> Any:
        yield x

    demo, inp, out, btn = _app()
    with demo:
        dep = btn.click(tokens, inp, out)
        plain = btn.click(greet, inp, out)
    assert (dep.is_generator, plain.is_generator) == (True, False)


def test_cancels_are_a_private_listener_of_their_own() -> None:
    # As on Gradio 6.31: the listener given cancels= cancels nothing itself; the next one, on the same
    # trigger, with no function, does.
    demo, inp, out, btn = _app()
    with demo:
        run = btn.click(greet, inp, out)
        stop = btn.click(greet, inp, out, cancels=[run])
        after = btn.click(greet, inp, out)
    canceller = demo.dependencies[stop.id + 1]
    assert (stop.cancels, stop.is_cancel, after.id) == ([], False, stop.id + 2)
    assert (canceller.targets, canceller.fn, canceller.cancels, canceller.is_cancel) == (
        stop.targets,
        None,
        [run.id],
        True,
    )
    assert (canceller.api_name, canceller.api_visibility, canceller.queue) == ("unnamed", "private", False)


def test_listener_outside_blocks_is_refused_with_a_message() -> None:
    btn = gr.Button(render=False)
    with pytest.raises(InvalidConfigError) as info:
        btn.click(greet, None, None)
    assert str(info.value) == f"Cannot attach a 'click' listener to {btn!r} outside of a `with gr.Blocks()` block."


def test_listener_with_a_non_component_input_is_refused() -> None:
    demo, inp, out, btn = _app()
    with demo, pytest.raises(InvalidBlockError):
        btn.click(greet, ["not a component"], out)


def test_non_callable_fn_is_refused() -> None:
    demo, inp, out, btn = _app()
    with demo, pytest.raises(InvalidConfigError):
        btn.click("greet", inp, out)


def test_bad_trigger_mode_is_refused() -> None:
    demo, inp, out, btn = _app()
    with demo, pytest.raises(InvalidConfigError):
        btn.click(greet, inp, out, trigger_mode="sometimes")


def test_bad_concurrency_limit_is_refused() -> None:
    demo, inp, out, btn = _app()
    with demo, pytest.raises(InvalidConfigError):
        btn.click(greet, inp, out, concurrency_limit=0)


def test_show_progress_booleans_map_to_full_and_hidden() -> None:
    demo, inp, out, btn = _app()
    with demo:
        shown = btn.click(greet, inp, out, show_progress=True)
        hidden = btn.click(greet, inp, out, show_progress=False)
    assert (shown.show_progress, hidden.show_progress) == ("full", "hidden")


def test_event_data_subclass_reads_its_fields() -> None:
    data = gr.SelectData(None, {"index": 2, "value": "b", "selected": False})
    assert (data.index, data.value, data.selected, data.row_value) == (2, "b", False, None)


def test_a_class_lists_the_listeners_it_and_its_bases_declare_as_its_events() -> None:
    from trellis.blocks.events import BoundListener, EventListener
    from trellis.components.base import Component

    class Dial(Component, register=False):
        turn = EventListener()
        press = EventListener()

    class LockedDial(Dial, register=False):
        unlock = EventListener()

    class Legacy(Component, register=False):
        EVENTS = ("change", "tap")

    assert (Dial.EVENTS, LockedDial.EVENTS, Legacy.EVENTS) == (
        ("turn", "press"),
        ("turn", "press", "unlock"),
        ("change", "tap"),
    )
    dial = LockedDial(render=False)
    assert isinstance(dial.unlock, BoundListener) and (dial.turn.block, dial.turn.event_name) == (dial, "turn")
    assert isinstance(Legacy(render=False).tap, BoundListener)


@pytest.mark.slow
def test_a_type_checker_sees_each_components_listeners(tmp_path: Any) -> None:
    """Listeners are declared on the class, so mypy knows ``button.click`` and refuses ``button.submit``."""
    api = pytest.importorskip("mypy.api")
    app = tmp_path / "app.py"
    app.write_text(
        "import trellis as gr\n"
        "with gr.Blocks():\n"
        "    box, button = gr.Textbox(), gr.Button()\n"
        "    button.click(lambda: None).then(lambda: None)\n"
        "    box.submit(lambda: None)\n"
        "    button.submit(lambda: None)\n"
    )
    out, _, status = api.run([str(app), "--no-incremental", "--cache-dir", str(tmp_path / "cache")])
    errors = [line.split(": error: ")[1] for line in out.splitlines() if ": error: " in line]
    assert (status, errors) == (1, ['"Button" has no attribute "submit"  [attr-defined]'])
