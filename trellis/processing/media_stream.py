"""Streamed media outputs: what a generator yields into ``Audio(streaming=True)`` becomes an HLS stream.

Each run of a generator (one event) opens one :class:`MediaStream` per streaming output. The
component's encoder turns every yielded chunk into whole encoded segments (MP3 frames for audio)
that are added here as they come; clients read them through the playlist route
(``/gradio_api/stream/<session>/<run>/<component>/playlist.m3u8``), which supports HLS blocking
playlist reloads (``?_HLS_msn=N`` waits until segment ``N`` exists or the stream ends), so a
player learns of a new segment as soon as it is encoded instead of polling.

When the generator ends, the stream is marked ended (the playlist gets ``#EXT-X-ENDLIST``) and the
whole encoded file is stored in the file cache, where ``playlist-file`` and the event's final
value point. Streams belong to their session and are dropped with it; a session keeps its last
:data:`RUNS_PER_SESSION` runs.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

#: Streamed runs kept per session (older ones are dropped when a new one opens).
RUNS_PER_SESSION = 16


class StreamEncoder(Protocol):
    """What a streaming output component gives the runner for one run."""

    extension: str
    mime_type: str

    def feed(self, value: Any) -> tuple[bytes, float]:
        """Encode one yielded value; returns the completed segment bytes and their duration (s)."""
        ...

    def close(self) -> tuple[bytes, float]:
        """Flush the encoder; returns the last bytes and their duration."""
        ...

    def complete(self) -> bytes:
        """The whole encoded file, once closed."""
        ...


@dataclass
class Segment:
    """One encoded piece of a stream: its position, bytes and duration in seconds."""

    index: int
    data: bytes
    duration: float


@dataclass
class MediaStream:
    """The segments of one streaming output of one run, and who waits for more."""

    extension: str
    mime_type: str
    #: The whole file's name (``audio-stream.mp3``).
    name: str = "stream"
    segments: list[Segment] = field(default_factory=list)
    ended: bool = False
    #: The whole file in the cache, once the run has ended.
    combined_path: Path | None = None
    created: float = field(default_factory=time.monotonic)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = field(default_factory=list)

    def add(self, data: bytes, duration: float) -> None:
        """Add a segment (from any thread) and wake the playlist requests waiting for it."""
        if not data:
            return
        with self._lock:
            if self.ended:
                return
            self.segments.append(Segment(len(self.segments), data, duration))
        self._wake()

    def end(self, combined_path: Path | None = None) -> None:
        """Mark the stream ended (the whole file is at ``combined_path``, when given) and wake its waiters."""
        with self._lock:
            self.ended = True
            if combined_path is not None:
                self.combined_path = combined_path
        self._wake()

    def _wake(self) -> None:
        with self._lock:
            waiters, self._waiters = self._waiters, []
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # that loop is closed
                pass

    async def wait_for(self, count: int, timeout: float) -> None:
        """Return once the stream has more than ``count`` segments or has ended (or after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if len(self.segments) > count or self.ended:
                    return
                event = asyncio.Event()
                self._waiters.append((asyncio.get_running_loop(), event))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                await asyncio.wait_for(event.wait(), timeout=remaining)
            except asyncio.TimeoutError:
                return

    def segment(self, index: int) -> Segment | None:
        """Segment ``index``, or ``None`` if it does not exist (yet)."""
        with self._lock:
            return self.segments[index] if 0 <= index < len(self.segments) else None

    def playlist(self, query: str = "") -> str:
        """The HLS media playlist: every segment so far, and ``#EXT-X-ENDLIST`` once ended."""
        with self._lock:
            segments = list(self.segments)
            ended = self.ended
        target = max((s.duration for s in segments), default=1.0)
        lines = [
            "#EXTM3U",
            "#EXT-X-VERSION:4",
            "#EXT-X-PLAYLIST-TYPE:EVENT",
            f"#EXT-X-TARGETDURATION:{max(1, math.ceil(target))}",
            "#EXT-X-MEDIA-SEQUENCE:0",
            "#EXT-X-START:TIME-OFFSET=0",
        ]
        suffix = f"?{query}" if query else ""
        for segment in segments:
            lines.append(f"#EXTINF:{segment.duration:.6f},")
            lines.append(f"{segment.index}.{self.extension}{suffix}")
        if ended:
            lines.append("#EXT-X-ENDLIST")
        return "\n".join(lines) + "\n"


class MediaStreams:
    """Every open stream of one app, by session, run and component id."""

    def __init__(self, runs_per_session: int = RUNS_PER_SESSION) -> None:
        self.runs_per_session = runs_per_session
        self._lock = threading.Lock()
        self._sessions: dict[str, OrderedDict[str, dict[int, MediaStream]]] = {}

    def open(
        self, session_hash: str, run: str, component_id: int, extension: str, mime_type: str, name: str = "stream"
    ) -> MediaStream:
        """The stream of one output of one run, created if new (a session keeps its latest runs' streams)."""
        with self._lock:
            runs = self._sessions.setdefault(session_hash, OrderedDict())
            streams = runs.get(run)
            if streams is None:
                streams = runs[run] = {}
                while len(runs) > self.runs_per_session:
                    _, old = runs.popitem(last=False)
                    for expired in old.values():
                        expired.end()
            stream = streams.get(component_id)
            if stream is None:
                stream = streams[component_id] = MediaStream(extension, mime_type, name)
            return stream

    def get(self, session_hash: str, run: str, component_id: int) -> MediaStream | None:
        """The stream of one output of one run, or ``None``."""
        with self._lock:
            runs = self._sessions.get(session_hash)
            streams = runs.get(run) if runs is not None else None
            return streams.get(component_id) if streams is not None else None

    def drop_session(self, session_hash: str) -> None:
        """End and forget every stream of a session."""
        with self._lock:
            runs = self._sessions.pop(session_hash, None)
        for streams in (runs or {}).values():
            for stream in streams.values():
                stream.end()

    def close(self) -> None:
        """End every stream (server shutdown): waiting playlist requests return at once."""
        with self._lock:
            sessions, self._sessions = self._sessions, {}
        for runs in sessions.values():
            for streams in runs.values():
                for stream in streams.values():
                    stream.end()


def stream_path(session_hash: str, run: str, component_id: int) -> str:
    """The ``path`` of a streamed output's FileData (what the stream routes are keyed by)."""
    return f"{session_hash}/{run}/{component_id}/playlist.m3u8"
