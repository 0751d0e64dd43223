"""Login with ``launch(auth=...)``: the ``/login`` form, session cookies and the check on protected routes."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response


class Auth:
    """Password login (``auth=``) and/or a custom ``auth_dependency``."""

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
        self.tokens: dict[str, str] = {}

    @property
    def enabled(self) -> bool:
        return self.check is not None or self.dependency is not None

    def username(self, request: Request) -> str | None:
        """The logged-in user of this request, or ``None``."""
        if self.dependency is not None:
            user = self.dependency(request)
            if user:
                return user
        for name in (f"access-token-{self.cookie_id}", f"access-token-unsecure-{self.cookie_id}"):
            token = request.cookies.get(name)
            if token and token in self.tokens:
                return self.tokens[token]
        return None

    def refuse(self, request: Request) -> Response | None:
        """A 401 response when the request is not logged in (and login is required)."""
        if not self.enabled or self.username(request) is not None:
            return None
        return JSONResponse({"detail": {"error": "Not authenticated", "auth_message": self.message}}, status_code=401)

    async def login(self, request: Request) -> Response:
        if self.check is None:
            return RedirectResponse(str(request.base_url), status_code=302)
        form = await request.form()
        username = str(form.get("username", ""))
        password = str(form.get("password", ""))
        try:
            ok = bool(self.check(username, password))
        except Exception:
            ok = False
        if not ok:
            return JSONResponse({"detail": "Incorrect credentials."}, status_code=400)
        token = secrets.token_urlsafe(32)
        self.tokens[token] = username
        response = JSONResponse({"success": True})
        response.set_cookie(
            f"access-token-{self.cookie_id}", token, httponly=True, secure=True, samesite="none", path="/"
        )
        response.set_cookie(f"access-token-unsecure-{self.cookie_id}", token, httponly=True, samesite="lax", path="/")
        return response

    async def logout(self, request: Request) -> Response:
        for name in (f"access-token-{self.cookie_id}", f"access-token-unsecure-{self.cookie_id}"):
            token = request.cookies.get(name)
            if token:
                self.tokens.pop(token, None)
        response = RedirectResponse(str(request.base_url), status_code=302)
        response.delete_cookie(f"access-token-{self.cookie_id}", path="/")
        response.delete_cookie(f"access-token-unsecure-{self.cookie_id}", path="/")
        return response
