"""Per-session server state: ``gr.State`` values and component props changed by updates.

A session is keyed by the ``session_hash`` its client chose (:func:`valid_session_hash`
bounds its length and characters). It belongs to the user who opened it, when login is on:
another user's request for the same hash is refused. Values of a session whose client has
gone are dropped after ``expire_after`` seconds (one hour, as in Gradio);
``State(time_to_live=...)`` drops single values sooner.

The store is bounded in all and per client (a logged-in user, else an address). When it is full,
only an anonymous session with no open stream, heartbeat or pending event may make room; otherwise
the new session is refused (:class:`SessionRefused`, 503). A client at its share replaces its own
least recently used idle session, and is refused with 429 when all of its sessions are live. A live
or logged-in user's State is never dropped to make room for somebody else.
"""

from __future__ import annotations

import collections
import inspect
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from trellis.exceptions import Refused
from trellis.processing.tables import TableStore

if TYPE_CHECKING:
    from trellis.components.base import Component
    from trellis.components.state import State

logger = logging.getLogger("trellis")

#: Props that change what ``preprocess`` accepts: an update that sets one of them
#: gives the session its own copy of the component.
VALIDATING_PROPS = frozenset(
    {
        "choices",
        "minimum",
        "maximum",
        "precision",
        "multiselect",
        "type",
        "allow_custom_value",
        "max_choices",
        "file_types",
        "file_count",
        "max_length",
        "samples",
        "root_dir",
        "glob",
        "ignore_glob",
        "speakers",
        "separator",
    }
)


#: What a session hash may be: the official clients send a uuid4 (Python) or a base-36 string (JS).
_SESSION_HASH = re.compile(r"[A-Za-z0-9_-]{1,128}")


def valid_session_hash(value: object) -> bool:
    """Whether ``value`` is a usable session hash: 1 to 128 letters, digits, ``-`` or ``_``."""
    return isinstance(value, str) and _SESSION_HASH.fullmatch(value) is not None


SESSION_HASH_RULE = "session_hash must be 1 to 128 letters, digits, '-' or '_'."


class SessionRefused(Refused):
    """A session the caller may not open or use (``retry_after``: seconds to tell the client to wait)."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(status, message)
        self.retry_after = retry_after


class Session:
    """State values and per-session component copies of one client session."""

    __slots__ = (
        "_state",
        "_touched",
        "client",
        "closed_at",
        "components",
        "ephemeral",
        "hash",
        "last_used",
        "link_props",
        "owner",
        "renders",
        "tables",
    )

    def __init__(self, session_hash: str, owner: str | None = None, client: str = "", ephemeral: bool = False) -> None:
        self.hash = session_hash
        #: The logged-in user who opened the session (``None`` without login).
        self.owner = owner
        #: Whose share of the store it counts against (the user, else the client's address).
        self.client = client
        #: Opened for one REST call without a session hash: dropped when that call ends.
        self.ephemeral = ephemeral
        self._state: dict[int, Any] = {}
        self._touched: dict[int, float] = {}
        self.components: dict[int, Component] = {}
        #: What the session's events sent to or received for each component (props by name), for deep links.
        self.link_props: dict[int, dict[str, Any]] = {}
        #: Big tables the page sees in windows (the whole values stay here).
        self.tables = TableStore()
        #: What ``gr.render`` runs made for this session (a ``trellis.processing.rendered.SessionRenders``).
        self.renders: Any = None
        self.last_used = time.monotonic()
        self.closed_at: float | None = None

    def get_state(self, component: State) -> Any:
        """The session's value of a State (its initial value, copied, on first use)."""
        key = component._id
        if key not in self._state:
            self._state[key] = component.fresh_value()
            self._touched[key] = time.monotonic()
        return self._state[key]

    def set_state(self, component: State, value: Any) -> bool:
        """Store a value; returns True when it differs from the previous one."""
        key = component._id
        previous = self._state.get(key, _MISSING)
        self._state[key] = value
        self._touched[key] = time.monotonic()
        if previous is _MISSING:
            # Compared with the initial value, as a change event would see it (a callable one always differs).
            initial = getattr(component, "value", None)
            if callable(initial) or getattr(component, "value_factory", None) is not None:
                return True
            previous = initial
        try:
            return bool(previous != value)
        except Exception:
            return previous is not value

    def flush(self) -> None:
        """A call of the session ended: a session shared by several processes writes its State back."""

    def component(self, component: Component) -> Component:
        """The session's copy of ``component`` if an update changed its validating props."""
        return self.components.get(component._id, component)

    def apply_update(self, component: Component, props: dict[str, Any]) -> Component | None:
        """Give the session its own copy of ``component`` when ``props`` change what it accepts.

        Returns the copy (whose attributes hold the normalised props), or ``None``.
        """
        if not VALIDATING_PROPS.intersection(props):
            return None
        base = self.components.get(component._id, component)
        explicit = dict(getattr(base, "_explicit", {}))
        allowed = set(inspect.signature(type(base).__init__).parameters)
        for key, value in props.items():
            if key in allowed and key != "value":
                explicit[key] = value
        explicit["render"] = False
        explicit.pop("value", None)
        try:
            copy = type(base)(**{k: v for k, v in explicit.items() if k in allowed})
        except Exception:  # an update the constructor refuses: keep validating against the original
            logger.debug("could not apply update %r to %r", props, component, exc_info=True)
            return None
        copy._id = component._id
        self.components[component._id] = copy
        return copy

    def _state_block(self, states: Mapping[int, State], key: int) -> State | None:
        """The State ``key`` of the app, or one a ``gr.render`` run of this session made."""
        state = states.get(key)
        if state is None and self.renders is not None:
            state = self.renders.states.get(key)
        return state

    def expire_values(self, states: Mapping[int, State], now: float) -> None:
        """Delete the State values not touched for longer than their ``time_to_live``."""
        for key, touched in list(self._touched.items()):
            state = self._state_block(states, key)
            ttl = state.time_to_live if state is not None else None
            if ttl is not None and now - touched > ttl:
                _delete(state, self._state.pop(key, None))
                self._touched.pop(key, None)

    def drop(self, states: Mapping[int, State]) -> None:
        """Delete every State value (their ``delete_callback`` runs) and the session's component copies."""
        for key, value in self._state.items():
            _delete(self._state_block(states, key), value)
        self._state.clear()
        self.components.clear()
        self.tables.clear()


_MISSING = object()


def _delete(state: State | None, value: Any) -> None:
    callback: Callable[[Any], None] | None = getattr(state, "delete_callback", None)
    if callback is not None:
        try:
            callback(value)
        except Exception:
            logger.exception("delete_callback of %r failed", state)


class SessionStore:
    """All sessions of one app, bounded in all and per client; thread-safe."""

    def __init__(
        self,
        states: Mapping[int, State],
        expire_after: float = 3600.0,
        capacity: int = 10000,
        on_drop: Callable[[Session], object] | None = None,
        per_client: int | None = None,
    ) -> None:
        self.states = states
        self.on_drop = on_drop
        self.expire_after = expire_after
        self.capacity = capacity
        self.per_client = per_client if per_client is not None else capacity
        #: ``busy(hash)``: whether the session has an open stream, heartbeat or pending event (set by the queue).
        self.busy: Callable[[str], bool] = lambda session_hash: False
        #: Least recently used first.
        self._sessions: collections.OrderedDict[str, Session] = collections.OrderedDict()
        #: Each client's sessions (a client is a logged-in user, else an address).
        self._clients: dict[str, dict[str, Session]] = {}
        self._lock = threading.Lock()
        self.evicted = 0

    def make_session(self, session_hash: str, owner: str | None, client: str, ephemeral: bool) -> Session:
        """A new session object (a shared store makes its own kind); called under the store's lock."""
        return Session(session_hash, owner, client, ephemeral)

    def open(self, session_hash: str, owner: str | None = None, client: str = "", ephemeral: bool = False) -> Session:
        """The session ``session_hash`` for ``owner``, created if new.

        Raises :class:`SessionRefused`: 403 when it belongs to another user, 429 when ``client``
        holds its share of sessions, 503 when the store is full of sessions it may not drop.
        """
        evicted: list[Session] = []
        with self._lock:
            session = self._sessions.get(session_hash)
            if session is not None:
                if session.owner != owner:
                    raise SessionRefused(403, "This session belongs to another user.")
                self._sessions.move_to_end(session_hash)
            else:
                key = f"user:{owner}" if owner is not None else f"client:{client}"
                mine = self._clients.setdefault(key, {})
                if len(mine) >= self.per_client:
                    # A client at its share may replace its own idle sessions (a script opening one
                    # client after another), never hold more live ones.
                    own = self._evict_own_idle(mine)
                    if own is None:
                        raise SessionRefused(
                            429, f"Too many open sessions for one client (at most {self.per_client}).", 60
                        )
                    evicted.append(own)
                elif len(self._sessions) >= self.capacity:
                    other = self._evict_idle()
                    if other is None:
                        raise SessionRefused(
                            503, f"The server holds as many sessions as it can ({self.capacity}); try again later.", 60
                        )
                    evicted.append(other)
                session = self._sessions[session_hash] = self.make_session(session_hash, owner, key, ephemeral)
                mine[session_hash] = session
        if evicted:
            self._dropped(evicted)
        session.last_used = time.monotonic()
        session.closed_at = None
        return session

    def get(self, session_hash: str) -> Session:
        """The session ``session_hash``, created (anonymous) if new: for code that has no request."""
        return self.open(session_hash)

    def peek(self, session_hash: str) -> Session | None:
        """The session ``session_hash``, or ``None``, without creating or touching it."""
        return self._sessions.get(session_hash)

    def owner_of(self, session_hash: str) -> tuple[bool, str | None]:
        """``(exists, owner)`` of a session, without touching it."""
        session = self._sessions.get(session_hash)
        return (False, None) if session is None else (True, session.owner)

    def mark_closed(self, session_hash: str) -> None:
        """Note that a session's last stream closed (it is dropped if it stays idle)."""
        session = self._sessions.get(session_hash)
        if session is not None:
            session.closed_at = time.monotonic()

    def discard(self, session_hash: str) -> None:
        """Drop a session now (its State values' delete callbacks run)."""
        with self._lock:
            session = self._sessions.pop(session_hash, None)
            if session is None:
                return
            self._release(session)
        self._dropped([session])

    def cleanup(self) -> int:
        """Drop expired sessions and values; returns how many sessions were dropped."""
        now = time.monotonic()
        dropped: list[Session] = []
        with self._lock:
            for key, session in list(self._sessions.items()):
                if self.busy(key):
                    session.last_used = now  # a live client: its session does not age
                    session.expire_values(self.states, now)
                    continue
                idle_since = session.closed_at if session.closed_at is not None else session.last_used
                if now - idle_since > self.expire_after:
                    del self._sessions[key]
                    self._release(session)
                    dropped.append(session)
                else:
                    session.expire_values(self.states, now)
        self._dropped(dropped)
        return len(dropped)

    #: How many of the least recently used sessions a full store looks at for one it may drop.
    EVICTION_SCAN = 512

    def _evict_idle(self) -> Session | None:
        """Drop the least recently used anonymous session with no live client; ``None`` if none may go."""
        for scanned, (key, session) in enumerate(self._sessions.items()):
            if scanned >= self.EVICTION_SCAN:
                break
            if session.owner is None and not self.busy(key):
                del self._sessions[key]
                self._release(session)
                self.evicted += 1
                if self.evicted == 1 or self.evicted % 1000 == 0:
                    logger.warning(
                        "The session store is full (%d); dropped idle session %s to make room (%d so far). "
                        "Raise launch(state_session_capacity=...) if this app has that many users.",
                        self.capacity,
                        key,
                        self.evicted,
                    )
                return session
        return None

    def _evict_own_idle(self, mine: dict[str, Session]) -> Session | None:
        """Drop the least recently used of a client's own sessions that has no live client."""
        idle = [s for key, s in mine.items() if not self.busy(key)]
        if not idle:
            return None
        oldest = min(idle, key=lambda s: s.last_used)
        del self._sessions[oldest.hash]
        self._release(oldest)
        return oldest

    def _release(self, session: Session) -> None:
        mine = self._clients.get(session.client)
        if mine is not None:
            mine.pop(session.hash, None)
            if not mine:
                del self._clients[session.client]

    def _dropped(self, sessions: list[Session]) -> None:
        """Drop the values of ended sessions and tell ``on_drop``.

        Called outside the lock: user callbacks run and the disk is touched.
        """
        for session in sessions:
            session.drop(self.states)
            if self.on_drop is None:
                continue
            try:
                self.on_drop(session)
            except Exception:
                logger.exception("cleaning up after session %s failed", session.hash)

    def __len__(self) -> int:
        return len(self._sessions)
