"""Replicas of one app on a real ``redis-server``, for the shared-backend tests (integration and browser).

``redis_server()`` runs Debian's ``redis-server`` on a free port with no persistence; ``replicas(app,
url, folder, count)`` runs the app file ``count`` times, each a server process on the Redis backend,
sharing one file cache folder; ``alternating_proxy(upstreams, folder)`` runs a proxy that sends each
HTTP request to the next replica in turn (no WebSocket: a page behind it reads its session over SSE).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from conftest import TIMEOUT, free_port, serve_process


def redis_binary() -> str | None:
    found = shutil.which("redis-server")
    if found:
        return found
    return "/usr/bin/redis-server" if os.access("/usr/bin/redis-server", os.X_OK) else None


@contextlib.contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A ``redis-server`` of its own (data in ``folder``); yields its URL."""
    binary = redis_binary()
    assert binary, "redis-server is needed (Debian's redis-server package; scripts/test installs it)"
    port = free_port()
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with open(folder / "redis.log", "wb") as log:
        proc = subprocess.Popen([*argv, "--dir", str(folder)], stdout=log, stderr=subprocess.STDOUT)
    import redis

    client = redis.Redis(port=port)
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert proc.poll() is None and time.monotonic() < deadline, (folder / "redis.log").read_text()
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        proc.terminate()
        proc.wait(TIMEOUT)


@contextlib.contextmanager
def replicas(app: str, redis_url: str, folder: Path, count: int = 2, **env: str) -> Iterator[list[str]]:
    """``count`` server processes of the app source ``app`` on ``redis_url``; yields their base URLs.

    The app reads its port from ``$PORT``; ``env`` adds variables or overrides these (``TRELLIS_BACKEND`` too).
    """
    (folder / "app.py").write_text(app)
    cache = folder / "cache"  # one file cache for all, as replicas on a shared volume
    urls = []
    with contextlib.ExitStack() as stack:
        for index in range(count):
            port = free_port()
            variables = dict(
                os.environ,
                PORT=str(port),
                GRADIO_TEMP_DIR=str(cache),
                TRELLIS_BACKEND="trellis.queue.redis_backend:from_environment",
                TRELLIS_REDIS_URL=redis_url,
                TRELLIS_DISCONNECT_GRACE="1",
                GRADIO_HEARTBEAT_INTERVAL="0.5",
            )
            variables.update(env)
            url = f"http://127.0.0.1:{port}/"
            log = folder / f"replica{index}.log"
            argv = [sys.executable, str(folder / "app.py")]
            stack.enter_context(serve_process(argv, url, log, env=variables, cwd=folder))
            urls.append(url)
        yield urls


ALTERNATING_PROXY = """
import itertools, os, sys
import httpx
from starlette.applications import Starlette
from starlette.responses import StreamingResponse
from starlette.routing import Route
import uvicorn

upstreams = itertools.cycle(sys.argv[2:])
client = httpx.AsyncClient(timeout=None)

async def forward(request):
    base = next(upstreams).rstrip("/")
    url = base + request.url.path + ("?" + request.url.query if request.url.query else "")
    headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
    upstream = await client.send(
        client.build_request(request.method, url, headers=headers, content=await request.body()), stream=True
    )
    out = {k: v for k, v in upstream.headers.items() if k.lower() not in ("content-length", "transfer-encoding")}
    return StreamingResponse(upstream.aiter_raw(), status_code=upstream.status_code, headers=out,
                             background=None)

app = Starlette(routes=[Route("/{path:path}", forward, methods=["GET", "POST", "PUT", "DELETE", "OPTIONS"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


@contextlib.contextmanager
def alternating_proxy(upstreams: list[str], folder: Path) -> Iterator[str]:
    """A proxy that sends each request to the next of ``upstreams``; yields its base URL."""
    script = folder / "proxy.py"
    script.write_text(ALTERNATING_PROXY)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with serve_process([sys.executable, str(script), str(port), *upstreams], url, folder / "proxy.log"):
        yield url
