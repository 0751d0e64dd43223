"""The ``%%blocks`` cell magic for Jupyter/IPython: ``%load_ext trellis`` (or ``%load_ext gradio`` aliased).

As Gradio's: a cell starting with ``%%blocks`` runs, and the app it defines (the variable ``demo``, or
``--demo-name NAME``) is launched; running the cell again serves the new version at the same address.
IPython is optional: this module imports none of it, IPython calls :func:`load_ipython_extension`.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from trellis.blocks.blocks import Blocks


class _CellTracker:
    """Which notebook cell runs now (IPython's ``pre_run_cell`` event names it)."""

    def __init__(self, ipython: Any) -> None:
        self.current_cell = ""
        ipython.events.register("pre_run_cell", self.pre_run_cell)

    def pre_run_cell(self, info: Any) -> None:
        self.current_cell = str(getattr(info, "cell_id", "") or "")


class JupyterReloader:
    """The app each ``%%blocks`` cell launched; a re-run replaces it, keeping its address."""

    def __init__(self, ipython: Any) -> None:
        self._cells = _CellTracker(ipython)
        self.running: dict[str, Blocks] = {}

    @property
    def current_cell(self) -> str:
        """The id of the cell running now."""
        return self._cells.current_cell

    def run(self, demo: Blocks, share: bool = False) -> Any:
        """Launch ``demo`` for the current cell, or swap it in for the app this cell launched before.

        Returns:
            On a re-run, an IFrame of the app (when IPython's display module is there), as Gradio's magic.
        """
        previous = self.running.get(self.current_cell)
        if previous is None or previous.server is None:
            demo.launch(share=share, prevent_thread_lock=True)
            self.running[self.current_cell] = demo
            return None
        url = previous.local_url or ""
        host, port = _host_of(url), _port_of(url)
        previous.close()
        demo.launch(share=share, prevent_thread_lock=True, server_name=host, server_port=port, quiet=True)
        self.running[self.current_cell] = demo
        try:
            from IPython.display import IFrame  # type: ignore[import-not-found]
        except ImportError:
            return None
        return IFrame(demo.local_url, width="100%", height=500)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="%%blocks", add_help=False)
    parser.add_argument("--demo-name", default="demo", help="Name of the Blocks variable the cell defines.")
    parser.add_argument("--share", default=False, const=True, nargs="?", help="Accepted as Gradio's; no share link.")
    return parser


def _host_of(url: str) -> str | None:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname if url else None


def _port_of(url: str) -> int | None:
    from urllib.parse import urlsplit

    return urlsplit(url).port if url else None


def load_ipython_extension(ipython: Any) -> None:
    """Register the ``%%blocks`` cell magic in ``ipython`` (called by ``%load_ext``)."""
    reloader = JupyterReloader(ipython)
    parser = _parser()

    def blocks(line: str, cell: str, local_ns: dict[str, Any] | None = None) -> Any:
        """Run the cell and launch the app it defines; run it again to serve the new version in place."""
        args = parser.parse_args(shlex.split(line))
        namespace = local_ns if local_ns is not None else ipython.user_ns
        exec(cell, None, namespace)  # the notebook cell the user runs, as IPython would
        demo = namespace.get(args.demo_name)
        if not isinstance(demo, Blocks):
            raise NameError(f"The cell defines no Blocks named {args.demo_name!r} (use --demo-name NAME).")
        return reloader.run(demo, share=bool(args.share))

    blocks.needs_local_scope = True  # type: ignore[attr-defined]  # IPython then passes local_ns
    ipython.register_magic_function(blocks, magic_kind="cell", magic_name="blocks")
