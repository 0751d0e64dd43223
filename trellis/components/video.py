"""Video: upload or record a video, or play one; the function gets and returns file paths."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import Component
from trellis.components.image import webcam_options_dict

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


class Video(Component):
    """A video file, sent as ``{"video": FileData, "subtitles": FileData | None}``.

    Files are not transcoded: the browser must be able to play what the function returns
    (mp4/h264, webm/vp9 or ogg/theora). A function may return a path, a URL, or a
    ``(video, subtitles)`` pair whose subtitles are a ``.vtt`` or ``.srt`` file.
    """

    EVENTS = ("change", "clear", "start_recording", "stop_recording", "stop", "play", "pause", "end", "upload", "input")
    data_model_is_file = True

    def __init__(
        self,
        value: Any = None,
        *,
        format: str | None = None,
        sources: Sequence[Literal["upload", "webcam"]] | str | None = ("upload", "webcam"),
        height: int | str | None = None,
        width: int | str | None = None,
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        webcam_options: Any = None,
        include_audio: bool | None = None,
        autoplay: bool = False,
        buttons: list[str] | None = None,
        loop: bool = False,
        streaming: bool = False,
    ) -> None:
        self.format = format
        self.sources = [sources] if isinstance(sources, str) else list(sources or ["upload", "webcam"])
        self.height = height
        self.width = width
        self.webcam_options = webcam_options_dict(webcam_options)
        self.include_audio = include_audio if include_audio is not None else "upload" in self.sources
        self.autoplay = autoplay
        self.buttons = list(buttons) if buttons is not None else ["download", "share"]
        self.loop = loop
        self.streaming = streaming
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
            show_label=show_label,
            container=container,
            scale=scale,
            min_width=min_width,
            interactive=interactive,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            preserved_by_key=preserved_by_key,
        )

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if isinstance(payload, dict) and "video" in payload and "path" not in payload:
            payload = payload["video"]
        return media.payload_path(payload, "Video")

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

    def api_info(self) -> dict[str, Any]:
        return VIDEO_SCHEMA

    def example_payload(self) -> Any:
        return {"video": sample_file_payload(SAMPLE_VIDEO_URL), "subtitles": None}

    def flag(self, payload: Any) -> str:
        if isinstance(payload, dict) and isinstance(payload.get("video"), dict):
            return str(payload["video"].get("path", ""))
        return ""


def is_video_path(path: str | os.PathLike[str]) -> bool:
    return media.media_kind(os.fspath(path)) == "video"
