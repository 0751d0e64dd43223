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
State values        ``{p}:state:{session}``, a Hash of State id -> pickled ``(time set, value)``:
                    a call reads each State it uses from it once, and writes back every State
                    it read or set when it ends (in-place changes included), so the next call
                    sees them on any replica. ``time_to_live`` counts from the time set. A value
                    that cannot be pickled stays on the replica that made it (logged once).
component props     ``{p}:props:{session}``: the props of updates that change what a component
                    accepts (a Dropdown's ``choices`` ...), so every replica validates the
                    session's next inputs against them.
session owner       ``{p}:session:{session}`` (field ``owner``): a session belongs to the user
                    who opened it on any replica; another user gets 403 on every replica.
events              ``{p}:event:{id}``: the replica running it, its session and owner. A cancel,
                    or a streaming input's next chunk or close, that reaches another replica is
                    published to the running one's channel ``{p}:control:{replica}``. The
                    messages of a ``/call`` REST event also go to ``{p}:rest:{id}``, so its
                    ``GET /call/{api}/{id}`` can reach any replica.
concurrency         ``{p}:slots:{pool}``, a Sorted Set of leases (see :class:`RedisLimiter`): a
                    ``concurrency_limit`` holds across replicas; a freed slot is announced on
                    ``{p}:freed``. Each replica keeps its own waiting line.
==================  =========================================================================

Every key of a session expires after ``TRELLIS_REDIS_TTL`` seconds without use (one hour by
default). The resume buffer is bounded by its message count (``TRELLIS_RESUME_MAX_MESSAGES``);
its byte size is left to Redis's own ``maxmemory``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

import orjson

from trellis.processing.session import Session, SessionRefused, SessionStore
from trellis.queue.backend import MemoryJobLine, RemoteEvent
from trellis.queue.log import default_limits

if TYPE_CHECKING:
    import redis
    import redis.asyncio

    from trellis.components.base import Component
    from trellis.components.state import State

__all__ = ["RedisBackend", "RedisLog", "RedisSessions", "SharedSession", "from_environment"]

logger = logging.getLogger("trellis")

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

#: KEYS: delivered counter, log stream, seq counter. ARGV: seq sent, resume bound (entries), time to live.
#: Raises the delivered mark and trims delivered entries beyond the resume bound.
_DELIVERED = """
local delivered = tonumber(redis.call('GET', KEYS[1]) or '0')
local last = tonumber(redis.call('GET', KEYS[3]) or '0')
local seq = tonumber(ARGV[1])
if seq > delivered then
  delivered = seq
  redis.call('SET', KEYS[1], seq, 'EX', ARGV[3])
end
local upto = math.min(delivered, last - tonumber(ARGV[2]))
if upto > 0 then redis.call('XTRIM', KEYS[2], 'MINID', '0-' .. (upto + 1)) end
return delivered
"""


def _as_bytes(value: bytes | str) -> bytes:
    return value.encode() if isinstance(value, str) else value


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
        keys = [self._delivered_key, self._log_key, self._seq_key]  # one round trip: the script reads the last seq
        self._backend.delivered_script(keys=keys, args=[seq, self.max_messages, self._backend.ttl])

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

    async def arrival(self, after: int, timeout: float) -> bool:
        """Wait for an entry after ``after`` (appended by any replica); whether one came within ``timeout``."""
        client = self._backend.async_redis()
        return bool(await client.xread({self._log_key: f"0-{after}"}, count=1, block=max(1, int(timeout * 1000))))


class SharedSession(Session):
    """A session whose State values live in Redis (this object keeps them for the length of a call)."""

    __slots__ = ("_backend", "_fresh", "_fresh_copies", "_props", "_unshared")

    def __init__(self, backend: RedisBackend, session_hash: str, owner: str | None, client: str, ephemeral: bool):
        super().__init__(session_hash, owner, client, ephemeral)
        self._backend = backend
        #: States read from (or set since) the store during the current calls: written back by ``flush``.
        self._fresh: set[int] = set()
        #: States whose value could not be pickled: kept in this process only.
        self._unshared: set[int] = set()
        #: Components whose per-session copy was looked up in the store during the current calls.
        self._fresh_copies: set[int] = set()
        #: The props of updates that gave a component its per-session copy, by component id.
        self._props: dict[int, dict[str, object]] = {}

    def get_state(self, component: State) -> object:
        """The value the store holds (as any replica last wrote it), read once per call."""
        key = component._id
        if key not in self._fresh and key not in self._unshared:
            self._fresh.add(key)
            raw = self._backend.redis.hget(self._backend.state_key(self.hash), str(key))
            loaded = self._load(component, _as_bytes(raw)) if raw is not None else None
            if loaded is not None:
                set_at, value = loaded
                self._state[key] = value
                self._touched[key] = time.monotonic() - max(0.0, time.time() - set_at)
            elif raw is not None:
                self._state.pop(key, None)
                self._touched.pop(key, None)
        return super().get_state(component)

    def _load(self, component: State, raw: bytes) -> tuple[float, object] | None:
        try:
            set_at, value = pickle.loads(raw)
        except Exception:
            logger.warning("the shared value of State %s in session %s could not be read", component._id, self.hash)
            return None
        ttl = getattr(component, "time_to_live", None)
        if ttl is not None and time.time() - set_at > ttl:
            return None  # expired (its store entry is overwritten when set again)
        return float(set_at), value

    def component(self, component: Component) -> Component:
        """The session's copy of ``component`` as an update on any replica made it (read once per call)."""
        key = component._id
        if key not in self._fresh_copies:
            self._fresh_copies.add(key)
            raw = self._backend.redis.hget(self._backend.props_key(self.hash), str(key))
            if raw is not None:
                try:
                    props = pickle.loads(_as_bytes(raw))
                except Exception:
                    props = None
                if isinstance(props, dict) and props != self._props.get(key):
                    self.components.pop(key, None)
                    self._props[key] = props
                    Session.apply_update(self, component, props)
        return super().component(component)

    def apply_update(self, component: Component, props: dict[str, object]) -> Component | None:
        """As :meth:`Session.apply_update`, and the update's props go to the store for the other replicas."""
        copy = super().apply_update(component, props)
        if copy is not None:
            key = component._id
            merged = {**self._props.get(key, {}), **{k: v for k, v in props.items() if k != "value"}}
            self._props[key] = merged
            try:
                data = pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                return copy  # (props that cannot be pickled validate on this replica only)
            name = self._backend.props_key(self.hash)
            pipe = self._backend.redis.pipeline(transaction=False)
            pipe.hset(name, str(key), data)
            pipe.expire(name, self._backend.ttl)
            pipe.execute()
        return copy

    def set_state(self, component: State, value: object) -> bool:
        """Set the value; it is written to the store when the call ends."""
        self._fresh.add(component._id)
        return super().set_state(component, value)

    def flush(self) -> None:
        """Write back every State the call read or set."""
        self._fresh_copies.clear()
        keys, self._fresh = self._fresh, set()
        now_wall, now = time.time(), time.monotonic()
        mapping: dict[str, bytes] = {}
        for key in keys:
            if key in self._unshared or key not in self._state:
                continue
            set_at = now_wall - (now - self._touched.get(key, now))
            try:
                mapping[str(key)] = pickle.dumps((set_at, self._state[key]), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                self._unshared.add(key)
                logger.warning(
                    "State %s of session %s cannot be pickled (%s): it stays on this replica, so the session's "
                    "calls that use it must reach this replica",
                    key,
                    self.hash,
                    exc,
                )
        if mapping:
            name = self._backend.state_key(self.hash)
            pipe = self._backend.redis.pipeline(transaction=False)
            pipe.hset(name, mapping=cast("Any", mapping))
            pipe.expire(name, self._backend.ttl)
            pipe.execute()


class RedisSessions(SessionStore):
    """This replica's session store, with State values and owners shared through Redis."""

    def __init__(self, backend: RedisBackend, states: Mapping[int, State], **kwargs: object) -> None:
        super().__init__(states, **kwargs)  # type: ignore[arg-type]
        self._backend = backend

    def make_session(self, session_hash: str, owner: str | None, client: str, ephemeral: bool) -> Session:
        """A :class:`SharedSession`."""
        return SharedSession(self._backend, session_hash, owner, client, ephemeral)

    def open(self, session_hash: str, owner: str | None = None, client: str = "", ephemeral: bool = False) -> Session:
        """As :meth:`SessionStore.open`, and the session's owner is the same on every replica (403 otherwise)."""
        name = self._backend.session_key(session_hash)
        redis = self._backend.redis
        pipe = redis.pipeline(transaction=False)
        pipe.hsetnx(name, "owner", owner or "")
        pipe.hget(name, "owner")
        pipe.expire(name, self._backend.ttl)
        _, recorded, _ = pipe.execute()
        if _as_bytes(recorded or b"").decode() != (owner or ""):
            raise SessionRefused(403, "This session belongs to another user.")
        return super().open(session_hash, owner, client, ephemeral)

    def owner_of(self, session_hash: str) -> tuple[bool, str | None]:
        """``(exists, owner)`` on any replica."""
        exists, owner = super().owner_of(session_hash)
        if exists:
            return exists, owner
        recorded = self._backend.redis.hget(self._backend.session_key(session_hash), "owner")
        if recorded is None:
            return False, None
        return True, _as_bytes(recorded).decode() or None


#: KEYS: a pool's lease set. ARGV: now, lease expiry, lease id, the limit, the set's time to live.
#: Takes a slot if fewer than the limit hold an unexpired lease; returns 1 when taken.
_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


class RedisLimiter:
    """A pool's running calls on every replica, against its limit: a Sorted Set of leases per pool.

    Each running call holds a lease (``{p}:slots:{pool}``, scored by its expiry) that this replica
    renews while the call runs, so the slots of a replica that died come back when its leases
    expire. A released slot is announced on ``{p}:freed`` so that replicas with waiting calls take
    it at once. A pool without a limit is counted here only.
    """

    #: Seconds a lease lives without renewal (renewed every third of that).
    LEASE = 30.0

    def __init__(self, backend: RedisBackend) -> None:
        self._backend = backend
        self._script = backend.redis.register_script(_ACQUIRE)
        #: This replica's leases by pool key (unlimited pools: ``None`` entries, counted only).
        self._leases: dict[str, list[str | None]] = {}

    def _key(self, pool: str) -> str:
        return f"{self._backend.prefix}:slots:{pool}"

    def acquire(self, key: str, limit: int | None) -> bool:
        """Take a slot of ``key`` if fewer than ``limit`` calls hold one on all replicas together."""
        if limit is None:
            self._leases.setdefault(key, []).append(None)
            return True
        lease = f"{self._backend.replica}:{uuid.uuid4().hex[:12]}"
        now = time.time()
        args = [now, now + self.LEASE, lease, limit, int(self.LEASE * 4)]
        if not int(self._script(keys=[self._key(key)], args=cast("Any", args))):
            return False
        self._leases.setdefault(key, []).append(lease)
        return True

    def release(self, key: str) -> None:
        """Give back one of this replica's slots of ``key`` and tell the other replicas."""
        leases = self._leases.get(key)
        if not leases:
            return
        lease = leases.pop()
        if not leases:
            del self._leases[key]
        if lease is None:
            return
        pipe = self._backend.redis.pipeline(transaction=False)
        pipe.zrem(self._key(key), lease)
        pipe.publish(f"{self._backend.prefix}:freed", key)
        pipe.execute()

    def active(self, key: str) -> int:
        """Calls of ``key`` holding a slot, on every replica (this replica's, for an unlimited pool)."""
        mine = self._leases.get(key, [])
        if mine and mine[0] is None:
            return len(mine)
        return int(self._backend.redis.zcount(self._key(key), time.time(), "+inf"))

    async def renew(self) -> None:
        """Renew this replica's leases every third of their life, until cancelled."""
        while True:
            await asyncio.sleep(self.LEASE / 3)
            expiry = time.time() + self.LEASE
            pipe = self._backend.redis.pipeline(transaction=False)
            for key, leases in list(self._leases.items()):
                for lease in leases:
                    if lease is not None:
                        pipe.zadd(self._key(key), {lease: expiry}, xx=True)
            try:
                pipe.execute()
            except Exception as exc:
                logger.warning("renewing this replica's concurrency leases failed: %s", exc)


class RedisControl:
    """The :class:`~trellis.queue.backend.Control` of replicas on Redis.

    Events by id in ``{p}:event:{id}`` (a Hash: replica, session, owner, inputs, stream), and
    operations for them published on the running replica's channel ``{p}:control:{replica}``.
    """

    def __init__(self, backend: RedisBackend) -> None:
        self._backend = backend

    def _key(self, event_id: str) -> str:
        return f"{self._backend.prefix}:event:{event_id}"

    def register(self, event_id: str, session_hash: str, owner: str | None, inputs: int, stream: bool) -> None:
        """Record an event of this replica."""
        fields = {
            "replica": self._backend.replica,
            "session": session_hash,
            "owner": owner or "",
            "inputs": inputs,
            "stream": int(stream),
        }
        pipe = self._backend.redis.pipeline(transaction=False)
        pipe.hset(self._key(event_id), mapping=cast("Any", fields))
        pipe.expire(self._key(event_id), self._backend.ttl)
        pipe.execute()

    def forget(self, event_id: str) -> None:
        """An event of this replica ended."""
        self._backend.redis.delete(self._key(event_id))

    def lookup(self, event_id: str) -> RemoteEvent | None:
        """An unfinished event of any replica."""
        if not event_id or len(event_id) > 128:
            return None
        found = {
            _as_bytes(k).decode(): _as_bytes(v).decode()
            for k, v in self._backend.redis.hgetall(self._key(event_id)).items()
        }
        if not found.get("session"):
            return None
        return RemoteEvent(
            found["session"], found.get("owner") or None, int(found.get("inputs") or 0), found.get("stream") == "1"
        )

    def send(self, event_id: str, op: str, payload: dict[str, Any]) -> None:
        """Publish ``op`` to the replica running ``event_id``."""
        replica = self._backend.redis.hget(self._key(event_id), "replica")
        if replica is not None:
            channel = f"{self._backend.prefix}:control:{_as_bytes(replica).decode()}"
            self._backend.redis.publish(channel, orjson.dumps({"event": event_id, "op": op, "payload": payload}))

    async def receive(self, handle: Callable[[str, str, dict[str, Any]], None]) -> None:
        """Deliver what is published to this replica's channel, until cancelled (reconnecting on errors)."""
        channel = f"{self._backend.prefix}:control:{self._backend.replica}"
        freed = f"{self._backend.prefix}:freed"
        renewing = asyncio.ensure_future(self._backend.limiter.renew())
        try:
            await self._listen(channel, freed, handle)
        finally:
            renewing.cancel()

    async def _listen(self, channel: str, freed: str, handle: Callable[[str, str, dict[str, Any]], None]) -> None:
        while True:
            pubsub = self._backend.async_redis().pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(channel, freed)
                async for message in pubsub.listen():
                    try:
                        if _as_bytes(message["channel"]).decode() == freed:
                            # A slot of a pool came free on some replica: "" is no event.
                            handle("", "freed", {"pool": _as_bytes(message["data"]).decode()})
                            continue
                        body = orjson.loads(message["data"])
                        handle(str(body["event"]), str(body["op"]), dict(body.get("payload") or {}))
                    except Exception:
                        logger.exception("a control message for this replica could not be handled")
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.warning("the control channel of this replica dropped (%s); reconnecting", exc)
                await asyncio.sleep(1.0)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    # -- /call REST events, read through another replica --------------------------------------
    def _rest_key(self, event_id: str) -> str:
        return f"{self._backend.prefix}:rest:{event_id}"

    def rest_put(self, event_id: str, owner: str | None, message: bytes, final: bool, ttl: float) -> None:
        """Add a message to the event's Stream ``{p}:rest:{id}`` (kept ``ttl`` seconds)."""
        key = self._rest_key(event_id)
        pipe = self._backend.redis.pipeline(transaction=False)
        pipe.xadd(key, {"m": message, "f": int(final), "o": owner or ""})
        pipe.expire(key, max(1, int(ttl)))
        pipe.execute()

    def rest_owner(self, event_id: str) -> tuple[bool, str | None]:
        """Whether the event's messages are kept, and its owner."""
        if not event_id or len(event_id) > 128:
            return False, None
        first: Any = self._backend.redis.xrange(self._rest_key(event_id), count=1)
        if not first:
            return False, None
        return True, _as_bytes(first[0][1].get(b"o", b"")).decode() or None

    async def rest_read(self, event_id: str, heartbeat: float) -> AsyncIterator[bytes]:
        """The event's messages as they are added, to the last one."""
        key = self._rest_key(event_id)
        client = self._backend.async_redis()
        position = "0-0"
        while True:
            answer: Any = await client.xread({key: position}, count=100, block=max(1, int(heartbeat * 1000)))
            if not answer:
                yield b"event: heartbeat\ndata: null\n\n"
                continue
            for entry_id, fields in answer[0][1]:
                position = _as_bytes(entry_id).decode()
                if fields[b"m"]:  # (the empty entry that starts the stream is no message)
                    yield fields[b"m"]
                if fields.get(b"f") == b"1":
                    return


class RedisBackend:
    """Replicas of one app sharing their session logs through one Redis.

    A listener's ``concurrency_limit`` holds for all replicas together; each replica's waiting
    line stays its own (first come, first served within a replica; a freed slot goes to whichever
    replica takes it first).
    """

    def __init__(
        self, url: str = DEFAULT_URL, prefix: str = "trellis", ttl: int = DEFAULT_TTL, presence_ttl: float = 45.0
    ) -> None:
        try:
            import redis
        except ImportError as exc:
            raise ImportError("the Redis backend needs the redis package: pip install 'trellis[redis]'") from exc

        self.url = url
        self.prefix = prefix
        self.ttl = ttl
        #: This process among the replicas (its presence entries are keyed by it).
        self.replica = uuid.uuid4().hex[:12]
        #: Seconds a presence entry lives without a refresh (a stream refreshes it at least every 10 s).
        self.presence_ttl = presence_ttl
        self.redis: redis.Redis = redis.Redis.from_url(url)
        try:
            self.redis.ping()  # refuse to start without the shared store
        except redis.RedisError as exc:
            raise ConnectionError(f"cannot reach Redis at {url}: {exc}") from exc
        self.append_script = self.redis.register_script(_APPEND)
        self.delivered_script = self.redis.register_script(_DELIVERED)
        self._async: dict[int, redis.asyncio.Redis] = {}
        self._limiter = RedisLimiter(self)
        self._closing: list[asyncio.Task[None]] = []
        self._control = RedisControl(self)

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
    ) -> RedisSessions:
        """This replica's session store, with State values and owners in Redis."""
        return RedisSessions(
            self, states, expire_after=expire_after, capacity=capacity, per_client=per_client, on_drop=on_drop
        )

    def state_key(self, session_hash: str) -> str:
        """The Hash of a session's State values."""
        return f"{self.prefix}:state:{session_hash}"

    def props_key(self, session_hash: str) -> str:
        """The Hash of the props of updates that changed what a session's components accept."""
        return f"{self.prefix}:props:{session_hash}"

    def session_key(self, session_hash: str) -> str:
        """The Hash of a session's facts (its owner)."""
        return f"{self.prefix}:session:{session_hash}"

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
    def limiter(self) -> RedisLimiter:
        """Running calls per pool on all replicas together."""
        return self._limiter

    @property
    def control(self) -> RedisControl:
        """Events of every replica, and operations sent to them."""
        return self._control

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
    """The backend ``TRELLIS_REDIS_URL``, ``_PREFIX``, ``_TTL`` and ``_PRESENCE_TTL`` describe.

    ``TRELLIS_REDIS_PRESENCE_TTL`` (seconds, 45): how long a replica's claim to hold a client's stream
    lasts without a refresh, after a replica dies mid-stream; keep it above 10 s in production.
    """
    ttl_text = os.environ.get("TRELLIS_REDIS_TTL", "").strip()
    try:
        presence = float(os.environ.get("TRELLIS_REDIS_PRESENCE_TTL", "") or 45.0)
    except ValueError:
        presence = 45.0
    return RedisBackend(
        url=os.environ.get("TRELLIS_REDIS_URL", "").strip() or DEFAULT_URL,
        prefix=os.environ.get("TRELLIS_REDIS_PREFIX", "").strip() or "trellis",
        ttl=int(ttl_text) if ttl_text.isdigit() and int(ttl_text) > 0 else DEFAULT_TTL,
        presence_ttl=presence if presence > 0 else 45.0,
    )
