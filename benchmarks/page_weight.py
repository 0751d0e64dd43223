#!/usr/bin/env python3
"""Quick page-weight check: what a browser downloads to show a Trellis app, and how fast.

Serves the shared benchmark's echo app (``<repo>/../shared/bench/apps/echo.py``, a one-textbox
Interface) with ``python -m trellis run``, loads it in headless Chromium with a fresh context per
run, and reports, until the network has been idle for a moment:

- bytes on the wire, from the DevTools protocol: ``Network.loadingFinished.encodedDataLength``
  summed over every request (headers + compressed bodies), with the response-header share and
  the decoded body size beside it;
- the number of requests;
- the time from navigation to the first visible ``<textarea>``.

The first run is a warm-up (not reported); the table shows medians of the other runs and the
requests of the last one. The full comparison with Gradio goes through
``benchmarks/run.py --page`` and the shared harness; this script is a standalone check.

    python3 benchmarks/page_weight.py                     # Trellis, echo app, 5 runs
    python3 benchmarks/page_weight.py --runs 10 --json out.json
    python3 benchmarks/page_weight.py --url http://127.0.0.1:7860/   # any running server (e.g. Gradio)

Chromium is Debian's (``$TRELLIS_CHROMIUM`` or ``/usr/bin/chromium``); never ``playwright install``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
DEFAULT_APP = REPO.parent / "shared" / "bench" / "apps" / "echo.py"
CHROMIUM = os.environ.get("TRELLIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SELECTOR = "textarea"
IDLE_S = 0.5  # the network counts as idle after this long without an event
SETTLE_LIMIT_S = 10.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AppServer:
    """The app file served by ``python -m trellis run`` in a child process."""

    def __init__(self, python: str, app: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONPATH": str(REPO)}
        command = [python, "-m", "trellis", "run", str(app), "--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                stderr = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
                raise SystemExit(f"the app exited with code {self.process.returncode}:\n{stderr}")
            try:
                with urllib.request.urlopen(self.url + "config", timeout=1):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise SystemExit(f"the app did not answer at {self.url} within {timeout} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def load_once(browser: Any, url: str) -> dict[str, Any]:
    """One cold page load in a fresh context: per-request sizes and the time to a visible textarea."""
    context = browser.new_context()
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        requests: dict[str, dict[str, Any]] = {}
        last_event = [time.perf_counter()]

        def entry(event: dict[str, Any]) -> dict[str, Any]:
            last_event[0] = time.perf_counter()
            return requests.setdefault(
                event["requestId"],
                {"url": "", "type": "", "status": None, "encoding": "", "headers": 0, "decoded": 0, "total": 0},
            )

        def on_request(event: dict[str, Any]) -> None:
            record = entry(event)
            record["url"] = event["request"]["url"]
            record["type"] = event.get("type", "")

        def on_response(event: dict[str, Any]) -> None:
            record = entry(event)
            response = event["response"]
            record["status"] = response.get("status")
            record["headers"] = int(response.get("encodedDataLength") or 0)  # bytes so far: the headers
            names = {k.lower(): v for k, v in (response.get("headers") or {}).items()}
            record["encoding"] = names.get("content-encoding", "")

        def on_data(event: dict[str, Any]) -> None:
            entry(event)["decoded"] += int(event.get("dataLength") or 0)

        def on_finished(event: dict[str, Any]) -> None:
            entry(event)["total"] = int(event.get("encodedDataLength") or 0)

        def on_failed(event: dict[str, Any]) -> None:
            entry(event)["failed"] = event.get("errorText", "failed")

        cdp.on("Network.requestWillBeSent", on_request)
        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.dataReceived", on_data)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.on("Network.loadingFailed", on_failed)

        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=60_000)
        page.wait_for_selector(SELECTOR, state="visible", timeout=60_000)
        visible_s = time.perf_counter() - start
        deadline = time.perf_counter() + SETTLE_LIMIT_S
        while time.perf_counter() < deadline and time.perf_counter() - last_event[0] < IDLE_S:
            page.wait_for_timeout(50)
    finally:
        context.close()

    http = [r for r in requests.values() if r["url"].startswith(("http://", "https://"))]
    return {
        "visible_s": visible_s,
        "requests": len(http),
        "bytes": sum(r["total"] for r in http),
        "header_bytes": sum(r["headers"] for r in http),
        "decoded_bytes": sum(r["decoded"] for r in http),
        "failed": sum(1 for r in http if "failed" in r),
        "detail": http,
    }


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def print_table(runs: list[dict[str, Any]], url: str) -> None:
    def median(key: str) -> float:
        return float(statistics.median(r[key] for r in runs))

    rows = [
        ("bytes transferred (KB)", kb(median("bytes"))),
        ("  of which response headers (KB)", kb(median("header_bytes"))),
        ("decoded bodies (KB)", kb(median("decoded_bytes"))),
        ("requests", f"{median('requests'):g}"),
        ("failed requests", f"{max(r['failed'] for r in runs)}"),
        ("navigation to visible textarea (ms)", f"{median('visible_s') * 1000:.0f}"),
    ]
    print(f"\nPage weight of {url} (median of {len(runs)} cold loads)\n")
    width = max(len(name) for name, _ in rows)
    print(f"| {'metric'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|------:|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")

    origin = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    print("\nRequests of the last load:\n")
    print("| request | type | status | encoding | wire KB | headers KB | decoded KB |")
    print("|---|---|---:|---|---:|---:|---:|")
    for r in runs[-1]["detail"]:
        name = r["url"][len(origin) :] if r["url"].startswith(origin) else r["url"]
        name = name if len(name) <= 60 else name[:57] + "..."
        status = r.get("failed") or r["status"]
        print(
            f"| {name} | {r['type']} | {status} | {r['encoding'] or '-'} "
            f"| {kb(r['total'])} | {kb(r['headers'])} | {kb(r['decoded'])} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app", type=Path, default=DEFAULT_APP, help=f"app file to serve (default: {DEFAULT_APP})")
    parser.add_argument("--url", help="measure this running server instead of starting the app")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs the app (default: this one)")
    parser.add_argument("--runs", type=int, default=5, help="measured loads, after one warm-up (default: 5)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"Chromium executable (default: {CHROMIUM})")
    parser.add_argument("--json", type=Path, help="also write the runs to this JSON file")
    args = parser.parse_args(argv)

    if not os.access(args.chromium, os.X_OK):
        parser.error(f"no Chromium at {args.chromium} (install Debian's chromium or set TRELLIS_CHROMIUM)")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    from playwright.sync_api import sync_playwright

    server: AppServer | None = None
    if args.url:
        url = args.url
    else:
        if not args.app.is_file():
            parser.error(f"no app file at {args.app} (use --app)")
        server = AppServer(args.python, args.app)
        url = server.url
    try:
        if server is not None:
            server.wait_ready()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True)
            try:
                runs = [load_once(browser, url) for _ in range(args.runs + 1)][1:]
            finally:
                browser.close()
    finally:
        if server is not None:
            server.stop()

    print_table(runs, url)
    if args.json:
        args.json.write_text(json.dumps({"url": url, "runs": runs}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
