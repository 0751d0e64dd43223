"""Image: upload, webcam or paste an image, or show one; numpy arrays, PIL images or file paths."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import Component

SAMPLE_IMAGE_URL = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"
DEFAULT_WEBCAM_OPTIONS: dict[str, Any] = {"mirror": True, "constraints": None}


def webcam_options_dict(options: Any) -> dict[str, Any]:
    """Webcam options as a JSON prop, from ``None``, a dict or an object with ``mirror``/``constraints``."""
    if options is None:
        return dict(DEFAULT_WEBCAM_OPTIONS)
    if isinstance(options, dict):
        return {**DEFAULT_WEBCAM_OPTIONS, **options}
    return {name: getattr(options, name, default) for name, default in DEFAULT_WEBCAM_OPTIONS.items()}


class Image(Component):
    """An image; the function receives it as a numpy array, a PIL image or a file path (``type``).

    ``image_mode`` (a PIL mode such as ``"RGB"``, ``"RGBA"`` or ``"L"``; ``None`` keeps the file's own)
    is applied to every upload. Arrays and PIL images that the function returns are saved in
    ``format`` (``"webp"`` by default); returned paths and URLs are sent as they are.
    """

    EVENTS = ("change", "clear", "upload", "select", "stream", "input")
    data_model_is_file = True

    def __init__(
        self,
        value: Any = None,
        *,
        format: str = "webp",
        height: int | str | None = None,
        width: int | str | None = None,
        image_mode: str | None = "RGB",
        sources: Sequence[Literal["upload", "webcam", "clipboard"]] | str | None = ("upload", "webcam", "clipboard"),
        type: Literal["numpy", "pil", "filepath"] = "numpy",
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        buttons: list[str] | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | str = True,
        streaming: bool = False,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        webcam_options: Any = None,
        placeholder: str | None = None,
    ) -> None:
        if type not in ("numpy", "pil", "filepath"):
            raise ValueError(f"Image type must be 'numpy', 'pil' or 'filepath', got {type!r}")
        self.format = format
        self.height = height
        self.width = width
        self.image_mode = image_mode
        self.sources = [sources] if isinstance(sources, str) else list(sources or ["upload", "webcam", "clipboard"])
        self.type = type
        self.buttons = list(buttons) if buttons is not None else ["download", "share", "fullscreen"]
        self.streaming = streaming
        if streaming and "webcam" not in self.sources:
            raise ValueError("Image streaming needs 'webcam' in sources.")
        self.webcam_options = webcam_options_dict(webcam_options)
        self.placeholder = placeholder
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

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        return media.image_input(media.payload_path(payload, "Image"), self.type, self.image_mode)

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        return media.image_output(value, self.format)

    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    def example_payload(self) -> Any:
        return sample_file_payload(SAMPLE_IMAGE_URL)

    def flag(self, payload: Any) -> str:
        return str(payload.get("path", "")) if isinstance(payload, dict) else ""
