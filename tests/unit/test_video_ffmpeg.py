"""Video's ffmpeg steps, run for real: playable mp4s, ``format``, the webcam mirror flip, ``include_audio``.

The expected file names, codecs and conditions are Gradio 6.31's, checked by running its Video on the same
files: an .avi (MPEG-4 + MP3) comes back as ``clip.mp4`` (H.264 + AAC), ``format="webm"`` gives ``clip.webm``
(VP9 + Opus), a webcam-only upload ``split.mp4`` is handed over as ``muted_split_flip.mp4`` (mirrored, no sound),
``muted_split.mp4`` when mirroring is off, and an upload with ``include_audio=False`` as ``muted_<name>``.

ffmpeg is needed: these tests are skipped without it, except in CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import IO, Any

import pytest
from ffmpeg_tools import ffmpeg, require_ffmpeg, streams
from PIL import Image as PILImage

import trellis as gr
from trellis._filedata import make_filedata
from trellis.components import handlers
from trellis.components import video as video_module

RED = (255, 0, 0)
BLUE = (0, 0, 255)


@pytest.fixture(scope="module", autouse=True)
def _needs_ffmpeg() -> None:
    require_ffmpeg()


def video_profile(path: str | Path) -> str:
    command = ["ffprobe", "-v", "error", "-select_streams", "v", "-show_streams", "-print_format", "json", str(path)]
    out = subprocess.run(command, capture_output=True, check=True).stdout
    return str(json.loads(out)["streams"][0].get("profile"))


def first_frame(path: str | Path, tmp_path: Path) -> PILImage.Image:
    """The video's first frame, extracted to a PNG by ffmpeg."""
    png = tmp_path / f"{Path(path).stem}-frame.png"
    ffmpeg("-i", str(path), "-frames:v", "1", str(png))
    return PILImage.open(png).convert("RGB")


def near(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 60 for a, b in zip(pixel, colour, strict=False))


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Small test videos: playable mp4s, an .avi and a .mov browsers do not play, one with sound."""
    folder = tmp_path_factory.mktemp("clips")
    made = {
        # left half red, right half blue: a flip swaps them
        "split": folder / "split.mp4",
        "avi": folder / "clip.avi",
        "mov": folder / "clip.mov",
        "sound": folder / "sound.mp4",
    }
    halves = "color=red:s=32x32:d=0.4[l];color=blue:s=32x32:d=0.4[r];[l][r]hstack"
    ffmpeg("-f", "lavfi", "-i", halves, "-pix_fmt", "yuv420p", str(made["split"]))
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=s=64x48:d=0.4", "-f", "lavfi", "-i", "sine=d=0.4",
        "-c:v", "mpeg4", "-c:a", "libmp3lame", "-shortest", str(made["avi"]),
    )  # fmt: skip
    # H.264 in a .mov: browsers do not play the container, but an mp4 holds the stream as it is
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc=s=64x48:d=0.4", "-c:v", "libx264", "-profile:v", "baseline",
        "-pix_fmt", "yuv420p", str(made["mov"]),
    )  # fmt: skip
    ffmpeg(
        "-f", "lavfi", "-i", halves, "-f", "lavfi", "-i", "sine=d=0.4", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-shortest", str(made["sound"]),
    )  # fmt: skip
    return made


def upload(path: Path, tmp_path: Path) -> dict[str, Any]:
    """A FileData of a copy of ``path``, as an upload hands it over."""
    copy = tmp_path / "upload" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copy(path, copy)
    return make_filedata(copy)


# -- returned videos ------------------------------------------------------------------------


def test_a_playable_video_is_sent_as_it_is(clips: dict[str, Path]) -> None:
    out = gr.Video(render=False).postprocess(str(clips["split"]))
    assert out["path"] == str(clips["split"]) and out["orig_name"] == "split.mp4"


def test_a_video_the_browser_cannot_play_is_re_encoded_to_mp4(clips: dict[str, Path]) -> None:
    with pytest.warns(UserWarning, match="Video does not have browser-compatible container or codec"):
        out = gr.Video(render=False).postprocess(str(clips["avi"]))
    assert out["orig_name"] == "clip.mp4" and out["mime_type"] == "video/mp4"
    assert Path(out["path"]).parent.parent == Path(os.environ["GRADIO_TEMP_DIR"])  # content-addressed in the cache
    assert streams(out["path"]) == [("video", "h264"), ("audio", "aac")]


def test_h264_in_another_container_is_remuxed_not_re_encoded(clips: dict[str, Path]) -> None:
    with pytest.warns(UserWarning):
        out = gr.Video(render=False).postprocess(str(clips["mov"]))
    assert out["orig_name"] == "clip.mp4" and streams(out["path"]) == [("video", "h264")]
    assert video_profile(out["path"]) == "Constrained Baseline"  # the stream was copied: a re-encode is "High"


def test_a_file_ffprobe_cannot_read_is_sent_as_it_is(tmp_path: Path) -> None:
    clip = tmp_path / "clip.mkv"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    assert gr.Video(render=False).postprocess(str(clip))["path"] == str(clip)


def test_format_converts_returned_videos(clips: dict[str, Path]) -> None:
    out = gr.Video(format="webm", render=False).postprocess(str(clips["split"]))
    assert out["orig_name"] == "split.webm" and streams(out["path"]) == [("video", "vp9")]
    same = gr.Video(format="mp4", render=False).postprocess(str(clips["split"]))
    assert same["path"] == str(clips["split"])  # already an mp4: untouched


def test_playable_video_returns_mp4s(clips: dict[str, Path], tmp_path: Path) -> None:
    webm = tmp_path / "clip.webm"
    ffmpeg("-i", str(clips["split"]), "-c:v", "libvpx-vp9", str(webm))
    out = gr.PlayableVideo(render=False).postprocess(str(webm))
    assert out["orig_name"] == "clip.mp4" and streams(out["path"]) == [("video", "h264")]


def test_format_and_watermark_are_one_ffmpeg_run(clips: dict[str, Path], tmp_path: Path) -> None:
    stamp = tmp_path / "mark.png"
    PILImage.new("RGBA", (8, 8), (*BLUE, 255)).save(stamp)
    video = gr.Video(format="webm", watermark=gr.WatermarkOptions(str(stamp), "top-left"), render=False)
    out = video.postprocess(str(clips["split"]))
    assert out["orig_name"] == "split_watermarked.webm" and streams(out["path"]) == [("video", "vp9")]
    frame = first_frame(out["path"], tmp_path)
    assert near(frame.getpixel((7, 7)), BLUE) and near(frame.getpixel((2, 20)), RED)  # 5 px in from the corner


def test_a_url_is_downloaded_only_to_be_converted(clips: dict[str, Path]) -> None:
    fetched: list[str] = []

    def fetcher(url: str, out: IO[bytes], /) -> str:
        fetched.append(url)
        out.write(clips["split"].read_bytes())
        return "remote.mp4"

    url = "https://example.com/videos/remote.mp4"
    with handlers.using_fetcher(fetcher):
        assert gr.Video(render=False).postprocess(url)["path"] == url
        assert fetched == []
        out = gr.Video(format="webm", render=False).postprocess(url)
    assert fetched == [url] and out["orig_name"] == "remote.webm" and streams(out["path"]) == [("video", "vp9")]


def test_a_returned_filedata_is_processed_too(clips: dict[str, Path]) -> None:
    with pytest.warns(UserWarning):
        out = gr.Video(render=False).postprocess(make_filedata(clips["avi"]))
    assert out["orig_name"] == "clip.mp4" and streams(out["path"])[0] == ("video", "h264")


# -- uploads --------------------------------------------------------------------------------


def test_format_converts_uploads_with_another_extension(clips: dict[str, Path], tmp_path: Path) -> None:
    data = upload(clips["avi"], tmp_path)
    assert gr.Video(format="avi", render=False).preprocess(data) == data["path"]
    converted = gr.Video(format="mp4", render=False).preprocess(data)
    assert Path(converted).name == "clip.mp4"
    assert streams(converted) == [("video", "h264"), ("audio", "aac")]


def test_a_webcam_only_recording_is_flipped_when_mirrored(clips: dict[str, Path], tmp_path: Path) -> None:
    data = upload(clips["split"], tmp_path)
    flipped = gr.Video(sources=["webcam"], render=False).preprocess(data)
    assert Path(flipped).name == "muted_split_flip.mp4"  # webcam-only inputs default to include_audio=False
    frame = first_frame(flipped, tmp_path)
    assert near(frame.getpixel((4, 16)), BLUE) and near(frame.getpixel((60, 16)), RED)
    assert gr.Video(sources="webcam", render=False).preprocess(data) == flipped  # the conversion is reused


def test_no_flip_without_mirroring_or_with_uploads_allowed(clips: dict[str, Path], tmp_path: Path) -> None:
    data = upload(clips["split"], tmp_path)
    plain = gr.Video(sources=["webcam"], webcam_options=gr.WebcamOptions(mirror=False), render=False).preprocess(data)
    assert Path(plain).name == "muted_split.mp4"
    frame = first_frame(plain, tmp_path)
    assert near(frame.getpixel((4, 16)), RED) and near(frame.getpixel((60, 16)), BLUE)
    dict_options = gr.Video(sources=["webcam"], webcam_options={"mirror": False}, render=False)
    assert Path(dict_options.preprocess(data)).name == "muted_split.mp4"
    assert gr.Video(sources=["upload", "webcam"], render=False).preprocess(data) == data["path"]


def test_a_mirrored_flip_keeps_the_sound_when_asked(clips: dict[str, Path], tmp_path: Path) -> None:
    data = upload(clips["sound"], tmp_path)
    flipped = gr.Video(sources=["webcam"], include_audio=True, format="mp4", render=False).preprocess(data)
    assert Path(flipped).name == "sound_flip.mp4" and streams(flipped) == [("video", "h264"), ("audio", "aac")]


def test_include_audio_false_drops_the_sound_of_uploads(clips: dict[str, Path], tmp_path: Path) -> None:
    data = upload(clips["sound"], tmp_path)
    muted = gr.Video(include_audio=False, render=False).preprocess(data)
    assert Path(muted).name == "muted_sound.mp4" and streams(muted) == [("video", "h264")]
    assert gr.Video(render=False).preprocess(data) == data["path"]  # include_audio defaults to True with uploads


# -- without ffmpeg ----------------------------------------------------------------------------


def test_without_ffmpeg_only_the_playability_check_is_skipped(
    clips: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(video_module, "find_tool", lambda name="ffmpeg": None)
    assert gr.Video(render=False).postprocess(str(clips["avi"]))["path"] == str(clips["avi"])  # sent as it is
    with pytest.raises(RuntimeError, match="Converting a video needs ffmpeg"):
        gr.Video(format="webm", render=False).postprocess(str(clips["split"]))
    data = upload(clips["split"], tmp_path)
    assert gr.Video(render=False).preprocess(data) == data["path"]
    with pytest.raises(RuntimeError, match="needs ffmpeg, which is not installed"):
        gr.Video(sources=["webcam"], render=False).preprocess(data)
    with pytest.raises(RuntimeError, match="needs ffmpeg"):
        gr.Video(format="avi", render=False).preprocess(data)


def test_ffmpeg_without_ffprobe_fails_the_playability_check(
    clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = shutil.which
    monkeypatch.setattr(video_module, "find_tool", lambda name="ffmpeg": None if name == "ffprobe" else real(name))
    with pytest.raises(RuntimeError, match="needs ffprobe"):
        gr.Video(render=False).postprocess(str(clips["split"]))


def test_a_failed_conversion_sends_the_original(clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(arguments: list[str], doing: str) -> None:
        raise RuntimeError(f"{doing} failed: ffmpeg exited with 1")

    monkeypatch.setattr(video_module, "run_ffmpeg", failing)
    with pytest.warns(UserWarning):
        out = gr.Video(render=False).postprocess(str(clips["avi"]))
    assert out["path"] == str(clips["avi"])


def test_the_watermark_is_checked_on_input_too(clips: dict[str, Path], tmp_path: Path) -> None:
    data = upload(clips["split"], tmp_path)
    with pytest.raises(ValueError, match="must be a path to a"):
        gr.Video(watermark=str(tmp_path / "logo.gif"), render=False).preprocess(data)


def test_a_file_no_app_may_serve_is_not_read(
    clips: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A converted copy would be served from the cache: a blocked source is left for the output step to refuse."""
    monkeypatch.setenv("GRADIO_BLOCKED_PATHS", str(clips["avi"].parent))
    assert not video_module.may_read_output(str(clips["avi"]))
    assert gr.Video(format="webm", render=False).postprocess(str(clips["avi"]))["path"] == str(clips["avi"])
    hidden = tmp_path / ".secret" / "clip.avi"
    hidden.parent.mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(video_module.tempfile, "gettempdir", lambda: str(tmp_path / "elsewhere"))
    assert video_module.may_read_output(str(tmp_path / "clip.avi"))
    assert not video_module.may_read_output(str(hidden))  # a hidden folder of the working directory
