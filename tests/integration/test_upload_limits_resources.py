"""Oversize uploads against a server in a subprocess: refused with 413 while the body streams in, without
the upload landing on disk (GRADIO_TEMP_DIR) or in memory (the process's VmRSS)."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from conftest import TIMEOUT, free_port

MB = 1024 * 1024
LIMIT = 10 * MB
CHUNK = 256 * 1024
BOUNDARY = "trellisboundary42"

SERVER = """
import trellis as gr
demo = gr.Interface(lambda f: f, gr.File(type="filepath"), "text")
demo.launch(server_name="127.0.0.1", server_port={port}, max_file_size="10mb", quiet=True)
"""


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def vm_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, int]]:
    cache = tmp_path_factory.mktemp("limits_cache")
    port = free_port()
    env = {**os.environ, "GRADIO_TEMP_DIR": str(cache), "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVER.format(port=port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
            try:
                if httpx.get(base + "config", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("server did not start within 30 s")
            time.sleep(0.2)
        # warm up: one small legitimate upload, so lazily imported code is already in RSS
        warm = httpx.post(base + "gradio_api/upload", files=[("files", ("w.txt", b"warm"))], timeout=TIMEOUT)
        assert warm.status_code == 200, warm.text
        yield base, cache, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def multipart_head() -> bytes:
    return (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="files"; filename="huge.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()


def body_chunks(total: int) -> Iterator[bytes]:
    """A multipart body of ``total`` bytes, made on the fly (never held in memory as a whole)."""
    head = multipart_head()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    remaining = total - len(head) - len(tail)
    yield head
    block = b"x" * CHUNK
    while remaining > 0:
        n = min(CHUNK, remaining)
        yield block[:n]
        remaining -= n
    yield tail


def send_upload(base: str, total: int, chunked: bool, deadline_s: float = 60) -> tuple[int, int, bytes]:
    """POST a ``total``-byte multipart body over a raw socket, stopping as soon as the server answers.

    Returns (status, bytes of body sent, response bytes)."""
    parts = urlsplit(base)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"
    head = (
        "POST /gradio_api/upload HTTP/1.1\r\n"
        f"Host: {parts.netloc}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"{framing}\r\nConnection: close\r\n\r\n"
    ).encode()
    sent = 0
    response = b""
    deadline = time.monotonic() + deadline_s
    with socket.create_connection((parts.hostname, parts.port), timeout=TIMEOUT) as sock:
        sock.sendall(head)
        try:
            for chunk in body_chunks(total):
                readable, _, _ = select.select([sock], [], [], 0)
                if readable:
                    break  # the server has answered (or closed): stop sending
                data = b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk
                sock.sendall(data)
                sent += len(chunk)
                assert time.monotonic() < deadline, "upload took too long"
            else:
                if chunked:
                    sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the server stopped reading (it answered and closed, or gave up on us)
        try:
            while time.monotonic() < deadline:
                data = sock.recv(65536)
                if not data:
                    break
                response += data  # the 413 says Connection: close, so this ends at EOF
        except (TimeoutError, ConnectionResetError):
            pass
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0
    return status, sent, response


def measure(base: str, cache: Path, pid: int, total: int, chunked: bool) -> tuple[int, int, int, int, bytes]:
    """Send the upload while a thread samples the cache size and VmRSS; return the peak growths."""
    disk_before, rss_before = dir_size(cache), vm_rss(pid)
    peak = [rss_before, disk_before]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            try:
                peak[0], peak[1] = max(peak[0], vm_rss(pid)), max(peak[1], dir_size(cache))
            except OSError:  # a file vanished mid-walk
                pass
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        status, sent, response = send_upload(base, total, chunked)
        time.sleep(0.5)  # let the server finish any cleanup
    finally:
        done.set()
        sampler.join(timeout=5)
    return status, sent, peak[1] - disk_before, peak[0] - rss_before, response


def test_declared_200mb_upload_is_refused_without_reading_it(server: tuple[str, Path, int]) -> None:
    base, cache, pid = server
    total = 200 * MB
    status, sent, disk_growth, rss_growth, response = measure(base, cache, pid, total, chunked=False)
    assert status == 413, response[:500]
    assert sent < total // 4, f"sent {sent} bytes before the refusal"
    assert disk_growth < 1 * MB, disk_growth
    assert rss_growth < 30 * MB, rss_growth
    # and the server still works
    ok = httpx.post(base + "gradio_api/upload", files=[("files", ("a.txt", b"after"))], timeout=TIMEOUT)
    assert ok.status_code == 200


def test_chunked_40mb_upload_is_stopped_by_the_streaming_limit(server: tuple[str, Path, int]) -> None:
    base, cache, pid = server
    total = 40 * MB
    status, sent, disk_growth, rss_growth, response = measure(base, cache, pid, total, chunked=True)
    assert status == 413, response[:500]
    assert b"File too large" in response
    assert sent < total - LIMIT * 2, f"the server read {sent} of {total} bytes before refusing"
    assert disk_growth < LIMIT + MB, disk_growth  # never more than the limit on disk, and cleaned up after
    assert dir_size(cache) < MB
    assert rss_growth < 30 * MB, rss_growth
    ok = httpx.post(base + "gradio_api/upload", files=[("files", ("b.txt", b"after"))], timeout=TIMEOUT)
    assert ok.status_code == 200
