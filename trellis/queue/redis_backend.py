"""A shared backend on Redis: replicas of one app behind a load balancer, with no sticky sessions.

Select it with ``TRELLIS_BACKEND=trellis.queue.redis_backend:from_environment`` and point it at a
server with ``TRELLIS_REDIS_URL`` (``redis://host:6379/0`` by default). Every replica of the app
uses the same Redis and the same file cache folder (``GRADIO_TEMP_DIR`` on a shared volume), so
that a file uploaded through one replica can be read by another. Needs the ``redis`` package
(``pip install trellis[redis]``).

What the replicas share, and how (keys under ``TRELLIS_REDIS_PREFIX``, ``trellis`` by default):

==================  =========================================================================
message log         ``{p}:log:{session}``, a Stream whose entry ids are ``0-<seq>``; the
                    session's ``seq`` counter ``{p}:seq:{session}``; a Lua script numbers and
                    adds each message in one round trip, so numbering is gapless whichever
                    replica runs the event. A ``/queue/data`` stream on any replica reads the
                    log (``XRANGE``) and waits for more with a blocking ``XREAD``, so an
                    event joined through one replica streams through another, and a dropped
                    stream resumes (``Last-Event-ID``) through any of them.
delivered           ``{p}:delivered:{session}``: the highest ``seq`` any stream sent (where a
                    stream without ``Last-Event-ID`` starts, on whichever replica).
pending events      ``{p}:pending:{session}``, a Set of the session's unfinished event ids: a
                    stream closes once a completion is sent and the set is empty, even when
                    the events ran on another replica.
presence            ``{p}:live:{session}``, a Hash of replica id -> time: while the replica
                    holds a stream or heartbeat of the session, a time ahead (refreshed); once
                    it holds none, when the last one ended. A replica running the session's
                    work stops it only once no replica has had one for the grace period.
==================  =========================================================================

Every key of a session expires after ``TRELLIS_REDIS_TTL`` seconds without use (one hour by
default). The resume buffer is bounded by its message count (``TRELLIS_RESUME_MAX_MESSAGES``);
its byte size is left to Redis's own ``maxmemory``.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from trellis.processing.session import Session, SessionStore
from trellis.queue.backend import MemoryJobLine, MemoryLimiter
from trellis.queue.log import default_limits

if TYPE_CHECKING:
    import redis
    import redis.asyncio

    from trellis.components.state import State

__all__ = ["RedisBackend", "RedisLog", "from_environment"]

DEFAULT_URL = "redis://127.0.0.1:6379/0"
DEFAULT_TTL = 3600

#: KEYS: seq counter, log stream, pending set. ARGV: the message without its last 3 bytes (``}\n\n``),
#: the pending-cap (entries), the keys' time to live, and an event id to take out of the pending set
#: first ("" for none). Returns the new seq.
_APPEND = """
if ARGV[4] ~= '' then redis.call('SREM', KEYS[3], ARGV[4]) end
local seq = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], '0-' .. seq, 'm', ARGV[1] .. ',"seq":' .. seq .. '}\\n\\n')
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return seq
"""

#: KEYS: delivered counter, log stream. ARGV: seq sent, resume bound (entries), time to live, last seq.
#: Raises the delivered mark and trims delivered entries beyond the resume bound.
_DELIVERED = """
local delivered = tonumber(redis.call('GET', KEYS[1]) or '0')
local seq = tonumber(ARGV[1])
if seq > delivered then
  delivered = seq
  redis.call('SET', KEYS[1], seq, 'EX', ARGV[3])
end
local upto = math.min(delivered, tonumber(ARGV[4]) - tonumber(ARGV[2]))
if upto > 0 then redis.call('XTRIM', KEYS[2], 'MINID', '0-' .. (upto + 1)) end
return delivered
"""


def _seq_of(entry_id: bytes | str) -> int:
    text = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    return int(text.partition("-")[2])


class RedisLog:
    """A session's :class:`~trellis.queue.log.MessageLog` on Redis, shared by every replica."""

    shared = True

    def __init__(self, backend: RedisBackend, session_hash: str) -> None:
        self._backend = backend
        self._redis = backend.redis
        p = backend.prefix
        self._seq_key = f"{p}:seq:{session_hash}"
        self._log_key = f"{p}:log:{session_hash}"
        self._pending_key = f"{p}:pending:{session_hash}"
        self._delivered_key = f"{p}:delivered:{session_hash}"
        self._live_key = f"{p}:live:{session_hash}"
        self.max_messages, _, self.max_pending_messages, _ = default_limits()

    # -- the MessageLog interface --------------------------------------------------------
    @property
    def last_seq(self) -> int:
        """The session's latest ``seq``, whichever replica appended it."""
        return int(self._redis.get(self._seq_key) or 0)

    @property
    def delivered(self) -> int:
        """The highest ``seq`` any replica's stream has sent."""
        return int(self._redis.get(self._delivered_key) or 0)

    def append(self, message: bytes, ending: str = "") -> int:
        """Number and add ``message``; ``ending``: an event id taken out of the pending set first."""
        keys = [self._seq_key, self._log_key, self._pending_key]
        args: list[bytes | str | int] = [message[:-3], self.max_pending_messages, self._backend.ttl, ending]
        return int(self._backend.append_script(keys=keys, args=args))

    def replace_last(self, message: bytes) -> int:
        """Appended: entries of a shared stream are not rewritten (a reader may have them already)."""
        return self.append(message)

    def mark_delivered(self, seq: int) -> None:
        """Raise the shared delivered mark and trim what the resume bound no longer keeps."""
        keys = [self._delivered_key, self._log_key]
        self._backend.delivered_script(keys=keys, args=[seq, self.max_messages, self._backend.ttl, self.last_seq])

    def read_after(self, seq: int) -> list[bytes] | None:
        """The messages after ``seq``, or ``None`` when ``seq`` is past the end or before the oldest kept."""
        pipe = self._redis.pipeline(transaction=False)
        pipe.get(self._seq_key)
        pipe.xrange(self._log_key, min=f"(0-{seq}", max="+")
        last_raw, entries = pipe.execute()
        last = int(last_raw or 0)
        if seq > last:
            return None
        if seq == last:
            return []
        if not entries or _seq_of(entries[0][0]) != seq + 1:
            return None
        return [fields[b"m"] for _, fields in entries]

    def trim(self, upto: int) -> None:
        """Forget the entries up to ``upto``."""
        if upto > 0:
            self._redis.xtrim(self._log_key, minid=f"0-{upto + 1}")

    def drop(self) -> None:
        """Forget every entry; ``seq`` goes on from where it was."""
        self._redis.delete(self._log_key)

    # -- what replicas share about the session -------------------------------------------
    def pending_add(self, event_id: str) -> None:
        """An event of the session joined (on this replica)."""
        pipe = self._redis.pipeline(transaction=False)
        pipe.sadd(self._pending_key, event_id)
        pipe.expire(self._pending_key, self._backend.ttl)
        pipe.execute()

    def pending_remove(self, event_id: str) -> None:
        """An event of the session ended without a message (its end was already logged)."""
        self._redis.srem(self._pending_key, event_id)

    def pending_count(self) -> int:
        """Unfinished events of the session, on every replica."""
        return int(self._redis.scard(self._pending_key))

    def set_live(self, live: bool) -> None:
        """This replica holds (``True``, refreshed) or no longer holds a stream or heartbeat of the session."""
        # The entry stays when the stream ends, as the time it ended: a replica running the session's
        # work learns from it that the client was here and since when it is gone.
        until = time.time() + (self._backend.presence_ttl if live else 0.0)
        pipe = self._redis.pipeline(transaction=False)
        pipe.hset(self._live_key, self._backend.replica, until)
        pipe.expire(self._live_key, self._backend.ttl)
        pipe.execute()

    def presence_elsewhere(self) -> float | None:
        """Until when (``time.time()``) another replica holds, or held, a stream or heartbeat of the session.

        A time in the future: one is open now. ``None``: no other replica has had one.
        """
        mine = self._backend.replica.encode()
        times = [float(v) for k, v in self._redis.hgetall(self._live_key).items() if k != mine]
        return max(times) if times else None

    async def arrival(self, after: int, timeout: float) -> None:
        """Return once the log has an entry after ``after`` (appended by any replica), or after ``timeout``."""
        client = self._backend.async_redis()
        await client.xread({self._log_key: f"0-{after}"}, count=1, block=max(1, int(timeout * 1000)))


class RedisBackend:
    """Replicas of one app sharing their session logs through one Redis.

    The job lines and the concurrency limiter are still this replica's own (a listener's
    ``concurrency_limit`` holds per replica), and so are the sessions' State values.
    """

    def __init__(self, url: str = DEFAULT_URL, prefix: str = "trellis", ttl: int = DEFAULT_TTL) -> None:
        import redis

        self.url = url
        self.prefix = prefix
        self.ttl = ttl
        #: This process among the replicas (its presence entries are keyed by it).
        self.replica = uuid.uuid4().hex[:12]
        #: Seconds a presence entry lives without a refresh (streams refresh it at least this often / 3).
        self.presence_ttl = 45.0
        self.redis: redis.Redis = redis.Redis.from_url(url)
        self.redis.ping()  # refuse to start without the shared store
        self.append_script = self.redis.register_script(_APPEND)
        self.delivered_script = self.redis.register_script(_DELIVERED)
        self._async: dict[int, redis.asyncio.Redis] = {}
        self._limiter = MemoryLimiter()
        self._closing: list[asyncio.Task[None]] = []

    def async_redis(self) -> redis.asyncio.Redis:
        """A client for blocking reads, one per event loop."""
        loop = asyncio.get_running_loop()
        client = self._async.get(id(loop))
        if client is None:
            import redis.asyncio

            client = self._async[id(loop)] = redis.asyncio.Redis.from_url(self.url)
        return client

    def sessions(
        self,
        states: Mapping[int, State],
        *,
        expire_after: float,
        capacity: int,
        per_client: int | None,
        on_drop: Callable[[Session], object] | None,
    ) -> SessionStore:
        """This replica's session store."""
        return SessionStore(
            states, expire_after=expire_after, capacity=capacity, per_client=per_client, on_drop=on_drop
        )

    def message_log(self, session_hash: str) -> RedisLog:
        """The session's shared log."""
        return RedisLog(self, session_hash)

    def has_session(self, session_hash: str) -> bool:
        """Whether any replica has logged messages or joined events for the session."""
        p = self.prefix
        return bool(self.redis.exists(f"{p}:seq:{session_hash}", f"{p}:pending:{session_hash}"))

    def job_line(self, pool_key: str) -> MemoryJobLine:
        """This replica's line."""
        return MemoryJobLine()

    @property
    def limiter(self) -> MemoryLimiter:
        """This replica's limiter."""
        return self._limiter

    def close(self) -> None:
        """Close the connections (the shared data stays for the other replicas)."""
        self.redis.close()
        clients, self._async = list(self._async.values()), {}
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._closing = [loop.create_task(client.aclose()) for client in clients]


def from_environment() -> RedisBackend:
    """The backend ``TRELLIS_REDIS_URL``, ``TRELLIS_REDIS_PREFIX`` and ``TRELLIS_REDIS_TTL`` describe."""
    ttl_text = os.environ.get("TRELLIS_REDIS_TTL", "").strip()
    return RedisBackend(
        url=os.environ.get("TRELLIS_REDIS_URL", "").strip() or DEFAULT_URL,
        prefix=os.environ.get("TRELLIS_REDIS_PREFIX", "").strip() or "trellis",
        ttl=int(ttl_text) if ttl_text.isdigit() and int(ttl_text) > 0 else DEFAULT_TTL,
    )
