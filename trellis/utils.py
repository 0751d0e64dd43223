"""Helpers apps import from ``gradio.utils``: ``NamedString``, the path a file component hands a function."""

from __future__ import annotations

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
