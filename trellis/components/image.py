"""Image: upload, webcam or paste an image, or show one; numpy arrays, PIL images or file paths."""

from __future__ import annotations

from typing import Any

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Changes, Editable
from trellis.components.props import prop
from trellis.components.watermark import WatermarkOptions
from trellis.exceptions import ValidationError

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
        url = payload.get("url") if isinstance(payload, dict) and payload.get("path") is None else None
        if isinstance(url, str) and url.startswith("data:"):
            return _data_url_input(url, self.type, self.image_mode)  # a streamed webcam frame
        return media.image_input(media.payload_path(payload, "Image"), self.type, self.image_mode)

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        options: WatermarkOptions = self.watermark
        marked = media.watermarked_image(value, options.watermark, options.position, self.format)
        return marked if marked is not None else media.image_output(value, self.format)


#: Image types a streamed webcam frame (``data:image/<type>;base64,...``) may have, and their file suffix.
_FRAME_TYPES = {"jpeg": "jpeg", "jpg": "jpeg", "png": "png", "webp": "webp"}


def _data_url_input(url: str, kind: str, mode: str | None) -> Any:
    """A frame sent inline as a ``data:`` URL (the page's webcam stream) as the function receives it."""
    import base64
    import binascii
    import io

    header, _, encoded = url.partition(",")
    mime = header[len("data:") :].split(";", 1)[0].lower()
    suffix = _FRAME_TYPES.get(mime.removeprefix("image/")) if mime.startswith("image/") else None
    if suffix is None or not header.endswith(";base64"):
        raise ValidationError("An image sent inline must be a base64 JPEG, PNG or WebP data URL.")
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValidationError("The image's data URL is not valid base64.") from exc
    if kind == "filepath":
        return media.image_input(media.save_bytes(raw, f"image.{suffix}"), kind, mode)
    from PIL import Image as PILImage
    from PIL import ImageOps, UnidentifiedImageError

    try:
        image: PILImage.Image = PILImage.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError("Cannot read the image sent inline.") from exc
    if image.getexif().get(0x0112, 1) != 1:  # EXIF orientation
        image = ImageOps.exif_transpose(image)
    if mode is not None and image.mode != mode:
        image = image.convert(mode)
    if kind == "pil":
        return image
    import numpy as np

    return np.array(image)
