"""The backend seam: where the queue keeps what several server processes would have to share.

Four things make a Trellis server stateful between requests. The queue reaches each of them only
through the small interfaces below, and a :class:`Backend` makes them:

- the **session store** (:class:`Sessions`): each session's ``gr.State`` values and changed props,
  its owner, its expiry;
- the **message log** of each session (:class:`~trellis.queue.log.MessageLog`): the numbered
  ``/queue/data`` messages a dropped stream resumes from (``Last-Event-ID``);
- the **job line** of each concurrency pool (:class:`JobLine`): the ids of the events waiting for a
  slot, oldest first;
- the **concurrency limiter** (:class:`Limiter`): how many calls of each pool are running, against
  the pool's limit.

:class:`MemoryBackend`, everything in this process, is the default; it is what a single server
needs. :class:`~trellis.queue.redis_backend.RedisBackend` implements the same interfaces on Redis
for replicas behind a load balancer with no sticky sessions (its docstring maps each store to its
keys: message logs on Streams, job leases in Sorted Sets, State values in Hashes). Processes that
share sessions also need the parts of the interface that only they use: a shared log's
``pending_*``/``set_live``/``presence_elsewhere``/``arrival`` calls, :meth:`Backend.has_session`, and
:attr:`Backend.control` (:class:`Control`), which reaches an event running in another process to
cancel it, feed its streaming input or read its ``/call`` result; a single process answers
``False``/``None`` to them.

Every call is synchronous, as the queue calls them on its event loop's hot path: a network store
must answer each in about one round trip (the Redis one pipelines or scripts every call into one). Nothing here knows about
HTTP, components or the running of calls: the queue owns events, tasks and streams.

Choosing one: ``launch()`` and ``mount_gradio_app()`` use :func:`backend_from_setting` on the
``TRELLIS_BACKEND`` variable (``memory``, the default; another value names a ``module:factory`` to
import and call, for a backend that lives outside Trellis).
"""

from __future__ import annotations

import collections
import importlib
import os
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from trellis.processing.session import Session, SessionStore
from trellis.queue.log import MemoryLog, MessageLog, default_limits

if TYPE_CHECKING:
    from trellis.components.state import State

__all__ = [
    "Backend",
    "Control",
    "JobLine",
    "Limiter",
    "MemoryBackend",
    "MemoryJobLine",
    "MemoryLimiter",
    "MessageLog",
    "RemoteEvent",
    "Sessions",
    "backend_from_setting",
]


class Sessions(Protocol):
    """The session store, as the server and the queue use it (:class:`SessionStore` is the in-memory one)."""

    #: Seconds an idle session lives on after its client has gone.
    expire_after: float
    #: ``busy(hash)``: whether a session has an open stream, heartbeat or pending event (the queue sets it).
    busy: Callable[[str], bool]

    def open(self, session_hash: str, owner: str | None = None, client: str = "", ephemeral: bool = False) -> Session:
        """The session ``session_hash`` for ``owner``, created if new (``SessionRefused`` when it may not be)."""
        ...

    def get(self, session_hash: str) -> Session:
        """The session ``session_hash``, created (anonymous) if new."""
        ...

    def peek(self, session_hash: str) -> Session | None:
        """The session, or ``None``, without creating or touching it."""
        ...

    def owner_of(self, session_hash: str) -> tuple[bool, str | None]:
        """``(exists, owner)`` of a session, without touching it."""
        ...

    def mark_closed(self, session_hash: str) -> None:
        """A session's last stream closed: it expires if it stays idle."""
        ...

    def discard(self, session_hash: str) -> None:
        """Drop a session now (its State values' delete callbacks run)."""
        ...

    def cleanup(self) -> int:
        """Drop expired sessions and values; returns how many sessions were dropped."""
        ...

    def __len__(self) -> int: ...


class JobLine(Protocol):
    """The events waiting for a slot of one concurrency pool, by id, oldest first."""

    def push(self, job_id: str) -> int:
        """Put ``job_id`` at the end of the line; returns the line's length after it."""
        ...

    def pop(self) -> str | None:
        """Take the id at the head of the line, or ``None`` when the line is empty."""
        ...

    def remove(self, job_id: str) -> bool:
        """Take ``job_id`` out of the line wherever it is; whether it was there."""
        ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[str]:
        """The waiting ids, head first (for estimations and batching; a snapshot is fine)."""
        ...


class Limiter(Protocol):
    """Running calls per concurrency pool, against each pool's limit."""

    def acquire(self, key: str, limit: int | None) -> bool:
        """Take a slot of pool ``key`` if fewer than ``limit`` run (``None``: no limit); whether one was taken."""
        ...

    def release(self, key: str) -> None:
        """Give back a slot of pool ``key`` (a call ended)."""
        ...

    def active(self, key: str) -> int:
        """How many calls of pool ``key`` hold a slot."""
        ...


class RemoteEvent(NamedTuple):
    """What another process knows of an event it does not run (``Control.lookup``)."""

    session_hash: str
    owner: str | None
    inputs: int
    stream: bool


class Control(Protocol):
    """How processes that share sessions reach an event running in another one (shared backends only).

    A request about an event (cancel it, feed or close its stream input) may reach a process that
    does not run it: that process looks the event up and sends the operation to the one that does.
    """

    def register(self, event_id: str, session_hash: str, owner: str | None, inputs: int, stream: bool) -> None:
        """An event joined in this process."""
        ...

    def forget(self, event_id: str) -> None:
        """An event of this process ended."""
        ...

    def lookup(self, event_id: str) -> RemoteEvent | None:
        """An unfinished event of any process, or ``None``."""
        ...

    def send(self, event_id: str, op: str, payload: dict[str, Any]) -> None:
        """Send ``op`` (``cancel``, ``chunk``, ``close``) to the process running ``event_id``."""
        ...

    async def receive(self, handle: Callable[[str, str, dict[str, Any]], None]) -> None:
        """Call ``handle(event_id, op, payload)`` for each operation sent to this process; runs until cancelled."""
        ...

    def rest_put(self, event_id: str, owner: str | None, message: bytes, final: bool, ttl: float) -> None:
        """Keep a message of a ``/call`` REST event for ``ttl`` seconds, for a reader in another process."""
        ...

    def rest_owner(self, event_id: str) -> tuple[bool, str | None]:
        """``(exists, owner)`` of a ``/call`` REST event another process keeps messages of."""
        ...

    def rest_read(self, event_id: str, heartbeat: float) -> AsyncIterator[bytes]:
        """A ``/call`` REST event's messages from another process, to its last (heartbeats while waiting)."""
        ...


class Backend(Protocol):
    """Makes the stores of one served app (one per app: two apps mounted side by side get two)."""

    def sessions(
        self,
        states: Mapping[int, State],
        *,
        expire_after: float,
        capacity: int,
        per_client: int | None,
        on_drop: Callable[[Session], object] | None,
    ) -> Sessions:
        """The app's session store (``states``: its ``gr.State`` components by id, for delete callbacks)."""
        ...

    def message_log(self, session_hash: str) -> MessageLog:
        """A session's message log, empty and numbered from 1 (called once per session the queue meets)."""
        ...

    def has_session(self, session_hash: str) -> bool:
        """Whether another process has logged messages or joined events for the session.

        (A shared store; a backend in one process answers ``False``.)
        """
        ...

    def job_line(self, pool_key: str) -> JobLine:
        """The waiting line of one concurrency pool (called once per pool)."""
        ...

    @property
    def limiter(self) -> Limiter:
        """The app's concurrency limiter (one for all pools)."""
        ...

    @property
    def control(self) -> Control | None:
        """How to reach events of other processes (``None``: one process, nothing to reach)."""
        ...

    def close(self) -> None:
        """The server is shutting down: release connections (stored data may stay for other replicas)."""
        ...


class MemoryJobLine:
    """A :class:`JobLine` in this process: a deque of ids."""

    __slots__ = ("_ids",)

    def __init__(self) -> None:
        self._ids: collections.deque[str] = collections.deque()

    def push(self, job_id: str) -> int:
        """Append ``job_id``; the new length."""
        self._ids.append(job_id)
        return len(self._ids)

    def pop(self) -> str | None:
        """The head id, or ``None``."""
        return self._ids.popleft() if self._ids else None

    def remove(self, job_id: str) -> bool:
        """Take ``job_id`` out; whether it was waiting."""
        try:
            self._ids.remove(job_id)
        except ValueError:
            return False
        return True

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._ids))


class MemoryLimiter:
    """A :class:`Limiter` in this process: a count per pool."""

    __slots__ = ("_active",)

    def __init__(self) -> None:
        self._active: dict[str, int] = {}

    def acquire(self, key: str, limit: int | None) -> bool:
        """Take a slot below ``limit``; whether one was free."""
        active = self._active.get(key, 0)
        if limit is not None and active >= limit:
            return False
        self._active[key] = active + 1
        return True

    def release(self, key: str) -> None:
        """Give a slot back."""
        active = self._active.get(key, 0) - 1
        if active > 0:
            self._active[key] = active
        else:
            self._active.pop(key, None)

    def active(self, key: str) -> int:
        """Slots held in pool ``key``."""
        return self._active.get(key, 0)


class MemoryBackend:
    """Everything in this process: the default, and what one server needs."""

    def __init__(self) -> None:
        self._limiter = MemoryLimiter()

    def sessions(
        self,
        states: Mapping[int, State],
        *,
        expire_after: float,
        capacity: int,
        per_client: int | None,
        on_drop: Callable[[Session], object] | None,
    ) -> SessionStore:
        """A :class:`SessionStore` in this process."""
        return SessionStore(
            states, expire_after=expire_after, capacity=capacity, per_client=per_client, on_drop=on_drop
        )

    def message_log(self, session_hash: str) -> MemoryLog:
        """A :class:`MemoryLog` with the environment's bounds (read as the log is made)."""
        return MemoryLog(*default_limits())

    def has_session(self, session_hash: str) -> bool:
        """No other process shares this one's sessions."""
        return False

    def job_line(self, pool_key: str) -> MemoryJobLine:
        """A new :class:`MemoryJobLine`."""
        return MemoryJobLine()

    @property
    def limiter(self) -> MemoryLimiter:
        """The app's :class:`MemoryLimiter`."""
        return self._limiter

    @property
    def control(self) -> None:
        """One process: every event is here."""
        return None

    def close(self) -> None:
        """Nothing to release."""


class BackendSettingError(ValueError):
    """``TRELLIS_BACKEND`` names no usable backend."""


def backend_from_setting(value: str | None = None) -> Backend:
    """The backend a setting names: ``memory`` (also empty or unset), or ``module:factory``.

    ``value`` defaults to the ``TRELLIS_BACKEND`` variable. ``module:factory`` imports ``module``
    and calls ``factory()`` with no arguments (read its own settings from the environment); the
    result must provide the :class:`Backend` interface.
    """
    if value is None:
        value = os.environ.get("TRELLIS_BACKEND", "")
    value = value.strip()
    if value in ("", "memory"):
        return MemoryBackend()
    module_name, _, factory_name = value.partition(":")
    if not module_name or not factory_name:
        raise BackendSettingError(f"TRELLIS_BACKEND={value!r}: expected 'memory' or 'module:factory'.")
    try:
        factory = getattr(importlib.import_module(module_name), factory_name)
    except (ImportError, AttributeError) as exc:
        raise BackendSettingError(f"TRELLIS_BACKEND={value!r}: {exc}") from exc
    try:
        backend = factory()
    except Exception as exc:  # a missing package, an unreachable store ...: refuse to start, saying why
        raise BackendSettingError(f"TRELLIS_BACKEND={value!r}: {exc}") from exc
    missing = [
        name
        for name in ("sessions", "message_log", "has_session", "job_line", "limiter", "control", "close")
        if not hasattr(backend, name)
    ]
    if missing:
        raise BackendSettingError(f"TRELLIS_BACKEND={value!r} made {backend!r}, which lacks {', '.join(missing)}.")
    return backend  # type: ignore[no-any-return]
