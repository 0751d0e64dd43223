"""Video: upload or record a video, or play one; the function gets and returns file paths."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from typing_extensions import override

from trellis._filedata import FILEDATA_SCHEMA, default_cache_dir, make_filedata, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Changes, Editable
from trellis.components.props import prop
from trellis.components.watermark import WatermarkOptions

SAMPLE_VIDEO_URL = "https://github.com/gradio-app/gradio/raw/main/gradio/media_assets/videos/world.mp4"


class Video(
    media.MediaComponent,
    Editable,
    media.Sized,
    media.Webcam,
    media.Played,
    Changes,
    media.Uploads,
    media.Records,
    media.Watermarked,
):
    """A video file, sent as one FileData (as in Gradio 6).

    Files are not transcoded: the browser must be able to play what the function returns
    (mp4/h264, webm/vp9 or ogg/theora). A function returns a path or a URL.

    ``watermark`` overlays an image on every video it returns, with ffmpeg (which must be on the PATH:
    without it, as in Gradio, returning a video fails with an error). ``subtitles`` are shown as the
    player's captions track; ``playback_position`` is where the player starts, and the browser keeps it
    at the playing position (a prop: it is not part of the value sent to the function).
    """

    end = EventListener()
    SIGNATURE = """value, *, format, sources, height, width, label, every, inputs, show_label, container, scale,
        min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, webcam_options,
        include_audio, autoplay, buttons, loop, streaming, watermark, subtitles, playback_position"""
    DEFAULT_BUTTONS = ("download",)
    DEFAULT_SOURCES = ("upload", "webcam")

    value: Any = prop(default=None, kw_only=False)
    """The video shown: a path or a URL; a callable is called when the page loads."""
    format: str | None = None
    """Gradio's file type for returned videos (it converts them); sent to the browser, the files stay as they are."""
    include_audio: bool | None = None
    """Whether webcam recordings keep their sound (None: when "upload" is among the sources); without it the
    microphone is not opened and the recording has no audio track."""

    subtitles: Any = prop(default=None, sent_as="dict[str, Any] | None")
    """Captions shown over the video: an SRT, VTT or JSON file, or a list of {"text", "timestamp": [start, end]}
    (seconds); sent as the FileData of a WebVTT file."""
    playback_position: float = 0
    """Where playback starts, in seconds; the browser updates it as the video plays."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.include_audio is None:
            self.include_audio = "upload" in self._source_list()
        self.subtitles = subtitles_filedata(self.subtitles)

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if isinstance(payload, dict) and "video" in payload and "path" not in payload:
            payload = payload["video"]  # Gradio 5's {"video", "subtitles"} shape, from an older client
        return media.payload_path(payload, "Video")

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None or value in ([None, None], (None, None)):
            return None
        if isinstance(value, (tuple, list)):
            raise ValueError(
                "A video output takes a path or a URL, got a "
                f"{type(value).__name__}: Gradio 6 dropped the (video, subtitles) pair"
            )
        options: WatermarkOptions = self.watermark
        if options.watermark is not None and not media.is_watermarked(value):
            source = value.get("path") if isinstance(value, dict) else value
            if isinstance(source, (str, os.PathLike)) and not media.is_url(source):
                return make_filedata(watermark_video(os.fspath(source), options))
        try:
            return media.path_filedata(value)
        except TypeError:
            raise ValueError(f"A video output takes a path or a URL, got {type(value).__name__}") from None

    @override
    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    @override
    def example_payload(self) -> Any:
        return sample_file_payload(SAMPLE_VIDEO_URL)


def is_video_path(path: str | os.PathLike[str]) -> bool:
    """Whether the file name's extension is a video type's."""
    return media.media_kind(os.fspath(path)) == "video"


#: The watermark image types ffmpeg is given (as in Gradio).
WATERMARK_EXTENSIONS = (".png", ".jpg", ".jpeg")


def watermark_video(path: str, options: WatermarkOptions) -> str:
    """A copy of the video at ``path`` with ``options``' image overlaid (by ffmpeg), stored in the cache."""
    mark = options.watermark
    if not isinstance(mark, (str, os.PathLike)) or Path(mark).suffix.lower() not in WATERMARK_EXTENSIONS:
        raise ValueError(f"A video watermark must be a path to a {', '.join(WATERMARK_EXTENSIONS)} file, got {mark!r}")
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise RuntimeError("Adding a watermark to a video needs ffmpeg, which is not installed (not on the PATH).")
    margin = 5
    corners = {
        "top-left": f"{margin}:{margin}",
        "top-right": f"W-w-{margin}:{margin}",
        "bottom-left": f"{margin}:H-h-{margin}",
        "bottom-right": f"W-w-{margin}:H-h-{margin}",
    }
    pos = options.position
    place = corners[pos] if isinstance(pos, str) else f"{int(pos[0])}:{int(pos[1])}"
    source = Path(path)
    cache = default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        out = Path(work) / f"{source.stem}_watermarked{source.suffix or '.mp4'}"
        command = [ffmpeg, "-y", "-loglevel", "error", "-i", str(source), "-i", os.fspath(mark)]
        command += ["-filter_complex", f"overlay={place}", str(out)]
        result = subprocess.run(command, capture_output=True, check=False)
        if result.returncode != 0:
            detail = result.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            raise RuntimeError(f"ffmpeg could not watermark {source.name}: {detail[0]}")
        saved = media.save_file(out, out.name)
    media.mark_watermarked(saved)
    return saved


def _vtt_time(seconds: float) -> str:
    millis = round(float(seconds) * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _cues_vtt(cues: list[Any]) -> str:
    """A WebVTT file of ``[{"text", "timestamp": [start, end]}]`` cues."""
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues):
        if not isinstance(cue, dict):
            raise ValueError(f"Subtitle at index {index} must be a dictionary")
        if "text" not in cue:
            raise ValueError(f"Subtitle at index {index} missing required 'text' field")
        stamp = cue.get("timestamp")
        if not isinstance(stamp, (list, tuple)) or len(stamp) != 2:
            raise ValueError(f"Subtitle at index {index} 'timestamp' must be a list/tuple of [start, end]")
        lines += [f"{_vtt_time(stamp[0])} --> {_vtt_time(stamp[1])}", str(cue["text"]), ""]
    return "\n".join(lines)


def _srt_vtt(text: str) -> str:
    """An SRT file as WebVTT: a header, no cue numbers, and a dot before the milliseconds."""
    blocks = []
    for block in text.replace("\r\n", "\n").strip().split("\n\n"):
        lines = block.strip().split("\n")
        timing = next((i for i, line in enumerate(lines) if "-->" in line), None)
        if timing is None:
            continue
        blocks.append("\n".join([lines[timing].replace(",", "."), *lines[timing + 1 :]]))
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def subtitles_filedata(value: Any) -> dict[str, Any] | None:
    """``subtitles`` as the FileData of a WebVTT file in the cache (SRT and JSON converted), or None."""
    if value is None:
        return None
    if isinstance(value, dict) and isinstance(value.get("path"), str):
        return value  # already a FileData (a session copy of the component, or an update)
    if isinstance(value, list):
        return make_filedata(media.save_bytes(_cues_vtt(value).encode(), "subtitles.vtt"), "subtitles.vtt")
    if not isinstance(value, (str, os.PathLike)):
        raise ValueError("Video subtitles must be a .srt, .vtt or .json file, or a list of {'text', 'timestamp'}")
    path = Path(value)
    suffix = path.suffix.lower()
    if suffix not in (".srt", ".vtt", ".json"):
        raise ValueError(
            f"Invalid value for parameter `subtitles`: {value}. Choose a file with one of these extensions: "
            "('.srt', '.vtt', '.json')"
        )
    text = path.read_text(encoding="utf-8-sig")
    if suffix == ".json":
        try:
            cues = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"Invalid JSON format in subtitle file: {exc}") from None
        if not isinstance(cues, list):
            raise ValueError("JSON subtitle file must contain a list of subtitle objects")
        text = _cues_vtt(cues)
    elif suffix == ".srt":
        text = _srt_vtt(text)
    name = f"{path.stem or 'subtitles'}.vtt"
    return make_filedata(media.save_bytes(text.encode(), name), name)
