"""FileExplorer: browse the files under a directory of the server and pick some.

The browser lists one directory at a time through the ``ls`` server function, and sends the chosen
files as paths split into their parts (``[["sub", "a.txt"]]``, relative to ``root_dir``). Everything
a client sends, listing requests and values alike, is confined to ``root_dir``: ``..``, absolute
paths, percent-encoded (once or more) traversal, NUL bytes, backslashes, symlinks that lead out of
``root_dir``, files that ``glob`` does not match and anything ``ignore_glob`` matches are refused
before any file is touched (a 4xx from ``ls``, a validation error for a value).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from typing_extensions import override

from trellis.blocks.events import EventListener
from trellis.components.base import Component, CornerButtons, Editable, LabelledCard
from trellis.components.props import prop
from trellis.components.server_functions import ServerFunctionError, ServerFunctions, server
from trellis.exceptions import Refused, ValidationError

#: The payload's JSON Schema, as Gradio 6.31 reports it in /info.
FILE_EXPLORER_SCHEMA: dict[str, Any] = {
    "items": {"items": {"type": "string"}, "type": "array"},
    "title": "FileExplorerData",
    "type": "array",
    "additional_description": None,
}

#: At most this many parts in one path, and this many characters in one part (longer is refused).
_MAX_PARTS = 256
_MAX_PART = 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class PathRefused(Refused):
    """A client path that leaves ``root_dir`` or that the explorer does not show (``status``: 400 or 403)."""


def _decoded(text: str) -> str:
    """``text`` percent-decoded until it no longer changes (double-encoded ``%252e`` included)."""
    for _ in range(4):
        decoded = unquote(text)
        if decoded == text:
            break
        text = decoded
    return text


def _segments(parts: Any) -> list[str]:
    """The path segments of a client path (a list of strings), refused if it could leave its directory."""
    if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
        raise PathRefused(400, "A path is a list of strings.")
    if len(parts) > _MAX_PARTS:
        raise PathRefused(400, "Path too long.")
    segments: list[str] = []
    for part in parts:
        if len(part) > _MAX_PART:
            raise PathRefused(400, "Path too long.")
        decoded = _decoded(part)
        if "\x00" in part or "\x00" in decoded:
            raise PathRefused(400, "Paths may not contain NUL bytes.")
        if "\\" in part or "\\" in decoded:
            raise PathRefused(403, "Paths may not contain backslashes.")
        if part.startswith("/") or decoded.startswith("/") or _DRIVE.match(part) or _DRIVE.match(decoded):
            raise PathRefused(403, "Absolute paths are not allowed.")
        for segment in part.split("/"):
            plain = _decoded(segment)
            if segment == ".." or ".." in plain.split("/"):
                raise PathRefused(403, "Paths may not leave the explorer's root directory ('..').")
            if "/" in plain:
                raise PathRefused(403, "Encoded path separators are not allowed.")
            if segment not in ("", "."):
                segments.append(segment)
    return segments


class FileExplorer(ServerFunctions, Component, LabelledCard, Editable, CornerButtons):
    """A tree of the files under ``root_dir``, with checkboxes to choose some of them.

    As an input, the function receives the chosen files' absolute paths (a list, or one path with
    ``file_count="single"``); as an output, return a path or a list of paths (absolute, or relative
    to ``root_dir``) to show them as selected.
    """

    change = EventListener()
    input = EventListener()
    select = EventListener()
    SIGNATURE = """glob, *, value, file_count, root_dir, ignore_glob, label, every, inputs, show_label, container,
        scale, min_width, height, max_height, min_height, interactive, visible, elem_id, elem_classes, render, key,
        preserved_by_key, buttons"""

    glob: str = prop(default="**/*", kw_only=False)
    """Which files are shown and can be chosen: a glob matched against each file's full path ("*.png", "**/*.txt");
    folders are always shown."""
    value: str | list[str] | Callable[..., Any] | None = None
    """The files shown as chosen at first: a path or a list of paths (absolute or relative to root_dir); a callable
    is called when the page loads to produce it."""
    file_count: Literal["single", "multiple"] = "multiple"
    """Whether one file ("single": the function gets one path) or several ("multiple": a list) can be chosen."""
    root_dir: str | Path = prop(default=".", sent_as="str")
    """The directory whose files are shown (default: the working directory); nothing outside it can be listed or
    chosen. Raises ValueError if it does not exist or is not a directory."""
    ignore_glob: str | None = None
    """A glob (case-sensitive, matched against full paths) of files and folders to leave out, e.g. "*.py"."""
    height: int | str | None = None
    """The tree's height (pixels, or a CSS length); a scrollbar appears when the files do not fit."""
    max_height: int | str | None = 500
    """The tree's maximum height (pixels, or a CSS length)."""
    min_height: int | str | None = None
    """The tree's minimum height (pixels, or a CSS length)."""

    def __post_init__(self) -> None:
        root = os.path.abspath(self.root_dir)
        if not os.path.exists(root):
            raise ValueError(f"The specified root_dir does not exist: {self.root_dir}")
        if not os.path.isdir(root):
            raise ValueError(f"The specified root_dir is not a directory: {self.root_dir}")
        self.root_dir = root
        if self.file_count not in ("single", "multiple"):
            raise ValueError(
                f"Invalid value for parameter `file_count`: {self.file_count}. "
                "Please choose from one of: ['single', 'multiple']"
            )
        super().__post_init__()

    # -- confinement -------------------------------------------------------------
    @property
    def _root(self) -> str:
        return str(self.root_dir)

    def _ignored(self, full_path: str) -> bool:
        return bool(self.ignore_glob) and fnmatch.fnmatch(full_path, str(self.ignore_glob))

    def _inside(self, full_path: str) -> bool:
        """Whether ``full_path``, its symlinks followed, stays under ``root_dir`` (resolved the same way)."""
        real_root = os.path.realpath(self._root)
        real = os.path.realpath(full_path)
        return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)

    def confined_path(self, parts: Any, kind: Literal["folder", "value"]) -> str:
        """The full path of a client path inside ``root_dir``, or :class:`PathRefused`.

        ``kind="folder"``: a directory to list; ``"value"``: a chosen file, which glob must match (a folder
        may be given too, as Gradio allows; with a final ``"."`` it is chosen as itself and glob must match it). Every folder on the way must be one
        the explorer shows (not ignored), the target must be shown and choosable, and the path must not
        leave ``root_dir`` through a symlink.
        """
        segments = _segments(parts)
        self_folder = isinstance(parts, list) and bool(parts) and parts[-1] == "."
        current = self._root
        for index, segment in enumerate(segments):
            current = os.path.join(current, segment)
            if self._ignored(current):
                raise PathRefused(403, "This path is excluded by the explorer's ignore_glob.")
            if index < len(segments) - 1 and not self._inside(current):
                raise PathRefused(403, "This path leads outside the explorer's root directory.")
        if not self._inside(current):
            raise PathRefused(403, "This path leads outside the explorer's root directory.")
        if kind == "value":
            is_folder = os.path.isdir(current)
            if (not is_folder or self_folder) and segments and not fnmatch.fnmatch(current, self.glob):
                raise PathRefused(403, "This file is not matched by the explorer's glob.")
        return current

    # -- the data contract ---------------------------------------------------------
    def _checked(self, parts: Any) -> str:
        try:
            return self.confined_path(parts, "value")
        except PathRefused as refused:
            raise ValidationError(f"FileExplorer: {refused.message}") from None

    @override
    def preprocess(self, payload: Any) -> list[str] | str | None:
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise ValidationError("FileExplorer expects a list of paths, each a list of strings.")
        if self.file_count == "single":
            if len(payload) > 1:
                raise ValidationError(f"Expected only one file, but {len(payload)} were selected.")
            return self._checked(payload[0]) if payload else None
        return [self._checked(parts) for parts in payload]

    def _strip_root(self, path: str) -> str:
        root = self._root
        if path.startswith(root):
            return path[len(root) + 1 :]
        return path

    @override
    def postprocess(self, value: Any) -> list[list[str]] | None:
        if value is None:
            return None
        files = [value] if isinstance(value, (str, Path)) else value
        if not isinstance(files, (list, tuple)):
            raise ValueError(f"FileExplorer takes a path or a list of paths, got {type(value).__name__}")
        return [self._strip_root(os.fspath(file)).split(os.path.sep) for file in files]

    @override
    def api_info(self) -> dict[str, Any]:
        return FILE_EXPLORER_SCHEMA

    @override
    def example_payload(self) -> Any:
        return [["gradio", "app.py"]]

    @override
    def example_value(self) -> Any:
        return os.sep.join(["gradio", "app.py"])

    # -- the browser's directory listings ---------------------------------------------
    @server
    def ls(self, subdirectory: Any = None) -> list[dict[str, Any]]:
        """The folders then the files of one directory under ``root_dir`` (a list of its path's parts).

        Each entry is ``{"name", "type": "file" | "folder", "valid"}``, ``valid`` saying whether ``glob``
        matches it; files ``glob`` does not match, entries ``ignore_glob`` matches and symlinks that lead
        out of ``root_dir`` are left out.
        """
        if subdirectory is None:
            subdirectory = []
        try:
            folder = self.confined_path(subdirectory, "folder")
        except PathRefused as refused:
            raise ServerFunctionError(refused.status, refused.message) from None
        try:
            names = sorted(os.listdir(folder))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return []
        files: list[dict[str, Any]] = []
        folders: list[dict[str, Any]] = []
        for name in names:
            full_path = os.path.join(folder, name)
            try:
                is_file = not os.path.isdir(full_path)
            except OSError:
                continue
            if os.path.islink(full_path) and not self._inside(full_path):
                continue
            valid = fnmatch.fnmatch(full_path, self.glob)
            if is_file and not valid:
                continue
            if self._ignored(full_path):
                continue
            (files if is_file else folders).append(
                {"name": name, "type": "file" if is_file else "folder", "valid": valid}
            )
        return folders + files
