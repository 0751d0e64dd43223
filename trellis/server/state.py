"""``ServerState``: what every route of one served app shares (the app, its queue, files, sessions, auth)."""

from __future__ import annotations

import dataclasses
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response

from trellis.config.build import CompiledApp
from trellis.processing.files import FileCache
from trellis.processing.runner import Runner
from trellis.processing.session import SESSION_HASH_RULE, Session, SessionRefused, valid_session_hash
from trellis.queue.backend import Sessions
from trellis.queue.queue import Queue
from trellis.runtime import Request as AppRequest
from trellis.server.auth import Auth
from trellis.server.responses import error
from trellis.server.settings import LaunchSettings
from trellis.server.urls import public_root


@dataclasses.dataclass
class ServerState:
    """What every route needs: the app, its queue, files, sessions and auth."""

    app: CompiledApp
    settings: LaunchSettings
    queue: Queue
    runner: Runner
    files: FileCache
    sessions: Sessions
    auth: Auth
    #: Worker threads that ``queue=False`` calls may take: at most half the pool, so that however many
    #: of them hang, queued listeners (which keep their own limits) still get threads.
    direct_threads: anyio.CapacityLimiter
    startup_done: bool = False
    #: Each Dataframe's initial value as pages get it (``None``: whole), worked out on the first page.
    page_values: dict[int, Any] = dataclasses.field(default_factory=dict)

    def root(self, request: Request) -> str:
        """The public URL root of the app for this request (proxies and ``root_path`` taken into account)."""
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
        """The ``gr.Request`` a function receives for this request: it wraps the Starlette request itself."""
        return AppRequest(request, username=self.user(request), session_hash=session_hash)
