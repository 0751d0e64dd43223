"""The cache store, content hashing and the ``gr.cache`` / ``gr.Cache`` objects, outside a server."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

import trellis as gr
from trellis import caching


def test_equal_contents_hash_equal_and_different_ones_do_not() -> None:
    a = np.arange(12).reshape(3, 4)
    assert caching.cache_hash(a) == caching.cache_hash(a.copy())
    assert caching.cache_hash(a) != caching.cache_hash(a.astype(float))
    assert caching.cache_hash(a) != caching.cache_hash(a.reshape(4, 3))
    assert caching.cache_hash({"x": [1, 2], "y": "z"}) == caching.cache_hash({"y": "z", "x": [1, 2]})
    assert caching.cache_hash([1, 2]) != caching.cache_hash((1, 2))
    assert caching.cache_hash(1) != caching.cache_hash("1")


def test_the_store_evicts_by_count_and_by_memory() -> None:
    store = caching.CacheStore(max_size=2)
    for key in ("a", "b"):
        store.put(key, {"value": key})
    assert store.get("a") is not None  # "a" is now the most recently used
    store.put("c", {"value": "c"})
    assert store.get("b") is None and store.get("a") is not None and len(store) == 2

    sized = caching.CacheStore(max_size=0, max_memory="1kb")
    sized.put("big1", {"value": b"x" * 600})
    sized.put("big2", {"value": b"x" * 600})
    assert sized.get("big1") is None and sized.get("big2") is not None


def test_max_memory_and_max_size_are_checked() -> None:
    with pytest.raises(ValueError, match="max_memory"):
        gr.Cache(max_memory="lots")
    with pytest.raises(ValueError, match="max_size"):
        gr.Cache(max_size=-1)


def test_decorated_functions_memoise_sync_async_and_generators() -> None:
    calls: list[Any] = []

    @gr.cache
    def add(a: int, b: int = 1) -> int:
        calls.append((a, b))
        return a + b

    assert add(1) == add(1, 1) == add(a=1, b=1) == 2  # the same call, however it is written
    assert calls == [(1, 1)]

    @gr.cache(max_size=8)
    async def twice(x: int) -> int:
        calls.append(x)
        return 2 * x

    assert asyncio.run(twice(4)) == asyncio.run(twice(4)) == 8
    assert calls.count(4) == 1

    @gr.cache
    def steps(n: int) -> Any:
        calls.append(("steps", n))
        yield from range(n)

    assert list(steps(3)) == list(steps(3)) == [0, 1, 2]
    assert calls.count(("steps", 3)) == 1


def test_runtime_gr_cache_finds_the_same_cache_each_time() -> None:
    calls: list[int] = []

    def lookup(x: int) -> int:
        calls.append(x)
        return x

    for _ in range(3):
        assert gr.cache(lookup)(7) == 7
    assert calls == [7]
    with pytest.raises(TypeError, match="gr.cache"):
        gr.cache(lookup(1))  # type: ignore[call-overload]


def test_a_usage_tracks_full_and_partial_hits() -> None:
    @gr.cache
    def inner(x: int) -> int:
        return x

    c = gr.Cache()
    c.set("k", value=1)
    with caching.track("s") as usage:
        inner(1)
    assert usage.used_cache(inner) is None
    with caching.track("s") as usage:
        inner(1)
    assert usage.used_cache(inner) == "full"
    assert usage.used_cache(lambda: None) == "partial"  # a helper's hit inside another function
    with caching.track("s") as usage:
        assert c.get("k") == {"value": 1}
    assert usage.used_cache(inner) == "partial"


def test_per_session_cache_keys_and_clearing() -> None:
    c = gr.Cache(per_session=True)
    with caching.track("alice"):
        c.set("greeting", text="hi alice")
    with caching.track("bob"):
        assert c.get("greeting") is None
        c.set("other", text="hi bob")
        assert c.keys() == ["other"]
    with caching.track("alice"):
        assert c.get("greeting") == {"text": "hi alice"}
    caching.clear_session_caches("alice")
    with caching.track("alice"):
        assert c.get("greeting") is None
    assert len(c) == 1
