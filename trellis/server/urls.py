"""The app's public root URL for a request (PROTOCOL.md section 1.1)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from starlette.requests import Request

from trellis.server.guard import PUBLIC_HOST


def public_root(request: Request, root_path: str) -> str:
    """Absolute URL of the app (no trailing slash), as seen by the client that sent ``request``.

    Forwarded headers count only as the request guard (:mod:`trellis.server.guard`) left them:
    the scheme and ``X-Forwarded-Host`` of a trusted proxy, never those of any other peer.
    """
    if root_path.startswith(("http://", "https://")):
        return root_path.rstrip("/")
    scope = request.scope
    url = request.url
    # A mounted app's "root_path" includes the mount path (Starlette's base_url leaves it out).
    base = f"{url.scheme}://{url.netloc}{scope.get('root_path', '')}".rstrip("/")
    forwarded_host = scope.get(PUBLIC_HOST)
    if forwarded_host:
        parts = urlsplit(base)
        base = urlunsplit((parts.scheme, forwarded_host, parts.path, "", ""))
    elif scope.get("trellis.via_proxy") and request.headers.get("x-gradio-server"):
        base = request.headers["x-gradio-server"].rstrip("/")
    if root_path:
        parts = urlsplit(base)
        if parts.path.rstrip("/") != root_path:
            base = urlunsplit((parts.scheme, parts.netloc, root_path, "", ""))
    return base.rstrip("/")
