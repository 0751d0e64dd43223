"""Twenty tabs of one app in one browser each stream an event at once: none waits for another.

Chromium keeps at most six HTTP/1.1 connections per host for a whole profile (a context here). A
page that held a ``/queue/data`` stream (and a heartbeat stream) open per tab left the seventh tab's
requests waiting until another tab's stream closed. The page's WebSocket is counted apart from that
pool. Every generator here yields its first token and then waits until the test has seen the first
token in all twenty tabs: the test passes only if all twenty stream at the same time.

The socket is also the session's heartbeat: a page of an app with State opens it at load, and
closing the tab ends the session (its ``unload`` listeners run).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

import trellis as gr

pytestmark = pytest.mark.browser

TABS = 20
TOKENS = 20


def test_twenty_tabs_in_one_browser_stream_at_the_same_time(browser: Any, serve: Callable[..., str]) -> None:
    release = threading.Event()

    def tokens(name: str, count: int) -> Iterator[tuple[str, int]]:
        yield f"{name}: tok0", count + 1
        release.wait(60)  # nothing finishes before every tab has its first token
        for i in range(1, TOKENS):
            time.sleep(0.01)
            yield f"{name}: tok{i}", count + 1

    with gr.Blocks() as demo:
        count = gr.State(0)  # a State: sessions end with their page (the page keeps its heartbeat)
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Out")
        gr.Button("Run").click(tokens, [name, count], [out, count], concurrency_limit=None)
    url = serve(demo)
    context = browser.new_context()
    try:
        pages = [context.new_page() for _ in range(TABS)]
        for i, page in enumerate(pages):
            page.goto(url)
            page.get_by_label("Name").fill(f"tab{i}")
        for page in pages:
            page.get_by_role("button", name="Run").click()
        for i, page in enumerate(pages):
            expect(page.get_by_label("Out", exact=True)).to_have_value(f"tab{i}: tok0", timeout=30_000)
        release.set()
        for i, page in enumerate(pages):
            expect(page.get_by_label("Out", exact=True)).to_have_value(f"tab{i}: tok{TOKENS - 1}", timeout=30_000)
    finally:
        release.set()
        context.close()


def test_the_pages_socket_is_its_heartbeat(
    browser: Any, serve: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An app with State opens the socket at load; closing the tab ends the session (unload runs)."""
    monkeypatch.setenv("TRELLIS_DISCONNECT_GRACE", "0.3")
    unloaded = threading.Event()
    with gr.Blocks() as demo:
        gr.State(0)
        gr.Textbox(label="Name")
        demo.unload(unloaded.set)
    url = serve(demo)
    context = browser.new_context()
    try:
        page = context.new_page()
        with page.expect_websocket(lambda ws: "/gradio_api/queue/ws?session_hash=" in ws.url):
            page.goto(url)
        expect(page.get_by_label("Name")).to_be_visible()
        assert not unloaded.wait(1.0)  # open for three graces: the session lives
        page.close()
        assert unloaded.wait(10)
    finally:
        context.close()
