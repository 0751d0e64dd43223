"""Edit lists between successive outputs of a generator (PROTOCOL.md section 4.5).

The first ``process_generating`` message of an event carries full values; every
later one carries, per output, the edits that turn the previous value into the new
one. Long streamed strings therefore cost only their new suffix on the wire.
"""

from __future__ import annotations

from typing import Any

Edit = list[Any]  # [op, path, value]


def diff(old: Any, new: Any, path: list[Any] | None = None) -> list[Edit]:
    """Edits (``replace``/``append``/``add``/``delete``) turning ``old`` into ``new``."""
    edits: list[Edit] = []
    _diff(old, new, [] if path is None else path, edits)
    return edits


def _diff(old: Any, new: Any, path: list[Any], edits: list[Edit]) -> None:
    if old is new:
        return
    old_type, new_type = type(old), type(new)
    if old_type is not new_type:
        # bool is an int subclass and 1 == True: a type change is always a replace.
        edits.append(["replace", path, new])
        return
    if old_type is str:
        if old == new:
            return
        if new.startswith(old):
            edits.append(["append", path, new[len(old) :]])
        else:
            edits.append(["replace", path, new])
        return
    if old_type is list:
        if old == new:  # compared in C: unchanged subtrees (earlier chat messages) cost no Python calls
            return
        common = min(len(old), len(new))
        for index in range(common):
            _diff(old[index], new[index], [*path, index], edits)
        for _ in range(len(old) - len(new)):
            edits.append(["delete", [*path, len(new)], None])
        for index in range(len(old), len(new)):
            edits.append(["add", [*path, index], new[index]])
        return
    if old_type is dict:
        if old == new:
            return
        for key, value in old.items():
            if key in new:
                _diff(value, new[key], [*path, key], edits)
        for key in old:
            if key not in new:
                edits.append(["delete", [*path, key], None])
        for key, value in new.items():
            if key not in old:
                edits.append(["add", [*path, key], value])
        return
    if old != new:
        edits.append(["replace", path, new])


def apply(value: Any, edits: list[Edit]) -> Any:
    """Apply edits to a value (the inverse of :func:`diff`, as the clients do)."""
    for op, path, new in edits:
        value = _apply_one(value, op, list(path), new)
    return value


def _apply_one(value: Any, op: str, path: list[Any], new: Any) -> Any:
    if not path:
        if op == "replace":
            return new
        if op == "append":
            return value + new
        raise ValueError(f"Cannot {op} at the root")
    parent = value
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if op == "replace":
        parent[last] = new
    elif op == "append":
        parent[last] += new
    elif op == "add":
        if isinstance(parent, list):
            parent.insert(last, new)
        else:
            parent[last] = new
    elif op == "delete":
        del parent[last]
    else:
        raise ValueError(f"Unknown edit {op!r}")
    return value
