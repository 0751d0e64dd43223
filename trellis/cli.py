"""The ``trellis`` command: run an app file, optionally restarting it when its source changes.

Usage::

    trellis run app.py [--reload] [--port N] [--host H] [--demo-name NAME] [-- APP ARGS...]
    trellis app.py            # same as ``trellis run app.py``
    trellis --version

The app file runs as ``__main__`` with its own folder first on ``sys.path`` and with
``gradio`` aliased to Trellis, so unchanged Gradio apps (``import gradio as gr``) work.
If the file launches its app itself, that launch is used; otherwise the CLI finds the
app (``demo`` by default, or the only ``Blocks`` in the file) and launches it.
"""

from __future__ import annotations

import argparse
import functools
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
import types
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trellis.blocks.blocks import Blocks

PROG = "trellis"
DEFAULT_DEMO_NAME = "demo"
SUBCOMMANDS = ("run",)

#: Exit codes: 2 for bad usage (as argparse does), 1 for an app that fails.
EXIT_USAGE = 2
EXIT_APP_ERROR = 1

#: A ``launch()`` call with this many positional arguments gives ``prevent_thread_lock`` itself.
_PREVENT_THREAD_LOCK_POSITION = 8

#: Set in a reload child's environment to the supervisor's pid, so an orphaned child stops itself.
_PARENT_ENV = "_TRELLIS_RELOAD_PARENT"

_USAGE_EXAMPLES = """\
examples:
  trellis run app.py                 run app.py and serve its app
  trellis app.py                     the same ("run" is the default command)
  trellis run app.py --reload        restart the app whenever a .py file in its folder changes
  trellis run app.py --port 8000     serve on port 8000 (sets GRADIO_SERVER_PORT)
  trellis run app.py -- --flag x     pass "--flag x" to the app in sys.argv

Inside the app file, "import gradio as gr" imports Trellis.
"""


class CLIError(Exception):
    """A problem reported to the user as a one-line message with an exit code (no traceback)."""

    def __init__(self, message: str, code: int = EXIT_APP_ERROR) -> None:
        super().__init__(message)
        self.code = code


# -- argument parsing ----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser for the ``trellis`` command.

    Returns:
        The parser, with one ``run`` subcommand.
    """
    from trellis._version import GRADIO_COMPAT_VERSION, __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Run Trellis (Gradio-compatible) apps from the command line.",
        epilog=_USAGE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__} (speaks the Gradio {GRADIO_COMPAT_VERSION} protocol)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="run an app file (the default command)",
        description=(
            "Run a Python app file as __main__ and serve its app. If the file does not call launch() "
            "itself, the app named by --demo-name (or the only Blocks/Interface in the file) is launched."
        ),
        epilog=_USAGE_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("path", metavar="APP_FILE", help="the Python file that defines the app")
    run.add_argument(
        "--reload",
        action="store_true",
        help="watch the app's folder and restart the app when a .py file changes",
    )
    run.add_argument(
        "--watch-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="with --reload, also watch DIR (may be repeated)",
    )
    run.add_argument("--port", type=_port, default=None, help="port to serve on (sets GRADIO_SERVER_PORT)")
    run.add_argument("--host", default=None, help="address to bind, e.g. 0.0.0.0 (sets GRADIO_SERVER_NAME)")
    run.add_argument(
        "--demo-name",
        default=None,
        metavar="NAME",
        help=f"name of the app variable to launch when the file does not launch it (default: {DEFAULT_DEMO_NAME})",
    )
    return parser


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"port out of range (1-65535): {value}")
    return value


def _split_app_args(argv: list[str]) -> tuple[list[str], list[str]]:
    """Split ``argv`` at the first ``--``: the CLI's own arguments, then the app's."""
    if "--" in argv:
        index = argv.index("--")
        return argv[:index], argv[index + 1 :]
    return argv, []


def _default_to_run(argv: list[str]) -> list[str]:
    """Insert ``run`` when no subcommand is given (``trellis app.py`` means ``trellis run app.py``)."""
    if not argv:
        return argv
    if argv[0] in SUBCOMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    return ["run", *argv]


# -- entry point ---------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``trellis`` command.

    Args:
        argv: The arguments after the program name; ``sys.argv[1:]`` when omitted.

    Returns:
        The process exit code.
    """
    own, app_args = _split_app_args(list(sys.argv[1:] if argv is None else argv))
    parser = build_parser()
    args = parser.parse_args(_default_to_run(own))
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        path = _check_app_file(args.path)
        if args.port is not None:
            os.environ["GRADIO_SERVER_PORT"] = str(args.port)
        if args.host is not None:
            os.environ["GRADIO_SERVER_NAME"] = args.host
        if args.reload:
            return run_with_reload(path, args.demo_name, [Path(d) for d in args.watch_dir], app_args)
        return run_app(path, args.demo_name, app_args)
    except CLIError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130


def _check_app_file(path_text: str) -> Path:
    path = Path(path_text)
    if not path.exists():
        raise CLIError(f"no such file: {path_text}", EXIT_USAGE)
    if not path.is_file():
        raise CLIError(f"not a file: {path_text} (give the path of the app's .py file)", EXIT_USAGE)
    return path.resolve()


# -- running an app in this process --------------------------------------------------------


def run_app(path: Path, demo_name: str | None = None, app_args: Sequence[str] = ()) -> int:
    """Execute an app file as ``__main__`` and serve its app until it is stopped.

    ``gradio`` is aliased to Trellis before the file runs. If the file calls
    ``launch()`` itself, that launch is used; otherwise the app variable named
    ``demo_name`` (``demo`` by default, or else the only ``Blocks`` in the file)
    is launched here.

    Args:
        path: The app file.
        demo_name: The variable holding the app, for files that do not launch it themselves.
        app_args: Extra arguments for the app, placed after the file name in ``sys.argv``.

    Returns:
        The exit code: 0 once the server has stopped.

    Raises:
        CLIError: If the file raises while running, or defines no app to launch.
    """
    from trellis import _aliases
    from trellis.blocks.blocks import Blocks

    _aliases.alias_gradio()
    _setup_reload_child()
    launched: list[Blocks] = []
    module = _make_main_module(path)
    sys.argv = [str(path), *app_args]
    folder = str(path.parent)
    if folder not in sys.path[:1]:
        sys.path.insert(0, folder)

    original_launch = Blocks.launch

    @functools.wraps(original_launch)
    def recording_launch(self: Blocks, *args: Any, **kwargs: Any) -> Any:
        launched.append(self)
        if len(args) >= _PREVENT_THREAD_LOCK_POSITION or kwargs.get("prevent_thread_lock"):
            return original_launch(self, *args, **kwargs)
        # Start without blocking, then wait here: the same as a blocking launch().
        result = original_launch(self, *args, **{**kwargs, "prevent_thread_lock": True})
        self.block_thread()
        return result

    Blocks.launch = recording_launch  # type: ignore[method-assign]
    try:
        _exec_file(path, module)
    finally:
        Blocks.launch = original_launch  # type: ignore[method-assign]

    if launched:
        # The file launched its app. launch() blocked and returned once stopped, unless
        # the file asked it not to block: then keep serving until Ctrl+C.
        for blocks in launched:
            if blocks.server is not None and blocks.server.is_running():
                blocks.block_thread()
        return 0

    demo = find_demo(vars(module), demo_name, path)
    try:
        demo.launch(prevent_thread_lock=True)
    except (OSError, TimeoutError) as exc:
        raise CLIError(f"could not serve the app: {exc}") from None
    demo.block_thread()
    return 0


def _make_main_module(path: Path) -> types.ModuleType:
    """A fresh ``__main__`` module for the app file, installed in ``sys.modules``."""
    module = types.ModuleType("__main__")
    module.__file__ = str(path)
    module.__dict__["__builtins__"] = __builtins__
    module.__dict__["__cached__"] = None
    sys.modules["__main__"] = module
    return module


def _exec_file(path: Path, module: types.ModuleType) -> None:
    """Run the file's code in ``module``; turn a failure into a traceback and :class:`CLIError`."""
    try:
        source = path.read_bytes()
        code = compile(source, str(path), "exec", dont_inherit=True)
    except SyntaxError:
        traceback.print_exc(limit=0)
        raise CLIError(f"{path.name} has a syntax error (see above).") from None
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc}", EXIT_USAGE) from None
    try:
        exec(code, module.__dict__)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        _print_app_traceback(exc)
        raise CLIError(f"{path.name} raised {type(exc).__name__} while running (traceback above).") from None


def _print_app_traceback(exc: BaseException) -> None:
    """Print a traceback that starts at the app's code (this module's frames are dropped)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    traceback.print_exception(type(exc), exc, tb)


def find_demo(namespace: dict[str, Any], demo_name: str | None, path: Path) -> Blocks:
    """Find the app to launch among a module's global variables.

    Args:
        namespace: The module's globals.
        demo_name: The variable to use; when ``None``, ``demo`` if it holds an app,
            else the only ``Blocks`` (or ``Interface``) instance in ``namespace``.
        path: The app file, for error messages.

    Returns:
        The app.

    Raises:
        CLIError: If no single app can be found.
    """
    from trellis.blocks.blocks import Blocks

    if demo_name is not None:
        value = namespace.get(demo_name)
        if isinstance(value, Blocks):
            return value
        if value is None and demo_name not in namespace:
            raise CLIError(
                f"{path.name} has no variable named {demo_name!r}, and it did not call launch(). "
                f"Define the app as '{demo_name} = gr.Blocks()' (or gr.Interface(...)), or call {demo_name}.launch()."
            )
        raise CLIError(f"{demo_name!r} in {path.name} is a {type(value).__name__}, not a Blocks or Interface.")
    value = namespace.get(DEFAULT_DEMO_NAME)
    if isinstance(value, Blocks):
        return value
    found = {name: v for name, v in namespace.items() if isinstance(v, Blocks) and not name.startswith("__")}
    if len(found) == 1:
        return next(iter(found.values()))
    if not found:
        raise CLIError(
            f"{path.name} did not call launch() and defines no app to launch: looked for a Blocks or "
            f"Interface named {DEFAULT_DEMO_NAME!r} (or any single Blocks/Interface variable) at the top level. "
            "Name the app 'demo', pass --demo-name NAME, or call .launch() in the file."
        )
    names = ", ".join(sorted(found))
    raise CLIError(
        f"{path.name} did not call launch() and defines several apps ({names}); choose one with --demo-name NAME."
    )


def _setup_reload_child() -> None:
    """In a child of ``--reload``: obey forwarded Ctrl+C, and stop if the supervisor goes away."""
    parent_text = os.environ.pop(_PARENT_ENV, None)
    if not parent_text:
        return
    # A supervisor started in the background may have had SIGINT ignored, and the child
    # inherits that; the supervisor forwards Ctrl+C as SIGINT, so listen to it again.
    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except (ValueError, OSError):
        pass
    if not hasattr(os, "getppid"):
        return
    parent = int(parent_text)

    def poll() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(10)
        os._exit(EXIT_APP_ERROR)

    threading.Thread(target=poll, name="trellis-parent-watch", daemon=True).start()


# -- --reload: a supervisor restarting a child process ----------------------------------------


def run_with_reload(
    path: Path,
    demo_name: str | None = None,
    extra_dirs: Sequence[Path] = (),
    app_args: Sequence[str] = (),
) -> int:
    """Serve an app in a child process and restart it whenever a watched ``.py`` file changes.

    The child is ``python -m trellis run APP_FILE`` (without ``--reload``). Ctrl+C and
    SIGTERM are forwarded to it. When the child exits by itself, the supervisor exits
    with its code, except after a failed restart (e.g. a half-edited file with a syntax
    error): then it waits for the next change.

    Args:
        path: The app file.
        demo_name: Passed on as ``--demo-name``.
        extra_dirs: Folders to watch besides the app file's own.
        app_args: Passed on to the app after ``--``.

    Returns:
        The exit code.

    Raises:
        CLIError: If a folder to watch does not exist.
    """
    import watchfiles

    command = [sys.executable, "-m", "trellis", "run", str(path)]
    if demo_name is not None:
        command += ["--demo-name", demo_name]
    if app_args:
        command += ["--", *app_args]
    dirs = [path.parent, *(d.resolve() for d in extra_dirs)]
    for folder in dirs:
        if not folder.is_dir():
            raise CLIError(f"not a folder: {folder}", EXIT_USAGE)
    shown = ", ".join(str(d) for d in dirs)
    _note(f"watching {shown} for changes to .py files; press Ctrl+C to stop.")

    received: list[int] = []
    previous = _install_stop_handlers(received)
    child: subprocess.Popen[bytes] | None = _start_child(command)
    restarted = False
    try:
        # watchfiles turns any exception raised by a signal handler into KeyboardInterrupt,
        # so SIGTERM/SIGHUP are told apart from Ctrl+C by ``received``.
        for changes in watchfiles.watch(
            *dirs,
            watch_filter=watchfiles.PythonFilter(),
            rust_timeout=300,
            yield_on_timeout=True,
            raise_interrupt=True,
        ):
            if changes:
                names = sorted({Path(p).name for _, p in changes})
                _note(f"changed: {', '.join(names)}; restarting the app.")
                _stop_child(child, signal.SIGTERM)
                child = _start_child(command)
                restarted = True
                continue
            code = None if child is None else child.poll()
            if code is None:
                continue
            if code != 0 and restarted:
                # Probably a half-finished edit: wait for the next save instead of quitting.
                _note(f"the app exited with code {code}; fix it and save to restart (Ctrl+C to stop).")
                child = None
                continue
            return _exit_code(code)
    except KeyboardInterrupt:
        signum = received[-1] if received else signal.SIGINT
        return _exit_code(_stop_child(child, signum))
    finally:
        _stop_child(child, signal.SIGTERM)
        _restore_handlers(previous)
    return 0


def _note(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def _exit_code(returncode: int) -> int:
    """A child's return code as an exit code (death by signal N becomes 128 + N, as shells report it)."""
    return 128 - returncode if returncode < 0 else returncode


def _start_child(command: list[str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env[_PARENT_ENV] = str(os.getpid())
    # The child gets its own session so that a terminal's Ctrl+C reaches only the
    # supervisor, which forwards it once (rather than the child seeing it twice).
    return subprocess.Popen(command, env=env, start_new_session=os.name == "posix")


def _stop_child(child: subprocess.Popen[bytes] | None, signum: int, timeout: float = 8.0) -> int:
    """Ask the child to stop with ``signum`` (then SIGTERM, then SIGKILL) and return its exit status."""
    if child is None:
        return 0
    if child.poll() is not None:
        return child.returncode
    steps = [signum, signal.SIGTERM] if signum != signal.SIGTERM else [signum]
    if os.name != "posix":
        steps = [signal.SIGTERM]
    for step in steps:
        try:
            if step == signal.SIGTERM:
                child.terminate()
            else:
                child.send_signal(step)
            return child.wait(timeout / len(steps))
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            break
    child.kill()
    return child.wait()


def _install_stop_handlers(received: list[int]) -> dict[int, Any]:
    """Make SIGTERM and SIGHUP stop the supervisor like Ctrl+C, noting which signal came in ``received``."""

    def interrupt(signum: int, frame: Any) -> None:
        received.append(signum)
        raise KeyboardInterrupt

    previous: dict[int, Any] = {}
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, interrupt)
        except (ValueError, OSError):  # not the main thread, or not supported here
            pass
    return previous


def _restore_handlers(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        try:
            signal.signal(signum, handler)
        except (ValueError, OSError):
            pass
