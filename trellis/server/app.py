"""``create_app(compiled, settings)``: the ASGI app that serves one Trellis app."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

import anyio
from fastapi import FastAPI
from starlette.applications import Starlette

from trellis._filedata import contains_file
from trellis.config.build import CompiledApp
from trellis.processing.files import FileAccessError, FileCache
from trellis.processing.media_stream import MediaStreams
from trellis.processing.runner import Runner
from trellis.processing.session import Session
from trellis.queue.backend import backend_from_setting
from trellis.queue.queue import Queue
from trellis.server import (
    routes_component_server,
    routes_files,
    routes_page,
    routes_queue,
    routes_stream,
    routes_stream_inputs,
    routes_tables,
    routes_ws,
)
from trellis.server.auth import Auth
from trellis.server.guard import RequestGuard
from trellis.server.settings import LaunchSettings
from trellis.server.state import ServerState

logger = logging.getLogger("trellis")


def _cache_file_props(
    components: Sequence[dict[str, Any]], files: FileCache
) -> tuple[list[dict[str, Any]], tuple[int, ...]]:
    """Config components whose props name files (initial values, example samples) cached, with root-relative URLs.

    Returns the new component list and the indexes of the entries that changed; the given entries stay as they are.
    """
    out = list(components)
    changed: list[int] = []
    for index, entry in enumerate(components):
        props = entry["props"]
        cached: dict[str, Any] = {}
        for key, value in props.items():
            if contains_file(value):
                try:
                    cached[key] = files.prepare_output(value, "", fetch_urls=False, skip_unservable=True)
                except FileAccessError as exc:
                    logger.warning("Component %s: %s", entry["id"], exc.message)
        if cached:
            out[index] = {**entry, "props": {**props, **cached}}
            changed.append(index)
    return out, tuple(changed)


def _served(compiled: CompiledApp, settings: LaunchSettings, files: FileCache) -> CompiledApp:
    """``compiled`` as this server serves it: its settings in the config and the files in props cached."""
    config = dict(compiled.config)
    config["show_error"] = settings.show_error
    config["max_file_size"] = settings.max_file_size
    run_history = settings.run_history
    if run_history is None:
        run_history = os.environ.get("GRADIO_RUN_HISTORY", "True").lower() == "true"
    links = settings.footer_links if settings.footer_links is not None else config["footer_links"]
    config["run_history"] = run_history
    config["pwa"] = bool(settings.pwa)  # launch(pwa=True): the Settings say how to install the app
    config["footer_links"] = [link for link in links if run_history or link != "runs"]
    config["components"], file_value_components = _cache_file_props(compiled.config["components"], files)
    return dataclasses.replace(compiled, config=MappingProxyType(config), file_value_components=file_value_components)


def app_options(app_kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of a new app's ``FastAPI(...)``: no OpenAPI pages unless ``app_kwargs`` asks."""
    return {"openapi_url": None, "docs_url": None, "redoc_url": None, **app_kwargs}


def create_app(
    compiled: CompiledApp,
    settings: LaunchSettings,
    app: FastAPI | None = None,
    parent: Starlette | None = None,
) -> FastAPI:
    """Build the FastAPI app serving ``compiled`` with ``settings``.

    ``app``: an app (of any FastAPI subclass) made with :func:`app_options` that does not serve yet;
    the routes are added to it instead of a new one. ``parent``: the user's app this one is mounted
    in; when it has a ``CORSMiddleware``, CORS answers are left to it (see :class:`RequestGuard`).
    """
    if app is None:
        app = FastAPI(**app_options(settings.app_kwargs))
    elif getattr(app.state, "trellis", None) is not None:
        raise ValueError("This app already serves a Trellis app; give each app a new one.")
    delete_cache = compiled.delete_cache
    files = FileCache(
        allowed_paths=settings.allowed_paths,
        blocked_paths=settings.blocked_paths,
        max_file_size=settings.max_file_size,
        delete_cache=delete_cache,
    )
    compiled = _served(compiled, settings, files)
    media = MediaStreams()

    def session_ended(session: Session) -> None:
        # Forget which cached files it used (and delete them if delete_cache is set); drop its media streams.
        # A one-off REST call's files stay for the age sweep: its caller may not have downloaded them yet.
        media.drop_session(session.hash)
        files.delete_session_files(session.hash, delete=delete_cache is not None and not session.ephemeral)

    backend = backend_from_setting()
    sessions = backend.sessions(
        compiled.state_components,
        expire_after=settings.session_expiry,
        capacity=settings.state_session_capacity,
        per_client=settings.max_sessions_per_client,
        on_drop=session_ended,
    )
    runner = Runner(compiled, files, media)
    queue = Queue(
        compiled,
        runner,
        sessions,
        show_error=settings.show_error,
        heartbeat_interval=settings.heartbeat_interval,
        rest_result_ttl=settings.call_result_ttl,
        abandon_grace=settings.disconnect_grace,
        backend=backend,
    )
    auth = Auth(settings.auth, settings.auth_dependency, settings.auth_message)
    direct_threads = anyio.CapacityLimiter(max(1, settings.max_threads // 2))
    state = ServerState(compiled, settings, queue, runner, files, sessions, auth, direct_threads)
    app.add_middleware(RequestGuard, settings=settings, parent=parent)
    app.state.trellis = state
    all_routes = [
        *routes_page.routes(state),
        *routes_queue.routes(state),
        *routes_files.routes(state),
        *routes_stream.routes(state),
        *routes_stream_inputs.routes(state),
        *routes_tables.routes(state),
        *routes_component_server.routes(state),
    ]
    all_routes.extend(routes_ws.routes(state, all_routes))
    for route in all_routes:
        app.router.routes.append(route)
    return app
