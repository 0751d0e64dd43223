"""The page resumes a stream that a proxy cuts mid-generation: the user sees no gap.

A small TCP proxy between Chromium and the server forwards everything, but closes the first
connection of the page's session stream shortly after it opens, while a generator is streaming
tokens: its WebSocket (``/queue/ws``), or, through a proxy that refuses WebSockets, the
``/queue/data`` SSE stream the page falls back to. The page must reconnect by itself from the last
``seq`` it read and show every token: the generator holds its last yield until the test has seen
the whole text, so the final ``process_completed`` (which carries the full value) cannot hide a
lost message.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import trellis as gr

pytestmark = pytest.mark.browser

TOKENS = 150


class CuttingProxy:
    """Forwards TCP to ``upstream``; the first connection that asks for ``/queue/data`` is cut after ``cut_after`` s.

    Before the cut it swallows what the server sends for ``DROP`` s: messages the server has
    written (and counts as sent) but the browser never receives, as when a network drops.
    """

    DROP = 0.3

    def __init__(self, upstream: int, cut_after: float, refuse_websockets: bool = False) -> None:
        self.upstream = upstream
        self.cut_after = cut_after
        #: Answer WebSocket handshakes with 502, as a proxy without Upgrade support does.
        self.refuse_websockets = refuse_websockets
        self.refused = 0
        self.marker = b"GET /gradio_api/queue/data" if refuse_websockets else b"GET /gradio_api/queue/ws"
        self.cuts = 0
        self.stream_heads: list[str] = []
        self.lock = threading.Lock()
        self.swallowing: socket.socket | None = None
        self.swallowed = 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket, from_browser: bool) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                if from_browser and self.refuse_websockets and b"GET /gradio_api/queue/ws" in data:
                    with self.lock:
                        self.refused += 1
                    source.sendall(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                    break
                if from_browser and self.marker in data:
                    self._saw_stream(data, source, target)
                if target is self.swallowing:
                    self.swallowed += len(data)
                    continue
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def _saw_stream(self, head: bytes, browser: socket.socket, upstream: socket.socket) -> None:
        with self.lock:
            self.stream_heads.append(head.decode("latin-1"))
            first = len(self.stream_heads) == 1
        if first:

            def swallow() -> None:
                self.swallowing = browser

            def cut() -> None:
                with self.lock:
                    self.cuts += 1
                for sock in (browser, upstream):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)

            threading.Timer(self.cut_after, swallow).start()
            threading.Timer(self.cut_after + self.DROP, cut).start()

    def close(self) -> None:
        self.closed = True
        self.server.close()


@pytest.fixture
def proxy_for() -> Iterator[Callable[..., CuttingProxy]]:
    proxies: list[CuttingProxy] = []

    def make(url: str, refuse_websockets: bool = False) -> CuttingProxy:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        proxies.append(CuttingProxy(port, cut_after=0.8, refuse_websockets=refuse_websockets))
        return proxies[-1]

    yield make
    for proxy in proxies:
        proxy.close()


def expected(n: int) -> str:
    return "".join(f"t{i} " for i in range(n))


@pytest.mark.parametrize("refuse_websockets", [False, True], ids=["websocket", "sse-fallback"])
def test_a_cut_stream_resumes_and_shows_every_token(
    page: Page, serve: Callable[..., str], proxy_for: Callable[..., CuttingProxy], refuse_websockets: bool
) -> None:
    release = threading.Event()

    def tokens() -> Iterator[str]:
        text = ""
        for i in range(TOKENS):
            time.sleep(0.02)
            text += f"t{i} "
            yield text
        release.wait(30)  # the completion (with the full text) waits until the test has looked

    with gr.Blocks() as demo:
        out = gr.Textbox(label="Out")
        gr.Button("Go").click(tokens, None, out)
    proxy = proxy_for(serve(demo), refuse_websockets)
    try:
        page.goto(f"http://127.0.0.1:{proxy.port}/")
        page.get_by_role("button", name="Go").click()
        box: Any = page.get_by_label("Out", exact=True)
        expect(box).to_have_value(expected(TOKENS), timeout=20_000)
    finally:
        release.set()
    assert proxy.cuts == 1 and proxy.swallowed > 0
    if refuse_websockets:
        assert proxy.refused >= 1  # the page tried its socket first
        resumed = [head for head in proxy.stream_heads[1:] if "last-event-id:" in head.lower()]
        assert resumed, proxy.stream_heads
    else:
        # A second socket (its first frame, masked, names the seq to resume after); no SSE stream.
        assert len(proxy.stream_heads) >= 2, proxy.stream_heads
