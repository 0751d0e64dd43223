"""Helpers apps import from ``gradio.utils``.

``NamedString`` (the path a file component hands a function), ``FileSize``, ``NO_RELOAD``,
``get_package_version`` and the static paths of ``set_static_paths``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class NamedString(str):
    """A file's server path that also answers ``.name`` with that path.

    ``gr.File`` and ``gr.UploadButton`` (``type="filepath"``) hand the function this instead of a
    plain ``str``, so code written for file objects (``file.name``) keeps working.
    """

    name: str

    def __init__(self, *args: Any) -> None:
        super().__init__()
        self.name = str(self)


class FileSize:
    """Byte sizes for ``launch(max_file_size=...)``: ``5 * gr.FileSize.MB``."""

    B = 1
    KB = 1024 * B
    MB = 1024 * KB
    GB = 1024 * MB
    TB = 1024 * GB


class DynamicBoolean(int):
    """An int that reads as a boolean which can be changed later (``NO_RELOAD``)."""

    def __init__(self, value: int) -> None:
        self.value = bool(value)

    def __bool__(self) -> bool:
        return self.value

    def set(self, value: int) -> None:
        """Change what it reads as."""
        self.value = bool(value)


#: ``if gr.NO_RELOAD:`` guards code that should run once, not on every hot reload (Gradio's reload mode
#: re-runs the app's module in the same process). ``trellis run --reload`` restarts the whole process,
#: so every run is a first run and this is always true.
NO_RELOAD = DynamicBoolean(True)


def get_package_version() -> str:
    """The version of Gradio's frontend package this page matches (as Gradio's: its ``package.json`` version)."""
    from trellis._version import GRADIO_COMPAT_VERSION

    return GRADIO_COMPAT_VERSION


_static_paths: list[Path] = []


def set_static_paths(paths: str | Path | list[str | Path]) -> None:
    """Serve the files under ``paths`` from where they are, without copying them to the cache (as Gradio's).

    Each path is a file or a folder (every file under it is then static, and readable over the network).
    Applies to every app of this Python process; each call adds to the paths of the previous ones.
    Outputs, examples and component values inside them are sent with their own path, and the file
    route serves them.
    """
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    _static_paths.extend(Path(p).resolve() for p in items)


def static_paths() -> list[Path]:
    """The paths given to :func:`set_static_paths` so far (resolved)."""
    return list(_static_paths)


def is_static_file(file_path: Any) -> bool:
    """Whether ``file_path`` is inside one of the static paths (served without being copied)."""
    try:
        path = Path(file_path).resolve()
    except (TypeError, OSError, ValueError):
        return False
    return any(path == root or root in path.parents for root in _static_paths)
