"""Objects a running function can ask for: ``gr.Request``, ``gr.Progress``, ``gr.Info``/``gr.Warning``.

The processing layer sets :data:`current_reporter` around each call; these objects
send their updates through it, so one shared ``gr.Progress()`` default serves every
concurrent event correctly.
"""

from __future__ import annotations

import contextvars
import logging
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sized
from typing import Any, NamedTuple, Protocol, TypeVar

logger = logging.getLogger("trellis")

T = TypeVar("T")


class Reporter(Protocol):
    """Where a running event's progress and log messages go."""

    def progress(self, units: list[dict[str, Any]]) -> None:
        """Send the current progress levels."""

    def log(self, level: str, message: str, duration: float | None, visible: bool, title: str) -> None:
        """Send a log message (``gr.Info``, ``gr.Warning``) to the browser."""


current_reporter: contextvars.ContextVar[Reporter | None] = contextvars.ContextVar("trellis_reporter", default=None)


# -- gr.Request ---------------------------------------------------------------


class Address(NamedTuple):
    """A client's host and port (``request.client``)."""

    host: str | None
    port: int | None


class Headers(Mapping[str, str]):
    """Case-insensitive, read-only request headers."""

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items = [(k.lower(), v) for k, v in items]
        self._dict = dict(self._items)

    def __getitem__(self, key: str) -> str:
        return self._dict[key.lower()]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._dict

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def getlist(self, key: str) -> list[str]:
        """Every value of header ``key`` (case-insensitive), in order."""
        key = key.lower()
        return [v for k, v in self._items if k == key]

    def __repr__(self) -> str:
        return f"Headers({self._dict!r})"


class Request:
    """The HTTP request behind an event: headers, client address, query, cookies, session and user.

    A function receives it when a parameter is annotated ``request: gr.Request``.
    """

    def __init__(
        self,
        headers: Iterable[tuple[str, str]] | Mapping[str, str] = (),
        client: tuple[str | None, int | None] = (None, None),
        query_params: Mapping[str, str] | None = None,
        cookies: Mapping[str, str] | None = None,
        session_hash: str | None = None,
        username: str | None = None,
        url: str | None = None,
        path_params: Mapping[str, str] | None = None,
    ) -> None:
        items = headers.items() if isinstance(headers, Mapping) else headers
        self.headers = Headers(items)
        self.client = Address(*client)
        self.query_params: dict[str, str] = dict(query_params or {})
        self.cookies: dict[str, str] = dict(cookies or {})
        self.session_hash = session_hash
        self.username = username
        self.url = url
        self.path_params: dict[str, str] = dict(path_params or {})

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"gr.Request has no attribute {name!r}")

    def __repr__(self) -> str:
        return f"<Request session={self.session_hash!r} client={self.client.host!r}>"


# -- gr.Progress --------------------------------------------------------------


class _Level:
    __slots__ = ("desc", "index", "length", "progress", "unit")

    def __init__(
        self,
        desc: str | None,
        unit: str,
        index: int | None = None,
        length: int | None = None,
        progress: float | None = None,
    ) -> None:
        self.desc = desc
        self.unit = unit
        self.index = index
        self.length = length
        self.progress = progress

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "length": self.length,
            "unit": self.unit,
            "progress": self.progress,
            "desc": self.desc,
        }


_levels: contextvars.ContextVar[list[_Level] | None] = contextvars.ContextVar("trellis_progress", default=None)


class Progress:
    """Reports a function's progress to the browser and to API clients.

    Use it as a parameter default: ``def fn(x, progress=gr.Progress()):``, then
    ``progress(0.5, desc="halfway")`` or ``for item in progress.tqdm(items): ...``.
    """

    def __init__(self, track_tqdm: bool = False) -> None:
        self.track_tqdm = track_tqdm

    def _send(self, levels: list[_Level]) -> None:
        reporter = current_reporter.get()
        if reporter is not None:
            reporter.progress([level.as_dict() for level in levels])

    def __call__(
        self,
        progress: float | tuple[int, int | None] | None,
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
        _tqdm: Any = None,
    ) -> float | tuple[int, int | None] | None:
        """Set the current progress: a fraction in [0, 1], or ``(done, total)``."""
        levels = list(_levels.get() or [])
        if isinstance(progress, tuple):
            index, length = progress
            level = _Level(desc, unit, index=index, length=length)
        else:
            level = _Level(desc, unit, index=None, length=total, progress=None if progress is None else float(progress))
        self._send([*levels, level])
        return progress

    def tqdm(
        self,
        iterable: Iterable[T] | None,
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
        _tqdm: Any = None,
    ) -> Iterable[T]:
        """Iterate over ``iterable``, reporting one step per item."""
        items: Iterable[Any] = range(total or 0) if iterable is None else iterable
        if total is None:
            try:
                total = len(items) if isinstance(items, Sized) else None
            except TypeError:
                total = None
        return _TrackedIterable(self, items, desc, total, unit)

    def update(self, n: int = 1) -> None:
        """Advance the innermost ``tqdm`` level by ``n`` steps."""
        levels = _levels.get()
        if levels:
            levels[-1].index = (levels[-1].index or 0) + n
            self._send(levels)

    def close(self, _tqdm: Any = None) -> None:
        """End the innermost ``tqdm`` level."""
        levels = _levels.get()
        if levels:
            levels.pop()


class _TrackedIterable(Iterable[T]):
    def __init__(self, owner: Progress, iterable: Iterable[T], desc: str | None, total: int | None, unit: str) -> None:
        self.owner = owner
        self.iterable = iterable
        self.desc = desc
        self.total = total
        self.unit = unit

    def __len__(self) -> int:
        return self.total or 0

    def __iter__(self) -> Iterator[T]:
        levels = _levels.get()
        if levels is None:
            levels = []
            _levels.set(levels)
        level = _Level(self.desc, self.unit, index=0, length=self.total)
        levels.append(level)
        try:
            for index, item in enumerate(self.iterable):
                level.index = index
                self.owner._send(levels)
                yield item
            level.index = self.total if self.total is not None else (level.index or 0) + 1
            self.owner._send(levels)
        finally:
            if level in levels:
                levels.remove(level)


# -- gr.Info / gr.Warning / gr.Success ----------------------------------------------


def _log(level: str, message: str, duration: float | None, visible: bool, title: str) -> None:
    reporter = current_reporter.get()
    if reporter is not None:
        reporter.log(level, str(message), duration, visible, title)
    elif level == "warning":
        warnings.warn(str(message), stacklevel=3)
    else:
        logger.info("%s: %s", title, message)


def Info(message: str = "Info issued.", duration: float | None = 10, visible: bool = True, title: str = "Info") -> None:
    """Show an info message in the browser (and as a ``log`` message to API clients)."""
    _log("info", message, duration, visible, title)


def Warning(
    message: str = "Warning issued.", duration: float | None = 10, visible: bool = True, title: str = "Warning"
) -> None:
    """Show a warning in the browser (and as a ``log`` message to API clients)."""
    _log("warning", message, duration, visible, title)


def Success(
    message: str = "Success.", duration: float | None = 10, visible: bool = True, title: str = "Success"
) -> None:
    """Show a success message in the browser (and as a ``log`` message to API clients)."""
    _log("success", message, duration, visible, title)
