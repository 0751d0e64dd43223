"""The page, served by two replicas on one ``redis-server`` through a proxy that alternates between them.

Every HTTP request goes to the next replica (the proxy has no WebSocket, so the page reads its session
over SSE): the page's joins and its stream land on different replicas, and its State must follow it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from redis_replicas import alternating_proxy, redis_server, replicas

pytestmark = pytest.mark.browser

APP = """
import os, time
import trellis as gr

def bump(count):
    return count + 1, count + 1

def tokens(text):
    for i in range(6):
        time.sleep(0.05)
        yield f"{text} t{i}"

with gr.Blocks() as demo:
    count = gr.State(0)
    shown = gr.Number(label="Count", elem_id="count")
    gr.Button("Bump", elem_id="bump").click(bump, count, [count, shown])
    text = gr.Textbox(label="Text", elem_id="text")
    out = gr.Textbox(label="Out", elem_id="out")
    gr.Button("Stream", elem_id="stream").click(tokens, text, out)

demo.launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]))
"""


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("redis_page")
    with redis_server(folder) as url, replicas(APP, url, folder) as urls, alternating_proxy(urls, folder) as proxy:
        yield proxy


def test_the_page_keeps_its_state_and_streams_across_replicas(page: Page, proxied: str, tmp_path: Path) -> None:
    page.goto(proxied)
    count = page.locator("#count input")
    for expected in ("1", "2", "3", "4"):
        page.locator("#bump").click()
        expect(count).to_have_value(expected)
    page.locator("#text textarea").fill("hello")
    page.locator("#stream").click()
    expect(page.locator("#out textarea")).to_have_value("hello t5")
    # A reload is a new session: its State starts again, on whichever replica.
    page.reload()
    page.locator("#bump").click()
    expect(page.locator("#count input")).to_have_value("1")
