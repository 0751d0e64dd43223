"""The page resumes a ``/queue/data`` stream that a proxy cuts mid-generation: the user sees no gap.

A small TCP proxy between Chromium and the server forwards everything, but closes the first
``/queue/data`` connection shortly after it opens, while a generator is streaming tokens. The page
must reconnect by itself with ``Last-Event-ID`` and show every token: the generator holds its last
yield until the test has seen the whole text, so the final ``process_completed`` (which carries the
full value) cannot hide a lost message.
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

    def __init__(self, upstream: int, cut_after: float) -> None:
        self.upstream = upstream
        self.cut_after = cut_after
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
                if from_browser and b"GET /gradio_api/queue/data" in data:
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
def proxy_for() -> Iterator[Callable[[str], CuttingProxy]]:
    proxies: list[CuttingProxy] = []

    def make(url: str) -> CuttingProxy:
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        proxies.append(CuttingProxy(port, cut_after=0.8))
        return proxies[-1]

    yield make
    for proxy in proxies:
        proxy.close()


def expected(n: int) -> str:
    return "".join(f"t{i} " for i in range(n))


def test_a_cut_stream_resumes_and_shows_every_token(
    page: Page, serve: Callable[..., str], proxy_for: Callable[[str], CuttingProxy]
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
    proxy = proxy_for(serve(demo))
    try:
        page.goto(f"http://127.0.0.1:{proxy.port}/")
        page.get_by_role("button", name="Go").click()
        box: Any = page.get_by_label("Out", exact=True)
        expect(box).to_have_value(expected(TOKENS), timeout=20_000)
    finally:
        release.set()
    assert proxy.cuts == 1 and proxy.swallowed > 0
    resumed = [head for head in proxy.stream_heads[1:] if "last-event-id:" in head.lower()]
    assert resumed, proxy.stream_heads
