"""The request guard: checks every request passes before any route sees it.

One pure ASGI middleware around the whole app (launched or mounted), so each rule holds for
every route at once rather than route by route:

* **Proxies.** ``X-Forwarded-For/-Proto/-Host`` are believed only from ``trusted_proxies``
  (loopback by default, as uvicorn does); ``gr.Request.client`` and the app's public URL follow them.
* **Hosts.** With ``allowed_hosts`` a ``Host`` outside the list (and not a loopback name) gets 400;
  an app bound to a loopback address without the list answers to loopback names only. A page on a
  host name that resolves to this machine (DNS rebinding) cannot talk to the app.
* **Cross-site requests (CSRF).** A request a browser could send from another site without a
  preflight (a ``POST`` with a form or ``text/plain`` body, an ``<img>`` opening a heartbeat) is
  refused with 403 when the browser marks it cross-site (``Sec-Fetch-Site``) or its ``Origin`` is
  not the app's own, unless that origin is in ``allowed_origins``. Clients that are not browsers send
  neither header and are not affected. JSON routes also insist on a JSON ``Content-Type`` (415,
  :func:`trellis.server.responses.json_body`), so their bodies can never come from a simple request.
* **CORS.** Only ``allowed_origins`` (and, with ``strict_cors=False``, ``null`` and localhost pages
  for a local app) get ``Access-Control-Allow-*`` headers and preflight answers.
* **Mounted apps.** An app mounted in the user's own app whose ``CORSMiddleware`` answers CORS leaves
  CORS to it (as Gradio does): the origins it lists by name or by ``allow_origin_regex`` count as
  allowed origins here, but its ``"*"`` lets no cross-site request through the CSRF rule.
* **Body size.** Bodies other than uploads are capped at ``max_body_size`` (413): a declared
  ``Content-Length`` over the cap is refused before a byte is read, a chunked one when it crosses it.

Header size, header count and header time limits are enforced one layer down, in the HTTP protocol
(:mod:`trellis.server.protocol`), since they must hold before a request reaches the app.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import orjson
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trellis.server.settings import LaunchSettings

#: Methods whose requests change something: the CSRF rule applies to them.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: ``GET`` routes that create server-side state (a session), so a cross-site ``<img>`` must not reach them.
STATEFUL_GET = ("/gradio_api/heartbeat/",)
#: Routes with a body limit of their own (``max_file_size``, counted as the parts arrive).
OWN_BODY_LIMIT = ("/gradio_api/upload",)
#: Request headers a permitted cross-origin page may send (the official JS client's, and auth).
CORS_ALLOWED_HEADERS = b"content-type, authorization, x-gradio-user, x-hf-authorization, x-ip-token"
CORS_METHODS = b"GET, POST, HEAD, OPTIONS"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


#: Scope key of the believed ``X-Forwarded-Host`` (read by :func:`trellis.server.urls.public_root`).
PUBLIC_HOST = "trellis.public_host"
#: Scope key of the app a Trellis app is mounted in (``gr.routes.App`` records it as a request enters).
PARENT_APP = "trellis.parent_app"


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a request body crosses ``max_body_size``."""


def _networks(entries: Iterable[str]) -> tuple[list[Network], bool]:
    networks: list[Network] = []
    everything = False
    for entry in entries:
        if entry == "*":
            everything = True
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue  # a host name: uvicorn allows them too, but they cannot match a peer address
    return networks, everything


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def split_host(value: str) -> tuple[str, int | None]:
    """``"Example.com:8080"`` -> ``("example.com", 8080)``; ``"[::1]:7860"`` -> ``("::1", 7860)``."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        host, rest = (value[1:end], value[end + 1 :]) if end > 0 else (value, "")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        host, port_text = value.split(":")
    else:
        host, port_text = value, ""
    port = int(port_text) if port_text.isdigit() and len(port_text) <= 5 else None
    return host.rstrip("."), port


def is_loopback_host(host: str) -> bool:
    """``localhost``, ``*.localhost``, 127.0.0.0/8 and ``::1``: names only this machine answers to."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = _ip(host)
    return address is not None and address.is_loopback


def _host_matches(host: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if pattern == "*" or pattern == host:
            return True
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
        if _ip(pattern) is not None and _ip(pattern) == _ip(host):
            return True
    return False


def _origin_parts(origin: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an ``Origin`` value, default ports filled in; ``None`` if malformed."""
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower().rstrip("."), port or (443 if parts.scheme == "https" else 80)


@dataclasses.dataclass(frozen=True)
class ParentCors:
    """The origins the ``CORSMiddleware`` of the app a Trellis app is mounted in lets call it."""

    origins: frozenset[str]
    regex: re.Pattern[str] | None

    def allows(self, origin: str) -> bool:
        """Whether the parent names ``origin`` (exactly, as Starlette compares it) or matches its regex."""
        return origin in self.origins or (self.regex is not None and self.regex.fullmatch(origin) is not None)


def parent_cors(parent: Any) -> ParentCors | None:
    """The CORS rules of ``parent``'s own ``CORSMiddleware``, or ``None`` when it has none.

    Read when the first request arrives, so middleware the user adds after mounting counts too.
    A ``"*"`` among its origins is left out: a wildcard names no origin the CSRF rule could trust.
    """
    for middleware in getattr(parent, "user_middleware", ()):
        cls = getattr(middleware, "cls", None)
        if isinstance(cls, type) and issubclass(cls, CORSMiddleware):
            options = getattr(middleware, "kwargs", {})
            regex = options.get("allow_origin_regex")
            origins = frozenset(o for o in options.get("allow_origins", ()) if o != "*")
            return ParentCors(origins, re.compile(regex) if regex else None)
    return None


class RequestGuard:
    """ASGI middleware applying the rules in this module's docstring to every HTTP request.

    ``parent``: the user's app this app is mounted in, if known; else the one the request came
    through (``scope[PARENT_APP]``), if any (see :func:`parent_cors`).
    """

    def __init__(self, app: ASGIApp, settings: LaunchSettings, parent: Any = None) -> None:
        self.app = app
        self.parent = parent
        self._parent_rules: dict[int, ParentCors | None] = {}
        self.allowed_hosts = settings.allowed_hosts
        self.loopback_only = settings.loopback_only
        self.allowed_origins = frozenset(settings.allowed_origins)
        self.strict_cors = settings.strict_cors
        self.max_body_size = settings.max_body_size
        self.proxies, self.trust_all_proxies = _networks(settings.trusted_proxies)

    # -- proxies ---------------------------------------------------------------------------------
    def trusted(self, peer: str | None) -> bool:
        """Whether ``peer`` is a trusted proxy (its forwarding headers are believed)."""
        if self.trust_all_proxies:
            return True
        address = _ip(peer) if peer else None
        return address is not None and any(address in network for network in self.proxies)

    def _forwarded_client(self, header: str) -> str | None:
        """The first address in ``X-Forwarded-For`` (read from the right) that is not a trusted proxy."""
        hops = [hop.strip() for hop in header.split(",") if hop.strip()]
        for hop in reversed(hops):
            if not self.trusted(hop):
                return hop
        return hops[0] if hops else None

    def _resolve_proxy(self, scope: Scope, headers: dict[bytes, bytes]) -> None:
        """Apply a trusted proxy's forwarded headers to the scope (client, scheme, public host)."""
        client = scope.get("client")
        if not self.trusted(client[0] if client else None):
            return
        scope["trellis.via_proxy"] = True
        forwarded_for = headers.get(b"x-forwarded-for")
        if forwarded_for:
            address = self._forwarded_client(forwarded_for.decode("latin-1"))
            if address:
                scope["client"] = (address, 0)
        proto = headers.get(b"x-forwarded-proto")
        if proto:
            scheme = proto.decode("latin-1").split(",")[0].strip().lower()
            if scheme in ("http", "https"):
                scope["scheme"] = scheme

    def forwarded_host(self, scope: Scope, headers: dict[bytes, bytes]) -> str | None:
        """``X-Forwarded-Host`` when it may be believed: from a trusted proxy, and listed if hosts are listed."""
        value = headers.get(b"x-forwarded-host")
        if not value or not scope.get("trellis.via_proxy"):
            return None
        host = value.decode("latin-1").split(",")[0].strip()
        if self.allowed_hosts is not None and not _host_matches(split_host(host)[0], self.allowed_hosts):
            return None
        return host

    # -- hosts -------------------------------------------------------------------------------------
    def host_allowed(self, host_header: bytes | None) -> bool:
        """Whether the ``Host`` header names this server (``allowed_hosts``, or a loopback name)."""
        if host_header is None or (self.allowed_hosts is None and not self.loopback_only):
            return True
        host = split_host(host_header.decode("latin-1"))[0]
        # A loopback name is always fine: a page can only carry one if it is served from this machine.
        if is_loopback_host(host):
            return True
        return self.allowed_hosts is not None and _host_matches(host, self.allowed_hosts)

    def _hosts_text(self) -> str:
        return ", ".join(self.allowed_hosts) if self.allowed_hosts is not None else "loopback names only"

    # -- origins -----------------------------------------------------------------------------------
    def _same_origin(self, origin: str, scope: Scope, headers: dict[bytes, bytes]) -> bool:
        parts = _origin_parts(origin)
        if parts is None:
            return False
        scheme, host, port = parts
        # The Host header, and the believed X-Forwarded-Host that __call__ put in the scope.
        candidates = [headers.get(b"host", b"").decode("latin-1"), scope.get(PUBLIC_HOST, "")]
        for candidate in candidates:
            if not candidate:
                continue
            name, candidate_port = split_host(candidate)
            default = 443 if scheme == "https" else 80
            if name == host and (candidate_port or default) == port:
                return True
        return False

    def parent_rules(self, scope: Scope) -> ParentCors | None:
        """The CORS rules of the app this one is mounted in (read at its first request), or ``None``."""
        parent = self.parent if self.parent is not None else scope.get(PARENT_APP)
        if parent is None:
            return None
        key = id(parent)
        if key not in self._parent_rules:
            self._parent_rules[key] = parent_cors(parent)
        return self._parent_rules[key]

    def origin_permitted(self, origin: str, headers: dict[bytes, bytes], parent: ParentCors | None = None) -> bool:
        """Whether a page of ``origin`` (another origin than the app's) may call the app.

        ``parent``: the CORS rules of the app this one is mounted in, whose named origins may too.
        """
        if origin.rstrip("/").lower() in self.allowed_origins:
            return True
        if parent is not None and parent.allows(origin):
            return True
        if self.strict_cors:
            return False
        # strict_cors=False (Gradio's switch for web components on local files): a local app also
        # accepts pages with no origin ("null") and pages served from this machine.
        app_host = split_host(headers.get(b"host", b"").decode("latin-1"))[0]
        if not is_loopback_host(app_host):
            return False
        if origin == "null":
            return True
        parts = _origin_parts(origin)
        return parts is not None and is_loopback_host(parts[1])

    def cross_site_refusal(
        self, scope: Scope, headers: dict[bytes, bytes], origin: str | None, permitted: bool
    ) -> str | None:
        """Why a browser request must be refused as cross-site, or ``None`` if it may go on.

        ``permitted``: ``origin`` passed :meth:`origin_permitted`.
        """
        fetch_site = headers.get(b"sec-fetch-site", b"").decode("latin-1").strip().lower()
        if origin is None and not fetch_site:
            return None  # not sent by a browser (an API client, curl): CSRF does not apply
        if permitted:
            return None
        if fetch_site in ("same-origin", "none"):
            return None  # the browser itself says so, and pages cannot forge Sec-Fetch-* headers
        if fetch_site in ("cross-site", "same-site"):
            return f"Cross-site request from {origin or 'another site'} refused."
        # An older browser without Sec-Fetch-Site: compare the Origin with the app's own.
        if origin is not None and self._same_origin(origin, scope, headers):
            return None
        return f"Cross-origin request from {origin} refused."

    def _applies_csrf(self, scope: Scope) -> bool:
        method = scope["method"]
        if method in UNSAFE_METHODS:
            return True
        return method == "GET" and any(marker in scope["path"] for marker in STATEFUL_GET)

    # -- ASGI ----------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a request that breaks a rule; pass the others on to the app."""
        if scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if not self.host_allowed(headers.get(b"host")):
            host = headers.get(b"host", b"").decode("latin-1")
            await _refuse(
                send,
                400,
                f"Invalid host header {host!r}: this app answers to {self._hosts_text()}. "
                "Name its public host names with launch(allowed_hosts=[...]) or TRELLIS_ALLOWED_HOSTS.",
            )
            return
        self._resolve_proxy(scope, headers)
        forwarded = self.forwarded_host(scope, headers)
        if forwarded:
            scope[PUBLIC_HOST] = forwarded
        raw_origin = headers.get(b"origin")
        origin = raw_origin.decode("latin-1").strip() if raw_origin is not None else None
        parent = self.parent_rules(scope)
        cors_origin = origin if origin is not None and self.origin_permitted(origin, headers, parent) else None
        # A parent's CORSMiddleware answers preflights before they get here, and adds the CORS headers itself.
        parent_answers_cors = parent is not None
        if scope["method"] == "OPTIONS" and headers.get(b"access-control-request-method") and not parent_answers_cors:
            await self._preflight(send, cors_origin)
            return
        if self._applies_csrf(scope):
            why = self.cross_site_refusal(scope, headers, origin, cors_origin is not None)
            if why is not None:
                where = (
                    "by name in the CORSMiddleware of the app it is mounted in, or in mount_gradio_app(allowed_origins=[...])"
                    if parent_answers_cors
                    else "in launch(allowed_origins=[...]) (or mount_gradio_app's)"
                )
                await _refuse(
                    send, 403, f"{why} A page on another origin may call this app only if it is listed {where}."
                )
                return
        if cors_origin is not None and not parent_answers_cors:
            send = _with_cors(send, cors_origin)
        if scope["method"] in UNSAFE_METHODS and not scope["path"].endswith(OWN_BODY_LIMIT):
            declared = headers.get(b"content-length", b"")
            if declared.isdigit() and int(declared) > self.max_body_size:
                await _refuse(send, 413, self._too_large_text(), close=True)
                return
            await self._call_limited(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check a WebSocket handshake: the host and proxy rules, and the cross-site rule.

        Browsers send any page's handshake, with its cookies, to any site; CORS does not apply to WebSockets.
        """
        headers = dict(scope["headers"])
        refused = not self.host_allowed(headers.get(b"host"))
        if not refused:
            self._resolve_proxy(scope, headers)
            forwarded = self.forwarded_host(scope, headers)
            if forwarded:
                scope[PUBLIC_HOST] = forwarded
            raw_origin = headers.get(b"origin")
            origin = raw_origin.decode("latin-1").strip() if raw_origin is not None else None
            permitted = origin is not None and self.origin_permitted(origin, headers, self.parent_rules(scope))
            refused = self.cross_site_refusal(scope, headers, origin, permitted) is not None
        if refused:
            await send({"type": "websocket.close", "code": 1008})  # before the accept: the handshake gets 403
            return
        await self.app(scope, receive, send)

    def _too_large_text(self) -> str:
        return f"Request body too large: at most {self.max_body_size} bytes (launch(max_body_size=...))."

    async def _call_limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.max_body_size
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send, 413, self._too_large_text(), close=True)

    async def _preflight(self, send: Send, origin: str | None) -> None:
        if origin is None:
            await _refuse(send, 403, "Cross-origin requests from this origin are not allowed.")
            return
        response_headers = [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-credentials", b"true"),
            (b"access-control-allow-methods", CORS_METHODS),
            (b"access-control-allow-headers", CORS_ALLOWED_HEADERS),
            (b"access-control-max-age", b"600"),
            (b"vary", b"Origin"),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": response_headers})
        await send({"type": "http.response.body", "body": b""})


def _with_cors(send: Send, origin: str) -> Send:
    extra = [
        (b"access-control-allow-origin", origin.encode("latin-1")),
        (b"access-control-allow-credentials", b"true"),
        (b"vary", b"Origin"),
    ]

    async def cors_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *extra]}
        await send(message)

    return cors_send


async def _refuse(send: Send, status: int, detail: str, close: bool = False) -> None:
    body = orjson.dumps({"detail": detail})
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
