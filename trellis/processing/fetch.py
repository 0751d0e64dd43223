"""Guarded downloads of http(s) URLs named by clients (SSRF protection).

Every hop of a download is checked before anything is sent: the scheme must be
http or https, and every address the host name resolves to must be a public one
(no private, loopback, link-local, multicast, reserved or unspecified addresses,
IPv4 or IPv6, including IPv4 addresses embedded in IPv6 ones). The connection is
then made to the address that was checked, with the original ``Host`` header and
TLS server name, so a second DNS answer cannot switch the target. Redirects are
followed by hand, each one checked again. The body is streamed with a size cap
and an overall deadline.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import time
from collections.abc import Callable
from typing import IO, Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import httpx

from trellis.components.handlers import FetchFailed
from trellis.exceptions import Error

DEFAULT_MAX_SIZE = 100 * 1024 * 1024
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 30.0
_REDIRECTS = {301, 302, 303, 307, 308}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED = ipaddress.ip_network("100.64.0.0/10")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class FetchError(Error):
    """A URL that may not or could not be downloaded."""

    def __init__(self, message: str) -> None:
        super().__init__(message, print_exception=False)


class FetchRefused(FetchError):
    """The URL was refused before any connection was made (scheme, address, redirect limit)."""


class FetchTooLarge(FetchError):
    """The download passed the size cap."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    packed = ip.packed
    if packed[:12] == bytes(12) and int(ip) > 1:  # deprecated IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(packed[12:])
    return None


def is_public_address(address: str | IPAddress) -> bool:
    """True only for globally routable unicast addresses."""
    try:
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return False
        embedded = _embedded_ipv4(ip)
        if embedded is not None and not is_public_address(embedded):
            return False
    if (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED)
    ):
        return False
    return ip.is_global


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (through the system resolver), in order and without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve host {host!r}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclasses.dataclass
class Target:
    """One vetted hop: where to connect, and what to say the host is."""

    url: str  # the URL as the client named it
    connect_url: str  # the same URL with the vetted address in place of the host
    host_header: str
    server_name: str | None  # TLS SNI / certificate host, for https with a host name


def vet_url(url: str, *, allow_private_hosts: bool = False, resolver: Resolver | None = None) -> Target:
    """Check one URL and pick the address to connect to; raise :class:`FetchRefused` if it may not be fetched."""
    if any(ch in url for ch in "\x00\r\n\t "):
        raise FetchRefused("Refusing to fetch a URL with control characters or spaces.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"Refusing to fetch a malformed URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(f"Refusing to fetch {scheme or 'a relative'} URL: only http and https are allowed.")
    host = parts.hostname
    if not host:
        raise FetchRefused("Refusing to fetch a URL without a host.")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("Refusing to fetch a URL with credentials in it.")
    port = port or (443 if scheme == "https" else 80)
    literal: IPAddress | None
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            host.encode("ascii")
        except UnicodeEncodeError:
            host = host.encode("idna").decode("ascii")
        addresses = (resolver or system_resolver)(host, port)
    if not addresses:
        raise FetchError(f"Cannot resolve host {host!r}.")
    if not allow_private_hosts:
        for address in addresses:
            if not is_public_address(address.split("%", 1)[0]):
                raise FetchRefused(
                    f"Refusing to fetch {url}: the host {host} resolves to a non-public address ({address})."
                )
    chosen = ipaddress.ip_address(addresses[0].split("%", 1)[0])
    netloc_host = f"[{chosen}]" if chosen.version == 6 else str(chosen)
    default_port = 443 if scheme == "https" else 80
    connect_netloc = f"{netloc_host}:{port}"
    host_for_header = f"[{host}]" if ":" in host else host
    host_header = host_for_header if port == default_port else f"{host_for_header}:{port}"
    connect_url = urlunsplit((scheme, connect_netloc, parts.path or "/", parts.query, ""))
    server_name = host if scheme == "https" and literal is None else None
    return Target(url=url, connect_url=connect_url, host_header=host_header, server_name=server_name)


@dataclasses.dataclass
class FetchResult:
    """A downloaded URL: where it ended up after redirects, its size, type and file name."""

    url: str  # the final URL, after redirects
    size: int
    content_type: str | None
    filename: str


def _filename(url: str) -> str:
    path = urlsplit(url).path
    return unquote(path.rstrip("/").rsplit("/", 1)[-1]) or "file"


def fetch(
    url: str,
    out: IO[bytes],
    *,
    max_size: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private_hosts: bool = False,
    resolver: Resolver | None = None,
    transport: httpx.BaseTransport | None = None,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchResult:
    """Download ``url`` into ``out`` through the guard. Blocking: call it from a worker thread.

    ``allow_private_hosts`` turns the address check off (tests against a local server only);
    ``resolver`` and ``transport`` are test hooks.
    """
    limit = DEFAULT_MAX_SIZE if max_size is None else max_size
    deadline = time.monotonic() + timeout
    client_kwargs: dict[str, Any] = {
        "timeout": httpx.Timeout(timeout),
        "follow_redirects": False,
        "trust_env": False,
    }
    if transport is not None:
        client_kwargs["transport"] = transport
    current = url
    with httpx.Client(**client_kwargs) as client:
        for _hop in range(max_redirects + 1):
            if time.monotonic() > deadline:
                raise FetchError(f"Timed out fetching {url}.")
            target = vet_url(current, allow_private_hosts=allow_private_hosts, resolver=resolver)
            extensions: dict[str, Any] = {}
            if target.server_name:
                extensions["sni_hostname"] = target.server_name
            request = client.build_request(
                "GET",
                target.connect_url,
                headers={"Host": target.host_header, "Accept-Encoding": "identity"},
                extensions=extensions,
            )
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException:
                raise FetchError(f"Timed out fetching {current}.") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"Could not fetch {current}: {exc}") from None
            try:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"Redirect from {current} without a Location.")
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"Could not fetch {current}: HTTP {response.status_code}.")
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise FetchTooLarge(f"Refusing to fetch {current}: it is larger than {limit} bytes.")
                size = 0
                try:
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > limit:
                            raise FetchTooLarge(f"Stopped fetching {current}: it is larger than {limit} bytes.")
                        if time.monotonic() > deadline:
                            raise FetchError(f"Timed out fetching {current}.")
                        out.write(chunk)
                except httpx.TimeoutException:
                    raise FetchError(f"Timed out fetching {current}.") from None
                except httpx.HTTPError as exc:
                    raise FetchError(f"Could not fetch {current}: {exc}") from None
                content_type = response.headers.get("content-type")
                return FetchResult(url=current, size=size, content_type=content_type, filename=_filename(current))
            finally:
                response.close()
    raise FetchRefused(f"Refusing to fetch {url}: more than {max_redirects} redirects.")


def fetch_for_component(url: str, out: IO[bytes]) -> str:
    """The :class:`~trellis.components.handlers.UrlFetcher` handed to components: :func:`fetch` with its defaults.

    Returns the file name; raises :class:`~trellis.components.handlers.FetchFailed` for what :func:`fetch` refuses.
    """
    try:
        return fetch(url, out).filename
    except FetchError as exc:
        raise FetchFailed(str(exc)) from None
