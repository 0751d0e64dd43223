"""ImageEditor and its templates (Sketchpad, Paint, ImageMask): draw on layers over a background image.

The value is an ``EditorValue`` dict ``{"background": image | None, "layers": [image, ...],
"composite": image | None}``; the payload is the same dict with each image as a FileData
(``EditorData``). The browser draws, then uploads the background, each layer and the flattened
composite as PNG files and sends their FileData.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar, Literal

from typing_extensions import override

from trellis._filedata import FILEDATA_SCHEMA, make_filedata, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components._media import WebcamOptions as WebcamOptions
from trellis.components.base import Changes, Editable
from trellis.components.image import SAMPLE_IMAGE_URL
from trellis.components.props import prop
from trellis.components.watermark import WatermarkOptions as WatermarkOptions
from trellis.exceptions import ValidationError

EditorSource = Literal["upload", "webcam", "clipboard"]
VALID_SOURCES: tuple[EditorSource, ...] = ("upload", "webcam", "clipboard")
VALID_TRANSFORMS = ("crop", "resize")

#: The brush colours when ``Brush(colors=None)``: Gradio's five defaults.
DEFAULT_BRUSH_COLORS: list[str | tuple[str, float]] = [
    "rgb(204, 50, 50)",
    "rgb(173, 204, 50)",
    "rgb(50, 204, 112)",
    "rgb(50, 112, 204)",
    "rgb(173, 50, 204)",
]


@dataclasses.dataclass
class Eraser:
    """``gr.Eraser``: the eraser tool's options (the ``eraser`` of an ImageEditor)."""

    default_size: int | Literal["auto"] = "auto"
    """The eraser's starting radius in pixels ("auto": about a fiftieth of the canvas's smaller side)."""


@dataclasses.dataclass
class Brush(Eraser):
    """``gr.Brush``: the brush tool's options (the ``brush`` of an ImageEditor)."""

    colors: list[str | tuple[str, float]] | str | tuple[str, float] | None = None
    """The palette offered: CSS colours, or ``(colour, opacity)`` pairs (None: five default colours)."""
    default_color: str | tuple[str, float] | None = None
    """The colour the brush starts with (None: the palette's first)."""
    color_mode: Literal["fixed", "defaults"] = "defaults"
    """"fixed": only the palette's colours; "defaults": the palette plus a colour picker for any colour."""

    def __post_init__(self) -> None:
        if self.colors is None:
            self.colors = list(DEFAULT_BRUSH_COLORS)
        if self.default_color is None:
            self.default_color = self.colors[0] if isinstance(self.colors, list) else self.colors


@dataclasses.dataclass
class LayerOptions:
    """``gr.LayerOptions``: the layers an ImageEditor starts with and whether the user may add more."""

    allow_additional_layers: bool = True
    """Show the button that adds a layer."""
    layers: list[str] | None = None
    """The names of the layers the editor starts with (None or empty: one layer, "Layer 1")."""
    disabled: bool = False
    """Hide the layers panel: the editor has one layer to draw on."""

    def __post_init__(self) -> None:
        if not self.layers:
            self.layers = ["Layer 1"]


def _options_dict(options: Any, kind: type[Any], what: str) -> dict[str, Any] | Literal[False]:
    """A Brush/Eraser/LayerOptions as the JSON prop Gradio sends (``False`` stays ``False``)."""
    if options is False:
        return False
    if options is None:
        options = kind()
    elif isinstance(options, dict):
        options = kind(**options)
    if not isinstance(options, kind):
        raise TypeError(f"ImageEditor {what} takes a gr.{kind.__name__}, None or False, got {options!r:.80}")
    return dataclasses.asdict(options)


def _file_def() -> dict[str, Any]:
    return {k: v for k, v in FILEDATA_SCHEMA.items() if k not in ("$defs", "additional_description")}


_ONE_FILE = {"anyOf": [{"$ref": "#/$defs/FileData"}, {"type": "null"}], "default": None}

#: JSON Schema of the payload, as Gradio's ``EditorData`` model gives it.
EDITOR_DATA_SCHEMA: dict[str, Any] = {
    "$defs": {"FileData": _file_def(), **FILEDATA_SCHEMA["$defs"]},
    "properties": {
        "background": _ONE_FILE,
        "layers": {"default": [], "items": {"$ref": "#/$defs/FileData"}, "title": "Layers", "type": "array"},
        "composite": _ONE_FILE,
        "id": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Id"},
    },
    "title": "EditorData",
    "type": "object",
    "additional_description": None,
}


class ImageEditor(
    media.MediaComponent, Editable, media.SavesImages, media.Sized, media.ReadsImages, Changes, media.Uploads
):
    """Upload an image (or start from a blank canvas) and draw on it with a brush and an eraser, in layers.

    As an input the function receives ``{"background": image, "layers": [image, ...], "composite":
    image}``, each image as ``type`` says (numpy array, PIL image or file path) in ``image_mode``. With a
    mode that has no alpha channel, the transparent parts of the background and the composite are
    filled with white (layers only lose their alpha). As an output it takes such a dict, or a single
    image, which becomes both the background and the composite; arrays and PIL images are saved as
    ``format``.
    """

    select = EventListener()
    apply = EventListener()
    SIGNATURE = """value, *, height, width, image_mode, sources, type, label, every, inputs, show_label, buttons,
        container, scale, min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key,
        placeholder, _selectable, transforms, eraser, brush, format, layers, canvas_size, fixed_canvas,
        webcam_options"""
    DEFAULT_BUTTONS = None
    #: Gradio's default ``sources``.
    DEFAULT_SOURCES: ClassVar[tuple[EditorSource, ...] | None] = VALID_SOURCES

    value: Any = prop(default=None, kw_only=False)
    """The starting value: an ``{"background", "layers", "composite"}`` dict of images (numpy arrays, PIL
    images, paths or URLs), or one image as the background; a callable is called when the page loads."""
    image_mode: str = "RGBA"
    """The PIL mode every image the function receives is converted to ("RGBA", "RGB", "L"...)."""
    sources: Sequence[EditorSource] | EditorSource | None = prop(default=VALID_SOURCES, sent_as="list[str]")
    """Where the background may come from: "upload" a file, a "webcam" picture, paste from the "clipboard"
    (None or empty: none; the editor starts from a blank canvas)."""
    placeholder: str | None = None
    """The empty editor's text instead of "Upload an image": a first line starting with ``#`` is a heading."""
    _selectable: bool = prop(default=False, wire=False)
    """Send ``select`` events when the image is clicked (set by a ``select`` listener)."""
    transforms: Sequence[Literal["crop", "resize"]] | None = prop(default=("crop", "resize"), sent_as="list[str]")
    """The transform tools offered: "crop" and "resize" the canvas (None or empty: none)."""
    eraser: Any = prop(default=None, sent_as="dict[str, Any] | bool")
    """The eraser's options, a ``gr.Eraser`` (None: the defaults; False: no eraser)."""
    brush: Any = prop(default=None, sent_as="dict[str, Any] | bool")
    """The brush's options, a ``gr.Brush`` (None: the defaults; False: no brush, and no eraser either)."""
    layers: Any = prop(default=True, sent_as="dict[str, Any]")
    """The layers' options: True (one layer, more may be added), False (one layer, no layers panel) or a
    ``gr.LayerOptions``."""
    canvas_size: tuple[int, int] = prop(default=(800, 800), sent_as="list[int]")
    """The blank canvas's (width, height) in pixels; an uploaded background sets the canvas to its own
    size unless ``fixed_canvas``."""
    fixed_canvas: bool = False
    """Keep the canvas at ``canvas_size``: a background is scaled down to fit and centred on it."""
    webcam_options: Any = prop(default=None, sent_as="dict[str, Any]")
    """The webcam's settings, a ``gr.WebcamOptions`` or dict: ``mirror`` the preview and pictures (True by
    default) and the ``getUserMedia`` ``constraints``."""

    def __post_init__(self) -> None:
        super().__post_init__()
        sources = self.sources
        if isinstance(sources, str):
            sources = [sources]
        self.sources = list(sources) if sources is not None else []
        for source in self.sources:
            if source not in VALID_SOURCES:
                raise ValueError(f"`sources` must be a list consisting of elements in {list(VALID_SOURCES)}")
        transforms = self.transforms
        self.transforms = [transforms] if isinstance(transforms, str) else list(transforms or [])  # type: ignore[list-item]
        for transform in self.transforms:
            if transform not in VALID_TRANSFORMS:
                raise ValueError(f"ImageEditor transforms are 'crop' and 'resize', got {transform!r}")
        self.eraser = _options_dict(self.eraser, Eraser, "eraser")
        self.brush = _options_dict(self.brush, Brush, "brush")
        layers = self.layers
        if layers is True or layers is None:
            layers = LayerOptions()
        elif layers is False:
            layers = LayerOptions(disabled=True)
        elif isinstance(layers, dict):
            layers = LayerOptions(**layers)
        if not isinstance(layers, LayerOptions):
            raise TypeError(f"ImageEditor layers takes True, False or a gr.LayerOptions, got {layers!r:.80}")
        self.layers = dataclasses.asdict(layers)
        size = self.canvas_size
        if (
            not isinstance(size, (tuple, list))
            or len(size) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in size)
        ):
            raise ValueError(f"ImageEditor canvas_size is a (width, height) pair of positive ints, got {size!r}")
        self.canvas_size = (int(size[0]), int(size[1]))
        self.webcam_options = media.webcam_options_dict(self.webcam_options)

    @override
    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        props["canvas_size"] = list(self.canvas_size)
        props["_selectable"] = bool(self._selectable)
        return props

    # -- input -----------------------------------------------------------------------------------
    def _image_in(self, item: Any, flatten_on_white: bool) -> Any:
        if item is None:
            return None
        path = media.payload_path(item, "ImageEditor")
        if media.is_url(path):
            if self.type == "filepath":
                return path  # as Image does (the server fetches input URLs into the cache before this)
            raise ValidationError("Images given by URL are not fetched by this server; upload the file instead.")
        image, _ = media.open_image(path, None)
        mode = self.image_mode
        if (
            flatten_on_white
            and mode not in ("RGBA", "LA", "PA")
            and ("A" in image.getbands() or "transparency" in image.info)
        ):
            from PIL import Image

            rgba = image.convert("RGBA")
            image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
        if mode and image.mode != mode:
            image = image.convert(mode)
        if self.type == "pil":
            return image
        if self.type == "numpy":
            import numpy as np

            return np.array(image)
        orig = item.get("orig_name") if isinstance(item, dict) else None
        if isinstance(orig, str) and orig:
            name = Path(orig).stem or "image"
            suffix = Path(orig).suffix.lstrip(".").lower() or self.format
        else:
            name, suffix = "image", self.format
        suffix = "jpeg" if suffix in ("jpg", "jpeg") else suffix
        return media.save_bytes(media.encode_image(image, suffix), f"{name}.{suffix}")

    @override
    def preprocess(self, payload: Any) -> dict[str, Any] | None:
        if payload is None:
            return None
        if not isinstance(payload, dict):
            raise ValidationError(
                f"ImageEditor expects an object {{background, layers, composite}}, got {payload!r:.120}"
            )
        layers = payload.get("layers") or []
        if not isinstance(layers, list):
            raise ValidationError(f"ImageEditor 'layers' must be a list of FileData, got {layers!r:.120}")
        converted = [self._image_in(layer, False) for layer in layers]
        return {
            "background": self._image_in(payload.get("background"), True),
            "layers": [layer for layer in converted if layer is not None],
            "composite": self._image_in(payload.get("composite"), True),
        }

    # -- output ----------------------------------------------------------------------------------
    def _image_out(self, item: Any) -> dict[str, Any] | None:
        if item is None:
            return None
        if isinstance(item, (str, os.PathLike)) and not media.is_url(item):
            return make_filedata(os.fspath(item))
        return media.image_output(item, self.format)

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict):
            layers = value.get("layers") or []
            if not isinstance(layers, (list, tuple)):
                raise ValueError("The 'layers' of a gr.ImageEditor value must be a list of images.")
            return {
                "background": self._image_out(value.get("background")),
                "layers": [self._image_out(layer) for layer in layers if layer is not None],
                "composite": self._image_out(value.get("composite")),
                "id": None,
            }
        if media.is_image_value(value) or isinstance(value, (str, os.PathLike)):
            image = self._image_out(value)
            return {"background": image, "layers": [], "composite": image, "id": None}
        raise ValueError("The value to `gr.ImageEditor` must be a dictionary of images or a single image.")

    @override
    def api_info(self) -> dict[str, Any]:
        return EDITOR_DATA_SCHEMA

    @override
    def example_payload(self) -> Any:
        return {"background": sample_file_payload(SAMPLE_IMAGE_URL), "layers": [], "composite": None}

    @override
    def example_value(self) -> Any:
        return {"background": SAMPLE_IMAGE_URL, "layers": [], "composite": None}

    @override
    def flag(self, payload: Any) -> str:
        if not isinstance(payload, dict):
            return ""
        import json

        return json.dumps(payload)


class Sketchpad(
    ImageEditor, register=False, type_name="imageeditor", defaults={"sources": (), "transforms": ("crop",)}
):
    """An ImageEditor to draw on a blank canvas: no background sources, a fixed black brush, crop only.

    As in Gradio, ``brush=None`` or ``brush=False`` both give the black brush.
    """

    SIGNATURE = """value, *, height, width, image_mode, sources, type, label, every, inputs, show_label, buttons,
        container, scale, min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key,
        placeholder, webcam_options, _selectable, transforms, eraser, brush, format, canvas_size, fixed_canvas,
        layers"""
    is_template: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if not self.brush:
            self.brush = Brush(colors=["#000000"], color_mode="fixed")
        super().__post_init__()


class Paint(ImageEditor, register=False, type_name="imageeditor", defaults={"sources": (), "transforms": ("crop",)}):
    """An ImageEditor to paint on a blank canvas: no background sources, crop only."""

    SIGNATURE = """value, *, height, width, image_mode, sources, type, label, every, inputs, show_label, buttons,
        container, scale, min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key,
        webcam_options, _selectable, transforms, eraser, brush, format, layers, canvas_size, fixed_canvas,
        placeholder"""
    is_template: ClassVar[bool] = True


class ImageMask(
    ImageEditor, register=False, type_name="imageeditor", defaults={"transforms": ("crop",), "layers": False}
):
    """An ImageEditor to paint a mask over an uploaded image: a fixed black brush, one layer, crop only.

    As in Gradio, ``brush=None`` or ``brush=False`` both give the black brush.
    """

    SIGNATURE = """value, *, height, width, image_mode, sources, type, label, every, inputs, show_label, buttons,
        container, scale, min_width, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key,
        placeholder, _selectable, transforms, eraser, brush, format, layers, canvas_size, fixed_canvas,
        webcam_options"""
    is_template: ClassVar[bool] = True

    def __post_init__(self) -> None:
        if not self.brush:
            self.brush = Brush(colors=["#000000"], color_mode="fixed")
        super().__post_init__()
