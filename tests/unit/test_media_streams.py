"""The media stream registry: playlists, blocking waits, per-session runs."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from trellis.processing.media_stream import MediaStream, MediaStreams, stream_path

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` on a thread of its own: the browser tests' Playwright keeps an event loop
    running on the main thread for the whole session."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_playlist_lists_segments_and_ends() -> None:
    stream = MediaStream("mp3", "audio/mpeg")
    assert stream.playlist().splitlines()[:2] == ["#EXTM3U", "#EXT-X-VERSION:4"]
    stream.add(b"\xff\xfb", 0.5)
    stream.add(b"", 1.0)  # nothing encoded yet: no segment
    stream.add(b"\xff\xfb\x00", 2.4)
    text = stream.playlist("__sign=abc")
    assert "#EXT-X-TARGETDURATION:3" in text
    assert "#EXTINF:0.500000,\n0.mp3?__sign=abc\n#EXTINF:2.400000,\n1.mp3?__sign=abc\n" in text
    assert "#EXT-X-ENDLIST" not in text
    stream.end()
    assert stream.playlist().endswith("#EXT-X-ENDLIST\n")
    stream.add(b"late", 1.0)  # ignored once ended
    assert len(stream.segments) == 2 and stream.segment(1).data == b"\xff\xfb\x00"
    assert stream.segment(2) is None and stream.segment(-1) is None


def test_wait_for_wakes_on_a_segment_from_another_thread() -> None:
    stream = MediaStream("mp3", "audio/mpeg")

    async def scenario() -> list[str]:
        order: list[str] = []
        waiter = asyncio.create_task(stream.wait_for(0, timeout=10))
        await asyncio.sleep(0.05)
        order.append("waiting" if not waiter.done() else "done early")
        threading.Thread(target=stream.add, args=(b"x", 1.0)).start()
        await asyncio.wait_for(waiter, timeout=5)
        order.append("woken")
        await stream.wait_for(0, timeout=10)  # already there: returns at once
        ender = asyncio.create_task(stream.wait_for(5, timeout=10))
        await asyncio.sleep(0.05)
        stream.end()
        await asyncio.wait_for(ender, timeout=5)
        order.append("ended")
        return order

    assert run(scenario()) == ["waiting", "woken", "ended"]


def test_wait_for_gives_up_after_its_timeout() -> None:
    stream = MediaStream("mp3", "audio/mpeg")
    run(stream.wait_for(0, timeout=0.05))
    assert stream.segments == [] and not stream.ended


def test_registry_keeps_a_few_runs_per_session_and_drops_sessions() -> None:
    streams = MediaStreams(runs_per_session=2)
    first = streams.open("s", "run1", 3, "mp3", "audio/mpeg")
    assert streams.open("s", "run1", 3, "mp3", "audio/mpeg") is first
    streams.open("s", "run2", 3, "mp3", "audio/mpeg")
    streams.open("s", "run3", 3, "mp3", "audio/mpeg")
    assert streams.get("s", "run1", 3) is None and first.ended  # the oldest run was ended and dropped
    other = streams.open("t", "run1", 3, "mp3", "audio/mpeg")
    streams.drop_session("s")
    assert streams.get("s", "run3", 3) is None and streams.get("t", "run1", 3) is other
    streams.close()
    assert other.ended and streams.get("t", "run1", 3) is None
    assert stream_path("s", "r", 7) == "s/r/7/playlist.m3u8"
