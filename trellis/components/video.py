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

SAMPLE_VIDEO_URL = "https://github.com/gradio-app/gradio/raw/main/gradio/media_assets/videos/world.mp4"


class Video(
    media.MediaComponent, Editable, media.Sized, media.Webcam, media.Played, Changes, media.Uploads, media.Records
):
    """A video file, sent as one FileData (as in Gradio 6).

    Files are not transcoded: the browser must be able to play what the function returns
    (mp4/h264, webm/vp9 or ogg/theora). A function returns a path or a URL.
    """

    end = EventListener()
    SIGNATURE = """value, *, format, sources, height, width, label, every, inputs, show_label, container, scale,
        min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, webcam_options,
        include_audio, autoplay, buttons, loop, streaming"""
    DEFAULT_BUTTONS = ("download",)
    DEFAULT_SOURCES = ("upload", "webcam")

    value: Any = prop(default=None, kw_only=False)
    """The video shown: a path or a URL; a callable is called when the page loads."""
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
