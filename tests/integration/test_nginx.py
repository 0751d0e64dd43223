"""Trellis behind Debian's nginx with its default proxy buffering (no ``proxy_buffering off``).

The server's SSE responses carry ``X-Accel-Buffering: no``, which makes nginx pass each message on
as it comes; its heartbeats (``GRADIO_HEARTBEAT_INTERVAL``, 0.5 s in the test suite) keep idle
streams alive past nginx's ``proxy_read_timeout`` (3 s here). nginx runs as its own unprivileged
instance (``-p``/``-c`` with every path in a temporary folder). Behind a sub-path
(``location /app/``), the app is launched with ``root_path="/app"`` and the proxy sends
``X-Forwarded-Host``/``X-Forwarded-Proto``, as Gradio documents.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import TIMEOUT, fn_index, free_port, http_client, join, parse_sse
from gradio_client import handle_file

import trellis as gr

#: nginx drops an upstream that sends nothing for this long (heartbeats come every 0.5 s).
READ_TIMEOUT = 3.0
TOKENS = ["alpha", "beta", "gamma", "delta", "epsilon"]

#: When the generator produced each token (``time.monotonic()``), per call (keyed by the call's input).
produced: dict[str, list[float]] = {}
#: Set by a test to let ``wait_for_release`` return.
release = threading.Event()


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def tokens(key: str) -> Any:
    stamps = produced.setdefault(key, [])
    for index, token in enumerate(TOKENS):
        if index:
            time.sleep(0.3)
        stamps.append(time.monotonic())
        yield token


def wait_for_release(x: str) -> str:
    assert release.wait(4 * TIMEOUT)
    return x


def echo_file(path: str) -> str:
    return path


def build() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(tokens, text, out, api_name="tokens")
        gr.Button().click(wait_for_release, text, out, api_name="wait_for_release")
        file = gr.File()
        gr.Button().click(echo_file, file, file, api_name="echo_file")
    return demo


CONFIG = """
worker_processes 1;
daemon off;
{user}
error_log {dir}/error.log warn;
pid {dir}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    client_max_body_size 20m;
    proxy_read_timeout {read_timeout}s;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{root_port};
        }}
        location /app/ {{
            proxy_pass http://127.0.0.1:{sub_port}/;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while True:
        assert process.poll() is None, f"nginx exited: {log.read_text() if log.exists() else ''}"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        assert time.monotonic() < deadline, "nginx did not start listening"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def upstream(serve_blocks: Any) -> str:
    """The Trellis server nginx serves at ``/``."""
    return serve_blocks(build())


@pytest.fixture(scope="module")
def proxy(serve_blocks: Any, upstream: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx in front of two Trellis servers: ``/`` and (launched with ``root_path="/app"``) ``/app/``."""
    binary = nginx_binary()
    if binary is None:
        pytest.skip("nginx is not installed (scripts/test installs Debian's nginx when run as root)")
    root_url = upstream
    sub_url = serve_blocks(build(), root_path="/app")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = CONFIG.format(
        dir=folder,
        # Started as root, nginx would hand its workers to "nobody", who cannot use this folder.
        user="user root;" if os.geteuid() == 0 else "",
        read_timeout=int(READ_TIMEOUT),
        port=port,
        root_port=httpx.URL(root_url).port,
        sub_port=httpx.URL(sub_url).port,
    )
    (folder / "nginx.conf").write_text(config)
    log = folder / "error.log"
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_listening(port, process, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(TIMEOUT)


def sse_messages(response: httpx.Response) -> Iterator[tuple[float, dict[str, Any]]]:
    """Each message of an SSE response with the time (``time.monotonic()``) its last byte arrived."""
    buffer = ""
    for chunk in response.iter_text():
        buffer += chunk
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            arrived = time.monotonic()
            for message in parse_sse(block + "\n\n"):
                yield arrived, message


def test_the_server_tells_proxies_not_to_buffer_its_event_streams(upstream: str) -> None:
    # nginx reads this header (and does not pass it on): without it, it may hold messages back.
    session_hash = uuid.uuid4().hex
    with http_client(upstream) as http:
        assert join(http, fn_index(upstream, "tokens"), ["headers-" + session_hash], session_hash).status_code == 200
        for path in ("gradio_api/queue/data", f"gradio_api/heartbeat/{session_hash}"):
            with http.stream("GET", path, params={"session_hash": session_hash}) as response:
                assert response.status_code == 200
                assert response.headers["x-accel-buffering"] == "no", path


def test_nginx_passes_each_streamed_token_on_before_the_next_is_produced(proxy: str) -> None:
    key = "raw-" + uuid.uuid4().hex
    session_hash = uuid.uuid4().hex
    arrivals: list[float] = []
    with http_client(proxy) as http:
        assert join(http, fn_index(proxy, "tokens"), [key], session_hash).status_code == 200
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session_hash}) as response:
            assert response.status_code == 200
            for arrived, message in sse_messages(response):
                if message["msg"] == "process_generating":
                    arrivals.append(arrived)
                if message["msg"] == "close_stream":
                    break
    stamps = produced[key]
    assert len(arrivals) == len(stamps) == len(TOKENS)
    for index in range(len(TOKENS) - 1):
        assert stamps[index] <= arrivals[index] < stamps[index + 1], (index, stamps, arrivals)


def test_the_official_client_gets_each_token_through_nginx_as_it_is_produced(proxy: str, make_client: Any) -> None:
    key = "client-" + uuid.uuid4().hex
    client = make_client(proxy)
    job = client.submit(key, api_name="/tokens")
    seen: list[tuple[float, str]] = []
    for output in job:
        seen.append((time.monotonic(), output))
    assert [text for _, text in seen] == TOKENS
    stamps = produced[key]
    for index in range(len(TOKENS) - 1):
        assert seen[index][0] < stamps[index + 1], (index, stamps, seen)


def test_an_idle_event_stream_outlives_the_proxy_read_timeout(proxy: str) -> None:
    release.clear()
    session_hash = uuid.uuid4().hex
    opened = time.monotonic()
    kinds: list[str] = []
    with http_client(proxy) as http:
        assert join(http, fn_index(proxy, "wait_for_release"), ["idle"], session_hash).status_code == 200
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session_hash}) as response:
            for arrived, message in sse_messages(response):
                kinds.append(message["msg"])
                if arrived - opened > READ_TIMEOUT + 1.5:
                    release.set()  # well past nginx's timeout, and the stream is still open
                if message["msg"] == "process_completed":
                    assert message["output"]["data"] == ["idle"]
                if message["msg"] == "close_stream":
                    break
    assert time.monotonic() - opened > READ_TIMEOUT + 1.5
    assert kinds.count("heartbeat") >= 2 and kinds[-2:] == ["process_completed", "close_stream"], kinds


def test_the_heartbeat_stream_outlives_the_proxy_read_timeout(proxy: str) -> None:
    session_hash = uuid.uuid4().hex
    opened = time.monotonic()
    beats = 0
    with (
        http_client(proxy) as http,
        http.stream("GET", f"gradio_api/heartbeat/{session_hash}") as response,
    ):
        assert response.status_code == 200
        for chunk in response.iter_text():
            beats += chunk.count("data: ALIVE")
            if time.monotonic() - opened > READ_TIMEOUT + 1.5:
                break
    assert time.monotonic() - opened > READ_TIMEOUT + 1.5
    assert beats >= 3


def test_a_file_goes_up_and_comes_back_down_through_nginx(proxy: str, tmp_path: Path) -> None:
    body = os.urandom(300_000)
    with http_client(proxy) as http:
        uploaded = http.post("gradio_api/upload", files={"files": ("blob.bin", body)})
        assert uploaded.status_code == 200, uploaded.text
        (path,) = uploaded.json()
        downloaded = http.get(f"gradio_api/file={path}")
        assert downloaded.status_code == 200
        assert downloaded.content == body


def test_behind_a_sub_path_the_config_root_and_file_urls_name_the_proxy(
    proxy: str, make_client: Any, tmp_path: Path
) -> None:
    public = proxy + "app"
    config = httpx.get(public + "/config", timeout=TIMEOUT).json()
    assert config["root"] == public
    page = httpx.get(public + "/", timeout=TIMEOUT)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]

    source = tmp_path / "note.txt"
    source.write_text("through the proxy")
    client = make_client(public + "/")
    job = client.submit(handle_file(str(source)), api_name="/echo_file")
    assert Path(job.result(timeout=TIMEOUT)).read_text() == "through the proxy"
    # The file the server sent back is named by its URL behind the proxy.
    session_hash = uuid.uuid4().hex
    with http_client(public + "/") as http:
        (path,) = http.post("gradio_api/upload", files={"files": ("note.txt", b"again")}).json()
        data = [{"path": path, "orig_name": "note.txt", "meta": {"_type": "gradio.FileData"}}]
        assert join(http, fn_index(public + "/", "echo_file"), data, session_hash).status_code == 200
        with http.stream("GET", "gradio_api/queue/data", params={"session_hash": session_hash}) as response:
            done = next(m for _, m in sse_messages(response) if m["msg"] == "process_completed")
    url = done["output"]["data"][0]["url"]
    assert url.startswith(public + "/gradio_api/file="), url
    assert httpx.get(url, timeout=TIMEOUT).content == b"again"
