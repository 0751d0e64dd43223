"""The runner on hand-built compiled apps: preprocess → the user's function → postprocess, with no server or queue."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import anyio.lowlevel
import anyio.to_thread
import pytest

import trellis as gr
from trellis.config.build import EndpointInfo, compile_app
from trellis.exceptions import ValidationError
from trellis.processing.files import FileCache
from trellis.processing.runner import (
    CallContext,
    Cancelled,
    InputCountError,
    Outcome,
    OutputCountError,
    Runner,
)
from trellis.processing.session import Session
from trellis.runtime import Request


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Recorder:
    """A reporter that keeps what a call reports (``gr.Progress`` units and ``gr.Info``-style logs)."""

    def __init__(self) -> None:
        self.progress_updates: list[list[dict[str, Any]]] = []
        self.logs: list[tuple[str, str, float | None, bool, str]] = []

    def progress(self, units: list[dict[str, Any]]) -> None:
        self.progress_updates.append(units)

    def log(self, level: str, message: str, duration: float | None, visible: bool, title: str) -> None:
        self.logs.append((level, message, duration, visible, title))


def runner_for(demo: gr.Blocks, tmp_path: Path) -> tuple[Runner, tuple[EndpointInfo, ...]]:
    """A runner of ``demo`` compiled, and its endpoints in listener order."""
    app = compile_app(demo)
    return Runner(app, FileCache(cache_dir=tmp_path)), app.endpoints


def context(session: str = "s1", reporter: Recorder | None = None) -> CallContext:
    return CallContext(session=Session(session), request=Request(), reporter=reporter)


def one_listener(fn: Callable[..., Any], inputs: Any, outputs: Any, tmp_path: Path) -> tuple[Runner, EndpointInfo]:
    """Build a Blocks with fresh components from ``inputs``/``outputs`` (factories) and one listener."""
    with gr.Blocks() as demo:
        ins = [make() for make in inputs]
        outs = [make() for make in outputs]
        gr.Button().click(fn, ins, outs)
    runner, endpoints = runner_for(demo, tmp_path)
    return runner, endpoints[0]


# -- plain functions ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_sync_function_gets_preprocessed_inputs_and_its_result_is_postprocessed(tmp_path: Path) -> None:
    def double(x: float) -> float:
        return x * 2.5

    runner, endpoint = one_listener(double, [gr.Number], [gr.Number], tmp_path)
    assert await runner.call(endpoint, [21], context()) == Outcome(data=[52.5], changed_state_ids=[])


@pytest.mark.anyio
async def test_sync_function_runs_in_a_worker_thread(tmp_path: Path) -> None:
    seen: list[int] = []

    def where(x: str) -> str:
        seen.append(threading.get_ident())
        return x

    runner, endpoint = one_listener(where, [gr.Textbox], [gr.Textbox], tmp_path)
    await runner.call(endpoint, ["x"], context())
    assert [ident == threading.get_ident() for ident in seen] == [False]


@pytest.mark.anyio
async def test_async_function_runs_on_the_event_loop_and_is_postprocessed(tmp_path: Path) -> None:
    seen: list[int] = []

    async def where(x: str) -> int:
        seen.append(threading.get_ident())
        return len(x)

    runner, endpoint = one_listener(where, [gr.Textbox], [gr.Textbox], tmp_path)
    outcome = await runner.call(endpoint, ["abc"], context())
    assert (outcome, seen) == (Outcome(data=["3"], changed_state_ids=[]), [threading.get_ident()])


@pytest.mark.anyio
async def test_several_outputs_take_one_value_each_from_a_tuple(tmp_path: Path) -> None:
    def split(x: str) -> tuple[str, float]:
        return x.upper(), len(x)

    runner, endpoint = one_listener(split, [gr.Textbox], [gr.Textbox, gr.Number], tmp_path)
    assert await runner.call(endpoint, ["ab"], context()) == Outcome(data=["AB", 2], changed_state_ids=[])


@pytest.mark.anyio
async def test_request_parameter_receives_the_calls_request(tmp_path: Path) -> None:
    def who(x: str, request: gr.Request) -> str:
        return f"{x} {request.headers['x-user']}"

    runner, endpoint = one_listener(who, [gr.Textbox], [gr.Textbox], tmp_path)
    ctx = CallContext(session=Session("s1"), request=Request(headers={"X-User": "ada"}))
    assert await runner.call(endpoint, ["hi"], ctx) == Outcome(data=["hi ada"], changed_state_ids=[])


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_input_its_component_refuses_raises_validation_error_before_the_function_runs(tmp_path: Path) -> None:
    calls: list[float] = []
    runner, endpoint = one_listener(calls.append, [lambda: gr.Number(maximum=5)], [gr.Textbox], tmp_path)
    with pytest.raises(ValidationError) as raised:
        await runner.call(endpoint, [9], context())
    assert (str(raised.value), raised.value.title, calls) == ("Value 9 is greater than maximum value 5.", "Error", [])


@pytest.mark.anyio
async def test_gr_error_reaches_the_caller_with_its_message_title_duration_and_visibility(tmp_path: Path) -> None:
    def fail(x: str) -> str:
        raise gr.Error("bad " + x, duration=3, visible=False, title="Oops")

    runner, endpoint = one_listener(fail, [gr.Textbox], [gr.Textbox], tmp_path)
    with pytest.raises(gr.Error) as raised:
        await runner.call(endpoint, ["input"], context())
    error = raised.value
    assert (error.message, error.title, error.duration, error.visible) == ("bad input", "Oops", 3, False)


@pytest.mark.anyio
async def test_plain_exception_reaches_the_caller_unchanged(tmp_path: Path) -> None:
    def crash(x: str) -> str:
        raise KeyError(x)

    runner, endpoint = one_listener(crash, [gr.Textbox], [gr.Textbox], tmp_path)
    with pytest.raises(KeyError) as raised:
        await runner.call(endpoint, ["k"], context())
    assert raised.value.args == ("k",)


@pytest.mark.anyio
async def test_fewer_values_than_inputs_raise_input_count_error(tmp_path: Path) -> None:
    runner, endpoint = one_listener(lambda a, b: a, [gr.Textbox, gr.Textbox], [gr.Textbox], tmp_path)
    with pytest.raises(InputCountError, match=r"needed: 2, got: 1"):
        await runner.call(endpoint, ["only one"], context())


@pytest.mark.anyio
async def test_wrong_number_of_returned_values_raises_output_count_error(tmp_path: Path) -> None:
    runner, endpoint = one_listener(lambda x: (x, x, x), [gr.Textbox], [gr.Textbox, gr.Textbox], tmp_path)
    with pytest.raises(OutputCountError, match=r"returned 3 output values, but the listener has 2 outputs"):
        await runner.call(endpoint, ["x"], context())


# -- generators ------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_sync_generator_emits_each_yield_and_returns_the_last(tmp_path: Path) -> None:
    def count(n: float) -> Iterator[int]:
        yield from range(1, int(n) + 1)

    runner, endpoint = one_listener(count, [gr.Number], [gr.Textbox], tmp_path)
    emitted: list[Outcome] = []
    last = await anyio.to_thread.run_sync(runner.run_generator_sync, endpoint, [3], context(), emitted.append)
    assert ([o.data for o in emitted], last) == ([["1"], ["2"], ["3"]], Outcome(data=["3"], changed_state_ids=[]))


@pytest.mark.anyio
async def test_async_generator_emits_each_yield_and_returns_the_last(tmp_path: Path) -> None:
    async def count(n: float) -> AsyncIterator[int]:
        for i in range(1, int(n) + 1):
            await anyio.lowlevel.checkpoint()
            yield i

    runner, endpoint = one_listener(count, [gr.Number], [gr.Textbox], tmp_path)
    emitted: list[Outcome] = []
    last = await runner.run_async_generator(endpoint, [2], context(), emitted.append)
    assert ([o.data for o in emitted], last) == ([["1"], ["2"]], Outcome(data=["2"], changed_state_ids=[]))


@pytest.mark.anyio
async def test_generator_that_yields_nothing_returns_none(tmp_path: Path) -> None:
    def nothing(x: str) -> Iterator[str]:
        yield from ()

    runner, endpoint = one_listener(nothing, [gr.Textbox], [gr.Textbox], tmp_path)
    emitted: list[Outcome] = []
    last = await anyio.to_thread.run_sync(runner.run_generator_sync, endpoint, ["x"], context(), emitted.append)
    assert (emitted, last) == ([], None)


@pytest.mark.anyio
async def test_cancelled_sync_generator_stops_at_its_next_yield_and_is_closed(tmp_path: Path) -> None:
    steps: list[int] = []
    closed: list[bool] = []

    def endless(x: str) -> Iterator[int]:
        try:
            while True:
                steps.append(len(steps) + 1)
                yield len(steps)
        finally:
            closed.append(True)

    runner, endpoint = one_listener(endless, [gr.Textbox], [gr.Textbox], tmp_path)
    ctx = context()
    emitted: list[Outcome] = []

    def emit(outcome: Outcome) -> None:
        emitted.append(outcome)
        ctx.cancelled.set()  # cancelled while the first value is being sent

    with pytest.raises(Cancelled):
        await anyio.to_thread.run_sync(runner.run_generator_sync, endpoint, ["x"], ctx, emit)
    assert ([o.data for o in emitted], steps, closed) == ([["1"]], [1], [True])


# -- updates and skips ----------------------------------------------------------------------


@pytest.mark.anyio
async def test_update_postprocesses_its_value_and_passes_its_props(tmp_path: Path) -> None:
    runner, endpoint = one_listener(
        lambda x: gr.update(value=6.7, visible=False), [gr.Textbox], [lambda: gr.Number(precision=0)], tmp_path
    )
    outcome = await runner.call(endpoint, ["x"], context())
    assert outcome == Outcome(data=[{"value": 7, "visible": False, "__type__": "update"}], changed_state_ids=[])


@pytest.mark.anyio
async def test_returned_component_instance_becomes_an_update_of_its_explicit_props(tmp_path: Path) -> None:
    runner, endpoint = one_listener(
        lambda x: gr.Textbox(value=x + "!", label="Shout", render=False), [gr.Textbox], [gr.Textbox], tmp_path
    )
    outcome = await runner.call(endpoint, ["hi"], context())
    assert outcome == Outcome(data=[{"label": "Shout", "value": "hi!", "__type__": "update"}], changed_state_ids=[])


@pytest.mark.anyio
async def test_skip_leaves_its_output_unchanged(tmp_path: Path) -> None:
    runner, endpoint = one_listener(lambda x: (gr.skip(), x), [gr.Textbox], [gr.Textbox, gr.Textbox], tmp_path)
    outcome = await runner.call(endpoint, ["x"], context())
    assert outcome == Outcome(data=[{"__type__": "update"}, "x"], changed_state_ids=[])


@pytest.mark.anyio
async def test_dict_return_skips_the_outputs_it_leaves_out(tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        source = gr.Textbox()
        first, second = gr.Textbox(), gr.Number()
        gr.Button().click(lambda x: {second: len(x)}, source, [first, second])
    runner, endpoints = runner_for(demo, tmp_path)
    outcome = await runner.call(endpoints[0], ["abcd"], context())
    assert outcome == Outcome(data=[{"__type__": "update"}, 4], changed_state_ids=[])


@pytest.mark.anyio
async def test_update_of_choices_changes_what_that_session_accepts(tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        pick = gr.Dropdown(choices=["a"])
        gr.Button().click(lambda: gr.update(choices=["a", "b"]), None, pick)
        gr.Button().click(lambda x: x, pick, pick)
    runner, (widen, echo) = runner_for(demo, tmp_path)
    widened, other = context("widened"), context("other")
    await runner.call(widen, [], widened)
    accepted = await runner.call(echo, ["b"], widened)
    with pytest.raises(ValidationError):
        await runner.call(echo, ["b"], other)
    assert accepted == Outcome(data=["b"], changed_state_ids=[])


# -- State ------------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_state_values_are_kept_per_session(tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        count = gr.State(0)
        gr.Button().click(lambda n: n + 1, count, count)
    runner, (increment,) = runner_for(demo, tmp_path)
    first, second = context("first"), context("second")
    for ctx in (first, first, second):
        await runner.call(increment, [None], ctx)
    assert (first.session.get_state(count), second.session.get_state(count)) == (2, 1)


@pytest.mark.anyio
async def test_state_output_is_sent_as_none(tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        count = gr.State(0)
        box = gr.Textbox()
        gr.Button().click(lambda n: (n + 1, str(n + 1)), count, [count, box])
    runner, (increment,) = runner_for(demo, tmp_path)
    assert await runner.call(increment, [None], context()) == Outcome(data=[None, "1"], changed_state_ids=[])


@pytest.mark.anyio
async def test_changed_state_with_a_change_listener_is_reported(tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        count = gr.State(0)
        gr.Button().click(lambda n: n + 1, count, count)
        count.change(lambda n: None, count, None)
    runner, (increment, _) = runner_for(demo, tmp_path)
    assert await runner.call(increment, [None], context()) == Outcome(data=[None], changed_state_ids=[count._id])


# -- progress and logs ------------------------------------------------------------------------


@pytest.mark.anyio
async def test_progress_updates_go_to_the_calls_reporter(tmp_path: Path) -> None:
    def work(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 (Gradio's idiom)
        progress(0.5, desc="half")
        return x

    runner, endpoint = one_listener(work, [gr.Textbox], [gr.Textbox], tmp_path)
    reporter = Recorder()
    await runner.call(endpoint, ["x"], context(reporter=reporter))
    assert reporter.progress_updates == [
        [{"index": None, "length": None, "unit": "steps", "progress": 0.5, "desc": "half"}]
    ]


@pytest.mark.anyio
async def test_progress_tqdm_reports_each_step_and_the_end(tmp_path: Path) -> None:
    def work(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 (Gradio's idiom)
        for _ in progress.tqdm(["a", "b"], desc="items"):
            pass
        return x

    runner, endpoint = one_listener(work, [gr.Textbox], [gr.Textbox], tmp_path)
    reporter = Recorder()
    await runner.call(endpoint, ["x"], context(reporter=reporter))
    assert reporter.progress_updates == [
        [{"index": index, "length": 2, "unit": "steps", "progress": None, "desc": "items"}] for index in (0, 1, 2)
    ]


@pytest.mark.anyio
async def test_info_and_warning_go_to_the_calls_reporter(tmp_path: Path) -> None:
    def chatty(x: str) -> str:
        gr.Info("started")
        gr.Warning("careful", duration=None, title="Hm")
        return x

    runner, endpoint = one_listener(chatty, [gr.Textbox], [gr.Textbox], tmp_path)
    reporter = Recorder()
    await runner.call(endpoint, ["x"], context(reporter=reporter))
    assert reporter.logs == [("info", "started", 10, True, "Info"), ("warning", "careful", None, True, "Hm")]
