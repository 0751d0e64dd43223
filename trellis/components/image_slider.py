"""ImageSlider: two images on top of each other with a draggable divider, to compare them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from trellis._filedata import FILE_META, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import Component
from trellis.components.image import SAMPLE_IMAGE_URL
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


class ImageSlider(Component):
    """Two images compared with a slider: ``(left, right)``, each a numpy array, PIL image, path or URL.

    The payload is ``[FileData | None, FileData | None]``. As an input the function receives a
    tuple of two images (``None`` for a missing one) as ``type`` says, converted to ``image_mode``
    like :class:`~trellis.Image`. Arrays and PIL images that the function returns are saved in
    ``format`` (``"webp"`` by default). ``slider_position`` is where the divider starts, in percent
    of the width from the left.
    """

    EVENTS = ("clear", "change", "stream", "select", "upload", "input")
    data_model_is_file = True

    def __init__(
        self,
        value: Any = None,
        *,
        format: str = "webp",
        height: int | str | None = None,
        width: int | str | None = None,
        image_mode: str | None = "RGB",
        type: Literal["numpy", "pil", "filepath"] = "numpy",
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        buttons: Sequence[Any] | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | Literal["hidden"] = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        slider_position: float = 50,
        max_height: int = 500,
    ) -> None:
        if type not in ("numpy", "pil", "filepath"):
            raise ValueError(f"ImageSlider type must be 'numpy', 'pil' or 'filepath', got {type!r}")
        if isinstance(slider_position, bool) or not isinstance(slider_position, (int, float)):
            raise ValueError(f"slider_position is a number from 0 to 100, got {slider_position!r}")
        self.format = format
        self.height = height
        self.width = width
        self.image_mode = image_mode
        self.type = type
        self.buttons = list(buttons) if buttons is not None else ["download", "fullscreen"]
        self.slider_position = slider_position
        self.max_height = max_height
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

    def get_props(self) -> dict[str, Any]:
        return {"streamable": False, **super().get_props()}

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

    def api_info(self) -> dict[str, Any]:
        return IMAGE_SLIDER_SCHEMA

    def example_payload(self) -> Any:
        return [sample_file_payload(SAMPLE_IMAGE_URL), sample_file_payload(SAMPLE_IMAGE_URL)]

    def example_value(self) -> Any:
        return SAMPLE_IMAGE_URL, SAMPLE_IMAGE_URL
