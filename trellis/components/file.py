"""File: upload one or several files, or offer files for download."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from trellis._filedata import FILEDATA_SCHEMA, is_file_payload, make_filedata, sample_file_payload
from trellis.components.base import Component
from trellis.components.buttons import button_icon
from trellis.exceptions import ValidationError


class File(Component):
    """One file or a list of files; the function receives server paths (or bytes)."""

    EVENTS = ("change", "select", "clear", "upload", "delete", "download")
    data_model_is_file = True

    def __init__(
        self,
        value: str | list[str] | Any | None = None,
        *,
        file_count: Literal["single", "multiple", "directory"] = "single",
        file_types: list[str] | None = None,
        type: Literal["filepath", "binary"] = "filepath",
        label: str | None = None,
        every: float | None = None,
        inputs: Any = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        height: int | str | float | None = None,
        interactive: bool | None = None,
        visible: bool | str = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        allow_reordering: bool = False,
        buttons: list[str] | None = None,
    ) -> None:
        self.file_count = file_count
        self.file_types = file_types
        self.type = type
        self.height = height
        self.allow_reordering = allow_reordering
        self.buttons = list(buttons or [])
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

    @property
    def multiple(self) -> bool:
        return self.file_count in ("multiple", "directory")

    def _one(self, payload: Any) -> Any:
        if not is_file_payload(payload):
            raise ValidationError(f"File expects a FileData object with a 'path', got {payload!r:.120}")
        self._check_type(payload)
        path = payload["path"]
        if self.type == "binary":
            return Path(path).read_bytes()
        return path

    def _check_type(self, payload: dict[str, Any]) -> None:
        if self.file_types:
            check_file_type(payload, self.file_types)

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

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            items = [self._to_filedata(v) for v in value]
            return items if self.multiple else (items[0] if len(items) == 1 else items)
        data = self._to_filedata(value)
        return [data] if self.multiple else data

    def _to_filedata(self, value: Any) -> dict[str, Any]:
        if is_file_payload(value) or (isinstance(value, dict) and "path" in value):
            return {
                **make_filedata(value["path"], value.get("orig_name")),
                **{k: v for k, v in value.items() if v is not None},
            }
        if isinstance(value, (str, os.PathLike)):
            return make_filedata(value)
        raise ValueError(f"File can return a path or a list of paths, got {type(value).__name__}")

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

    def example_payload(self) -> Any:
        sample = sample_file_payload()
        return [sample] if self.multiple else sample

    def flag(self, payload: Any) -> str:
        if payload is None:
            return ""
        items = payload if isinstance(payload, list) else [payload]
        return ",".join(str(p.get("path", "")) for p in items if isinstance(p, dict))


def _guess_kind(suffix: str) -> str | None:
    import mimetypes

    mime = mimetypes.types_map.get(suffix)
    return mime.split("/")[0] if mime else None


class UploadButton(File):
    """A button that opens the file picker; the chosen file(s) become its value."""

    EVENTS = ("click", "upload")

    def __init__(
        self,
        label: str = "Upload a File",
        value: str | list[str] | Any | None = None,
        *,
        every: float | None = None,
        inputs: Any = None,
        variant: Literal["primary", "secondary", "stop"] = "secondary",
        visible: bool | str = True,
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        scale: int | None = None,
        min_width: int | None = None,
        interactive: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
        type: Literal["filepath", "binary"] = "filepath",
        file_count: Literal["single", "multiple", "directory"] = "single",
        file_types: list[str] | None = None,
    ) -> None:
        self.variant = variant
        self.size = size
        self.icon = button_icon(icon)
        super().__init__(
            value,
            file_count=file_count,
            file_types=file_types,
            type=type,
            label=label,
            every=every,
            inputs=inputs,
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
        self.show_label = None
        self.container = None


class DownloadButton(Component):
    """A button that downloads the file in its value when clicked."""

    EVENTS = ("click",)
    data_model_is_file = True

    def __init__(
        self,
        label: str = "Download",
        value: str | Any | None = None,
        *,
        every: float | None = None,
        inputs: Any = None,
        variant: Literal["primary", "secondary", "stop"] = "secondary",
        visible: bool | str = True,
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        scale: int | None = None,
        min_width: int | None = None,
        interactive: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | tuple[int | str, ...] | None = None,
        preserved_by_key: list[str] | str | None = "value",
    ) -> None:
        self.variant = variant
        self.size = size
        self.icon = button_icon(icon)
        super().__init__(
            value,
            label=label,
            every=every,
            inputs=inputs,
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
        self.show_label = None
        self.container = None

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not is_file_payload(payload):
            raise ValidationError(f"DownloadButton expects a FileData object with a 'path', got {payload!r:.120}")
        return str(payload["path"])

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and "path" in value:
            return {
                **make_filedata(value["path"], value.get("orig_name")),
                **{k: v for k, v in value.items() if v is not None},
            }
        if isinstance(value, (str, os.PathLike)):
            return make_filedata(value)
        raise ValueError(f"DownloadButton can offer a path, got {type(value).__name__}")

    def api_info(self) -> dict[str, Any]:
        return FILEDATA_SCHEMA

    def example_payload(self) -> Any:
        return sample_file_payload()


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
