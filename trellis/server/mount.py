"""Serving a compiled app at a sub-path of the user's own FastAPI app (``gr.mount_gradio_app``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trellis.config.build import CompiledApp
from trellis.server.app import create_app
from trellis.server.settings import LaunchSettings

if TYPE_CHECKING:
    from fastapi import FastAPI


def mount_app(app: FastAPI, compiled: CompiledApp, path: str, settings: LaunchSettings) -> FastAPI:
    """Serve ``compiled`` at ``path`` inside ``app``; returns the mounted sub-app."""
    path = "/" + path.strip("/") if path.strip("/") else ""
    sub_app = create_app(compiled, settings)
    app.mount(path or "/", sub_app)
    return sub_app
