#!/usr/bin/env python3
"""What the shared Redis backend costs per event, against the default memory backend.

Trellis only (Gradio has no shared backend to compare with). One app with a State listener is served
three ways: by one server on the memory backend, by one replica on the Redis backend, and by two
replicas on it with each event joined through one and its stream read through the other. For each,
``--events`` events run one after another from one session (join, then read ``/queue/data`` to
``close_stream``); the median and 95th-percentile time per event are reported (the first 20 are a
warm-up). Debian's ``redis-server`` runs on a free port with no persistence.

Writes ``benchmarks/results/redis_backend.md`` and ``.json``.

    python3 benchmarks/redis_backend.py [--events 300]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "tests"))
from _servers import pct  # noqa: E402
from redis_replicas import redis_server, replicas  # noqa: E402  (the tests' harness)

APP = """
import os
import trellis as gr

def bump(count, n):
    return count + 1, (n or 0) + 1

with gr.Blocks() as demo:
    n = gr.Number()
    count = gr.State(0)
    gr.Button().click(bump, [count, n], [count, n], api_name="bump")

if __name__ == "__main__":
    demo.launch(server_name="127.0.0.1", server_port=int(os.environ["PORT"]))
"""


def per_event(join_url: str, read_url: str, events: int) -> list[float]:
    """Seconds per event, joined through ``join_url`` and read through ``read_url``."""
    config = httpx.get(join_url + "config").json()
    fn = next(d["id"] for d in config["dependencies"] if d["api_name"] == "bump")
    session = uuid.uuid4().hex
    times = []
    with httpx.Client(base_url=join_url, timeout=10) as joiner, httpx.Client(base_url=read_url, timeout=10) as reader:
        for _ in range(events):
            start = time.perf_counter()
            body = {"data": [None, 1], "fn_index": fn, "session_hash": session}
            joiner.post("gradio_api/queue/join", json=body).raise_for_status()
            with reader.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as response:
                for line in response.iter_lines():
                    if line.startswith("data: ") and '"close_stream"' in line:
                        break
            times.append(time.perf_counter() - start)
    return times[20:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-redis-"))
    results: dict[str, dict[str, float]] = {}
    with redis_server(folder) as url:
        cases = [
            ("memory backend, one server", {"TRELLIS_BACKEND": "memory"}, 1),
            ("Redis backend, one replica", {}, 1),
            ("Redis backend, joined on one replica, read on the other", {}, 2),
        ]
        for index, (label, env, count) in enumerate(cases):
            place = folder / f"case{index}"
            place.mkdir()
            with contextlib.ExitStack() as stack:
                urls = stack.enter_context(replicas(APP, url, place, count=count, **env))
                times = per_event(urls[0], urls[-1], args.events)
            results[label] = {"median_ms": statistics.median(times) * 1000, "p95_ms": pct(times, 0.95) * 1000}
            print(f"{label}: {results[label]['median_ms']:.2f} ms median, {results[label]['p95_ms']:.2f} ms p95")
    lines = [
        f"# Redis backend: time per event ({args.events - 20} events in a row), {dt.date.today().isoformat()}",
        "",
        "| Setup | Median per event | p95 |",
        "|---|---|---|",
        *(f"| {label} | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms |" for label, r in results.items()),
    ]
    results_dir = ROOT / "results"
    (results_dir / "redis_backend.md").write_text("\n".join(lines) + "\n")
    (results_dir / "redis_backend.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
