"""The FileData payload (PROTOCOL.md section 5.1) as plain dicts: schema, checks and builders.

Plain dicts keep ``import trellis`` light; ``trellis.data_classes.FileData`` is the
pydantic model of the same shape for apps that want one.
"""

from __future__ import annotations

import mimetypes
import os
import tempfile
from pathlib import Path
from typing import Any

FILE_META_TYPE = "gradio.FileData"
FILE_META: dict[str, str] = {"_type": FILE_META_TYPE}

FILEDATA_SCHEMA: dict[str, Any] = {
    "$defs": {
        "FileDataMeta": {
            "properties": {"_type": {"const": FILE_META_TYPE, "title": "Type", "type": "string"}},
            "required": ["_type"],
            "title": "FileDataMeta",
            "type": "object",
        }
    },
    "properties": {
        "path": {"title": "Path", "type": "string"},
        "url": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Url"},
        "size": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None, "title": "Size"},
        "orig_name": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Orig Name"},
        "mime_type": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None, "title": "Mime Type"},
        "is_stream": {"default": False, "title": "Is Stream", "type": "boolean"},
        "meta": {"$ref": "#/$defs/FileDataMeta"},
    },
    "required": ["path"],
    "title": "FileData",
    "type": "object",
    "additional_description": "A file: 'path' is a server path from the upload route or an http(s) URL.",
}

SAMPLE_FILE_URL = "https://github.com/gradio-app/gradio/raw/main/test/test_files/sample_file.pdf"


def is_file_payload(value: Any) -> bool:
    """True for a dict that the clients and the server treat as a file."""
    if not isinstance(value, dict) or not isinstance(value.get("path"), str):
        return False
    meta = value.get("meta")
    return isinstance(meta, dict) and meta.get("_type") == FILE_META_TYPE


def contains_file(value: Any) -> bool:
    """True when a payload holds a FileData anywhere in its dicts and lists."""
    if isinstance(value, dict):
        return is_file_payload(value) or any(contains_file(v) for v in value.values())
    if isinstance(value, list):
        return any(contains_file(v) for v in value)
    return False


def make_filedata(path: str | os.PathLike[str], orig_name: str | None = None, **extra: Any) -> dict[str, Any]:
    """A FileData dict for a local file (its ``url`` is filled in when it is sent)."""
    path = os.fspath(path)
    name = orig_name or os.path.basename(path)
    try:
        size: int | None = os.path.getsize(path)
    except OSError:
        size = None
    data = {
        "path": path,
        "url": None,
        "size": size,
        "orig_name": name,
        "mime_type": mimetypes.guess_type(name)[0],
        "is_stream": False,
        "meta": dict(FILE_META),
    }
    data.update(extra)
    return data


def sample_file_payload(url: str = SAMPLE_FILE_URL) -> dict[str, Any]:
    """The example payload that API docs show for file inputs."""
    return {"path": url, "meta": dict(FILE_META), "orig_name": url.rsplit("/", 1)[-1], "url": url}


def default_cache_dir() -> Path:
    """Where uploads and outputs are cached: ``GRADIO_TEMP_DIR``, else ``<tmp>/gradio``."""
    return Path(os.environ.get("GRADIO_TEMP_DIR") or Path(tempfile.gettempdir()) / "gradio")


def clean_filename(name: str) -> str:
    """A safe file name: no directories, no control characters, not empty."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in '<>:"|?*\x00')
    name = name.strip().lstrip(".") or "file"
    return name[:200]
