#!/usr/bin/env python3
"""Image round trip: real Gradio against Trellis, in one invocation.

One round trip = upload a 512x512 RGB PNG (POST /gradio_api/upload), call
``gr.Interface(invert, gr.Image(type="numpy"), gr.Image())`` through the queue
(POST /gradio_api/queue/join, then the SSE stream /gradio_api/queue/data until
``process_completed``), and download the output image from its FileData URL.

Both servers run the same app file as subprocesses (Gradio with its venv's
interpreter, Trellis with this machine's python3 and ``gradio`` aliased to
Trellis); the same httpx driver, in this script's interpreter, drives both.

Measured per package:
- latency of one round trip at 1 client (sequential), p50 and p99
- throughput (round trips/s) with N concurrent clients (threads)
- server CPU per round trip (utime+stime from /proc/<pid>/stat), for each phase

Writes benchmarks/results/image_roundtrip.md and image_roundtrip.json.

    python3 benchmarks/image_roundtrip.py [--seq 100] [--warmup 10]
        [--conc-clients 8] [--conc-requests 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import shlex
import shutil
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from _servers import TRELLIS_BOOT, Server, pct, write_report

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

APP = """\
import gradio as gr
import numpy as np


def invert(img):
    return 255 - img


demo = gr.Interface(invert, gr.Image(type="numpy"), gr.Image(), api_name="predict")

if __name__ == "__main__":
    demo.launch()
"""


# ---------------------------------------------------------------- input image


def make_png() -> bytes:
    """A deterministic 512x512 RGB PNG with some structure (not a flat color)."""
    import numpy as np

    y, x = np.mgrid[0:512, 0:512]
    rng = np.random.default_rng(0)
    img = np.stack([(x * 255 // 511), (y * 255 // 511), ((x ^ y) & 0xFF)], axis=-1).astype(np.uint8)
    img = np.clip(img.astype(np.int16) + rng.integers(-8, 9, img.shape), 0, 255).astype(np.uint8)
    try:
        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(img, "RGB").save(buf, format="PNG")
        return buf.getvalue()
    except ImportError:  # numpy + zlib fallback
        import struct
        import zlib

        raw = b"".join(b"\x00" + img[r].tobytes() for r in range(512))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        ihdr = struct.pack(">IIBBBBB", 512, 512, 8, 2, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


# ---------------------------------------------------------------- servers


# ---------------------------------------------------------------- driver


def fn_index_for(config: dict, api_name: str) -> int:
    for i, dep in enumerate(config.get("dependencies", [])):
        if dep.get("api_name") == api_name:
            return dep.get("id", i)
    raise RuntimeError(f"no dependency with api_name={api_name!r} in /config")


def round_trip(client: httpx.Client, base: str, fn_index: int, png: bytes, keep: dict | None = None) -> int:
    """One upload -> predict -> download. Returns the size of the output file."""
    r = client.post(base + "/gradio_api/upload", files=[("files", ("in.png", png, "image/png"))])
    r.raise_for_status()
    path = r.json()[0]
    session = uuid.uuid4().hex[:11]
    payload = {
        "data": [{"path": path, "meta": {"_type": "gradio.FileData"}, "orig_name": "in.png"}],
        "fn_index": fn_index,
        "session_hash": session,
        "event_data": None,
        "trigger_id": None,
    }
    r = client.post(base + "/gradio_api/queue/join", json=payload)
    r.raise_for_status()
    event_id = r.json().get("event_id")
    result = None
    with client.stream("GET", base + "/gradio_api/queue/data", params={"session_hash": session}) as s:
        s.raise_for_status()
        for line in s.iter_lines():
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if msg.get("event_id") not in (None, event_id):
                continue
            if msg.get("msg") == "process_completed":
                result = msg
                break
    if result is None:
        raise RuntimeError("stream ended without process_completed")
    if not result.get("success", True):
        raise RuntimeError(f"predict failed: {str(result.get('output'))[:200]}")
    out = result["output"]["data"][0]
    url = out.get("url") or f"{base}/gradio_api/file={out['path']}"
    if url.startswith("/"):
        url = base + url
    r = client.get(url)
    r.raise_for_status()
    if not r.content:
        raise RuntimeError("empty output file")
    if keep is not None:
        keep.update(content=r.content, content_type=r.headers.get("content-type"), url=url)
    return len(r.content)


def check_inverted(png: bytes, out: bytes) -> str:
    """Decode the output once (outside the timed part) and compare it with 255 - input."""
    try:
        import numpy as np
        from PIL import Image
    except ImportError:
        return "not checked (no PIL)"
    a = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    b = np.asarray(Image.open(io.BytesIO(out)).convert("RGB"), dtype=np.int16)
    if a.shape != b.shape:
        return f"shape {b.shape} != {a.shape}"
    fmt = Image.open(io.BytesIO(out)).format
    return f"{fmt}, mean |out - (255 - in)| = {np.abs(b - (255 - a)).mean():.2f}"


def measure(server: Server, png: bytes, args) -> dict:
    res: dict = {"errors": [], "argv": server.argv}
    res["startup_s"] = server.start()
    with httpx.Client(timeout=60.0) as c:
        config = c.get(server.base + "/config").json()
    fn_index = fn_index_for(config, "predict")
    res["fn_index"] = fn_index

    # sequential: warm-up, then timed
    lat: list[float] = []
    sizes: set[int] = set()
    with httpx.Client(timeout=60.0) as c:
        kept: dict = {}
        try:
            round_trip(c, server.base, fn_index, png, keep=kept)
            res["output_check"] = check_inverted(png, kept["content"])
            res["output_content_type"] = kept["content_type"]
        except Exception as e:
            res["errors"].append(f"check: {e!r}")
        for _ in range(args.warmup):
            try:
                round_trip(c, server.base, fn_index, png)
            except Exception as e:
                res["errors"].append(f"warmup: {e!r}")
        cpu0 = server.cpu()
        t0 = time.perf_counter()
        for _ in range(args.seq):
            t = time.perf_counter()
            try:
                sizes.add(round_trip(c, server.base, fn_index, png))
                lat.append(time.perf_counter() - t)
            except Exception as e:
                res["errors"].append(f"seq: {e!r}")
        seq_wall = time.perf_counter() - t0
        seq_cpu = server.cpu() - cpu0
    res["seq"] = {
        "requests": args.seq,
        "ok": len(lat),
        "p50_ms": pct(lat, 0.5) * 1e3,
        "p99_ms": pct(lat, 0.99) * 1e3,
        "mean_ms": statistics.fmean(lat) * 1e3 if lat else float("nan"),
        "wall_s": seq_wall,
        "server_cpu_s": seq_cpu,
        "server_cpu_ms_per_req": seq_cpu / max(len(lat), 1) * 1e3,
        "output_bytes": sorted(sizes),
    }

    # concurrent: N client threads, each with its own connection pool
    n = args.conc_requests
    counter = iter(range(n))
    lock = threading.Lock()
    clat: list[float] = []
    errs: list[str] = []

    def worker() -> None:
        with httpx.Client(timeout=120.0) as c:
            while True:
                with lock:
                    if next(counter, None) is None:
                        return
                t = time.perf_counter()
                try:
                    round_trip(c, server.base, fn_index, png)
                    d = time.perf_counter() - t
                    with lock:
                        clat.append(d)
                except Exception as e:
                    with lock:
                        errs.append(f"conc: {e!r}")

    cpu0 = server.cpu()
    t0 = time.perf_counter()
    with ThreadPoolExecutor(args.conc_clients) as ex:
        for f in [ex.submit(worker) for _ in range(args.conc_clients)]:
            f.result()
    wall = time.perf_counter() - t0
    ccpu = server.cpu() - cpu0
    res["errors"].extend(errs)
    res["conc"] = {
        "clients": args.conc_clients,
        "requests": n,
        "ok": len(clat),
        "wall_s": wall,
        "rps": len(clat) / wall,
        "p50_ms": pct(clat, 0.5) * 1e3,
        "p99_ms": pct(clat, 0.99) * 1e3,
        "server_cpu_s": ccpu,
        "server_cpu_ms_per_req": ccpu / max(len(clat), 1) * 1e3,
        "server_cpu_pct": ccpu / wall * 100,
    }
    return res


# ---------------------------------------------------------------- report


ROWS = [
    # label, key path, format, lower_is_better
    ("startup to /config 200 (s)", ("startup_s",), "{:.2f}", True),
    ("1 client: p50 latency (ms)", ("seq", "p50_ms"), "{:.1f}", True),
    ("1 client: p99 latency (ms)", ("seq", "p99_ms"), "{:.1f}", True),
    ("1 client: server CPU / request (ms)", ("seq", "server_cpu_ms_per_req"), "{:.1f}", True),
    ("{c} clients: throughput (req/s)", ("conc", "rps"), "{:.1f}", False),
    ("{c} clients: p50 latency (ms)", ("conc", "p50_ms"), "{:.1f}", True),
    ("{c} clients: p99 latency (ms)", ("conc", "p99_ms"), "{:.1f}", True),
    ("{c} clients: server CPU / request (ms)", ("conc", "server_cpu_ms_per_req"), "{:.1f}", True),
    ("{c} clients: server CPU (% of a core)", ("conc", "server_cpu_pct"), "{:.0f}", None),
]


def get(d: dict, path: tuple) -> float | None:
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def table(results: dict, args) -> str:
    lines = [
        "| figure | gradio | trellis | ratio (trellis/gradio) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, path, fmt, _ in ROWS:
        g, t = get(results.get("gradio", {}), path), get(results.get("trellis", {}), path)
        gs = fmt.format(g) if isinstance(g, (int, float)) else "n/a"
        ts = fmt.format(t) if isinstance(t, (int, float)) else "n/a"
        ratio = f"{t / g:.2f}" if isinstance(g, (int, float)) and isinstance(t, (int, float)) and g else "n/a"
        lines.append(f"| {label.format(c=args.conc_clients)} | {gs} | {ts} | {ratio} |")
    for name in ("gradio", "trellis"):
        r = results.get(name, {})
        ok = f"{get(r, ('seq', 'ok'))}/{args.seq} sequential, {get(r, ('conc', 'ok'))}/{args.conc_requests} concurrent"
        if name == "gradio":
            lines.append("")
        lines.append(
            f"- {name}: {ok} round trips OK; {len(r.get('errors', []))} errors; "
            f"output: {r.get('output_check', 'n/a')} ({r.get('output_content_type')})"
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gradio-python", default="/tmp/gradio-venv/bin/python")
    ap.add_argument("--trellis-python", default=sys.executable)
    ap.add_argument("--warmup", type=int, default=10)
    ap.add_argument("--seq", type=int, default=100)
    ap.add_argument("--conc-clients", type=int, default=8)
    ap.add_argument("--conc-requests", type=int, default=200)
    ap.add_argument("--only", choices=["gradio", "trellis"], help="measure only one package")
    ap.add_argument("--out-dir", default=str(RESULTS))
    ap.add_argument("--keep-workdirs", action="store_true", help="keep the servers' temp folders (app, log, uploads)")
    args = ap.parse_args()

    png = make_png()
    servers = {
        "gradio": [args.gradio_python],
        "trellis": [args.trellis_python, "-c", TRELLIS_BOOT],
    }
    results: dict = {}
    for name, argv in servers.items():
        if args.only and name != args.only:
            continue
        srv = Server(name, argv, APP, prefix="imgrt")
        print(f"[{name}] starting on port {srv.port} in {srv.workdir}", flush=True)
        try:
            results[name] = measure(srv, png, args)
        except Exception as e:
            results[name] = {"errors": [f"fatal: {e!r}"], "argv": srv.argv}
        finally:
            srv.stop()
        r = results[name]
        if args.keep_workdirs or r["errors"]:
            print(f"[{name}] server folder kept: {srv.workdir}", flush=True)
        else:
            shutil.rmtree(srv.workdir, ignore_errors=True)
        print(f"[{name}] done: seq={r.get('seq')} conc={r.get('conc')} errors={len(r['errors'])}", flush=True)
        for err in r["errors"][:5]:
            print(f"[{name}]   {err}", flush=True)

    cmd = " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = "\n".join(
        [
            "# Image round trip: Gradio vs Trellis",
            "",
            f"Command: `{cmd}`  ",
            f"Date: {now}  ",
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}  ",
            f"Input: 512x512 RGB PNG ({len(png)} bytes); round trip = upload -> queue join -> SSE "
            f"process_completed -> download output. 1 client: {args.seq} requests after {args.warmup} "
            f"warm-up; {args.conc_clients} clients: {args.conc_requests} requests.",
            "",
            table(results, args),
            "",
        ]
    )
    meta = {"command": cmd, "date": now, "input_png_bytes": len(png), "args": vars(args)}
    write_report(args.out_dir, "image_roundtrip", md, {"meta": meta, **results})
    return 0 if all(not r.get("errors") for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
