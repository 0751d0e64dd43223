#!/usr/bin/env python3
"""Big tables and long plots in the browser: real Gradio 6.31 against Trellis, in one invocation.

Each package serves the same app file (Gradio from its own virtualenv, Trellis with ``gradio`` aliased to
it), and Debian's Chromium (headless, a fresh context per run) loads it:

- ``table``: a ``gr.Dataframe`` showing a 100,000-row x 10-column DataFrame (numbers, strings, dates).
  Measured: time from navigation to the first row visible (its first cell's text on screen), bytes on the
  wire for the page and everything it loads (DevTools ``encodedDataLength``), the JS heap once shown, and
  frame times while the table is scrolled from top to bottom (a scroll step per animation frame; the
  95th percentile frame time is the smoothness figure, 16.7 ms being 60 fps). A frame's time is the gap
  between the timestamps Chromium gives consecutive animation-frame callbacks (each frame's begin time), so
  a frame the page was too busy to produce shows as 33.3 ms. The gap between the moments the callbacks ran
  is reported too ("callback interval"): it also moves with how long the page's own scroll handling took
  before the callback within a frame, which is jitter rather than a dropped frame.
- ``plot``: a ``gr.LinePlot`` of 100,000 points. Measured: time from navigation to the line drawn.
- ``output``: a 1,000,000-row x 10-column DataFrame that the app returns from a load event into a read-only
  ``gr.Dataframe`` (it only displays it). Measured as ``table``; Trellis also at 100,000 rows, to show that
  the browser's memory does not grow with the row count (Trellis sends the page only the rows in view).

Writes ``benchmarks/results/big_table.md`` and ``big_table.json`` (ratios Trellis / Gradio from one run).

    python3 benchmarks/big_table.py [--rows 100000] [--output-rows 1000000] [--runs 3] [--only table|plot|output]
        [--gradio-python /tmp/gradio-venv/bin/python]

Chromium is Debian's (``$TRELLIS_CHROMIUM`` or ``/usr/bin/chromium``); never ``playwright install``.
Playwright for Python must be importable by the interpreter running this script.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _servers import Server, argv_for, pct, write_report

CHROMIUM = os.environ.get("TRELLIS_CHROMIUM", "/usr/bin/chromium")
RESULTS = Path(__file__).resolve().parent / "results"

TABLE_APP = """
import numpy as np
import pandas as pd
import gradio as gr

ROWS = {rows}
rng = np.random.default_rng(7)
frame = pd.DataFrame({{
    "id": np.arange(ROWS),
    "name": [f"item-{{i:06d}}" for i in range(ROWS)],
    "when": pd.date_range("2020-01-01", periods=ROWS, freq="min").strftime("%Y-%m-%d %H:%M"),
    **{{f"n{{k}}": np.round(rng.random(ROWS) * 1000, 3) for k in range(5)}},
    "flag": rng.random(ROWS) > 0.5,
    "tag": rng.choice(["red", "green", "blue"], ROWS),
}})
frame.loc[0, "name"] = "FIRST-ROW"
frame.loc[ROWS - 1, "name"] = "LAST-ROW"
with gr.Blocks() as demo:
    gr.Dataframe(frame, label="Big table", datatype=["number", "str", "date", "number", "number", "number", "number",
                 "number", "bool", "str"])
demo.launch()
"""

OUTPUT_APP = TABLE_APP.replace(
    """    gr.Dataframe(frame, label="Big table",""",
    """    table = gr.Dataframe(label="Big table", interactive=False,""",
).replace("demo.launch()", "    demo.load(lambda: frame, None, table)\ndemo.launch()")

PLOT_APP = """
import numpy as np
import pandas as pd
import gradio as gr

POINTS = {rows}
x = np.arange(POINTS)
frame = pd.DataFrame({{"x": x, "y": np.sin(x / 500) + np.random.default_rng(3).normal(0, 0.05, POINTS)}})
with gr.Blocks() as demo:
    gr.LinePlot(frame, x="x", y="y", label="Long line")
demo.launch()
"""

#: Whether the text is in a visible element of the page (the first matching element with a box).
VISIBLE_TEXT = """
(text) => {
  if (!document.body) return false;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue.includes(text)) continue;
    const box = node.parentElement.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight) return true;
  }
  return false;
}
"""

#: Scrolls the table's scroll box (the element around the first row with the most to scroll) from top to
#: bottom, one step per animation frame, and returns the frame times in ms (from the frames' timestamps),
#: the intervals between the callbacks' own clock readings, and the distance scrolled.
SCROLL = """
async (marker) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let cell = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeValue.includes(marker)) { cell = node.parentElement; break; }
  }
  let box = null;
  for (let el = cell; el; el = el.parentElement) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 10) {
      if (!box || el.scrollHeight - el.clientHeight > box.scrollHeight - box.clientHeight) box = el;
    }
  }
  if (!box) return {error: "no scroll box"};
  const total = box.scrollHeight - box.clientHeight;
  const steps = 300;
  const frames = [];
  const callbacks = [];
  let lastStamp = await new Promise((r) => requestAnimationFrame(r));
  let last = performance.now();
  for (let i = 1; i <= steps; i++) {
    box.scrollTop = (total * i) / steps;
    const stamp = await new Promise((r) => requestAnimationFrame(r));
    const now = performance.now();
    frames.push(stamp - lastStamp);
    callbacks.push(now - last);
    lastStamp = stamp;
    last = now;
  }
  return {frames, callbacks, total};
}
"""


def _browser() -> tuple[Any, Any]:
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    browser = manager.chromium.launch(
        executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--enable-precise-memory-info"]
    )
    return manager, browser


def _bytes_counter(page: Any) -> tuple[dict[str, int], Any]:
    """Running totals of the page's bytes on the wire and requests, and the DevTools session counting them."""
    totals = {"bytes": 0, "requests": 0}
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")

    def finished(event: dict[str, Any]) -> None:
        totals["bytes"] += int(event.get("encodedDataLength", 0))
        totals["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    return totals, cdp


def measure_table(browser: Any, url: str, timeout_s: float) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    counter, cdp = _bytes_counter(page)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(VISIBLE_TEXT, arg="FIRST-ROW", timeout=timeout_s * 1000, polling=50)
    first_row = time.perf_counter() - start
    page.wait_for_timeout(1500)  # let the rest settle before reading memory and scrolling
    cdp.send("HeapProfiler.collectGarbage")
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    dom_nodes = page.evaluate("document.getElementsByTagName('*').length")
    scrolled = page.evaluate(SCROLL, "FIRST-ROW")
    frames = scrolled.get("frames", [])
    reached_end = False
    if frames:
        try:
            page.wait_for_function(VISIBLE_TEXT, arg="LAST-ROW", timeout=5000, polling=100)
            reached_end = True
        except Exception:  # the table never drew its last row after the scroll
            reached_end = False
    result = {
        "first_row_s": first_row,
        "bytes": counter["bytes"],
        "requests": counter["requests"],
        "heap_mb": heap / 1e6,
        "dom_nodes": dom_nodes,
        "frame_p50_ms": pct(frames, 0.5) if frames else None,
        "frame_p95_ms": pct(frames, 0.95) if frames else None,
        "frames_dropped": sum(1 for f in frames if f > 25) if frames else None,
        "callback_p95_ms": pct(scrolled["callbacks"], 0.95) if frames else None,
        "scroll_error": scrolled.get("error"),
        "last_row_shown": reached_end,
    }
    context.close()
    return result


def measure_plot(browser: Any, url: str, timeout_s: float) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    counter, _ = _bytes_counter(page)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        "() => !!document.querySelector('.vega-embed svg .mark-line path, .vega-embed canvas')",
        timeout=timeout_s * 1000,
        polling=50,
    )
    drawn = time.perf_counter() - start
    result = {"drawn_s": drawn, "bytes": counter["bytes"], "requests": counter["requests"]}
    context.close()
    return result


def run(
    kind: str, rows: int, runs: int, gradio_python: str, timeout_s: float, small_rows: int = 100_000
) -> dict[str, dict[str, Any]]:
    template = {"table": TABLE_APP, "plot": PLOT_APP, "output": OUTPUT_APP}[kind]
    measure = measure_plot if kind == "plot" else measure_table
    out: dict[str, dict[str, Any]] = {}
    # (label, package, rows): the output table is also shown by Trellis at fewer rows (memory vs row count)
    cases = [("gradio", "gradio", rows), ("trellis", "trellis", rows)]
    if kind == "output":
        cases.append(("trellis_small", "trellis", small_rows))
    for label, name, count in cases:
        source = template.format(rows=count)
        server = Server(name, argv_for(name, gradio_python, sys.executable), source, prefix=f"big-{kind}")
        try:
            server.start()
            manager, browser = _browser()
            try:
                samples = []
                for _ in range(runs + 1):  # the first run warms the server and the browser's caches up
                    try:
                        samples.append(measure(browser, server.base + "/", timeout_s))
                    except Exception as exc:  # a page that never shows the table (Gradio can freeze)
                        samples.append({"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"})
                samples = samples[1:]
            finally:
                browser.close()
                manager.stop()
        finally:
            server.stop()
        ok = [s for s in samples if "error" not in s]
        summary: dict[str, Any] = {"runs": samples}
        for key in ok[0] if ok else []:
            values = [s[key] for s in ok if isinstance(s.get(key), (int, float)) and not isinstance(s.get(key), bool)]
            if values:
                summary[key] = statistics.median(values)
        summary["rows"] = count
        out[label] = summary
    return out


def _fmt(value: Any, unit: str) -> str:
    if not isinstance(value, (int, float)):
        return "—"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    if unit == "KB":
        return f"{value / 1000:.0f} KB"
    return f"{value:.0f}"


def _measures(
    lines: list[str], name: str, pair: dict[str, dict[str, Any]], rowspec: list[tuple[str, str, str, str]]
) -> None:
    """Append one table row per measure of ``pair`` (Gradio and Trellis), then any runs that failed."""
    for label, key, unit, goal in rowspec:
        g, t = pair["gradio"].get(key), pair["trellis"].get(key)
        ratio = f"{t / g:.2f}" if isinstance(g, (int, float)) and isinstance(t, (int, float)) and g else "—"
        lines.append(f"| {label} | {_fmt(g, unit)} | {_fmt(t, unit)} | {ratio} | {goal} |")
    for package in ("gradio", "trellis"):
        errors = [r["error"] for r in pair[package]["runs"] if "error" in r]
        if errors:
            lines.append(f"| {name}: {package} runs that failed | {len(errors)} | | | {errors[0]} |")


def report(results: dict[str, dict[str, dict[str, Any]]], rows: int, output_rows: int = 1_000_000) -> str:
    lines = [
        f"# Big tables and long plots ({rows:,} rows), {dt.date.today().isoformat()}",
        "",
        "| Measure | Gradio 6.31 | Trellis | Trellis / Gradio | Goal |",
        "|---|---|---|---|---|",
    ]
    table = results.get("table")
    if table:
        rowspec = [
            ("Table: navigation → first row visible", "first_row_s", "s", "≤ 0.2"),
            ("Table: bytes on the wire", "bytes", "KB", ""),
            ("Table: JS heap once shown", "heap_mb", "MB", ""),
            ("Table: DOM elements", "dom_nodes", "", ""),
            ("Table: frame time while scrolling, p50", "frame_p50_ms", "ms", ""),
            ("Table: frame time while scrolling, p95", "frame_p95_ms", "ms", "Trellis ≤ 16.7 ms"),
            ("Table: frames of 300 that took two or more vsyncs", "frames_dropped", "", ""),
            ("Table: callback interval while scrolling, p95 (jitter)", "callback_p95_ms", "ms", ""),
        ]
        _measures(lines, "Table", table, rowspec)
    output = results.get("output")
    if output:
        rowspec = [
            (f"Output of {output_rows:,} rows: navigation → first row visible", "first_row_s", "s", "Trellis < 1 s"),
            ("Output: bytes on the wire", "bytes", "KB", ""),
            ("Output: JS heap once shown", "heap_mb", "MB", "independent of rows"),
            ("Output: DOM elements", "dom_nodes", "", ""),
            ("Output: frame time while scrolling, p95", "frame_p95_ms", "ms", ""),
            ("Output: frames of 300 that took two or more vsyncs", "frames_dropped", "", ""),
        ]
        _measures(lines, "Output", output, rowspec)
        small = output.get("trellis_small", {})
        if small:
            lines.append(
                f"| Output: Trellis at {small.get('rows', 0):,} rows: first row, heap | | "
                f"{_fmt(small.get('first_row_s'), 's')}, {_fmt(small.get('heap_mb'), 'MB')} | | |"
            )
        shown = output["trellis"].get("runs", [])
        if shown and all(r.get("last_row_shown") for r in shown if "error" not in r):
            lines.append("| Output: Trellis drew the last row after the scroll | | yes | | |")
    plot = results.get("plot")
    if plot:
        g, t = plot["gradio"].get("drawn_s"), plot["trellis"].get("drawn_s")
        ratio = f"{t / g:.2f}" if isinstance(g, (int, float)) and isinstance(t, (int, float)) and g else "—"
        lines.append(f"| LinePlot: navigation → line drawn | {_fmt(g, 's')} | {_fmt(t, 's')} | {ratio} | |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output-rows", type=int, default=1_000_000)
    parser.add_argument("--only", choices=["table", "plot", "output"])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a page may take to show its content")
    parser.add_argument("--gradio-python", default=os.environ.get("GRADIO_PYTHON", "/tmp/gradio-venv/bin/python"))
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["table", "plot", "output"]
    results = {
        kind: run(
            kind, args.output_rows if kind == "output" else args.rows, args.runs, args.gradio_python, args.timeout
        )
        for kind in kinds
    }
    name = "big_table" if kinds != ["output"] else "big_table_output"
    meta = {"rows": args.rows, "output_rows": args.output_rows, "results": results}
    write_report(str(RESULTS), name, report(results, args.rows, args.output_rows), meta)


if __name__ == "__main__":
    main()
