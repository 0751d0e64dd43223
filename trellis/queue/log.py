"""The per-session message log behind ``/queue/data``: what lets a dropped stream resume without loss.

Every message of a session's events is appended to its log and numbered: ``seq`` 1, 2, 3 … per
session, written into the message's JSON as its last key. A stream reads the log after a position
(its own cursor), so a client that reconnects with ``Last-Event-ID: <seq it read last>`` gets every
later message exactly once, in order, then live ones. Streams do not consume the log: entries stay
until the log's bound (a count and a byte size) trims the oldest, or the queue trims what was
delivered once the session has been without a stream for its grace period.

The bound is the resume buffer's: it trims only messages a stream has already sent (``mark_delivered``).
Messages no stream has sent yet are what a client has not received at all (a fast generator before
its client's stream opens, a slow reader): they are kept as Gradio keeps them, up to a much larger
cap (``TRELLIS_QUEUE_MAX_PENDING_MESSAGES``/``…_BYTES``) that only protects the server from a client
that never reads.

``heartbeat`` and ``close_stream`` belong to one connection, not to the session: they are not in
the log and carry the ``seq`` of the last message sent before them on that connection (0 before
any), so the ``seq`` of any message a client read is a valid ``Last-Event-ID``.

``MessageLog`` is the seam: the queue only calls ``append``, ``replace_last``, ``read_after``,
``trim`` and ``drop`` and reads ``last_seq``. ``MemoryLog`` is the default. A shared store can
implement the same calls on Redis Streams (one stream per session: ``XADD`` with ``MAXLEN``,
``XRANGE`` from a position, ``XTRIM MINID``, ``DEL``), keeping ``seq`` in a counter key.
"""

from __future__ import annotations

import asyncio
import collections
import os
from typing import Protocol

#: Defaults of the bound, per session (environment: ``TRELLIS_RESUME_MAX_MESSAGES``/``…_MAX_BYTES``).
DEFAULT_MAX_MESSAGES = 1000
DEFAULT_MAX_BYTES = 4 * 1024 * 1024
#: The cap on messages no stream has sent yet (``TRELLIS_QUEUE_MAX_PENDING_MESSAGES``/``…_BYTES``).
DEFAULT_MAX_PENDING_MESSAGES = 100_000
DEFAULT_MAX_PENDING_BYTES = 256 * 1024 * 1024


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        return default


def default_limits() -> tuple[int, int, int, int]:
    """A session log's bounds: the environment's, else the defaults.

    ``(max_messages, max_bytes)`` bound the resume buffer (sent messages), ``(max_pending_messages,
    max_pending_bytes)`` the messages not sent yet.
    """
    return (
        _env_int("TRELLIS_RESUME_MAX_MESSAGES", DEFAULT_MAX_MESSAGES),
        _env_int("TRELLIS_RESUME_MAX_BYTES", DEFAULT_MAX_BYTES),
        _env_int("TRELLIS_QUEUE_MAX_PENDING_MESSAGES", DEFAULT_MAX_PENDING_MESSAGES),
        _env_int("TRELLIS_QUEUE_MAX_PENDING_BYTES", DEFAULT_MAX_PENDING_BYTES),
    )


def with_seq(message: bytes, seq: int) -> bytes:
    """``message`` (a ``data: {…}`` block) with ``"seq": seq`` added as the JSON object's last key."""
    return message[:-3] + b',"seq":%d}\n\n' % seq


class MessageLog(Protocol):
    """The numbered messages of one session, oldest first.

    A log that several server processes share (``shared`` true, e.g.
    :class:`~trellis.queue.redis_backend.RedisLog`) also keeps what they must agree on about the
    session: the delivered mark, the unfinished events, which processes hold a stream of it, and a
    way to wait for messages another process appends. The queue calls those only on a shared log.
    """

    #: Whether other server processes append to and read this log too.
    shared: bool

    @property
    def last_seq(self) -> int:
        """The ``seq`` of the latest message appended (0 before any); never goes back."""
        ...

    def append(self, message: bytes, ending: str = "") -> int:
        """Number ``message`` (a ``data: {…}`` SSE block), store it, and return its ``seq``.

        The stored bytes carry the ``seq``; the oldest entries go when the bound is passed.
        ``ending``: the message ends that event (a shared log takes it out of the unfinished ones first).
        """
        ...

    @property
    def delivered(self) -> int:
        """The highest ``seq`` a stream has sent (``mark_delivered``)."""
        ...

    def mark_delivered(self, seq: int) -> None:
        """A stream has sent every message up to ``seq``: from now on the resume bound may trim them."""
        ...

    def replace_last(self, message: bytes) -> int:
        """Put ``message`` in place of the latest entry, under the same ``seq``; returns the ``seq`` used.

        For coalescing an unsent update; a store that cannot replace may append instead.
        """
        ...

    def read_after(self, seq: int) -> list[bytes] | None:
        """The stored messages after ``seq``, in order, or ``None`` when they cannot all be given.

        ``None``: some of them are no longer stored (trimmed), or ``seq`` is past ``last_seq``
        (a position this log never gave).
        """
        ...

    def trim(self, upto: int) -> None:
        """Forget the messages whose ``seq`` is at most ``upto``."""
        ...

    def drop(self) -> None:
        """Forget everything (the session is gone)."""
        ...

    # -- shared logs only ------------------------------------------------------------------
    def pending_add(self, event_id: str) -> None:
        """An event of the session joined."""
        ...

    def pending_remove(self, event_id: str) -> None:
        """An event of the session ended (idempotent)."""
        ...

    def pending_count(self) -> int:
        """The session's unfinished events, in every process."""
        ...

    def set_live(self, live: bool) -> None:
        """This process holds (``True``, refreshed now and then) or no longer holds a stream of the session."""
        ...

    def presence_elsewhere(self) -> float | None:
        """Until when (``time.time()``) another process holds, or held, a stream or heartbeat of the session.

        A time in the future while one is open; ``None`` when no other process has had one.
        """
        ...

    async def arrival(self, after: int, timeout: float) -> bool:
        """Wait for a message after ``after``; whether one came within ``timeout`` seconds."""
        ...


class MemoryLog:
    """A ``MessageLog`` in this process: a deque bounded by ``max_messages`` and ``max_bytes``.

    The newest message is always kept, even one larger than ``max_bytes`` on its own.
    """

    __slots__ = (
        "_delivered",
        "_entries",
        "_first",
        "_last",
        "_size",
        "max_bytes",
        "max_messages",
        "max_pending_bytes",
        "max_pending_messages",
    )

    def __init__(
        self,
        max_messages: int = DEFAULT_MAX_MESSAGES,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pending_messages: int = DEFAULT_MAX_PENDING_MESSAGES,
        max_pending_bytes: int = DEFAULT_MAX_PENDING_BYTES,
    ) -> None:
        self.max_messages = max_messages
        self.max_bytes = max_bytes
        self.max_pending_messages = max_pending_messages
        self.max_pending_bytes = max_pending_bytes
        #: The highest ``seq`` a stream has sent (``mark_delivered``).
        self._delivered = 0
        self._entries: collections.deque[bytes] = collections.deque()
        #: ``seq`` of ``_entries[0]`` (``_last + 1`` when empty) and of the latest message appended.
        self._first = 1
        self._last = 0
        self._size = 0

    @property
    def last_seq(self) -> int:
        """The ``seq`` of the latest message appended (0 before any)."""
        return self._last

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """Bytes held."""
        return self._size

    shared = False

    def append(self, message: bytes, ending: str = "") -> int:
        """Number, store and bound; returns the new ``seq``."""
        self._last += 1
        stored = with_seq(message, self._last)
        self._entries.append(stored)
        self._size += len(stored)
        self._bound()
        return self._last

    def replace_last(self, message: bytes) -> int:
        """Replace the latest entry in place (append when the log holds none)."""
        if not self._entries:
            return self.append(message)
        stored = with_seq(message, self._last)
        self._size += len(stored) - len(self._entries[-1])
        self._entries[-1] = stored
        self._bound()
        return self._last

    @property
    def delivered(self) -> int:
        """The highest ``seq`` a stream has sent."""
        return self._delivered

    def mark_delivered(self, seq: int) -> None:
        """Messages up to ``seq`` have been sent: the resume bound applies to them now."""
        if seq > self._delivered:
            self._delivered = seq
            self._bound()

    def last_message(self) -> bytes | None:
        """The latest stored message, if still stored."""
        return self._entries[-1] if self._entries else None

    def read_after(self, seq: int) -> list[bytes] | None:
        """The messages after ``seq``, or ``None`` past the end or before the oldest kept."""
        if seq > self._last or seq < self._first - 1:
            return None
        start = seq - self._first + 1
        if start >= len(self._entries):
            return []
        if start == 0:
            return list(self._entries)
        return [self._entries[i] for i in range(start, len(self._entries))]

    def trim(self, upto: int) -> None:
        """Forget the messages up to ``upto``."""
        entries = self._entries
        while entries and self._first <= upto:
            self._size -= len(entries.popleft())
            self._first += 1

    def drop(self) -> None:
        """Forget every message; ``seq`` goes on from where it was."""
        self._entries.clear()
        self._size = 0
        self._first = self._last + 1

    # One process: the queue keeps these facts itself and never asks a log that is not shared.
    def pending_add(self, event_id: str) -> None:
        """Not shared: nothing to record."""

    def pending_remove(self, event_id: str) -> None:
        """Not shared: nothing to record."""

    def pending_count(self) -> int:
        """Not shared: the queue counts its own events."""
        return 0

    def set_live(self, live: bool) -> None:
        """Not shared: nothing to record."""

    def presence_elsewhere(self) -> float | None:
        """No other process reads this log."""
        return None

    async def arrival(self, after: int, timeout: float) -> bool:
        """Nothing arrives from elsewhere: waits out ``timeout``."""
        await asyncio.sleep(timeout)
        return False

    def _bound(self) -> None:
        entries = self._entries
        # The resume buffer: sent messages, while the log is over its bound.
        while (
            len(entries) > 1
            and self._first <= self._delivered
            and (len(entries) > self.max_messages or self._size > self.max_bytes)
        ):
            self._size -= len(entries.popleft())
            self._first += 1
        # Unsent ones only past the cap (a client that does not read); the newest always stays.
        while len(entries) > 1 and (len(entries) > self.max_pending_messages or self._size > self.max_pending_bytes):
            self._size -= len(entries.popleft())
            self._first += 1
