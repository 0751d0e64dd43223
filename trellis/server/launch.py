"""Serving an app with uvicorn in a background thread: port choice, readiness and clean shutdown."""

from __future__ import annotations

import errno
import socket
import threading
import time
from typing import TYPE_CHECKING, Any

import uvicorn

from trellis.config.build import CompiledApp
from trellis.server.app import create_app
from trellis.server.protocol import protocol_options
from trellis.server.settings import LaunchSettings
from trellis.server.state import ServerState

if TYPE_CHECKING:
    from fastapi import FastAPI

DEFAULT_PORT = 7860
PORT_RANGE = 100
#: Largest WebSocket frame a client may send (the page sends only small JSON requests on its socket).
WS_MAX_SIZE = 64 * 1024


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def choose_port(host: str, port: int | None, explicit: bool) -> int:
    """The requested port, or the first free one from 7860 when none was given."""
    if port is not None and explicit:
        if not _port_free(host, port):
            raise OSError(f"Cannot start the server: port {port} on {host} is in use. Pick another server_port.")
        return port
    start = port or DEFAULT_PORT
    for candidate in range(start, start + PORT_RANGE):
        if _port_free(host, candidate):
            return candidate
    raise OSError(f"Cannot find a free port in {start}-{start + PORT_RANGE - 1} on {host}; set server_port.")


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the main thread keeps its own handlers
        pass


class RunningServer:
    """A uvicorn server running an app in a daemon thread."""

    def __init__(self, server: _Server, thread: threading.Thread, app: Any, url: str) -> None:
        self.server = server
        self.thread = thread
        self.app = app
        self.url = url

    def is_running(self) -> bool:
        """Whether the server thread is still running."""
        return self.thread.is_alive()

    def close(self) -> None:
        """Stop the server: end open streams, let uvicorn shut down, and wait for its thread."""
        state: ServerState | None = getattr(self.app.state, "trellis", None)
        loop = state.queue.loop if state is not None else None
        if state is not None and loop is not None and not loop.is_closed():
            # End open SSE streams first, so uvicorn's graceful shutdown need not time out on them.
            try:
                loop.call_soon_threadsafe(state.queue.close)
            except RuntimeError:
                pass
            time.sleep(0.05)
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_server(compiled: CompiledApp, settings: LaunchSettings, app: FastAPI | None = None) -> RunningServer:
    """Build the ASGI app of ``compiled`` and serve it until :meth:`RunningServer.close`.

    ``app``: the (not yet serving) FastAPI app to build it in, see :func:`create_app`.
    """
    import anyio.to_thread

    app = create_app(compiled, settings, app)
    host = settings.server_name
    port = choose_port(host, settings.server_port, settings.port_explicit)

    async def limit_threads() -> None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = max(settings.max_threads, 1)

    app.router.on_startup.append(limit_threads)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        ssl_keyfile=settings.ssl_keyfile,
        ssl_certfile=settings.ssl_certfile,
        ssl_keyfile_password=settings.ssl_keyfile_password,
        timeout_graceful_shutdown=2,
        # WebSockets: the page's queue connection (trellis/server/routes_ws.py), small frames only.
        ws="auto",
        ws_max_size=WS_MAX_SIZE,
        # Forwarded headers are applied by the request guard, from settings.trusted_proxies only.
        proxy_headers=False,
        **protocol_options(settings.max_header_size, settings.max_header_count, settings.header_timeout),
    )
    server = _Server(config)
    thread = threading.Thread(target=server.run, name="trellis-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive():
            raise OSError(f"The server could not start on {host}:{port}; see the log above.")
        if time.monotonic() > deadline:
            raise TimeoutError(f"The server did not start on {host}:{port} within 30 s.")
        time.sleep(0.005)
    scheme = "https" if settings.ssl_certfile else "http"
    display_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"{scheme}://{display_host}:{port}/"
    return RunningServer(server, thread, app, url)
