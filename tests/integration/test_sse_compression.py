"""The queue's SSE stream is gzip-compressed for clients that accept it, and every message can be
decoded as soon as it is sent (the stream is flushed after each write)."""

from __future__ import annotations

import json
import threading
import uuid
import zlib
from collections.abc import Iterator

import httpx
import pytest
from conftest import TIMEOUT, fn_index, http_client, join, read_stream, serve

import trellis as gr

gate = threading.Event()


def tokens(count: float):
    text = ""
    for i in range(int(count)):
        text += f" token{i}"
        yield text
        if i == 0:
            gate.wait(timeout=3 * TIMEOUT)


@pytest.fixture(scope="module")
def app() -> Iterator[str]:
    with gr.Blocks() as demo:
        count = gr.Number(label="Count")
        out = gr.Textbox(label="Out")
        gr.Button().click(tokens, count, out, api_name="tokens")
    with serve(demo) as url:
        yield url


def test_first_message_decodes_before_the_event_ends(app: str) -> None:
    gate.clear()
    session = uuid.uuid4().hex
    with http_client(app) as http:
        join(http, fn_index(app, "tokens"), [3], session)
        decoder = zlib.decompressobj(31)
        text = ""
        with http.stream(
            "GET", "gradio_api/queue/data", params={"session_hash": session}, headers={"Accept-Encoding": "gzip"}
        ) as response:
            assert response.headers["content-encoding"] == "gzip"
            assert response.headers["content-type"].startswith("text/event-stream")
            for chunk in response.iter_raw():
                text += decoder.decompress(chunk).decode()
                if '"process_generating"' in text:
                    break  # the generator still waits on the gate: this message was flushed on its own
        assert not gate.is_set()
        first = json.loads(text.split("\n\n")[-2][len("data: ") :])
        assert first["msg"] == "process_generating" and first["output"]["data"] == [" token0"]
        gate.set()


def test_compressed_and_plain_streams_carry_the_same_messages(app: str) -> None:
    gate.set()
    results = {}
    for encoding in ("gzip", "identity"):
        session = uuid.uuid4().hex
        with http_client(app, headers={"Accept-Encoding": encoding}) as http:
            join(http, fn_index(app, "tokens"), [200], session)
            results[encoding] = read_stream(http, session)
    strip = lambda ms: [(m["msg"], m.get("output", {}).get("data")) for m in ms if m["msg"] != "heartbeat"]  # noqa: E731
    assert strip(results["gzip"]) == strip(results["identity"])
    assert [m for m in results["gzip"] if m["msg"] == "process_completed"][0]["output"]["data"][0].endswith("token199")


def test_compression_cuts_the_bytes_of_a_token_stream(app: str) -> None:
    gate.set()
    sizes = {}
    for encoding in ("gzip", "identity"):
        session = uuid.uuid4().hex
        with httpx.Client(base_url=app, timeout=TIMEOUT) as http:
            join(http, fn_index(app, "tokens"), [500], session)
            with http.stream(
                "GET", "gradio_api/queue/data", params={"session_hash": session}, headers={"Accept-Encoding": encoding}
            ) as response:
                sizes[encoding] = sum(len(chunk) for chunk in response.iter_raw())
    assert sizes["gzip"] * 8 < sizes["identity"], sizes


def test_official_client_reads_the_compressed_stream(app: str, make_client) -> None:
    gate.set()
    job = make_client(app).submit(4, api_name="/tokens")
    assert job.result(timeout=TIMEOUT) == " token0 token1 token2 token3"
    assert job.outputs() == [" token0", " token0 token1", " token0 token1 token2", " token0 token1 token2 token3"]
