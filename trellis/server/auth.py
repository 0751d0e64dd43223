"""Login with ``launch(auth=...)``: the ``/login`` form, session cookies and the check on protected routes.

Password checks run in a worker thread (an ``auth=`` function may be slow, or hash with a slow KDF)
and failed attempts are rate-limited per client address and per user name (429 with
``Retry-After``). Login tokens expire and the table that holds them is bounded. Cross-site login
posts (login CSRF) are refused by the request guard before they reach this module.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import inspect
import math
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

#: A login token is good for this long (seconds); the user logs in again afterwards.
TOKEN_LIFETIME = 30 * 24 * 3600.0
#: Tokens kept per user (the oldest is dropped) and in all.
TOKENS_PER_USER = 100
MAX_TOKENS = 10000
_UNSET: Any = object()


class FailureLimiter:
    """Failed attempts per key in a sliding window: at most ``limit`` in ``window`` seconds."""

    def __init__(self, limit: int, window: float, max_keys: int = 10000) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._failures: collections.OrderedDict[str, collections.deque[float]] = collections.OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, key: str, now: float) -> float | None:
        """Seconds until ``key`` may try again, or ``None`` if it may now."""
        with self._lock:
            failures = self._failures.get(key)
            if failures is None:
                return None
            while failures and now - failures[0] >= self.window:
                failures.popleft()
            if not failures:
                del self._failures[key]
                return None
            if len(failures) < self.limit:
                return None
            return self.window - (now - failures[0])

    def failed(self, key: str, now: float) -> None:
        """Record a failed attempt by ``key`` at time ``now``."""
        with self._lock:
            failures = self._failures.get(key)
            if failures is None:
                failures = self._failures[key] = collections.deque(maxlen=self.limit)
                while len(self._failures) > self.max_keys:
                    self._failures.popitem(last=False)
            else:
                self._failures.move_to_end(key)
            failures.append(now)


class Auth:
    """Password login (``auth=``) and/or a custom ``auth_dependency``."""

    #: Failed logins allowed per client address, and per user name (from any address).
    CLIENT_FAILURES = (10, 60.0)
    USER_FAILURES = (30, 300.0)

    def __init__(
        self,
        check: Callable[[str, str], bool] | None,
        dependency: Callable[[Request], str | None] | None = None,
        message: str | None = None,
    ) -> None:
        self.check = check
        self.dependency = dependency
        self.message = message
        self.cookie_id = secrets.token_urlsafe(8)
        #: token -> (user name, issued at, monotonic seconds); oldest first.
        self.tokens: collections.OrderedDict[str, tuple[str, float]] = collections.OrderedDict()
        self.by_client = FailureLimiter(*self.CLIENT_FAILURES)
        self.by_user = FailureLimiter(*self.USER_FAILURES)

    @property
    def enabled(self) -> bool:
        """Whether the app requires a login (``auth`` or ``auth_dependency`` was given)."""
        return self.check is not None or self.dependency is not None

    @property
    def cookie_names(self) -> tuple[str, str]:
        """The names of the login cookie: (secure, insecure)."""
        return (f"access-token-{self.cookie_id}", f"access-token-unsecure-{self.cookie_id}")

    def _token_user(self, request: Request) -> str | None:
        now = time.monotonic()
        for name in self.cookie_names:
            token = request.cookies.get(name)
            entry = self.tokens.get(token) if token else None
            if token and entry is not None:
                if now - entry[1] <= TOKEN_LIFETIME:
                    return entry[0]
                self.tokens.pop(token, None)
        return None

    async def user(self, request: Request) -> str | None:
        """The logged-in user of this request, or ``None`` (worked out once per request).

        An ``auth_dependency`` runs in a worker thread unless it is a coroutine function.
        """
        cached = request.scope.get("trellis.user", _UNSET)
        if cached is not _UNSET:
            known: str | None = cached
            return known
        user: str | None = None
        if self.dependency is not None:
            if inspect.iscoroutinefunction(self.dependency):
                user = await self.dependency(request)
            else:
                user = await anyio.to_thread.run_sync(self.dependency, request)
        if not user:
            user = self._token_user(request)
        request.scope["trellis.user"] = user or None
        return user or None

    def username(self, request: Request) -> str | None:
        """The logged-in user, as :meth:`user` found it.

        Call that first: this never blocks on user code unless it was not called.
        """
        cached = request.scope.get("trellis.user", _UNSET)
        if cached is not _UNSET:
            known: str | None = cached
            return known
        user = self.dependency(request) if self.dependency is not None else None
        return user or self._token_user(request)

    async def refuse(self, request: Request) -> Response | None:
        """A 401 response when the request is not logged in (and login is required)."""
        if not self.enabled or await self.user(request) is not None:
            return None
        return JSONResponse({"detail": {"error": "Not authenticated", "auth_message": self.message}}, status_code=401)

    def required(self, handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """A route handler for logged-in requests only: any other gets the 401 of :meth:`refuse` instead."""

        @functools.wraps(handler)
        async def guarded(request: Request) -> Response:
            refused = await self.refuse(request)
            return refused if refused is not None else await handler(request)

        return guarded

    def _too_many(self, client: str, username: str, now: float) -> Response | None:
        waits = [w for w in (self.by_client.retry_after(client, now), self.by_user.retry_after(username, now)) if w]
        if not waits:
            return None
        wait = max(1, math.ceil(max(waits)))
        return JSONResponse(
            {"detail": f"Too many failed logins; try again in {wait} s."},
            status_code=429,
            headers={"Retry-After": str(wait)},
        )

    async def login(self, request: Request) -> Response:
        """``POST /login``: check the form's username and password, set the cookie and go back to the app."""
        if self.check is None:
            return RedirectResponse("./", status_code=302)
        form = await request.form()
        username = str(form.get("username", ""))
        password = str(form.get("password", ""))
        missing = [name for name, value in (("username", username), ("password", password)) if not value]
        if missing:
            # As Gradio: an empty field is a malformed form (422), not a failed login.
            detail = [{"type": "missing", "loc": ["body", name], "msg": "Field required"} for name in missing]
            return JSONResponse({"detail": detail}, status_code=422)
        client = request.client.host if request.client else ""
        refused = self._too_many(client, username, time.monotonic())
        if refused is not None:
            return refused
        ok = await self._run_check(username, password)
        if not ok:
            now = time.monotonic()
            self.by_client.failed(client, now)
            self.by_user.failed(username, now)
            return JSONResponse({"detail": "Incorrect credentials."}, status_code=400)
        token = self._issue(username)
        response = JSONResponse({"success": True})
        secure_name, lax_name = self.cookie_names
        response.set_cookie(secure_name, token, httponly=True, secure=True, samesite="none", path="/")
        response.set_cookie(lax_name, token, httponly=True, samesite="lax", path="/")
        return response

    async def _run_check(self, username: str, password: str) -> bool:
        check = self.check
        assert check is not None
        try:
            if inspect.iscoroutinefunction(check):
                return bool(await check(username, password))
            result = await anyio.to_thread.run_sync(check, username, password)
            if inspect.isawaitable(result):
                result = await result
            return bool(result)
        except asyncio.CancelledError:
            raise
        except Exception:
            return False

    def _issue(self, username: str) -> str:
        """A new token for ``username``; expired tokens and a user's oldest beyond the bound are pruned."""
        now = time.monotonic()
        while self.tokens:
            oldest_token, (_, issued) = next(iter(self.tokens.items()))
            if now - issued <= TOKEN_LIFETIME and len(self.tokens) < MAX_TOKENS:
                break
            del self.tokens[oldest_token]
        mine = [t for t, (user, _) in self.tokens.items() if user == username]
        for old in mine[: max(0, len(mine) - TOKENS_PER_USER + 1)]:
            del self.tokens[old]
        token = secrets.token_urlsafe(32)
        self.tokens[token] = (username, now)
        return token

    async def logout(self, request: Request) -> Response:
        """``GET /logout``: forget the login token, clear the cookies and go back to the app."""
        for name in self.cookie_names:
            token = request.cookies.get(name)
            if token:
                self.tokens.pop(token, None)
        # A relative Location: the Host header is the client's to choose, so no URL is built from it.
        response = RedirectResponse("./", status_code=302)
        for name in self.cookie_names:
            response.delete_cookie(name, path="/")
        return response
