"""ImageSlider: two images on top of each other with a draggable divider, to compare them."""

from __future__ import annotations

from typing import Any

from typing_extensions import override

from trellis._filedata import FILE_META, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Changes, Editable
from trellis.components.image import SAMPLE_IMAGE_URL
from trellis.components.props import prop
from trellis.exceptions import ValidationError


def _optional(type_name: str, description: str) -> dict[str, Any]:
    return {"anyOf": [{"type": type_name}, {"type": "null"}], "default": None, "description": description}


_IMAGE_DATA: dict[str, Any] = {
    "description": "An image: a server path from the upload route, or an http(s) URL.",
    "properties": {
        "path": {**_optional("string", "Server path of the file"), "title": "Path"},
        "url": {**_optional("string", "URL of the file (http(s) or data:)"), "title": "Url"},
        "size": {**_optional("integer", "Size in bytes"), "title": "Size"},
        "orig_name": {**_optional("string", "Name of the file when it was uploaded"), "title": "Orig Name"},
        "mime_type": {**_optional("string", "MIME type of the file"), "title": "Mime Type"},
        "is_stream": {
            "default": False,
            "description": "Always false for images",
            "title": "Is Stream",
            "type": "boolean",
        },
        "meta": {"additionalProperties": True, "default": dict(FILE_META), "title": "Meta", "type": "object"},
    },
    "title": "ImageData",
    "type": "object",
}
_ONE = {"anyOf": [{"$ref": "#/$defs/ImageData"}, {"type": "null"}]}

IMAGE_SLIDER_SCHEMA: dict[str, Any] = {
    "$defs": {"ImageData": _IMAGE_DATA},
    "anyOf": [
        {"maxItems": 2, "minItems": 2, "prefixItems": [_ONE, _ONE], "type": "array"},
        {"type": "null"},
    ],
    "title": "SliderData",
    "additional_description": None,
}


class ImageSlider(
    media.MediaComponent, Editable, media.SavesImages, media.Sized, media.ConvertsImages, Changes, media.Uploads
):
    """Two images compared with a slider: ``(left, right)``, each a numpy array, PIL image, path or URL.

    The payload is ``[FileData | None, FileData | None]``. As an input the function receives a
    tuple of two images (``None`` for a missing one) as ``type`` says, converted to ``image_mode``
    like :class:`~trellis.Image`. Arrays and PIL images that the function returns are saved in
    ``format`` (``"webp"`` by default).
    """

    stream = EventListener()
    select = EventListener()
    SIGNATURE = """value, *, format, height, width, image_mode, type, label, every, inputs, show_label, buttons,
        container, scale, min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key,
        slider_position, max_height"""
    DEFAULT_BUTTONS = ("download", "fullscreen")

    value: Any = prop(default=None, kw_only=False)
    """The pair of images compared, (left, right); a callable is called when the page loads to produce it."""
    slider_position: float = 50
    """Where the divider starts, in percent of the width from the left."""
    max_height: int = 500
    """The images' greatest height in pixels, when ``height`` is not given."""
    streamable: bool = prop(default=False, init=False)
    """Whether the images can be streamed in (never, for now: the view draws still images)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        position = self.slider_position
        if isinstance(position, bool) or not isinstance(position, (int, float)):
            raise ValueError(f"slider_position is a number from 0 to 100, got {position!r}")

    @override
    def preprocess(self, payload: Any) -> tuple[Any, Any] | None:
        if payload is None:
            return None
        if not isinstance(payload, (list, tuple)) or len(payload) != 2:
            raise ValidationError(
                f"ImageSlider expects a pair [FileData | null, FileData | null], got {payload!r:.120}"
            )
        return self._image_in(payload[0]), self._image_in(payload[1])

    def _image_in(self, item: Any) -> Any:
        if item is None:
            return None
        return media.image_input(media.payload_path(item, "ImageSlider"), self.type, self.image_mode)

    @override
    def postprocess(self, value: Any) -> list[dict[str, Any] | None] | None:
        if value is None:
            return None
        if media.is_image_value(value) or not isinstance(value, (list, tuple)) or len(value) != 2:
            got = type(value).__name__
            if isinstance(value, (list, tuple)):
                got += f" of length {len(value)}"
            raise ValueError(f"ImageSlider takes a pair of images (left, right), got {got}")
        return [self._image_out(item) for item in value]

    def _image_out(self, item: Any) -> dict[str, Any] | None:
        if item is None:
            return None
        return media.image_output(item, self.format)

    @override
    def api_info(self) -> dict[str, Any]:
        return IMAGE_SLIDER_SCHEMA

    @override
    def example_payload(self) -> Any:
        return [sample_file_payload(SAMPLE_IMAGE_URL), sample_file_payload(SAMPLE_IMAGE_URL)]

    @override
    def example_value(self) -> Any:
        return SAMPLE_IMAGE_URL, SAMPLE_IMAGE_URL
