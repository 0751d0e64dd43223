"""File: upload one or several files, or offer files for download."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from typing_extensions import override

from trellis._filedata import FILEDATA_SCHEMA, is_file_payload, make_filedata, sample_file_payload
from trellis.blocks.events import EventListener
from trellis.components import _media as media
from trellis.components.base import Component, Editable, Scaled
from trellis.components.buttons import button_icon
from trellis.components.props import prop
from trellis.exceptions import ValidationError
from trellis.utils import NamedString


class FileHolder(Component, media.Accepts, register=False):
    """A component whose value is one file or a list of files: File and UploadButton.

    With ``type="filepath"`` the function gets each file's server path as a ``NamedString``: a ``str``
    whose ``.name`` is that path too, as Gradio passes it.
    """

    data_model_is_file = True

    file_count: Literal["single", "multiple", "directory"] = "single"
    """How many files the user may choose: one, several, or a whole directory (its files)."""
    type: Literal["filepath", "binary"] = "filepath"
    """What the function receives for each file: its path on the server, or its bytes."""

    @property
    def multiple(self) -> bool:
        """Whether the value is a list of files (``file_count`` is "multiple" or "directory")."""
        return self.file_count in ("multiple", "directory")

    def _one(self, payload: Any) -> Any:
        if not is_file_payload(payload):
            raise ValidationError(f"File expects a FileData object with a 'path', got {payload!r:.120}")
        self._check_type(payload)
        path = payload["path"]
        if self.type == "binary":
            return Path(path).read_bytes()
        return NamedString(path)

    def _check_type(self, payload: dict[str, Any]) -> None:
        if self.file_types:
            check_file_type(payload, self.file_types)

    @override
    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if self.multiple:
            items = payload if isinstance(payload, list) else [payload]
            return [self._one(item) for item in items]
        if isinstance(payload, list):
            if len(payload) != 1:
                raise ValidationError("This File component takes one file, got a list.")
            payload = payload[0]
        return self._one(payload)

    @override
    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        # As in Gradio, a list is sent as a list and one file as one file, whatever ``file_count`` says.
        refusal = "File can return a path or a list of paths"
        if isinstance(value, (list, tuple)):
            return [offered_file(v, refusal) for v in value]
        return offered_file(value, refusal)

    @override
    def api_info(self) -> dict[str, Any]:
        if self.multiple:
            item = {k: v for k, v in FILEDATA_SCHEMA.items() if k != "$defs"}
            return {
                "$defs": {**FILEDATA_SCHEMA["$defs"], "FileData": item},
                "items": {"$ref": "#/$defs/FileData"},
                "title": "ListFiles",
                "type": "array",
            }
        return FILEDATA_SCHEMA

    @override
    def example_payload(self) -> Any:
        sample = sample_file_payload()
        return [sample] if self.multiple else sample

    @override
    def flag(self, payload: Any) -> str:
        if payload is None:
            return ""
        items = payload if isinstance(payload, list) else [payload]
        return ",".join(str(p.get("path", "")) for p in items if isinstance(p, dict))


class File(FileHolder, media.MediaComponent, media.Tall, Editable, media.Uploads):
    """One file or a list of files; the function receives server paths (or bytes)."""

    change = EventListener()
    select = EventListener()
    delete = EventListener()
    download = EventListener()
    SIGNATURE = """value, *, file_count, file_types, type, label, every, inputs, show_label, container, scale, min_width,
        height, interactive, visible, elem_id, elem_classes, render, key, preserved_by_key, allow_reordering, buttons"""

    value: str | list[str] | Any = prop(default=None, kw_only=False)
    """The file(s) offered: a path, a URL, or a list of them; a callable is called when the page loads."""
    allow_reordering: bool = False
    """Let the user drag the files of a list into another order."""

    @override
    def as_example(self, value: Any) -> Any:
        return media.example_name(value)


def _guess_kind(suffix: str) -> str | None:
    import mimetypes

    mime = mimetypes.types_map.get(suffix)
    return mime.split("/")[0] if mime else None


class FileButton(Scaled, Editable, register=False, defaults={"min_width": None, "interactive": True}):
    """Props of UploadButton and DownloadButton: a button with a label and an optional icon."""

    label: str | None = prop(default=None, kw_only=False)
    """The text on the button, also its name in the API docs."""
    variant: Literal["primary", "secondary", "stop"] = "secondary"
    """The button's colours: "primary" stands out, "secondary" is plain, "stop" is red."""
    size: Literal["sm", "md", "lg"] = "lg"
    """The button's size."""
    icon: str | None = None
    """An image shown before the text: a file path (served with the app) or a URL."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.icon = button_icon(self.icon)


class UploadButton(FileHolder, FileButton, defaults={"label": "Upload a File"}):
    """A button that opens the file picker; the chosen file(s) become its value."""

    change = EventListener()
    click = EventListener()
    upload = EventListener()
    SIGNATURE = """label, value, *, every, inputs, variant, visible, size, icon, scale, min_width, interactive, elem_id,
        elem_classes, render, key, preserved_by_key, type, file_count, file_types"""

    value: str | list[str] | Any = prop(default=None, kw_only=False)
    """The file(s) already chosen: a path or a list of paths; a callable is called when the page loads."""


class DownloadButton(Component, FileButton, defaults={"label": "Download"}):
    """A button that downloads the file in its value when clicked."""

    change = EventListener()
    click = EventListener()
    SIGNATURE = """label, value, *, every, inputs, variant, visible, size, icon, scale, min_width, interactive, elem_id,
        elem_classes, render, key, preserved_by_key"""
    data_model_is_file = True

    value: str | Any = prop(default=None, kw_only=False)
    """The file downloaded on a click: a path or a URL; a callable is called when the page loads."""

    @override
    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not is_file_payload(payload):
            raise ValidationError(f"DownloadButton expects a FileData object with a 'path', got {payload!r:.120}")
        return str(payload["path"])

    @override
    def postprocess(self, value: Any) -> dict[str, Any] | None:
        return None if value is None else offered_file(value, "DownloadButton can offer a path")

    @override
    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    @override
    def example_payload(self) -> Any:
        return sample_file_payload()


def offered_file(value: Any, refusal: str) -> dict[str, Any]:
    """A file a function returned, as FileData: a path, or a dict with a ``path`` whose other fields are kept.

    Anything else raises ``ValueError(f"{refusal}, got <its type>")``.
    """
    if isinstance(value, dict) and "path" in value:
        return {
            **make_filedata(value["path"], value.get("orig_name")),
            **{k: v for k, v in value.items() if v is not None},
        }
    if isinstance(value, (str, os.PathLike)):
        return make_filedata(value)
    raise ValueError(f"{refusal}, got {type(value).__name__}")


def check_file_type(payload: dict[str, Any], file_types: list[str]) -> None:
    """Refuse a FileData whose name or type matches none of ``file_types`` (``.pdf``, ``image``, ``file``…)."""
    name = (payload.get("orig_name") or payload["path"]).lower()
    suffix = os.path.splitext(name)[1]
    mime = payload.get("mime_type") or ""
    for allowed in file_types:
        allowed = allowed.lower()
        if allowed.startswith(".") and suffix == allowed:
            return
        if allowed in ("image", "audio", "video", "text") and (
            mime.startswith(allowed + "/") or _guess_kind(suffix) == allowed
        ):
            return
        if allowed == "file":
            return
    raise ValidationError(f"Invalid file type {suffix or name!r}: this component accepts {file_types}")
