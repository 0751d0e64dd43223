"""AnnotatedImage: a base image with coloured masks and boxes laid over it, and a legend of labels.

Each annotation is sent as an RGBA PNG the size of the base image: the colour of its label (from
``color_map``, else red) wherever the annotation covers the image, and the annotation's strength
as the alpha channel. A box ``(x1, y1, x2, y2)`` becomes a half-transparent fill with an opaque
border three pixels wide.
"""

from __future__ import annotations

import io
import numbers
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from typing_extensions import override

from trellis._filedata import FILEDATA_SCHEMA, make_filedata, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components import handlers
from trellis.components.image import SAMPLE_IMAGE_URL
from trellis.components.props import prop
from trellis.exceptions import ValidationError

if TYPE_CHECKING:
    import numpy as np

_FILE_DEF = {k: v for k, v in FILEDATA_SCHEMA.items() if k not in ("$defs", "additional_description")}

ANNOTATED_IMAGE_SCHEMA: dict[str, Any] = {
    "$defs": {
        "Annotation": {
            "properties": {"image": {"$ref": "#/$defs/FileData"}, "label": {"title": "Label", "type": "string"}},
            "required": ["image", "label"],
            "title": "Annotation",
            "type": "object",
        },
        "FileData": _FILE_DEF,
        **FILEDATA_SCHEMA["$defs"],
    },
    "properties": {
        "image": {"$ref": "#/$defs/FileData"},
        "annotations": {"items": {"$ref": "#/$defs/Annotation"}, "title": "Annotations", "type": "array"},
    },
    "required": ["image", "annotations"],
    "title": "AnnotatedImageData",
    "type": "object",
    "additional_description": None,
}

#: The colour of a label that ``color_map`` does not name (the browser gives each one its own hue).
DEFAULT_COLOR: tuple[int, int, int] = (255, 0, 0)
#: Width in pixels of a box's opaque border; the inside of a box is half transparent.
BOX_BORDER = 3
BOX_FILL = 0.5


def parse_color(color: Any) -> tuple[int, int, int]:
    """``(r, g, b)`` from a CSS colour: ``#rgb``, ``#rrggbb``, ``#rrggbbaa``, ``rgb(…)``, ``hsl(…)`` or a name."""
    from PIL import ImageColor

    if not isinstance(color, str):
        raise ValueError(f"A color_map colour is a string such as '#ff0000', got {type(color).__name__}")
    try:
        rgb = ImageColor.getrgb(color.strip())
    except ValueError:
        raise ValueError(f"Unknown colour {color!r} in color_map; use a hex code such as '#ff0000'.") from None
    return int(rgb[0]), int(rgb[1]), int(rgb[2])


def _check_color_map(color_map: Any) -> dict[str, str] | None:
    if color_map is None:
        return None
    if not isinstance(color_map, dict):
        raise ValueError(f"color_map maps labels to colours (a dict), got {type(color_map).__name__}")
    for color in color_map.values():
        parse_color(color)
    return color_map


def _is_box(annotation: Any) -> bool:
    """Four numbers: a tuple or list (numpy scalars too) or a 1-D numpy array of length 4."""
    if media.is_image_value(annotation) and not isinstance(annotation, (tuple, list)):
        shape = getattr(annotation, "shape", None)
        return shape == (4,) and annotation.dtype.kind in "iuf"
    return (
        isinstance(annotation, (tuple, list))
        and len(annotation) == 4
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in annotation)
    )


def box_alpha(box: Sequence[float], size: tuple[int, int]) -> np.ndarray:
    """The alpha (0..1) of a box ``(x1, y1, x2, y2)`` on an image of ``size`` (width, height)."""
    import numpy as np

    width, height = size
    x1, x2 = sorted(round(v) for v in (box[0], box[2]))
    y1, y2 = sorted(round(v) for v in (box[1], box[3]))
    x1, x2 = max(0, min(width, x1)), max(0, min(width, x2))
    y1, y2 = max(0, min(height, y1)), max(0, min(height, y2))
    alpha = np.zeros((height, width), dtype=np.float32)
    if x2 <= x1 or y2 <= y1:
        return alpha
    alpha[y1:y2, x1:x2] = BOX_FILL
    b = BOX_BORDER
    alpha[y1:y2, x1 : min(x1 + b, x2)] = 1
    alpha[y1:y2, max(x2 - b, x1) : x2] = 1
    alpha[y1 : min(y1 + b, y2), x1:x2] = 1
    alpha[max(y2 - b, y1) : y2, x1:x2] = 1
    return alpha


def mask_alpha(mask: Any, label: str) -> np.ndarray:
    """A mask (bool, float 0..1, or integer 0..1 / 0..255 array, or PIL image) as float alpha in 0..1."""
    import numpy as np
    from PIL import Image

    if isinstance(mask, Image.Image):
        mask = np.asarray(mask.convert("1") if mask.mode == "1" else mask.convert("L"))
    arr = np.asarray(mask)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[..., 0]
    if arr.ndim != 2:
        raise ValueError(
            f"The mask of annotation {label!r} must be a 2-D array (height x width), got shape {arr.shape}"
        )
    if arr.dtype == np.bool_:
        return arr.astype(np.float32)
    if np.issubdtype(arr.dtype, np.floating):
        return np.clip(np.nan_to_num(arr.astype(np.float32)), 0, 1)
    if np.issubdtype(arr.dtype, np.integer):
        scale = 255 if arr.size and arr.max() > 1 else 1
        return np.clip(arr.astype(np.float32) / scale, 0, 1)
    raise ValueError(f"The mask of annotation {label!r} has unsupported dtype {arr.dtype}")


def colored_mask(alpha: np.ndarray, rgb: tuple[int, int, int]) -> Any:
    """An RGBA PIL image: ``rgb`` where ``alpha > 0`` (transparent black elsewhere), alpha x 255 as alpha."""
    import numpy as np
    from PIL import Image

    out = np.zeros((*alpha.shape, 4), dtype=np.uint8)
    out[alpha > 0, :3] = rgb
    out[..., 3] = (alpha * 255).astype(np.uint8)  # truncated, as Gradio does
    return Image.fromarray(out, "RGBA")


def _download(url: str) -> str:
    """Fetch ``url`` (public addresses only) into the cache; returns the cached path."""
    buffer = io.BytesIO()
    try:
        filename = handlers.fetch_url(url, buffer)
    except handlers.FetchFailed as exc:
        raise ValueError(
            f"AnnotatedImage needs the size of its base image to draw boxes, but {exc} "
            "Return the image as a numpy array, a PIL image or a local path instead."
        ) from None
    return media.save_bytes(buffer.getvalue(), filename)


class AnnotatedImage(media.MediaComponent, media.SavesImages, media.Sized):
    """A base image with coloured annotations (masks or boxes) on top, and a legend of their labels.

    A function returns ``(image, [(annotation, label), …])``: the image is a numpy array, a PIL
    image, a path or a URL; each annotation is a box ``(x1, y1, x2, y2)`` in pixels or a mask of
    the image's height x width (bool, or floats in 0..1 giving its strength). ``color_map`` gives
    labels their colours (any CSS colour string). Arrays and PIL images of the base image are saved
    in ``format``; masks are always PNG. As an input (rare) the function receives
    ``(base_image_path, [(mask_path, label), …])``.
    """

    change = EventListener()
    select = EventListener()
    SIGNATURE = """value, *, format, show_legend, height, width, color_map, label, every, inputs, show_label, container,
        scale, min_width, visible, elem_id, elem_classes, render, key, preserved_by_key, buttons"""
    DEFAULT_BUTTONS = ("fullscreen",)

    value: Any = prop(default=None, kw_only=False)
    """The annotated image: (image, [(mask or box, label), ...]); a callable is called when the page loads."""
    show_legend: bool = True
    """Show the labels under the image, each in its colour (hovering one highlights its annotations)."""
    color_map: dict[str, str] | None = None
    """Colours of the labels, as CSS colours such as "#ff0000"; a label left out gets a hue of its own."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.color_map = _check_color_map(self.color_map)

    # -- input -------------------------------------------------------------------------
    @override
    def preprocess(self, payload: Any) -> tuple[str, list[tuple[str, str]]] | None:
        if payload is None:
            return None
        if not isinstance(payload, dict) or not isinstance(payload.get("annotations", []), list):
            raise ValidationError(
                f"AnnotatedImage expects {{'image': FileData, 'annotations': [...]}}, got {payload!r:.120}"
            )
        base = media.payload_path(payload.get("image"), "AnnotatedImage")
        annotations: list[tuple[str, str]] = []
        for item in payload.get("annotations", []):
            if not isinstance(item, dict) or not isinstance(item.get("label"), str):
                raise ValidationError(
                    f"AnnotatedImage annotations are {{'image': FileData, 'label': str}} objects, got {item!r:.120}"
                )
            annotations.append((media.payload_path(item.get("image"), "AnnotatedImage"), item["label"]))
        return base, annotations

    # -- output ------------------------------------------------------------------------
    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and "image" in value and "annotations" in value:
            return self._payload_out(value)
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise ValueError(
                "AnnotatedImage takes (image, [(annotation, label), ...]), "
                f"got {type(value).__name__}" + (f" of length {len(value)}" if isinstance(value, (tuple, list)) else "")
            )
        base, annotations = value
        if annotations is None:
            annotations = []
        if not isinstance(annotations, (list, tuple)):
            raise ValueError(
                f"AnnotatedImage annotations are a list of (mask or box, label) pairs, got {type(annotations).__name__}"
            )
        pairs: list[tuple[Any, str]] = []
        for item in annotations:
            if not isinstance(item, (tuple, list)) or len(item) != 2:
                raise ValueError(f"Each annotation is a (mask or (x1, y1, x2, y2), label) pair, got {item!r:.80}")
            if item[1] is None:
                raise ValueError(f"Annotation {item[0]!r:.40} has no label")
            pairs.append((item[0], str(item[1])))

        size, base_data = self._base_out(base, pairs)
        colors = {name: parse_color(color) for name, color in (self.color_map or {}).items()}
        out = []
        for annotation, label in pairs:
            out.append({"image": self._annotation_out(annotation, label, size, colors), "label": label})
        return {"image": base_data, "annotations": out}

    def _base_out(self, base: Any, pairs: list[tuple[Any, str]]) -> tuple[tuple[int, int] | None, dict[str, Any]]:
        """The base image's FileData and its (width, height), when the annotations need it."""
        if media.is_image_value(base):
            size = media.image_size(base)
            return size, media.image_output(base, self.format)
        given = base
        if isinstance(base, dict) and isinstance(base.get("path"), str):
            base = base["path"]  # a FileData (a value shaped like the payload)
        if media.is_url(base):
            if not any(_is_box(annotation) for annotation, _ in pairs):  # masks bring their own size
                return None, media.path_filedata(given)
            path = _download(base)
            return media.image_size(path), make_filedata(path)
        if isinstance(base, (str, os.PathLike)):
            if not os.path.isfile(base):
                raise ValueError(f"AnnotatedImage base image {os.fspath(base)!r} is not a file")
            return media.image_size(base), media.path_filedata(given)
        raise ValueError(
            f"AnnotatedImage's base image is a numpy array, a PIL image, a path or a URL, got {type(base).__name__}"
        )

    def _annotation_out(
        self, annotation: Any, label: str, size: tuple[int, int] | None, colors: dict[str, tuple[int, int, int]]
    ) -> dict[str, Any]:
        if isinstance(annotation, (str, os.PathLike)) or (
            isinstance(annotation, dict) and isinstance(annotation.get("path"), str)
        ):
            path: str = annotation["path"] if isinstance(annotation, dict) else os.fspath(annotation)
            if not media.is_url(path) and not os.path.isfile(path):
                raise ValueError(f"The mask of annotation {label!r} names no file: {path!r}")
            return media.path_filedata(annotation)  # an already-drawn mask image
        if _is_box(annotation):
            if size is None:  # _base_out fetches a URL base image whenever there are boxes
                raise ValueError("AnnotatedImage cannot draw a box without the base image's size")
            alpha = box_alpha(annotation, size)
        elif media.is_image_value(annotation):
            alpha = mask_alpha(annotation, label)
            if size is not None and (alpha.shape[1], alpha.shape[0]) != size:
                raise ValueError(
                    f"The mask of annotation {label!r} is {alpha.shape[1]}x{alpha.shape[0]} (width x height) "
                    f"but the image is {size[0]}x{size[1]}; masks must have the image's height x width"
                )
        else:
            raise ValueError(
                f"Annotation {label!r} is neither a box (x1, y1, x2, y2) of numbers nor a mask array, "
                f"got {type(annotation).__name__}"
            )
        rgb = colors.get(label, DEFAULT_COLOR)
        png = media.encode_image(colored_mask(alpha, rgb), "png")
        return make_filedata(media.save_bytes(png, "mask.png"))

    def _payload_out(self, value: dict[str, Any]) -> dict[str, Any] | None:
        """A payload-shaped value (``{"image": …, "annotations": […]}``) with its files as FileData."""
        annotations = value.get("annotations") or []
        if not isinstance(annotations, list) or not all(isinstance(a, dict) and "image" in a for a in annotations):
            raise ValueError("AnnotatedImage annotations are {'image': ..., 'label': str} objects")
        base = value["image"]
        pairs = [(a["image"], str(a.get("label", ""))) for a in annotations]
        return self.postprocess((base, pairs))

    @override
    def api_info(self) -> dict[str, Any]:
        return ANNOTATED_IMAGE_SCHEMA

    @override
    def example_payload(self) -> Any:
        return {"image": sample_file_payload(SAMPLE_IMAGE_URL), "annotations": []}

    @override
    def example_value(self) -> Any:
        return SAMPLE_IMAGE_URL, [((0, 0, 100, 100), "bus")]


#: Gradio's lower-case alias.
Annotatedimage = AnnotatedImage
