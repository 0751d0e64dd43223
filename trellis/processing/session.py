"""Per-session server state: ``gr.State`` values and component props changed by updates.

A session is keyed by the ``session_hash`` its client chose. Values of a session
whose client has gone are dropped after ``expire_after`` seconds (one hour, as in
Gradio); ``State(time_to_live=...)`` drops single values sooner.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
    }
)


class Session:
    """State values and per-session component copies of one client session."""

    __slots__ = ("_state", "_touched", "closed_at", "components", "hash", "last_used")

    def __init__(self, session_hash: str) -> None:
        self.hash = session_hash
        self._state: dict[int, Any] = {}
        self._touched: dict[int, float] = {}
        self.components: dict[int, Component] = {}
        self.last_used = time.monotonic()
        self.closed_at: float | None = None

    def get_state(self, component: State) -> Any:
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
        signature = type(base)._signature
        allowed = set(signature.parameters) if signature is not None else set()
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

    def expire_values(self, states: dict[int, State], now: float) -> None:
        for key, touched in list(self._touched.items()):
            state = states.get(key)
            ttl = state.time_to_live if state is not None else None
            if ttl is not None and now - touched > ttl:
                _delete(state, self._state.pop(key, None))
                self._touched.pop(key, None)

    def drop(self, states: dict[int, State]) -> None:
        for key, value in self._state.items():
            _delete(states.get(key), value)
        self._state.clear()
        self.components.clear()


_MISSING = object()


def _delete(state: State | None, value: Any) -> None:
    callback: Callable[[Any], None] | None = getattr(state, "delete_callback", None)
    if callback is not None:
        try:
            callback(value)
        except Exception:
            logger.exception("delete_callback of %r failed", state)


class SessionStore:
    """All sessions of one app; thread-safe."""

    def __init__(
        self,
        states: dict[int, State],
        expire_after: float = 3600.0,
        capacity: int = 10000,
        on_drop: Callable[[str], object] | None = None,
    ) -> None:
        self.states = states
        self.on_drop = on_drop
        self.expire_after = expire_after
        self.capacity = capacity
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, session_hash: str) -> Session:
        session = self._sessions.get(session_hash)
        if session is None:
            with self._lock:
                session = self._sessions.get(session_hash)
                evicted: str | None = None
                if session is None:
                    session = self._sessions[session_hash] = Session(session_hash)
                    if len(self._sessions) > self.capacity:
                        evicted = self._evict_oldest()
            if evicted is not None:
                self._dropped([evicted])
        session.last_used = time.monotonic()
        session.closed_at = None
        return session

    def peek(self, session_hash: str) -> Session | None:
        return self._sessions.get(session_hash)

    def mark_closed(self, session_hash: str) -> None:
        session = self._sessions.get(session_hash)
        if session is not None:
            session.closed_at = time.monotonic()

    def cleanup(self) -> int:
        """Drop expired sessions and values; returns how many sessions were dropped."""
        now = time.monotonic()
        dropped: list[str] = []
        with self._lock:
            for key, session in list(self._sessions.items()):
                idle_since = session.closed_at if session.closed_at is not None else session.last_used
                if now - idle_since > self.expire_after:
                    session.drop(self.states)
                    del self._sessions[key]
                    dropped.append(key)
                else:
                    session.expire_values(self.states, now)
        self._dropped(dropped)
        return len(dropped)

    def _evict_oldest(self) -> str:
        oldest = min(self._sessions.values(), key=lambda s: s.last_used)
        oldest.drop(self.states)
        del self._sessions[oldest.hash]
        return oldest.hash

    def _dropped(self, hashes: list[str]) -> None:
        """Tell ``on_drop`` about ended sessions (outside the lock: it may touch the disk)."""
        if self.on_drop is None:
            return
        for session_hash in hashes:
            try:
                self.on_drop(session_hash)
            except Exception:
                logger.exception("cleaning up after session %s failed", session_hash)

    def __len__(self) -> int:
        return len(self._sessions)
