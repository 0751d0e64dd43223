"""``gr.update(...)``: change a component's props (and value) from a function's return."""

from __future__ import annotations

import functools
import inspect
from typing import Any, Literal

UPDATE_TYPE = "update"

#: Props Gradio sends after the others in an update, in this order (then ``value``, then ``__type__``).
_LAST = ("elem_id", "elem_classes", "visible")


def update(
    elem_id: str | None = None,
    elem_classes: list[str] | str | None = None,
    visible: bool | Literal["hidden"] | None = None,
    **props: Any,
) -> dict[str, Any]:
    """Return this from a function to change an output's props, e.g. ``gr.update(visible=False)``.

    ``value=`` changes the value too; props that are not given (or given as ``None`` for ``elem_id``,
    ``elem_classes`` and ``visible``, as in Gradio) stay as they are.

    Args:
        elem_id: A new HTML id for the component's wrapper.
        elem_classes: New HTML classes for the component's wrapper.
        visible: True shows it, False removes it from the page, "hidden" keeps it in the page unseen.
        props: Any other prop of the component, and ``value``.
    """
    props["__type__"] = UPDATE_TYPE
    if elem_id is not None:
        props["elem_id"] = elem_id
    if elem_classes is not None:
        props["elem_classes"] = elem_classes
    if visible is not None:
        props["visible"] = visible
    return props


def skip() -> dict[str, Any]:
    """Return this to leave an output exactly as it is."""
    return {"__type__": UPDATE_TYPE}


def is_update(value: Any) -> bool:
    """Whether ``value`` is a ``gr.update(...)`` dict (or ``gr.skip()``)."""
    return isinstance(value, dict) and value.get("__type__") == UPDATE_TYPE


def ordered_update(update: dict[str, Any]) -> dict[str, Any]:
    """``update`` with its keys in the order Gradio sends them.

    The props in the order given, but ``elem_id``, ``elem_classes`` and ``visible`` after them, then
    ``value``, then ``__type__``.
    """
    out = {k: v for k, v in update.items() if k not in _LAST and k not in ("value", "__type__")}
    out.update((k, update[k]) for k in _LAST if k in update)
    if "value" in update:
        out["value"] = update["value"]
    out["__type__"] = UPDATE_TYPE
    return out


def check_update_props(cls: type, props: Any) -> None:
    """Refuse props that ``cls``'s constructor does not take, with the ``TypeError`` Python gives for the call.

    Gradio builds the component from an update's props, so a misspelt prop fails there too.
    """
    accepted, takes_any = _parameters(cls)
    if takes_any:
        return
    for name in props:
        if name not in accepted:
            raise TypeError(f"{cls.__name__}.__init__() got an unexpected keyword argument {name!r}")


@functools.cache
def _parameters(cls: type) -> tuple[frozenset[str], bool]:
    params = inspect.signature(cls.__init__).parameters.values()  # type: ignore[misc]
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params)
    return frozenset(p.name for p in params if p.name != "self"), takes_any
