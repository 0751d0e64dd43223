"""``gr.update(...)``: change a component's props (and value) from a function's return."""

from __future__ import annotations

from typing import Any

UPDATE_TYPE = "update"


def update(**props: Any) -> dict[str, Any]:
    """Return this from a function to change an output's props, e.g. ``gr.update(visible=False)``.

    ``value=`` changes the value too; props that are not given stay as they are.
    """
    props["__type__"] = UPDATE_TYPE
    return props


def skip() -> dict[str, Any]:
    """Return this to leave an output exactly as it is."""
    return {"__type__": UPDATE_TYPE}


def is_update(value: Any) -> bool:
    """Whether ``value`` is a ``gr.update(...)`` dict (or ``gr.skip()``)."""
    return isinstance(value, dict) and value.get("__type__") == UPDATE_TYPE
