"""The SSRF guard for URL inputs: address checks, redirects, size caps, timeouts. Never reaches the internet.

Refusals use literal private addresses (refused before any connection) or a mock transport that
stands in for a public server; the success path uses a local server on 127.0.0.1 with the
``allow_private_hosts`` override.
"""

from __future__ import annotations

import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from trellis.processing import fetch as fetch_module
from trellis.processing.fetch import FetchError, FetchRefused, FetchTooLarge, fetch, is_public_address, vet_url
from trellis.processing.files import FileAccessError, FileCache

FILE_META = {"_type": "gradio.FileData"}
PUBLIC_IP = "93.184.215.14"  # only ever "contacted" through a mock transport


# -- addresses ---------------------------------------------------------------------------------

NON_PUBLIC = [
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.2.1",
    "198.18.0.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "64:ff9b::7f00:1",
    "2002:7f00:1::",
    "::127.0.0.1",
    "2001:db8::1",
    "not an address",
]


@pytest.mark.parametrize("address", NON_PUBLIC)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert is_public_address(address) is False


@pytest.mark.parametrize("address", ["8.8.8.8", PUBLIC_IP, "2606:4700:4700::1111"])
def test_public_addresses_are_accepted(address: str) -> None:
    assert is_public_address(address) is True


# -- vetting a URL -------------------------------------------------------------------------------

REFUSED_URLS = [
    "http://127.0.0.1/",
    "http://127.0.0.1:7860/gradio_api/file=/etc/passwd",
    "http://0.0.0.0/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/latest",
    "http://[fe80::1]/",
    "https://10.1.2.3/x",
    "http://192.168.0.1:8080/admin",
    "http://2130706433/",  # 127.0.0.1 as one integer: not an IP literal to urlsplit, so it goes to the resolver
    "file:///etc/passwd",
    "ftp://example.com/a",
    "gopher://127.0.0.1:6379/_INFO",
    "javascript:alert(1)",
    "data:text/plain,hi",
    "/etc/passwd",
    "http:///nohost",
    "http://user:pass@" + PUBLIC_IP + "/",
    "http://" + PUBLIC_IP + "/a\r\nHost: evil",
]


def _resolver(table: dict[str, list[str]]) -> Any:
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise FetchError(f"Cannot resolve host {host!r}")
        return table[host]

    return resolve


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_vet_url_refuses_before_connecting(url: str) -> None:
    # The integer-host form reaches the resolver; let it answer as the system would.
    resolver = _resolver({"2130706433": ["127.0.0.1"]})
    with pytest.raises(FetchRefused):
        vet_url(url, resolver=resolver)


def test_host_name_resolving_to_a_private_address_is_refused() -> None:
    with pytest.raises(FetchRefused, match="non-public address"):
        vet_url("http://internal.example/", resolver=_resolver({"internal.example": ["10.0.0.7"]}))


def test_any_private_answer_among_several_is_refused() -> None:
    resolver = _resolver({"mixed.example": [PUBLIC_IP, "127.0.0.1"]})
    with pytest.raises(FetchRefused):
        vet_url("http://mixed.example/", resolver=resolver)


def test_vetted_target_connects_to_the_checked_address_with_the_original_host() -> None:
    target = vet_url("https://files.example:8443/a/b.txt?x=1", resolver=_resolver({"files.example": [PUBLIC_IP]}))
    assert (target.connect_url, target.host_header, target.server_name) == (
        f"https://{PUBLIC_IP}:8443/a/b.txt?x=1",
        "files.example:8443",
        "files.example",
    )


def test_vetted_ipv6_target_is_bracketed() -> None:
    target = vet_url("http://v6.example/", resolver=_resolver({"v6.example": ["2606:4700:4700::1111"]}))
    assert (target.connect_url, target.host_header, target.server_name) == (
        "http://[2606:4700:4700::1111]:80/",
        "v6.example",
        None,
    )


# -- fetching through a mock "public" server -----------------------------------------------------


class Recorder:
    """A mock transport standing in for public servers; records every request it gets."""

    def __init__(self, handler: Any) -> None:
        self.requests: list[httpx.Request] = []
        self.handler = handler
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)


PUBLIC_DNS = _resolver({"public.example": [PUBLIC_IP], "other.example": ["8.8.4.4"]})


def _fetch(url: str, recorder: Recorder, **kwargs: Any) -> tuple[bytes, Any]:
    out = io.BytesIO()
    result = fetch(url, out, resolver=PUBLIC_DNS, transport=recorder.transport, **kwargs)
    return out.getvalue(), result


def test_fetch_sends_the_host_header_to_the_vetted_address() -> None:
    recorder = Recorder(lambda request: httpx.Response(200, content=b"payload"))
    body, result = _fetch("http://public.example/dir/pic.png", recorder)
    [request] = recorder.requests
    assert (body, result.filename, request.url.host, request.headers["host"]) == (
        b"payload",
        "pic.png",
        PUBLIC_IP,
        "public.example",
    )


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/",
        "http://[::ffff:10.0.0.1]/",
        "file:///etc/passwd",
        "gopher://10.0.0.1/",
    ],
)
def test_redirect_to_a_private_address_or_other_scheme_is_refused(location: str) -> None:
    recorder = Recorder(lambda request: httpx.Response(302, headers={"Location": location}))
    with pytest.raises(FetchRefused):
        _fetch("http://public.example/start", recorder)
    assert len(recorder.requests) == 1  # the redirect target was never contacted


def test_each_redirect_hop_is_resolved_and_checked_again() -> None:
    hops = {"/1": "http://other.example/2", "/2": "/3"}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path in hops:
            return httpx.Response(301, headers={"Location": hops[request.url.path]})
        return httpx.Response(200, content=b"end")

    recorder = Recorder(handler)
    body, result = _fetch("http://public.example/1", recorder)
    assert (body, result.url, [(r.url.host, r.headers["host"], r.url.path) for r in recorder.requests]) == (
        b"end",
        "http://other.example/3",
        [(PUBLIC_IP, "public.example", "/1"), ("8.8.4.4", "other.example", "/2"), ("8.8.4.4", "other.example", "/3")],
    )


def test_more_than_five_redirects_are_refused() -> None:
    recorder = Recorder(lambda request: httpx.Response(302, headers={"Location": "/again"}))
    with pytest.raises(FetchRefused, match="redirects"):
        _fetch("http://public.example/", recorder)
    assert len(recorder.requests) == 6


def test_dns_rebinding_cannot_switch_the_address_after_the_check() -> None:
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])
    recorder = Recorder(lambda request: httpx.Response(200, content=b"ok"))
    out = io.BytesIO()
    fetch("http://rebind.example/", out, resolver=lambda host, port: next(answers), transport=recorder.transport)
    assert [r.url.host for r in recorder.requests] == [PUBLIC_IP]


def test_rebinding_on_a_redirect_hop_is_refused() -> None:
    answers = iter([[PUBLIC_IP], ["127.0.0.1"]])
    recorder = Recorder(lambda request: httpx.Response(302, headers={"Location": "/next"}))
    with pytest.raises(FetchRefused):
        fetch("http://rebind.example/", io.BytesIO(), resolver=lambda h, p: next(answers), transport=recorder.transport)
    assert len(recorder.requests) == 1


def test_declared_size_over_the_cap_is_refused_before_reading() -> None:
    recorder = Recorder(lambda request: httpx.Response(200, headers={"Content-Length": "2000"}, content=b"x" * 2000))
    with pytest.raises(FetchTooLarge):
        _fetch("http://public.example/big", recorder, max_size=1000)


def test_streamed_size_over_the_cap_is_stopped() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"x" * 100

    recorder = Recorder(lambda request: httpx.Response(200, content=chunks()))
    out = io.BytesIO()
    with pytest.raises(FetchTooLarge):
        fetch("http://public.example/big", out, max_size=1000, resolver=PUBLIC_DNS, transport=recorder.transport)
    assert len(out.getvalue()) <= 1000


def test_default_cap_is_100_mb() -> None:
    assert fetch_module.DEFAULT_MAX_SIZE == 100 * 1024 * 1024


def test_http_errors_are_fetch_errors() -> None:
    recorder = Recorder(lambda request: httpx.Response(404))
    with pytest.raises(FetchError, match="HTTP 404"):
        _fetch("http://public.example/missing", recorder)


# -- a real local server (with the test override) ---------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        _Handler.hits.append(self.path)
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/data/hello.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = b"hello from a local server"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_local_server_is_refused_without_the_override(local_server: str) -> None:
    _Handler.hits.clear()
    with pytest.raises(FetchRefused):
        fetch(local_server + "/data/hello.txt", io.BytesIO())
    assert _Handler.hits == []


def test_fetch_from_a_local_server_with_the_override(local_server: str) -> None:
    out = io.BytesIO()
    result = fetch(local_server + "/redirect", out, allow_private_hosts=True)
    assert (out.getvalue(), result.filename, result.content_type) == (
        b"hello from a local server",
        "hello.txt",
        "text/plain",
    )


def test_fetch_times_out(local_server: str) -> None:
    with pytest.raises(FetchError, match="Timed out"):
        fetch(local_server + "/slow", io.BytesIO(), allow_private_hosts=True, timeout=0.3)


def test_check_input_downloads_a_url_into_the_cache(local_server: str, tmp_path: Path) -> None:
    cache = FileCache(cache_dir=tmp_path / "cache", allow_private_hosts=True)
    out = cache.check_input({"path": local_server + "/data/hello.txt", "url": "x", "meta": FILE_META})
    path = Path(out["path"])
    assert (
        path.read_bytes(),
        path.name,
        path.parent.parent == tmp_path / "cache",
        out["size"],
        out["orig_name"],
        "url" in out,
        sorted(p.name for p in (tmp_path / "cache").iterdir()) == [path.parent.name],
    ) == (b"hello from a local server", "hello.txt", True, 25, "hello.txt", False, True)


def test_check_input_refuses_a_private_url_with_a_clear_error(local_server: str, tmp_path: Path) -> None:
    cache = FileCache(cache_dir=tmp_path / "cache")
    with pytest.raises(FileAccessError, match="non-public address"):
        cache.check_input({"path": local_server + "/data/hello.txt", "meta": FILE_META})
    assert list((tmp_path / "cache").iterdir()) == []  # the partial download is gone


def test_check_input_caps_url_inputs_at_max_file_size(local_server: str, tmp_path: Path) -> None:
    cache = FileCache(cache_dir=tmp_path / "cache", allow_private_hosts=True, max_file_size=10)
    with pytest.raises(FileAccessError, match="larger than 10 bytes"):
        cache.check_input({"path": local_server + "/data/hello.txt", "meta": FILE_META})
    assert list((tmp_path / "cache").iterdir()) == []
