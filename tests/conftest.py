"""Shared test helpers: serve a Blocks on a free port, talk raw SSE, and make gradio_client Clients.

Every server is real uvicorn on 127.0.0.1, started by ``demo.launch(...)`` on a port
the OS picked, and stopped with ``demo.close()`` when its fixture ends.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

#: Seconds any single network wait in the suite may take.
TIMEOUT = 10.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the OS reports as free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(demo: Any, **launch_kwargs: Any) -> Iterator[str]:
    """Launch ``demo`` on a free port and yield its base URL (ending in ``/``); close it afterwards."""
    for attempt in range(3):
        try:
            demo.launch(
                server_name="127.0.0.1",
                server_port=free_port(),
                prevent_thread_lock=True,
                quiet=True,
                **launch_kwargs,
            )
            break
        except OSError:  # another process took the port between the probe and the bind
            if attempt == 2:
                raise
    try:
        yield demo.local_url
    finally:
        demo.close()


@contextlib.contextmanager
def serve_process(
    argv: list[str], url: str, log: Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server process (output to ``log``) until ``url + "config"`` answers 200; stop it afterwards."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(url + "config", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text())
                time.sleep(0.05)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextlib.contextmanager
def serve_asgi(app: Any) -> Iterator[str]:
    """Serve any ASGI ``app`` (a user's FastAPI app with Trellis mounted in it) with uvicorn on a free
    port in a thread; yield ``http://127.0.0.1:<port>`` (no trailing slash), stop it afterwards."""
    import threading

    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(TIMEOUT)


@pytest.fixture(scope="module")
def serve_blocks() -> Iterator[Callable[..., str]]:
    """``serve_blocks(demo, **launch_kwargs) -> base_url``; every app started is closed with the module."""
    with contextlib.ExitStack() as stack:
        yield lambda demo, **kwargs: stack.enter_context(serve(demo, **kwargs))


@pytest.fixture(autouse=True, scope="session")
def _private_temp_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep uploads and cached outputs of every app in this run out of the shared ``/tmp/gradio``.

    Heartbeats every half second (instead of 15 s) let a closing gradio_client's heartbeat
    thread notice quickly, and put heartbeat messages between the events that tests read.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GRADIO_TEMP_DIR", str(tmp_path_factory.mktemp("gradio_cache")))
        mp.setenv("GRADIO_ANALYTICS_ENABLED", "False")
        mp.setenv("GRADIO_HEARTBEAT_INTERVAL", "0.5")
        yield


# -- gradio_client -----------------------------------------------------------------


@pytest.fixture
def make_client(tmp_path: Any) -> Iterator[Callable[..., Any]]:
    """``make_client(url, **kwargs)``: a real gradio_client Client, closed when the test ends."""
    from gradio_client import Client

    clients: list[Any] = []

    def make(url: str, **kwargs: Any) -> Any:
        kwargs.setdefault("download_files", str(tmp_path / "downloads"))
        client = Client(url, verbose=False, analytics_enabled=False, httpx_kwargs={"timeout": TIMEOUT}, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:  # stop every heartbeat thread first, then wait for them together
        kill = getattr(client, "_kill_heartbeat", None)
        if kill is not None:
            kill.set()
    for client in clients:
        client.close()


# -- raw HTTP and SSE ----------------------------------------------------------------


def http_client(base_url: str, **kwargs: Any) -> httpx.Client:
    return httpx.Client(base_url=base_url, timeout=TIMEOUT, **kwargs)


def fn_index(base_url: str, api_name: str) -> int:
    """The ``fn_index`` (dependency id) of the listener called ``api_name``."""
    config = httpx.get(base_url + "config", timeout=TIMEOUT).json()
    for dep in config["dependencies"]:
        if dep["api_name"] == api_name:
            return int(dep["id"])
    raise KeyError(api_name)


def parse_sse(text: str) -> list[dict[str, Any]]:
    """Decode a ``/queue/data`` body, failing on anything but strict ``data: <json>\\n\\n`` blocks."""
    blocks = text.split("\n\n")
    assert blocks[-1] == "", f"stream did not end with a blank line: {blocks[-1]!r}"
    out = []
    for block in blocks[:-1]:
        assert block.startswith("data: ") and "\n" not in block and "\r" not in block, block
        out.append(json.loads(block[len("data: ") :]))
    return out


def iter_sse(response: httpx.Response) -> Iterator[dict[str, Any]]:
    """The messages of an SSE response as they arrive (each block checked as ``parse_sse`` does)."""
    buffer = ""
    for chunk in response.iter_text():
        buffer += chunk
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            yield from parse_sse(block + "\n\n")


def read_stream(
    http: httpx.Client,
    session_hash: str,
    until_completed: set[str] | None = None,
    deadline: float = 3 * TIMEOUT,
) -> list[dict[str, Any]]:
    """Read ``/gradio_api/queue/data`` until ``close_stream`` (or until every event in
    ``until_completed`` has its ``process_completed``); return the decoded messages.

    Fails after ``deadline`` seconds even while heartbeats keep the stream alive.
    """
    messages: list[dict[str, Any]] = []
    remaining = set(until_completed or ())
    give_up = time.monotonic() + deadline
    with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session_hash}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for last in iter_sse(response):
            assert time.monotonic() < give_up, f"stream still open after {deadline} s: {messages}"
            messages.append(last)
            if last["msg"] == "close_stream":
                return messages
            if last["msg"] == "process_completed" and last["event_id"] in remaining:
                remaining.discard(last["event_id"])
                if until_completed and not remaining:
                    return messages
    return messages


def join(http: httpx.Client, fn: int, data: list[Any], session_hash: str, **extra: Any) -> httpx.Response:
    """``POST /gradio_api/queue/join`` with the body the Python client sends."""
    body = {"data": data, "fn_index": fn, "session_hash": session_hash, **extra}
    return http.post("gradio_api/queue/join", json=body)


def run_event(base_url: str, fn: int, data: list[Any], session_hash: str | None = None) -> list[dict[str, Any]]:
    """Join one event and read its session's stream to the end; return the messages of that event."""
    session_hash = session_hash or uuid.uuid4().hex
    with http_client(base_url) as http:
        response = join(http, fn, data, session_hash)
        assert response.status_code == 200, response.text
        event_id = response.json()["event_id"]
        messages = read_stream(http, session_hash)
    # close_stream repeats the seq of the last message before it (trellis/queue/log.py).
    assert messages[-1] == {"msg": "close_stream", "event_id": None, "seq": messages[-2]["seq"]}
    return [m for m in messages if m["event_id"] == event_id]


def completed(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """The single ``process_completed`` message of one event, checked to be the last one."""
    finals = [m for m in messages if m["msg"] == "process_completed"]
    assert len(finals) == 1, messages
    assert messages[-1] is finals[0], messages
    return finals[0]
