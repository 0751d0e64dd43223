"""The official clients' own checks (../shared/protocol) pass against reference_app.py served by Trellis.

``check_python_client.py`` drives gradio_client 2.7.2; ``check_js_client.mjs`` drives
@gradio/client 2.7.0 under Node (installed from npm into a cache folder on first use).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import free_port, serve_process

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TRELLIS_SHARED", ROOT.parent / "shared"))
PROTOCOL = SHARED / "protocol"
JS_CLIENT_VERSION = "2.7.0"

SERVE = """
import os, runpy, sys
import trellis._aliases
import trellis
trellis._aliases.alias_gradio()
ns = runpy.run_path(sys.argv[1], run_name="reference_app")
ns["demo"].launch(server_name="127.0.0.1", server_port=int(sys.argv[2]), quiet=True)
"""

pytestmark = pytest.mark.skipif(not PROTOCOL.exists(), reason=f"{PROTOCOL} not found")


@pytest.fixture(scope="module")
def reference_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("reference")
    port = free_port()
    env = {**os.environ, "GRADIO_TEMP_DIR": str(workdir / "cache")}
    url = f"http://127.0.0.1:{port}/"
    argv = [sys.executable, "-c", SERVE, str(PROTOCOL / "reference_app.py"), str(port)]
    with serve_process(argv, url, workdir / "server.log", env=env, cwd=workdir):
        yield url


def test_python_client_checks_pass(reference_url: str) -> None:
    result = subprocess.run(
        [sys.executable, str(PROTOCOL / "check_python_client.py"), reference_url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "python client: all checks passed" in result.stdout


def _js_client_dir() -> Path:
    cache = Path(os.environ.get("TRELLIS_CACHE", ROOT / ".cache")) / f"gradio-js-client-{JS_CLIENT_VERSION}"
    if not (cache / "node_modules" / "@gradio" / "client").exists():
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "package.json").write_text('{"name": "js-client-check", "private": true, "type": "module"}')
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", f"@gradio/client@{JS_CLIENT_VERSION}"],
            cwd=cache,
            check=True,
            capture_output=True,
            timeout=300,
        )
    shutil.copy(PROTOCOL / "check_js_client.mjs", cache / "check_js_client.mjs")
    return cache


@pytest.mark.skipif(shutil.which("node") is None or shutil.which("npm") is None, reason="Node.js is not installed")
def test_js_client_checks_pass(reference_url: str) -> None:
    directory = _js_client_dir()
    result = subprocess.run(
        ["node", "check_js_client.mjs", reference_url],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "js client: all checks passed" in result.stdout
