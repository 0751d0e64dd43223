"""Video's ffmpeg steps through a real server and the official gradio_client, as in Gradio 6.31.

A webcam-only input with mirroring on hands the function a flipped, silent ``muted_<name>_flip.mp4``; an output
with ``format="mp4"`` converts what the function returns; a returned .avi is made a playable mp4.
ffmpeg is needed: skipped without it, except in CI (``CI`` set), where these tests fail.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ffmpeg_tools import ffmpeg, require_ffmpeg, streams
from gradio_client import handle_file
from gradio_client.exceptions import AppError
from PIL import Image as PILImage

import trellis as gr
from trellis._filedata import default_cache_dir


@pytest.fixture(scope="module", autouse=True)
def _needs_ffmpeg() -> None:
    require_ffmpeg()


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("clips")
    split = folder / "split.mp4"  # left half red, right half blue
    halves = "color=red:s=32x32:d=0.4[l];color=blue:s=32x32:d=0.4[r];[l][r]hstack"
    ffmpeg(
        "-f", "lavfi", "-i", halves, "-f", "lavfi", "-i", "sine=d=0.4", "-pix_fmt", "yuv420p", "-shortest", str(split)
    )
    avi = folder / "clip.avi"
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x48:d=0.4", "-c:v", "mpeg4", str(avi))
    return {"split": split, "avi": avi}


@pytest.fixture(scope="module")
def url(serve_blocks: Any, clips: dict[str, Path]) -> str:
    with gr.Blocks() as demo:
        webcam = gr.Video(sources=["webcam"])
        out = gr.Video()
        name = gr.Textbox()
        gr.Button().click(lambda v: (v, Path(v).name), webcam, [out, name], api_name="webcam")
        text = gr.Textbox()
        gr.Button().click(lambda _: str(clips["avi"]), text, gr.Video(), api_name="avi")
        gr.Button().click(lambda _: str(clips["split"]), text, gr.Video(format="webm"), api_name="webm")
    return serve_blocks(demo, allowed_paths=[str(clips["avi"].parent)])


def test_a_webcam_only_recording_reaches_the_function_flipped_and_silent(
    url: str, make_client: Any, clips: dict[str, Path], tmp_path: Path
) -> None:
    video, name = make_client(url).predict(handle_file(str(clips["split"])), api_name="/webcam")
    assert name == "muted_split_flip.mp4" and streams(video) == [("video", "h264")]
    png = tmp_path / "frame.png"
    ffmpeg("-i", video, "-frames:v", "1", str(png))
    frame = PILImage.open(png).convert("RGB")
    left, right = frame.getpixel((4, 16)), frame.getpixel((60, 16))
    assert isinstance(left, tuple) and isinstance(right, tuple)
    assert left[2] > 200 and left[0] < 60 and right[0] > 200 and right[2] < 60  # blue now left, red right


def test_a_returned_avi_comes_back_as_a_playable_mp4(url: str, make_client: Any) -> None:
    video = make_client(url).predict("x", api_name="/avi")
    assert Path(video).name == "clip.mp4" and streams(video) == [("video", "h264")]


def test_format_converts_a_returned_video(url: str, make_client: Any) -> None:
    video = make_client(url).predict("x", api_name="/webm")
    assert Path(video).name == "split.webm" and streams(video) == [("video", "vp9"), ("audio", "opus")]


@pytest.fixture(scope="module")
def outside() -> Iterator[Path]:
    """A folder outside the temp dir and the working directory: only the app's allowed_paths let it out."""
    base = Path("/var/tmp") if Path("/var/tmp").is_dir() else Path.home()
    folder = Path(tempfile.mkdtemp(dir=base, prefix="trellis-video-"))
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x48:d=0.4", "-c:v", "mpeg4", str(folder / "far.avi"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_the_apps_allowed_and_blocked_paths_decide_which_returned_videos_are_converted(
    serve_blocks: Any, make_client: Any, outside: Path, clips: dict[str, Path], tmp_path: Path
) -> None:
    blocked = tmp_path / "private"
    blocked.mkdir()
    shutil.copy(clips["avi"], blocked / "secret.avi")
    with gr.Blocks() as demo:
        text = gr.Textbox()
        gr.Button().click(lambda _: str(outside / "far.avi"), text, gr.Video(), api_name="far")
        gr.Button().click(lambda _: str(blocked / "secret.avi"), text, gr.Video(), api_name="secret")
    url = serve_blocks(demo, allowed_paths=[str(outside)], blocked_paths=[str(blocked)])
    client = make_client(url)
    far = client.predict("", api_name="/far")
    assert Path(far).name == "far.mp4" and streams(far) == [("video", "h264")]  # allowed by the app: converted
    with pytest.raises(AppError):  # blocked by the app: neither converted nor served
        client.predict("", api_name="/secret")
    assert not any(p.name == "secret.mp4" for p in default_cache_dir().rglob("*"))
