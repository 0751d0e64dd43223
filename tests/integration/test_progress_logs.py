"""gr.Info/gr.Warning/gr.Success become ``log`` messages; gr.Progress becomes ``progress`` messages."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import TIMEOUT, completed, fn_index, run_event

import trellis as gr


def logs(x: str) -> str:
    gr.Info("starting " + x)
    gr.Warning("careful", duration=3)
    gr.Success("done", title="Yay")
    gr.Info("quiet", visible=False, duration=None)
    return x


def float_progress(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
    progress(0, desc="start")
    progress(0.5, desc="half")
    return x


def tqdm_progress(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
    for _ in progress.tqdm(range(3), desc="loop"):
        pass
    return x


def pair_progress(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
    progress((1, 4), desc="files", unit="files")
    return x


def generator_logs(x: str) -> Any:
    gr.Info("before")
    yield x
    gr.Warning("between")
    yield x + x


async def async_logs(x: str, progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008
    gr.Info("async info")
    progress(0.25, desc="async")
    return x


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        for fn in (logs, float_progress, tqdm_progress, pair_progress, generator_logs, async_logs):
            gr.Button().click(fn, text, text)
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def _of(messages: list[dict[str, Any]], kind: str, *fields: str) -> list[Any]:
    picked = [m for m in messages if m["msg"] == kind]
    return [tuple(m[f] for f in fields) if len(fields) > 1 else m[fields[0]] for m in picked]


def test_info_warning_and_success_become_log_messages(url: str) -> None:
    messages = run_event(url, fn_index(url, "logs"), ["x"])
    assert _of(messages, "log", "log", "level", "duration", "visible", "title") == [
        ("starting x", "info", 10.0, True, "Info"),
        ("careful", "warning", 3.0, True, "Warning"),
        ("done", "success", 10.0, True, "Yay"),
        ("quiet", "info", None, False, "Info"),
    ]


def test_log_messages_do_not_end_the_event(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "logs"), ["x"]))
    assert (final["success"], final["output"]["data"]) == (True, ["x"])


def test_log_message_has_exactly_the_protocol_fields(url: str) -> None:
    messages = run_event(url, fn_index(url, "logs"), ["x"])
    log = next(m for m in messages if m["msg"] == "log")
    # The protocol's fields, plus the session's message number (trellis/queue/log.py).
    assert sorted(log) == ["duration", "event_id", "level", "log", "msg", "seq", "title", "visible"]


def test_float_progress_sends_progress_without_index(url: str) -> None:
    messages = run_event(url, fn_index(url, "float_progress"), ["x"])
    assert _of(messages, "progress", "progress_data")[-1] == [
        {"index": None, "length": None, "unit": "steps", "progress": 0.5, "desc": "half"}
    ]


def test_tqdm_progress_ends_at_the_total(url: str) -> None:
    messages = run_event(url, fn_index(url, "tqdm_progress"), ["x"])
    assert _of(messages, "progress", "progress_data")[-1] == [
        {"index": 3, "length": 3, "unit": "steps", "progress": None, "desc": "loop"}
    ]


def test_tqdm_progress_counts_up(url: str) -> None:
    messages = run_event(url, fn_index(url, "tqdm_progress"), ["x"])
    indices = [data[0]["index"] for data in _of(messages, "progress", "progress_data")]
    assert indices == sorted(indices)


def test_tuple_progress_sends_index_length_and_unit(url: str) -> None:
    messages = run_event(url, fn_index(url, "pair_progress"), ["x"])
    assert _of(messages, "progress", "progress_data") == [
        [{"index": 1, "length": 4, "unit": "files", "progress": None, "desc": "files"}]
    ]


def test_progress_and_logs_come_before_the_completion(url: str) -> None:
    kinds = [m["msg"] for m in run_event(url, fn_index(url, "tqdm_progress"), ["x"])]
    assert kinds[:2] + kinds[-1:] == ["estimation", "process_starts", "process_completed"]


def test_logs_from_a_generator_interleave_with_its_outputs(url: str) -> None:
    messages = run_event(url, fn_index(url, "generator_logs"), ["g"])
    assert [(m["msg"], m.get("log")) for m in messages if m["msg"] in ("log", "process_generating")] == [
        ("log", "before"),
        ("process_generating", None),
        ("log", "between"),
        ("process_generating", None),
    ]


def test_async_function_sends_logs_and_progress(url: str) -> None:
    messages = run_event(url, fn_index(url, "async_logs"), ["a"])
    assert (_of(messages, "log", "log"), _of(messages, "progress", "progress_data")) == (
        ["async info"],
        [[{"index": None, "length": None, "unit": "steps", "progress": 0.25, "desc": "async"}]],
    )


def test_client_result_is_unaffected_by_logs_and_progress(url: str, make_client: Any) -> None:
    client = make_client(url)
    # One call after another: submits sent at the same instant share the client's stream, and the client
    # cancels a job that registered on it just before a fast sibling's close_stream arrived (its own race,
    # Gradio's server sends the same close), which is not what this test is about.
    results = [
        client.submit("c", api_name=f"/{name}").result(timeout=TIMEOUT)
        for name in ("logs", "tqdm_progress", "async_logs")
    ]
    assert results == ["c", "c", "c"]


def test_progress_parameter_is_not_an_api_parameter(url: str, make_client: Any) -> None:
    info = make_client(url).view_api(print_info=False, return_format="dict")
    assert [p["parameter_name"] for p in info["named_endpoints"]["/tqdm_progress"]["parameters"]] == ["x"]
