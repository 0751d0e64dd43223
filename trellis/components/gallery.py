"""Gallery: a grid of images and videos, each with an optional caption."""

from __future__ import annotations

import os
from typing import Any, Literal

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import Component
from trellis.components.image import SAMPLE_IMAGE_URL
from trellis.exceptions import ValidationError

_FILE_DEF = {k: v for k, v in FILEDATA_SCHEMA.items() if k != "$defs"}
_CAPTION = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Caption"}

GALLERY_SCHEMA: dict[str, Any] = {
    "$defs": {
        **FILEDATA_SCHEMA["$defs"],
        "FileData": _FILE_DEF,
        "GalleryImage": {
            "properties": {"image": {"$ref": "#/$defs/FileData"}, "caption": _CAPTION},
            "required": ["image"],
            "title": "GalleryImage",
            "type": "object",
        },
        "GalleryVideo": {
            "properties": {"video": {"$ref": "#/$defs/FileData"}, "caption": _CAPTION},
            "required": ["video"],
            "title": "GalleryVideo",
            "type": "object",
        },
    },
    "items": {"anyOf": [{"$ref": "#/$defs/GalleryImage"}, {"$ref": "#/$defs/GalleryVideo"}]},
    "title": "GalleryData",
    "type": "array",
}


class Gallery(Component):
    """Images and videos in a grid, sent as ``[{"image": FileData, "caption": str | None}, …]``.

    A function returns a list whose items are numpy arrays, PIL images, paths or URLs, or
    ``(item, caption)`` pairs. Arrays and PIL images are saved in ``format`` (``"webp"`` by
    default); paths keep their file name, and video files become ``{"video": …}`` items.
    As an input the function receives ``[(item, caption), …]`` with images as ``type`` says.
    """

    EVENTS = ("select", "upload", "change", "preview_close", "preview_open", "delete")
    data_model_is_file = True

    def __init__(
        self,
        value: Any = None,
        *,
        format: str = "webp",
        file_types: list[str] | None = None,
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        columns: int | list[int] | None = 2,
        rows: int | list[int] | None = None,
        height: int | float | str | None = None,
        allow_preview: bool = True,
        preview: bool | None = None,
        selected_index: int | None = None,
        object_fit: Literal["contain", "cover", "fill", "none", "scale-down"] | None = None,
        buttons: list[str] | None = None,
        interactive: bool | None = None,
        type: Literal["numpy", "pil", "filepath"] = "filepath",
        fit_columns: bool = True,
    ) -> None:
        if type not in ("numpy", "pil", "filepath"):
            raise ValueError(f"Gallery type must be 'numpy', 'pil' or 'filepath', got {type!r}")
        self.format = format
        self.file_types = file_types
        self.columns = columns
        self.rows = rows
        self.height = height
        self.allow_preview = allow_preview
        self.preview = preview
        self.selected_index = selected_index
        self.object_fit = object_fit
        self.buttons = list(buttons) if buttons is not None else ["download", "share", "fullscreen"]
        self.type = type
        self.fit_columns = fit_columns
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

    # -- input -------------------------------------------------------------------------
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise ValidationError(f"Gallery expects a list of items, got {payload!r:.120}")
        return [self._item_in(item) for item in payload]

    def _item_in(self, item: Any) -> tuple[Any, str | None]:
        if not isinstance(item, dict):
            raise ValidationError(f"Gallery items are {{'image': FileData, 'caption': …}} objects, got {item!r:.120}")
        caption = item.get("caption")
        if "video" in item:
            return media.payload_path(item["video"], "Gallery"), caption
        if "image" in item:
            path = media.payload_path(item["image"], "Gallery")
            if self.type == "filepath":
                return path, caption
            return media.image_input(path, self.type, None), caption
        return media.payload_path(item, "Gallery"), caption  # a bare FileData

    # -- output ------------------------------------------------------------------------
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, (str, os.PathLike)) or (media.is_image_value(value) and not _is_stack(value)):
            value = [value]
        return [self._item_out(item) for item in value]

    def _item_out(self, item: Any) -> dict[str, Any]:
        caption: Any = None
        if isinstance(item, dict) and ("image" in item or "video" in item):
            caption = item.get("caption")
            item = item.get("image") or item.get("video")
        elif isinstance(item, (tuple, list)):
            if len(item) != 2:
                raise ValueError("Gallery items are images, paths, URLs or (item, caption) pairs.")
            item, caption = item
        caption = None if caption is None else str(caption)
        if media.is_image_value(item):
            return {"image": media.image_output(item, self.format), "caption": caption}
        try:
            data = media.path_filedata(item)
        except TypeError:
            raise ValueError(
                f"A gallery item is a numpy array, a PIL image, a path or a URL, got {type(item).__name__}"
            ) from None
        kind = "video" if media.media_kind(data.get("orig_name") or data["path"]) == "video" else "image"
        return {kind: data, "caption": caption}

    def api_info(self) -> dict[str, Any]:
        return GALLERY_SCHEMA

    def example_payload(self) -> Any:
        return [{"image": sample_file_payload(SAMPLE_IMAGE_URL), "caption": None}]


def _is_stack(value: Any) -> bool:
    """A 4-D numpy array: a batch of images, one gallery item each."""
    return getattr(value, "ndim", 0) == 4
