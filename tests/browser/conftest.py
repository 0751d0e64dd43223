"""Browser tests: Playwright (Python, sync API) driving the system's Chromium against a real Trellis server.

Chromium comes from the system, never from ``playwright install``: ``$TRELLIS_CHROMIUM`` or
``/usr/bin/chromium``. Without it every test here is skipped.

Fixtures:
- ``browser``: one Chromium for the session.
- ``page``: a fresh context and page per test; a screenshot lands in ``test-output/browser/<test>.png``
  when the test fails (or fails as expected under ``xfail``).
- ``media_page``: the same, in a second Chromium with a fake camera and microphone.
- ``serve``: ``serve(demo) -> base URL``; the app is launched in-process on a free port and closed
  when the test ends.

``$TRELLIS_FRONTEND_DIR`` points the server at another frontend build (a folder with ``.vite/`` and
``assets/``), to try a build without replacing the committed bundle.
"""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("TRELLIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"
#: Milliseconds Playwright waits for any one expectation or action.
TIMEOUT_MS = 10_000
#: Chromium's fake camera/microphone, granted without a prompt.
FAKE_MEDIA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests without Chromium, and run them after every other test.

    Playwright's sync API keeps an event loop running in the main thread for as long as the
    session's browser lives; async tests (anyio, asyncio.run) that came after it would fail.
    """
    here = Path(__file__).parent
    missing = not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK))
    in_browser = [here in Path(str(item.fspath)).parents for item in items]
    if missing:
        for item, browser_test in zip(items, in_browser, strict=True):
            if browser_test:
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (set TRELLIS_CHROMIUM)"))
    items[:] = [i for i, b in zip(items, in_browser, strict=True) if not b] + [
        i for i, b in zip(items, in_browser, strict=True) if b
    ]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _failed(item: pytest.Item) -> bool:
    report = getattr(item, "report_call", None)
    if report is None:
        return False
    return bool(report.failed or (report.skipped and hasattr(report, "wasxfail")))


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    if _failed(request.node):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        except Exception as error:  # a crashed page must not hide the test's own failure
            print(f"screenshot failed: {error}")
    context.close()


@pytest.fixture(scope="session")
def media_browser(browser: Any) -> Iterator[Any]:
    """A second Chromium with fake camera/microphone, launched by the session's Playwright (only one
    sync Playwright may run per thread)."""
    fake = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + FAKE_MEDIA_ARGS)
    yield fake
    fake.close()


@pytest.fixture
def media_page(media_browser: Any) -> Iterator[Any]:
    from playwright.sync_api import expect

    context = media_browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def _frontend_dir() -> Iterator[None]:
    """Serve the build in ``$TRELLIS_FRONTEND_DIR`` instead of ``trellis/_frontend``, when set."""
    folder = os.environ.get("TRELLIS_FRONTEND_DIR")
    if not folder:
        yield
        return
    from trellis import _bundle
    from trellis.server import frontend

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_bundle, "FRONTEND_DIR", Path(folder))
        mp.setattr(frontend, "FRONTEND_DIR", Path(folder))
        mp.setattr(frontend, "ASSETS_DIR", Path(folder) / "assets")
        frontend.clear_caches()
        yield
    frontend.clear_caches()


@pytest.fixture
def serve(_frontend_dir: None) -> Iterator[Callable[..., str]]:
    """``serve(demo, **launch_kwargs) -> base URL`` (ending in ``/``); every app is closed after the test."""
    launched: list[Any] = []

    def start(demo: Any, **kwargs: Any) -> str:
        for attempt in range(3):
            try:
                demo.launch(
                    server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True, **kwargs
                )
                break
            except OSError:  # the port was taken between the probe and the bind
                if attempt == 2:
                    raise
        launched.append(demo)
        return str(demo.local_url)

    yield start
    for demo in launched:
        demo.close()


# -- helpers for the test modules ------------------------------------------------------------------------


def write_png(path: Path, size: tuple[int, int], color: tuple[int, int, int]) -> Path:
    """A solid-colour RGB PNG at ``path``."""
    from PIL import Image

    Image.new("RGB", size, color).save(path)
    return path


def write_wav(path: Path, signal: Any, rate: int) -> Path:
    """A mono 16-bit WAV at ``path`` of ``signal`` (a numpy array of floats in -1..1, full scale at 1)."""
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((signal * 32767).astype("<i2").tobytes())
    return path


def natural_width(locator: Any) -> int:
    """Wait for the image to finish loading and return its naturalWidth (0 when it failed)."""
    locator.evaluate(
        "img => img.complete ? null : new Promise(r => { img.onload = r; img.onerror = r; })", timeout=TIMEOUT_MS
    )
    return int(locator.evaluate("img => img.naturalWidth"))
