"""What components need from the layers above them, handed down instead of imported.

Components sit below the processing layer and never import it. A component that must
download a URL while it turns a value into a payload (AnnotatedImage needs the size of
a base image given as a URL to draw boxes on it) calls :func:`fetch_url`, which uses
the fetcher handed down here: ``trellis/__init__.py`` installs the processing layer's
guarded download (:func:`trellis.processing.fetch.fetch_for_component`) with
:func:`install_fetcher`, and a test hands in its own with :func:`using_fetcher`.

A component that reads a returned file to store a new one (Video converts or watermarks
it) asks :func:`output_readable` whether the app's own rules (its ``allowed_paths`` and
``blocked_paths``) let that file be an output at all; the runner hands the app's rule
down with :func:`reading_outputs_with` while it turns values into payloads.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import IO, Protocol


class FetchFailed(Exception):
    """A URL that may not or could not be downloaded; the message says why."""


class UrlFetcher(Protocol):
    """Downloads an http(s) URL into ``out`` (public addresses only) and returns its file name.

    Raises :class:`FetchFailed` for a URL it refuses or cannot download.
    """

    def __call__(self, url: str, out: IO[bytes], /) -> str:
        """Download ``url`` into ``out``; returns the file's name."""


_installed: UrlFetcher | None = None
_handed_in: contextvars.ContextVar[UrlFetcher | None] = contextvars.ContextVar("trellis_url_fetcher", default=None)


def install_fetcher(fetcher: UrlFetcher) -> None:
    """Make ``fetcher`` the one components use (unless :func:`using_fetcher` hands in another)."""
    global _installed
    _installed = fetcher


@contextlib.contextmanager
def using_fetcher(fetcher: UrlFetcher) -> Iterator[None]:
    """Let components in this context (thread or task) download URLs with ``fetcher``."""
    token = _handed_in.set(fetcher)
    try:
        yield
    finally:
        _handed_in.reset(token)


def fetch_url(url: str, out: IO[bytes]) -> str:
    """Download ``url`` into ``out`` with the fetcher handed down; returns the file name. Blocking."""
    fetcher = _handed_in.get() or _installed
    if fetcher is None:
        raise FetchFailed(f"no URL fetcher is installed to download {url}.")
    return fetcher(url, out)


_output_rule: contextvars.ContextVar[Callable[[str], bool] | None] = contextvars.ContextVar(
    "trellis_output_rule", default=None
)


@contextlib.contextmanager
def reading_outputs_with(rule: Callable[[str], bool]) -> Iterator[None]:
    """Let components in this context ask ``rule`` whether a returned local file may be an output."""
    token = _output_rule.set(rule)
    try:
        yield
    finally:
        _output_rule.reset(token)


def output_readable(path: str) -> bool | None:
    """Whether the app's rules let the local file ``path`` be an output (None: no app rule handed down)."""
    rule = _output_rule.get()
    return None if rule is None else rule(path)
