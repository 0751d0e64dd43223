#!/usr/bin/env python3
"""Serve the same app files on real Gradio and on Trellis, screenshot both, and build a gallery.

Usage::

    scripts/side_by_side.py [APP_FILES_OR_DIRS...] [--corpus] [--demos] [--only NAMES] [--out DIR]
        [--widths 1280,390] [--schemes light,dark] [--gradio-python PY] [--trellis-python PY] [--jobs 1]

For every app, both servers are started from the unchanged file (Gradio with its own
interpreter, Trellis through ``python -m trellis run``), one headless Chromium visits both at
each viewport width and colour scheme, takes a full-page screenshot once the page has settled,
performs one interaction (type "Hello" into every visible empty text field, click the first
Submit/Run/Send/Generate button, else the first primary button) and takes a second screenshot.
Each pair becomes one PNG, Gradio on the left and Trellis on the right. The gallery folder gets
``index.html`` (every pair in a grid) and ``report.json`` (horizontal overflow, console errors and
failed requests of both pages); each app's folder also holds its own ``report.json``.

It needs Pillow and playwright: run it with the project's ``.venv/bin/python`` (when started
with another interpreter that lacks them, it restarts itself with ``.venv/bin/python``).
See docs/fidelity.md.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO = Path(__file__).resolve().parent.parent

if TYPE_CHECKING:
    from PIL.Image import Image
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response
    from playwright.sync_api import Error as PlaywrightError


def _ensure_dependencies() -> None:
    """Restart in the project's virtualenv when Pillow or playwright cannot be imported here."""
    try:
        import PIL  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        venv = REPO / ".venv"
        python = venv / "bin" / "python"
        if python.exists() and Path(sys.prefix).resolve() != venv.resolve():
            os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
        raise


SIDES = ("gradio", "trellis")
SIDE_TITLES = {"gradio": "Gradio 6.31", "trellis": "Trellis"}
PHASES = ("before", "after")
TYPED_TEXT = "Hello"
ACTION_WORDS = ("submit", "run", "send", "generate")
DEFAULT_GRADIO_PYTHON = "/tmp/gradio-venv/bin/python"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
DEFAULT_OUT = "test-output/side-by-side"
APP_FILE_NAMES = ("app.py", "run.py")

#: The element that holds each frontend's rendered app once it has mounted.
ROOT_SELECTORS = {
    "gradio": "gradio-app .gradio-container .main",
    "trellis": "#trellis-app main.app, body > .gradio-container > main.app",  # the app, or its login page
}

#: Run by Gradio's interpreter: the app file as ``__main__``, then, if it launched nothing,
#: its ``demo`` (what ``trellis run`` does for files that do not call ``launch()``).
GRADIO_BOOT = """\
import os, runpy, sys, time
path = sys.argv[1]
sys.argv = [path]
sys.path.insert(0, os.path.dirname(path))
try:
    ns = runpy.run_path(path, run_name="__main__")
except SystemExit:
    raise
except BaseException:
    import traceback
    traceback.print_exc()
    sys.stdout.flush()
    os._exit(1)  # without waiting for threads the import may have started
apps = [v for v in ns.values() if hasattr(v, "launch") and hasattr(v, "is_running")]
if any(a.is_running for a in apps):
    while True:
        time.sleep(3600)
demo = ns.get("demo")
if demo is None or not hasattr(demo, "launch"):
    sys.exit(f"{path} launched nothing and has no 'demo' to launch")
demo.launch()
"""

#: Text fields to type into (Number, Slider and the like are left alone).
TEXT_FIELDS = "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], input[type=url]"

#: Returns ``[index, label]`` of the button to click (its index among all ``button`` elements), or ``[-1, null]``.
PICK_BUTTON_JS = """(words) => {
  const buttons = [...document.querySelectorAll("button")];
  const usable = (b) => {
    if (b.disabled || b.getClientRects().length === 0) return false;
    const style = getComputedStyle(b);
    return style.visibility !== "hidden" && style.display !== "none";
  };
  const name = (b) => (b.innerText || b.getAttribute("aria-label") || b.title || "").trim().toLowerCase();
  // An icon-only button says what it does in its class (a chat box's "submit-button").
  const named = (b) => words.includes(name(b)) || [...b.classList].some((c) => words.some((w) => c === `${w}-button`));
  let index = buttons.findIndex((b) => usable(b) && named(b));
  if (index < 0) index = buttons.findIndex((b) => usable(b) && b.classList.contains("primary"));
  if (index < 0) return [-1, null];
  const b = buttons[index];
  const label = name(b) ? (b.innerText.trim() || name(b)) : `button.${[...b.classList].join(".")}`;
  return [index, label.slice(0, 40)];
}"""

#: Requests that stay open as long as the page does: not counted when waiting for a quiet network.
LONG_LIVED_REQUESTS = ("/heartbeat/",)

#: A fingerprint of the page that changes while it is still rendering.
SETTLE_JS = """() => [
  document.documentElement.scrollHeight,
  document.documentElement.scrollWidth,
  document.body ? document.body.innerHTML.length : 0,
  [...document.images].every((i) => i.complete),
  document.fonts ? document.fonts.status : "loaded",
].join("|")"""

OVERFLOW_JS = """() => {
  const el = document.scrollingElement || document.documentElement;
  return {scroll_width: el.scrollWidth, inner_width: window.innerWidth, overflow: el.scrollWidth > window.innerWidth};
}"""


# -- apps ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class App:
    """One app file to serve on both sides."""

    name: str
    path: Path
    #: Where the file comes from, for the gallery (the path itself unless given).
    source: str = ""

    @property
    def folder(self) -> Path:
        return self.path.parent


def shared_dir() -> Path:
    """The project's shared folder: ``$TRELLIS_SHARED``, else ``../shared`` next to the repository."""
    env = os.environ.get("TRELLIS_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def app_name_for(path: Path) -> str:
    """A readable name: the folder's name for ``app.py``/``run.py``, else the file's stem."""
    return path.parent.name if path.name in APP_FILE_NAMES else path.stem


def apps_in(target: Path) -> list[Path]:
    """The app files a command-line argument stands for (a file, an app folder, or a folder of apps)."""
    if target.is_file():
        return [target]
    if not target.is_dir():
        raise SystemExit(f"side_by_side: no such file or folder: {target}")
    for name in APP_FILE_NAMES:
        if (target / name).is_file():
            return [target / name]
    found: list[Path] = []
    for sub in sorted(p for p in target.iterdir() if p.is_dir()):
        found.extend([sub / n for n in APP_FILE_NAMES if (sub / n).is_file()][:1])
    if not found:
        found = sorted(p for p in target.glob("*.py") if not p.name.startswith("_"))
    return found


def unique_apps(paths: Sequence[Path], sources: Mapping[Path, str] | None = None) -> list[App]:
    """Name each file, adding ``-2``, ``-3``… to repeated names; the same file is kept once.

    ``sources`` gives a description of some files' origin (else the path is shown).
    """
    apps: list[App] = []
    seen_paths: set[Path] = set()
    names: set[str] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved in seen_paths:
            continue
        seen_paths.add(resolved)
        base = re.sub(r"[^A-Za-z0-9_.-]+", "-", app_name_for(resolved)) or "app"
        name, n = base, 1
        while name in names:
            n += 1
            name = f"{base}-{n}"
        names.add(name)
        source = (sources or {}).get(path) or _display_path(resolved)
        apps.append(App(name, resolved, source))
    return apps


def _display_path(path: Path) -> str:
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def corpus_names(corpus: Path) -> list[str]:
    """The demo names listed in the corpus's ``demos.txt``."""
    lines = (corpus / "demos.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def extract_corpus(corpus: Path, names: Sequence[str], dest: Path) -> list[Path]:
    """Extract ``demo/<name>/`` for each name, plus the sample files, from the corpus's bare git repository.

    The sample folders (``test/``, ``gradio/``) come along so that relative paths in the demos resolve.

    Returns:
        The ``run.py`` of every extracted demo, in the order of ``names``.
    """
    repo = corpus / "gradio-demos.git"
    top = subprocess.run(
        ["git", f"--git-dir={repo}", "ls-tree", "--name-only", "main"], capture_output=True, text=True, check=True
    ).stdout.split()
    paths = [f"demo/{n}" for n in names] + [p for p in ("test", "gradio") if p in top]
    archive = subprocess.run(["git", f"--git-dir={repo}", "archive", "main", *paths], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return [dest / "demo" / n / "run.py" for n in names if (dest / "demo" / n / "run.py").is_file()]


# -- servers ---------------------------------------------------------------------------------


class ServerError(Exception):
    """A server that exited or never answered."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """One app file served by one side, in a process group of its own."""

    def __init__(self, side: str, app: App, python: str, workdir: Path) -> None:
        self.side = side
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = workdir / f"{app.name}-{side}.log"
        self.tmp = workdir / f"{app.name}-{side}-tmp"
        if side == "gradio":
            self.argv = [python, "-c", GRADIO_BOOT, str(app.path)]
        else:
            self.argv = [python, "-m", "trellis", "run", str(app.path), "--port", str(self.port), "--host", "127.0.0.1"]
        self.proc: subprocess.Popen[bytes] | None = None
        self.started = 0.0
        self.ready_seconds: float | None = None
        self.error: str | None = None

    def start(self) -> None:
        env = dict(os.environ)
        env.update(
            GRADIO_SERVER_PORT=str(self.port),
            GRADIO_SERVER_NAME="127.0.0.1",
            GRADIO_ANALYTICS_ENABLED="False",
            GRADIO_TEMP_DIR=str(self.tmp),
            MPLBACKEND="Agg",
            PYTHONUNBUFFERED="1",
        )
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                self.argv,
                cwd=self.app.folder,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def poll_ready(self) -> bool:
        """True once ``/`` answers with a page; raises :class:`ServerError` if the process exited."""
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise ServerError(f"exited with code {self.proc.returncode} before serving")
        try:
            with urllib.request.urlopen(self.url, timeout=2) as response:
                ok = response.status == 200 and "html" in response.headers.get("content-type", "")
        except (urllib.error.URLError, OSError, ValueError):
            return False
        if ok:
            self.ready_seconds = time.monotonic() - self.started
        return ok

    def log_tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server's whole process group: SIGTERM, then SIGKILL for whatever is left."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(8.0)
            except subprocess.TimeoutExpired:
                pass
        # The group's other processes (and a leader that ignored SIGTERM) go too.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5.0)


@dataclass
class Pair:
    """Both servers of one app."""

    app: App
    servers: dict[str, Server]


def start_pair(app: App, pythons: dict[str, str], workdir: Path, timeout: float, cancelled: threading.Event) -> Pair:
    """Start both sides of an app together and wait (polling) until each answers, fails or times out."""
    servers = {side: Server(side, app, pythons[side], workdir) for side in SIDES}
    for server in servers.values():
        server.start()
    pending = set(SIDES)
    deadline = time.monotonic() + timeout
    while pending and not cancelled.is_set():
        for side in sorted(pending):
            server = servers[side]
            try:
                if server.poll_ready():
                    pending.discard(side)
            except ServerError as exc:
                server.error = str(exc)
                pending.discard(side)
        if pending and time.monotonic() > deadline:
            for side in pending:
                servers[side].error = f"did not answer within {timeout:.0f} s"
                servers[side].stop()
            break
        if pending:
            time.sleep(0.2)
    return Pair(app, servers)


# -- the browser -----------------------------------------------------------------------------


@dataclass
class Capture:
    """What one side's page showed at one viewport and scheme."""

    shots: dict[str, bytes] = field(default_factory=dict)
    overflow: dict[str, Any] = field(default_factory=dict)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    aborted_requests: list[str] = field(default_factory=list)
    root_visible: bool = False
    interaction: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, Any] = field(default_factory=dict)
    error: str | None = None

    def report(self) -> dict[str, Any]:
        return {
            "overflow": self.overflow,
            "console_errors": self.console_errors,
            "failed_requests": self.failed_requests,
            "aborted_requests": self.aborted_requests,
            "root_visible": self.root_visible,
            "interaction": self.interaction,
            "timings": self.timings,
            "error": self.error,
        }


class NetworkWatch:
    """Counts a page's requests in flight, to wait for a quiet network after an interaction.

    Playwright's own ``networkidle`` only covers the first load; this also covers requests an
    interaction starts (uploads, the queue's event stream).
    """

    def __init__(self, page: Page, capture: Capture) -> None:
        self.page = page
        self.capture = capture
        self.inflight: set[Request] = set()
        self.last_change = time.monotonic()
        self.stopped = False
        page.on("request", self._started)
        page.on("requestfinished", self._finished)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", self._page_error)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.capture.console_errors.append(message.text[:500])

    def _page_error(self, error: PlaywrightError) -> None:
        self.capture.console_errors.append(f"uncaught: {error}"[:500])

    def _started(self, request: Request) -> None:
        if any(part in request.url for part in LONG_LIVED_REQUESTS):
            return
        self.inflight.add(request)
        self.last_change = time.monotonic()

    def _finished(self, request: Request) -> None:
        self.inflight.discard(request)
        self.last_change = time.monotonic()

    def stop(self) -> None:
        """Stop recording failures (before the page closes)."""
        self.stopped = True

    def _failed(self, request: Request) -> None:
        self._finished(request)
        if self.stopped:
            return
        entry = f"{request.method} {request.url} ({request.failure})"[:500]
        # ERR_ABORTED: the page cancelled the request itself (an event stream closed once its
        # events completed, a superseded fetch): recorded apart from real failures.
        if "ERR_ABORTED" in (request.failure or ""):
            self.capture.aborted_requests.append(entry)
        else:
            self.capture.failed_requests.append(entry)

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not self.stopped:
            request = response.request
            self.capture.failed_requests.append(f"{request.method} {request.url} -> HTTP {response.status}"[:500])

    def wait_idle(self, quiet: float = 0.5, timeout: float = 15.0) -> bool:
        """Wait until no request has been in flight for ``quiet`` seconds (at most ``timeout``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.inflight and time.monotonic() - self.last_change >= quiet:
                return True
            self.page.wait_for_timeout(100)  # lets Playwright deliver the page's events
        return False


def wait_settled(page: Page, timeout: float = 8.0) -> None:
    """Poll until the page's size, markup, images and fonts stop changing (three equal readings)."""
    deadline = time.monotonic() + timeout
    last, same = None, 0
    while time.monotonic() < deadline and same < 3:
        page.wait_for_timeout(150)
        current = page.evaluate(SETTLE_JS)
        same = same + 1 if current == last and "false" not in current.split("|")[3:4] else 0
        last = current


def interact(page: Page) -> dict[str, Any]:
    """Type into every visible empty text field, then click the action button; say what was done."""
    from playwright.sync_api import Error as PlaywrightError

    filled = 0
    fields = page.locator(TEXT_FIELDS)
    for i in range(fields.count()):
        field_ = fields.nth(i)
        try:
            if not field_.is_visible() or not field_.is_editable():
                continue
            if field_.get_attribute("role") in ("combobox", "listbox") or field_.get_attribute("aria-expanded"):
                continue  # a dropdown's filter: typing would open its list
            if field_.input_value():
                continue
            field_.fill(TYPED_TEXT, timeout=3000)
            filled += 1
        except PlaywrightError:
            continue
    index, clicked = page.evaluate(PICK_BUTTON_JS, list(ACTION_WORDS))
    if index >= 0:
        try:
            page.locator("button").nth(index).click(timeout=5000)
        except PlaywrightError as exc:
            clicked = f"{clicked} (click failed: {str(exc).splitlines()[0][:100]})"
    return {"filled": filled, "clicked": clicked}


@dataclass(frozen=True)
class Budget:
    """Time limits, in seconds."""

    start: float = 120.0
    load: float = 30.0
    action: float = 20.0


def capture_side(browser: Browser, url: str, side: str, width: int, scheme: str, budget: Budget) -> Capture:
    """Load one side's page, screenshot it, interact, screenshot again."""
    from playwright.sync_api import Error as PlaywrightError

    capture = Capture()
    context = browser.new_context(
        viewport={"width": width, "height": viewport_height(width)},
        color_scheme="dark" if scheme == "dark" else "light",
        device_scale_factor=1,
    )
    network: NetworkWatch | None = None
    try:
        page = context.new_page()
        network = NetworkWatch(page, capture)
        t0 = time.monotonic()
        page.goto(f"{url}?__theme={scheme}", wait_until="load", timeout=budget.load * 1000)
        idle = network.wait_idle(timeout=budget.load)
        try:
            page.wait_for_selector(ROOT_SELECTORS[side], state="visible", timeout=budget.load * 1000)
            capture.root_visible = True
        except PlaywrightError:
            pass
        idle = network.wait_idle(timeout=budget.load) and idle
        wait_settled(page)
        capture.timings["load"] = {"seconds": round(time.monotonic() - t0, 2), "network_idle": idle}
        for phase in PHASES:
            if phase == "after":
                t0 = time.monotonic()
                capture.interaction = interact(page)
                idle = network.wait_idle(timeout=budget.action)
                wait_settled(page)
                capture.timings["action"] = {"seconds": round(time.monotonic() - t0, 2), "network_idle": idle}
            capture.overflow[phase] = page.evaluate(OVERFLOW_JS)
            capture.shots[phase] = page.screenshot(full_page=True, animations="disabled", timeout=30000)
    except PlaywrightError as exc:
        capture.error = str(exc).splitlines()[0][:300]
    finally:
        if network is not None:
            network.stop()  # requests that closing the page aborts are not failures
        context.close()
    return capture


def viewport_height(width: int) -> int:
    """A phone's height for phone widths, else a laptop's."""
    return 844 if width <= 480 else 900


# -- composing -------------------------------------------------------------------------------

BACKGROUND = (112, 112, 112)
BAND = (32, 32, 36)
BAND_TEXT = (240, 240, 240)
GUTTER = 16
CAPTION_HEIGHT = 34
LABEL_HEIGHT = 26


def _font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def placeholder(width: int, message: str) -> Image:
    """A panel standing in for a missing screenshot, with the reason written on it."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    lines = textwrap.wrap(message, width=max(20, width // 9))[:30] or ["(no screenshot)"]
    panel = PILImage.new("RGB", (width, 60 + 20 * len(lines)), (250, 232, 232))
    draw = ImageDraw.Draw(panel)
    for i, line in enumerate(lines):
        draw.text((16, 20 + 20 * i), line, fill=(140, 20, 20), font=_font(15))
    return panel


def compose_pair(
    left: Image | None,
    right: Image | None,
    caption: str,
    labels: tuple[str, str] = (SIDE_TITLES["gradio"], SIDE_TITLES["trellis"]),
    missing: tuple[str, str] = ("no screenshot", "no screenshot"),
    max_height: int = 8000,
    width: int = 1280,
) -> Image:
    """Put two screenshots side by side under a caption band, each under its own label.

    A missing screenshot becomes a placeholder with the matching ``missing`` text. Taller
    screenshots are cut at ``max_height`` pixels (the label then says so).
    """
    from PIL import Image as PILImage
    from PIL import ImageDraw

    panels: list[Image] = []
    notes: list[str] = []
    for image, reason in ((left, missing[0]), (right, missing[1])):
        if image is None:
            image = placeholder(width, reason)
        note = ""
        if image.height > max_height:
            note = f"  (cut at {max_height} of {image.height} px)"
            image = image.crop((0, 0, image.width, max_height))
        panels.append(image.convert("RGB"))
        notes.append(note)
    top = CAPTION_HEIGHT + LABEL_HEIGHT
    total_width = panels[0].width + panels[1].width + 3 * GUTTER
    total_height = top + max(p.height for p in panels) + GUTTER
    canvas = PILImage.new("RGB", (total_width, total_height), BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, total_width, CAPTION_HEIGHT), fill=BAND)
    caption = caption.encode("ascii", "replace").decode()  # the built-in font has few glyphs
    draw.text((GUTTER, 8), caption, fill=BAND_TEXT, font=_font(18))
    x = GUTTER
    for panel, label, note in zip(panels, labels, notes, strict=True):
        draw.text((x, CAPTION_HEIGHT + 5), label + note, fill=(255, 255, 255), font=_font(15))
        canvas.paste(panel, (x, top))
        x += panel.width + GUTTER
    return canvas


def _open_png(data: bytes | None) -> Image | None:
    from PIL import Image as PILImage

    if not data:
        return None
    image = PILImage.open(io.BytesIO(data))
    image.load()
    return image


# -- one app ---------------------------------------------------------------------------------


def shoot_app(
    browser: Browser, pair: Pair, widths: Sequence[int], schemes: Sequence[str], out: Path, budget: Budget
) -> dict[str, Any]:
    """Capture both sides at every width and scheme, write the pair PNGs and the app's report."""
    app = pair.app
    folder = out / app.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    report = failed_report(pair, None)
    if all(server.error for server in pair.servers.values()):
        widths = []  # nothing to photograph
    for width in widths:
        for scheme in schemes:
            captures: dict[str, Capture] = {}
            for side in SIDES:
                server = pair.servers[side]
                if server.error is None:
                    captures[side] = capture_side(browser, server.url, side, width, scheme, budget)
                else:
                    captures[side] = Capture(error=f"server {server.error}")
            view: dict[str, Any] = {
                "width": width,
                "height": viewport_height(width),
                "scheme": scheme,
                "images": {},
                **{side: captures[side].report() for side in SIDES},
            }
            for phase in PHASES:
                caption = f"{app.name}  |  {width}x{viewport_height(width)}  |  {scheme}  |  {phase}"
                if phase == "after":
                    done = [describe_interaction(captures[side].interaction) for side in SIDES]
                    caption += "  |  " + (done[0] if done[0] == done[1] else f"Gradio: {done[0]}; Trellis: {done[1]}")
                missing = tuple(f"{SIDE_TITLES[side]}: {captures[side].error or 'no screenshot'}" for side in SIDES)
                image = compose_pair(
                    _open_png(captures["gradio"].shots.get(phase)),
                    _open_png(captures["trellis"].shots.get(phase)),
                    caption,
                    missing=(missing[0], missing[1]),
                    width=width,
                )
                name = f"{width}-{scheme}-{phase}.png"
                image.save(folder / name, optimize=False, compress_level=6)
                view["images"][phase] = f"{app.name}/{name}"
            report["views"].append(view)
    (folder / "report.json").write_text(json.dumps(report, indent=2))
    return report


def failed_report(pair: Pair, error: str | None) -> dict[str, Any]:
    """An app's report without views: the start of every report, and all of one that failed."""
    return {
        "app": pair.app.name,
        "path": str(pair.app.path),
        "source": pair.app.source,
        "error": error,
        "servers": {
            side: {
                "ok": server.error is None,
                "url": server.url,
                "ready_seconds": None if server.ready_seconds is None else round(server.ready_seconds, 2),
                "error": server.error,
                "log_tail": server.log_tail() if server.error else None,
            }
            for side, server in pair.servers.items()
        },
        "views": [],
    }


def describe_interaction(interaction: dict[str, Any]) -> str:
    """A short account of :func:`interact`'s result, for captions."""
    if not interaction:
        return "no interaction"
    clicked = interaction.get("clicked")
    typed = f"typed into {interaction.get('filled', 0)} field(s)"
    return f"{typed}, clicked {clicked!r}" if clicked else f"{typed}, no button to click"


# -- the gallery -----------------------------------------------------------------------------

INDEX_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 24px 48px; background: #f4f4f5; color: #18181b; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin: 32px 0 8px; }
table { border-collapse: collapse; background: #fff; }
td, th { border: 1px solid #d4d4d8; padding: 3px 8px; text-align: left; vertical-align: top; }
.bad { color: #b91c1c; } .ok { color: #15803d; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 16px; }
figure { margin: 0; background: #fff; border: 1px solid #d4d4d8; padding: 8px; }
figure img { width: 100%; display: block; }
figcaption { margin-bottom: 6px; font-weight: 600; }
pre { background: #fff; border: 1px solid #d4d4d8; padding: 8px; overflow: auto; max-height: 240px; }
"""


def summarise(report: dict[str, Any]) -> dict[str, Any]:
    """Per side: start time, the widths that overflow, and counts of console errors and failed requests."""
    row: dict[str, Any] = {"app": report["app"]}
    for side in SIDES:
        server = report["servers"][side]
        views = report["views"]
        overflow = sorted(
            {f"{v['width']}" for v in views if any(o.get("overflow") for o in v[side]["overflow"].values())},
            key=int,
        )
        row[side] = {
            "ok": server["ok"] and not report["error"] and all(v[side]["error"] is None for v in views),
            "ready_seconds": server["ready_seconds"],
            "overflow_widths": overflow,
            "console_errors": sum(len(v[side]["console_errors"]) for v in views),
            "failed_requests": sum(len(v[side]["failed_requests"]) for v in views),
            "error": server["error"]
            or next((v[side]["error"] for v in views if v[side]["error"]), None)
            or report["error"],
        }
    return row


def write_index(out: Path, reports: Sequence[dict[str, Any]], elapsed: float) -> None:
    """Write ``index.html``: a summary table, then every pair of every app in a grid."""
    e = html.escape
    parts = [
        "<!doctype html><meta charset='utf-8'><title>Gradio vs Trellis, side by side</title>",
        f"<style>{INDEX_CSS}</style>",
        "<h1>Gradio 6.31 (left) vs Trellis (right)</h1>",
        f"<p>{len(reports)} app(s), generated {e(time.strftime('%Y-%m-%d %H:%M'))} in {elapsed:.0f} s. "
        "Each image: the page after it settled ('before'), then after typing 'Hello' into empty text "
        "fields and clicking the action button ('after'). Details in <a href='report.json'>report.json</a>.</p>",
        "<table><tr><th>app</th><th>side</th><th>start (s)</th><th>overflow at</th>"
        "<th>console errors</th><th>failed requests</th><th>error</th></tr>",
    ]
    for report in reports:
        row = summarise(report)
        for i, side in enumerate(SIDES):
            s = row[side]
            cls = "ok" if s["ok"] else "bad"
            app_cell = f"<td rowspan='2'><a href='#{e(report['app'])}'>{e(report['app'])}</a></td>" if i == 0 else ""
            parts.append(
                f"<tr>{app_cell}<td class='{cls}'>{side}</td><td>{s['ready_seconds'] or '-'}</td>"
                f"<td>{e(', '.join(s['overflow_widths'])) or '-'}</td><td>{s['console_errors']}</td>"
                f"<td>{s['failed_requests']}</td><td class='bad'>{e(s['error'] or '')}</td></tr>"
            )
    parts.append("</table>")
    for report in reports:
        parts.append(f"<h2 id='{e(report['app'])}'>{e(report['app'])} <small>{e(report['source'])}</small></h2>")
        for side in SIDES:
            server = report["servers"][side]
            if not server["ok"]:
                parts.append(
                    f"<p class='bad'>{side}: {e(server['error'] or '')}</p>"
                    + (f"<pre>{e(server['log_tail'])}</pre>" if server["log_tail"] else "")
                )
        parts.append("<div class='grid'>")
        for view in report["views"]:
            for phase, image in view["images"].items():
                caption = f"{view['width']}x{view['height']} · {view['scheme']} · {phase}"
                parts.append(
                    f"<figure><figcaption>{e(report['app'])} · {e(caption)}</figcaption>"
                    f"<a href='{e(image)}'><img loading='lazy' src='{e(image)}' alt='{e(caption)}'></a></figure>"
                )
        parts.append("</div>")
    (out / "index.html").write_text("\n".join(parts))


def print_summary(reports: Sequence[dict[str, Any]]) -> None:
    """Print one line per app: start times, overflowing widths, console errors, failed requests."""
    header = f"{'app':<28} {'start G/T (s)':>14}  {'overflow G | T':<18} {'console G/T':>11} {'failed G/T':>10}  status"
    print(header)
    print("-" * len(header))
    for report in reports:
        row = summarise(report)
        g, t = row["gradio"], row["trellis"]
        starts = "/".join("-" if s["ready_seconds"] is None else f"{s['ready_seconds']:.1f}" for s in (g, t))
        overflow = f"{','.join(g['overflow_widths']) or '-'} | {','.join(t['overflow_widths']) or '-'}"
        status = (
            "ok"
            if g["ok"] and t["ok"]
            else "; ".join(f"{side}: {row[side]['error']}" for side in SIDES if not row[side]["ok"])
        )
        print(
            f"{row['app'][:28]:<28} {starts:>14}  {overflow:<18} "
            f"{g['console_errors']:>5}/{t['console_errors']:<5} {g['failed_requests']:>4}/{t['failed_requests']:<5}  {status[:80]}"
        )


# -- the run ---------------------------------------------------------------------------------


def _csv_ints(text: str) -> list[int]:
    try:
        values = [int(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of widths: {text!r}") from None
    if not values or any(v < 200 or v > 4000 for v in values):
        raise argparse.ArgumentTypeError(f"widths must be between 200 and 4000 px: {text!r}")
    return values


def _csv_schemes(text: str) -> list[str]:
    values = [v.strip() for v in text.split(",") if v.strip()]
    if not values or any(v not in ("light", "dark") for v in values):
        raise argparse.ArgumentTypeError(f"schemes are light and/or dark: {text!r}")
    return values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/side_by_side.py",
        description="Serve app files on Gradio and on Trellis and build a gallery of side-by-side screenshots.",
    )
    parser.add_argument(
        "targets", nargs="*", metavar="APP_FILE_OR_DIR", help="app files, app folders or folders of apps"
    )
    parser.add_argument("--corpus", action="store_true", help="add every demo of the shared demo corpus")
    parser.add_argument("--demos", action="store_true", help="add the repository's demo apps (demo/)")
    parser.add_argument(
        "--only",
        type=lambda s: {v.strip() for v in s.split(",") if v.strip()},
        default=None,
        metavar="NAMES",
        help="keep only the apps with these names (comma-separated)",
    )
    parser.add_argument("--out", type=Path, default=REPO / DEFAULT_OUT, help=f"gallery folder (default {DEFAULT_OUT})")
    parser.add_argument("--widths", type=_csv_ints, default=[1280, 390], help="viewport widths (default 1280,390)")
    parser.add_argument(
        "--schemes", type=_csv_schemes, default=["light", "dark"], help="colour schemes (default light,dark)"
    )
    parser.add_argument(
        "--gradio-python",
        default=DEFAULT_GRADIO_PYTHON,
        help=f"interpreter with Gradio (default {DEFAULT_GRADIO_PYTHON})",
    )
    default_trellis = REPO / ".venv" / "bin" / "python"
    parser.add_argument(
        "--trellis-python",
        default=str(default_trellis) if default_trellis.exists() else sys.executable,
        help="interpreter with Trellis (default .venv/bin/python)",
    )
    parser.add_argument("--chromium", default=DEFAULT_CHROMIUM, help=f"browser executable (default {DEFAULT_CHROMIUM})")
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="app pairs served at once: with 2, the next pair starts while the current one is photographed (default 1)",
    )
    parser.add_argument(
        "--start-timeout", type=float, default=Budget.start, help="seconds an app may take to answer (default 120)"
    )
    parser.add_argument(
        "--keep-logs", action="store_true", help="keep the servers' logs and temp folders (under OUT/_logs)"
    )
    return parser


def collect_apps(args: argparse.Namespace, scratch: Path) -> list[App]:
    """Every app named on the command line, by ``--demos`` and by ``--corpus``, filtered by ``--only``."""
    paths: list[Path] = []
    sources: dict[Path, str] = {}
    for target in args.targets:
        paths.extend(apps_in(Path(target)))
    if args.demos:
        paths.extend(apps_in(REPO / "demo"))
    if args.corpus:
        corpus = shared_dir() / "demo_corpus"
        if not (corpus / "gradio-demos.git").is_dir():
            raise SystemExit(f"side_by_side: no demo corpus at {corpus} (set TRELLIS_SHARED)")
        names = [n for n in corpus_names(corpus) if args.only is None or n in args.only]
        extracted = extract_corpus(corpus, names, scratch / "corpus")
        paths.extend(extracted)
        sources.update({p: f"demo corpus: demo/{p.parent.name}/run.py" for p in extracted})
    apps = unique_apps(paths, sources)
    if args.only is not None:
        apps = [a for a in apps if a.name in args.only]
    return apps


@contextlib.contextmanager
def launched_browser(executable: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="side-by-side-"))
    logs = out / "_logs" if args.keep_logs else scratch / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    budget = Budget(start=args.start_timeout)
    pythons = {"gradio": args.gradio_python, "trellis": args.trellis_python}
    for side, python in pythons.items():
        if not Path(python).exists():
            raise SystemExit(f"side_by_side: no {side} interpreter at {python}")
    reports: list[dict[str, Any]] = []
    cancelled = threading.Event()
    live: list[Pair] = []
    lock = threading.Lock()

    def start(app: App) -> Pair | None:
        if cancelled.is_set():
            return None
        pair = start_pair(app, pythons, logs, budget.start, cancelled)
        with lock:
            live.append(pair)
        return pair

    def finish(pair: Pair) -> None:
        for server in pair.servers.values():
            server.stop()
        with lock:
            live.remove(pair)

    try:
        apps = collect_apps(args, scratch)
        if not apps:
            print("side_by_side: no apps (give app files or folders, --corpus or --demos)", file=sys.stderr)
            return 2
        print(f"{len(apps)} app(s) -> {out}", file=sys.stderr)
        with launched_browser(args.chromium) as browser, ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            # A sliding window: app i + jobs starts once app i is done, so at most ``jobs`` pairs are
            # up at once and the apps are photographed in order (no start can be starved by a later one).
            jobs = max(1, args.jobs)
            futures: list[Future[Pair | None]] = [pool.submit(start, app) for app in apps[:jobs]]
            try:
                for i, future in enumerate(futures, 1):
                    pair = future.result()
                    if pair is None:
                        break
                    t0 = time.monotonic()
                    try:
                        report = shoot_app(browser, pair, args.widths, args.schemes, out, budget)
                    except Exception as exc:  # one app's failure must not end the run
                        report = failed_report(pair, f"{type(exc).__name__}: {exc}")
                    finally:
                        finish(pair)
                        if i - 1 + jobs < len(apps):
                            futures.append(pool.submit(start, apps[i - 1 + jobs]))
                    reports.append(report)
                    row = summarise(report)
                    state = "ok" if row["gradio"]["ok"] and row["trellis"]["ok"] else "FAILED"
                    print(
                        f"[{i}/{len(apps)}] {pair.app.name}: {state} ({time.monotonic() - t0:.0f} s)", file=sys.stderr
                    )
            finally:
                cancelled.set()
                for future in futures:
                    future.cancel()
    finally:
        cancelled.set()
        with lock:
            leftovers = list(live)
        for pair in leftovers:
            for server in pair.servers.values():
                server.stop()
        if reports:
            (out / "report.json").write_text(json.dumps(reports, indent=2))
            write_index(out, reports, time.monotonic() - started)
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    print()
    print_summary(reports)
    print(f"\n{len(reports)} app(s) in {elapsed:.0f} s; gallery: {out / 'index.html'}")
    return 0


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the clean-up that stops the servers


def main(argv: Sequence[str] | None = None) -> int:
    _ensure_dependencies()
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    args = build_parser().parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
