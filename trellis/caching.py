"""``gr.cache`` (a memoising decorator) and ``gr.Cache`` (a cache object a function asks for).

Both keep their entries in a :class:`CacheStore`: least recently used first out, bounded by a
number of entries and optionally by an estimate of the memory the stored values take. With
``per_session=True`` each browser session sees only its own entries, and they are dropped when
the session ends.

Keys are content hashes of the call's arguments (by name, defaults applied), so equal numpy
arrays, PIL images or DataFrames hit the same entry. The processing layer runs every listener
call inside :func:`track`, which tells it whether the call was answered from a cache: ``"full"``
when the listener's own ``@gr.cache`` function hit, ``"partial"`` when a cache was used inside it.

Nothing heavy is imported here: numpy, PIL and pandas values are recognised only when those
modules are already loaded.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import hashlib
import inspect
import re
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from contextvars import ContextVar
from typing import Any, Literal, TypeVar, overload

__all__ = [
    "Cache",
    "CacheMiss",
    "CacheStore",
    "is_cached",
    "probe",
    "cache",
    "cache_hash",
    "clear_session_caches",
    "track",
    "tracked",
    "tracked_async",
]

F = TypeVar("F", bound=Callable[..., Any])
UsedCache = Literal["full", "partial"]

_UNITS = {"b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?b)\s*$", re.IGNORECASE)


def _memory_limit(value: str | int | None) -> int | None:
    """``"512mb"`` → bytes; an int is bytes already; ``None``: no limit."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"max_memory must be bytes or a size such as '512mb', got {value!r}")
    if isinstance(value, (int, float)):
        if value < 0:
            raise ValueError(f"max_memory must not be negative, got {value!r}")
        return int(value)
    match = _SIZE.match(str(value))
    if match is None:
        raise ValueError(f"max_memory must be bytes or a size such as '512mb', got {value!r}")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


# -- content hashing -------------------------------------------------------------------


def _loaded(module: str) -> Any:
    """A module if the app imported it already (never imported here), else None."""
    return sys.modules.get(module)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fingerprint(obj: Any) -> str:
    """A string that is equal for equal contents (the same type, shape and values)."""
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return f"{type(obj).__name__}:{obj!r}"
    if isinstance(obj, (bytes, bytearray)):
        return f"bytes:{_digest(bytes(obj))}"
    if isinstance(obj, (list, tuple)):
        opener = "[" if isinstance(obj, list) else "("
        return opener + ",".join(_fingerprint(item) for item in obj) + ")"
    if isinstance(obj, dict):
        items = sorted((repr(key), _fingerprint(value)) for key, value in obj.items())
        return "{" + ",".join(f"{k}={v}" for k, v in items) + "}"
    if isinstance(obj, (set, frozenset)):
        return "set{" + ",".join(sorted(_fingerprint(item) for item in obj)) + "}"
    numpy = _loaded("numpy")
    if numpy is not None and isinstance(obj, numpy.ndarray):
        return f"ndarray:{obj.shape}:{obj.dtype}:{_digest(numpy.ascontiguousarray(obj).tobytes())}"
    image = _loaded("PIL.Image")
    if image is not None and isinstance(obj, image.Image):
        return f"image:{obj.mode}:{obj.size}:{_digest(obj.tobytes())}"
    pandas = _loaded("pandas")
    if pandas is not None and isinstance(obj, (pandas.DataFrame, pandas.Series)):
        values = _digest(pandas.util.hash_pandas_object(obj, index=True).to_numpy().tobytes())
        labels = list(obj.columns) if isinstance(obj, pandas.DataFrame) else [obj.name]
        return f"{type(obj).__name__}:{_fingerprint([str(label) for label in labels])}:{values}"
    dump = getattr(obj, "model_dump", None)
    if callable(dump):  # a pydantic model
        return f"{type(obj).__qualname__}:{_fingerprint(dump())}"
    try:
        return f"{type(obj).__qualname__}#{hash(obj)}"
    except TypeError:
        pass
    if hasattr(obj, "__dict__"):
        return f"{type(obj).__qualname__}:{_fingerprint(vars(obj))}"
    raise TypeError(
        f"gr.cache cannot hash a value of type {type(obj).__name__}: turn it into plain values "
        "(numbers, strings, lists, dicts, arrays) first, or pass key= to choose what the cache is keyed on."
    )


def cache_hash(obj: Any) -> str:
    """The content hash a cache files ``obj`` under."""
    return _digest(_fingerprint(obj).encode("utf-8"))


def _size_of(obj: Any) -> int:
    """Roughly how many bytes ``obj`` holds (arrays, images and frames by their data)."""
    numpy = _loaded("numpy")
    if numpy is not None and isinstance(obj, numpy.ndarray):
        return int(obj.nbytes)
    image = _loaded("PIL.Image")
    if image is not None and isinstance(obj, image.Image):
        return int(obj.size[0] * obj.size[1] * len(obj.getbands()))
    pandas = _loaded("pandas")
    if pandas is not None and isinstance(obj, pandas.DataFrame):
        return int(obj.memory_usage(deep=True).sum())
    if pandas is not None and isinstance(obj, pandas.Series):
        return int(obj.memory_usage(deep=True))
    torch = _loaded("torch")
    if torch is not None and isinstance(obj, torch.Tensor):
        return int(obj.nelement() * obj.element_size())
    if isinstance(obj, (bytes, bytearray)):
        return len(obj)
    if isinstance(obj, dict):
        return sum(_size_of(value) for value in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(_size_of(value) for value in obj)
    return sys.getsizeof(obj)


# -- who is calling: the session, and whether a cache answered -------------------------


@dataclasses.dataclass
class Usage:
    """What the caches did during one listener call."""

    #: The ``@gr.cache`` functions (their ids) that answered from their cache.
    hits: set[int] = dataclasses.field(default_factory=set)
    #: A ``gr.Cache.get`` or a ``gr.cache`` call inside the function found an entry.
    inner_hit: bool = False

    def used_cache(self, fn: Any) -> UsedCache | None:
        """``"full"`` when ``fn`` itself is a ``@gr.cache`` function that hit; ``"partial"`` for any other hit."""
        if id(fn) in self.hits:
            return "full"
        if self.hits or self.inner_hit:
            return "partial"
        return None


_session: ContextVar[str | None] = ContextVar("trellis_cache_session", default=None)
_usage: ContextVar[Usage | None] = ContextVar("trellis_cache_usage", default=None)
_probing: ContextVar[bool] = ContextVar("trellis_cache_probe", default=False)


class CacheMiss(Exception):
    """Raised by a ``@gr.cache`` function called under :func:`probe` when it has no entry for the call."""


@contextlib.contextmanager
def probe() -> Iterator[None]:
    """Call a ``@gr.cache`` listener only to see whether its cache answers.

    A miss raises :class:`CacheMiss` instead of running the function (the queue then puts the call
    in line, as Gradio does).
    """
    token = _probing.set(True)
    try:
        yield
    finally:
        _probing.reset(token)


def is_cached(fn: Any) -> bool:
    """Whether ``fn`` is a ``@gr.cache`` function (its hits can be answered without queueing)."""
    return isinstance(getattr(fn, "cache", None), CacheStore)


@contextlib.contextmanager
def track(session_hash: str | None) -> Iterator[Usage]:
    """Run a listener call for ``session_hash``, recording the caches it used."""
    usage = Usage()
    session_token = _session.set(session_hash)
    usage_token = _usage.set(usage)
    try:
        yield usage
    finally:
        with contextlib.suppress(ValueError):  # ended in another context (a generator closed elsewhere)
            _usage.reset(usage_token)
            _session.reset(session_token)


def tracked(
    iterator: Iterator[Any], session_hash: str | None, done: Callable[[Usage], None]
) -> Generator[Any, None, None]:
    """Iterate a listener's generator for ``session_hash``; ``done`` gets the caches it used when it ends."""
    with track(session_hash) as usage:
        try:
            yield from iterator
        finally:
            done(usage)


async def tracked_async(
    iterator: AsyncIterator[Any], session_hash: str | None, done: Callable[[Usage], None]
) -> AsyncGenerator[Any, None]:
    """:func:`tracked` for an async generator (closed with ``aclose``, which closes ``iterator`` too)."""
    with track(session_hash) as usage:
        try:
            async for item in iterator:
                yield item
        finally:
            close = getattr(iterator, "aclose", None)
            if close is not None:
                await close()
            done(usage)


def _record_hit(wrapper_id: int | None) -> None:
    usage = _usage.get()
    if usage is None:
        return
    if wrapper_id is None:
        usage.inner_hit = True
    else:
        usage.hits.add(wrapper_id)


# -- the store -----------------------------------------------------------------------------


class CacheStore:
    """Entries by key hash, least recently used first out; optionally one namespace per session."""

    def __init__(self, max_size: int = 128, max_memory: str | int | None = None, per_session: bool = False) -> None:
        if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 0:
            raise ValueError(f"max_size must be a whole number >= 0 (0: unlimited), got {max_size!r}")
        self.max_size = max_size
        self.max_memory = _memory_limit(max_memory)
        self.per_session = per_session
        self._entries: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._sizes: dict[str, int] = {}
        self._memory = 0
        self._lock = threading.Lock()
        if per_session:
            _session_stores.add(self)

    def _full_key(self, key_hash: str, session_hash: str | None = None) -> str:
        if not self.per_session:
            return key_hash
        return f"{session_hash or _session.get() or '_global'}:{key_hash}"

    def get(self, key_hash: str) -> dict[str, Any] | None:
        """The entry stored under ``key_hash`` (for the current session), or None."""
        full = self._full_key(key_hash)
        with self._lock:
            entry = self._entries.get(full)
            if entry is not None:
                self._entries.move_to_end(full)
            return entry

    def put(self, key_hash: str, entry: dict[str, Any]) -> None:
        """Store ``entry``, then evict the least recently used entries over the limits."""
        full = self._full_key(key_hash)
        size = _size_of(entry) if self.max_memory is not None else 0
        with self._lock:
            self._memory -= self._sizes.pop(full, 0)
            self._entries[full] = entry
            self._entries.move_to_end(full)
            self._sizes[full] = size
            self._memory += size
            while self._entries:
                too_many = self.max_size > 0 and len(self._entries) > self.max_size
                too_big = self.max_memory is not None and self._memory > self.max_memory and len(self._entries) > 1
                if not (too_many or too_big):
                    break
                old, _ = self._entries.popitem(last=False)
                self._memory -= self._sizes.pop(old, 0)

    def keys(self) -> list[Any]:
        """The raw keys stored (for the current session, when per session)."""
        with self._lock:
            if not self.per_session:
                return [entry.get("_key") for entry in self._entries.values()]
            prefix = self._full_key("")
            return [entry.get("_key") for key, entry in self._entries.items() if key.startswith(prefix)]

    def clear(self) -> None:
        """Drop every entry (of every session)."""
        with self._lock:
            self._entries.clear()
            self._sizes.clear()
            self._memory = 0

    def clear_session(self, session_hash: str) -> None:
        """Drop the entries of one session (a per-session store only)."""
        if not self.per_session:
            return
        prefix = self._full_key("", session_hash)
        with self._lock:
            for key in [k for k in self._entries if k.startswith(prefix)]:
                del self._entries[key]
                self._memory -= self._sizes.pop(key, 0)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


_session_stores: weakref.WeakSet[CacheStore] = weakref.WeakSet()


def clear_session_caches(session_hash: str) -> None:
    """Forget what every per-session cache holds for a session that ended."""
    for store in list(_session_stores):
        store.clear_session(session_hash)


# -- gr.cache --------------------------------------------------------------------------------


def _arguments(signature: inspect.Signature | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The call's arguments by parameter name, defaults included (what the key is computed from)."""
    if signature is None:
        return {"args": list(args), "kwargs": kwargs}
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def _wrap(func: Callable[..., Any], store: CacheStore, key: Callable[[dict[str, Any]], Any] | None) -> Any:
    try:
        signature: inspect.Signature | None = inspect.signature(func)
    except (TypeError, ValueError):
        signature = None
    wrapper_id: list[int] = []  # filled with the wrapper's id once it exists

    def lookup(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
        arguments = _arguments(signature, args, kwargs)
        key_hash = cache_hash(key(arguments) if key is not None else arguments)
        return key_hash, store.get(key_hash)

    def hit() -> None:
        _record_hit(wrapper_id[0])

    def miss() -> None:
        if _probing.get():
            raise CacheMiss

    if inspect.isasyncgenfunction(func):

        @functools.wraps(func)
        async def async_gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            key_hash, entry = lookup(args, kwargs)
            if entry is not None:
                hit()
                for value in entry["yields"]:
                    yield value
                return
            miss()
            produced = []
            async for value in func(*args, **kwargs):
                produced.append(copy.deepcopy(value))
                yield value
            store.put(key_hash, {"yields": produced})

        wrapper: Any = async_gen_wrapper
    elif inspect.isgeneratorfunction(func):

        @functools.wraps(func)
        def gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            key_hash, entry = lookup(args, kwargs)
            if entry is not None:
                hit()
                yield from entry["yields"]
                return
            miss()
            produced = []
            for value in func(*args, **kwargs):
                produced.append(copy.deepcopy(value))
                yield value
            store.put(key_hash, {"yields": produced})

        wrapper = gen_wrapper
    elif inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            key_hash, entry = lookup(args, kwargs)
            if entry is not None:
                hit()
                return entry["value"]
            miss()
            result = await func(*args, **kwargs)
            store.put(key_hash, {"value": result})
            return result

        wrapper = async_wrapper
    else:

        @functools.wraps(func)
        def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
            key_hash, entry = lookup(args, kwargs)
            if entry is not None:
                hit()
                return entry["value"]
            miss()
            result = func(*args, **kwargs)
            store.put(key_hash, {"value": result})
            return result

        wrapper = sync_wrapper
    wrapper_id.append(id(wrapper))
    wrapper.cache = store
    return wrapper


#: One wrapper per (function, key, limits): ``gr.cache(fn)(x)`` written inside a listener is evaluated
#: on every call and must find the same cache each time. Bounded, least recently used first out.
_WRAPPERS_MAX = 1024
_wrappers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_wrappers_lock = threading.Lock()


def _cached(
    func: Callable[..., Any],
    key: Callable[[dict[str, Any]], Any] | None,
    max_size: int,
    max_memory: str | int | None,
    per_session: bool,
) -> Any:
    registry_key = (id(func), id(key) if key is not None else None, max_size, _memory_limit(max_memory), per_session)
    with _wrappers_lock:
        found = _wrappers.get(registry_key)
        if found is not None and found.__wrapped__ is func:
            _wrappers.move_to_end(registry_key)
            return found
        wrapper = _wrap(func, CacheStore(max_size, max_memory, per_session), key)
        _wrappers[registry_key] = wrapper
        while len(_wrappers) > _WRAPPERS_MAX:
            _wrappers.popitem(last=False)
        return wrapper


@overload
def cache(
    fn: F,
    *,
    key: Callable[[dict[str, Any]], Any] | None = None,
    max_size: int = 128,
    max_memory: str | int | None = None,
    per_session: bool = False,
) -> F: ...


@overload
def cache(
    fn: None = None,
    *,
    key: Callable[[dict[str, Any]], Any] | None = None,
    max_size: int = 128,
    max_memory: str | int | None = None,
    per_session: bool = False,
) -> Callable[[F], F]: ...


def cache(
    fn: Callable[..., Any] | None = None,
    *,
    key: Callable[[dict[str, Any]], Any] | None = None,
    max_size: int = 128,
    max_memory: str | int | None = None,
    per_session: bool = False,
) -> Any:
    """Memoise a function by the content of its arguments (sync, async, and generators: their yields replay).

    Use it as ``@gr.cache``, ``@gr.cache(max_size=..., ...)``, or at run time as ``gr.cache(fn)(*args)``.

    Parameters:
        fn: The function to cache (``None`` when the decorator is given options).
        key: Receives the arguments as a dict (by parameter name) and returns what the cache is keyed on,
            e.g. ``lambda kw: kw["prompt"]``.
        max_size: The most entries kept; the least recently used go first. ``0``: no limit.
        max_memory: The most memory the stored results may take (bytes, or ``"512mb"``, ``"2gb"``).
        per_session: Keep each browser session's entries apart (dropped when the session ends).
    """

    def decorate(func: Callable[..., Any]) -> Any:
        return _cached(func, key, max_size, max_memory, per_session)

    if fn is None:
        return decorate
    if not callable(fn):
        raise TypeError("gr.cache(...) takes the function itself: write gr.cache(fn)(*args), not gr.cache(fn(*args)).")
    return decorate(fn)


class Cache:
    """A cache a function asks for by a parameter default, ``def fn(x, c=gr.Cache()):``; it stores what you choose.

    ``c.get(key)`` returns the dict stored by ``c.set(key, **data)``, or None. Keys may be any value
    ``gr.cache`` can hash (strings, numbers, arrays, images, ...).

    Parameters:
        max_size: The most entries kept; the least recently used go first. ``0``: no limit.
        max_memory: The most memory the stored data may take (bytes, or ``"512mb"``, ``"2gb"``).
        per_session: Keep each browser session's entries apart (dropped when the session ends).
    """

    def __init__(self, *, max_size: int = 128, max_memory: str | int | None = None, per_session: bool = False) -> None:
        self._store = CacheStore(max_size, max_memory, per_session)

    @property
    def per_session(self) -> bool:
        """Whether each session has entries of its own."""
        return self._store.per_session

    def get(self, key: Any) -> dict[str, Any] | None:
        """The data stored under ``key``, or None."""
        entry = self._store.get(cache_hash(key))
        if entry is None:
            return None
        _record_hit(None)
        return {name: value for name, value in entry.items() if name != "_key"}

    def set(self, key: Any, **data: Any) -> None:
        """Store ``data`` (keyword arguments) under ``key``."""
        self._store.put(cache_hash(key), {"_key": key, **data})

    def keys(self) -> list[Any]:
        """The keys stored (this session's, for a per-session cache)."""
        return self._store.keys()

    def clear(self) -> None:
        """Drop every entry."""
        self._store.clear()

    def __len__(self) -> int:
        return len(self._store)

    def __repr__(self) -> str:
        return f"Cache(max_size={self._store.max_size}, per_session={self._store.per_session}, entries={len(self)})"
