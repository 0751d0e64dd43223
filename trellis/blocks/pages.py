"""Multipage apps: ``Blocks.route(name, path)`` and the per-page parts of the config.

A page is a URL path under the app (``""`` is the main page). Every block placed at the top of the app
and every listener belongs to the page that was being defined when it was added; the config lists the
pages (``pages``) and, for each, its layout, components and listeners (``page``). The server serves
each page at its own URL with only its own part of the config and API (``trellis/server/pages.py``).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from trellis.blocks import context
from trellis.components.base import Block, BlockContext

#: Paths the server answers itself: a page may not take them (a name that slugifies to one gets a ``_`` prefix).
INTERNAL_ROUTES = (
    "theme.css",
    "robots.txt",
    "pwa_icon",
    "manifest.json",
    "login",
    "logout",
    "svelte",
    "config",
    "static",
    "assets",
    "favicon.ico",
    "gradio_api",
    "monitoring",
)

#: The characters a page path may hold (RFC 3986's unreserved and sub-delims, ':' and '@', as Gradio allows).
_VALID_PATH = re.compile(r"^[a-zA-Z0-9\-._~!$&'()*+,;=:@\[\]]+$")


def slugify(name: str) -> str:
    """A page path from its name: ASCII, lower case, words joined by single hyphens."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[-\s]+", "-", text).strip("-_")


class Pages(BlockContext, register=False):
    """The multipage part of ``Blocks``: its pages and which page each top-level block and listener is on."""

    def _init_pages(self) -> None:
        #: ``(path, name, show_in_navbar)`` of each page, the main page first.
        self.pages: list[tuple[str, str, bool]] = [("", "Home", True)]
        #: The page being defined: blocks and listeners added now belong to it.
        self.current_page = ""
        self._block_pages: dict[int, str] = {}
        self._dependency_pages: dict[int, str] = {}

    def route(self, name: str, path: str | None = None, show_in_navbar: bool = True) -> Any:
        """Add a page to the app; use it as ``with demo.route("Settings"):`` and build the page inside.

        Parameters:
            name: The page's name, as the navbar shows it.
            path: The URL path of the page under the app (``"/test"`` is served at ``<app>/test``); leading and
                trailing slashes are stripped. None makes it from the name (lower case, spaces as hyphens).
            show_in_navbar: False leaves the page out of the navbar (it is still served at its URL).

        Returns:
            The app itself, to be used in a ``with`` statement.
        """
        if context.current_root() is not None:
            raise ValueError(
                "You cannot create a route while inside a Blocks() context. Call route() outside the Blocks() "
                "context (unindent this line)."
            )
        if path:
            path = path.strip("/")
            if not _VALID_PATH.match(path):
                raise ValueError(
                    f"Path '{path}' contains invalid characters. Paths can only contain alphanumeric characters "
                    "and the following special characters: -._~!$&'()*+,;=:@[]"
                )
        if path in INTERNAL_ROUTES:
            raise ValueError(f"Route with path '{path}' already exists")
        if path is None:
            path = slugify(name)
            if not path:
                raise ValueError(f"Route with path '{name}' is not valid")
        while path in INTERNAL_ROUTES or path in [page[0] for page in self.pages]:
            path = "_" + path
        self.pages.append((path, name, show_in_navbar))
        self.current_page = path
        return self

    def add_child(self, child: Block) -> None:
        """Append ``child``, on the page being defined."""
        self._block_pages[child._id] = self.current_page
        super().add_child(child)

    def _note_dependency_page(self, dependency_id: int) -> None:
        """Record that the listener just added belongs to the page being defined."""
        self._dependency_pages[dependency_id] = self.current_page

    @contextlib.contextmanager
    def _on_page_of(self, block: Block) -> Iterator[None]:
        """Add blocks and listeners to the page ``block`` is on while the ``with`` block runs."""
        top: Block = block
        while top.parent is not None and top.parent is not self:
            top = top.parent
        page = self.page_of_block(top) if top.parent is self else self.current_page
        previous, self.current_page = self.current_page, page
        try:
            yield
        finally:
            self.current_page = previous

    def _clear_pages(self) -> None:
        self._block_pages.clear()
        self._dependency_pages.clear()

    def page_of_block(self, block: Block) -> str:
        """The page of a top-level block (a Form made around some gets its first child's page)."""
        page = self._block_pages.get(block._id)
        if page is not None:
            return page
        for child in getattr(block, "children", ()):
            return self.page_of_block(child)
        return ""

    def page_of_dependency(self, dependency_id: int) -> str:
        """The page a listener was added on."""
        return self._dependency_pages.get(dependency_id, "")
