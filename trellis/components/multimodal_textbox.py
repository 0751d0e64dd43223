"""MultimodalTextbox: text plus attached files (uploaded, dropped, pasted or recorded)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, Literal, TypedDict

from typing_extensions import NotRequired, override

from trellis._filedata import FILEDATA_SCHEMA, sample_file_payload
from trellis.components import _media as media
from trellis.components.base import FormComponent, LabelledInput
from trellis.components.file import check_file_type
from trellis.components.props import prop
from trellis.components.text import TextEntry, to_text
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
    """What a MultimodalTextbox's function receives: the text and the paths of the attached files."""

    text: NotRequired[str]
    files: NotRequired[list[str]]


class MultimodalTextbox(FormComponent, LabelledInput, TextEntry, defaults={"submit_btn": True}):
    """A message box with attachments; the function receives ``{"text": str, "files": [path, …]}``.

    ``file_types`` is enforced on the server too. Long pasted text (over ``max_plain_text_length``
    characters) is attached as a text file by the browser, as in Gradio.
    """

    SIGNATURE = """value, *, sources, file_types, file_count, lines, max_lines, placeholder, label, info, every, inputs,
        show_label, container, scale, min_width, interactive, visible, elem_id, autofocus, autoscroll, elem_classes,
        render, key, preserved_by_key, text_align, rtl, submit_btn, stop_btn, max_plain_text_length, html_attributes"""
    data_model_is_file = True

    value: str | dict[str, Any] | Callable[..., Any] | None = prop(default=None, kw_only=False)
    """The message shown: its text, or {"text": ..., "files": [paths]}; a callable is called when the page loads."""
    sources: list[Literal["upload", "microphone"]] | Literal["upload", "microphone"] | None = None
    """Where attachments come from: "upload" (file chooser, drop, paste) and/or "microphone" (None: "upload")."""
    file_types: list[str] | None = None
    """Accepted attachments: extensions (".pdf") or kinds ("image", "audio", "video", "text"); checked on the server too."""
    file_count: Literal["single", "multiple", "directory"] = "single"
    """How many files one pick attaches: one, several, or a whole folder."""
    max_lines: int = 20
    """Rows the text area may grow to as text is typed before it scrolls (at least ``lines``)."""
    max_plain_text_length: int = 1000
    """Pasted text longer than this many characters is attached as a text file instead."""

    def __post_init__(self) -> None:
        super().__post_init__()
        sources: list[Literal["upload", "microphone"]] = (
            ["upload"]
            if self.sources is None
            else [self.sources]
            if isinstance(self.sources, str)
            else list(self.sources)
        )
        self.sources = sources
        for source in sources:
            if source not in ("upload", "microphone"):
                raise ValueError(f"MultimodalTextbox sources must be 'upload' and/or 'microphone', got {source!r}")
        if self.file_types is not None and not isinstance(self.file_types, list):
            raise ValueError(f"file_types must be a list, got {type(self.file_types).__name__}")
        if self.file_count not in ("single", "multiple", "directory"):
            raise ValueError(f"file_count must be 'single', 'multiple' or 'directory', got {self.file_count!r}")
        self.max_lines = max(self.lines, self.max_lines)

    @override
    def config_value(self) -> Any:
        return self.value if self.value is not None else {"text": "", "files": []}

    @override
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

    @override
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

    @override
    def api_info(self) -> dict[str, Any]:
        return MULTIMODAL_SCHEMA

    @override
    def example_payload(self) -> Any:
        return {"text": "Describe this image", "files": [sample_file_payload(SAMPLE_IMAGE_URL)]}

    @override
    def example_value(self) -> Any:
        return {"text": "Describe this image", "files": [SAMPLE_IMAGE_URL]}

    @override
    def as_example(self, value: Any) -> Any:
        if isinstance(value, dict):
            files = [os.fspath(f) if isinstance(f, os.PathLike) else f for f in value.get("files") or []]
            try:
                return self.postprocess({**value, "files": files})
            except (TypeError, ValueError):
                return value
        return value
