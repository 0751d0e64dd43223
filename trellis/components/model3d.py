"""Model3D: upload or show a 3D model file (.obj, .glb, .gltf, .stl, .ply or .splat).

The function receives the model as a file path and returns a path, a URL or FileData;
the browser draws it with three.js (``.splat`` files are offered for download only).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any, Literal

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import Block, Component
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
    path = payload["path"]
    if model_extension(path):
        return path
    return str(payload.get("orig_name") or path)


class Model3D(Component):
    """A 3D model; the function receives the file's path (``str``) and may return a path, a URL or FileData.

    ``camera_position`` is ``(alpha, beta, radius)``, each optional: alpha is the camera's longitude
    around the vertical axis in degrees (0 on +x, 90 in front of the model on +z), beta its angle down
    from straight above (90 is level with the model's centre) and radius its distance from that centre.
    Left out, the camera looks from the front, a little right of and above the model, far enough back
    to see all of it.
    """

    EVENTS = ("change", "upload", "edit", "clear")
    data_model_is_file = True

    def __init__(
        self,
        value: Any = None,
        *,
        display_mode: Literal["solid", "point_cloud", "wireframe"] | None = None,
        clear_color: Sequence[float] | None = None,
        camera_position: Sequence[float | None] = (None, None, None),
        zoom_speed: float = 1,
        pan_speed: float = 1,
        height: int | str | None = None,
        label: str | None = None,
        show_label: bool | None = None,
        every: float | None = None,
        inputs: Any = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        buttons: list[Any] | None = None,
    ) -> None:
        if display_mode is not None and display_mode not in DISPLAY_MODES:
            raise ValueError(f"Model3D display_mode must be one of {DISPLAY_MODES} or None, got {display_mode!r}")
        self.display_mode = display_mode
        self.clear_color = _clear_color(clear_color)
        self.camera_position = _camera_position(camera_position)
        self.zoom_speed = zoom_speed
        self.pan_speed = pan_speed
        self.height = height
        self.buttons = list(buttons or [])
        for button in self.buttons:
            if isinstance(button, Block):
                button.unrender()  # shown in this component's toolbar, not in the layout
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
        props = super().get_props()
        props["buttons"] = [{**b.get_props(), "id": b._id} if isinstance(b, Block) else b for b in self.buttons]
        return props

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

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        try:
            return media.path_filedata(value)
        except TypeError:
            raise ValueError(
                f"A Model3D output takes a file path, a URL or FileData, got {type(value).__name__}"
            ) from None

    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    def example_payload(self) -> Any:
        return sample_file_payload(SAMPLE_MODEL_URL)

    def example_value(self) -> Any:
        return SAMPLE_MODEL_URL

    def flag(self, payload: Any) -> str:
        return str(payload.get("path", "")) if isinstance(payload, dict) else ""


def _clear_color(color: Sequence[float] | None) -> list[float]:
    """The background as ``[r, g, b, a]`` floats in 0..1 (``None``: transparent)."""
    if color is None:
        return [0, 0, 0, 0]
    values = list(color)
    if len(values) != 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        raise ValueError(f"Model3D clear_color must be four numbers (r, g, b, a) between 0 and 1, got {color!r}")
    return values


def _camera_position(position: Sequence[float | None] | None) -> list[float | None]:
    values = list(position) if position is not None else [None, None, None]
    if len(values) != 3 or not all(
        v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in values
    ):
        raise ValueError(
            f"Model3D camera_position must be (alpha, beta, radius), each a number or None, got {position!r}"
        )
    return values
