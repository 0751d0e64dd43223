"""What the server really sends fits trellis/_wire.py exactly (the types the frontend is generated from)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import fn_index, http_client, join, read_stream
from pydantic import ConfigDict, TypeAdapter, ValidationError

import trellis as gr
from trellis import _wire


def _strict(hint: Any) -> TypeAdapter[Any]:
    """A validator that also refuses keys the wire types do not declare."""
    for entry in _wire.WIRE_TYPES:
        if not isinstance(entry, tuple):
            entry.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
    return TypeAdapter(hint)


def _app() -> gr.Blocks:
    def slow(name: str, progress: gr.Progress = gr.Progress()) -> Iterator[str]:
        gr.Info("starting")
        for step in progress.tqdm(range(2)):
            yield f"{name} {step}"

    def fail(name: str) -> str:
        raise gr.Error("nope", title="Bad")

    with gr.Blocks(title="wire") as demo:
        with gr.Row():
            name = gr.Textbox(label="Name")
            out = gr.Textbox()
        with gr.Tab("files"):
            gr.File()
        go = gr.Button()
        go.click(slow, name, out, api_name="slow")
        name.submit(fail, name, out, api_name="fail")
    return demo


@pytest.fixture(scope="module")
def base_url(serve_blocks: Callable[..., str]) -> str:
    return serve_blocks(_app())


def test_the_config_fits_app_config(base_url: str) -> None:
    with http_client(base_url) as http:
        config = http.get("config").json()
    _strict(_wire.AppConfig).validate_python(config)


def test_every_queue_message_fits_queue_message(base_url: str) -> None:
    session = f"wire{time.monotonic_ns()}"
    with http_client(base_url) as http:
        for api_name in ("slow", "fail"):
            assert join(http, fn_index(base_url, api_name), ["x"], session).status_code == 200
        messages = read_stream(http, session)
    kinds = {m["msg"] for m in messages}
    assert {"estimation", "process_starts", "progress", "log", "process_generating", "process_completed"} <= kinds
    adapter = _strict(_wire.QueueMessage)
    for message in messages:
        adapter.validate_python(message)


def test_an_undeclared_key_is_refused() -> None:
    with pytest.raises(ValidationError):
        _strict(_wire.QueueMessage).validate_python({"msg": "heartbeat", "event_id": None, "extra": 1})
