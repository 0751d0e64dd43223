"""A Video answers with one FileData, as in Gradio 6: the client downloads the file and returns its path."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event
from gradio_client import handle_file
from gradio_client.exceptions import AppError

import trellis as gr

#: An MP4 header: enough for the server, which does not decode videos.
CLIP = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("video") / "clip.mp4"
    path.write_bytes(CLIP)
    return str(path)


@pytest.fixture(scope="module")
def url(serve_blocks: Any, clip: str) -> str:
    subtitles = str(Path(clip).with_suffix(".vtt"))
    shutil.copy(clip, subtitles)
    with gr.Blocks() as demo:
        text = gr.Textbox()
        video = gr.Video()
        gr.Button().click(lambda x: clip, text, video, api_name="path")
        gr.Button().click(lambda x: (clip, subtitles), text, video, api_name="pair")
        gr.Button().click(lambda x: None, text, video, api_name="nothing")
        gr.Button().click(lambda v: v, gr.Video(), video, api_name="echo")
    return serve_blocks(demo, show_error=True, allowed_paths=[str(Path(clip).parent)])


def test_the_client_gets_the_video_file(url: str, make_client: Any) -> None:
    client = make_client(url)
    downloaded = client.predict("x", api_name="/path")
    assert isinstance(downloaded, str) and Path(downloaded).name == "clip.mp4"
    assert Path(downloaded).read_bytes() == CLIP
    assert client.predict("x", api_name="/nothing") is None


def test_a_video_input_round_trips(url: str, make_client: Any, clip: str) -> None:
    echoed = make_client(url).predict(handle_file(clip), api_name="/echo")
    assert Path(echoed).read_bytes() == CLIP


def test_the_output_data_is_one_filedata(url: str) -> None:
    [data] = completed(run_event(url, fn_index(url, "path"), ["x"]))["output"]["data"]
    assert data["orig_name"] == "clip.mp4" and data["meta"] == {"_type": "gradio.FileData"}
    assert "video" not in data and data["url"].endswith("/clip.mp4")


def test_a_video_subtitles_pair_is_refused_as_in_gradio_6(url: str, make_client: Any) -> None:
    with pytest.raises(AppError, match=r"dropped the \(video, subtitles\) pair"):
        make_client(url).predict("x", api_name="/pair")


def test_api_info_describes_a_filepath(url: str) -> None:
    info = httpx.get(url + "gradio_api/info", timeout=TIMEOUT).json()
    [returned] = info["named_endpoints"]["/path"]["returns"]
    assert returned["type"]["title"] == "FileData" and returned["python_type"]["type"] == "filepath"
    [param] = info["named_endpoints"]["/echo"]["parameters"]
    assert param["example_input"]["orig_name"] == "world.mp4" and param["python_type"]["type"] == "filepath"
