"""The app's public root URL for a request (PROTOCOL.md section 1.1)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from starlette.requests import Request


def public_root(request: Request, root_path: str) -> str:
    """Absolute URL of the app (no trailing slash), as seen by the client that sent ``request``."""
    if root_path.startswith(("http://", "https://")):
        return root_path.rstrip("/")
    headers = request.headers
    url = request.url
    # A mounted app's "root_path" includes the mount path (Starlette's base_url leaves it out).
    base = f"{url.scheme}://{url.netloc}{request.scope.get('root_path', '')}".rstrip("/")
    forwarded_host = headers.get("x-forwarded-host")
    if forwarded_host:
        parts = urlsplit(base)
        base = urlunsplit(("http", forwarded_host.split(",")[0].strip(), parts.path, "", ""))
    elif headers.get("x-gradio-server"):
        base = headers["x-gradio-server"].rstrip("/")
    proto = headers.get("x-forwarded-proto")
    if proto and proto.split(",")[0].strip() == "https" and base.startswith("http://"):
        base = "https://" + base[len("http://") :]
    if root_path:
        parts = urlsplit(base)
        if parts.path.rstrip("/") != root_path:
            base = urlunsplit((parts.scheme, parts.netloc, root_path, "", ""))
    return base.rstrip("/")
