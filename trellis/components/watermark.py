"""``gr.WatermarkOptions``: the image that ``gr.Image`` and ``gr.Video`` put over what they show, and where."""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Literal

#: The corners a watermark may be placed in (10 pixels from both edges on an Image, 5 on a Video).
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")

WatermarkPosition = tuple[int, int] | Literal["top-left", "top-right", "bottom-left", "bottom-right"]


def _is_image_object(value: Any) -> bool:
    """A PIL image or a numpy array, recognised without importing either."""
    module = type(value).__module__
    return module.startswith("PIL.") or (module == "numpy" and hasattr(value, "shape"))


@dataclasses.dataclass
class WatermarkOptions:
    """A watermark: its image and where it goes (Gradio's dataclass, with its checks).

    ``gr.Image`` pastes it, at its own size, over every image it shows; ``gr.Video`` overlays it on
    every video it returns (with ffmpeg).
    """

    watermark: Any = None
    """The watermark image: a path (``str`` or ``pathlib.Path``), a PIL image or a numpy array (None: no watermark).
    A Video takes a PNG or JPEG path only."""
    position: WatermarkPosition = "bottom-right"
    """A corner ("top-left", "top-right", "bottom-left", "bottom-right") or the ``(x, y)`` pixel of the watermark's
    top-left corner."""

    def __post_init__(self) -> None:
        mark = self.watermark
        if mark is not None and not isinstance(mark, (str, os.PathLike)) and not _is_image_object(mark):
            raise ValueError("Watermark must be a string path, Path, PIL Image, numpy array, or None")
        if isinstance(self.position, str):
            if self.position not in CORNERS:
                raise ValueError(f"String position must be one of: {set(CORNERS)}")
        elif isinstance(self.position, tuple):
            if len(self.position) != 2:
                raise ValueError("Position tuple must have exactly 2 values (x,y)")
            if not all(isinstance(v, int) for v in self.position):
                raise ValueError("Position coordinates must be integers")

    def to_dict(self) -> dict[str, Any]:
        """The options as the config sends them: a path as text, an image in memory as a short description."""
        mark = self.watermark
        if isinstance(mark, os.PathLike):
            mark = os.fspath(mark)
        elif mark is not None and not isinstance(mark, str):
            size = getattr(mark, "size", None) if type(mark).__module__.startswith("PIL.") else None
            shape = size if isinstance(size, tuple) else getattr(mark, "shape", ())
            mark = f"<{type(mark).__name__} {'x'.join(str(n) for n in shape)}>"
        position = list(self.position) if isinstance(self.position, tuple) else self.position
        return {"watermark": mark, "position": position}


def watermark_options(value: Any) -> WatermarkOptions:
    """``watermark=`` as options: a :class:`WatermarkOptions`, its config dict, an image or a path (None: none)."""
    if isinstance(value, WatermarkOptions):
        return value
    if value is None:
        return WatermarkOptions()
    if isinstance(value, dict) and set(value) <= {"watermark", "position"}:
        position = value.get("position", "bottom-right")
        return WatermarkOptions(value.get("watermark"), tuple(position) if isinstance(position, list) else position)
    return WatermarkOptions(value)
