"""The official Python client against a real server: predict, keyword arguments, generators and view_api."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event
from gradio_client.utils import Status

import trellis as gr


def greet(name: str, times: float = 1) -> str:
    return ("Hello " + name + "! ") * int(times)


def count(n: float) -> Any:
    text = ""
    for i in range(int(n)):
        text += f"tok{i} "
        yield text


def pair(a: str, b: str) -> tuple[str, str]:
    return b, a


def describe(values: dict[Any, Any]) -> str:
    return ",".join(sorted(str(v) for v in values.values()))


def empty_generator(x: str) -> Any:
    if False:
        yield x


def grow_in_place(n: float) -> Any:
    """Yields the same list object each time, appending to it in between."""
    items: list[int] = []
    for i in range(int(n)):
        items.append(i)
        yield items


def wait_greet(name: str) -> str:
    time.sleep(0.3)
    return "Hello " + name + "! "


async def async_greet(name: str) -> str:
    return "async " + name


async def async_count(n: float) -> Any:
    for i in range(int(n)):
        yield str(i)


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        times = gr.Number(value=1, label="Times")
        out = gr.Textbox(label="Greeting")
        gr.Button().click(greet, [name, times], out)
        gr.Button().click(count, times, out)
        other = gr.Textbox(label="Other")
        gr.Button().click(pair, [name, other], [out, other])
        gr.Button().click(describe, {name, other}, out)
        gr.Button().click(empty_generator, name, out)
        gr.Button().click(async_greet, name, out)
        gr.Button().click(wait_greet, name, out)
        gr.Button().click(async_count, times, out)
        gr.Button().click(str.upper, name, out, api_name="shout", queue=False)
        gr.Button().click(grow_in_place, times, gr.JSON(), postprocess=False)
        gr.Button().click(grow_in_place, times, gr.JSON(), api_name="grow_postprocessed")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Any) -> str:
    return serve_blocks(build())


def test_predict_with_positional_arguments(url: str, make_client: Any) -> None:
    assert make_client(url).predict("World", 2, api_name="/greet") == "Hello World! Hello World! "


def test_predict_with_keyword_arguments(url: str, make_client: Any) -> None:
    assert make_client(url).predict(name="World", times=3, api_name="/greet") == "Hello World! " * 3


def test_predict_fills_missing_arguments_from_defaults(url: str, make_client: Any) -> None:
    assert make_client(url).predict("World", api_name="/greet") == "Hello World! "


def test_predict_with_several_outputs_returns_a_tuple(url: str, make_client: Any) -> None:
    assert make_client(url).predict("a", "b", api_name="/pair") == ("b", "a")


def test_predict_with_set_inputs_receives_a_dict(url: str, make_client: Any) -> None:
    assert make_client(url).predict("x", "y", api_name="/describe") == "x,y"


def test_predict_of_an_async_function(url: str, make_client: Any) -> None:
    assert make_client(url).predict("me", api_name="/async_greet") == "async me"


def test_predict_of_a_queue_false_listener(url: str, make_client: Any) -> None:
    assert make_client(url).predict("loud", api_name="/shout") == "LOUD"


def test_submit_generator_outputs_are_the_growing_prefixes(url: str, make_client: Any) -> None:
    job = make_client(url).submit(3, api_name="/count")
    assert job.result(timeout=TIMEOUT) == "tok0 tok1 tok2 "
    assert job.outputs() == ["tok0 ", "tok0 tok1 ", "tok0 tok1 tok2 "]


def test_iterating_a_generator_job_yields_each_output(url: str, make_client: Any) -> None:
    job = make_client(url).submit(3, api_name="/count")
    assert list(job) == ["tok0 ", "tok0 tok1 ", "tok0 tok1 tok2 "]


def test_generator_job_status_is_finished(url: str, make_client: Any) -> None:
    job = make_client(url).submit(2, api_name="/count")
    job.result(timeout=TIMEOUT)
    status = job.status()
    assert (status.code, status.success) == (Status.FINISHED, True)


def test_async_generator_outputs(url: str, make_client: Any) -> None:
    job = make_client(url).submit(3, api_name="/async_count")
    assert (job.result(timeout=TIMEOUT), job.outputs()) == ("2", ["0", "1", "2"])


def test_generator_mutating_one_object_has_each_state_in_outputs(url: str, make_client: Any) -> None:
    job = make_client(url).submit(3, api_name="/grow_postprocessed")
    assert (job.result(timeout=TIMEOUT), job.outputs()) == ([0, 1, 2], [[0], [0, 1], [0, 1, 2]])


def test_generator_mutating_one_object_without_postprocess_has_each_state_in_outputs(
    url: str, make_client: Any
) -> None:
    job = make_client(url).submit(3, api_name="/grow_in_place")
    assert (job.result(timeout=TIMEOUT), job.outputs()) == ([0, 1, 2], [[0], [0, 1], [0, 1, 2]])


def test_generator_that_yields_nothing_completes_with_none(url: str, make_client: Any) -> None:
    assert make_client(url).predict("x", api_name="/empty_generator") is None


def test_plain_function_outputs_hold_only_the_final_value(url: str, make_client: Any) -> None:
    job = make_client(url).submit("A", 1, api_name="/greet")
    assert (job.result(timeout=TIMEOUT), job.outputs()) == ("Hello A! ", ["Hello A! "])


def test_one_client_runs_several_jobs_at_once(url: str, make_client: Any) -> None:
    """Five jobs in flight on one client's shared stream.

    Each call takes 0.3 s, so that every job has joined before the first ends: with instant calls,
    gradio_client itself can cancel a job that registered on its stream just as a sibling's completion
    made the client close it (a race inside the client, on any server).
    """
    client = make_client(url)
    jobs = [client.submit(f"n{i}", api_name="/wait_greet") for i in range(5)]
    assert [job.result(timeout=TIMEOUT) for job in jobs] == [f"Hello n{i}! " for i in range(5)]


def test_view_api_lists_the_public_endpoints(url: str, make_client: Any) -> None:
    info = make_client(url).view_api(print_info=False, return_format="dict")
    assert sorted(info["named_endpoints"]) == sorted(
        [
            "/greet",
            "/count",
            "/pair",
            "/describe",
            "/empty_generator",
            "/async_greet",
            "/wait_greet",
            "/async_count",
            "/shout",
            "/grow_in_place",
            "/grow_postprocessed",
        ]
    )


def test_wire_messages_of_a_generator_use_diffs_after_the_first(url: str) -> None:
    messages = run_event(url, fn_index(url, "count"), [3])
    generating = [m["output"]["data"] for m in messages if m["msg"] == "process_generating"]
    assert generating == [["tok0 "], [[["append", [], "tok1 "]]], [[["append", [], "tok2 "]]]]


def test_wire_completion_of_a_generator_carries_the_full_value(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "count"), [3]))
    assert (final["success"], final["output"]["data"], final["output"]["is_generating"]) == (
        True,
        ["tok0 tok1 tok2 "],
        False,
    )


def test_wire_message_order_of_one_event(url: str) -> None:
    messages = run_event(url, fn_index(url, "count"), [2])
    assert [m["msg"] for m in messages] == [
        "estimation",
        "process_starts",
        "process_generating",
        "process_generating",
        "process_completed",
    ]


def test_wire_success_output_has_no_error_key(url: str) -> None:
    final = completed(run_event(url, fn_index(url, "greet"), ["A", 1]))
    assert sorted(final["output"]) == [
        "average_duration",
        "changed_state_ids",
        "data",
        "duration",
        "is_generating",
        "render_config",
        "used_cache",
    ]


def test_config_root_is_the_absolute_server_url(url: str) -> None:
    assert httpx.get(url + "config", timeout=TIMEOUT).json()["root"] == url.rstrip("/")


def test_unknown_session_stream_gets_session_not_found(url: str) -> None:
    response = httpx.get(url + "gradio_api/queue/data", params={"session_hash": "nobody"}, timeout=TIMEOUT)
    assert (response.status_code, response.text) == (
        200,
        'data: {"msg":"unexpected_error","event_id":null,"message":"404: Not Found",'
        '"session_not_found":true,"success":false,"seq":0}\n\n',
    )
