"""``create_app(compiled, settings)``: the ASGI app that serves one Trellis app."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import anyio
from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from trellis.config.build import CompiledApp
from trellis.processing.files import FileAccessError, FileCache, contains_file
from trellis.processing.media_stream import MediaStreams
from trellis.processing.runner import Runner
from trellis.processing.session import SESSION_HASH_RULE, Session, SessionRefused, SessionStore, valid_session_hash
from trellis.queue.queue import Queue
from trellis.runtime import Request as AppRequest
from trellis.server import routes_files, routes_page, routes_queue, routes_stream
from trellis.server.auth import Auth
from trellis.server.guard import RequestGuard
from trellis.server.responses import error
from trellis.server.settings import LaunchSettings
from trellis.server.urls import public_root

logger = logging.getLogger("trellis")


@dataclasses.dataclass
class ServerState:
    """What every route needs: the app, its queue, files, sessions and auth."""

    app: CompiledApp
    settings: LaunchSettings
    queue: Queue
    runner: Runner
    files: FileCache
    sessions: SessionStore
    auth: Auth
    #: Worker threads that ``queue=False`` calls may take: at most half the pool, so that however many
    #: of them hang, queued listeners (which keep their own limits) still get threads.
    direct_threads: anyio.CapacityLimiter
    startup_done: bool = False

    def root(self, request: Request) -> str:
        return public_root(request, self.settings.root_path)

    def user(self, request: Request) -> str | None:
        """The logged-in user of a request that passed ``auth.refuse`` (``None`` without login)."""
        return self.auth.username(request) if self.auth.enabled else None

    def open_session(
        self, request: Request, session_hash: object, ephemeral: bool = False
    ) -> tuple[Session | None, Response | None]:
        """The caller's session (created if new), or the 4xx response that refuses it.

        The hash must be well-formed (400); a session belongs to the user who opened it (403 for
        anyone else); a client over its share of the store gets 429, a full store 503.
        """
        if not valid_session_hash(session_hash):
            return None, error(400, SESSION_HASH_RULE)
        assert isinstance(session_hash, str)
        client = request.client.host if request.client else ""
        try:
            return self.sessions.open(session_hash, self.user(request), client, ephemeral), None
        except SessionRefused as refused:
            response = error(refused.status, refused.message)
            if refused.retry_after is not None:
                response.headers["Retry-After"] = str(refused.retry_after)
            return None, response

    def session_refusal(self, request: Request, session_hash: object) -> Response | None:
        """400 for a malformed hash, 403 for another user's session; ``None`` if the caller may use it."""
        if not valid_session_hash(session_hash):
            return error(400, SESSION_HASH_RULE)
        assert isinstance(session_hash, str)
        exists, owner = self.sessions.owner_of(session_hash)
        if exists and owner != self.user(request):
            return error(403, "This session belongs to another user.")
        return None

    def app_request(self, request: Request, session_hash: str | None) -> AppRequest:
        client = request.client
        return AppRequest(
            headers=request.headers.items(),
            client=(client.host, client.port) if client else (None, None),
            query_params=request.query_params,
            cookies=request.cookies,
            session_hash=session_hash,
            username=self.user(request),
            url=str(request.url),
            path_params=request.path_params,
        )


def _cache_file_props(compiled: CompiledApp, files: FileCache) -> None:
    """Copy files named in props (initial values, example samples) into the cache, with root-relative URLs."""
    for index, entry in enumerate(compiled.config["components"]):
        props = entry["props"]
        changed = False
        for key in list(props):
            if contains_file(props.get(key)):
                try:
                    props[key] = files.prepare_output(props[key], "", fetch_urls=False)
                    changed = True
                except FileAccessError as exc:
                    logger.warning("Component %s: %s", entry["id"], exc.message)
        if changed:
            compiled.file_value_components.append(index)


def create_app(compiled: CompiledApp, settings: LaunchSettings) -> FastAPI:
    """Build the FastAPI app serving ``compiled`` with ``settings``."""
    delete_cache = getattr(compiled.blocks_obj, "delete_cache", None)
    files = FileCache(
        allowed_paths=settings.allowed_paths,
        blocked_paths=settings.blocked_paths,
        max_file_size=settings.max_file_size,
        delete_cache=delete_cache,
    )
    media = MediaStreams()

    def session_ended(session: Session) -> None:
        # Forget which cached files it used (and delete them if delete_cache is set); drop its media streams.
        # A one-off REST call's files stay for the age sweep: its caller may not have downloaded them yet.
        media.drop_session(session.hash)
        files.delete_session_files(session.hash, delete=delete_cache is not None and not session.ephemeral)

    sessions = SessionStore(
        compiled.state_components,
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
    )
    auth = Auth(settings.auth, settings.auth_dependency, settings.auth_message)
    compiled.config["show_error"] = settings.show_error
    compiled.config["max_file_size"] = settings.max_file_size
    if settings.footer_links is not None:
        compiled.config["footer_links"] = settings.footer_links
    _cache_file_props(compiled, files)
    direct_threads = anyio.CapacityLimiter(max(1, settings.max_threads // 2))
    state = ServerState(compiled, settings, queue, runner, files, sessions, auth, direct_threads)
    kwargs: dict[str, Any] = {"openapi_url": None, "docs_url": None, "redoc_url": None, **settings.app_kwargs}
    app = FastAPI(**kwargs)
    app.add_middleware(RequestGuard, settings=settings)
    app.state.trellis = state
    all_routes = [
        *routes_page.routes(state),
        *routes_queue.routes(state),
        *routes_files.routes(state),
        *routes_stream.routes(state),
    ]
    for route in all_routes:
        app.router.routes.append(route)
    return app
