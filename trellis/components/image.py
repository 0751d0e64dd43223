"""Image: upload, webcam or paste an image, or show one; numpy arrays, PIL images or file paths."""

from __future__ import annotations

from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Changes, Editable
from trellis.components.props import prop
from trellis.components.watermark import WatermarkOptions

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
    media.Watermarked,
):
    """An image; the function receives it as a numpy array, a PIL image or a file path (``type``).

    ``image_mode`` (a PIL mode such as ``"RGB"``, ``"RGBA"`` or ``"L"``; ``None`` keeps the file's own)
    is applied to every upload. Arrays and PIL images that the function returns are saved in
    ``format`` (``"webp"`` by default); returned paths and URLs are sent as they are.

    With ``watermark``, every image it shows is stamped with the watermark image and saved in ``format``.
    """

    select = EventListener()
    stream = EventListener()
    SIGNATURE = """value, *, format, height, width, image_mode, sources, type, label, every, inputs, show_label, buttons,
        container, scale, min_width, interactive, visible, streaming, elem_id, elem_classes, render, key,
        preserved_by_key, webcam_options, placeholder, watermark, alt_text"""
    DEFAULT_BUTTONS = ("download", "share", "fullscreen")
    DEFAULT_SOURCES = ("upload", "webcam", "clipboard")
    STREAM_SOURCE = "webcam"
    SAMPLE_URL = SAMPLE_IMAGE_URL

    value: Any = prop(default=None, kw_only=False)
    """The image shown: a numpy array, a PIL image, a path or a URL; a callable is called when the page loads."""
    placeholder: str | None = None
    """The empty upload area's text instead of "Drop Image Here - or - Click to Upload": a first line starting with
    ``#`` is a heading, the other lines are shown under it."""
    alt_text: str | None = None
    """The image's text for screen readers (None: the image is decorative, its ``alt`` empty)."""

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        return media.image_input(media.payload_path(payload, "Image"), self.type, self.image_mode)

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        options: WatermarkOptions = self.watermark
        marked = media.watermarked_image(value, options.watermark, options.position, self.format)
        return marked if marked is not None else media.image_output(value, self.format)
