"""Streaming inputs (``.stream`` listeners of a webcam Image / microphone Audio) over raw HTTP.

The page joins the event with its first frame, then posts each next frame to
``/gradio_api/stream/{event_id}`` and stops with ``/gradio_api/stream/{event_id}/close``; every call's
outputs come back as ``process_streaming`` and the event ends with ``process_completed`` (on close,
on its ``time_limit``, or when no input comes), as Gradio 6.31 does.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import queue as queue_module
import shutil
import subprocess
import threading
import time
import uuid
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from conftest import TIMEOUT, fn_index, http_client, join, parse_sse, serve
from PIL import Image as PILImage

import trellis as gr

#: Calls each function got, by name (appended to from the server's threads).
calls: dict[str, list[Any]] = {}
lock = threading.Lock()


def note(name: str, value: Any) -> None:
    with lock:
        calls.setdefault(name, []).append(value)


def png_url(width: int, height: int, color: tuple[int, int, int] = (200, 10, 10)) -> dict[str, str]:
    """A frame as the page sends it: ``{"url": "data:image/...;base64,..."}``."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    return {"url": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()}


def wav_bytes(samples: int, rate: int = 16000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.arange(samples, dtype=np.int16) % 100).tobytes())
    return buffer.getvalue()


def shape(img: np.ndarray | None) -> str:
    note("shape", None if img is None else img.shape)
    return "none" if img is None else f"{img.shape[1]}x{img.shape[0]}"


def count_samples(audio: tuple[int, np.ndarray] | None, total: int | None) -> int:
    rate, data = audio if audio is not None else (0, np.zeros(0))
    note("audio", (rate, data.shape, str(data.dtype)))
    return (total or 0) + len(data)


def fails_on_wide(img: np.ndarray) -> str:
    if img.shape[1] > 10:
        raise gr.Error("too wide")
    return "ok"


def slow(img: np.ndarray) -> str:
    note("slow", img.shape)
    time.sleep(0.2)
    return f"{img.shape[1]}"


def widths(imgs: list[np.ndarray]) -> list[list[str]]:
    note("widths", [img.shape[1] for img in imgs])
    time.sleep(0.1)
    return [[f"w{img.shape[1]}" for img in imgs]]


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        cam = gr.Image(sources=["webcam"], streaming=True)
        size = gr.Textbox()
        cam.stream(shape, cam, size, stream_every=0.1, api_name="shape")
        mic = gr.Audio(sources=["microphone"], streaming=True)
        total = gr.Number()
        mic.stream(count_samples, [mic, total], total, stream_every=0.1, api_name="samples")
        limited = gr.Image(sources=["webcam"], streaming=True)
        limited_out = gr.Textbox()
        limited.stream(shape, limited, limited_out, time_limit=1.0, api_name="limited")
        bad = gr.Image(sources=["webcam"], streaming=True)
        bad_out = gr.Textbox()
        bad.stream(fails_on_wide, bad, bad_out, api_name="bad")
        one = gr.Image(sources=["webcam"], streaming=True)
        one_out = gr.Textbox()
        one.stream(slow, one, one_out, concurrency_limit=1, api_name="one")
        batched = gr.Image(sources=["webcam"], streaming=True)
        batched_out = gr.Textbox()
        batched.stream(
            widths, batched, batched_out, batch=True, max_batch_size=4, concurrency_limit=1, api_name="widths"
        )
        btn = gr.Button()
        btn.click(lambda: "x", None, size, api_name="plain")
    return demo


@pytest.fixture(scope="module")
def url(serve_blocks: Callable[..., str]) -> str:
    return serve_blocks(build())


class Reader:
    """Reads a session's ``/queue/data`` in a thread; ``wait(pred)`` returns the first message matching."""

    def __init__(self, base: str, session_hash: str) -> None:
        self.messages: queue_module.Queue[dict[str, Any]] = queue_module.Queue()
        self.seen: list[dict[str, Any]] = []
        self.http = http_client(base)
        self.session_hash = session_hash
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with (
            contextlib.suppress(httpx.HTTPError),
            self.http.stream("GET", "gradio_api/queue/data", params={"session_hash": self.session_hash}) as resp,
        ):
            buffer = ""
            for chunk in resp.iter_text():
                buffer += chunk
                while "\n\n" in buffer:
                    block, buffer = buffer.split("\n\n", 1)
                    for message in parse_sse(block + "\n\n"):
                        self.messages.put(message)

    def wait(self, pred: Callable[[dict[str, Any]], bool], timeout: float = TIMEOUT) -> dict[str, Any]:
        give_up = time.monotonic() + timeout
        while True:
            left = give_up - time.monotonic()
            assert left > 0, f"no matching message; saw {[m['msg'] for m in self.seen]}"
            try:
                message = self.messages.get(timeout=left)
            except queue_module.Empty:
                continue
            self.seen.append(message)
            if pred(message):
                return message

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def session() -> Iterator[Callable[[str], tuple[str, httpx.Client, list[Reader]]]]:
    made: list[tuple[httpx.Client, list[Reader]]] = []

    def make(base: str) -> tuple[str, httpx.Client, list[Reader]]:
        http = http_client(base)
        readers: list[Reader] = []
        made.append((http, readers))
        return uuid.uuid4().hex[:11], http, readers

    yield make
    for http, readers in made:
        for reader in readers:
            reader.close()
        http.close()


def start(base: str, http: httpx.Client, readers: list[Reader], api: str, first: Any, sh: str) -> tuple[str, Reader]:
    response = join(http, fn_index(base, api), [first] if api != "samples" else [first, None], sh)
    assert response.status_code == 200, response.text
    reader = Reader(base, sh)
    readers.append(reader)
    return response.json()["event_id"], reader


def streaming(event_id: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: m["msg"] == "process_streaming" and m["event_id"] == event_id


def completed(event_id: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: m["msg"] == "process_completed" and m["event_id"] == event_id


def test_frames_reach_the_function_and_results_stream_back(url: str, session: Any) -> None:
    sh, http, readers = session(url)
    event_id, reader = start(url, http, readers, "shape", png_url(4, 3), sh)
    first = reader.wait(streaming(event_id))
    assert first["output"]["data"] == ["4x3"]
    assert first["output"]["is_generating"] is True
    assert first["success"] is True and first["time_limit"] is None
    for width in (7, 9):
        body = {"fn_index": fn_index(url, "shape"), "data": [png_url(width, 2)], "session_hash": sh}
        response = http.post(f"gradio_api/stream/{event_id}", json=body)
        assert response.status_code == 200 and response.json() == {"msg": "success"}
        assert reader.wait(streaming(event_id))["output"]["data"] == [f"{width}x2"]
    assert calls["shape"][-3:] == [(3, 4, 3), (2, 7, 3), (2, 9, 3)]
    response = http.post(f"gradio_api/stream/{event_id}/close", json={})
    assert response.status_code == 200 and response.json() == {"msg": "success"}
    done = reader.wait(completed(event_id))
    assert done["success"] is True and done["output"]["data"] == ["9x2"]
    assert reader.wait(lambda m: m["msg"] == "close_stream")["event_id"] is None
    # The event is over: further chunks and closes are refused clearly.
    late = http.post(f"gradio_api/stream/{event_id}", json={"data": [png_url(2, 2)], "session_hash": sh})
    assert late.status_code == 404 and "may have ended" in late.json()["detail"]
    assert http.post(f"gradio_api/stream/{event_id}/close", json={}).status_code == 404


def test_microphone_chunks_arrive_as_rate_and_samples(url: str, session: Any) -> None:
    sh, http, readers = session(url)

    def uploaded(samples: int) -> dict[str, Any]:
        response = http.post("gradio_api/upload", files=[("files", ("audio.wav", wav_bytes(samples), "audio/wav"))])
        assert response.status_code == 200, response.text
        path = response.json()[0]
        return {"path": path, "orig_name": "audio.wav", "is_stream": True, "meta": {"_type": "gradio.FileData"}}

    event_id, reader = start(url, http, readers, "samples", uploaded(800), sh)
    assert reader.wait(streaming(event_id))["output"]["data"] == [800]
    body = {"data": [uploaded(1600), 800], "session_hash": sh, "fn_index": fn_index(url, "samples")}
    assert http.post(f"gradio_api/stream/{event_id}", json=body).status_code == 200
    assert reader.wait(streaming(event_id))["output"]["data"] == [2400]
    assert calls["audio"][-2:] == [(16000, (800,), "int16"), (16000, (1600,), "int16")]
    assert http.post(f"gradio_api/stream/{event_id}/close", json={}).status_code == 200
    assert reader.wait(completed(event_id))["output"]["data"] == [2400]


def test_time_limit_ends_the_event(url: str, session: Any) -> None:
    sh, http, readers = session(url)
    began = time.monotonic()
    event_id, reader = start(url, http, readers, "limited", png_url(5, 5), sh)
    first = reader.wait(streaming(event_id))
    assert 0 < first["time_limit"] <= 1.0  # what remains of the limit, for the page's bar
    # Frames keep coming: the event still ends once its limit is spent.
    stop = threading.Event()

    def feed() -> None:
        with http_client(url) as feeder:
            while not stop.is_set():
                feeder.post(f"gradio_api/stream/{event_id}", json={"data": [png_url(6, 6)], "session_hash": sh})
                stop.wait(0.1)

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    try:
        done = reader.wait(completed(event_id))
    finally:
        stop.set()
        thread.join()
    # As Gradio's: the completion of a stream event still says is_generating.
    assert done["success"] is True and done["output"]["is_generating"] is True
    assert 1.0 <= time.monotonic() - began < 1.0 + TIMEOUT / 2
    assert (
        http.post(f"gradio_api/stream/{event_id}", json={"data": [png_url(2, 2)], "session_hash": sh}).status_code
        == 404
    )


def test_no_input_within_the_limit_ends_the_event(url: str, session: Any) -> None:
    sh, http, readers = session(url)
    event_id, reader = start(url, http, readers, "limited", png_url(5, 4), sh)
    reader.wait(streaming(event_id))
    done = reader.wait(completed(event_id))  # nothing posted: the last outputs are the final ones
    assert done["output"]["data"] == ["5x4"]


def test_a_failing_call_fails_the_event(url: str, session: Any) -> None:
    sh, http, readers = session(url)
    event_id, reader = start(url, http, readers, "bad", png_url(3, 3), sh)
    assert reader.wait(streaming(event_id))["output"]["data"] == ["ok"]
    body = {"data": [png_url(30, 3)], "session_hash": sh}
    assert http.post(f"gradio_api/stream/{event_id}", json=body).status_code == 200
    done = reader.wait(completed(event_id))
    assert done["success"] is False and done["output"]["error"] == "too wide"
    assert http.post(f"gradio_api/stream/{event_id}", json=body).status_code == 404


def test_only_the_owning_session_may_feed_or_close(url: str, session: Any) -> None:
    sh, http, readers = session(url)
    event_id, reader = start(url, http, readers, "shape", png_url(4, 4), sh)
    reader.wait(streaming(event_id))
    other = uuid.uuid4().hex[:11]
    chunk = {"data": [png_url(8, 8)]}
    assert http.post(f"gradio_api/stream/{event_id}", json={**chunk, "session_hash": other}).status_code == 404
    assert http.post(f"gradio_api/stream/{event_id}/close", json={"session_hash": other}).status_code == 404
    # Malformed bodies: 4xx, and the event goes on.
    assert http.post(f"gradio_api/stream/{event_id}", json=chunk).status_code == 422  # no session_hash
    assert http.post(f"gradio_api/stream/{event_id}", json={"data": "x", "session_hash": sh}).status_code == 422
    two = {"data": [png_url(8, 8), 1], "session_hash": sh}
    assert http.post(f"gradio_api/stream/{event_id}", json=two).status_code == 422
    assert http.post(f"gradio_api/stream/{event_id}", json=[1]).status_code == 422
    assert (
        http.post(
            f"gradio_api/stream/{event_id}", content=b"{", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert http.post(f"gradio_api/stream/{event_id}", content=b"{}").status_code == 415
    assert http.post("gradio_api/stream/" + "0" * 32, json={**chunk, "session_hash": sh}).status_code == 404
    ok = http.post(f"gradio_api/stream/{event_id}", json={**chunk, "session_hash": sh})
    assert ok.status_code == 200
    assert reader.wait(streaming(event_id))["output"]["data"] == ["8x8"]
    assert http.post(f"gradio_api/stream/{event_id}/close", json={}).status_code == 200
    assert reader.wait(completed(event_id))["success"] is True


def test_a_non_stream_event_takes_no_chunks(url: str, session: Any) -> None:
    sh, http, readers = session(url)
    response = join(http, fn_index(url, "plain"), [], sh)
    event_id = response.json()["event_id"]
    assert http.post(f"gradio_api/stream/{event_id}", json={"data": [], "session_hash": sh}).status_code == 404


def test_concurrency_limit_holds_for_the_whole_stream(url: str, session: Any) -> None:
    sh_a, http_a, readers_a = session(url)
    sh_b, http_b, readers_b = session(url)
    a, reader_a = start(url, http_a, readers_a, "one", png_url(2, 2), sh_a)
    reader_a.wait(streaming(a))
    b, reader_b = start(url, http_b, readers_b, "one", png_url(3, 3), sh_b)
    reader_b.wait(lambda m: m["msg"] == "estimation" and m["event_id"] == b)
    # While A streams, B waits in line; a chunk B posts meanwhile becomes its first input.
    assert (
        http_b.post(f"gradio_api/stream/{b}", json={"data": [png_url(4, 4)], "session_hash": sh_b}).status_code == 200
    )
    assert (
        http_a.post(f"gradio_api/stream/{a}", json={"data": [png_url(5, 5)], "session_hash": sh_a}).status_code == 200
    )
    assert reader_a.wait(streaming(a))["output"]["data"] == ["5"]
    assert not [m for m in reader_b.seen if m["msg"] == "process_starts"]
    assert http_a.post(f"gradio_api/stream/{a}/close", json={}).status_code == 200
    reader_a.wait(completed(a))
    assert reader_b.wait(streaming(b))["output"]["data"] == ["4"]
    assert http_b.post(f"gradio_api/stream/{b}/close", json={}).status_code == 200
    reader_b.wait(completed(b))


def test_a_batch_listener_streams_each_event_its_own_results(url: str, session: Any) -> None:
    """``batch=True`` stream events that start together share calls; each gets its own results and ends alone."""
    (sh_c, http_c, readers_c), (sh_a, http_a, readers_a), (sh_b, http_b, readers_b) = (session(url) for _ in range(3))
    # C holds the listener's one slot, so A and B wait in line and then start as one batch.
    c, reader_c = start(url, http_c, readers_c, "widths", png_url(7, 7), sh_c)
    assert reader_c.wait(streaming(c))["output"]["data"] == ["w7"]
    a, reader_a = start(url, http_a, readers_a, "widths", png_url(2, 2), sh_a)
    b, reader_b = start(url, http_b, readers_b, "widths", png_url(3, 3), sh_b)
    reader_b.wait(lambda m: m["msg"] == "estimation" and m["event_id"] == b)
    with lock:
        calls["widths"] = []
    assert http_c.post(f"gradio_api/stream/{c}/close", json={}).status_code == 200
    reader_c.wait(completed(c))
    assert reader_a.wait(streaming(a))["output"]["data"] == ["w2"]
    assert reader_b.wait(streaming(b))["output"]["data"] == ["w3"]
    assert sorted(calls["widths"][0]) == [2, 3]  # one call for both first inputs
    # Each stream's next input comes back to it alone, however the calls group them.
    for width in (4, 5):
        for event_id, sh, http, reader, w in (
            (a, sh_a, http_a, reader_a, width),
            (b, sh_b, http_b, reader_b, width + 10),
        ):
            chunk = {"data": [png_url(w, 2)], "session_hash": sh}
            assert http.post(f"gradio_api/stream/{event_id}", json=chunk).status_code == 200
        assert reader_a.wait(streaming(a))["output"]["data"] == [f"w{width}"]
        assert reader_b.wait(streaming(b))["output"]["data"] == [f"w{width + 10}"]
    # A ends; B goes on streaming in the same run, then ends too.
    assert http_a.post(f"gradio_api/stream/{a}/close", json={}).status_code == 200
    assert reader_a.wait(completed(a))["output"]["data"] == ["w5"]
    chunk = {"data": [png_url(9, 2)], "session_hash": sh_b}
    assert http_b.post(f"gradio_api/stream/{b}", json=chunk).status_code == 200
    assert reader_b.wait(streaming(b))["output"]["data"] == ["w9"]
    assert calls["widths"][-1] == [9]
    assert http_b.post(f"gradio_api/stream/{b}/close", json={}).status_code == 200
    assert reader_b.wait(completed(b))["output"]["data"] == ["w9"]
    assert not [m for m in reader_a.seen if m["event_id"] == b] and not [m for m in reader_b.seen if m["event_id"] == a]


def test_cancel_stops_a_stream_event(url: str, session: Any) -> None:
    sh, http, readers = session(url)
    event_id, reader = start(url, http, readers, "shape", png_url(4, 4), sh)
    reader.wait(streaming(event_id))
    body = {"event_id": event_id, "session_hash": sh, "fn_index": fn_index(url, "shape")}
    assert http.post("gradio_api/cancel", json=body).status_code == 200
    reader.wait(completed(event_id))
    chunk = {"data": [png_url(8, 8)], "session_hash": sh}
    assert http.post(f"gradio_api/stream/{event_id}", json=chunk).status_code == 404


#: The official JS client as tests/protocol/test_official_clients.py installs it (this test does not install it).
JS_CLIENT = (
    Path(os.environ.get("TRELLIS_CACHE", Path(__file__).resolve().parents[2] / ".cache")) / "gradio-js-client-2.7.0"
)

JS_STREAM_CHECK = """
import { Client } from "@gradio/client";
const app = await Client.connect(process.argv[2], { events: ["data", "status"] });
const frames = JSON.parse(process.argv[3]);
const job = app.submit("/shape", [{ url: frames[0] }]);
const seen = [];
let sent = 1;
for await (const ev of job) {
  if (ev.type === "status" && ev.stage === "error") throw new Error(ev.message);
  if (ev.type !== "data") continue;
  seen.push(ev.data[0]);
  if (sent < frames.length) job.send_chunk({ data: [{ url: frames[sent++] }], fn_index: ev.fn_index });
  else { job.close_stream(); break; }
}
console.log(JSON.stringify(seen));
app.close();
process.exit(0);
"""


@pytest.mark.skipif(
    shutil.which("node") is None or not (JS_CLIENT / "node_modules" / "@gradio" / "client").exists(),
    reason="Node.js or the cached @gradio/client is missing",
)
def test_the_official_js_client_streams_chunks(url: str) -> None:
    frames = [png_url(w, h)["url"] for w, h in [(4, 3), (7, 2), (9, 5)]]
    script = JS_CLIENT / f"stream_check_{uuid.uuid4().hex[:8]}.mjs"
    script.write_text(JS_STREAM_CHECK)
    try:
        result = subprocess.run(
            ["node", script.name, url, json.dumps(frames)],
            cwd=JS_CLIENT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        script.unlink()
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["4x3", "7x2", "9x5"]


def test_a_live_interface_streams_its_webcam_input(serve_blocks: Callable[..., str], session: Any) -> None:
    demo = gr.Interface(shape, gr.Image(sources=["webcam"], streaming=True), "text", live=True, stream_every=0.2)
    base = serve_blocks(demo)
    config = httpx.get(base + "config", timeout=TIMEOUT).json()
    dep = config["dependencies"][0]
    image_id = next(c["id"] for c in config["components"] if c["type"] == "image")
    # As Gradio's live Interface: the streaming input's stream event, its own connection and pace.
    assert dep["targets"] == [[image_id, "stream"]]
    assert (dep["connection"], dep["stream_every"], dep["time_limit"]) == ("stream", 0.2, 30)
    assert (dep["show_progress"], dep["trigger_mode"]) == ("hidden", "multiple")
    sh, http, readers = session(base)
    response = join(http, dep["id"], [png_url(6, 4)], sh)
    event_id = response.json()["event_id"]
    reader = Reader(base, sh)
    readers.append(reader)
    first = reader.wait(streaming(event_id))
    assert first["output"]["data"] == ["6x4"] and 0 < first["time_limit"] <= 30
    assert (
        http.post(f"gradio_api/stream/{event_id}", json={"data": [png_url(3, 3)], "session_hash": sh}).status_code
        == 200
    )
    assert reader.wait(streaming(event_id))["output"]["data"] == ["3x3"]
    assert http.post(f"gradio_api/stream/{event_id}/close", json={}).status_code == 200
    assert reader.wait(completed(event_id))["output"]["data"] == ["3x3"]


def test_a_stream_event_of_a_gone_client_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRELLIS_DISCONNECT_GRACE", "0.3")
    with serve(build()) as base, http_client(base) as http:
        sh = uuid.uuid4().hex[:11]
        event_id, reader = start(base, http, [], "shape", png_url(4, 4), sh)
        reader.wait(streaming(event_id))
        chunk = {"data": [png_url(5, 5)], "session_hash": sh}
        assert http.post(f"gradio_api/stream/{event_id}", json=chunk).status_code == 200
        reader.close()  # its stream drops, and it has no heartbeat: after the grace its event is stopped
        deadline = time.monotonic() + TIMEOUT
        while http.post(f"gradio_api/stream/{event_id}", json=chunk).status_code == 200:
            assert time.monotonic() < deadline, "the gone client's stream event still takes chunks"
            time.sleep(0.05)
        assert http.post(f"gradio_api/stream/{event_id}", json=chunk).status_code == 404
