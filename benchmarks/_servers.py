"""Shared by the self-contained benchmarks: run an app file under Gradio or Trellis as a
subprocess, read its CPU time, and count the bytes that cross a loopback proxy."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx

#: Runs an app file with ``gradio`` aliased to Trellis.
TRELLIS_BOOT = (
    "import runpy, sys, trellis, trellis._aliases; "
    "trellis._aliases.alias_gradio(); "
    "runpy.run_path(sys.argv[1], run_name='__main__')"
)

CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (not its children), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def argv_for(name: str, gradio_python: str, trellis_python: str) -> list[str]:
    return [gradio_python] if name == "gradio" else [trellis_python, "-c", TRELLIS_BOOT]


class Server:
    """One app file served by one package, in a temp folder of its own."""

    def __init__(self, name: str, argv_prefix: list[str], app_source: str, prefix: str = "bench"):
        self.name = name
        self.workdir = Path(tempfile.mkdtemp(prefix=f"{prefix}-{name}-"))
        self.app = self.workdir / "app.py"
        self.app.write_text(app_source)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.argv = [*argv_prefix, str(self.app)]
        self.log = open(self.workdir / "server.log", "wb")
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 120.0) -> float:
        env = dict(os.environ)
        env.update(
            GRADIO_TEMP_DIR=str(self.workdir / "gradio_tmp"),
            GRADIO_ANALYTICS_ENABLED="False",
            GRADIO_SERVER_NAME="127.0.0.1",
            GRADIO_SERVER_PORT=str(self.port),
            PYTHONUNBUFFERED="1",
        )
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, cwd=self.workdir, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0) as c:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.log.name}")
                try:
                    if c.get(self.base + "/config").status_code == 200:
                        return time.perf_counter() - t0
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer /config within {timeout}s")

    def cpu(self) -> float:
        assert self.proc is not None
        return cpu_seconds(self.proc.pid)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()


class CountingProxy:
    """A loopback TCP proxy in a thread that counts the bytes going each way (what crosses the wire)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.down = 0  # server -> client
        self.up = 0  # client -> server
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def snapshot(self) -> tuple[int, int]:
        return self.down, self.up

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, downstream: bool) -> None:
            try:
                while data := await reader.read(65536):
                    if downstream:
                        self.down += len(data)
                    else:
                        self.up += len(data)
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                try:
                    writer.close()
                except Exception:
                    pass

        async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
            try:
                server_r, server_w = await asyncio.open_connection("127.0.0.1", self.target_port)
            except OSError:
                client_w.close()
                return
            await asyncio.gather(
                pipe(client_r, server_w, False), pipe(server_r, client_w, True), return_exceptions=True
            )

        async def main() -> None:
            self._stop = asyncio.Event()
            server = await asyncio.start_server(handle, "127.0.0.1", self.port)
            self._ready.set()
            await self._stop.wait()
            server.close()
            current = asyncio.current_task()
            tasks = [t for t in asyncio.all_tasks() if t is not current]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        self._loop.run_until_complete(main())
        self._loop.close()

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


def write_report(out_dir: str, name: str, md: str, data: dict) -> None:
    """Print a benchmark's Markdown table and write ``<name>.md`` and ``<name>.json`` to ``out_dir``."""
    import json

    print()
    print(md)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.md").write_text(md)
    (out / f"{name}.json").write_text(json.dumps(data, indent=2))
