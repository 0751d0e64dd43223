"""Video subtitles and playback_position over a real server with the official gradio_client.

As in Gradio 6.31 (checked against it with the same app): ``subtitles`` is a prop holding the FileData of a
WebVTT file (SRT and cue lists converted), never part of the value, which stays one FileData; a returned
``gr.Video(path, subtitles=...)`` is an update whose ``subtitles`` the client downloads like the value;
``playback_position`` is a plain number prop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event
from gradio_client import handle_file

import trellis as gr

#: An MP4 header: enough for the server, which does not decode videos.
CLIP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo\nlines\n"
CUES = [{"text": "first", "timestamp": [0, 1.5]}, {"text": "second", "timestamp": [1.5, 3725.25]}]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("subs")
    (folder / "clip.mp4").write_bytes(CLIP)
    (folder / "talk.srt").write_text(SRT, encoding="utf-8")
    return {"clip": str(folder / "clip.mp4"), "srt": str(folder / "talk.srt")}


@pytest.fixture(scope="module")
def url(serve_blocks: Any, files: dict[str, str]) -> str:
    with gr.Blocks() as demo:
        video = gr.Video(files["clip"], subtitles=files["srt"], playback_position=5.0, label="srt")
        listed = gr.Video(files["clip"], subtitles=CUES, label="cues")
        gr.Button("echo").click(lambda v: v, video, video, api_name="echo")
        gr.Button("sub").click(
            lambda: gr.Video(files["clip"], subtitles=CUES, playback_position=2.0), None, listed, api_name="sub"
        )
        gr.Button("seek").click(lambda: gr.Video(playback_position=8.0), None, video, api_name="seek")
    return serve_blocks(demo, show_error=True, allowed_paths=[str(Path(files["clip"]).parent)])


def _props(url: str, label: str) -> dict[str, Any]:
    config = httpx.get(url + "config", timeout=TIMEOUT).json()
    return next(c["props"] for c in config["components"] if c["props"].get("label") == label)


def _download(url: str, data: dict[str, Any]) -> str:
    return httpx.get(data["url"] or f"{url}gradio_api/file={data['path']}", timeout=TIMEOUT).text


def test_the_config_sends_subtitles_as_a_vtt_filedata_and_the_position(url: str) -> None:
    props = _props(url, "srt")
    subtitles = props["subtitles"]
    assert subtitles["meta"] == {"_type": "gradio.FileData"} and subtitles["path"].endswith("talk.vtt")
    assert props["playback_position"] == 5.0
    assert props["watermark"] == {"watermark": None, "position": "bottom-right"}
    vtt = _download(url, subtitles)
    assert vtt.startswith("WEBVTT\n\n")
    assert "00:00:01.000 --> 00:00:02.500\nHello" in vtt and "00:00:03.000 --> 00:00:04.000\nTwo\nlines" in vtt
    assert "\n1\n" not in vtt  # SRT cue numbers dropped


def test_a_cue_list_becomes_a_vtt_file(url: str) -> None:
    props = _props(url, "cues")
    assert props["playback_position"] == 0
    vtt = _download(url, props["subtitles"])
    assert "00:00:00.000 --> 00:00:01.500\nfirst" in vtt
    assert "00:00:01.500 --> 01:02:05.250\nsecond" in vtt


def test_the_value_on_the_wire_is_the_video_alone(url: str, make_client: Any, files: dict[str, str]) -> None:
    echoed = make_client(url).predict(handle_file(files["clip"]), api_name="/echo")
    assert isinstance(echoed, str) and Path(echoed).read_bytes() == CLIP
    value = _props(url, "srt")["value"]  # a file the server cached, which a raw event may send back
    [data] = completed(run_event(url, fn_index(url, "echo"), [value]))["output"]["data"]
    assert set(data) >= {"path", "url", "orig_name", "meta"} and "subtitles" not in data and "video" not in data


def test_a_returned_video_updates_subtitles_and_position(url: str, make_client: Any) -> None:
    update = make_client(url).predict(api_name="/sub")
    # gradio_client 2.x hands back the update with its files downloaded, as it does for Gradio's answer
    assert update["__type__"] == "update" and update["playback_position"] == 2.0
    assert Path(update["value"]).read_bytes() == CLIP
    assert Path(update["subtitles"]).read_text(encoding="utf-8").startswith("WEBVTT")


def test_a_position_update_alone(url: str) -> None:
    [data] = completed(run_event(url, fn_index(url, "seek"), []))["output"]["data"]
    assert data["__type__"] == "update" and data["playback_position"] == 8.0 and "value" not in data
