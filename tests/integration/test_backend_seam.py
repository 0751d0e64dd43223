"""The backend seam (``trellis/queue/backend.py``): the queue keeps its stores only through a ``Backend``.

The in-memory parts are checked on their own, then a real server is started with
``TRELLIS_BACKEND=module:factory`` naming a backend defined here. It wraps the memory backend,
records what the queue asks of it, and its limiter allows one running call per pool although the
listener sets no limit: calls that overlap on the default backend must run one after another on
this one, every message of a session must come from that session's log (its ``seq``), and each
waiting event must have passed through its pool's job line.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from conftest import completed, fn_index, http_client, join, read_stream, serve

import trellis as gr
from trellis.processing.session import Session, SessionStore
from trellis.queue.backend import (
    BackendSettingError,
    MemoryBackend,
    MemoryJobLine,
    MemoryLimiter,
    backend_from_setting,
)
from trellis.queue.log import MemoryLog

# -- the in-memory parts -----------------------------------------------------------------


def test_memory_job_line_is_first_in_first_out_and_removes_anywhere() -> None:
    line = MemoryJobLine()
    assert line.pop() is None and len(line) == 0
    assert [line.push(job) for job in ("a", "b", "c", "d")] == [1, 2, 3, 4]
    assert line.remove("c") is True and line.remove("c") is False and line.remove("zz") is False
    snapshot = iter(line)
    assert line.pop() == "a"
    assert list(snapshot) == ["a", "b", "d"]  # a snapshot: the pop does not disturb a walk in progress
    assert list(line) == ["b", "d"] and len(line) == 2
    assert line.pop() == "b" and line.pop() == "d" and line.pop() is None


def test_memory_limiter_counts_slots_per_pool_against_the_limit() -> None:
    limiter = MemoryLimiter()
    assert limiter.acquire("p", 2) and limiter.acquire("p", 2)
    assert not limiter.acquire("p", 2)
    assert limiter.acquire("other", 1) and not limiter.acquire("other", 1)
    assert limiter.active("p") == 2 and limiter.active("other") == 1 and limiter.active("none") == 0
    limiter.release("p")
    assert limiter.active("p") == 1 and limiter.acquire("p", 2)
    assert all(limiter.acquire("free", None) for _ in range(50)) and limiter.active("free") == 50
    for _ in range(50):
        limiter.release("free")
    assert limiter.active("free") == 0


def test_backend_setting_names_memory_or_a_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRELLIS_BACKEND", raising=False)
    assert isinstance(backend_from_setting(), MemoryBackend)
    assert isinstance(backend_from_setting(" memory "), MemoryBackend)
    backend = backend_from_setting(f"{__name__}:RecordingBackend")
    assert isinstance(backend, RecordingBackend)
    for bad in ("redis", "no_such_module_here:make", f"{__name__}:no_such_factory", f"{__name__}:NotABackend"):
        with pytest.raises(BackendSettingError, match="TRELLIS_BACKEND"):
            backend_from_setting(bad)


def test_memory_backend_makes_fresh_stores_with_the_environment_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRELLIS_RESUME_MAX_MESSAGES", "7")
    backend = MemoryBackend()
    first, second = backend.message_log("s1"), backend.message_log("s2")
    assert isinstance(first, MemoryLog) and first is not second and first.max_messages == 7
    assert first.append(b'data: {"msg":"x"}\n\n') == 1 and second.last_seq == 0
    assert backend.job_line("a") is not backend.job_line("a")
    assert backend.limiter is backend.limiter
    store = backend.sessions({}, expire_after=5.0, capacity=3, per_client=2, on_drop=None)
    assert isinstance(store, SessionStore) and store.expire_after == 5.0 and store.capacity == 3


# -- a server on another backend ---------------------------------------------------------------


class NotABackend:
    """Lacks the interface: the setting is refused."""


class OnePerPoolLimiter(MemoryLimiter):
    """At most one running call per pool, whatever limit the listener asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, int | None]] = []

    def acquire(self, key: str, limit: int | None) -> bool:
        self.asked.append((key, limit))
        return super().acquire(key, 1)


class RecordingLine(MemoryJobLine):
    def __init__(self, pushed: list[str]) -> None:
        super().__init__()
        self.pushed = pushed

    def push(self, job_id: str) -> int:
        self.pushed.append(job_id)
        return super().push(job_id)


class RecordingBackend(MemoryBackend):
    """The memory backend, recording what the queue asks of it, with a one-call-per-pool limiter."""

    made: list[RecordingBackend] = []

    def __init__(self) -> None:
        super().__init__()
        self._limiter = OnePerPoolLimiter()
        self.logs: dict[str, MemoryLog] = {}
        self.pools: list[str] = []
        self.pushed: list[str] = []
        self.stores: list[SessionStore] = []
        self.closed = False
        RecordingBackend.made.append(self)

    def sessions(
        self,
        states: Mapping[int, Any],
        *,
        expire_after: float,
        capacity: int,
        per_client: int | None,
        on_drop: Callable[[Session], object] | None,
    ) -> SessionStore:
        store = super().sessions(
            states, expire_after=expire_after, capacity=capacity, per_client=per_client, on_drop=on_drop
        )
        self.stores.append(store)
        return store

    def message_log(self, session_hash: str) -> MemoryLog:
        log = self.logs[session_hash] = super().message_log(session_hash)
        return log

    def job_line(self, pool_key: str) -> RecordingLine:
        self.pools.append(pool_key)
        return RecordingLine(self.pushed)

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def recording_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, RecordingBackend, dict[str, Any]]]:
    running = {"now": 0, "most": 0}
    lock = threading.Lock()

    def slow(text: str) -> str:
        with lock:
            running["now"] += 1
            running["most"] = max(running["most"], running["now"])
        time.sleep(0.3)
        with lock:
            running["now"] -= 1
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.State(0)
        box.submit(slow, box, out, api_name="slow", concurrency_limit=None)

    RecordingBackend.made.clear()
    monkeypatch.setenv("TRELLIS_BACKEND", f"{__name__}:RecordingBackend")
    with serve(demo) as url:
        assert len(RecordingBackend.made) == 1
        yield url, RecordingBackend.made[0], running
    assert RecordingBackend.made[0].closed, "the backend was not closed with the server"


def test_the_queue_keeps_its_lines_limits_logs_and_sessions_in_the_configured_backend(
    recording_server: tuple[str, RecordingBackend, dict[str, Any]],
) -> None:
    url, backend, running = recording_server
    fn = fn_index(url, "slow")
    sessions = [uuid.uuid4().hex for _ in range(3)]
    results: dict[str, list[dict[str, Any]]] = {}

    def call(session_hash: str, text: str) -> None:
        with http_client(url) as http:
            response = join(http, fn, [text], session_hash)
            assert response.status_code == 200, response.text
            results[session_hash] = read_stream(http, session_hash)

    threads = [threading.Thread(target=call, args=(s, f"word {i}")) for i, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert set(results) == set(sessions)

    # The backend's limiter decided: one call at a time, although the listener has no limit.
    assert running["most"] == 1, running
    assert backend.limiter.asked and all(limit is None for _, limit in backend.limiter.asked)
    assert backend.limiter.active("slow") == 0 and all(backend.limiter.active(k) == 0 for k in backend.pools)
    # Every event lined up in its pool's line from the backend.
    assert len(backend.pushed) == 3 and len(backend.pools) >= 1
    # The session store is the backend's, and each session's messages are its log's.
    assert len(backend.stores) == 1 and all(backend.stores[0].peek(s) is not None for s in sessions)
    for i, session_hash in enumerate(sessions):
        messages = results[session_hash]
        logged = [m for m in messages if m["msg"] not in ("close_stream", "heartbeat")]
        final = completed(logged)
        assert final["output"]["data"] == [f"WORD {i}"]
        assert final["event_id"] in backend.pushed
        log = backend.logs[session_hash]
        assert [m["seq"] for m in logged] == list(range(1, log.last_seq + 1))
