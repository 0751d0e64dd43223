"""The in-memory per-session message log (trellis/queue/log.py): numbering, reading after a position, bounds."""

from __future__ import annotations

import json

from trellis.queue import messages
from trellis.queue.log import MemoryLog, with_seq


def message(i: int) -> bytes:
    return messages.encode({"msg": "log", "event_id": "e", "log": str(i)})


def decoded(raw: list[bytes] | None) -> list[tuple[int, str]]:
    assert raw is not None
    out = []
    for block in raw:
        assert block.startswith(b"data: ") and block.endswith(b"}\n\n")
        value = json.loads(block[6:])
        out.append((value["seq"], value["log"]))
    return out


def test_seq_is_added_as_the_last_key() -> None:
    assert with_seq(b'data: {"msg":"x","event_id":null}\n\n', 7) == b'data: {"msg":"x","event_id":null,"seq":7}\n\n'


def test_messages_are_numbered_from_one_and_read_after_a_position() -> None:
    log = MemoryLog()
    assert log.last_seq == 0 and log.read_after(0) == []
    assert [log.append(message(i)) for i in range(5)] == [1, 2, 3, 4, 5]
    assert decoded(log.read_after(0)) == [(1, "0"), (2, "1"), (3, "2"), (4, "3"), (5, "4")]
    assert decoded(log.read_after(3)) == [(4, "3"), (5, "4")]
    assert log.read_after(5) == []
    assert log.read_after(6) is None  # a position this log never gave


def test_the_count_bound_trims_the_oldest() -> None:
    log = MemoryLog(max_messages=3)
    for i in range(10):
        log.append(message(i))
        log.mark_delivered(i + 1)
    assert len(log) == 3
    assert decoded(log.read_after(7)) == [(8, "7"), (9, "8"), (10, "9")]
    assert log.read_after(6) is None


def test_the_byte_bound_trims_the_oldest_but_keeps_the_newest() -> None:
    one = len(with_seq(message(0), 1))
    log = MemoryLog(max_bytes=3 * one)
    for i in range(6):
        log.append(message(i))
    log.mark_delivered(6)
    assert len(log) == 3 and log.size == 3 * one
    assert decoded(log.read_after(3)) == [(4, "3"), (5, "4"), (6, "5")]
    log.max_bytes = 1
    log.append(message(6))
    log.mark_delivered(7)
    assert decoded(log.read_after(6)) == [(7, "6")]  # larger than the bound alone, still kept


def test_replace_last_keeps_the_seq_and_the_byte_count() -> None:
    log = MemoryLog()
    log.append(message(0))
    log.append(message(1))
    assert log.replace_last(messages.encode({"msg": "log", "event_id": "e", "log": "longer"})) == 2
    assert decoded(log.read_after(0)) == [(1, "0"), (2, "longer")]
    assert log.size == sum(len(b) for b in log.read_after(0) or [])


def test_trim_and_drop_keep_the_numbering() -> None:
    log = MemoryLog()
    for i in range(5):
        log.append(message(i))
    log.trim(3)
    assert decoded(log.read_after(3)) == [(4, "3"), (5, "4")]
    assert log.read_after(2) is None
    log.drop()
    assert len(log) == 0 and log.size == 0
    assert log.read_after(5) == [] and log.read_after(4) is None
    assert log.append(message(5)) == 6


def test_messages_not_yet_sent_are_kept_past_the_resume_bound() -> None:
    """A fast generator before its client's stream opens: nothing the client has not received is lost."""
    log = MemoryLog(max_messages=3, max_bytes=10**6)
    for i in range(10):
        log.append(message(i))
    assert decoded(log.read_after(0)) == [(i + 1, str(i)) for i in range(10)]
    log.mark_delivered(8)  # a stream sent 1..8: the bound now trims among those, keeping the unsent 9, 10
    assert decoded(log.read_after(7)) == [(8, "7"), (9, "8"), (10, "9")]
    assert log.read_after(6) is None


def test_the_cap_on_unsent_messages_protects_the_server_from_a_client_that_never_reads() -> None:
    log = MemoryLog(max_messages=3, max_pending_messages=5)
    for i in range(8):
        log.append(message(i))
    assert decoded(log.read_after(3)) == [(4, "3"), (5, "4"), (6, "5"), (7, "6"), (8, "7")]
    assert log.read_after(2) is None
