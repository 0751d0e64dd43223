#!/usr/bin/env python3
"""Benchmark Trellis against real Gradio in one run, with the shared harness.

The workloads, the load driver and the measurements all live in the shared
harness (``bench.py``, by default ``<repo>/../shared/bench``; override with
``TRELLIS_BENCH_HARNESS``).  This script only runs that harness twice in the
same invocation, once with ``--module gradio`` and once with
``--module trellis`` (section by section, alternating, unless
``--order sequential``), keeps both JSON result files and writes a combined
markdown table with the ratio Trellis / Gradio and whether each target of the
performance issue is met.

Both harness runs use the same driver interpreter (``--driver-python``, by
default the Gradio venv, which needs httpx and sniffio, and playwright for the
optional page section); only the interpreter that runs the apps differs
(``--gradio-python`` and ``--trellis-python``).

    python benchmarks/run.py                      # import,startup,throughput,streaming
    python benchmarks/run.py --only import        # one section
    python benchmarks/run.py --heavy --sessions   # plus the optional sections
    python benchmarks/run.py --page               # plus page weight (Chromium + playwright)
    python benchmarks/run.py --table-only         # rebuild latest.md from the saved JSON

See benchmarks/README.md for the set-up and for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
HARNESS_ENV = "TRELLIS_BENCH_HARNESS"
DEFAULT_HARNESS = REPO.parent / "shared" / "bench"
DEFAULT_GRADIO_PYTHON = "/tmp/gradio-venv/bin/python"

DEFAULT_SECTIONS = ["import", "startup", "throughput", "streaming"]
OPTIONAL_SECTIONS = ["heavy", "page", "sessions"]  # behind --heavy / --page / --sessions
ALL_SECTIONS = ["import", "startup", "throughput", "streaming", "heavy", "page", "sessions"]
LEVELS = (1, 16, 64)

# The targets of the performance issue, as a bound on the ratio trellis / gradio.
#   ("max", x): ratio must be <= x        ("min", x): ratio must be >= x
TARGETS: dict[tuple[str, str], tuple[str, float]] = {
    ("import", "import_s"): ("max", 0.2),
    ("import", "wall_s"): ("max", 0.2),
    ("throughput.c16", "rps"): ("min", 2.0),
    ("throughput.c64", "rps"): ("min", 2.0),
}

# (section, key, label, unit, lower_is_better); the figures the issue asks for come first
# in each group, then what the harness measures anyway.
FIGURES: list[tuple[str, str, str, str, bool]] = [
    ("import", "import_s", "(a) import: time inside `import`", "s", True),
    ("import", "wall_s", "(a) import: process wall time", "s", True),
    ("import", "cpu_s", "(a) import: process CPU time", "s", True),
    ("import", "peak_rss_mb", "(a) import: peak RSS", "MB", True),
    ("import", "modules", "(a) import: modules in sys.modules", "", True),
    ("startup", "ready_s", "(b) process start to /config answering", "s", True),
    ("startup", "ready_cpu_s", "(b) server CPU time until ready", "s", True),
    ("startup", "idle_rss_mb", "(b) server RSS, idle after one page load", "MB", True),
    ("startup", "idle_cpu_pct", "(b) server CPU while idle", "% core", True),
]
for _c in LEVELS:
    _who = f"(c) echo, {_c} client{'s' if _c > 1 else ''}"
    FIGURES += [
        (f"throughput.c{_c}", "rps", f"{_who}: events/s", "events/s", False),
        (f"throughput.c{_c}", "p50_ms", f"{_who}: p50 latency", "ms", True),
        (f"throughput.c{_c}", "p99_ms", f"{_who}: p99 latency", "ms", True),
        (f"throughput.c{_c}", "server_cpu_ms_per_req", f"{_who}: server CPU per event", "ms", True),
        (f"throughput.c{_c}", "failed", f"{_who}: failed events", "", True),
    ]
FIGURES += [
    ("streaming", "tokens_per_s", "(d) stream 1000 tokens: tokens/s received", "tok/s", False),
    ("streaming", "server_cpu_us_per_token", "(d) stream 1000 tokens: server CPU per token", "us", True),
    ("streaming", "ttft_ms", "(d) stream 1000 tokens: time to first token", "ms", True),
    ("streaming", "all_complete", "(d) stream 1000 tokens: text complete in every run", "", False),
    ("heavy", "wall_s", "(e) 50 clients x 1 s sleep: total wall", "s", True),
    ("heavy", "failed", "(e) 50 clients x 1 s sleep: failed requests", "", True),
    ("page", "kbytes", "(f) page: bytes transferred", "KB", True),
    ("page", "requests", "(f) page: requests", "", True),
    ("page", "visible_s", "(f) page: navigation to textbox visible", "s", True),
    ("sessions", "kb_per_session", "(g) server RSS growth per session", "KB", True),
    ("sessions", "failed", "(g) sessions: failed requests", "", True),
]


def log(msg: str) -> None:
    print(f"[run {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- locating things ------------------------------------------------------------------


def harness_script() -> Path:
    root = Path(os.environ.get(HARNESS_ENV) or DEFAULT_HARNESS).expanduser()
    script = root if root.suffix == ".py" else root / "bench.py"
    if not script.is_file():
        sys.exit(
            f"error: shared benchmark harness not found at {script} (set {HARNESS_ENV} to its folder or to bench.py)"
        )
    return script.resolve()


def interpreter(path: str) -> str:
    p = Path(path).expanduser()
    if p.is_dir():  # a venv folder, as the harness also accepts
        p = p / "bin" / "python"
    if not (p.exists() or shutil.which(str(p))):
        sys.exit(f"error: interpreter not found: {path}")
    return str(p)


def check_driver(driver: str, sections: list[str]) -> None:
    """The driver runs bench.py: it needs httpx and sniffio (and playwright for page)."""
    need = ["httpx", "sniffio"] + (["playwright"] if "page" in sections else [])
    code = (
        "import importlib.util, sys\n"
        f"missing = [m for m in {need!r} if importlib.util.find_spec(m) is None]\n"
        "print(' '.join(missing))\n"
    )
    out = subprocess.run([driver, "-c", code], capture_output=True, text=True)
    missing = out.stdout.split()
    if out.returncode != 0 or missing:
        sys.exit(
            f"error: the driver interpreter {driver} lacks: {' '.join(missing) or out.stderr.strip()}\n"
            f"  {driver} -m pip install {' '.join(missing) or 'httpx sniffio'}"
        )
    if "page" in sections and not Path("/usr/bin/chromium").exists():
        log(
            "warning: /usr/bin/chromium is missing; the page section will record an error (apt-get install -y chromium)"
        )


# --- running the harness -----------------------------------------------------------------

_current: subprocess.Popen | None = None


def _forward_term(signum, _frame):
    # stop the harness (it stops the app servers it started), then ourselves
    if _current is not None and _current.poll() is None:
        _current.send_signal(signal.SIGTERM)
        try:
            _current.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _current.kill()
    sys.exit(128 + signum)


def run_harness(driver: str, script: Path, module: str, python: str, sections: list[str], out: Path, logf) -> int:
    """One bench.py invocation; its progress (stderr) goes to our stderr and the log file."""
    global _current
    cmd = [driver, str(script), "--module", module, "--python", python, "--only", ",".join(sections), "--out", str(out)]
    log(f"$ {shlex.join(cmd)}")
    logf.write(f"\n$ {shlex.join(cmd)}\n")
    logf.flush()
    # progress (stderr) is echoed and logged; the harness's own table (stdout) is only logged
    _current = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.PIPE, text=True, cwd=str(script.parent), bufsize=1)
    assert _current.stderr is not None
    for line in _current.stderr:
        sys.stderr.write(line)
        sys.stderr.flush()
        logf.write(line)
        logf.flush()
    rc = _current.wait()
    _current = None
    if rc != 0:
        log(f"harness exited with status {rc} ({module}, {','.join(sections)})")
    return rc


def merge(parts: list[dict]) -> dict:
    """Sections from several harness runs of one package -> one result document."""
    merged: dict = {}
    for part in parts:
        for key, value in part.items():
            if key != "meta":
                merged[key] = value
            elif "meta" not in merged:
                merged["meta"] = dict(value)
            else:
                meta = merged["meta"]
                meta["elapsed_s"] = round((meta.get("elapsed_s") or 0) + (value.get("elapsed_s") or 0), 1)
                meta["loadavg_end"] = value.get("loadavg_end")
    return merged


def run_all(args, script: Path, sections: list[str], packages: list[tuple[str, str, str]], logf) -> dict[str, dict]:
    """packages: (label, module, python).  Returns label -> merged result."""
    tmp = Path(tempfile.mkdtemp(prefix="trellis-bench-"))
    parts: dict[str, list[dict]] = {label: [] for label, _, _ in packages}
    try:
        if args.order == "interleaved":
            batches = [[s] for s in sections]  # gradio section, trellis section, next section ...
        else:
            batches = [sections]  # all of gradio, then all of trellis
        n = 0
        for batch in batches:
            for label, module, python in packages:
                n += 1
                out = tmp / f"{n:02d}-{label}.json"
                rc = run_harness(args.driver_python, script, module, python, batch, out, logf)
                if out.is_file():
                    parts[label].append(json.loads(out.read_text()))
                else:
                    parts[label].append(
                        {
                            s: {
                                "error": f"harness exited with status {rc} before writing "
                                f"its results (see {args.out_dir / 'latest.log'})"
                            }
                            for s in batch
                        }
                    )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {label: merge(p) for label, p in parts.items()}


# --- the combined table ------------------------------------------------------------------------


def lookup(results: dict, section: str, key: str):
    node = results
    for part in section.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node.get(key) if isinstance(node, dict) else None


def fmt(v) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def target_cell(section: str, key: str, ratio: float | None) -> str:
    target = TARGETS.get((section, key))
    if target is None:
        return ""
    kind, bound = target
    want = f"{'<=' if kind == 'max' else '>='} {bound:g}x"
    if ratio is None:
        return f"n/a ({want})"
    ok = ratio <= bound if kind == "max" else ratio >= bound
    return f"{'**yes**' if ok else '**NO**'} ({want})"


def section_of(section: str) -> str:
    return section.split(".")[0]


def markdown(gradio: dict, trellis: dict, command: str) -> str:
    gv = (gradio.get("meta") or {}).get("module_version") or "?"
    tv = (trellis.get("meta") or {}).get("module_version") or "?"
    present = [s for s in ALL_SECTIONS if s in gradio or s in trellis]
    lines = [
        "# Trellis vs Gradio: latest benchmark",
        "",
        f"Command: `{command}`",
        "",
    ]
    for label, res in (("gradio", gradio), ("trellis", trellis)):
        m = res.get("meta") or {}
        lines.append(
            f"- {label} {m.get('module_version') or '?'}: started {m.get('date_utc') or '?'}, "
            f"python {m.get('python') or '?'} ({m.get('python_exe') or '?'}), "
            f"fastapi {m.get('fastapi') or '?'}, uvicorn {m.get('uvicorn') or '?'}, "
            f"load average {fmt_load(m.get('loadavg_start'))} -> {fmt_load(m.get('loadavg_end'))}, "
            f"{m.get('elapsed_s') or '?'} s"
        )
    host = (gradio.get("meta") or trellis.get("meta") or {}).get("host") or {}
    driver = (gradio.get("meta") or trellis.get("meta") or {}).get("driver") or {}
    lines += [
        f"- host: {host.get('cpu', '?')}, {host.get('cores', '?')} cores, {host.get('mem_gb', '?')} GB; "
        f"driver python {driver.get('python', '?')}, httpx {driver.get('httpx', '?')}",
        "",
        f"| figure | unit | gradio {gv} | trellis {tv} | ratio (trellis / gradio) | target met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for section, key, label, unit, lower_better in FIGURES:
        if section_of(section) not in present:
            continue
        g, t = lookup(gradio, section, key), lookup(trellis, section, key)
        ratio = t / g if number(t) and number(g) and g else None
        ratio_s = f"{ratio:.2f}x" if ratio is not None else "n/a"
        better = (
            "" if unit == "" and not number(g) else (" (lower is better)" if lower_better else " (higher is better)")
        )
        lines.append(
            f"| {label}{better} | {unit} | {fmt(g)} | {fmt(t)} | {ratio_s} | {target_cell(section, key, ratio)} |"
        )

    # noise: CPU other processes used meanwhile, and the driver's share during the load test
    lines += [
        "",
        "## Noise",
        "",
        "`foreign_cpu_pct`: CPU used by processes this run did not start, during each section "
        "(100 = one core busy; the machine has "
        f"{host.get('cores', '?')} cores). Wall-clock figures are only comparable when these are similar.",
        "",
        "| section | gradio | trellis |",
        "| --- | --- | --- |",
    ]
    for s in present:
        lines.append(
            f"| {s} | {fmt(lookup(gradio, s, 'foreign_cpu_pct'))} | {fmt(lookup(trellis, s, 'foreign_cpu_pct'))} |"
        )
    if "throughput" in present:
        lines += [
            "",
            "Load test CPU split (% of one core, median of the runs): server / driver. "
            "A driver near 100 % means the events/s figure is the driver's ceiling, not the server's.",
            "",
            "| clients | gradio server | gradio driver | trellis server | trellis driver |",
            "| --- | --- | --- | --- | --- |",
        ]
        for c in LEVELS:
            sec = f"throughput.c{c}"
            lines.append(
                f"| {c} | {fmt(lookup(gradio, sec, 'server_cpu_pct'))} | "
                f"{fmt(lookup(gradio, sec, 'driver_cpu_pct'))} | "
                f"{fmt(lookup(trellis, sec, 'server_cpu_pct'))} | "
                f"{fmt(lookup(trellis, sec, 'driver_cpu_pct'))} |"
            )

    notes = []
    for label, res in (("gradio", gradio), ("trellis", trellis)):
        notes += [f"- {label}: {n}" for n in caveats(res)]
    for s in present:
        g, t = lookup(gradio, s, "foreign_cpu_pct"), lookup(trellis, s, "foreign_cpu_pct")
        if number(g) and number(t) and abs(g - t) >= FOREIGN_GAP:
            notes.append(
                f"- `{s}`: other processes used {g:g} % of a core during gradio and {t:g} % during trellis; "
                "its wall-clock figures are not comparable, run again"
            )
    if notes:
        lines += ["", "## Caveats of this run", "", *notes]

    problems = []
    for label, res in (("gradio", gradio), ("trellis", trellis)):
        problems += [f"- {label}: {p}" for p in collect_problems(res, present)]
    lines += ["", "## Errors", ""] + (problems or ["None."])
    return "\n".join(lines) + "\n"


DRIVER_BOUND_PCT = 60.0  # driver CPU share (% of a core) above which events/s is the driver's limit
FOREIGN_GAP = 50.0  # foreign_cpu_pct points between the two packages that make a section's walls incomparable
CPU_TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")  # /proc CPU times come in clock ticks


def caveats(res: dict) -> list[str]:
    """Figures of one result that are limits of the measurement rather than of the package."""
    out = []
    for c in LEVELS:
        d = lookup(res, f"throughput.c{c}", "driver_cpu_pct")
        if number(d) and d >= DRIVER_BOUND_PCT:
            out.append(
                f"{c} client(s): the load driver used {d:g} % of a core, so events/s and the latencies are "
                "bounded by the driver (the server may do better)"
            )
    per_token, tokens = lookup(res, "streaming", "server_cpu_us_per_token"), lookup(res, "streaming", "tokens_received")
    if number(per_token) and number(tokens) and tokens and per_token * tokens / 1e6 <= 2 * CPU_TICK_S:
        out.append(
            f"streaming: the server used at most {2 * CPU_TICK_S * 1000:g} ms of CPU for the whole stream, "
            f"i.e. 2 clock ticks of /proc accounting; server CPU per token ({per_token:g} us) is at the "
            "resolution of the measurement, not an exact figure"
        )
    return out


def fmt_load(v) -> str:
    return "/".join(f"{x:.1f}" for x in v) if isinstance(v, list) else "?"


def collect_problems(res: dict, present: list[str]) -> list[str]:
    out = []
    for s in present:
        node = res.get(s)
        if node is None:
            out.append(f"`{s}`: not measured")
            continue
        if "error" in node:
            err = str(node["error"]).strip().replace("\n", "\n    ")
            out.append(f"`{s}` failed:\n\n    {err[:3000]}\n")
            continue
        subs = [(f"{s}.{k}", v) for k, v in node.items() if isinstance(v, dict)] or [(s, node)]
        for name, sub in subs:
            runs = sub.get("runs") or []
            errors = sorted(
                {
                    e
                    for r in runs
                    if isinstance(r, dict)
                    for e in ([r["error"]] if isinstance(r.get("error"), str) else (r.get("errors") or []))
                }
            )
            failed = sub.get("failed")
            if failed or errors:
                out.append(f"`{name}`: {failed or 0} failed; " + "; ".join(errors[:5]))
        if s == "streaming" and node.get("all_complete") is False:
            out.append("`streaming`: the reassembled text was incomplete or a run errored (all_complete = false)")
    return out


# --- main ---------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--gradio-python",
        default=DEFAULT_GRADIO_PYTHON,
        help=f"interpreter (or venv) with gradio 6.31.0 (default {DEFAULT_GRADIO_PYTHON})",
    )
    ap.add_argument(
        "--trellis-python",
        default=sys.executable,
        help="interpreter (or venv) with trellis importable (default: this one)",
    )
    ap.add_argument(
        "--driver-python",
        default=None,
        help="interpreter that runs the harness's load driver for both packages; needs httpx "
        "and sniffio (+ playwright for --page) (default: --gradio-python)",
    )
    ap.add_argument(
        "--only",
        default="",
        help=f"comma-separated sections, overriding the defaults and flags: {','.join(ALL_SECTIONS)} "
        f"(default: {','.join(DEFAULT_SECTIONS)})",
    )
    ap.add_argument("--heavy", action="store_true", help="also run (e): 50 clients x 1 s sleep (~2-3 min)")
    ap.add_argument("--sessions", action="store_true", help="also run (g): RSS growth per session")
    ap.add_argument(
        "--page",
        action="store_true",
        help="also run (f) page weight (needs playwright in the driver, /usr/bin/chromium and a frontend)",
    )
    ap.add_argument(
        "--order",
        choices=("interleaved", "sequential"),
        default="interleaved",
        help="interleaved: gradio then trellis for each section in turn, so both see similar "
        "machine load (default); sequential: all of gradio, then all of trellis",
    )
    ap.add_argument(
        "--skip-gradio",
        action="store_true",
        help="reuse the gradio result already in --out-dir (gradio.json) instead of measuring it",
    )
    ap.add_argument(
        "--out-dir",
        type=Path,
        default=HERE / "results",
        help="where gradio.json, trellis.json, latest.md and latest.log go (default benchmarks/results)",
    )
    ap.add_argument("--gradio-module", default="gradio", help=argparse.SUPPRESS)
    ap.add_argument("--trellis-module", default="trellis", help=argparse.SUPPRESS)
    ap.add_argument(
        "--table-only",
        action="store_true",
        help="only rebuild latest.md from gradio.json and trellis.json in --out-dir",
    )
    args = ap.parse_args()
    args.out_dir = args.out_dir.resolve()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    gradio_json, trellis_json = args.out_dir / "gradio.json", args.out_dir / "trellis.json"
    latest_md = args.out_dir / "latest.md"
    command = shlex.join(["python3", *sys.argv])

    if args.table_only:
        if not (gradio_json.is_file() and trellis_json.is_file()):
            sys.exit(f"error: need {gradio_json} and {trellis_json}")
        trellis_res = json.loads(trellis_json.read_text())
        command = (trellis_res.get("meta") or {}).get("run_command") or "(unknown; rebuilt with --table-only)"
        text = markdown(json.loads(gradio_json.read_text()), trellis_res, command)
        latest_md.write_text(text)
        print(text)
        return 0

    if args.only:
        sections = [s.strip() for s in args.only.split(",") if s.strip()]
    else:
        sections = DEFAULT_SECTIONS + [s for s in OPTIONAL_SECTIONS if getattr(args, s)]
    unknown = set(sections) - set(ALL_SECTIONS)
    if unknown:
        ap.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    sections = [s for s in ALL_SECTIONS if s in sections]  # the harness's order

    script = harness_script()
    args.gradio_python = interpreter(args.gradio_python)
    args.trellis_python = interpreter(args.trellis_python)
    args.driver_python = interpreter(args.driver_python or args.gradio_python)
    check_driver(args.driver_python, sections)

    packages = [("trellis", args.trellis_module, args.trellis_python)]
    gradio_prev = None
    if args.skip_gradio:
        if not gradio_json.is_file():
            sys.exit(f"error: --skip-gradio needs an earlier {gradio_json}")
        gradio_prev = json.loads(gradio_json.read_text())
    else:
        packages.insert(0, ("gradio", args.gradio_module, args.gradio_python))

    signal.signal(signal.SIGTERM, _forward_term)
    log(f"harness {script}; sections {','.join(sections)}; order {args.order}")
    log(f"driver {args.driver_python}; gradio {args.gradio_python}; trellis {args.trellis_python}")
    t0 = time.perf_counter()
    with open(args.out_dir / "latest.log", "w") as logf:
        logf.write(f"# {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%dT%H:%M:%SZ} {command}\n")
        results = run_all(args, script, sections, packages, logf)
    gradio = results.get("gradio") or gradio_prev or {}
    trellis = results["trellis"]
    for res in (gradio, trellis):
        res.setdefault("meta", {}).setdefault("run_command", command)
    if "gradio" in results:
        gradio_json.write_text(json.dumps(gradio, indent=1) + "\n")
    trellis_json.write_text(json.dumps(trellis, indent=1) + "\n")
    text = markdown(gradio, trellis, command)
    latest_md.write_text(text)
    log(
        f"done in {time.perf_counter() - t0:.0f} s; wrote {gradio_json if 'gradio' in results else ''} "
        f"{trellis_json} {latest_md}"
    )
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
