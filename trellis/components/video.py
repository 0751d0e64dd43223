"""Video: upload or record a video, or play one; the function gets and returns file paths."""

from __future__ import annotations

import os
from typing import Any

from typing_extensions import override

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Changes, Editable
from trellis.components.props import prop

SAMPLE_VIDEO_URL = "https://github.com/gradio-app/gradio/raw/main/demo/video_component/files/world.mp4"

_FILE_DEF = {k: v for k, v in FILEDATA_SCHEMA.items() if k != "$defs"}

VIDEO_SCHEMA: dict[str, Any] = {
    "$defs": {**FILEDATA_SCHEMA["$defs"], "FileData": _FILE_DEF},
    "properties": {
        "video": {"$ref": "#/$defs/FileData"},
        "subtitles": {"anyOf": [{"$ref": "#/$defs/FileData"}, {"type": "null"}], "default": None},
    },
    "required": ["video"],
    "title": "VideoData",
    "type": "object",
}


class Video(
    media.MediaComponent, Editable, media.Sized, media.Webcam, media.Played, Changes, media.Uploads, media.Records
):
    """A video file, sent as ``{"video": FileData, "subtitles": FileData | None}``.

    Files are not transcoded: the browser must be able to play what the function returns
    (mp4/h264, webm/vp9 or ogg/theora). A function may return a path, a URL, or a
    ``(video, subtitles)`` pair whose subtitles are a ``.vtt`` or ``.srt`` file.
    """

    end = EventListener()
    SIGNATURE = """value, *, format, sources, height, width, label, every, inputs, show_label, container, scale,
        min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, webcam_options,
        include_audio, autoplay, buttons, loop, streaming"""
    DEFAULT_BUTTONS = ("download", "share")
    DEFAULT_SOURCES = ("upload", "webcam")

    value: Any = prop(default=None, kw_only=False)
    """The video shown: a path, a URL or a (video, subtitles) pair; a callable is called when the page loads."""
    format: str | None = None
    """Gradio's file type for returned videos (it converts them); sent to the browser, the files stay as they are."""
    include_audio: bool | None = None
    """Whether webcam recordings keep their sound (None: when "upload" is among the sources); sent to the browser,
    which records sound either way for now."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.include_audio is None:
            self.include_audio = "upload" in self._source_list()

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if isinstance(payload, dict) and "video" in payload and "path" not in payload:
            payload = payload["video"]
        return media.payload_path(payload, "Video")

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        subtitles: Any = None
        if isinstance(value, dict) and "video" in value and "path" not in value:
            value, subtitles = value["video"], value.get("subtitles")
        elif isinstance(value, (tuple, list)):
            if len(value) != 2:
                raise ValueError("A video output takes a path or a (video, subtitles) pair.")
            value, subtitles = value
        if value is None:
            return None
        try:
            video = media.path_filedata(value)
            subs = media.path_filedata(subtitles) if subtitles is not None else None
        except TypeError:
            raise ValueError(f"A video output takes a path or a URL, got {type(value).__name__}") from None
        return {"video": video, "subtitles": subs}

    @override
    def api_info(self) -> dict[str, Any]:
        return VIDEO_SCHEMA

    @override
    def example_payload(self) -> Any:
        return {"video": sample_file_payload(SAMPLE_VIDEO_URL), "subtitles": None}

    @override
    def flag(self, payload: Any) -> str:
        if isinstance(payload, dict) and isinstance(payload.get("video"), dict):
            return str(payload["video"].get("path", ""))
        return ""


def is_video_path(path: str | os.PathLike[str]) -> bool:
    """Whether the file name's extension is a video type's."""
    return media.media_kind(os.fspath(path)) == "video"
