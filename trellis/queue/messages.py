r"""The queue's SSE messages (PROTOCOL.md section 4.3), encoded as ``data: <json>\n\n`` blocks.

Each message is built as a dict in the order the captures show and encoded once
with orjson; nothing here touches sockets.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from trellis.exceptions import Error

# Every message on /queue/data carries "seq" as its last key (see trellis/queue/log.py): the
# session's log numbers event messages; the messages below belong to one connection and carry the
# seq of the last logged message sent before them (0 when none).
SESSION_NOT_FOUND = (
    b'data: {"msg":"unexpected_error","event_id":null,"message":"404: Not Found",'
    b'"session_not_found":true,"success":false,"seq":0}\n\n'
)


def heartbeat(seq: int) -> bytes:
    """The ``heartbeat`` of an idle stream; ``seq``: the last logged message sent on it."""
    return b'data: {"msg":"heartbeat","event_id":null,"seq":%d}\n\n' % seq


def close_stream(seq: int) -> bytes:
    """The ``close_stream`` that ends a stream; ``seq``: the last logged message sent on it."""
    return b'data: {"msg":"close_stream","event_id":null,"seq":%d}\n\n' % seq


def resume_lost(after: int, seq: int) -> bytes:
    """The ``unexpected_error`` that ends a stream which cannot resume after message ``after``.

    The messages after it are no longer buffered (or the session never sent it); ``seq``: the
    session's latest.
    """
    return encode(
        {
            "msg": "unexpected_error",
            "event_id": None,
            "message": f"Cannot resume the stream after message {after}: "
            "the messages after it are no longer buffered on the server.",
            "resume_lost": True,
            "success": False,
            "seq": seq,
        }
    )


def _default(value: Any) -> Any:
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def encode(message: dict[str, Any]) -> bytes:
    """One SSE block: ``data: `` + compact JSON + blank line."""
    return b"data: " + orjson.dumps(message, default=_default, option=orjson.OPT_NON_STR_KEYS) + b"\n\n"


def dumps(value: Any) -> bytes:
    """JSON bytes of ``value`` (numpy values, dataclasses and other objects included)."""
    return orjson.dumps(value, default=_default, option=orjson.OPT_NON_STR_KEYS)


def estimation(event_id: str, rank: int, queue_size: int, rank_eta: float | None) -> bytes:
    """The ``estimation`` message: an event's place in the queue."""
    return encode(
        {"msg": "estimation", "event_id": event_id, "rank": rank, "queue_size": queue_size, "rank_eta": rank_eta}
    )


def process_starts(event_id: str, eta: float | None) -> bytes:
    """The ``process_starts`` message: an event's function starts."""
    return encode({"msg": "process_starts", "event_id": event_id, "eta": eta})


def progress(event_id: str, units: list[dict[str, Any]]) -> bytes:
    """The ``progress`` message: the levels of ``gr.Progress`` of a running event."""
    return encode({"msg": "progress", "event_id": event_id, "progress_data": units})


def log(event_id: str, level: str, text: str, duration: float | None, visible: bool, title: str) -> bytes:
    """The ``log`` message: ``gr.Info``/``gr.Warning`` (or a ``gr.Error`` shown as a toast)."""
    return encode(
        {
            "msg": "log",
            "event_id": event_id,
            "log": text,
            "level": level,
            "duration": None if duration is None else float(duration),
            "visible": visible,
            "title": title,
        }
    )


def success_output(
    data: list[Any], duration: float, average: float | None, changed_state_ids: list[int], generating: bool
) -> dict[str, Any]:
    """The ``output`` of a successful step: the data, timings and the State ids that changed."""
    return {
        "data": data,
        "is_generating": generating,
        "duration": round(duration, 3),
        "average_duration": None if average is None else round(average, 3),
        "render_config": None,
        "changed_state_ids": changed_state_ids,
        "used_cache": None,
    }


def process_generating(event_id: str, output: dict[str, Any]) -> bytes:
    """The ``process_generating`` message: one yielded output of a generator."""
    return encode(
        {"msg": "process_generating", "event_id": event_id, "output": output, "success": True, "time_limit": None}
    )


def process_completed(
    event_id: str, output: dict[str, Any], duration: float, average: float | None, used_cache: str | None = None
) -> bytes:
    """The ``process_completed`` message of a successful event.

    ``used_cache``: ``"full"`` when the function is a ``@gr.cache`` one that answered from its cache,
    ``"partial"`` when a cache answered inside it (then ``output`` says so too), as Gradio reports them.
    """
    if used_cache == "partial":
        output = {**output, "used_cache": "partial"}
    return encode(
        {
            "msg": "process_completed",
            "event_id": event_id,
            "output": output,
            "success": True,
            "title": None,
            "used_cache": used_cache,
            "cache_duration": round(duration, 3),
            "avg_time": None if average is None else round(average, 3),
        }
    )


def cancelled(event_id: str) -> bytes:
    """The ``process_completed`` message of a cancelled event."""
    return encode(
        {
            "msg": "process_completed",
            "event_id": event_id,
            "output": {},
            "success": True,
            "title": None,
            "used_cache": None,
            "cache_duration": None,
            "avg_time": None,
        }
    )


def error_output(exc: BaseException, show_error: bool) -> dict[str, Any]:
    """The ``output`` of a failed event: only ``error``, ``duration``, ``visible``, ``title``."""
    if isinstance(exc, Error):
        return {"error": exc.message, "duration": exc.duration, "visible": exc.visible, "title": exc.title}
    if show_error:
        return {"error": str(exc), "visible": True}
    return {"error": None}


def failed(event_id: str, output: dict[str, Any]) -> bytes:
    """The ``process_completed`` message of a failed event (``output`` holds the error)."""
    title = output.get("title", "Error")
    return encode(
        {
            "msg": "process_completed",
            "event_id": event_id,
            "output": output,
            "success": False,
            "title": title,
            "used_cache": None,
            "cache_duration": None,
            "avg_time": None,
        }
    )


# -- the /call REST API: named SSE events with full values (json.dumps style) -------


def rest_event(kind: str, data: Any) -> bytes:
    """One named SSE event of the ``/call`` REST API stream."""
    return f"event: {kind}\ndata: {json.dumps(data, default=_default)}\n\n".encode()
