"""Gallery: a grid of images and videos, each with an optional caption."""

from __future__ import annotations

import os
from typing import Any, Literal

from typing_extensions import override

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Editable
from trellis.components.image import SAMPLE_IMAGE_URL
from trellis.components.props import prop
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


class Gallery(
    media.MediaComponent,
    Editable,
    media.SavesImages,
    media.Accepts,
    media.Tall,
    media.ReadsImages,
    defaults={"type": "filepath"},
):
    """Images and videos in a grid, sent as ``[{"image": FileData, "caption": str | None}, …]``.

    A function returns a list whose items are numpy arrays, PIL images, paths or URLs, or
    ``(item, caption)`` pairs. Arrays and PIL images are saved in ``format`` (``"webp"`` by
    default); paths keep their file name, and video files become ``{"video": …}`` items.
    As an input the function receives ``[(item, caption), …]`` with images as ``type`` says.
    """

    select = EventListener()
    upload = EventListener()
    change = EventListener()
    preview_close = EventListener()
    preview_open = EventListener()
    delete = EventListener()
    SIGNATURE = """value, *, format, file_types, label, every, inputs, show_label, container, scale, min_width, visible,
        elem_id, elem_classes, render, key, preserved_by_key, columns, rows, height, allow_preview, preview,
        selected_index, object_fit, buttons, interactive, type, fit_columns, sources"""
    DEFAULT_BUTTONS = ("share", "download", "download_all", "fullscreen")

    value: Any = prop(default=None, kw_only=False)
    """The items shown: a list of images, paths, URLs or (item, caption) pairs; a callable is called on page load."""
    columns: int | list[int] | None = 2
    """Items per row (a list, Gradio's count per screen width, is read as its largest entry)."""
    rows: int | list[int] | None = None
    """Rows of the grid, each at least 100 pixels tall and sharing the gallery's height (a list: its largest entry)."""
    allow_preview: bool = True
    """Clicking an item opens it large, with arrows to the others."""
    preview: bool | None = None
    """Open in the large view of the selected item (needs ``allow_preview``)."""
    selected_index: int | None = None
    """The item selected (and shown large in the preview) at first."""
    object_fit: Literal["contain", "cover", "fill", "none", "scale-down"] | None = None
    """How each thumbnail fills its cell, as CSS object-fit (None: "cover")."""
    fit_columns: bool = True
    """With fewer items than ``columns``, use one column per item so they fill the width (False: keep the columns)."""
    sources: list[Literal["upload", "webcam", "clipboard"]] | None = prop(default=None, sent_as="list[str]")
    """Where an interactive gallery takes images from: "upload" (files), "webcam" (a photo or a recording),
    "clipboard" (a pasted image); None is ["upload"], as in Gradio. With more than one, buttons under the
    empty gallery choose."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.sources = list(self.sources or ["upload"])

    # -- input -------------------------------------------------------------------------
    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise ValidationError(f"Gallery expects a list of items, got {payload!r:.120}")
        if not payload:
            return None  # an empty gallery reaches the function as None, as in Gradio
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
    @override
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

    @override
    def api_info(self) -> dict[str, Any]:
        return GALLERY_SCHEMA

    @override
    def example_payload(self) -> Any:
        return [{"image": sample_file_payload(SAMPLE_IMAGE_URL), "caption": None}]


def _is_stack(value: Any) -> bool:
    """A 4-D numpy array: a batch of images, one gallery item each."""
    return getattr(value, "ndim", 0) == 4
