"""URL outputs: fetched into the cache through the SSRF guard (clients download by path), passed on
when the guard refuses them, and the file route proxies only URLs the app itself produced."""

from __future__ import annotations

import http.server
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from conftest import TIMEOUT, completed, fn_index, run_event, serve

import trellis as gr

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        _Handler.hits.append(self.path)
        body = PNG if self.path.endswith(".png") else b"<script>alert(1)</script>"
        self.send_response(200)
        self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def origin() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        url = gr.Textbox(label="URL")
        gr.Button().click(lambda u: u, url, gr.Image(type="filepath", label="Pic"), api_name="pic")
        gr.Button().click(lambda u: u, url, gr.File(label="Doc"), api_name="doc")
    return demo


@pytest.fixture(scope="module")
def app() -> Iterator[tuple[str, Any]]:
    demo = build()
    with serve(demo) as url:
        yield url, demo.server.app.state.trellis.files


def test_url_output_is_fetched_into_the_cache(app: tuple[str, Any], origin: str, make_client: Any) -> None:
    url, files = app
    files.allow_private_hosts = True  # the test's origin is on loopback; real apps fetch public hosts only
    try:
        target = f"{origin}/cat-{uuid.uuid4().hex}.png"
        [data] = completed(run_event(url, fn_index(url, "pic"), [target]))["output"]["data"]
        assert Path(data["path"]).is_relative_to(files.cache_dir) and data["path"].endswith(".png")
        assert data["url"].startswith(url + "gradio_api/file=")
        assert data["size"] == len(PNG)
        assert httpx.get(data["url"], timeout=TIMEOUT).content == PNG
        # the same URL again is not fetched twice
        hits = len(_Handler.hits)
        completed(run_event(url, fn_index(url, "pic"), [target]))
        assert len(_Handler.hits) == hits
        # the official client downloads it by path
        path = make_client(url).predict(target, api_name="/pic")
        assert Path(path).read_bytes() == PNG
    finally:
        files.allow_private_hosts = False


def test_url_refused_by_the_guard_is_passed_on_and_never_proxied(app: tuple[str, Any], origin: str) -> None:
    url, _ = app
    target = f"{origin}/private-{uuid.uuid4().hex}.png"
    hits = len(_Handler.hits)
    [data] = completed(run_event(url, fn_index(url, "pic"), [target]))["output"]["data"]
    assert data["path"] == target and data["url"] == target  # the browser may still load it itself
    assert len(_Handler.hits) == hits  # the guard refused loopback before connecting
    # A URL this app produced may go through the proxy route, and is refused there by the same guard.
    response = httpx.get(url + "gradio_api/file=" + target, timeout=TIMEOUT)
    assert response.status_code == 502 and "private" in response.text.lower()
    assert len(_Handler.hits) == hits


def test_proxy_route_refuses_urls_the_app_never_produced(app: tuple[str, Any]) -> None:
    url, _ = app
    for target in ("https://example.com/x.png", "http://169.254.169.254/latest/meta-data/", "HTTP://evil.test/a"):
        response = httpx.get(url + "gradio_api/file=" + quote(target, safe="/:"), timeout=TIMEOUT)
        assert response.status_code == 403, target
        assert "produced" in response.json()["detail"]


def test_proxied_active_content_is_a_download(app: tuple[str, Any], origin: str) -> None:
    url, files = app
    target = f"{origin}/page-{uuid.uuid4().hex}.html"
    files.allow_private_hosts = True
    try:
        files.remember_url(target)  # as if the app had handed it out
        response = httpx.get(url + "gradio_api/file=" + target, timeout=TIMEOUT)
    finally:
        files.allow_private_hosts = False
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")
