#!/usr/bin/env python3
"""Soak: one Trellis server under a mixed load for a fixed time; errors, latencies, RSS over time.

The app (``APP`` below) has four listeners, all queued (``default_concurrency_limit=8``):
``echo`` (text in, text out), ``stream`` (a generator yielding 20 tokens, the text so far each
time, with a 5 ms sleep before each), ``size`` (a ``gr.File`` upload in, its size in bytes out)
and ``count`` (a ``gr.State`` counter: +1 per call, the new value out).

N simulated clients (``--clients``, 64 by default) loop until ``--duration`` seconds (600 by
default) have passed, each picking one operation at a time at random:

- ``echo``: one event through the queue (``POST /gradio_api/queue/join``, then the SSE stream
  ``GET /gradio_api/queue/data`` read to its end), output checked;
- ``stream``: one ``stream`` event read to its end: exactly 20 ``process_generating`` messages,
  then the full text in ``process_completed``;
- ``upload``: ``POST /gradio_api/upload`` of 1-16 KB of fresh random bytes, then a ``size`` event
  on the returned path; the answer must be the number of bytes sent;
- ``state``: two ``count`` events in the client's session; the counter must go up by one each
  time, from where the client's previous ``state`` operation left it.

Each client is one session (one ``session_hash``, like one browser tab or one ``gradio_client``
``Client``) for the whole run. Most clients speak the wire protocol with httpx (one
``AsyncClient`` each, all on one asyncio loop); ``--gradio-clients`` of them (4 by default) use
the official ``gradio_client`` instead, one thread each in a child process of their own (its
``Client`` also keeps a heartbeat stream open).

Counted: operations, errors by kind (any non-2xx, unexpected payload or exception), latency
percentiles per operation; the server's RSS (``VmRSS``), threads and open files at t=0, after a
warm-up (``min(30 s, 5 % of the duration)``), every 10 s, and at the end; its CPU time; the
driver's CPU time. Goals: no error at all, and RSS at the end within 10 % of RSS after warm-up.

Writes benchmarks/results/soak.json and soak.md, and prints the table. The exit code is 0
whatever the figures are (it is not 0 only when the harness itself fails).

    .venv/bin/python benchmarks/soak.py [--duration 600] [--clients 64] [--gradio-clients 4]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import concurrent.futures
import datetime as dt
import importlib.util
import json
import multiprocessing
import os
import platform
import random
import re
import resource
import shlex
import shutil
import ssl
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from _servers import CLK_TCK, TRELLIS_BOOT, Server, pct, write_report

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

TOKENS = 20
CONCURRENCY_LIMIT = 8

APP = f"""\
import os
import time

import gradio as gr

TOKENS = {TOKENS}


def echo(text):
    return "echo:" + text


def stream(prompt):
    text = ""
    for i in range(TOKENS):
        time.sleep(0.005)
        text += f" {{prompt}}{{i}}"
        yield text


def size(path):
    return str(os.path.getsize(path))


def count(n):
    n = n + 1
    return n, str(n)


with gr.Blocks() as demo:
    text_in = gr.Textbox()
    text_out = gr.Textbox()
    file_in = gr.File(type="filepath")
    counter = gr.State(0)
    gr.Button("echo").click(echo, text_in, text_out, api_name="echo")
    gr.Button("stream").click(stream, text_in, text_out, api_name="stream")
    gr.Button("size").click(size, file_in, text_out, api_name="size")
    gr.Button("count").click(count, counter, [counter, text_out], api_name="count")

demo.queue(default_concurrency_limit={CONCURRENCY_LIMIT})

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1")
"""

#: Operation -> share of the picks.
MIX = {"echo": 0.4, "stream": 0.2, "upload": 0.2, "state": 0.2}
#: Listener api_name -> fn_index, read from /config at start.
API_NAMES = ("echo", "stream", "size", "count")
#: Seconds a request may take (a read of the SSE stream included) before it counts as an error.
REQUEST_TIMEOUT = 60.0
#: Pause after an error, so that a broken server does not turn the run into an error storm.
ERROR_PAUSE = 0.5
SAMPLE_EVERY = 10.0
#: Seconds after the load ends for one more sample of the idle server.
IDLE_AFTER = 5.0


class OpError(Exception):
    """An answer the harness did not expect (status, payload): counted as an error of its operation."""


def expected_stream(prompt: str) -> str:
    return "".join(f" {prompt}{i}" for i in range(TOKENS))


# ---------------------------------------------------------------- bookkeeping


@dataclass
class OpStats:
    ok: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)


class Stats:
    """Counts of one driver process (thread-safe).

    ``live`` (shared memory: operations done, errors) lets the main process show the progress of
    the gradio_client process, whose full counts arrive only at the end (:meth:`export`, :meth:`merge`).
    """

    MAX_EXAMPLES = 30

    def __init__(self, t0: float | None = None, live: Any = None) -> None:
        self.lock = threading.Lock()
        self.ops: dict[tuple[str, str], OpStats] = collections.defaultdict(OpStats)
        self.error_kinds: collections.Counter[str] = collections.Counter()
        self.examples: list[dict[str, Any]] = []
        self.ttft: list[float] = []
        self.t0 = time.monotonic() if t0 is None else t0
        self.live = live

    def done(self, op: str, driver: str, seconds: float) -> None:
        with self.lock:
            s = self.ops[(op, driver)]
            s.ok += 1
            s.latencies.append(seconds)
        if self.live is not None and op != "connect":
            with self.live.get_lock():
                self.live[0] += 1

    def failed(self, op: str, driver: str, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, OpError) else f"{type(exc).__name__}: {exc}"
        kind = f"{op} ({driver}): {_kind_of(message)}"
        with self.lock:
            self.ops[(op, driver)].errors += 1
            self.error_kinds[kind] += 1
            if len(self.examples) < self.MAX_EXAMPLES:
                self.examples.append(
                    {"t": round(time.monotonic() - self.t0, 3), "op": op, "driver": driver, "error": message[:1000]}
                )
        if self.live is not None:
            with self.live.get_lock():
                self.live[1] += 1

    def totals(self) -> tuple[int, int]:
        """(operations done, errors); a gradio_client connecting is not an operation, its failure is an error."""
        with self.lock:
            ok = sum(s.ok for (op, _), s in self.ops.items() if op != "connect")
            return ok, sum(s.errors for s in self.ops.values())

    def export(self) -> dict[str, Any]:
        with self.lock:
            return {
                "ops": [[op, driver, s.ok, s.errors, s.latencies] for (op, driver), s in self.ops.items()],
                "error_kinds": dict(self.error_kinds),
                "examples": self.examples,
                "ttft": self.ttft,
            }

    def merge(self, other: dict[str, Any]) -> None:
        with self.lock:
            for op, driver, ok, errors, latencies in other["ops"]:
                s = self.ops[(op, driver)]
                s.ok += ok
                s.errors += errors
                s.latencies.extend(latencies)
            self.error_kinds.update(other["error_kinds"])
            self.examples = sorted([*self.examples, *other["examples"]], key=lambda e: e["t"])[: self.MAX_EXAMPLES]
            self.ttft.extend(other["ttft"])


def _kind_of(message: str) -> str:
    """The first line of an error message without its variable parts (ids, paths, numbers)."""
    head = message.split("\n", 1)[0][:200]
    head = re.sub(r"(?<!\w)/[^\s'\"]+", "<path>", head)
    head = re.sub(r"\b[0-9a-f]{16,}\b", "<id>", head)
    return re.sub(r"\d+", "N", head)[:120]


# ---------------------------------------------------------------- raw protocol (httpx)


class RawClient:
    """One simulated user speaking the queue protocol with its own httpx.AsyncClient and session."""

    driver = "httpx"

    def __init__(self, http: httpx.AsyncClient, fns: dict[str, int], rng: random.Random, name: str) -> None:
        self.http = http
        self.fns = fns
        self.rng = rng
        self.name = name
        self.session = uuid.uuid4().hex
        #: The session's State value after the last state operation (a new session starts at 0).
        self.counter: int | None = 0

    async def event(self, api_name: str, data: list[Any], on_generating: Callable[[], None] | None = None) -> dict:
        """One event through the queue; returns the ``process_completed`` message's ``output``."""
        r = await self.http.post(
            "/gradio_api/queue/join",
            json={
                "data": data,
                "fn_index": self.fns[api_name],
                "session_hash": self.session,
                "event_data": None,
                "trigger_id": None,
            },
        )
        if r.status_code != 200:
            raise OpError(f"join HTTP {r.status_code}: {r.text[:300]}")
        event_id = r.json().get("event_id")
        if not isinstance(event_id, str):
            raise OpError(f"join answered without an event_id: {r.text[:300]}")
        completed: dict | None = None
        closed = False
        async with self.http.stream("GET", "/gradio_api/queue/data", params={"session_hash": self.session}) as s:
            if s.status_code != 200:
                body = (await s.aread()).decode("utf-8", "replace")
                raise OpError(f"queue/data HTTP {s.status_code}: {body[:300]}")
            async for line in s.aiter_lines():
                if not line.startswith("data:"):
                    if line.strip():
                        raise OpError(f"unexpected SSE line: {line[:200]}")
                    continue
                msg = json.loads(line[5:])
                kind = msg.get("msg")
                if closed:
                    raise OpError(f"message after close_stream: {line[:200]}")
                if msg.get("event_id") not in (None, event_id):
                    raise OpError(f"message of another event in this session's stream: {line[:200]}")
                if kind == "process_generating":
                    if on_generating is not None:
                        on_generating()
                elif kind == "process_completed":
                    if completed is not None:
                        raise OpError("two process_completed messages for one event")
                    completed = msg
                elif kind == "close_stream":
                    closed = True
                elif kind not in ("estimation", "process_starts", "heartbeat", "progress", "log"):
                    raise OpError(f"unexpected message {kind!r}: {line[:300]}")
        if completed is None:
            raise OpError("queue/data ended without process_completed")
        if not closed:
            raise OpError("queue/data ended without close_stream")
        if completed.get("success") is not True:
            raise OpError(f"event failed: {json.dumps(completed.get('output'))[:300]}")
        output = completed.get("output")
        if not isinstance(output, dict) or not isinstance(output.get("data"), list):
            raise OpError(f"process_completed without output data: {json.dumps(completed)[:300]}")
        return output

    async def op_echo(self, stats: Stats) -> None:
        text = f"{self.name}-{self.rng.randrange(1_000_000)}"
        out = await self.event("echo", [text])
        if out["data"] != ["echo:" + text]:
            raise OpError(f"echo returned {json.dumps(out['data'])[:200]}")

    async def op_stream(self, stats: Stats) -> None:
        prompt = f"w{self.rng.randrange(1000)}_"
        t0 = time.perf_counter()
        tokens = 0

        def token() -> None:
            nonlocal tokens
            if tokens == 0:
                with stats.lock:
                    stats.ttft.append(time.perf_counter() - t0)
            tokens += 1

        out = await self.event("stream", [prompt], on_generating=token)
        if tokens != TOKENS:
            raise OpError(f"stream sent {tokens} process_generating messages, not {TOKENS}")
        if out["data"] != [expected_stream(prompt)]:
            raise OpError(f"stream ended with {json.dumps(out['data'])[:200]}")

    async def op_upload(self, stats: Stats) -> None:
        size = self.rng.randint(1024, 16 * 1024)
        blob = self.rng.randbytes(size)
        r = await self.http.post(
            "/gradio_api/upload", files=[("files", ("blob.bin", blob, "application/octet-stream"))]
        )
        if r.status_code != 200:
            raise OpError(f"upload HTTP {r.status_code}: {r.text[:300]}")
        paths = r.json()
        if not (isinstance(paths, list) and len(paths) == 1 and isinstance(paths[0], str)):
            raise OpError(f"upload answered {r.text[:300]}")
        file_data = {"path": paths[0], "meta": {"_type": "gradio.FileData"}, "orig_name": "blob.bin", "size": size}
        out = await self.event("size", [file_data])
        if out["data"] != [str(size)]:
            raise OpError(f"size returned {json.dumps(out['data'])[:200]} for {size} bytes")

    async def op_state(self, stats: Stats) -> None:
        values = []
        for _ in range(2):
            data = (await self.event("count", [None]))["data"]
            if len(data) != 2 or not isinstance(data[1], str) or not data[1].isdigit():
                raise OpError(f"count returned {json.dumps(data)[:200]}")
            values.append(int(data[1]))
        previous, self.counter = self.counter, values[1]
        if values[1] != values[0] + 1 or (previous is not None and values[0] != previous + 1):
            raise OpError(f"State counter went {previous} -> {values[0]} -> {values[1]} in one session")

    async def run(self, stats: Stats, deadline: float) -> None:
        ops: dict[str, Callable[[Stats], Awaitable[None]]] = {
            "echo": self.op_echo,
            "stream": self.op_stream,
            "upload": self.op_upload,
            "state": self.op_state,
        }
        names, weights = list(MIX), list(MIX.values())
        while time.monotonic() < deadline:
            op = self.rng.choices(names, weights)[0]
            t = time.perf_counter()
            try:
                await ops[op](stats)
            except Exception as exc:
                if op == "state":
                    self.counter = None  # unknown until the next state operation
                stats.failed(op, self.driver, exc)
                await asyncio.sleep(ERROR_PAUSE)
            else:
                stats.done(op, self.driver, time.perf_counter() - t)


# ---------------------------------------------------------------- official client (threads)


def gradio_client_loop(base: str, stats: Stats, deadline: float, seed: int, workdir: Path) -> None:
    """One simulated user on ``gradio_client.Client``, in a thread of its own."""
    from gradio_client import Client, handle_file

    driver = "gradio_client"
    rng = random.Random(seed)
    blob_path = workdir / f"blob-{seed}.bin"
    client: Any = None
    while client is None and time.monotonic() < deadline:
        t = time.perf_counter()
        try:
            client = Client(base, verbose=False, analytics_enabled=False, download_files=False, ssl_verify=False)
            stats.done("connect", driver, time.perf_counter() - t)
        except Exception as exc:
            stats.failed("connect", driver, exc)
            time.sleep(ERROR_PAUSE)
    if client is None:
        return
    counter: int | None = 0  # the session's State value (a new session starts at 0)
    names, weights = list(MIX), list(MIX.values())
    try:
        while time.monotonic() < deadline:
            op = rng.choices(names, weights)[0]
            t = time.perf_counter()
            try:
                if op == "echo":
                    text = f"gc{seed}-{rng.randrange(1_000_000)}"
                    got = client.submit(text, api_name="/echo").result(timeout=REQUEST_TIMEOUT)
                    if got != "echo:" + text:
                        raise OpError(f"echo returned {got!r:.200}")
                elif op == "stream":
                    prompt = f"g{rng.randrange(1000)}_"
                    job = client.submit(prompt, api_name="/stream")
                    got = job.result(timeout=REQUEST_TIMEOUT)
                    if got != expected_stream(prompt):
                        raise OpError(f"stream ended with {got!r:.200}")
                elif op == "upload":
                    size = rng.randint(1024, 16 * 1024)
                    blob_path.write_bytes(rng.randbytes(size))
                    got = client.submit(handle_file(str(blob_path)), api_name="/size").result(timeout=REQUEST_TIMEOUT)
                    if got != str(size):
                        raise OpError(f"size returned {got!r:.200} for {size} bytes")
                else:
                    first = client.submit(api_name="/count").result(timeout=REQUEST_TIMEOUT)
                    second = client.submit(api_name="/count").result(timeout=REQUEST_TIMEOUT)
                    try:
                        a, b = int(first), int(second)
                    except (TypeError, ValueError):
                        raise OpError(f"count returned {first!r:.100}, {second!r:.100}") from None
                    previous, counter = counter, b
                    if b != a + 1 or (previous is not None and a != previous + 1):
                        raise OpError(f"State counter went {previous} -> {a} -> {b} in one session")
            except Exception as exc:
                if op == "state":
                    counter = None
                stats.failed(op, driver, exc)
                time.sleep(ERROR_PAUSE)
            else:
                stats.done(op, driver, time.perf_counter() - t)
    finally:
        client.close()


#: The child process's view of the shared (ops, errors) counters, set by ``_init_child``.
_LIVE: Any = None


def _init_child(live: Any) -> None:
    """Initializer of the gradio_client process: shared memory must be handed over when it starts."""
    global _LIVE
    _LIVE = live


def gradio_client_process(base: str, seeds: list[int], t0: float, deadline: float, workdir: str) -> dict[str, Any]:
    """Runs in a child process: one thread per gradio_client user; returns its counts and its CPU time.

    A process of its own, so that these threads (gradio_client polls in several threads per call)
    do not compete with the httpx clients' event loop for one GIL. ``time.monotonic`` is the same
    clock in both processes, so ``deadline`` holds as it is.
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    stats = Stats(t0, _LIVE)
    threads = [
        threading.Thread(
            target=gradio_client_loop, args=(base, stats, deadline, seed, Path(workdir)), name=f"gradio_client-{i}"
        )
        for i, seed in enumerate(seeds)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {**stats.export(), "cpu_s": usage.ru_utime + usage.ru_stime}


# ---------------------------------------------------------------- server samples


def proc_status(pid: int) -> dict[str, int]:
    """RSS (kB), threads and open file descriptors of one process."""
    out: dict[str, int] = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                out["rss_kb"] = int(line.split()[1])
            elif line.startswith("Threads:"):
                out["threads"] = int(line.split()[1])
    out["fds"] = len(os.listdir(f"/proc/{pid}/fd"))
    return out


def machine_busy_seconds() -> float:
    """CPU time used by every process on the machine since boot (``/proc/stat``), in seconds."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / CLK_TCK


def disk_usage(folder: Path) -> dict[str, int]:
    """Files and bytes under ``folder``."""
    files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                size += os.stat(os.path.join(root, name)).st_size
                files += 1
            except OSError:
                pass
    return {"files": files, "bytes": size}


# ---------------------------------------------------------------- the run


def config_fns(base: str) -> dict[str, int]:
    with httpx.Client(timeout=30.0) as c:
        config = c.get(base + "/config").json()
    fns: dict[str, int] = {}
    for i, dep in enumerate(config.get("dependencies", [])):
        if dep.get("api_name") in API_NAMES:
            fns[dep["api_name"]] = dep.get("id", i)
    missing = set(API_NAMES) - set(fns)
    if missing:
        raise RuntimeError(f"no listener named {sorted(missing)} in /config")
    return fns


def cheap_missing_sniffio() -> bool:
    """Without ``sniffio`` installed, httpcore tries ``import sniffio`` again on every lock it makes
    (several per request), and each failed import searches ``sys.path`` (about 70 us). A ``None``
    entry in ``sys.modules`` makes that import fail at once, and httpcore then assumes asyncio, as
    it does anyway without sniffio. Nothing changes when sniffio is installed. Returns whether it acted."""
    if "sniffio" in sys.modules or importlib.util.find_spec("sniffio") is not None:
        return False
    sys.modules["sniffio"] = None  # type: ignore[assignment]
    return True


def _prepare_child() -> float:
    """Imports gradio_client in the child process before the clock starts; returns its CPU time so far."""
    import gradio_client  # noqa: F401

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def drive(server: Server, args: argparse.Namespace, stats: Stats, workdir: Path) -> dict[str, Any]:
    assert server.proc is not None
    pid = server.proc.pid
    fns = config_fns(server.base)
    n_gc = min(args.gradio_clients, args.clients)
    n_raw = args.clients - n_gc
    warmup = min(30.0, 0.05 * args.duration)
    loop = asyncio.get_running_loop()
    rng = random.Random(args.seed)

    # Everything that is slow to set up comes before t=0: the gradio_client process and its imports,
    # and the httpx clients (one TLS context for all of them: the server is plain http on loopback,
    # but httpx would build a context with the CA bundle for each client, about 20 ms of CPU each).
    spawn = multiprocessing.get_context("spawn")
    live = spawn.Array("q", 2)
    child: concurrent.futures.ProcessPoolExecutor | None = None
    child_setup_cpu = 0.0
    if n_gc:
        child = concurrent.futures.ProcessPoolExecutor(1, spawn, _init_child, (live,))
        child_setup_cpu = await loop.run_in_executor(child, _prepare_child)
    tls = ssl.create_default_context()
    timeout = httpx.Timeout(REQUEST_TIMEOUT, connect=10.0)
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=2)
    https = [httpx.AsyncClient(base_url=server.base, timeout=timeout, limits=limits, verify=tls) for _ in range(n_raw)]
    clients = [RawClient(http, fns, random.Random(rng.randrange(2**32)), f"c{i}") for i, http in enumerate(https)]
    gc_seeds = [rng.randrange(2**32) for _ in range(n_gc)]

    samples: list[dict[str, Any]] = []
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = server.cpu()
    busy0 = machine_busy_seconds()
    t0 = time.monotonic()
    stats.t0 = t0
    deadline = t0 + args.duration

    def sample(label: str) -> dict[str, Any]:
        ok, errors = stats.totals()
        ok, errors = ok + live[0], errors + live[1]
        s = {
            "label": label,
            "t": round(time.monotonic() - t0, 2),
            **proc_status(pid),
            "server_cpu_s": round(server.cpu() - cpu0, 2),
            "ops": ok,
            "errors": errors,
        }
        samples.append(s)
        print(
            f"[soak] t={s['t']:6.1f}s {label:>7} rss={s['rss_kb'] / 1024:7.1f} MB threads={s['threads']:3d} "
            f"fds={s['fds']:4d} cpu={s['server_cpu_s']:7.1f}s ops={ok:7d} errors={errors}",
            flush=True,
        )
        return s

    async def sampler() -> None:
        times = sorted({warmup, *(SAMPLE_EVERY * k for k in range(1, int(args.duration // SAMPLE_EVERY) + 1))})
        for at in times:
            if at >= args.duration:
                break
            await asyncio.sleep(max(0.0, t0 + at - time.monotonic()))
            if server.proc is not None and server.proc.poll() is not None:
                print(f"[soak] the server exited with {server.proc.returncode}", flush=True)
                return
            sample("warm-up" if at == warmup else "")

    sample("t=0")
    tasks: list[asyncio.Future[Any]] = [asyncio.ensure_future(c.run(stats, deadline)) for c in clients]
    gc_task: asyncio.Future[Any] | None = None
    if child is not None:
        gc_task = loop.run_in_executor(child, gradio_client_process, server.base, gc_seeds, t0, deadline, str(workdir))
        tasks.append(gc_task)
    sampler_task = asyncio.ensure_future(sampler())

    # Every client stops at the deadline, after its current operation (at most REQUEST_TIMEOUT per request).
    done, pending = await asyncio.wait(tasks, timeout=args.duration + 3 * REQUEST_TIMEOUT + 30)
    wall = time.monotonic() - t0
    sampler_task.cancel()
    await asyncio.gather(sampler_task, return_exceptions=True)
    harness_errors: list[str] = []
    child_cpu = float("nan")
    for task in done:
        exc = task.exception()
        if exc is not None:
            harness_errors.append(f"a client crashed: {exc!r}")
        elif task is gc_task:
            result = task.result()
            child_cpu = result["cpu_s"] - child_setup_cpu
            stats.merge(result)
            with live.get_lock():
                live[0] = live[1] = 0  # now counted in ``stats``
    for task in pending:
        task.cancel()
    if pending:
        harness_errors.append(f"{len(pending)} clients still running well after the deadline (cancelled)")
    for http in https:
        await http.aclose()
    if child is not None:
        child.shutdown(wait=not pending, cancel_futures=True)
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    busy = machine_busy_seconds() - busy0
    server_alive = server.proc.poll() is None
    end = sample("end") if server_alive else None
    if server_alive:
        await asyncio.sleep(IDLE_AFTER)
        sample("idle")
    driver_cpu = (usage1.ru_utime + usage1.ru_stime) - (usage0.ru_utime + usage0.ru_stime)
    server_cpu = end["server_cpu_s"] if end else float("nan")
    ours = server_cpu + driver_cpu + (child_cpu if n_gc else 0.0)
    return {
        "fns": fns,
        "clients": {"httpx": n_raw, "gradio_client": n_gc},
        "warmup_s": warmup,
        "wall_s": round(wall, 2),
        "server_alive_at_end": server_alive,
        "server_returncode": server.proc.returncode,
        "server_cpu_s": server_cpu,
        # CPU of every other process on the machine during the load (other sessions' tests, builds):
        # the wall-clock figures (latencies, ops/s) depend on it, the CPU and memory figures much less.
        "foreign_cpu_s": round(busy - ours, 2),
        "driver_cpu_s": {
            "httpx_process": round(driver_cpu, 2),
            "gradio_client_process": round(child_cpu, 2) if n_gc else 0.0,
        },
        "samples": samples,
        "harness_errors": harness_errors,
    }


def summarize(stats: Stats, run: dict[str, Any]) -> dict[str, Any]:
    ops: dict[str, Any] = {}
    for (op, driver), s in sorted(stats.ops.items()):
        lat = s.latencies
        ops[f"{op} ({driver})"] = {
            "op": op,
            "driver": driver,
            "ok": s.ok,
            "errors": s.errors,
            "p50_ms": round(pct(lat, 0.5) * 1e3, 2) if lat else None,
            "p90_ms": round(pct(lat, 0.9) * 1e3, 2) if lat else None,
            "p99_ms": round(pct(lat, 0.99) * 1e3, 2) if lat else None,
            "max_ms": round(max(lat) * 1e3, 2) if lat else None,
        }
    ok, errors = stats.totals()
    samples = run["samples"]
    by_label = {s["label"]: s for s in samples}
    start = by_label.get("warm-up") or (samples[1] if len(samples) > 1 else samples[0])
    end = by_label.get("end") or samples[-1]
    idle = by_label.get("idle", end)
    after_warmup = [s for s in samples if s["t"] >= start["t"]]
    wall = run["wall_s"]
    rss = {
        "t0_kb": samples[0]["rss_kb"],
        "start_kb": start["rss_kb"],
        "start_t": start["t"],
        "end_kb": end["rss_kb"],
        "max_kb": max(s["rss_kb"] for s in samples),
        "max_after_warmup_kb": max(s["rss_kb"] for s in after_warmup),
        "end_over_start": round(end["rss_kb"] / start["rss_kb"], 4),
        "idle_kb": idle["rss_kb"],
    }
    driver_cpu = run["driver_cpu_s"]
    ttft = stats.ttft
    return {
        "ops_total": ok,
        "errors_total": errors,
        "ops_per_s": round(ok / wall, 2) if wall else None,
        "ops": ops,
        "stream_ttft_ms": {
            "p50": round(pct(ttft, 0.5) * 1e3, 2) if ttft else None,
            "p99": round(pct(ttft, 0.99) * 1e3, 2) if ttft else None,
        },
        "rss": rss,
        "threads": {"start": start["threads"], "end": end["threads"], "idle": idle["threads"]},
        "fds": {"start": start["fds"], "end": end["fds"], "idle": idle["fds"]},
        "server_cpu_s": run["server_cpu_s"],
        "server_cpu_pct": round(run["server_cpu_s"] / wall * 100, 1) if wall else None,
        "driver_cpu_pct": {k: round(v / wall * 100, 1) for k, v in driver_cpu.items()} if wall else None,
        "foreign_cpu_pct": round(run["foreign_cpu_s"] / wall * 100, 1) if wall else None,
        "error_kinds": dict(stats.error_kinds.most_common()),
        "error_examples": stats.examples,
        "goals": {
            "no_errors": errors == 0 and not run["harness_errors"],
            "rss_end_within_10pct_of_start": rss["end_over_start"] <= 1.10,
        },
    }


def fmt(value: Any, spec: str = "{:.1f}") -> str:
    return spec.format(value) if isinstance(value, (int, float)) else "n/a"


def table(summary: dict[str, Any], run: dict[str, Any]) -> str:
    mb = 1024.0
    rss = summary["rss"]
    goals = summary["goals"]
    lines = [
        "| operation | driver | ok | errors | p50 ms | p90 ms | p99 ms | max ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in summary["ops"].values():
        lines.append(
            f"| {row['op']} | {row['driver']} | {row['ok']} | {row['errors']} | {fmt(row['p50_ms'])} | "
            f"{fmt(row['p90_ms'])} | {fmt(row['p99_ms'])} | {fmt(row['max_ms'])} |"
        )
    ttft = summary["stream_ttft_ms"]
    threads, fds = summary["threads"], summary["fds"]
    driver = summary["driver_cpu_pct"] or {}
    met = {True: "met", False: "NOT met"}
    lines += [
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| operations (all clients) | {summary['ops_total']} in {run['wall_s']:.0f} s: "
        f"{fmt(summary['ops_per_s'])} ops/s |",
        f"| errors | {summary['errors_total']} (goal 0: {met[goals['no_errors']]}) |",
        f"| server RSS at t=0 / after warm-up ({rss['start_t']:.0f} s) / end / max / {IDLE_AFTER:.0f} s idle (MB) | "
        f"{rss['t0_kb'] / mb:.1f} / {rss['start_kb'] / mb:.1f} / {rss['end_kb'] / mb:.1f} / {rss['max_kb'] / mb:.1f}"
        f" / {rss['idle_kb'] / mb:.1f} |",
        f"| server RSS end / after warm-up | {rss['end_over_start']:.3f} "
        f"(goal <= 1.10: {met[goals['rss_end_within_10pct_of_start']]}) |",
        f"| server CPU | {fmt(summary['server_cpu_s'])} s ({fmt(summary['server_cpu_pct'], '{:.0f}')} % of a core) |",
        f"| driver CPU: httpx process / gradio_client process | {fmt(driver['httpx_process'], '{:.0f}')} % / "
        f"{fmt(driver['gradio_client_process'], '{:.0f}')} % of a core |",
        f"| other processes' CPU during the load (noise) | {fmt(summary['foreign_cpu_pct'], '{:.0f}')} % of a core |",
        f"| stream (httpx): join to first token p50 / p99 (ms) | {fmt(ttft['p50'])} / {fmt(ttft['p99'])} |",
        f"| server threads after warm-up / end / idle | {threads['start']} / {threads['end']} / {threads['idle']} |",
        f"| server open fds after warm-up / end / idle | {fds['start']} / {fds['end']} / {fds['idle']} |",
    ]
    if "upload_cache" in run:
        cache = run["upload_cache"]
        lines.append(f"| upload cache at the end | {cache['files']} files, {cache['bytes'] / 1024**2:.1f} MB |")
    if "server_log" in run:
        log = run["server_log"]
        lines.append(
            f"| server log: tracebacks / lines with WARNING or Error | {log['tracebacks']} / {log['warnings_or_errors']} |"
        )
    if summary["error_kinds"]:
        lines += ["", "Errors by kind:", ""]
        lines += [f"- {n} x {kind}" for kind, n in list(summary["error_kinds"].items())[:15]]
    if run["harness_errors"]:
        lines += ["", "Harness problems:", ""]
        lines += [f"- {e}" for e in run["harness_errors"]]
    if not run["server_alive_at_end"]:
        lines += ["", f"The server exited during the run (code {run['server_returncode']})."]
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=600.0, help="seconds of load (default 600)")
    ap.add_argument("--clients", type=int, default=64, help="simulated clients in all (default 64)")
    ap.add_argument(
        "--gradio-clients", type=int, default=4, help="how many of them use gradio_client (default 4; 0 for none)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trellis-python", default=sys.executable)
    ap.add_argument("--out-dir", default=str(RESULTS))
    ap.add_argument("--keep-workdir", action="store_true", help="keep the server's temp folder (app, log, uploads)")
    args = ap.parse_args()
    if args.duration <= 0 or args.clients <= 0 or args.gradio_clients < 0:
        ap.error("--duration and --clients must be positive, --gradio-clients at least 0")

    cheap_missing_sniffio()
    server = Server("trellis", [args.trellis_python, "-c", TRELLIS_BOOT], APP, prefix="soak")
    driver_dir = Path(tempfile.mkdtemp(prefix="soak-driver-"))
    print(f"[soak] starting Trellis on {server.base} in {server.workdir}", flush=True)
    stats = Stats()
    try:
        startup = server.start()
        print(
            f"[soak] ready in {startup:.2f}s; {args.clients} clients ({min(args.gradio_clients, args.clients)} on "
            f"gradio_client) for {args.duration:.0f}s",
            flush=True,
        )
        run = asyncio.run(drive(server, args, stats, driver_dir))
        run["startup_s"] = round(startup, 3)
        run["upload_cache"] = disk_usage(server.workdir / "gradio_tmp")
    finally:
        server.stop()
        shutil.rmtree(driver_dir, ignore_errors=True)
    log_text = (server.workdir / "server.log").read_text(errors="replace")
    log_lines = log_text.splitlines()
    run["server_log"] = {
        "lines": len(log_lines),
        "tracebacks": log_text.count("Traceback"),
        "warnings_or_errors": sum(1 for line in log_lines if any(w in line for w in ("WARNING", "ERROR", "Error"))),
        "tail": log_lines[-20:],
    }
    summary = summarize(stats, run)
    if args.keep_workdir or summary["errors_total"] or run["server_log"]["tracebacks"]:
        print(f"[soak] server folder kept: {server.workdir}", flush=True)
    else:
        shutil.rmtree(server.workdir, ignore_errors=True)

    cmd = " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    mix = ", ".join(f"{op} {share:.0%}" for op, share in MIX.items())
    md = "\n".join(
        [
            "# Soak: Trellis under a mixed load",
            "",
            f"Command: `{cmd}`  ",
            f"Date: {now}  ",
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}  ",
            f"Load: {args.clients} clients ({run['clients']['gradio_client']} on gradio_client, the rest on httpx), "
            f"one session each, for {args.duration:.0f} s; mix: {mix}; listeners queued with "
            f"default_concurrency_limit={CONCURRENCY_LIMIT}. Latency = the whole operation (state: two events; "
            f'upload: upload + event). RSS sampled every {SAMPLE_EVERY:.0f} s; "start" is after '
            f"{run['warmup_s']:.0f} s of warm-up.",
            "",
            table(summary, run),
            "",
        ]
    )
    meta = {
        "command": cmd,
        "date": now,
        "args": vars(args),
        "mix": MIX,
        "tokens": TOKENS,
        "concurrency_limit": CONCURRENCY_LIMIT,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "loadavg": os.getloadavg(),
    }
    write_report(args.out_dir, "soak", md, {"meta": meta, "summary": summary, "run": run})
    return 0


if __name__ == "__main__":
    sys.exit(main())
