"""gr.Timer in the page: it ticks while active and shown, as Gradio 6.31's page does.

To check that ticks do *not* come, a test lets the page count intervals of the timer's own
period with a plain ``setInterval`` and waits until several have passed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

Serve = Callable[..., str]

PERIOD = 0.2


class Ticks:
    """Counts the calls of a tick listener (from the server's side)."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            self.count += 1
            return self.count


def _let_intervals_pass(page: Page, intervals: int) -> None:
    """Wait until ``intervals`` periods of the timer have passed in the page."""
    page.evaluate(
        "([ms]) => { window.__beats = 0; const id = setInterval(() => { if (++window.__beats >= 99) clearInterval(id); }, ms); }",
        [PERIOD * 1000],
    )
    page.wait_for_function(f"() => window.__beats >= {intervals}")


def _wait_for_at_least(page: Page, label: str, least: int) -> None:
    """Wait until the number box ``label`` shows ``least`` or more (ticks move it on quickly)."""
    box = page.get_by_label(label, exact=True).element_handle()
    page.wait_for_function("([box, least]) => Number(box.value) >= least", arg=[box, least])


def _hide(page: Page, hidden: bool) -> None:
    state = "hidden" if hidden else "visible"
    page.evaluate(
        "(state) => { Object.defineProperty(document, 'visibilityState', { get: () => state, configurable: true });"
        " document.dispatchEvent(new Event('visibilitychange')); }",
        state,
    )


def test_a_hidden_tab_does_not_tick(page: Page, serve: Serve) -> None:
    ticks = Ticks()
    with gr.Blocks() as demo:
        timer = gr.Timer(PERIOD)
        count = gr.Number(label="Ticks")
        timer.tick(ticks, None, count)
    page.goto(serve(demo))
    _wait_for_at_least(page, "Ticks", 1)  # it ticks while shown
    _hide(page, True)
    _let_intervals_pass(page, 2)  # a tick sent just before hiding has arrived
    before = ticks.count
    _let_intervals_pass(page, 6)
    assert ticks.count == before, "ticks were sent while the tab was hidden"
    _hide(page, False)
    _wait_for_at_least(page, "Ticks", before + 2)  # it ticks again once shown


def test_an_inactive_timer_starts_changes_pace_and_stops_by_events(page: Page, serve: Serve) -> None:
    ticks = Ticks()
    with gr.Blocks() as demo:
        timer = gr.Timer(PERIOD, active=False)
        count = gr.Number(label="Ticks")
        start = gr.Button("Start")
        stop = gr.Button("Stop")
        slower = gr.Button("Slower")
        timer.tick(ticks, None, count)
        start.click(lambda: gr.Timer(active=True), None, timer)
        stop.click(lambda: gr.update(active=False), None, timer)
        slower.click(lambda: 30, None, timer)
    page.goto(serve(demo))
    expect(page.get_by_label("Ticks")).to_have_value("0")
    _let_intervals_pass(page, 4)
    assert ticks.count == 0
    page.get_by_role("button", name="Start").click()
    _wait_for_at_least(page, "Ticks", 3)
    page.get_by_role("button", name="Stop").click()
    _let_intervals_pass(page, 2)
    stopped = ticks.count
    _let_intervals_pass(page, 5)
    assert ticks.count == stopped
    # Started again at a 30 s pace: no tick comes in the next few periods.
    page.get_by_role("button", name="Slower").click()
    page.get_by_role("button", name="Start").click()
    _let_intervals_pass(page, 5)
    assert ticks.count == stopped


def test_a_live_value_every_seconds_keeps_its_inputs_form(page: Page, serve: Serve) -> None:
    calls = Ticks()
    with gr.Blocks() as demo:
        name = gr.Textbox("x", label="Name")
        gr.Textbox(lambda: f"tick {calls()}", every=PERIOD, label="Live")
        gr.Textbox(label="After")
    page.goto(serve(demo))
    expect(page.get_by_label("Live")).to_have_value(re.compile(r"tick ([4-9]|\d\d+)"))
    # One Form holds the three boxes (the Timer does not split it), so they share one panel.
    form = page.locator(".form").filter(has=page.get_by_label("Name"))
    expect(form.get_by_label("After")).to_be_visible()
    assert name.every is None


def test_ticks_do_not_pile_up_behind_a_slow_listener(page: Page, serve: Serve) -> None:
    running = {"now": 0, "most": 0, "calls": 0}
    lock = threading.Lock()
    release = threading.Event()

    def slow() -> int:
        with lock:
            running["now"] += 1
            running["calls"] += 1
            running["most"] = max(running["most"], running["now"])
        release.wait(10)
        with lock:
            running["now"] -= 1
        return running["calls"]

    with gr.Blocks() as demo:
        timer = gr.Timer(PERIOD)
        count = gr.Number(label="Calls")
        timer.tick(slow, None, count)
    page.goto(serve(demo))
    _let_intervals_pass(page, 8)  # many ticks while the first call is still running
    assert running["calls"] == 1  # as Gradio: trigger_mode "once" drops them
    release.set()
    _wait_for_at_least(page, "Calls", 2)
    assert running["most"] == 1


def test_a_timer_gradio_would_not_mount_does_not_tick(page: Page, serve: Serve) -> None:
    in_tab, in_column = Ticks(), Ticks()
    with gr.Blocks() as demo:
        with gr.Tabs():
            with gr.Tab("One"):
                tab_count = gr.Number(label="Tab ticks")
                column_count = gr.Number(label="Column ticks")
                show = gr.Button("Show")
                hide = gr.Button("Hide")
            with gr.Tab("Two"):
                tab_timer = gr.Timer(PERIOD)
        with gr.Column(visible=False) as column:
            column_timer = gr.Timer(PERIOD)
        tab_timer.tick(in_tab, None, tab_count)
        column_timer.tick(in_column, None, column_count)
        show.click(lambda: gr.Column(visible=True), None, column)
        hide.click(lambda: gr.Column(visible=False), None, column)
    page.goto(serve(demo))
    expect(page.get_by_role("button", name="Show")).to_be_visible()
    # As Gradio's page: a Tab never opened and a visible=False Column hold no mounted Timer.
    _let_intervals_pass(page, 6)
    assert (in_tab.count, in_column.count) == (0, 0)
    # Once the tab has been opened its Timer ticks, even after going back to the first tab.
    page.get_by_role("tab", name="Two").click()
    page.get_by_role("tab", name="One").click()
    _wait_for_at_least(page, "Tab ticks", 2)
    # The column's Timer ticks while the column is shown, and stops when it is hidden again.
    page.get_by_role("button", name="Show").click()
    _wait_for_at_least(page, "Column ticks", 2)
    page.get_by_role("button", name="Hide").click()
    _let_intervals_pass(page, 2)
    hidden = in_column.count
    _let_intervals_pass(page, 5)
    assert in_column.count == hidden
