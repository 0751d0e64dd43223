"""MultimodalTextbox: text plus attached files (uploaded, dropped, pasted or recorded)."""

from __future__ import annotations

import os
from typing import Any, Literal, TypedDict

from typing_extensions import NotRequired

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import FormComponent
from trellis.components.file import check_file_type
from trellis.components.text import to_text
from trellis.exceptions import ValidationError

SAMPLE_IMAGE_URL = "https://raw.githubusercontent.com/gradio-app/gradio/main/test/test_files/bus.png"
_FILE_DEF = {k: v for k, v in FILEDATA_SCHEMA.items() if k != "$defs"}

MULTIMODAL_SCHEMA: dict[str, Any] = {
    "$defs": {**FILEDATA_SCHEMA["$defs"], "FileData": _FILE_DEF},
    "properties": {
        "text": {"title": "Text", "type": "string"},
        "files": {"items": {"$ref": "#/$defs/FileData"}, "title": "Files", "type": "array"},
    },
    "required": ["text"],
    "title": "MultimodalData",
    "type": "object",
    "additional_description": None,
}


class MultimodalValue(TypedDict):
    text: NotRequired[str]
    files: NotRequired[list[str]]


class MultimodalTextbox(FormComponent):
    """A message box with attachments; the function receives ``{"text": str, "files": [path, …]}``.

    ``file_types`` is enforced on the server too. Long pasted text (over ``max_plain_text_length``
    characters) is attached as a text file by the browser, as in Gradio.
    """

    EVENTS = ("change", "input", "select", "submit", "focus", "blur", "stop")
    data_model_is_file = True

    def __init__(
        self,
        value: str | dict[str, Any] | Any | None = None,
        *,
        sources: list[Literal["upload", "microphone"]] | Literal["upload", "microphone"] | None = None,
        file_types: list[str] | None = None,
        file_count: Literal["single", "multiple", "directory"] = "single",
        lines: int = 1,
        max_lines: int = 20,
        placeholder: str | None = None,
        label: str | None = None,
        info: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        autofocus: bool = False,
        autoscroll: bool = True,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        text_align: Literal["left", "right"] | None = None,
        rtl: bool = False,
        submit_btn: str | bool | None = True,
        stop_btn: str | bool | None = False,
        max_plain_text_length: int = 1000,
        html_attributes: Any = None,
    ) -> None:
        if sources is None:
            sources = ["upload"]
        self.sources = [sources] if isinstance(sources, str) else list(sources)
        for source in self.sources:
            if source not in ("upload", "microphone"):
                raise ValueError(f"MultimodalTextbox sources must be 'upload' and/or 'microphone', got {source!r}")
        if file_types is not None and not isinstance(file_types, list):
            raise ValueError(f"file_types must be a list, got {type(file_types).__name__}")
        if file_count not in ("single", "multiple", "directory"):
            raise ValueError(f"file_count must be 'single', 'multiple' or 'directory', got {file_count!r}")
        self.file_types = file_types
        self.file_count = file_count
        self.lines = lines
        self.max_lines = max(lines, max_lines)
        self.placeholder = placeholder
        self.autofocus = autofocus
        self.autoscroll = autoscroll
        self.text_align = text_align
        self.rtl = rtl
        self.submit_btn = submit_btn
        self.stop_btn = stop_btn
        self.max_plain_text_length = max_plain_text_length
        self.html_attributes = html_attributes
        super().__init__(
            value,
            label=label,
            info=info,
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

    def config_value(self) -> Any:
        return self.value if self.value is not None else {"text": "", "files": []}

    def preprocess(self, payload: Any) -> MultimodalValue | None:
        if payload is None:
            return None
        if isinstance(payload, str):
            return {"text": payload, "files": []}
        if not isinstance(payload, dict):
            raise ValidationError(
                f"MultimodalTextbox expects {{'text': str, 'files': [FileData, …]}}, got {type(payload).__name__}"
            )
        text = to_text(payload.get("text", ""), "MultimodalTextbox") or ""
        files = payload.get("files") or []
        if not isinstance(files, list):
            raise ValidationError("MultimodalTextbox 'files' must be a list of FileData objects.")
        paths = []
        for item in files:
            path = media.payload_path(item, "MultimodalTextbox")
            if self.file_types:
                check_file_type(item, self.file_types)
            paths.append(path)
        return {"text": text, "files": paths}

    def postprocess(self, value: Any) -> dict[str, Any]:
        if value is None:
            return {"text": "", "files": []}
        if isinstance(value, str):
            return {"text": value, "files": []}
        if not isinstance(value, dict):
            raise ValueError(
                "MultimodalTextbox takes a string or a dict with optional 'text' and 'files', "
                f"got {type(value).__name__}"
            )
        text = value.get("text", "")
        if not isinstance(text, str):
            raise TypeError(f"Expected 'text' to be a string, got {type(text).__name__}")
        files = value.get("files") or []
        if not isinstance(files, list):
            raise TypeError(f"Expected 'files' to be a list, got {type(files).__name__}")
        return {"text": text, "files": [media.path_filedata(f) for f in files if f is not None]}

    def api_info(self) -> dict[str, Any]:
        return MULTIMODAL_SCHEMA

    def example_payload(self) -> Any:
        return {"text": "Describe this image", "files": [sample_file_payload(SAMPLE_IMAGE_URL)]}

    def example_value(self) -> Any:
        return {"text": "Describe this image", "files": [SAMPLE_IMAGE_URL]}

    def as_example(self, value: Any) -> Any:
        if isinstance(value, dict):
            files = [os.fspath(f) if isinstance(f, os.PathLike) else f for f in value.get("files") or []]
            try:
                return self.postprocess({**value, "files": files})
            except (TypeError, ValueError):
                return value
        return value
