"""Image: upload, webcam or paste an image, or show one; numpy arrays, PIL images or file paths."""

from __future__ import annotations

from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Changes, Editable
from trellis.components.props import prop

SAMPLE_IMAGE_URL = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"


class Image(
    media.MediaComponent,
    media.OneFile,
    Editable,
    media.SavesImages,
    media.Sized,
    media.ConvertsImages,
    media.Webcam,
    Changes,
    media.Uploads,
):
    """An image; the function receives it as a numpy array, a PIL image or a file path (``type``).

    ``image_mode`` (a PIL mode such as ``"RGB"``, ``"RGBA"`` or ``"L"``; ``None`` keeps the file's own)
    is applied to every upload. Arrays and PIL images that the function returns are saved in
    ``format`` (``"webp"`` by default); returned paths and URLs are sent as they are.
    """

    select = EventListener()
    stream = EventListener()
    SIGNATURE = """value, *, format, height, width, image_mode, sources, type, label, every, inputs, show_label, buttons,
        container, scale, min_width, interactive, visible, streaming, elem_id, elem_classes, render, key,
        preserved_by_key, webcam_options, placeholder"""
    DEFAULT_BUTTONS = ("download", "share", "fullscreen")
    DEFAULT_SOURCES = ("upload", "webcam", "clipboard")
    STREAM_SOURCE = "webcam"
    SAMPLE_URL = SAMPLE_IMAGE_URL

    value: Any = prop(default=None, kw_only=False)
    """The image shown: a numpy array, a PIL image, a path or a URL; a callable is called when the page loads."""
    placeholder: str | None = None
    """Gradio's text for the empty upload area; sent to the browser, which shows its own prompt for now."""

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        return media.image_input(media.payload_path(payload, "Image"), self.type, self.image_mode)

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        return media.image_output(value, self.format)
