"""Model3D: upload or show a 3D model file (.obj, .glb, .gltf, .stl, .ply or .splat).

The function receives the model as a file path and returns a path, a URL or FileData;
the browser draws it with three.js (``.splat`` files are offered for download only).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any, Literal

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import CORNER_BUTTONS_WIRE, Block, CornerButtons, Editable
from trellis.components.props import prop
from trellis.exceptions import ValidationError

SAMPLE_MODEL_URL = "https://raw.githubusercontent.com/gradio-app/gradio/main/gradio/media_assets/models3d/Fox.gltf"

#: File extensions a Model3D accepts, lower case with the dot.
MODEL_EXTENSIONS: tuple[str, ...] = (".obj", ".glb", ".gltf", ".stl", ".ply", ".splat")

DISPLAY_MODES = ("solid", "point_cloud", "wireframe")


def model_extension(name: str) -> str:
    """The lower-case extension of a file name, path or URL (``""`` when there is none)."""
    clean = name.split("?", 1)[0].split("#", 1)[0].replace("\\", "/")
    return PurePosixPath(clean).suffix.lower()


def _payload_name(payload: dict[str, Any]) -> str:
    """The name whose extension says the format: the stored path's, else the original name's."""
    path: str = payload["path"]
    if model_extension(path):
        return path
    return str(payload.get("orig_name") or path)


class Model3D(media.OneFile, media.Tall, Editable, CornerButtons):
    """A 3D model; the function receives the file's path (``str``) and may return a path, a URL or FileData.

    ``camera_position`` is ``(alpha, beta, radius)``, each optional: alpha is the camera's longitude
    around the vertical axis in degrees (0 on +x, 90 in front of the model on +z), beta its angle down
    from straight above (90 is level with the model's centre) and radius its distance from that centre.
    Left out, the camera looks from the front, a little right of and above the model, far enough back
    to see all of it.
    """

    change = EventListener()
    upload = EventListener()
    edit = EventListener()
    clear = EventListener()
    SIGNATURE = """value, *, display_mode, clear_color, camera_position, zoom_speed, pan_speed, height, label,
        show_label, every, inputs, container, scale, min_width, interactive, visible, elem_id, elem_classes, render,
        key, preserved_by_key, buttons"""
    SAMPLE_URL = SAMPLE_MODEL_URL

    value: Any = prop(default=None, kw_only=False)
    """The model shown: a path, a URL or FileData of a .obj, .glb, .gltf, .stl, .ply or .splat file."""
    display_mode: Literal["solid", "point_cloud", "wireframe"] | None = None
    """How the model is drawn: solid surfaces, a cloud of its vertices, or its edges (None: solid)."""
    clear_color: Sequence[float] | None = None
    """The background colour as (r, g, b, a), each from 0 to 1 (None: transparent)."""
    camera_position: Sequence[float | None] = (None, None, None)
    """Where the camera starts: (alpha, beta, radius), each None for the automatic one (see the class)."""
    zoom_speed: float = 1
    """How fast the mouse wheel zooms (larger: faster)."""
    pan_speed: float = 1
    """How fast right-dragging moves the view (larger: faster)."""
    buttons: list[str | Block] | None = prop(default=None, sent_as=CORNER_BUTTONS_WIRE)
    """gr.Button instances shown in the corner strip of a model being viewed: each is taken out of the layout and
    drawn as a small text button that fires the Button's click listeners (None: none)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.display_mode is not None and self.display_mode not in DISPLAY_MODES:
            raise ValueError(f"Model3D display_mode must be one of {DISPLAY_MODES} or None, got {self.display_mode!r}")
        self.clear_color = _clear_color(self.clear_color)
        self.camera_position = _camera_position(self.camera_position)

    @override
    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        path = media.payload_path(payload, "Model3D")
        name = _payload_name(payload)
        extension = model_extension(name)
        if extension not in MODEL_EXTENSIONS:
            shown = os.path.basename(name.split("?", 1)[0]) or name
            raise ValidationError(
                f"Model3D cannot use {shown!r}: upload a 3D model file ({', '.join(MODEL_EXTENSIONS)})."
            )
        return path

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        try:
            return media.path_filedata(value)
        except TypeError:
            raise ValueError(
                f"A Model3D output takes a file path, a URL or FileData, got {type(value).__name__}"
            ) from None

    @override
    def example_value(self) -> Any:
        return SAMPLE_MODEL_URL

    @override
    def as_example(self, value: Any) -> Any:
        return media.example_name(value)


def _clear_color(color: Sequence[float] | None) -> list[float]:
    """The background as ``[r, g, b, a]`` floats in 0..1 (``None``: transparent)."""
    if color is None:
        return [0, 0, 0, 0]
    values = list(color)
    if len(values) != 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        raise ValueError(f"Model3D clear_color must be four numbers (r, g, b, a) between 0 and 1, got {color!r}")
    return values


def _camera_position(position: Sequence[float | None] | None) -> list[float | None]:
    values: list[float | None] = list(position) if position is not None else [None, None, None]
    if len(values) != 3 or not all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values
    ):
        raise ValueError(
            f"Model3D camera_position must be (alpha, beta, radius), each a number or None, got {position!r}"
        )
    return values
