"""Pydantic models of the wire payloads, for apps that import ``gradio.data_classes``."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from trellis._filedata import FILE_META


class FileData(BaseModel):
    """A file: a server path (or URL) plus what the browser needs to show it."""

    path: str
    url: str | None = None
    size: int | None = None
    orig_name: str | None = None
    mime_type: str | None = None
    is_stream: bool = False
    meta: dict[str, Any] = Field(default_factory=lambda: dict(FILE_META))


class GradioModel(BaseModel):
    """Base of Gradio's pydantic data models, for apps that subclass it."""


class GradioRootModel(BaseModel):
    """Base of Gradio's pydantic root models, for apps that subclass it."""
