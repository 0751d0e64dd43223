"""Streamed audio output over HTTP: the HLS playlist grows while the generator runs, blocking
reloads answer as soon as a segment exists, segments are whole MP3 frames, the final value is the
whole file (what gradio_client downloads), and bad requests get clear errors."""

from __future__ import annotations

import io
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import soundfile
from conftest import TIMEOUT, completed, fn_index, http_client, join, read_stream, serve

import trellis as gr
from trellis.components._audio import mp3_frames

RATE = 22050
CHUNK = RATE // 2  # half a second per yield

gate = threading.Event()


def tones(count: float):
    for i in range(int(count)):
        t = np.arange(CHUNK) / RATE
        yield RATE, (np.sin(2 * np.pi * (300 + 50 * i) * t) * 0.3).astype(np.float32)
        if i == 1:
            gate.wait(timeout=3 * TIMEOUT)


def broken(count: float):
    t = np.arange(CHUNK) / RATE
    yield RATE, (np.sin(2 * np.pi * 440 * t) * 0.3).astype(np.float32)
    raise gr.Error("the synthesiser broke")


def from_files(count: float, tmp: str):
    for i in range(int(count)):
        path = Path(tmp) / f"chunk{i}.wav"
        soundfile.write(path, np.full(CHUNK, 0.1 * (i + 1), dtype=np.float32), RATE)
        yield str(path)


def whole(count: float) -> tuple[int, np.ndarray]:
    return RATE, np.zeros(CHUNK * int(count), dtype=np.int16)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = str(tmp_path_factory.mktemp("chunks"))
    with gr.Blocks() as demo:
        count = gr.Number(value=4, label="Chunks")
        folder = gr.Textbox(value=tmp, label="Folder")
        out = gr.Audio(streaming=True, label="Out")
        gr.Button().click(tones, count, out, api_name="tones")
        gr.Button().click(broken, count, out, api_name="broken")
        gr.Button().click(from_files, [count, folder], out, api_name="from_files")
        gr.Button().click(whole, count, out, api_name="whole")
    with serve(demo) as url:
        yield url


def stream_file(messages: list[dict[str, Any]]) -> dict[str, Any]:
    first = next(m for m in messages if m["msg"] == "process_generating")
    return first["output"]["data"][0]


def test_playlist_grows_while_the_generator_runs(app: str) -> None:
    gate.clear()
    session = uuid.uuid4().hex
    with http_client(app) as http:
        event_id = join(http, fn_index(app, "tones"), [4], session).json()["event_id"]
        result: dict[str, Any] = {}
        reader = threading.Thread(target=lambda: result.update(messages=read_stream(http_client(app), session)))
        reader.start()
        path = f"{session}/{event_id}/{_audio_id(app)}/playlist.m3u8"
        playlist_url = f"gradio_api/stream/{path}"
        # A blocking reload for segment 1 answers once the second chunk is encoded, before the generator ends.
        response = http.get(playlist_url, params={"_HLS_msn": 1})
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/vnd.apple.mpegurl"
        assert response.headers["cache-control"] == "no-store"
        text = response.text
        assert text.startswith("#EXTM3U\n") and "#EXT-X-PLAYLIST-TYPE:EVENT" in text
        assert "#EXT-X-ENDLIST" not in text  # still running: the gate holds the generator
        segments = [line for line in text.splitlines() if line and not line.startswith("#")]
        assert len(segments) >= 2 and segments[0] == "0.mp3"
        durations = [float(line[8:].rstrip(",")) for line in text.splitlines() if line.startswith("#EXTINF:")]
        assert 0.5 <= sum(durations) <= 1.0  # two half-second chunks, minus what the encoder still holds
        gate.set()
        reader.join(timeout=3 * TIMEOUT)
        final = http.get(playlist_url, params={"_HLS_msn": 99}).text
        assert final.endswith("#EXT-X-ENDLIST\n")
        data = b"".join(
            http.get(f"gradio_api/stream/{session}/{event_id}/{_audio_id(app)}/{name}").content
            for name in final.splitlines()
            if name and not name.startswith("#")
        )
    complete_bytes, samples, rate = mp3_frames(data)
    assert complete_bytes == len(data) and rate == RATE  # whole MP3 frames, nothing else
    assert 4 * CHUNK <= samples <= 4 * CHUNK + 3 * 1152  # all four chunks (plus encoder padding)
    messages = [m for m in result["messages"] if m.get("event_id") == event_id]
    file = stream_file(messages)
    assert file["is_stream"] is True and file["path"] == path
    assert file["url"].endswith(f"/gradio_api/stream/{path}")
    assert file["meta"] == {"_type": "gradio.FileData"}
    later = [m for m in messages if m["msg"] == "process_generating"][1:]
    assert later and all(m["output"]["data"] == [[]] for m in later)  # the stream's FileData does not change
    done = completed(messages)["output"]["data"][0]
    assert done["path"] == path and done["is_stream"] is True
    assert "/gradio_api/file=" in done["url"] and done["url"].endswith("audio-stream.mp3")


def test_client_result_is_the_whole_file(app: str, make_client: Any) -> None:
    gate.set()
    client = make_client(app)
    job = client.submit(3, api_name="/tones")
    path = job.result(timeout=3 * TIMEOUT)
    assert path.endswith(".mp3")
    samples, rate = soundfile.read(path)
    assert rate == RATE and abs(len(samples) - 3 * CHUNK) <= 2 * 1152
    # the whole file is also served at the stream's playlist-file route
    assert len(job.outputs()) == 3


def test_chunks_given_as_files(app: str, make_client: Any) -> None:
    config = httpx.get(app + "config", timeout=TIMEOUT).json()
    folder = next(c["props"]["value"] for c in config["components"] if c["props"].get("label") == "Folder")
    result = make_client(app).predict(2, folder, api_name="/from_files")
    samples, rate = soundfile.read(result)
    assert rate == RATE and abs(len(samples) - 2 * CHUNK) <= 2 * 1152
    # louder second chunk: the mean level rises
    first, second = np.abs(samples[: CHUNK // 2]).mean(), np.abs(samples[-CHUNK // 2 :]).mean()
    assert second > first * 1.5


def test_error_mid_stream_ends_the_playlist(app: str) -> None:
    session = uuid.uuid4().hex
    with http_client(app) as http:
        event_id = join(http, fn_index(app, "broken"), [3], session).json()["event_id"]
        messages = [m for m in read_stream(http, session) if m.get("event_id") == event_id]
        final = completed(messages)
        assert final["success"] is False and final["output"]["error"] == "the synthesiser broke"
        path = stream_file(messages)["path"]
        started = time.monotonic()
        text = http.get(f"gradio_api/stream/{path}", params={"_HLS_msn": 50}).text
        assert time.monotonic() - started < TIMEOUT / 2  # ended: no waiting for segments that never come
        assert text.endswith("#EXT-X-ENDLIST\n")


def test_non_generator_streaming_output_is_a_plain_file(app: str, make_client: Any) -> None:
    path = make_client(app).predict(2, api_name="/whole")
    assert path.endswith(".wav")
    samples, rate = soundfile.read(path)
    assert rate == RATE and len(samples) == 2 * CHUNK


def test_bad_stream_requests(app: str) -> None:
    gate.set()
    session = uuid.uuid4().hex
    with http_client(app) as http:
        event_id = join(http, fn_index(app, "tones"), [2], session).json()["event_id"]
        read_stream(http, session)
        base = f"gradio_api/stream/{session}/{event_id}/{_audio_id(app)}"
        assert http.get(f"{base}/playlist.m3u8").status_code == 200
        assert (
            http.get(f"gradio_api/stream/{uuid.uuid4().hex}/{event_id}/{_audio_id(app)}/playlist.m3u8").status_code
            == 404
        )
        assert http.get(f"gradio_api/stream/{session}/nope/{_audio_id(app)}/playlist.m3u8").status_code == 404
        assert http.get(f"gradio_api/stream/{session}/{event_id}/notanumber/playlist.m3u8").status_code == 404
        assert http.get(f"{base}/playlist.m3u8", params={"_HLS_msn": "x"}).status_code == 400
        assert http.get(f"{base}/0.ts").status_code == 400
        assert http.get(f"{base}/999.mp3").status_code == 404
        assert http.get(f"{base}/..%2F..%2Fetc%2Fpasswd.mp3").status_code in (400, 404)
        whole = http.get(f"{base}/playlist-file")
        assert whole.status_code == 200 and whole.headers["content-type"] == "audio/mpeg"
        samples, rate = soundfile.read(io.BytesIO(whole.content))
        assert rate == RATE and abs(len(samples) - 2 * CHUNK) <= 2 * 1152


def _audio_id(url: str) -> int:
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    return next(c["id"] for c in config["components"] if c["type"] == "audio")
