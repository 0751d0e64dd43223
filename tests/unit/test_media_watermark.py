"""gr.WatermarkOptions, Image(watermark=, alt_text=) and Video(watermark=, subtitles=, playback_position=).

The expected pixels follow Gradio 6.31's rules (checked side by side: the same app's watermarked images are
byte-for-byte the same files on both): the mark at its own size, 10 px in from the corner's edges on an Image,
a mark that does not fit moved to the bottom-right corner, its transparency kept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image as PILImage

import trellis as gr
from trellis.components import video as video_module

RED = (255, 0, 0)
BLUE = (0, 0, 255)


def base_image(width: int = 100, height: int = 60) -> np.ndarray:
    image = np.zeros((height, width, 3), dtype=np.uint8)
    image[...] = RED
    return image


def mark(size: int = 8) -> np.ndarray:
    stamp = np.zeros((size, size, 4), dtype=np.uint8)
    stamp[...] = (*BLUE, 255)
    return stamp


def blue_box(path: str) -> tuple[int, int, int, int]:
    """The (left, top, right, bottom) of the blue pixels of a saved image."""
    pixels = np.asarray(PILImage.open(path).convert("RGB"), dtype=int)
    blue = (pixels[..., 2] > 200) & (pixels[..., 0] < 60)
    ys, xs = np.nonzero(blue)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


# -- WatermarkOptions -------------------------------------------------------------------


def test_watermark_options_is_exported_with_gradios_defaults() -> None:
    options = gr.WatermarkOptions()
    assert options.watermark is None and options.position == "bottom-right"
    assert gr.WatermarkOptions("logo.png", (3, 4)).position == (3, 4)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"watermark": 3}, "Watermark must be a string path"),
        ({"position": "middle"}, "String position must be one of"),
        ({"position": (1, 2, 3)}, "exactly 2 values"),
        ({"position": (1.5, 2)}, "must be integers"),
    ],
)
def test_watermark_options_are_checked_as_in_gradio(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gr.WatermarkOptions(**kwargs)


# -- Image ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "box"),
    [
        ("bottom-right", (82, 42, 90, 50)),
        ("bottom-left", (10, 42, 18, 50)),
        ("top-left", (10, 10, 18, 18)),
        ("top-right", (82, 10, 90, 18)),
        ((30, 5), (30, 5, 38, 13)),
        ((95, 5), (82, 42, 90, 50)),  # does not fit: the bottom-right corner, as in Gradio
    ],
)
def test_an_image_is_stamped_at_its_position(position: Any, box: tuple[int, int, int, int]) -> None:
    image = gr.Image(watermark=gr.WatermarkOptions(mark(), position), format="png")
    payload = image.postprocess(base_image())
    assert payload["orig_name"] == "image.png"
    assert blue_box(payload["path"]) == box


def test_watermark_accepts_a_path_a_pil_image_or_the_image_alone(tmp_path: Path) -> None:
    stamp = tmp_path / "mark.png"
    PILImage.fromarray(mark(), "RGBA").save(stamp)
    source = tmp_path / "photo.png"
    PILImage.fromarray(base_image()).save(source)
    for watermark in (str(stamp), stamp, PILImage.open(stamp), gr.WatermarkOptions(str(stamp))):
        payload = gr.Image(watermark=watermark, format="png").postprocess(str(source))
        assert blue_box(payload["path"]) == (82, 42, 90, 50)


def test_a_transparent_mark_keeps_the_image_under_it() -> None:
    stamp = mark()
    stamp[:4, :, 3] = 0  # the top half transparent
    payload = gr.Image(watermark=stamp, format="png").postprocess(base_image())
    assert blue_box(payload["path"]) == (82, 46, 90, 50)


def test_svg_and_gif_files_are_left_as_they_are(tmp_path: Path) -> None:
    svg = tmp_path / "shape.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    with pytest.warns(UserWarning, match="not supported"):
        payload = gr.Image(watermark=mark(), format="png").postprocess(str(svg))
    assert payload["path"] == str(svg)


def test_the_config_sends_the_watermark_and_alt_text() -> None:
    props = gr.Image(alt_text="A red field").get_props()
    assert props["alt_text"] == "A red field"
    assert props["watermark"] == {"watermark": None, "position": "bottom-right"}
    assert "alt_text" not in gr.Image().get_props()  # None is left out, as in Gradio
    props = gr.Image(watermark=gr.WatermarkOptions("/x/logo.png", (1, 2))).get_props()
    assert props["watermark"] == {"watermark": "/x/logo.png", "position": [1, 2]}


def test_a_returned_image_is_stamped_once() -> None:
    output = gr.Image(watermark=gr.WatermarkOptions(mark(4), "top-left"), format="png")
    returned = gr.Image(base_image(), watermark=gr.WatermarkOptions(mark(), "bottom-left"), format="png")
    # The update's value is the stamped file; the output's own watermark is not added to it.
    payload = output.postprocess(returned.initial_value)
    assert blue_box(payload["path"]) == (10, 42, 18, 50)


# -- Video ------------------------------------------------------------------------------


def test_video_props_are_sent_as_in_gradio(tmp_path: Path) -> None:
    srt = tmp_path / "talk.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n", encoding="utf-8")
    props = gr.Video(subtitles=str(srt), playback_position=3.5).get_props()
    assert props["playback_position"] == 3.5
    assert props["watermark"] == {"watermark": None, "position": "bottom-right"}
    vtt = Path(props["subtitles"]["path"])
    assert vtt.name == "talk.vtt" and props["subtitles"]["meta"] == {"_type": "gradio.FileData"}
    assert vtt.read_text(encoding="utf-8") == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n"
    assert gr.Video().get_props()["playback_position"] == 0
    assert "subtitles" not in gr.Video().get_props()


def test_video_subtitles_from_a_list_and_json(tmp_path: Path) -> None:
    cues = [{"text": "one", "timestamp": [0.5, 61]}]
    from_list = Path(gr.Video(subtitles=cues).subtitles["path"]).read_text(encoding="utf-8")
    assert from_list == "WEBVTT\n\n00:00:00.500 --> 00:01:01.000\none\n"
    data = tmp_path / "cues.json"
    data.write_text('[{"text": "one", "timestamp": [0.5, 61]}]', encoding="utf-8")
    assert Path(gr.Video(subtitles=data).subtitles["path"]).read_text(encoding="utf-8") == from_list


@pytest.mark.parametrize(
    ("subtitles", "message"),
    [
        ("talk.txt", "Invalid value for parameter `subtitles`"),
        ([{"timestamp": [0, 1]}], "missing required 'text'"),
        ([{"text": "x", "timestamp": [0]}], "must be a list/tuple of"),
    ],
)
def test_bad_video_subtitles_are_refused(subtitles: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gr.Video(subtitles=subtitles)


def test_playable_video_takes_the_same_options() -> None:
    props = gr.PlayableVideo(playback_position=1.0, watermark="logo.png").get_props()
    assert props["playback_position"] == 1.0 and props["watermark"]["watermark"] == "logo.png"


def test_a_video_watermark_without_ffmpeg_fails_as_in_gradio(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42")
    monkeypatch.setattr(video_module.shutil, "which", lambda name: None)
    video = gr.Video(watermark=gr.WatermarkOptions(str(tmp_path / "logo.png")))
    with pytest.raises(RuntimeError, match="needs ffmpeg"):
        video.postprocess(str(clip))
    assert gr.Video().postprocess(str(clip))["path"] == str(clip)  # no watermark: no ffmpeg needed


def test_a_video_watermark_must_be_a_png_or_jpeg_path(tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00")
    with pytest.raises(ValueError, match="must be a path to a"):
        gr.Video(watermark=str(tmp_path / "logo.gif")).postprocess(str(clip))


def needs_ffmpeg() -> None:
    """Skip without ffmpeg, except in CI (``CI`` set), where ffmpeg must be installed (scripts/test installs it)."""
    if shutil.which("ffmpeg") and shutil.which("ffprobe"):
        return
    if os.environ.get("CI"):
        pytest.fail("ffmpeg and ffprobe must be installed in CI (scripts/test installs Debian's ffmpeg)")
    pytest.skip("ffmpeg is not installed")


def test_a_video_is_watermarked_by_ffmpeg(tmp_path: Path) -> None:
    needs_ffmpeg()
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=red:s=64x48:d=0.2", str(clip)], check=True
    )
    stamp = tmp_path / "mark.png"
    PILImage.fromarray(mark(), "RGBA").save(stamp)
    payload = gr.Video(watermark=gr.WatermarkOptions(str(stamp), "top-left")).postprocess(str(clip))
    assert payload["orig_name"] == "clip_watermarked.mp4" and Path(payload["path"]).stat().st_size > 0
    frame = tmp_path / "frame.png"
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-i", payload["path"], "-frames:v", "1", str(frame)], check=True
    )
    box = blue_box(str(frame))  # the 8 px mark, 5 px in from the top-left corner (Gradio's margin)
    assert all(abs(got - want) <= 1 for got, want in zip(box, (5, 5, 13, 13), strict=True))  # yuv420 blurs an edge
