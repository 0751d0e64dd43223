"""Memory comes back: 5,000 sessions that come and go leave the server's RSS near its baseline.

A real server runs in its own process (so its RSS is its own) with a short session expiry and
disconnect grace. Each session sets a 20 KB State value, opens and drops its heartbeat, and starts a
long generator whose stream it drops after two tokens (the server stops it after the grace). Once
they have all expired, the server holds no session or channel and its RSS is within 10 % of what it
was after a warm-up round of the same traffic.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import free_port, join, serve_process

SESSIONS = int(os.environ.get("MEM_SESSIONS", "5000"))
WARM_UP = int(os.environ.get("MEM_WARM", "500"))
WORKERS = 8

APP = """
import os, time
import trellis as gr

def remember(text, memory):
    return text * 2000  # 20 KB kept per session

def tokens(text):
    for i in range(100000):
        yield str(i)
        time.sleep(0.01)

def stats():
    state = demo.server.app.state.trellis
    # (one-off REST calls like this one get a session of their own: not counted)
    live = [s for s in state.sessions._sessions.values() if not s.ephemeral]
    return {"sessions": len(live), "channels": len(state.queue.channels),
            "events": len(state.queue.events)}

with gr.Blocks() as demo:
    box = gr.Textbox()
    memory = gr.State()
    box.submit(remember, [box, memory], memory, api_name="remember")
    box.submit(tokens, box, box, api_name="tokens", concurrency_limit=None)  # each session its own
    gr.Button().click(stats, None, gr.JSON(), api_name="stats", queue=False)

demo.launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]), quiet=True)
"""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    (tmp_path / "app.py").write_text(APP)
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "TRELLIS_SESSION_EXPIRY": "1",
        "TRELLIS_DISCONNECT_GRACE": "0.2",
        "TRELLIS_MAX_SESSIONS_PER_CLIENT": "20000",
        "TRELLIS_STATE_SESSION_CAPACITY": "20000",
    }
    url = f"http://127.0.0.1:{port}/"
    with serve_process([sys.executable, str(tmp_path / "app.py")], url, tmp_path / "server.log", env=env) as proc:
        yield url, proc.pid


def rss(pid: int) -> int:
    """The process's resident set size, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def fn_indices(url: str) -> dict[str, int]:
    config = httpx.get(url + "config").json()
    return {dep["api_name"]: dep["id"] for dep in config["dependencies"] if dep["api_name"]}


def one_session(http: httpx.Client, fns: dict[str, int]) -> None:
    session = uuid.uuid4().hex
    assert join(http, fns["remember"], ["0123456789", None], session).status_code == 200
    with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as data:
        assert b"close_stream" in b"".join(data.iter_bytes())
    with http.stream("GET", f"gradio_api/heartbeat/{session}") as beat:
        next(beat.iter_bytes())
    assert join(http, fns["tokens"], ["go"], session).status_code == 200
    with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as data:
        seen = b""
        for chunk in data.iter_bytes():
            seen += chunk
            if seen.count(b"process_generating") >= 2:
                break  # dropped mid-generation


def come_and_go(url: str, count: int) -> None:
    fns = fn_indices(url)
    errors: list[BaseException] = []

    def worker(share: int) -> None:
        try:
            with httpx.Client(base_url=url, timeout=30) as http:
                for _ in range(share):
                    one_session(http, fns)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(count // WORKERS,)) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[0]


def stats(url: str) -> dict[str, int]:
    response = httpx.post(url + "gradio_api/run/stats", json={"data": []}, timeout=10)
    return dict(json.loads(json.dumps(response.json()["data"][0])))


def settle(url: str, pid: int) -> int:
    """Wait until every session, channel and event is gone; return the RSS then."""
    deadline = time.monotonic() + 60
    while (now := stats(url)) != {"sessions": 0, "channels": 0, "events": 0}:
        assert time.monotonic() < deadline, f"still held after a minute: {now}"
        time.sleep(0.2)
    return rss(pid)


def test_five_thousand_sessions_that_come_and_go_give_their_memory_back(server: tuple[str, int]) -> None:
    url, pid = server
    come_and_go(url, WARM_UP)
    baseline = settle(url, pid)
    started = time.monotonic()
    come_and_go(url, SESSIONS)
    took = time.monotonic() - started
    peak = rss(pid)
    after = settle(url, pid)
    figures = f"baseline {baseline / 2**20:.1f} MiB, peak {peak / 2**20:.1f} MiB, after {after / 2**20:.1f} MiB"
    print(f"\n{SESSIONS} sessions in {took:.1f} s: {figures}")
    assert after <= baseline * 1.10, figures
