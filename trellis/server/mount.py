"""Serving a compiled app at a sub-path of the user's own FastAPI app (``gr.mount_gradio_app``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trellis.config.build import CompiledApp
from trellis.server.app import create_app
from trellis.server.settings import LaunchSettings

if TYPE_CHECKING:
    from fastapi import FastAPI


def mount_app(
    app: FastAPI, compiled: CompiledApp, path: str, settings: LaunchSettings, sub_app: FastAPI | None = None
) -> FastAPI:
    """Serve ``compiled`` at ``path`` inside ``app``; returns the mounted sub-app.

    ``sub_app``: the (not yet serving) app to serve it with, as :func:`create_app` takes it. CORS is
    left to ``app`` when it has a ``CORSMiddleware`` of its own (:mod:`trellis.server.guard`).
    """
    path = "/" + path.strip("/") if path.strip("/") else ""
    sub_app = create_app(compiled, settings, sub_app, parent=app)
    app.mount(path or "/", sub_app)
    return sub_app
