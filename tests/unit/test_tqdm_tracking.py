"""``gr.Progress(track_tqdm=True)``: real tqdm bars report to the event whose function made them.

The processing layer wraps a tracking function's call in ``tracking_tqdm()`` with the event's
reporter set; here a recording reporter stands in for the queue, so every update is seen (the
queue coalesces unsent ones). The wire messages themselves are checked in
tests/integration/test_progress_tqdm.py.
"""

from __future__ import annotations

import concurrent.futures
import contextvars
import io
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from typing import Any

import pytest

tqdm_module = pytest.importorskip("tqdm")
from tqdm import tqdm, trange  # noqa: E402
from tqdm.auto import tqdm as auto_tqdm  # noqa: E402

import trellis as gr  # noqa: E402
from trellis.runtime import current_reporter, tracking_tqdm  # noqa: E402


class Recorder:
    """A reporter that keeps every ``progress_data`` sent, as ``(desc, index, length, unit)`` tuples."""

    def __init__(self) -> None:
        self.sent: list[list[tuple[Any, ...]]] = []
        self.lock = threading.Lock()

    def progress(self, units: list[dict[str, Any]]) -> None:
        assert all(list(unit) == ["index", "length", "unit", "progress", "desc"] for unit in units)
        with self.lock:
            self.sent.append([(u["desc"], u["index"], u["length"], u["unit"]) for u in units])

    def log(self, level: str, message: str, duration: float | None, visible: bool, title: str) -> None:
        pass


def run_event(fn: Callable[[], Any], track: bool = True) -> Recorder:
    """Run ``fn`` as the processing layer runs an event's function: its own context, reporter and scope."""
    recorder = Recorder()

    def call() -> None:
        token = current_reporter.set(recorder)
        try:
            with tracking_tqdm(track):
                fn()
        finally:
            current_reporter.reset(token)

    contextvars.copy_context().run(call)
    return recorder


def test_an_iterated_bar_reports_each_step_then_goes() -> None:
    def fn() -> None:
        for _ in tqdm(range(3), desc="outer"):
            pass

    assert run_event(fn).sent == [
        [("outer", 0, 3, "steps")],
        [("outer", 1, 3, "steps")],
        [("outer", 2, 3, "steps")],
        [],
    ]


def test_nested_bars_from_trange_and_tqdm_auto_stack_up() -> None:
    def fn() -> None:
        for _ in trange(2, desc="A"):
            for _ in auto_tqdm(range(2), desc="B", unit="img"):
                pass

    a0, a1, a2 = ("A", 0, 2, "steps"), ("A", 1, 2, "steps"), ("A", 2, 2, "steps")
    b0, b1 = ("B", 0, 2, "img"), ("B", 1, 2, "img")
    assert run_event(fn).sent == [[a0], [a1, b0], [a1, b1], [a1], [a1], [a2, b0], [a2, b1], [a2], []]


def test_a_manual_bar_shows_at_once_counts_updates_and_closes() -> None:
    def fn() -> None:
        bar = tqdm(total=4, desc="files", unit="file")
        bar.update()
        bar.update(2)
        bar.close()

    assert run_event(fn).sent == [
        [("files", 0, 4, "file")],
        [("files", 1, 4, "file")],
        [("files", 3, 4, "file")],
        [],
    ]


def test_a_bar_used_as_a_context_manager_closes_at_the_end_of_the_block() -> None:
    def fn() -> None:
        with tqdm(total=2) as bar:
            bar.update()

    assert run_event(fn).sent == [[(None, 0, 2, "steps")], [(None, 1, 2, "steps")], []]


def test_progress_tqdm_and_a_tqdm_bar_share_the_levels() -> None:
    progress = gr.Progress(track_tqdm=True)

    def fn() -> None:
        for _ in progress.tqdm(range(1), desc="P"):
            for _ in tqdm(range(1), desc="T"):
                pass

    sent = run_event(fn).sent
    assert [("P", 0, 1, "steps"), ("T", 0, 1, "steps")] in sent


def test_without_track_tqdm_bars_report_nothing_and_keep_their_console_output() -> None:
    out = io.StringIO()

    def fn() -> None:
        for _ in tqdm(range(2), desc="plain", file=out):
            pass

    assert run_event(fn, track=False).sent == []
    assert "plain" in out.getvalue()


def test_a_tracked_bar_writes_nothing_to_its_console() -> None:
    out = io.StringIO()

    def fn() -> None:
        for _ in tqdm(range(2), desc="quiet", file=out):
            pass

    assert run_event(fn).sent[0] == [("quiet", 0, 2, "steps")]
    assert out.getvalue() == ""


def test_a_bar_made_outside_any_event_is_left_alone() -> None:
    out = io.StringIO()
    for _ in tqdm(range(2), desc="outside", file=out):
        pass
    assert "outside" in out.getvalue()


def test_a_bar_that_outlives_its_event_reports_nothing_more() -> None:
    bars: list[Any] = []

    def fn() -> None:
        bars.append(tqdm(total=3, desc="late"))

    recorder = run_event(fn)
    assert recorder.sent == [[("late", 0, 3, "steps")]]
    bars[0].update()
    bars[0].close()
    assert recorder.sent == [[("late", 0, 3, "steps")]]


def test_a_bar_in_a_thread_the_function_starts_reports_to_the_event() -> None:
    def work() -> None:
        for _ in tqdm(range(2), desc="worker"):
            pass

    def fn() -> None:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()

    assert run_event(fn).sent == [[("worker", 0, 2, "steps")], [("worker", 1, 2, "steps")], []]


def test_pool_tasks_report_to_the_event_that_submitted_them() -> None:
    # One pool shared by two events in turn: its worker thread was started by the first event,
    # yet the second event's task reports to the second event only.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:

        def fn(name: str) -> Callable[[], None]:
            def run() -> None:
                pool.submit(lambda: list(tqdm(range(1), desc=name))).result()

            return run

        first, second = run_event(fn("first")), run_event(fn("second"))
        outside: list[Any] = []
        pool.submit(lambda: outside.append(list(tqdm(range(1), desc="nobody", file=io.StringIO())))).result()
    assert first.sent == [[("first", 0, 1, "steps")], []]
    assert second.sent == [[("second", 0, 1, "steps")], []]


def test_concurrent_events_only_see_their_own_bars() -> None:
    both_running = threading.Barrier(2, timeout=10)

    def fn(name: str) -> Callable[[], None]:
        def run() -> None:
            for _ in tqdm(range(3), desc=name):
                both_running.wait()  # both events are inside their loops at once

        return run

    recorders: dict[str, Recorder] = {}

    def event(name: str) -> None:
        recorders[name] = run_event(fn(name))

    threads = [threading.Thread(target=event, args=(name,)) for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, recorder in recorders.items():
        assert recorder.sent == [[(name, i, 3, "steps")] for i in range(3)] + [[]]


def _run(code: str) -> Any:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_tqdm_is_imported_only_when_a_function_asks_for_tracking() -> None:
    code = """
    import json, sys
    import trellis as gr
    from trellis.runtime import tracking_tqdm
    def fn(x, progress=gr.Progress(track_tqdm=True)):
        return x
    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(fn, text, text)
    before = "tqdm" in sys.modules
    with tracking_tqdm():
        pass
    print(json.dumps([before, "tqdm" in sys.modules]))
    """
    assert _run(code) == [False, True]


def test_without_tqdm_installed_tracking_is_a_no_op_and_progress_still_reports() -> None:
    code = """
    import json, sys
    sys.modules["tqdm"] = None  # as if tqdm were not installed
    import trellis as gr
    from trellis.runtime import current_reporter, tracking_tqdm
    sent = []
    class Recorder:
        def progress(self, units): sent.append([(u["desc"], u["index"]) for u in units])
        def log(self, *args): pass
    current_reporter.set(Recorder())
    progress = gr.Progress(track_tqdm=True)
    with tracking_tqdm():
        for _ in progress.tqdm(range(1), desc="own"):
            pass
    print(json.dumps(sent))
    """
    assert _run(code) == [[["own", 0]], [["own", 1]]]
