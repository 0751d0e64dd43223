"""Helpers for the attack tests: an app that counts its calls, raw sockets, the server's own memory.

Every test here attacks a real uvicorn server on 127.0.0.1 through real HTTP (httpx or a raw
socket) and checks both the refusal and that nothing behind it happened (the function never ran,
no session appeared, other clients are still served).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from conftest import TIMEOUT, free_port

import trellis as gr


class Calls:
    """What the attacked app's functions saw, thread-safe."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lock = threading.Lock()

    def add(self, name: str) -> None:
        with self.lock:
            self.names.append(name)

    def __len__(self) -> int:
        with self.lock:
            return len(self.names)


#: The listeners of :func:`counting_app` by api_name.
FN_INDEX = {"greet": 0, "direct": 1, "remember": 2}


def counting_app(calls: Calls) -> gr.Blocks:
    """``/greet`` (queued), ``/direct`` (queue=False) and ``/remember`` (State): each records its calls."""

    def greet(name: str) -> str:
        calls.add(name)
        return f"hi {name}"

    def remember(value: str, memory: list[str]) -> tuple[str, list[str]]:
        calls.add(value)
        memory = [*memory, value]
        return ",".join(memory), memory

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        memory = gr.State([])
        box.submit(greet, box, out, api_name="greet")
        box.change(greet, box, out, api_name="direct", queue=False)
        box.blur(remember, [box, memory], [out, memory], api_name="remember")
    return demo


@contextlib.contextmanager
def launched(demo: gr.Blocks, **kwargs: Any) -> Iterator[str]:
    demo.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True, **kwargs)
    try:
        yield demo.local_url
    finally:
        demo.close()


def port_of(url: str) -> int:
    return int(url.rstrip("/").rsplit(":", 1)[1])


def raw_request(url: str, data: bytes, read_timeout: float = TIMEOUT) -> bytes:
    """Send ``data`` on a fresh connection and return everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port_of(url)), timeout=read_timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may refuse and close before reading it all
        chunks = []
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def rss_bytes() -> int:
    """Resident memory of this process (the launched servers run in it)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096


def wait_until(condition: Callable[[], bool], timeout: float = TIMEOUT, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"{what} not met within {timeout} s"
        time.sleep(0.02)
