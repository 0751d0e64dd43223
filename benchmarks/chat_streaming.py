#!/usr/bin/env python3
"""Chat streaming: real Gradio against Trellis, in one invocation.

The app is ``gr.ChatInterface(tokens)`` where ``tokens`` yields a reply of N tokens (2000 by
default), the text so far each time, with no pause: the rate is set by the server and the client.
Both packages serve the same app file (Gradio from its venv, Trellis with ``gradio`` aliased),
each behind a loopback proxy that counts the bytes crossing it, so "bytes on the wire" is what the
client really received (compressed or not), headers included.

Measured per package, each run a fresh chat turn:
- official client: ``gradio_client.Client.submit`` on the chat endpoint; time to the first token,
  tokens/s from the call to the last token (N / time) and from the first to the last token
  ((N - 1) / time), polled from ``job.outputs()`` every 1 ms;
  the final reply is checked; bytes received during the call; server CPU per token;
- browser: headless Chromium types the message into the page and presses Enter; the page's own
  clock (one check per animation frame) records when the first and the last token are on screen;
  tokens/s as above (from Enter); bytes received by the browser during the turn.

Writes benchmarks/results/chat_streaming.md and chat_streaming.json.

    python3 benchmarks/chat_streaming.py [--tokens 2000] [--runs 5] [--browser-runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shlex
import shutil
import statistics
import sys
import time
from pathlib import Path

from _servers import CountingProxy, Server, argv_for, write_report

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
CHROMIUM = os.environ.get("TRELLIS_CHROMIUM", "/usr/bin/chromium")
# As the shared harness's page section: the browser reaches only loopback (names resolve nowhere,
# anything else goes to a proxy address where nothing listens), so both pages load offline alike.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--proxy-server=127.0.0.1:9",
]

APP = """\
import gradio as gr


def tokens(message, history):
    text = ""
    for i in range(int(message)):
        text += f" tok{i}"
        yield text


demo = gr.ChatInterface(tokens)

if __name__ == "__main__":
    demo.launch()
"""


def expected_reply(n: int) -> str:
    return "".join(f" tok{i}" for i in range(n))


# ---------------------------------------------------------------- official client


def client_runs(server: Server, proxy: CountingProxy, args) -> dict:
    from gradio_client import Client

    client = Client(proxy.base + "/", verbose=False)
    runs = []
    errors: list[str] = []
    want = expected_reply(args.tokens).strip()
    for index in range(args.runs + 1):
        cpu0, (down0, up0) = server.cpu(), proxy.snapshot()
        start = time.perf_counter()
        job = client.submit(str(args.tokens), api_name="/tokens")
        first = None
        while not job.done():
            if first is None and job.outputs():
                first = time.perf_counter()
            time.sleep(0.001)
        try:
            result = job.result(timeout=120)
        except Exception as exc:
            errors.append(f"run {index}: {exc!r}")
            continue
        end = time.perf_counter()
        cpu, (down, up) = server.cpu() - cpu0, proxy.snapshot()
        if first is None:
            first = end
        ok = isinstance(result, str) and result.strip() == want
        if not ok:
            errors.append(f"run {index}: wrong reply ({str(result)[:80]}…)")
        if index == 0:
            continue  # warm-up
        runs.append(
            {
                "ttft_ms": (first - start) * 1e3,
                "tokens_per_s": (args.tokens - 1) / max(end - first, 1e-9),
                "e2e_tokens_per_s": args.tokens / max(end - start, 1e-9),
                "wall_s": end - start,
                "bytes_down": down - down0,
                "bytes_up": up - up0,
                "server_cpu_us_per_token": cpu / args.tokens * 1e6,
                "reply_ok": ok,
                "streamed_outputs": len(job.outputs()),
            }
        )
    client.close()
    return summarise(runs, errors)


# ---------------------------------------------------------------- browser

WATCH = """
([first, last]) => {
  window.__chat = {start: performance.now(), first: null, last: null};
  const tick = () => {
    const text = document.body.textContent || "";
    const t = performance.now();
    if (window.__chat.first === null && text.includes(first)) window.__chat.first = t;
    if (text.includes(last)) { window.__chat.last = t; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
"""


def browser_runs(server: Server, proxy: CountingProxy, args) -> dict:
    from playwright.sync_api import sync_playwright

    runs = []
    errors: list[str] = []
    first_marker, last_marker = " tok0 tok1", f" tok{args.tokens - 1}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for index in range(args.browser_runs + 1):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            try:
                page.goto(proxy.base + "/", wait_until="load")
                box = page.locator("textarea:visible").first
                box.wait_for(timeout=30_000)
                box.fill(str(args.tokens))
                cpu0, (down0, up0) = server.cpu(), proxy.snapshot()
                page.evaluate(WATCH, [first_marker, last_marker])
                box.press("Enter")
                page.wait_for_function("() => window.__chat && window.__chat.last !== null", timeout=180_000)
                times = page.evaluate("() => window.__chat")
                time.sleep(0.3)  # the closing messages of the turn
                cpu, (down, up) = server.cpu() - cpu0, proxy.snapshot()
            except Exception as exc:
                errors.append(f"run {index}: {exc!r}"[:300])
                context.close()
                continue
            context.close()
            if index == 0:
                continue
            span = (times["last"] - times["first"]) / 1e3
            runs.append(
                {
                    "ttft_ms": times["first"] - times["start"],
                    "tokens_per_s": (args.tokens - 1) / max(span, 1e-9),
                    "e2e_tokens_per_s": args.tokens / max((times["last"] - times["start"]) / 1e3, 1e-9),
                    "wall_s": (times["last"] - times["start"]) / 1e3,
                    "bytes_down": down - down0,
                    "bytes_up": up - up0,
                    "server_cpu_us_per_token": cpu / args.tokens * 1e6,
                }
            )
        browser.close()
    return summarise(runs, errors)


def summarise(runs: list[dict], errors: list[str]) -> dict:
    out: dict = {"runs": runs, "errors": errors}
    if runs:
        for key in runs[0]:
            values = [r[key] for r in runs if isinstance(r[key], (int, float)) and not isinstance(r[key], bool)]
            if values:
                out[key] = statistics.median(values)
    return out


# ---------------------------------------------------------------- report

ROWS = [
    ("client: tokens/s, Enter to last token", ("client", "e2e_tokens_per_s"), "{:.0f}"),
    ("client: tokens/s, first to last token", ("client", "tokens_per_s"), "{:.0f}"),
    ("client: time to first token (ms)", ("client", "ttft_ms"), "{:.0f}"),
    ("client: wall time of the turn (s)", ("client", "wall_s"), "{:.2f}"),
    ("client: bytes received", ("client", "bytes_down"), "{:,.0f}"),
    ("client: server CPU per token (us)", ("client", "server_cpu_us_per_token"), "{:.0f}"),
    ("browser: tokens/s on screen, Enter to last token", ("browser", "e2e_tokens_per_s"), "{:.0f}"),
    ("browser: tokens/s on screen, first to last token", ("browser", "tokens_per_s"), "{:.0f}"),
    ("browser: first token on screen (ms)", ("browser", "ttft_ms"), "{:.0f}"),
    ("browser: last token on screen (s)", ("browser", "wall_s"), "{:.2f}"),
    ("browser: bytes received", ("browser", "bytes_down"), "{:,.0f}"),
    ("browser: server CPU per token (us)", ("browser", "server_cpu_us_per_token"), "{:.0f}"),
]


def get(d: dict, path: tuple) -> float | None:
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d if isinstance(d, (int, float)) else None


def table(results: dict) -> str:
    lines = ["| figure | gradio | trellis | trellis / gradio |", "| --- | ---: | ---: | ---: |"]
    for label, path, fmt in ROWS:
        g, t = get(results.get("gradio", {}), path), get(results.get("trellis", {}), path)
        gs = fmt.format(g) if g is not None else "n/a"
        ts = fmt.format(t) if t is not None else "n/a"
        ratio = f"{t / g:.3g}x" if g and t is not None else "n/a"
        lines.append(f"| {label} | {gs} | {ts} | {ratio} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gradio-python", default="/tmp/gradio-venv/bin/python")
    ap.add_argument("--trellis-python", default=sys.executable)
    ap.add_argument("--tokens", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5, help="client runs after one warm-up")
    ap.add_argument("--browser-runs", type=int, default=3, help="browser runs after one warm-up (0: skip)")
    ap.add_argument("--only", choices=["gradio", "trellis"])
    ap.add_argument("--out-dir", default=str(RESULTS))
    args = ap.parse_args()

    results: dict = {}
    for name in ("gradio", "trellis"):
        if args.only and name != args.only:
            continue
        server = Server(name, argv_for(name, args.gradio_python, args.trellis_python), APP, prefix="chat")
        print(f"[{name}] starting on port {server.port} in {server.workdir}", flush=True)
        proxy = None
        res: dict = {"errors": []}
        try:
            res["startup_s"] = server.start()
            proxy = CountingProxy(server.port)
            res["client"] = client_runs(server, proxy, args)
            print(
                f"[{name}] client: {get(res, ('client', 'tokens_per_s'))} tok/s, "
                f"{get(res, ('client', 'bytes_down'))} bytes",
                flush=True,
            )
            if args.browser_runs and os.path.exists(CHROMIUM):
                res["browser"] = browser_runs(server, proxy, args)
                print(
                    f"[{name}] browser: {get(res, ('browser', 'tokens_per_s'))} tok/s, "
                    f"{get(res, ('browser', 'bytes_down'))} bytes",
                    flush=True,
                )
        except Exception as exc:
            res["errors"].append(f"fatal: {exc!r}")
        finally:
            if proxy is not None:
                proxy.close()
            server.stop()
        errors = res["errors"] + res.get("client", {}).get("errors", []) + res.get("browser", {}).get("errors", [])
        for err in errors[:5]:
            print(f"[{name}]   {err}", flush=True)
        if not errors:
            shutil.rmtree(server.workdir, ignore_errors=True)
        results[name] = res

    cmd = " ".join(shlex.quote(a) for a in [Path(sys.executable).name, *sys.argv])
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = "\n".join(
        [
            "# Chat streaming: Gradio vs Trellis",
            "",
            f"Command: `{cmd}`  ",
            f"Date: {now}  ",
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}  ",
            f"Workload: `gr.ChatInterface` whose function yields {args.tokens} tokens (the text so far each time), "
            f"no pause. Client: gradio_client, {args.runs} runs after a warm-up; browser: headless Chromium, "
            f"{args.browser_runs} runs after a warm-up. Medians; bytes are counted by a loopback proxy.",
            "",
            table(results),
            "",
        ]
    )
    write_report(
        args.out_dir, "chat_streaming", md, {"meta": {"command": cmd, "date": now, "args": vars(args)}, **results}
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
