"""``gr.validate``: what a listener's ``validator=`` function returns, and how its answer is read.

A validator receives the same input values as the listener's function and returns one
``gr.validate(is_valid, message)`` per input (anything else at a position counts as valid). If any
is invalid the function does not run: ``POST /queue/join`` (and ``/call``) answer 422 with one entry
per input, and the page shows each message next to its input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["is_validation", "read_validation", "validate"]


def validate(is_valid: bool, message: str) -> dict[str, Any]:
    """The result of checking one input, returned by a listener's ``validator`` (one per input, in order).

    Parameters:
        is_valid: Whether the input passed.
        message: What to show next to the input when it did not.
    """
    return {"__type__": "validate", "is_valid": is_valid, "message": message}


def is_validation(value: Any) -> bool:
    """Whether ``value`` is a ``gr.validate(...)`` result."""
    return isinstance(value, dict) and value.get("__type__") == "validate"


def read_validation(results: Sequence[Any], names: Sequence[str | None]) -> tuple[bool, list[dict[str, Any]]]:
    """Whether every input passed, and the entries of the 422 answer (one per input, in the inputs' order).

    A ``gr.validate`` result is sent as it is with ``parameter_name`` (the function parameter the input
    fills, or ``parameter_<i>``) added; anything else at a position counts as valid.
    """
    entries: list[dict[str, Any]] = []
    for index, result in enumerate(results):
        if is_validation(result):
            name = names[index] if index < len(names) else None
            entries.append({**result, "parameter_name": name if name is not None else f"parameter_{index}"})
        else:
            entries.append({"is_valid": True, "message": ""})
    return all(entry.get("is_valid") is True for entry in entries), entries
