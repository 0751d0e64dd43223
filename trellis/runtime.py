"""Objects a running function can ask for: ``gr.Request``, ``gr.Progress``, ``gr.Info``/``gr.Warning``.

The processing layer sets :data:`current_reporter` around each call; these objects
send their updates through it, so one shared ``gr.Progress()`` default serves every
concurrent event correctly.
"""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import inspect
import logging
import os
import pickle
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
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


def _to_obj(value: Any) -> Any:
    """``value`` with every dict in it (at any depth, lists included) copied into an :class:`Obj`.

    Only plain dicts: Starlette's ``Headers`` and ``QueryParams`` stay as they are.
    """
    if isinstance(value, dict):
        return Obj(value)
    if isinstance(value, list):
        return [_to_obj(item) for item in value]
    return value


class Obj:
    """A copy of a dict whose keys read as attributes too: how ``gr.Request`` hands out dict values.

    ``request.cookies``, ``request.path_params`` and ``request.session`` come as one, as in Gradio:
    ``obj["key"]``, ``obj.key``, ``obj.get("key")``, ``dict(obj)``, ``obj.keys()/values()/items()``;
    iterating yields ``(key, value)`` pairs, and ``in`` also looks inside nested dicts. It is a copy,
    so changing it changes nothing in the request (write to ``request.request.session`` for that).
    """

    def __init__(self, values: Mapping[str, Any]) -> None:
        for key, value in values.items():
            self.__dict__[key] = _to_obj(value)

    def __getitem__(self, key: str) -> Any:
        return self.__dict__[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.__dict__[key] = value

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for key, value in self.__dict__.items():
            yield key, dict(value) if isinstance(value, Obj) else value

    def __contains__(self, key: object) -> bool:
        return key in self.__dict__ or any(isinstance(v, Obj) and key in v for v in self.__dict__.values())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Obj):
            return self.__dict__ == other.__dict__
        return isinstance(other, Mapping) and dict(self) == dict(other)

    __hash__ = None  # type: ignore[assignment]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key`` (looked up as ``in`` does), else ``default``."""
        return self.__dict__[key] if key in self.__dict__ else default

    def pop(self, key: str, default: Any = None) -> Any:
        """Remove ``key`` from this copy and return its value, else ``default``."""
        return self.__dict__.pop(key, default)

    def keys(self) -> Any:
        """The keys, as ``dict.keys()``."""
        return self.__dict__.keys()

    def values(self) -> Any:
        """The values, as ``dict.values()``."""
        return self.__dict__.values()

    def items(self) -> Any:
        """The ``(key, value)`` pairs, as ``dict.items()``."""
        return self.__dict__.items()

    def __repr__(self) -> str:
        return repr(self.__dict__)


class _State:
    """``request.state`` of a detached (pickled) request: the attributes the app's middleware set."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.__dict__.update(values)


#: What a detached request keeps of the HTTP request it came from (see :meth:`Request.__getstate__`).
_SNAPSHOT = ("headers", "query_params", "cookies", "path_params", "client", "url")


class Header(str):
    """The value of one HTTP header of the request, for a function parameter typed ``gr.Header``.

    The parameter's name names the header, underscores read as hyphens (``x_api_token: gr.Header``
    receives the ``X-Api-Token`` header); the function gets the header's text, or ``None`` without one.
    Like ``gr.Request``, such a parameter takes no input component.
    """


class Request:
    """The HTTP request behind an event: headers, client address, query, cookies, session and user.

    A function receives it when a parameter is annotated ``request: gr.Request``. ``request.request``
    is the underlying Starlette request, and any other attribute is read from it: ``headers``,
    ``client``, ``query_params``, ``cookies``, ``url``, ``path_params``, ``state`` (what the app's
    own middleware set), ``session`` (with Starlette's ``SessionMiddleware``) and the rest. A dict
    value comes as an :class:`Obj` copy. ``username`` is the logged-in user (``None`` without
    login) and ``session_hash`` the page session. For a queued event, the request is the one that
    put the event in the queue (``/queue/join``, ``/call/<api_name>``, ``/run/<api_name>``).

    Built without a Starlette request, attributes come from the keyword arguments instead
    (``headers`` case-insensitive, ``client`` as a ``(host, port)`` pair).
    """

    def __init__(
        self,
        request: Any = None,
        username: str | None = None,
        session_hash: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.request = request
        self.username = username
        self.session_hash = session_hash
        if "headers" in kwargs:
            headers = kwargs["headers"]
            kwargs["headers"] = Headers(headers.items() if isinstance(headers, Mapping) else headers)
        if "client" in kwargs:
            client = kwargs["client"]
            kwargs["client"] = Address(**client) if isinstance(client, Mapping) else Address(*client)
        self.kwargs: dict[str, Any] = kwargs

    def dict_to_obj(self, d: Any) -> Any:
        """``d`` with its dicts turned into :class:`Obj` copies (what attribute reads return)."""
        return _to_obj(d)

    def __getattr__(self, name: str) -> Any:
        # Only reached for names that are not set on the object itself.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # copy and pickle probe for special methods
        request = self.__dict__.get("request")
        if request is not None:
            return self.dict_to_obj(getattr(request, name))
        try:
            value = self.__dict__.get("kwargs", {})[name]
        except KeyError:
            raise AttributeError(f"'Request' object has no attribute {name!r}") from None
        return self.dict_to_obj(value)

    def __getstate__(self) -> dict[str, Any]:
        """A copy detached from the HTTP request: what was read from it is kept in ``kwargs``."""
        kwargs = dict(self.kwargs)
        if self.request is not None:
            for name in _SNAPSHOT:
                value = getattr(self.request, name, None)
                if name == "client":
                    kwargs[name] = Address(value.host, value.port) if value is not None else Address(None, None)
                elif name == "url":
                    kwargs[name] = str(value) if value is not None else ""
                elif name == "headers" and value is not None:
                    kwargs[name] = Headers(value.items())
                elif value is not None:
                    kwargs[name] = dict(value)
            state = getattr(getattr(self.request, "state", None), "_state", None)
            if state:
                try:  # kept only if it can travel with the copy
                    pickle.dumps(state)
                except Exception:
                    logger.debug(
                        "request.state of session %s is not picklable; the copy leaves it out", self.session_hash
                    )
                else:
                    kwargs["state"] = _State(state)
        return {"request": None, "username": self.username, "session_hash": self.session_hash, "kwargs": kwargs}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore a copy made by :meth:`__getstate__`."""
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return f"<Request session={self.session_hash!r} username={self.username!r}>"


# -- gr.Progress --------------------------------------------------------------


class _Level:
    __slots__ = ("desc", "index", "length", "progress", "unit")

    def __init__(
        self,
        desc: str | None,
        unit: str,
        index: float | None = None,
        length: float | None = None,
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
        #: When set, ``tqdm`` bars made while the function runs (see :func:`tracking_tqdm`) are reported too.
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


# -- Progress(track_tqdm=True): tqdm bars as progress --------------------------------


class _TqdmTracker:
    """The tqdm bars of one running event: they share its progress levels and send through its reporter."""

    __slots__ = ("active", "levels", "lock", "reporter")

    def __init__(self, reporter: Reporter | None, levels: list[_Level]) -> None:
        self.reporter = reporter
        self.levels = levels
        self.lock = threading.Lock()
        #: Cleared when the event's function returns: a bar that outlives it reports nothing.
        self.active = True

    def send(self) -> None:
        if not self.active or self.reporter is None:
            return
        with self.lock:
            units = [level.as_dict() for level in self.levels]
        self.reporter.progress(units)

    def add(self, level: _Level, announce: bool) -> None:
        with self.lock:
            self.levels.append(level)
        if announce:
            self.send()

    def remove(self, level: _Level) -> None:
        with self.lock:
            if not any(item is level for item in self.levels):
                return
            self.levels[:] = [item for item in self.levels if item is not level]
        self.send()


_tracker: contextvars.ContextVar[_TqdmTracker | None] = contextvars.ContextVar("trellis_tqdm", default=None)

#: ``None`` until a function first asks for tqdm tracking; then whether tqdm could be patched.
_tqdm_patched: bool | None = None
_patch_lock = threading.Lock()
_devnull: Any = None


@contextlib.contextmanager
def tracking_tqdm(enabled: bool = True) -> Iterator[None]:
    """While the block runs, tqdm bars made in this context report to the current event's progress.

    That is what ``gr.Progress(track_tqdm=True)`` asks for (the processing layer wraps the call in
    it). A bar belongs to the event whose function made it (or made the thread it runs in), so
    concurrent events never see each other's bars. Tracked bars write their console output to
    ``os.devnull``, as in Gradio; bars made outside a tracked call are left alone. tqdm is imported
    only here, the first time a function asks; without tqdm installed nothing is tracked.
    """
    if not enabled or not _patch_tqdm():
        yield
        return
    levels = _levels.get()
    levels_token = None
    if levels is None:
        levels = []
        levels_token = _levels.set(levels)
    tracker = _TqdmTracker(current_reporter.get(), levels)
    token = _tracker.set(tracker)
    try:
        yield
    finally:
        tracker.active = False
        _tracker.reset(token)
        if levels_token is not None:
            _levels.reset(levels_token)


def _patch_tqdm() -> bool:
    """Make tqdm bars report to the tracking event (once per process); ``False`` without tqdm."""
    global _tqdm_patched
    if _tqdm_patched is None:
        with _patch_lock:
            if _tqdm_patched is None:
                try:
                    std = importlib.import_module("tqdm.std")
                except ImportError:
                    logger.debug("gr.Progress(track_tqdm=True): tqdm is not installed, nothing to track")
                    _tqdm_patched = False
                else:
                    _patch_bar_class(std.tqdm)
                    _patch_threads()
                    _tqdm_patched = True
    return _tqdm_patched


def _null_file() -> Any:
    global _devnull
    if _devnull is None:
        _devnull = open(os.devnull, "w")  # one shared sink for every tracked bar
    return _devnull


def _patch_bar_class(cls: Any) -> None:
    """Wrap the methods of tqdm's base bar class (subclasses such as ``tqdm.auto``'s inherit them)."""
    if getattr(cls, "_trellis_tracks", False):
        return
    original_init = cls.__init__
    original_iter = cls.__iter__
    original_update = cls.update
    original_close = cls.close
    signature = inspect.signature(original_init)

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        tracker = _tracker.get()
        self._trellis_track = None
        if tracker is None or not tracker.active:
            original_init(self, *args, **kwargs)
            return
        try:
            bound = signature.bind(self, *args, **kwargs)
        except TypeError:
            original_init(self, *args, **kwargs)  # let tqdm report the bad call
            return
        given = bound.arguments
        given["file"] = _null_file()
        original_init(*bound.args, **bound.kwargs)
        iterable = given.get("iterable")
        total = getattr(self, "total", given.get("total"))
        desc = given.get("desc")
        level = _Level(
            str(desc) if desc else None,
            str(given.get("unit", "steps")),
            index=given.get("initial") or 0,
            length=total if isinstance(total, (int, float)) and total != float("inf") else None,
        )
        self._trellis_track = (tracker, level)
        tracker.add(level, announce=iterable is None)  # as Gradio: a manual bar shows at once

    def __iter__(self: Any) -> Iterator[Any]:
        track = getattr(self, "_trellis_track", None)
        if track is None:
            yield from original_iter(self)
            return
        tracker, level = track
        self._trellis_iterating = True  # tqdm's loop calls update() now and then: those steps are counted here
        try:
            for item in original_iter(self):
                tracker.send()  # as Gradio: the step about to run, counted from 0
                level.index = (level.index or 0) + 1
                yield item
        finally:
            self._trellis_iterating = False
            tracker.remove(level)

    def update(self: Any, n: float | None = 1) -> Any:
        track = getattr(self, "_trellis_track", None)
        if track is not None and not getattr(self, "_trellis_iterating", False):
            tracker, level = track
            level.index = (level.index or 0) + (n or 0)
            tracker.send()
        return original_update(self, n)

    def close(self: Any) -> Any:
        track = getattr(self, "_trellis_track", None)
        if track is not None:
            track[0].remove(track[1])
        return original_close(self)

    cls.__init__ = __init__
    cls.__iter__ = __iter__
    cls.update = update
    cls.close = close
    cls._trellis_tracks = True


def _carried() -> tuple[_TqdmTracker | None, Reporter | None, list[_Level] | None]:
    return _tracker.get(), current_reporter.get(), _levels.get()


def _run_carrying(
    carried: tuple[_TqdmTracker | None, Reporter | None, list[_Level] | None], fn: Callable[..., T], *args: Any
) -> T:
    """Call ``fn`` with the event (tracker, reporter, levels) of the code that handed it over."""
    tokens = (_tracker.set(carried[0]), current_reporter.set(carried[1]), _levels.set(carried[2]))
    try:
        return fn(*args)
    finally:
        _levels.reset(tokens[2])
        current_reporter.reset(tokens[1])
        _tracker.reset(tokens[0])


def _patch_threads() -> None:
    """Threads a tracked function starts, and work it hands to a thread pool, report to its event.

    A new thread does not inherit context variables, so ``Thread.start`` passes the starting
    event's tracker on when there is one; a pool's threads outlive the call that started them, so
    ``ThreadPoolExecutor.submit`` runs each task with the tracker of the code that submitted it
    (or none), whichever event once started the worker thread.
    """
    import concurrent.futures

    original_start = threading.Thread.start
    original_submit = concurrent.futures.ThreadPoolExecutor.submit

    def start(self: threading.Thread) -> None:
        tracker = _tracker.get()
        if tracker is not None and tracker.active:
            carried = _carried()
            run = self.run

            def run_carried() -> None:
                _run_carrying(carried, run)

            self.run = run_carried  # type: ignore[method-assign]
        original_start(self)

    def submit(self: Any, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Any:
        carried = _carried()

        def call() -> T:
            return _run_carrying(carried, lambda: fn(*args, **kwargs))

        return original_submit(self, call)

    threading.Thread.start = start  # type: ignore[method-assign]
    concurrent.futures.ThreadPoolExecutor.submit = submit  # type: ignore[method-assign]


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
