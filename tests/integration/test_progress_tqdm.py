"""``gr.Progress(track_tqdm=True)`` over the wire: tqdm bars in a function become its event's ``progress``.

Each ``progress_data`` entry has Gradio's fields (index, length, unit, progress, desc); bars of one
event never reach another session's stream, and a tracked bar prints nothing to the console.

The queue replaces a progress message nobody has read yet with the next one, so the functions here
wait (``seen``) until the test's reader has received the message of each step before taking the next.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from typing import Any

import pytest
from conftest import TIMEOUT, completed, fn_index, http_client, iter_sse, join

import trellis as gr

pytest.importorskip("tqdm")
from tqdm import tqdm  # noqa: E402

FIELDS = ["index", "length", "unit", "progress", "desc"]

#: Released once per ``progress`` message the test's reader receives.
seen = threading.Semaphore(0)


def wait_seen() -> None:
    assert seen.acquire(timeout=TIMEOUT), "the reader did not receive the progress message"


#: Both concurrent events wait here inside their loops, so their bars are live at the same time.
both_running = threading.Barrier(2, timeout=TIMEOUT)
#: Set by each concurrent event's reader once it has its bar: an unread progress message is replaced by the
#: next one (they coalesce), so a reader that came late would see only the last, empty one.
bar_read = {"left": threading.Event(), "right": threading.Event()}


def manual(x: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
    bar = tqdm(total=4, desc="files", unit="file")
    wait_seen()
    for _ in range(4):
        bar.update()
        wait_seen()
    bar.close()
    return x


def nested(x: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
    for _ in tqdm(range(2), desc="outer"):
        wait_seen()
        for _ in tqdm(range(2), desc="inner", unit="img"):
            wait_seen()
    return x


def concurrent_bars(name: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
    for step in tqdm(range(3), desc=name):
        if step == 0:
            assert bar_read[name].wait(TIMEOUT), "the reader did not receive the bar"
        both_running.wait()
    return name


def in_thread(x: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
    def work() -> None:
        for _ in tqdm(range(2), desc="worker"):
            wait_seen()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return x


def generator(x: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> Any:  # noqa: B008
    for i in tqdm(range(2), desc="gen"):
        wait_seen()
        yield f"{x}{i}"


async def async_fn(x: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
    for _ in tqdm(range(2), desc="async"):
        await asyncio.to_thread(wait_seen)
    return x


def untracked(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
    for _ in tqdm(range(2), desc="untracked-bar"):
        pass
    return x


def tracked_console(x: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
    for _ in tqdm(range(2), desc="tracked-bar"):
        pass
    return x


#: Set by the test once the official client has seen the bar of ``client_bar``.
client_saw_bar = threading.Event()


def client_bar(x: str, progress: gr.Progress = gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
    with tqdm(total=2, desc="for the client") as bar:
        bar.update()
        assert client_saw_bar.wait(TIMEOUT)
    return x


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        for fn in (manual, nested, in_thread, generator, async_fn, untracked, tracked_console, client_bar):
            gr.Button().click(fn, text, text, api_name=fn.__name__)
        gr.Button().click(concurrent_bars, text, text, api_name="concurrent_bars", concurrency_limit=2)
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def run_event(base_url: str, fn: int, data: list[Any]) -> list[dict[str, Any]]:
    """Join one event and read its stream to the end, releasing ``seen`` for each progress message."""
    session_hash = uuid.uuid4().hex
    messages: list[dict[str, Any]] = []
    with http_client(base_url) as http:
        assert join(http, fn, data, session_hash).status_code == 200
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session_hash}) as response:
            for message in iter_sse(response):
                messages.append(message)
                if message["msg"] == "progress":
                    seen.release()
    assert messages[-1]["msg"] == "close_stream"
    while seen.acquire(blocking=False):  # permits left by messages no step waited for
        pass
    return [m for m in messages if m["event_id"] is not None]


def progress_of(messages: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [m["progress_data"] for m in messages if m["msg"] == "progress"]


def test_a_manual_bar_sends_each_step_with_gradios_fields_and_ends_empty(url: str) -> None:
    messages = run_event(url, fn_index(url, "manual"), ["x"])
    sent = progress_of(messages)
    assert all(list(level) == FIELDS for data in sent for level in data)
    assert sent == [
        [{"index": i, "length": 4, "unit": "file", "progress": None, "desc": "files"}] for i in range(5)
    ] + [[]]
    assert completed(messages)["success"] is True


def test_nested_bars_send_two_levels(url: str) -> None:
    sent = progress_of(run_event(url, fn_index(url, "nested"), ["x"]))
    two_levels = [data for data in sent if len(data) == 2]
    assert two_levels, sent
    assert {(data[0]["desc"], data[1]["desc"], data[1]["unit"]) for data in two_levels} == {("outer", "inner", "img")}


def test_a_bar_in_a_thread_the_function_starts_is_its_progress(url: str) -> None:
    sent = progress_of(run_event(url, fn_index(url, "in_thread"), ["x"]))
    assert {level["desc"] for data in sent for level in data} == {"worker"}


def test_generators_and_async_functions_track_bars_too(url: str) -> None:
    gen = run_event(url, fn_index(url, "generator"), ["g"])
    assert {level["desc"] for data in progress_of(gen) for level in data} == {"gen"}
    assert completed(gen)["output"]["data"] == ["g1"]
    sent = progress_of(run_event(url, fn_index(url, "async_fn"), ["a"]))
    assert {level["desc"] for data in sent for level in data} == {"async"}


def test_concurrent_events_get_only_their_own_bars(url: str) -> None:
    fn = fn_index(url, "concurrent_bars")
    results: dict[str, list[dict[str, Any]]] = {}

    def session(name: str) -> None:
        session_hash = uuid.uuid4().hex
        got: list[dict[str, Any]] = results.setdefault(name, [])
        with http_client(url) as http:
            assert join(http, fn, [name], session_hash).status_code == 200
            with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session_hash}) as response:
                for message in iter_sse(response):
                    got.append(message)
                    if message["msg"] == "progress" and message["progress_data"]:
                        bar_read[name].set()

    threads = [threading.Thread(target=session, args=(name,)) for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in ("left", "right"):
        descs = {level["desc"] for data in progress_of(results[name]) for level in data}
        assert descs == {name}, results[name]
        assert completed([m for m in results[name] if m["event_id"]])["output"]["data"] == [name]


def test_a_tracked_bar_prints_nothing_while_an_untracked_one_prints(
    url: str, capfd: pytest.CaptureFixture[str]
) -> None:
    run_event(url, fn_index(url, "tracked_console"), ["x"])
    run_event(url, fn_index(url, "untracked"), ["x"])
    err = capfd.readouterr().err
    assert "untracked-bar" in err
    assert "tracked-bar" not in err.replace("untracked-bar", "")


def test_the_official_client_sees_the_bar_in_the_job_status(url: str, make_client: Any) -> None:
    client = make_client(url)
    job = client.submit("c", api_name="/client_bar")
    deadline = time.monotonic() + TIMEOUT
    while not job.status().progress_data:
        assert time.monotonic() < deadline, job.status()
        time.sleep(0.02)
    unit = job.status().progress_data[0]
    assert (unit.desc, unit.index, unit.length, unit.unit, unit.progress) == ("for the client", 1, 2, "steps", None)
    client_saw_bar.set()
    assert job.result(timeout=TIMEOUT) == "c"
