"""The ``trellis`` command line, run as real subprocesses (``python -m trellis``)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

APPS = Path(__file__).parent / "cli_apps"
STARTUP_TIMEOUT = 30.0
pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses POSIX signals")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def trellis_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "trellis", *args]


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRADIO_")}
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class Running:
    """A started ``trellis`` process whose output goes to files (so pipes never fill up)."""

    def __init__(self, proc: subprocess.Popen[bytes], log_dir: Path) -> None:
        self.proc = proc
        self.log_dir = log_dir

    def output(self) -> str:
        return (self.log_dir / "stdout.txt").read_text(errors="replace") + (self.log_dir / "stderr.txt").read_text(
            errors="replace"
        )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def run_trellis(args: list[str], tmp_path: Path, env: dict[str, str], cwd: Path | None = None) -> Iterator[Running]:
    log_dir = tmp_path / f"logs-{time.monotonic_ns()}"
    log_dir.mkdir()
    with open(log_dir / "stdout.txt", "wb") as out, open(log_dir / "stderr.txt", "wb") as err:
        proc = subprocess.Popen(
            trellis_command(*args),
            stdout=out,
            stderr=err,
            env=env,
            cwd=cwd or tmp_path,
            # A test run started in the background of a shell without job control has SIGINT ignored, and
            # children inherit that: give the CLI the default disposition a terminal's Ctrl+C would meet.
            preexec_fn=_default_sigint,
        )
    running = Running(proc, log_dir)
    try:
        yield running
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes], timeout: float = 15.0) -> int:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    return proc.returncode


def wait_for_config(running: Running, port: int, timeout: float = STARTUP_TIMEOUT) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if running.proc.poll() is not None:
            pytest.fail(f"trellis exited with {running.proc.returncode} before serving:\n{running.output()}")
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/config", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.1)
    pytest.fail(f"no /config on port {port} within {timeout} s ({last!r}):\n{running.output()}")


def call(port: int, api_name: str, *data: Any) -> Any:
    response = httpx.post(f"http://127.0.0.1:{port}/gradio_api/run/{api_name}", json={"data": list(data)}, timeout=10)
    response.raise_for_status()
    return response.json()["data"]


def labels(config: dict[str, Any]) -> set[str]:
    return {c.get("props", {}).get("label") for c in config["components"]} - {None}


def port_closed(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/config", timeout=1)
    except httpx.HTTPError:
        return True
    return False


# -- tests -----------------------------------------------------------------------------------


def test_run_aliases_gradio_and_uses_the_apps_own_launch(tmp_path: Path) -> None:
    port = free_port()
    args = ["run", str(APPS / "alias_app.py"), "--", "--flag", "x"]
    with run_trellis(args, tmp_path, child_env(GRADIO_SERVER_PORT=str(port))) as running:
        config = wait_for_config(running, port)
        assert config["mode"] == "interface"
        assert {"Question", "Answer"} <= labels(config)
        assert call(port, "identity", "why?") == ["True|hello from the helper|--flag,x|why?"]
        assert stop(running.proc) == 0, running.output()
    assert port_closed(port)
    assert "Traceback" not in running.output()


def test_cli_launches_an_app_that_never_calls_launch(tmp_path: Path) -> None:
    port = free_port()
    # No "run" subcommand, and the port comes from the --port flag.
    args = [str(APPS / "no_launch.py"), "--port", str(port)]
    with run_trellis(args, tmp_path, child_env()) as running:
        config = wait_for_config(running, port)
        assert {"Name", "Greeting"} <= labels(config)
        values = {c.get("props", {}).get("value") for c in config["components"]}
        assert "Launched by the CLI" in values
        assert call(port, "greet", "Ada") == ["Hi Ada"]
        assert stop(running.proc) == 0, running.output()


def test_demo_name_picks_one_of_several_apps(tmp_path: Path) -> None:
    port = free_port()
    args = ["run", str(APPS / "two_apps.py"), "--demo-name", "second", "--port", str(port), "--host", "127.0.0.1"]
    with run_trellis(args, tmp_path, child_env()) as running:
        wait_for_config(running, port)
        assert call(port, "which", "?") == ["second"]


def run_to_completion(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(trellis_command(*args), capture_output=True, text=True, timeout=60, env=child_env(), cwd=cwd)


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_to_completion("run", "does_not_exist.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "does_not_exist.py" in result.stderr
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr
    # The same without the subcommand.
    assert run_to_completion("does_not_exist.py", cwd=tmp_path).returncode == 2


def test_file_that_raises_prints_its_traceback_and_exits_1(tmp_path: Path) -> None:
    result = run_to_completion("run", str(APPS / "raises.py"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" in result.stderr
    assert "the model file is missing" in result.stderr
    assert "load_model" in result.stderr
    assert "cli.py" not in result.stderr  # the traceback starts at the app's code


def test_file_without_app_explains_what_it_looked_for(tmp_path: Path) -> None:
    result = run_to_completion("run", str(APPS / "no_app.py"), cwd=tmp_path)
    assert result.returncode == 1
    assert "'demo'" in result.stderr
    assert "launch()" in result.stderr
    assert "--demo-name" in result.stderr


def test_several_apps_without_demo_name_is_an_error(tmp_path: Path) -> None:
    result = run_to_completion("run", str(APPS / "two_apps.py"), cwd=tmp_path)
    assert result.returncode == 1
    assert "first" in result.stderr and "second" in result.stderr


def test_version_and_help(tmp_path: Path) -> None:
    import trellis

    version = run_to_completion("--version", cwd=tmp_path)
    assert version.returncode == 0
    assert trellis.__version__ in version.stdout
    helped = run_to_completion("--help", cwd=tmp_path)
    assert helped.returncode == 0
    assert "run" in helped.stdout and "--reload" in run_to_completion("run", "--help", cwd=tmp_path).stdout


RELOAD_APP = """\
import gradio as gr


def answer(x):
    return "{word}"


demo = gr.Interface(answer, "text", "text", api_name="answer")

if __name__ == "__main__":
    demo.launch()
"""


@pytest.mark.slow
def test_reload_restarts_the_app_when_its_file_changes(tmp_path: Path) -> None:
    app_dir = tmp_path / "app"
    app_dir.mkdir()
    app = app_dir / "app.py"
    app.write_text(RELOAD_APP.format(word="before"))
    port = free_port()
    with run_trellis(["run", str(app), "--reload", "--port", str(port)], tmp_path, child_env()) as running:
        wait_for_config(running, port)
        assert call(port, "answer", "?") == ["before"]
        time.sleep(0.5)  # let the watcher settle before editing
        app.write_text(RELOAD_APP.format(word="after"))
        deadline = time.monotonic() + 20
        seen: Any = None
        while time.monotonic() < deadline:
            try:
                seen = call(port, "answer", "?")
            except httpx.HTTPError:
                seen = None
            if seen == ["after"]:
                break
            time.sleep(0.2)
        assert seen == ["after"], running.output()
        assert "restarting" in running.output()

        # A syntax error does not stop the supervisor; fixing the file brings the app back.
        app.write_text("def broken(:\n")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not port_closed(port):
            time.sleep(0.2)
        assert port_closed(port)
        assert running.proc.poll() is None, running.output()
        app.write_text(RELOAD_APP.format(word="fixed"))
        wait_for_config(running, port, timeout=20)
        assert call(port, "answer", "?") == ["fixed"]

        # Ctrl+C is forwarded: the supervisor exits cleanly and the child's server is gone.
        assert stop(running.proc) == 0, running.output()
    assert port_closed(port)


@pytest.mark.slow
def test_reload_child_stops_when_the_supervisor_is_killed(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(RELOAD_APP.format(word="orphan"))
    port = free_port()
    with run_trellis(["run", str(app), "--reload", "--port", str(port)], tmp_path, child_env()) as running:
        wait_for_config(running, port)
        running.proc.kill()
        running.proc.wait(5)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not port_closed(port):
            time.sleep(0.2)
        assert port_closed(port)


def test_reload_exits_with_the_childs_code_when_it_fails_at_start(tmp_path: Path) -> None:
    shutil.copy(APPS / "raises.py", tmp_path / "raises.py")
    result = run_to_completion("run", str(tmp_path / "raises.py"), "--reload", cwd=tmp_path)
    assert result.returncode == 1
    assert "the model file is missing" in result.stderr
